"""The app server's floor: gunicorn serving a page's bytes from a bare WSGI function.

`gunicorn newsroom.bench.floor:application` with NEWSROOM_BENCH_FLOOR_PAGE naming a file: no
Django, no middleware, no cache, the bytes from memory. A kept page served by Django can only
come close to this; the bench prints how close.
"""

import os

with open(os.environ["NEWSROOM_BENCH_FLOOR_PAGE"], "rb") as page:
    PAGE = page.read()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [PAGE]

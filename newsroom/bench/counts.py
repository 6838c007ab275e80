"""What one kept answer costs, counted rather than timed: `manage.py bench --counts`.

Load moves req/s; it does not move how many Python function calls (cProfile), round trips to
Redis and database queries a request makes. This file is run as a script by the bench, once
per checkout served (`python counts.py CHECKOUT REQUESTS PATH [HEADER=VALUE]...`, in the
production environment the bench's servers get): it imports that checkout's WSGI application,
warms each address and prints one JSON line per address, averaged over REQUESTS requests sent
through the application as gunicorn would send them.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time


def environ(path, headers):
    address, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": address,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        # As the bench's TLS proxy sends it (newsroom.bench.load.PROXY_HEADERS).
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
    }


def send(application, path, headers):
    """One request through the application: (status line, headers, body)."""
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered.update(status=status, headers=dict(response_headers))

    body = application(environ(path, headers), start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answered["status"], answered["headers"], content


def count(application, path, headers, requests):
    import redis.connection
    from django.db import connection

    for _ in range(3):
        status, answered, content = send(application, path, headers)
    sent, queries = [], []
    original = redis.connection.Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        sent.append(1)
        return original(self, command, *args, **kwargs)

    def noting(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    redis.connection.Connection.send_packed_command = counting
    try:
        with connection.execute_wrapper(noting):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(requests):
                send(application, path, headers)
            profiler.disable()
    finally:
        redis.connection.Connection.send_packed_command = original
    started = time.process_time()
    for _ in range(requests):
        send(application, path, headers)
    cpu = time.process_time() - started
    return {
        "path": path,
        "status": status,
        "served": answered.get("X-Page-Cache", "-"),
        "bytes": len(content),
        "calls": pstats.Stats(profiler).total_calls / requests,
        "round_trips": len(sent) / requests,
        "queries": len(queries) / requests,
        "cpu_ms": cpu / requests * 1000,
    }


def main(checkout, requests, addresses):
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from newsroom.wsgi import application

    for address in addresses:
        path, *pairs = address.split(" ")
        headers = dict(pair.split("=", 1) for pair in pairs)
        print(json.dumps(count(application, path, headers, requests)), flush=True)


if __name__ == "__main__":
    # The script's own folder is not the checkout's package: only the checkout is imported.
    sys.path.pop(0)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])

"""Kept answers served in front of Django's stack: the WSGI application gunicorn runs.

A hit needs one round trip to Redis and nothing of Django's request handling (no middleware,
no signals, no session, CSRF or database); it sends what the stack's answer from the same
kept copy would send, byte for byte (newsroom.caching.pages.sent). Everything else (misses,
personal pages, the state in PostgreSQL, Redis unreachable) goes to the stack, whose page
cache decides as before.
"""

from newsroom.caching.pages import answer_early


class KeptFirst:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = answer_early(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

"""gunicorn hooks (`-c python:newsroom.bench.timing`): each POST's own time in the server.

With NEWSROOM_BENCH_TIMINGS naming a file, every POST adds a line to it: method, path,
status, wall milliseconds and CPU milliseconds of the worker, from the request read to the
response written. A sync worker serves one request at a time, so its CPU time between the two
hooks is that request's. The bench reads the file for the comment posts' server time, which a
busy machine's client round trip would overstate.
"""

import os
import time


def pre_request(worker, req):
    worker.bench_started = (time.perf_counter(), time.process_time())


def post_request(worker, req, environ, resp):
    path = os.environ.get("NEWSROOM_BENCH_TIMINGS")
    started = getattr(worker, "bench_started", None)
    if not path or started is None or req.method != "POST":
        return
    wall = (time.perf_counter() - started[0]) * 1000
    cpu = (time.process_time() - started[1]) * 1000
    status = str(resp.status).split()[0] if resp is not None else "-"
    with open(path, "a") as timings:
        timings.write(f"{req.method} {req.path} {status} {wall:.3f} {cpu:.3f}\n")


def read(path):
    """[(path, status, wall ms, cpu ms)] from a timings file."""
    rows = []
    with open(path) as timings:
        for line in timings:
            _method, url, status, wall, cpu = line.split()
            rows.append((url, status, float(wall), float(cpu)))
    return rows

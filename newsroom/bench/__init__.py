"""The benchmarks, outside the product: `manage.py bench`, `bench_search` and `bench_live`.

runner.py is `make bench` (reader pages under wrk against gunicorn in production mode), with
content.py (the content it builds), load.py (servers, wrk, comment posts), nginx.py (the
README's proxy cache in front) and timing.py (gunicorn hooks timing each post); search.py times
search over 100,000 stories; live.py the live-updates endpoint. The commands in
newsroom/management/commands/ only read their options and call these.
"""

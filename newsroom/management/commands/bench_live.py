from newsroom.bench.live import Command  # noqa: F401

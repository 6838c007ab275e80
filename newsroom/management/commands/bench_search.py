from newsroom.bench.search import Command  # noqa: F401

from newsroom.bench.runner import Command  # noqa: F401

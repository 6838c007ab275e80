"""Development tooling: the embedded PostgreSQL and the pytest plugin that starts it."""

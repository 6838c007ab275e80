"""Where the admin's autodiscovery looks for articles' registrations; they live with the desk."""

from articles.desk import admin  # noqa: F401

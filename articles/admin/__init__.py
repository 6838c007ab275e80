# Importing the modules registers their admins with the site.
from articles.admin import articles, corrections, images, live, sections  # noqa: F401

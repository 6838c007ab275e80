# Importing the modules registers their admins with the site.
from articles.admin import articles, images, sections  # noqa: F401

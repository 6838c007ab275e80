"""The desk's model admins; importing this package registers them with the admin site.

The story form and list, pictures, sections and bylines are here; corrections and live updates
keep their admins with the rest of their concern (articles/desk/corrections.py, live.py,
checks/admin.py for the checks before publishing).
articles/admin.py imports it, where the admin's autodiscovery looks.
"""

from articles.desk import corrections, embeds, live  # noqa: F401
from articles.desk.admin import articles, images, sections  # noqa: F401
from articles.desk.checks import admin as checks_admin  # noqa: F401

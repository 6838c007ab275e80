"""What each change to pages, menus and standards makes stale (newsroom.caching)."""

from newsroom.caching.tracking import track
from newsroom.pages.models import Menu, MenuItem, Page, Standards
from newsroom.pages.navigation import MENUS
from newsroom.pages.standards import STANDARDS

# Carried by what lists every page (the sitemap, search): a page added or removed.
EVERY_PAGE = "pages"


def page_changes(page, created=False):
    return [f"page-{page.pk}", EVERY_PAGE]


def menu_changes(row, created=False):
    return [MENUS]


def standards_changes(row, created=False):
    return [STANDARDS]


def register():
    """Called once, by PagesConfig.ready()."""
    track(Page, "page", page_changes)
    track(Menu, changes=menu_changes)
    track(MenuItem, changes=menu_changes)
    track(Standards, changes=standards_changes)

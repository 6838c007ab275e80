"""Which addresses are pages': those under a top-level page's slug.

Pages' URL comes before articles' (newsroom/urls.py). Its converter takes a path only when its
first part is a top-level page's slug, so /world/ and /world/a-story/ go on to the section and
the story. The slugs are kept (newsroom.caching.pieces) until a top-level page changes.
"""

from newsroom.caching.pieces import kept
from newsroom.caching.tracking import note

# Carried by whatever resolved an address: a top-level page added, moved, renamed or removed.
PAGE_ROOTS = "page-roots"


def root_slugs():
    return kept("page-roots", [], _root_slugs, listings=False)


def _root_slugs():
    from newsroom.pages.models import Page

    note([PAGE_ROOTS])
    return frozenset(Page.objects.filter(parent=None).values_list("slug", flat=True))


class PagePathConverter:
    """A page's path, "about" or "about/masthead": its slugs, joined by slashes."""

    regex = r"[-\w]+(?:/[-\w]+)*"

    def to_python(self, value):
        if value.split("/", 1)[0] not in root_slugs():
            # Not a page's: the resolver tries the next address (a section, a story).
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value

from django.contrib.sitemaps import Sitemap

from newsroom.caching.tracking import note
from newsroom.pages.models import Page


class PageSitemap(Sitemap):
    """The outlet's published pages, listed in the site's sitemap index."""

    def items(self):
        # A page published later must appear in the kept sitemap too.
        note(["pages"])
        return Page.objects.published().only("path", "updated_at").order_by("path")

    def lastmod(self, page):
        return page.updated_at

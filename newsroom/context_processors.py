from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from newsroom.caching.pieces import kept


def site(request):
    """The outlet's name and navigation, shown in every page's header and footer."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        # Worked out only by the pages that show it (not the admin's).
        "nav_sections": SimpleLazyObject(navigation_sections),
    }


def navigation_sections():
    """The sections in the navigation, kept until a section changes: every page shows them."""
    return kept("navigation", [], lambda: list(Section.objects.in_navigation()), listings=False)

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from articles.models import Section

NAVIGATION_KEY = "newsroom:navigation-sections"
NAVIGATION_SECONDS = 3600


def site(request):
    """The outlet's name and navigation, shown in every page's header and footer."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "nav_sections": navigation_sections(),
    }


def navigation_sections():
    """The sections in the navigation, kept in the shared cache: every page shows them."""
    sections = cache.get(NAVIGATION_KEY)
    if sections is None:
        sections = list(Section.objects.in_navigation())
        cache.set(NAVIGATION_KEY, sections, timeout=NAVIGATION_SECONDS)
    return sections


def forget_navigation(**kwargs):
    """A section saved or deleted (NewsroomConfig.ready): read the navigation again."""
    cache.delete(NAVIGATION_KEY)
    # Again after commit: a reader's request may have kept the old list meanwhile.
    transaction.on_commit(lambda: cache.delete(NAVIGATION_KEY), robust=True)

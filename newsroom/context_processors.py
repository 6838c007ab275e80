from django.conf import settings

from articles.models import Section


def site(request):
    """The outlet's name and navigation, shown in every page's header and footer."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "nav_sections": Section.objects.in_navigation(),
    }

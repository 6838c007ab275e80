from django.conf import settings
from django.utils.functional import SimpleLazyObject

from newsroom.pages import navigation, standards


def site(request):
    """The outlet's name, its menus and its standards, shown in every page's header and footer.

    Each is worked out only by the pages that show it (not the admin's), and kept until what it
    shows changes (newsroom.pages.navigation)."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "header_menu": SimpleLazyObject(navigation.header),
        # None when the phone shows the header's menu.
        "phone_menu": SimpleLazyObject(navigation.phone),
        "footer_menu": SimpleLazyObject(navigation.footer),
        "policies": SimpleLazyObject(standards.policies),
    }

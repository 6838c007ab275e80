from django.conf import settings

from newsroom.pages import navigation, standards


def site(request):
    """The outlet's name, its menus and its standards, shown in every page's header and footer.

    Each is a function the template calls where it shows it (not in the admin's pages), kept
    until what it shows changes (newsroom.pages.navigation): called inside a kept piece (the
    header, the footer), it tags that piece with what it shows, however often it was shown
    before on the page."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        "header_menu": navigation.header,
        # None when the phone shows the header's menu.
        "phone_menu": navigation.phone,
        "footer_menu": navigation.footer,
        "policies": standards.policies,
    }

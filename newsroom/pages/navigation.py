"""The menus readers see: built once and kept (newsroom.caching.pieces) until a menu, or a
section, page or topic a menu shows, changes. Every page shows them, so such a change makes
every kept page stale."""

from dataclasses import dataclass, field

from django.urls import reverse

from articles.invalidation import EVERY_SECTION
from articles.models import Section
from newsroom.caching.pieces import kept
from newsroom.caching.tracking import note
from newsroom.pages.models import Menu, MenuItem

# Carried by every menu: any menu's change (a link added, moved, a menu given a place).
MENUS = "menus"


@dataclass
class Link:
    label: str
    url: str
    children: list = field(default_factory=list)
    # Set for links to a section, so the header marks the section a page belongs to.
    section_id: int | None = None


def menu(place):
    """The links of the menu in this place, or None when it has none."""
    return kept("menu", [place], lambda: _build(place), listings=False)


def header():
    return menu(Menu.Place.HEADER) or sections()


def phone():
    """The phone menu when it differs from the header's, else None (the header's is shown)."""
    return menu(Menu.Place.PHONE)


def footer():
    return menu(Menu.Place.FOOTER) or sections()


def sections():
    """The default menu: the sections shown in the navigation."""
    return kept("menu-sections", [], _sections, listings=False)


def _sections():
    note([EVERY_SECTION])
    return [
        Link(section.name, section.get_absolute_url(), section_id=section.pk)
        for section in Section.objects.in_navigation()
    ]


def _build(place):
    note([MENUS])
    items = (
        MenuItem.objects.filter(menu__place=place)
        .select_related("section", "page", "tag")
        .order_by("position", "pk")
    )
    links = []
    for item in items:
        link = _link(item)
        if link is None:
            continue
        if item.nested and links:
            links[-1].children.append(link)
        else:
            links.append(link)
    # A heading whose links all went (unpublished pages) is left out too.
    return [link for link in links if link.url or link.children] or None


def _link(item):
    if item.section is not None:
        target = item.section
        return Link(item.label or target.name, target.get_absolute_url(), section_id=target.pk)
    if item.page is not None:
        if not item.page.is_published():
            return None
        return Link(item.label or item.page.title, item.page.get_absolute_url())
    if item.tag is not None:
        return Link(
            item.label or item.tag.name, reverse("articles:tag", kwargs={"slug": item.tag.slug})
        )
    return Link(item.label or item.url, item.url)

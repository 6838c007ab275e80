"""The export's pages and menus (nav_menu_item), imported once the file has been read: a page's
parent, and a menu item's page or category, may come after it in the file.

Pages keep their hierarchy and their WordPress addresses (/about/clearing-floats/ and
/?page_id=501 lead to them); menus come across with their links, nested one level (deeper
links are put under their top link). Menus get no place: WordPress keeps a theme's menu
locations outside the export, so an editor gives each a place in the admin. Like posts,
each page and link is known by its WordPress number, so importing the file again changes
nothing, and a page edited here keeps the edit (newsroom.wordpress.identity.merge_field).
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import unquote, urlsplit

from django.utils.text import slugify

from articles.models import Article, Section
from articles.sanitize import clean_body
from newsroom.pages.models import Menu, MenuItem, Page, root_slug_taken
from newsroom.wordpress.content import convert_body
from newsroom.wordpress.identity import merge_field
from newsroom.wordpress.parser import WxrItem, WxrTerm
from newsroom.wordpress.report import item_label
from newsroom.wordpress.text import (
    clean_slug,
    escape_cdata_markers,
    plain_text,
    strip_invisible,
    unique_value,
)

SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
MENU_ITEM_FIELDS = ("position", "label", "nested", "section_id", "page_id", "tag_id", "url")


class PagesAndMenus:
    """Collects the export's pages, menus and menu items while it streams; imports them after."""

    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.pages: dict[int, WxrItem] = {}
        self.menu_items: list[WxrItem] = []
        self.menus: dict[str, str] = {}  # WordPress menu slug: its name
        self.saved: dict[int, Page] = {}  # WordPress page ID: our page

    def collect(self, item: WxrItem) -> bool:
        """Keep a page or menu item for later; False for any other kind of item."""
        if item.post_type == "page":
            if item.status in SKIPPED_STATUSES:
                self.report.skipped["trashed pages, auto-drafts and revisions"] += 1
            elif item.wp_id is None:
                self.report.skipped["pages without a page ID"] += 1
            else:
                self.pages[item.wp_id] = item
            return True
        if item.post_type == "nav_menu_item":
            self.menu_items.append(item)
            for domain, slug, name in item.categories:
                if domain == "nav_menu":
                    self.menus.setdefault(slug, plain_text(name) or slug)
            return True
        return False

    def collect_term(self, term: WxrTerm) -> None:
        if term.taxonomy == "nav_menu" and term.slug:
            self.menus.setdefault(term.slug, plain_text(term.name) or term.slug)

    def run(self) -> None:
        for item in sorted(self.pages.values(), key=lambda i: (self._depth(i), i.menu_order)):
            self.importer._guarded(item_label(item), self._import_page, item)
        by_menu = defaultdict(list)
        for item in self.menu_items:
            for domain, slug, _ in item.categories:
                if domain == "nav_menu":
                    by_menu[slug].append(item)
        for slug, name in self.menus.items():
            self.importer._guarded(f"menu “{slug}”", self._import_menu, slug, name, by_menu[slug])
        if self.menus:
            self.report.notes[
                "Menus were imported without a place: give each one its place (header, "
                "footer, phone menu) in the admin (Pages and menus, then Menus)"
            ] += 1

    # --- pages -----------------------------------------------------------------------------

    def _depth(self, item: WxrItem) -> int:
        depth, seen = 0, {item.wp_id}
        while item.parent_id and item.parent_id in self.pages and item.parent_id not in seen:
            seen.add(item.parent_id)
            item, depth = self.pages[item.parent_id], depth + 1
        return depth

    def _import_page(self, item: WxrItem) -> Page:
        site = self.importer.site
        page = Page.objects.filter(wp_site=site, wp_post_id=item.wp_id).first()
        new = page is None
        parent = self.saved.get(item.parent_id) if item.parent_id else None
        if item.parent_id and parent is None:
            self.report.notes["Pages whose parent is not in the export were put at the root"] += 1
        converted = convert_body(escape_cdata_markers(item.content))
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        base = self._slug_base(item, parent)
        values = {
            "title": (plain_text(item.title) or base.replace("-", " ").capitalize())[:200],
            "slug": self._slug(base, parent, page),
            "parent_id": parent.pk if parent else None,
            "standfirst": plain_text(item.excerpt),
            "body": clean_body(converted.html),
            "status": self._status(item),
            "position": max(item.menu_order, 0),
        }
        if new:
            page = Page(wp_site=site, wp_post_id=item.wp_id)
        state, written = dict(page.wp_import_state), []
        for name, to_write in values.items():
            exported = base if name == "slug" else to_write
            here = None if new else getattr(page, name)
            decision = merge_field(state.get(name), exported, to_write, here, new=new)
            state[name] = list(decision.state)
            if decision.write:
                setattr(page, name, to_write)
                written.append(name)
        if new or written:
            page.wp_import_state = state
            if not new:
                page._change_reason = "WordPress import"
            page.save()
        elif state != page.wp_import_state:
            Page.objects.filter(pk=page.pk).update(wp_import_state=state)
        outcome = "created" if new else "updated" if written else "unchanged"
        thumbnail = item.postmeta.get("_thumbnail_id", "").strip()
        if thumbnail.isascii() and thumbnail.isdigit():
            changed = self.importer.images.use(page, int(thumbnail), item_label(item))
            outcome = "updated" if changed and outcome == "unchanged" else outcome
        self.report.count("page", outcome)
        self.saved[item.wp_id] = page
        if item.comments:
            self.report.skipped["comments on pages (pages take no comments)"] += len(item.comments)
        own = page.get_absolute_url()
        self.importer._point([p for p in self._old_paths(item) if p != own], page)
        return page

    def _slug_base(self, item: WxrItem, parent: Page | None) -> str:
        base = clean_slug(item.name, 120) or clean_slug(slugify(plain_text(item.title), True), 120)
        base = base or f"page-{item.wp_id}"
        if parent is None and root_slug_taken(base):
            # The address is a section's or the site's own: the old one redirects anyway.
            base = f"{base}-page"[:120]
        return base

    @staticmethod
    def _slug(base: str, parent: Page | None, page: Page | None) -> str:
        siblings = Page.objects.filter(parent=parent)
        if page is not None:
            if page.slug == base or page.slug.startswith(f"{base}-"):
                return page.slug
            siblings = siblings.exclude(pk=page.pk)
        return unique_value(base, lambda s: siblings.filter(slug=s).exists(), 120)

    def _status(self, item: WxrItem) -> str:
        if item.password:
            self.report.notes["Password-protected pages were imported as drafts"] += 1
            return Page.Status.DRAFT
        if item.status == "publish":
            return Page.Status.PUBLISHED
        self.report.notes[f"Pages with status “{item.status}” were imported as drafts"] += 1
        return Page.Status.DRAFT

    def _old_paths(self, item: WxrItem) -> list[str]:
        paths = [f"/?page_id={item.wp_id}"]
        path = self._site_path(item.link)
        if path and path != "/":
            paths.append(path)
        return paths

    def _site_path(self, url: str) -> str | None:
        """The path of an address on the exported site, as request.path spells it."""
        site = self.report.site
        link, blog = urlsplit(url), urlsplit(site.base_blog_url if site else "")
        if not link.path.strip("/") or link.query or link.netloc != blog.netloc:
            return None
        path = unquote(link.path)
        prefix = blog.path.rstrip("/")
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        # WordPress writes some links with a doubled slash (//greek/…).
        path = "/" + strip_invisible(path).lstrip("/")
        return path if path.endswith("/") else path + "/"

    # --- menus -----------------------------------------------------------------------------

    def _import_menu(self, slug: str, name: str, items: list[WxrItem]) -> Menu:
        site = self.importer.site
        menu = Menu.objects.filter(wp_site=site, wp_menu=slug).first()
        if menu is None:
            menu = Menu.objects.create(name=name[:100], wp_site=site, wp_menu=slug)
            self.report.count("menu", "created")
        else:
            self.report.count("menu", "unchanged")
        items = sorted(
            (i for i in items if i.wp_id is not None and i.status == "publish"),
            key=lambda i: (i.menu_order, i.wp_id),
        )
        parents = {i.wp_id: int(i.postmeta.get("_menu_item_menu_item_parent") or 0) for i in items}
        flattened = False
        position = 0
        for item in items:
            parent = parents[item.wp_id]
            if parent and parent in parents and parents[parent]:
                flattened = True
            target = self._target(item)
            label = plain_text(item.title)[:100]
            if target is None or not (label or any(target.values())):
                self.report.skipped["menu items whose page, category or post is not here"] += 1
                continue
            values = {
                "position": position,
                "label": label,
                "nested": bool(parent and parent in parents),
                "section_id": None,
                "page_id": None,
                "tag_id": None,
                "url": "",
                **target,
            }
            position += 1
            self._save_item(menu, item.wp_id, values)
        if flattened:
            self.report.notes[
                "Menu links nested more than one level deep were put under their top link"
            ] += 1
        return menu

    def _save_item(self, menu: Menu, wp_id: int, values: dict) -> None:
        link = MenuItem.objects.filter(menu=menu, wp_item_id=wp_id).first()
        if link is None:
            MenuItem.objects.create(menu=menu, wp_item_id=wp_id, **values)
            self.report.count("menu item", "created")
            return
        changed = [name for name in MENU_ITEM_FIELDS if getattr(link, name) != values[name]]
        for name in changed:
            setattr(link, name, values[name])
        if changed:
            link.save(update_fields=changed)
        self.report.count("menu item", "updated" if changed else "unchanged")

    def _target(self, item: WxrItem) -> dict | None:
        """What a menu item links to, as MenuItem's fields; {} for a heading; None: not here."""
        meta = item.postmeta
        kind, model = meta.get("_menu_item_type", ""), meta.get("_menu_item_object", "")
        object_id = meta.get("_menu_item_object_id", "").strip()
        number = int(object_id) if object_id.isascii() and object_id.isdigit() else None
        if kind == "custom":
            url = meta.get("_menu_item_url", "").strip()
            if url in ("", "#"):
                return {}
            return {"url": (self._site_path(url) or url)[:500]}
        if number is None:
            return None
        if kind == "taxonomy" and model == "category":
            nicename = self._category_by_term_id().get(number)
            section = nicename and Section.objects.filter(wp_category=nicename).first()
            return {"section_id": section.pk} if section else None
        if kind == "post_type" and model == "page":
            page = self.saved.get(number) or (
                Page.objects.filter(wp_site=self.importer.site, wp_post_id=number).first()
            )
            return {"page_id": page.pk} if page else None
        if kind == "post_type" and model == "post":
            story = Article.objects.filter(wp_site=self.importer.site, wp_post_id=number).first()
            return {"url": story.get_absolute_url()} if story else None
        return None

    def _category_by_term_id(self) -> dict[int, str]:
        return {
            category.term_id: nicename
            for nicename, category in self.importer._categories.items()
            if category.term_id is not None
        }

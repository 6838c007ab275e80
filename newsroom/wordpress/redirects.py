"""Old WordPress addresses: the ones each imported record had, kept as redirects to it."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType

from articles.models import Redirect
from newsroom.wordpress.parser import WxrCategory, WxrItem, WxrSite
from newsroom.wordpress.text import clean_slug, strip_invisible


def post_paths(item: WxrItem, site: WxrSite | None) -> list[str]:
    """The addresses WordPress answered for this post, as request.path spells them."""
    paths = [f"/?p={item.wp_id}"]
    slug = clean_slug(item.name)
    date = item.post_date or item.pub_date_gmt
    if slug:
        paths.append(f"/{slug}/")
        if date:
            paths += [f"/{date:%Y/%m/%d}/{slug}/", f"/{date:%Y/%m}/{slug}/"]
    link = urlsplit(item.link)
    blog = urlsplit(site.base_blog_url if site else "")
    if link.path.strip("/") and not link.query and link.netloc == blog.netloc:
        prefix = blog.path.rstrip("/")
        path = unquote(link.path)
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        paths.append(strip_invisible(path))
    return list(dict.fromkeys(paths))


def category_paths(nicename: str, categories: dict[str, WxrCategory]) -> list[str]:
    """/category/<slug>/ and, for nested categories, WordPress's /category/<parent>/<slug>/."""
    chain, seen = [nicename], {nicename}
    category = categories.get(nicename)
    while category and category.parent_nicename:
        parent = clean_slug(category.parent_nicename, 200)
        if parent in seen:
            break
        chain.insert(0, parent)
        seen.add(parent)
        category = categories.get(parent)
    paths = [f"/category/{nicename}/"]
    if len(chain) > 1:
        paths.append(f"/category/{'/'.join(chain)}/")
    return paths


def point(old_paths: list[str], target) -> int:
    """Redirect to target the old paths not redirected yet; returns how many were new."""
    old_paths = [p for p in old_paths if len(p) <= 500]
    taken = set(Redirect.objects.filter(old_path__in=old_paths).values_list("old_path", flat=True))
    content_type = ContentType.objects.get_for_model(target)
    new = [
        Redirect(old_path=path, content_type=content_type, object_id=target.pk)
        for path in old_paths
        if path not in taken
    ]
    Redirect.objects.bulk_create(new)
    return len(new)

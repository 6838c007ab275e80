from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.site import metadata
from newsroom.caching.pages import private
from newsroom.pages.models import Page


@require_safe
def page(request, path):
    if (response := page_at(request, path)) is None:
        raise Http404("No such page")
    return response


def page_at(request, path):
    """One of the outlet's pages, or None; a draft only for staff who may edit pages, and
    never kept for anyone else."""
    page = Page.objects.select_related("featured_image").filter(path=path).first()
    if page is None:
        return None
    previewing = not page.is_published()
    if previewing and not request.user.has_perm("pages.change_page"):
        return None
    parents = list(Page.objects.published().filter(path__in=page.ancestor_paths()))
    children = list(page.children.published().order_by("position", "title"))
    response = render(
        request,
        "pages/page.html",
        {
            "page": page,
            "trail": [*parents, page],
            "children": children,
            "previewing": previewing,
            "meta": metadata.outlet_page_meta(
                request,
                title=page.seo_title or page.title,
                description=metadata.plain(page.teaser),
                path=page.get_absolute_url(),
                image=metadata.share_image(page.featured_image),
            ),
        },
    )
    return private(response) if previewing else response

from django import template
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.urls import reverse

from articles.search import search_config, search_query
from articles.site import metadata
from newsroom.pages import standards
from newsroom.pages.models import Page

register = template.Library()

PAGES_FOUND = 5


@register.simple_tag
def pages_found(query):
    """The published pages matching a site search, best first: a few, above the stories."""
    if not query:
        return []
    config = search_config()
    vector = SearchVector("title", weight="A", config=config) + SearchVector(
        "standfirst", "body", weight="B", config=config
    )
    return list(
        Page.objects.published()
        .annotate(document=vector)
        .filter(document=search_query(query))
        .order_by("position", "title")[:PAGES_FOUND]
    )


@register.simple_tag
def standards_policies():
    return standards.policies()


@register.simple_tag(takes_context=True)
def page_schemas(context, page, trail):
    """The WebPage and BreadcrumbList of one of the outlet's pages."""
    request = context["request"]
    url = request.build_absolute_uri(page.get_absolute_url())
    web_page = {
        "@context": "https://schema.org",
        "@type": page_type(page),
        "@id": url,
        "url": url,
        "name": page.title,
        "description": metadata.plain(page.teaser),
        "inLanguage": settings.LANGUAGE_CODE,
        "dateModified": metadata.iso(page.updated_at),
        "publisher": metadata.publisher_schema(request),
    }
    if page.featured_image:
        web_page["image"] = metadata.image_urls(page.featured_image, request)
    crumbs = [("Home", reverse("articles:home"))]
    crumbs += [(step.title, step.get_absolute_url()) for step in trail]
    return [
        {key: value for key, value in web_page.items() if value != ""},
        metadata.trail_schema(crumbs, request),
    ]


def page_type(page):
    """AboutPage for the pages that say who the outlet is, ContactPage for feedback."""
    kinds = {policy.url: policy.schema_property for policy in standards.policies()}
    kind = kinds.get(page.get_absolute_url())
    if kind == "actionableFeedbackPolicy":
        return "ContactPage"
    if kind in ("masthead", "ownershipFundingInfo") or page.slug == "about":
        return "AboutPage"
    return "WebPage"

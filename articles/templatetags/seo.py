import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.site import corrections, live, metadata

register = template.Library()

# The same escapes as Django's json_script: the data can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def site_meta(context, title=None, robots=""):
    """The metadata of a page Django renders itself (a 404, an expired form), with no view of
    ours to build it."""
    return metadata.site_meta(context["request"], title=title, robots=robots)


@register.simple_tag(takes_context=True)
def article_schemas(context, article):
    """The NewsArticle (LiveBlogPosting while live) and BreadcrumbList of a story page."""
    request = context["request"]
    story = metadata.news_article_schema(article, request)
    story.update(metadata.correction_schema(corrections.visible(article)))
    story.update(metadata.live_blog_schema(article, live.updates(article), request))
    story.update(metadata.metered_schema(article))
    return [story, metadata.breadcrumb_schema(article, request)]


@register.simple_tag(takes_context=True)
def outlet_schema(context):
    """The outlet itself, NewsMediaOrganization with its policies: on the front page."""
    return {"@context": "https://schema.org", **metadata.publisher_schema(context["request"])}


@register.simple_tag(takes_context=True)
def author_schema(context, author):
    """The ProfilePage and Person of a byline's page."""
    return metadata.person_schema(author, context["request"])


@register.filter
def ld_json(data):
    """A <script type="application/ld+json"> element holding data (data, not code: CSP-safe)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))

from django import template

from newsroom.readership.counting import beacon_token
from newsroom.readership.ranking import most_read_box as cached_most_read

register = template.Library()


@register.inclusion_tag("readership/_most_read.html")
def most_read_box():
    """Today's and this week's most read stories: the same for every reader, so cached."""
    return {"box": cached_most_read()}


@register.inclusion_tag("readership/_beacon.html", takes_context=True)
def readership_beacon(context, article):
    """The counting script, on the published story's own page only (never on a preview)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    on_story_page = match is not None and match.view_name == "articles:detail"
    return {"token": beacon_token(article) if on_story_page else None}

from django import template

from newsroom.readership.counting import beacon_token
from newsroom.readership.ranking import most_read_box as cached_most_read

register = template.Library()
# articles' preview pages render the story page's template: editors' looks are not reads.
PREVIEWS = {"articles:preview", "articles:shared_preview"}


@register.inclusion_tag("readership/_most_read.html")
def most_read_box():
    """Today's and this week's most read stories: the same for every reader, so cached."""
    return {"box": cached_most_read()}


@register.inclusion_tag("readership/_beacon.html", takes_context=True)
def readership_beacon(context, article):
    """The counting script, on a published story's page, never on a preview of it nor on the
    page answering a refused comment (the reader has already been counted)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    preview = match is not None and match.view_name in PREVIEWS
    answer = request is not None and request.method == "POST"
    counted = article.is_published() and not preview and not answer
    return {"token": beacon_token(article) if counted else None}

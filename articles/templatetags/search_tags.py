from django import template

from articles.search import marked_html, snippet_html

register = template.Library()


@register.filter
def marked(text):
    """Search-highlighted text, escaped, with the matched words in <mark>."""
    return marked_html(text)


@register.filter
def snippet(article):
    """The search snippet of a result, highlighted, with ellipses where text was cut."""
    return snippet_html(article)

from django import template

from articles.search import marked_html

register = template.Library()


@register.filter
def marked(text):
    """Search-highlighted text, escaped, with the matched words in <mark>."""
    return marked_html(text)

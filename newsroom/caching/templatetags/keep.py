from django import template
from django.utils.safestring import mark_safe

from newsroom.caching.pieces import kept

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        if not context.get("keep_pieces"):
            # A preview, or a page answering one reader: built afresh, never kept.
            return self.nodelist.render(context)
        parts = [part.resolve(context) for part in self.parts]
        request = context.get("request")
        if request is not None:
            # Pieces may hold absolute addresses (share links, structured data).
            parts.append(request.get_host())
        return mark_safe(kept("template", parts, lambda: self.nodelist.render(context)))


@register.tag
def keep(parser, token):
    """{% keep "name" story ... %}...{% endkeep %}: the block, kept until what it shows changes.

    The values after the name tell this block's copies apart; stories (and other rows) among
    them make it stale when they change, as does anything tracked that the block reads
    (newsroom.caching.pieces). Everything else the block shows must be among the values. Only
    pages whose context sets `keep_pieces` (what every reader sees) keep anything.
    """
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("{% keep %} needs a name.")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, parts)

from django import template
from django.utils.safestring import mark_safe

from newsroom.caching.pieces import kept, kept_as_shown

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


class KeepShownNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        shown = [part.resolve(context) for part in self.parts]
        return kept_as_shown(
            self.name.resolve(context), shown, lambda: self.nodelist.render(context)
        )


@register.tag
def keep_shown(parser, token):
    """{% keep_shown "name" value ... %}...{% endkeep_shown %}: the block, kept under a digest
    of the values after the name, which must be everything it shows (newsroom.caching.pieces
    .kept_as_shown): for small parts repeated across pages, such as a story card."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% keep_shown %} needs a name.")
    name, *parts = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endkeep_shown",))
    parser.delete_first_token()
    return KeepShownNode(nodelist, name, parts)

from django import template

from newsroom.staff import new_member
from newsroom.staff.desk import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    return panels_for(context["request"])


@register.simple_tag(takes_context=True)
def desk_notices(context):
    """The desk's panels that wait for this person (stories to review, comments held), shown
    on every admin page so nobody has to go back to the front page to learn of them."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or not request.user.is_staff:
        return []
    if request.resolver_match and request.resolver_match.view_name == "admin:index":
        return []  # the desk itself shows these as its panels
    return [panel for panel in panels_for(request) if panel.highlight]


@register.simple_tag(takes_context=True)
def may_add_staff(context):
    return new_member.may_add_staff(context["request"].user)

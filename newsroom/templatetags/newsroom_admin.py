"""The admin's templates reach the staff side (newsroom/staff/) through these tags."""

from django import template

from newsroom.staff import desk, new_member

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    return desk.panels_for(context["request"])


@register.simple_tag(takes_context=True)
def desk_notices(context):
    return desk.notices_for(context.get("request"))


@register.simple_tag(takes_context=True)
def may_add_staff(context):
    return new_member.may_add_staff(context["request"].user)

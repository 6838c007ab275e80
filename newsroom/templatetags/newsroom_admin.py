from django import template

from newsroom.desk import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    return panels_for(context["request"])

from django import template

from articles.dashboard import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context):
    return panels_for(context["request"])

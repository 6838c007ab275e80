"""The registration meter's part of a story page: nothing at all while the meter is off."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def meter(article):
    free = settings.NEWSROOM_METER_FREE_STORIES
    if not free or article.always_free:
        return ""
    return render_to_string("readers/_meter.html", {"free": free, "article": article})

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.caching.pieces import kept
from newsroom.caching.tracking import note
from newsroom.support import payments
from newsroom.support.invalidation import APPEAL
from newsroom.support.models import SupportSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def support_appeal(context):
    """The Support us block under stories: the same for every reader, nothing without keys."""
    if not payments.enabled():
        return ""
    site_name = context.get("site_name", "")
    return mark_safe(
        kept("support-appeal", [site_name], lambda: _appeal(site_name), listings=False)
    )


def _appeal(site_name):
    note([APPEAL])
    return render_to_string(
        "support/_appeal.html", {"appeal": SupportSettings.current(), "site_name": site_name}
    )

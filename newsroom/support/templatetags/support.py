from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsroom.caching.pieces import kept
from newsroom.caching.tracking import note
from newsroom.support import payments
from newsroom.support.invalidation import APPEAL
from newsroom.support.models import Supporter, SupportSettings
from newsroom.support.status import is_supporter
from newsroom.support.tokens import manage_token

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


@register.inclusion_tag("support/_account.html")
def support_in_account(reader):
    """My account's part about money: the membership and gifts, and the way to Stripe's portal
    to change or cancel; an invitation to give for a reader who does not. Nothing while
    payments are off."""
    if not payments.enabled():
        return {"payments_on": False}
    supporter = Supporter.objects.filter(email=reader.email).first()
    return {
        "payments_on": True,
        "supporter": supporter,
        "current": supporter is not None and is_supporter(reader.email),
        "donations": supporter.donations.all()[:10] if supporter else (),
        "portal_token": manage_token(supporter)
        if supporter and supporter.stripe_customer_id
        else None,
    }

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.site.metadata import site_meta
from newsroom.newsletter import subscribing
from newsroom.newsletter.forms import SubscribeForm
from newsroom.newsletter.models import NewsletterList
from newsroom.newsletter.tokens import email_from_confirm_token, unsubscribe_target
from newsroom.security import ratelimit
from newsroom.security.client import client_ip

logger = logging.getLogger(__name__)


def from_this_site(request):
    """The form was posted from one of our pages, as far as the browser says.

    Browsers send Origin with every form POST; a missing one (old browsers) is let through.
    """
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True
    trusted = {request.get_host(), *(urlsplit(o).netloc for o in settings.CSRF_TRUSTED_ORIGINS)}
    return urlsplit(origin).netloc in trusted


def page(request, template, title, context=None, status=200, robots="noindex"):
    context = {**(context or {}), "meta": site_meta(request, title=title, robots=robots)}
    return render(request, template, context, status=status)


def signup(request):
    return page(
        request, "newsletter/signup.html", "Newsletter", {"form": SubscribeForm()}, robots=""
    )


# Exempt from CSRF on purpose: the form sits on cached pages, which carry no token. A forged
# post can only make us send one confirmation mail (double opt-in: nothing more until the
# reader clicks it, at most one every few minutes per address); cross-site posts are refused
# by their Origin anyway.
@csrf_exempt
@never_cache
@require_POST
def subscribe(request):
    if not from_this_site(request):
        return HttpResponseForbidden("Please sign up from our own pages.")
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return page(request, "newsletter/signup.html", "Newsletter", {"form": form}, status=400)
    if not form.is_robot():
        signed_up_on = form.cleaned_data["page"]
        if not url_has_allowed_host_and_scheme(signed_up_on, allowed_hosts={request.get_host()}):
            signed_up_on = ""
        rate = settings.NEWSROOM_NEWSLETTER_SIGNUPS_PER_ADDRESS
        address = client_ip(request)
        from_address = ratelimit.count(f"newsletter:{address}", rate) if address else None
        if from_address is not None and from_address.over:
            logger.warning(
                "Newsletter sign-up refused: %d sign-ups from one address this window (limit %s)",
                from_address.count,
                rate,
            )
            return try_later(request, form, from_address.retry_after)
        try:
            subscribing.subscribe(
                form.cleaned_data["email"],
                page=signed_up_on,
                newsletters=form.cleaned_data["lists"],
            )
        except subscribing.TryLater as later:
            return try_later(request, form, later.retry_after)
    return redirect("newsletter:check_inbox")


def try_later(request, form, retry_after):
    """A calm 429: nothing was sent, the address typed is kept, and when to come back."""
    response = page(
        request,
        "newsletter/try_later.html",
        "Please try again later",
        {"form": form, "minutes": max(round(retry_after / 60), 1)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def check_inbox(request):
    return page(request, "newsletter/check_inbox.html", "Check your inbox")


# The signed token in the address is the proof; no cookie is needed (mail apps open links in
# browsers without the reader's session).
@csrf_exempt
@never_cache
def confirm(request, token):
    email = email_from_confirm_token(token)
    if email is None:
        return page(request, "newsletter/link_expired.html", "Link not valid", status=400)
    if request.method == "POST":
        subscriber = subscribing.confirm(email)
        return page(request, "newsletter/confirmed.html", "Subscribed", {"subscriber": subscriber})
    return page(request, "newsletter/confirm.html", "Confirm", {"email": email})


# RFC 8058 one-click unsubscribe: mailbox providers POST here with no cookies and no token
# but the one in the address. A GET (a link scanner, a reader) only shows the button.
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    target = unsubscribe_target(token)
    if target is None:
        return page(request, "newsletter/link_expired.html", "Link not valid", status=400)
    subscriber_id, newsletter_id = target
    newsletter = NewsletterList.objects.filter(pk=newsletter_id).first() if newsletter_id else None
    context = {"newsletter": newsletter}
    if request.method == "POST":
        subscriber = subscribing.unsubscribe(subscriber_id, newsletter_id)
        context["subscriber"] = subscriber
        return page(request, "newsletter/unsubscribed.html", "Unsubscribed", context)
    return page(request, "newsletter/unsubscribe.html", "Unsubscribe", context)

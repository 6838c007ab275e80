import functools
import logging

from csp.decorators import csp_update
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.site.metadata import site_meta
from newsroom.security import ratelimit
from newsroom.security.client import client_ip
from newsroom.support import payments, webhooks
from newsroom.support.forms import ManageForm, SupportForm
from newsroom.support.models import Period, Supporter, SupportSettings, money
from newsroom.support.tokens import MANAGE_HOURS, manage_token, supporter_id_from_manage_token

logger = logging.getLogger(__name__)

# The support form and the portal's button post here and are sent on to Stripe's pages: the
# Content-Security-Policy's form-action must let the browser follow.
TO_STRIPE = csp_update({"form-action": list(payments.STRIPE_PAGES)})
# "Manage my support" mails one address may ask for, and Checkout sessions it may open.
MANAGE_RATE = "5/3600"
CHECKOUT_RATE = "20/3600"
RETRY_SECONDS = 60


def payments_on(view):
    """Without Stripe's keys there is nothing to pay with: every address of the app is a 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not payments.enabled():
            raise Http404("Payments are off.")
        return view(request, *args, **kwargs)

    return wrapped


def page(request, template, title, context=None, status=200):
    context = {
        **(context or {}),
        "appeal": SupportSettings.current(),
        "meta": site_meta(request, title=title, robots="noindex"),
    }
    return render(request, template, context, status=status)


def chosen_period(value):
    return value if value in Period.values else Period.MONTH


@never_cache
@TO_STRIPE
@require_http_methods(["GET", "HEAD", "POST"])
@payments_on
def support(request):
    """The Support us page: how often, how much; paying is on Stripe's Checkout."""
    appeal = SupportSettings.current()
    if request.method != "POST":
        period = chosen_period(request.GET.get("period"))
        form = SupportForm(appeal=appeal, period=period, initial={"period": period})
        return support_page(request, form, period)
    period = chosen_period(request.POST.get("period"))
    form = SupportForm(request.POST, appeal=appeal, period=period)
    if not form.is_valid():
        return support_page(request, form, period, status=400)
    counted = ratelimit.count(f"support-checkout:{client_ip(request)}", CHECKOUT_RATE)
    if counted.over:
        response = support_page(request, form, period, status=429, notice="try_later")
        response["Retry-After"] = str(counted.retry_after)
        return response
    site = settings.NEWSROOM_SITE_NAME
    product = f"A gift to {site}" if period == Period.ONE_OFF else f"{site} membership"
    try:
        url = payments.checkout(
            amount=form.amount_in_cents(),
            currency=appeal.currency,
            period=period,
            product_name=product,
            email=form.cleaned_data["email"],
            success_url=request.build_absolute_uri(reverse("support:thanks")),
            cancel_url=request.build_absolute_uri(reverse("support:cancelled")),
        )
    except payments.Unavailable as error:
        logger.warning("Stripe Checkout could not be opened: %s", error)
        response = support_page(request, form, period, status=503, notice="unavailable")
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    return _see_other(url)


def _see_other(url):
    # 303: the browser follows with a GET, whatever the form's method was.
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


def support_page(request, form, period, status=200, notice=""):
    appeal = form.appeal
    context = {
        "form": form,
        "period": period,
        "periods": Period.choices,
        "notice": notice,
        "minimum": money(appeal.minimum_amount * 100, appeal.currency),
        "maximum": money(appeal.maximum_amount * 100, appeal.currency),
    }
    return page(request, "support/support.html", "Support us", context, status=status)


@require_GET
@payments_on
def thanks(request):
    return page(request, "support/thanks.html", "Thank you")


@require_GET
@payments_on
def cancelled(request):
    return page(request, "support/cancelled.html", "No payment made")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@payments_on
def manage(request):
    """Manage my support: the supporter's address gets a signed link to Stripe's portal."""
    if request.method != "POST":
        return page(request, "support/manage.html", "Manage my support", {"form": ManageForm()})
    form = ManageForm(request.POST)
    if not form.is_valid():
        return page(request, "support/manage.html", "Manage my support", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    address = client_ip(request)
    counted = ratelimit.count(f"support-manage:{address or email}", MANAGE_RATE)
    if counted.over:
        response = page(
            request,
            "support/manage.html",
            "Manage my support",
            {"form": form, "try_later": True},
            status=429,
        )
        response["Retry-After"] = str(counted.retry_after)
        return response
    supporter = Supporter.objects.filter(email=email).exclude(stripe_customer_id="").first()
    if supporter is not None:
        send_manage_link(request, supporter)
    # The same answer whoever asks: nobody learns from it who supports the outlet.
    return page(request, "support/manage_sent.html", "Check your inbox", {"email": email})


def send_manage_link(request, supporter):
    link = request.build_absolute_uri(reverse("support:portal", args=[manage_token(supporter)]))
    context = {"link": link, "hours": MANAGE_HOURS, "site_name": settings.NEWSROOM_SITE_NAME}
    message = EmailMultiAlternatives(
        subject=f"Manage your support for {settings.NEWSROOM_SITE_NAME}",
        body=render_to_string("support/email/manage.txt", context),
        to=[supporter.email],
    )
    try:
        message.send()
    except Exception:
        # The reader sees the same page either way and may ask again; the log says why.
        logger.exception("The Manage my support mail to supporter %s was not sent", supporter.pk)


@never_cache
@TO_STRIPE
@require_http_methods(["GET", "HEAD", "POST"])
@payments_on
def portal(request, token):
    """The mailed link: a button that opens Stripe's Customer Portal. A GET only shows it (mail
    scanners follow links); the POST opens the portal."""
    supporter_id = supporter_id_from_manage_token(token)
    supporter = Supporter.objects.filter(pk=supporter_id).exclude(stripe_customer_id="").first()
    if supporter is None:
        return page(request, "support/link_expired.html", "Link not valid", status=400)
    if request.method != "POST":
        return page(request, "support/portal.html", "Manage my support", {"supporter": supporter})
    try:
        url = payments.portal(
            supporter.stripe_customer_id, request.build_absolute_uri(reverse("support:support"))
        )
    except payments.Unavailable as error:
        logger.warning("Stripe's Customer Portal could not be opened: %s", error)
        response = page(
            request,
            "support/portal.html",
            "Manage my support",
            {"supporter": supporter, "unavailable": True},
            status=503,
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    return _see_other(url)


def try_again():
    response = HttpResponse("Try again later.", status=503, content_type="text/plain")
    response["Retry-After"] = str(RETRY_SECONDS)
    return response


# Stripe signs its requests; it has no CSRF token.
@csrf_exempt
@never_cache
@require_POST
@payments_on
def stripe_webhook(request):
    try:
        event = webhooks.verified_event(request.body, request.headers.get("Stripe-Signature"))
    except webhooks.BadSignature as error:
        logger.warning("A Stripe webhook with a bad signature was refused: %s", error)
        return HttpResponseBadRequest("Bad signature.")
    try:
        applied = webhooks.process(event)
    except payments.Unavailable as error:
        logger.warning("Stripe event %s not applied yet (Stripe will retry): %s", event.id, error)
        return try_again()
    except Exception:
        # Nothing was stored (one transaction): Stripe retries while the log is read.
        logger.exception("Stripe event %s could not be applied", event.id)
        return try_again()
    return HttpResponse("Applied." if applied else "Already applied.", content_type="text/plain")

"""The reader's own pages: signing in with a mailed code, the account, export and erasure.

None of them is kept by the page cache; what cached pages show of the reader comes from
me.json, read by static/js/account.js.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.site.metadata import site_meta
from newsroom.newsletter import lists
from newsroom.readers import codes, cookies, privacy, status
from newsroom.readers.forms import AccountForm, CodeForm, EmailForm
from newsroom.security.client import client_ip

EMAIL_SALT = "readers.code-sent-to"


def page(request, template, title, context=None, status=200):
    context = {**(context or {}), "meta": site_meta(request, title=title, robots="noindex")}
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def safe_next(request, address):
    if address and url_has_allowed_host_and_scheme(
        address, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return address
    return reverse("readers:account")


def try_later(request, template, title, context, retry_after):
    context = {**context, "minutes": max(round(retry_after / 60), 1)}
    response = page(request, template, title, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@never_cache
def sign_in(request):
    if request.method != "POST":
        form = EmailForm(initial={"next": request.GET.get("next", "")})
        return page(request, "readers/sign_in.html", "Sign in", {"form": form})
    form = EmailForm(request.POST)
    if not form.is_valid():
        return page(request, "readers/sign_in.html", "Sign in", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    next_url = safe_next(request, form.cleaned_data["next"])
    try:
        codes.send_code(email, client_ip(request), next_url)
    except codes.TryLater as later:
        form.add_error(None, "Many codes were asked for this address. Please wait a while.")
        return try_later(request, "readers/sign_in.html", "Sign in", {"form": form},
                         later.retry_after)  # fmt: skip
    query = urlencode({"to": signing.dumps(email, salt=EMAIL_SALT), "next": next_url})
    return redirect(f"{reverse('readers:enter_code')}?{query}")


def code_sent_to(request):
    try:
        return signing.loads(request.GET.get("to", ""), salt=EMAIL_SALT, max_age=3600)
    except signing.BadSignature:
        return None


@never_cache
def enter_code(request):
    email = code_sent_to(request)
    if email is None:
        messages.info(request, "Please enter your email address to get a new code.")
        return redirect("readers:sign_in")
    context = {"email": email}
    if request.method != "POST":
        form = CodeForm(initial={"next": request.GET.get("next", "")})
        return page(request, "readers/enter_code.html", "Enter your code",
                    {**context, "form": form})  # fmt: skip
    form = CodeForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return page(request, "readers/enter_code.html", "Enter your code", context, status=400)
    try:
        reader = codes.check_code(email, form.cleaned_data["code"], client_ip(request))
    except codes.TryLater as later:
        form.add_error(None, "Too many codes were tried. Please wait a while.")
        return try_later(request, "readers/enter_code.html", "Enter your code", context,
                         later.retry_after)  # fmt: skip
    if reader is None:
        form.add_error(
            "code",
            "That code is not right, or no longer good (codes last 15 minutes and work once). "
            "Check the latest email, or ask for a new code.",
        )
        return page(request, "readers/enter_code.html", "Enter your code", context, status=400)
    return signed_in(request, reader, form.cleaned_data["next"] or request.GET.get("next", ""))


def signed_in(request, reader, next_url):
    next_url = safe_next(request, next_url)
    response = redirect(next_url)
    cookies.sign_in(request, response, reader)
    if next_url == reverse("readers:account"):
        # Only the account shows messages: one left for a story would keep the reader from
        # its kept copy until read.
        messages.success(request, f"You are signed in as {reader.email}.")
    return response


# A GET only shows the button: mail scanners open links, and must not spend the code.
@never_cache
def sign_in_link(request, token):
    found = codes.from_link(token)
    if found is None:
        return page(request, "readers/link_expired.html", "Link not valid", status=400)
    email, code, next_url = found
    if request.method != "POST":
        return page(request, "readers/sign_in_link.html", "Sign in", {"email": email})
    try:
        reader = codes.check_code(email, code, client_ip(request))
    except codes.TryLater as later:
        return try_later(request, "readers/link_expired.html", "Link not valid", {},
                         later.retry_after)  # fmt: skip
    if reader is None:
        return page(request, "readers/link_expired.html", "Link not valid", status=400)
    return signed_in(request, reader, next_url)


@never_cache
def sign_out(request):
    if request.method != "POST":
        return page(request, "readers/sign_out.html", "Sign out")
    response = page(request, "readers/signed_out.html", "Signed out")
    cookies.sign_out(response, cookies.reader_of(request))
    return response


def reader_or_sign_in(view):
    """The view with the signed-in reader, or the sign-in page that comes back to it."""

    def wrapped(request, *args, **kwargs):
        reader = cookies.reader_of(request)
        if reader is None:
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('readers:sign_in')}?{query}")
        return view(request, reader, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


@reader_or_sign_in
def account(request, reader):
    chosen = lists.chosen_by(reader.email)
    initial = {"lists": [n for n in lists.offered() if n.slug in chosen]}
    form = AccountForm(request.POST or None, instance=reader, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            lists.choose(reader.email, form.cleaned_data["lists"])
            messages.success(request, "Your account is saved.")
            return redirect("readers:account")
        return page(request, "readers/account.html", "My account",
                    {"form": form, "reader": reader}, status=400)  # fmt: skip
    return page(request, "readers/account.html", "My account", {"form": form, "reader": reader})


@require_POST
@reader_or_sign_in
def export(request, reader):
    data = privacy.export_everything(reader.email)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    name = settings.NEWSROOM_SITE_NAME.lower().replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}-my-data.json"'
    return response


@reader_or_sign_in
def erase(request, reader):
    if request.method != "POST":
        return page(request, "readers/erase.html", "Erase my data", {"reader": reader})
    privacy.erase_everything(reader.email)
    response = page(request, "readers/erased.html", "Erased")
    cookies.sign_out(response)
    return response


@never_cache
@require_GET
def me(request):
    answer = status.for_request(request)
    response = JsonResponse(answer)
    response["Cache-Control"] = "private, no-store"
    if not answer["signed_in"] and cookies.HINT in request.COOKIES:
        # Signed out elsewhere, or erased: this browser stops asking.
        cookies.sign_out(response)
    return response

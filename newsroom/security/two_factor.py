"""Two-step sign-in for the admin (django-otp): an authenticator app's code or a backup code.

Off unless NEWSROOM_ADMIN_2FA is set. When on, anyone on the staff who has set it up must give
a code at sign-in, and superusers must set it up before the admin lets them in.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
# With two-step sign-in on, the sign-in form answers with one of these two, chosen by whether a
# code was typed, never by whether the password was right: the first step tells nothing.
CODE_MISSING = (
    "Enter your user name, your password and the 6-digit code from your authenticator app "
    "(or a backup code). Staff who have not set up two-step sign-in leave the code empty."
)
CODE_WRONG = (
    "The user name, password or code is not right. Codes change every 30 seconds: enter the "
    "one your app shows now, or one of your backup codes."
)
# The setup page's answer to a wrong first code.
FIRST_CODE_WRONG = (
    "That code is not right. Codes change every 30 seconds: enter the one your app shows now."
)


def enabled():
    return settings.NEWSROOM_ADMIN_2FA


def must_enrol(user):
    return enabled() and user.is_superuser and not user_has_device(user)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, with the code field two-step sign-in needs."""

    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        strip=True,
        max_length=16,
        help_text="Only if you have set up two-step sign-in: the code from your app, "
        "or a backup code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    @property
    def two_factor_enabled(self):
        return enabled()

    def clean(self):
        if not enabled():
            return super().clean()
        token = self.cleaned_data.get("otp_token", "").replace(" ", "")
        answer = ValidationError(CODE_WRONG if token else CODE_MISSING, code="otp")
        try:
            cleaned = super().clean()
        except ValidationError as exc:
            # A wrong password (or an account that may not use the admin) is answered as a
            # wrong or missing code: the first step gives nothing away.
            raise answer from exc
        user = self.get_user()
        if not user_has_device(user):
            return cleaned
        device = match_token(user, token) if token else None
        if device is None:
            # Counted like a wrong password, so codes cannot be guessed past the lockout.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            raise answer
        # django-otp marks the session verified when Django logs the user in.
        user.otp_device = device
        return cleaned


class TwoFactorEnrolmentMiddleware:
    """Sends a superuser without two-step sign-in to set it up; ends unverified sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        admin = reverse("admin:index")
        if enabled() and user.is_authenticated and user.is_staff and request.path.startswith(admin):
            allowed = (reverse("two_factor"), reverse("admin:logout"), reverse("admin:jsi18n"))
            if user_has_device(user) and not user.is_verified():
                # Signed in before two-step sign-in was set up or switched on.
                logout(request)
                return redirect(f"{reverse('admin:login')}?next={request.path}")
            if must_enrol(user) and request.path not in allowed:
                return redirect("two_factor")
        return self.get_response(request)


class ConfirmForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not self.device.verify_token(code):
            raise ValidationError(FIRST_CODE_WRONG)
        return code


def new_backup_codes(user):
    """Replace the user's backup codes; each works once. Returns them to show one time."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _pending_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@never_cache
def setup_view(request, admin_site):
    """Set up two-step sign-in: scan the code, type the first code, keep the backup codes."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    context = {
        **admin_site.each_context(request),
        "title": "Two-step sign-in",
        "enabled": enabled(),
        "confirmed": confirmed,
        "required": user.is_superuser,
        "backup_left": StaticToken.objects.filter(device__user=user).count(),
    }
    if request.method == "POST" and confirmed and "new_backup_codes" in request.POST:
        context["backup_codes"] = new_backup_codes(user)
        return TemplateResponse(request, "admin/two_factor.html", context)
    if not confirmed:
        device = _pending_device(user)
        form = ConfirmForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-step sign-in is on for your account.")
            context.update(confirmed=True, backup_codes=new_backup_codes(user))
            return TemplateResponse(request, "admin/two_factor.html", context)
        # segno writes plain <path> elements: no inline style, so the admin's CSP holds.
        qr = segno.make(device.config_url, error="m").svg_inline(scale=5, title="Set-up code")
        context.update(form=form, qr_svg=mark_safe(qr), secret=b32encode(device.bin_key).decode())
    return TemplateResponse(request, "admin/two_factor.html", context)

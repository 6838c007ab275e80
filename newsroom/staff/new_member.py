"""Taking on a staff member in one step: their login, their role and their byline.

The login and the role are Django's (a user in one of newsroom.staff.roles' groups); the byline
is an articles.Author linked to that login, so their new stories start with their name on them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Author
from newsroom.staff.roles import ROLES

ROLE_HELP = {
    "Reporter": "Writes stories and submits them for review.",
    "Editor": "Edits and publishes any story, and moderates comments.",
    "Moderator": "Approves, trashes and marks reader comments as spam.",
}


class NewStaffMemberForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text="Where review and moderation notices are sent.")
    username = forms.CharField(
        max_length=150,
        help_text="What they type to log in: letters, digits and @ . + - _ only.",
        validators=[get_user_model().username_validator],
    )
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=True),
        help_text="Give it to them in person; they can change it under “Change password”.",
    )
    role = forms.ChoiceField(
        help_text="Reporters and editors get a byline; moderators do not write stories.",
        choices=[(name, f"{name}: {ROLE_HELP.get(name, '')}") for name in ROLES],
        widget=forms.RadioSelect,
        initial="Reporter",
    )
    byline = forms.CharField(
        max_length=120,
        required=False,
        help_text="Their name as printed on stories; leave empty to use first and last name. "
        "Not used for a moderator.",
    )
    job_title = forms.CharField(
        max_length=120, required=False, help_text="“Political correspondent”, shown on their page."
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Someone already logs in with that username.")
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A staff member already has that email address.")
        return email

    def clean(self):
        cleaned = super().clean()
        if "first_name" in cleaned and "last_name" in cleaned:
            name = cleaned.get("byline") or f"{cleaned['first_name']} {cleaned['last_name']}"
            cleaned["byline"] = name
            if not slugify(name):
                self.add_error("byline", "The byline needs at least one letter or digit.")
        if cleaned.get("password"):
            user = get_user_model()(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(cleaned["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        user = get_user_model().objects.create_user(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=data["role"]))
        if not writes_stories(data["role"]):
            return user
        Author.objects.create(
            name=data["byline"],
            slug=unique_slug(data["byline"]),
            job_title=data["job_title"],
            user=user,
        )
        return user


def writes_stories(role):
    """Only those who write get a byline: a moderator's name never appears as an author."""
    return "articles.add_article" in ROLES[role]


def unique_slug(name):
    base = slugify(name)[:110]
    slug, n = base, 2
    while Author.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def may_add_staff(user):
    return user.has_perms(["auth.add_user", "auth.change_user", "articles.add_author"])


def new_staff_member(request):
    """The admin page that takes on a staff member: login, role and byline in one form."""
    if not may_add_staff(request.user):
        raise PermissionDenied
    form = NewStaffMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        role = form.cleaned_data["role"]
        byline = (
            f", with the byline “{form.cleaned_data['byline']}”" if writes_stories(role) else ""
        )
        messages.success(
            request,
            f"{user.get_full_name()} can now log in as “{user.username}” as a {role}{byline}.",
        )
        return redirect(reverse("admin:auth_user_change", args=[user.pk]))
    context = {
        **admin.site.each_context(request),
        "title": "New staff member",
        "form": form,
    }
    return TemplateResponse(request, "admin/new_staff_member.html", context)

"""The admin site: its first screen is the desk, the plumbing kept apart.

The editorial apps come first, in the order a newsroom uses them. The apps that keep the site
running (sign-in lockout records, two-step devices, the task queue) are one "System" section
with names a person understands, at the end, and only for superusers: nobody else can act on
them, and they crowd the desk.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse

# The desk's sections, in this order; any app not named comes after them, by name.
DESK_ORDER = ["articles", "comments", "newsletter", "readership", "taggit", "auth"]
# Plumbing: (app label, model) → the name the System section gives it.
SYSTEM_NAMES = {
    ("axes", "accessattempt"): "Sign-in lockouts (recent failed attempts)",
    ("axes", "accessfailurelog"): "Sign-in failures",
    ("axes", "accesslog"): "Sign-in log",
    ("otp_totp", "totpdevice"): "Two-step sign-in: authenticator apps",
    ("otp_static", "staticdevice"): "Two-step sign-in: backup codes",
    ("django_tasks_database", "dbtaskresult"): "Background tasks (mail to moderators and editors)",
}
SYSTEM_APPS = {app_label for app_label, _ in SYSTEM_NAMES}


class NewsroomAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        desk = [
            {**app, "name": "Staff and roles"} if app["app_label"] == "auth" else app
            for app in apps
            if app["app_label"] not in SYSTEM_APPS
        ]
        desk.sort(key=lambda app: (_position(app["app_label"]), app["name"].lower()))
        system = [
            {**model, "name": SYSTEM_NAMES.get((app["app_label"], model["object_name"].lower()),
                                               model["name"])}
            for app in apps
            if app["app_label"] in SYSTEM_APPS
            for model in app["models"]
        ]  # fmt: skip
        if system and request.user.is_superuser:
            system.sort(key=lambda model: model["name"])
            desk.append(
                {
                    "name": "System",
                    "app_label": "system",
                    "app_url": reverse("admin:index", current_app=self.name),
                    "has_module_perms": True,
                    "models": system,
                }
            )
        return desk


def _position(app_label):
    return DESK_ORDER.index(app_label) if app_label in DESK_ORDER else len(DESK_ORDER)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.staff.admin_site.NewsroomAdminSite"

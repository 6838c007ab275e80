"""The newsroom's roles: Django groups, each with exactly the permissions it needs.

They span both apps (an editor publishes stories and moderates comments), so they live here.

Used by a data migration and by `manage.py setup_roles`, so a role can always be put back the
way it is written here. Permissions of an app that is not installed yet are skipped with a note.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from comments.notifications import MODERATOR_ROLE

CRUD = ("add", "change", "delete", "view")

COMMENT_MODERATION = (
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "comments.view_moderationsettings",
    "comments.change_moderationsettings",
    "comments.view_commenterblock",
    "comments.change_commenterblock",
)

NEWSLETTER = (
    "newsletter.view_issue",
    "newsletter.change_issue",
    "newsletter.send_issue",
    "newsletter.view_subscriber",
    "newsletter.change_subscriber",
    "newsletter.view_newslettersettings",
    "newsletter.change_newslettersettings",
    "newsletter.view_newsletterlist",
    "newsletter.add_newsletterlist",
    "newsletter.change_newsletterlist",
    "newsletter.view_alert",
    "newsletter.view_issuearticle",
    "newsletter.add_issuearticle",
    "newsletter.change_issuearticle",
    "newsletter.delete_issuearticle",
    "readers.view_reader",
)

# Partners' API keys and webhook endpoints: who may read the site as data, and be called.
OPEN_PLATFORM = (
    *(f"api.{action}_apikey" for action in CRUD),
    *(f"webhooks.{action}_endpoint" for action in CRUD),
    "webhooks.view_delivery",
    "webhooks.view_attempt",
    # "Send again" on a delivery.
    "webhooks.change_delivery",
)

PAGES_AND_MENUS = (
    *(f"pages.{action}_{model}" for model in ("page", "menu", "menuitem") for action in CRUD),
    "pages.publish_page",
    "pages.view_historicalpage",
    "pages.view_standards",
    "pages.change_standards",
)

# The outlet's appeal, and who gives (read only: Stripe's webhooks keep the records).
READER_SUPPORT = (
    "support.view_supportsettings",
    "support.change_supportsettings",
    "support.view_supporter",
    "support.view_donation",
)

ROLES = {
    # Writes stories; what they may do to which story is decided in articles.desk.workflow.
    "Reporter": (
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        # Corrections they draft (an editor publishes them) and live updates they post.
        "articles.add_correction",
        "articles.change_correction",
        "articles.view_correction",
        "articles.add_liveupdate",
        "articles.change_liveupdate",
        "articles.view_liveupdate",
        "articles.add_image",
        "articles.view_image",
        "articles.view_section",
        "articles.view_author",
        # What providers said of the links in stories (articles.desk.embeds).
        "articles.view_embed",
        "taggit.view_tag",
        # The outlet's pages, as drafts an editor publishes (newsroom.pages.admin).
        "pages.add_page",
        "pages.change_page",
        "pages.view_page",
    ),
    "Editor": (
        *(
            f"articles.{action}_{model}"
            for model in (
                "article",
                "section",
                "author",
                "image",
                "redirect",
                "correction",
                "liveupdate",
            )
            for action in CRUD
        ),
        "articles.view_historicalarticle",
        # The embeds list and its "Fetch again from the provider" (articles.desk.embeds).
        "articles.view_embed",
        "articles.change_embed",
        # Which checks run before a story goes out (articles.desk.checks).
        "articles.view_publishingchecks",
        "articles.change_publishingchecks",
        "articles.view_historicalcorrection",
        "articles.publish_article",
        "articles.edit_any_article",
        "articles.restore_article",
        *(f"taggit.{action}_tag" for action in CRUD),
        *COMMENT_MODERATION,
        *NEWSLETTER,
        "readership.view_dailyviews",
        *OPEN_PLATFORM,
        *PAGES_AND_MENUS,
        *READER_SUPPORT,
    ),
    MODERATOR_ROLE: COMMENT_MODERATION,
}


def setup_roles(apps=global_apps, note=print):
    """Create or reset every role's group to exactly the permissions listed in ROLES."""
    for app_config in apps.get_app_configs():
        # Permissions are normally created after all migrations ran; roles need them now.
        app_config.models_module = getattr(app_config, "models_module", None) or True
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLES.items():
        wanted = set()
        for name in names:
            app_label, codename = name.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                note(f"{role}: skipped {name}, which does not exist (yet).")
            else:
                wanted.add(permission)
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(wanted)


def remove_roles(apps=global_apps):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from newsroom.staff.roles import ROLES

pytestmark = pytest.mark.django_db


def installed(name):
    app_label, codename = name.split(".")
    # By label: apps nested in newsroom/ (newsletter, readership) are installed by dotted name.
    if app_label not in {config.label for config in apps.get_app_configs()}:
        return False
    return any(
        codename.endswith(f"_{model._meta.model_name}")
        or codename in {p for p, _ in model._meta.permissions}
        for model in apps.get_app_config(app_label).get_models()
    )


def test_data_migration_creates_the_three_roles():
    """The migration that ships the roles creates the Reporter, Editor and Moderator groups."""
    migration = importlib.import_module("newsroom.migrations.0001_editorial_roles")
    Group.objects.all().delete()
    migration.create_roles(apps, None)
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)


def test_setup_roles_recreates_each_group_with_exactly_its_permissions(roles):
    """`manage.py setup_roles` puts back deleted groups and removes permissions added by hand."""
    Group.objects.filter(name="Editor").delete()
    reporter = Group.objects.get(name="Reporter")
    reporter.permissions.add(Permission.objects.get(codename="delete_article"))
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    for role, names in ROLES.items():
        group = Group.objects.get(name=role)
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert granted == {name for name in names if installed(name)}, role
    assert "Roles ready: Reporter, Editor, Moderator." in out.getvalue()


def test_reporter_role_cannot_publish_or_delete(roles):
    """The Reporter group holds no publishing, deleting or comment permissions."""
    codenames = set(
        Group.objects.get(name="Reporter").permissions.values_list("codename", flat=True)
    )
    assert not codenames & {"publish_article", "edit_any_article", "delete_article"}
    assert not any("comment" in codename for codename in codenames)

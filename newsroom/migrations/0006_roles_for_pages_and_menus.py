from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors edit and publish pages, build menus and choose the standards; reporters draft
    pages."""

    dependencies = [
        ("newsroom", "0005_roles_for_api_keys_and_webhooks"),
        ("pages", "0001_pages_menus_and_standards"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors word the appeal for support and see the supporters and their gifts; editors and
    reporters see the embeds list. The last of the roles' migrations, after every app's models
    whose permissions the roles list."""

    dependencies = [
        ("newsroom", "0009_roles_for_newsletter_lists_and_readers"),
        ("support", "0001_supporters_and_donations"),
        ("articles", "0021_always_free"),
        ("newsletter", "0004_weekly_newsletters"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

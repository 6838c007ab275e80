from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors read the "Most read" figures and run the newsletter: the roles again, with them."""

    dependencies = [
        ("newsroom", "0001_editorial_roles"),
        ("newsletter", "0001_subscribers_and_issues"),
        ("readership", "0001_view_counts"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors word the appeal for support and see the supporters and their gifts."""

    dependencies = [
        ("newsroom", "0007_trigram_extension"),
        ("support", "0001_supporters_and_donations"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

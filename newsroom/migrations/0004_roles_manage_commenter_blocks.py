from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Moderators and editors may see and lift commenter blocks (comments' 0004)."""

    dependencies = [
        ("newsroom", "0003_roles_for_corrections_and_live_updates"),
        ("comments", "0005_commenter_blocks"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Reporters draft corrections and post live updates; editors publish and remove them."""

    dependencies = [
        ("newsroom", "0002_roles_for_newsletter_and_readership"),
        ("articles", "0010_corrections_and_live_updates"),
    ]

    # Going back, the roles lose only permissions whose models disappear with articles' 0009.
    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

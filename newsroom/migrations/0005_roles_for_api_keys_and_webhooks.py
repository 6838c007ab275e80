from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors make partners' API keys and register webhook endpoints."""

    dependencies = [
        ("newsroom", "0004_roles_manage_commenter_blocks"),
        ("api", "0001_partner_keys_and_usage"),
        ("webhooks", "0001_endpoints_and_deliveries"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

from django.db import migrations

from newsroom.staff.roles import setup_roles


def reset_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


class Migration(migrations.Migration):
    """Editors run the newsletter lists, send breaking news, curate the day's issue and see
    the readers who have accounts."""

    dependencies = [
        ("newsroom", "0008_roles_for_publishing_checks"),
        ("newsletter", "0003_breaking_alerts_and_curated_issues"),
        ("readers", "0001_reader_accounts"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]

from django.db import migrations

from newsroom.staff.roles import remove_roles, setup_roles


def create_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


def delete_roles(apps, schema_editor):
    remove_roles(apps)


class Migration(migrations.Migration):
    """The Reporter, Editor and Moderator groups, whose permissions span both apps.

    Until this migration the roles came from articles' 0004, which depended on comments; a
    database that ran it gets the same groups reset to the same permissions here.
    """

    dependencies = [
        ("articles", "0008_image_sizes_as_readers_see_them"),
        ("comments", "0003_notify_moderator_role_help"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]

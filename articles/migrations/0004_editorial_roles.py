from django.db import migrations

from articles.roles import remove_roles, setup_roles


def create_roles(apps, schema_editor):
    setup_roles(apps, note=lambda line: None)


def delete_roles(apps, schema_editor):
    remove_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_revisions_and_permissions"),
        ("comments", "0002_wordpress_comment_ids"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, for reader search's "Did you mean …" (articles.search.suggest).

    Here rather than in articles, which work without it (no suggestion is offered) and are
    migrated alone by the seam test. pg_trgm is a trusted extension: a database owner may add it.
    """

    dependencies = [("newsroom", "0006_roles_for_pages_and_menus")]

    operations = [TrigramExtension()]

import functools

from django.db import connections, transaction
from django.dispatch import Signal

from articles.images import make_renditions, renditions_are_current


def image_saved(sender, instance, **kwargs):
    """Every uploaded picture gets its resized copies at once, whoever uploaded it."""
    if instance.file and not renditions_are_current(instance):
        make_renditions(instance)


def revision_keeps_tags(sender, instance, history_instance, **kwargs):
    """A revision remembers the article's tags, so restoring it brings them back."""
    history_instance.tag_names = sorted(instance.tags.names()) if instance.pk else []


def sync_search_config(sender, using, **kwargs):
    """After `migrate`, index with the configured search language if it changed."""
    from articles.search import install_search_trigger, installed_search_config, search_config

    connection = connections[using]
    if installed_search_config(connection) not in (None, search_config()):
        install_search_trigger(connection)


# Sent after commit when what readers see of stories may have changed, with article_ids: the
# stories concerned. Publish, edit, unpublish and delete come from post_save/post_delete; a
# section or byline rename names every story it shows on; a scheduled story going live is
# announced by articles.scheduling when its time passes. For the page cache, purges and
# anything else that keeps copies of what readers see.
article_changed = Signal()


def announce_article_changed(article_ids):
    """Send article_changed once the transaction commits (at once outside of one)."""
    from articles.models import Article

    article_ids = set(article_ids)
    if article_ids:
        transaction.on_commit(
            functools.partial(article_changed.send, sender=Article, article_ids=article_ids),
            robust=True,
        )


def article_saved_or_deleted(sender, instance, **kwargs):
    announce_article_changed({instance.pk})


def section_saved(sender, instance, created, **kwargs):
    if not created:
        announce_article_changed(instance.articles.values_list("pk", flat=True))


def author_saved(sender, instance, created, **kwargs):
    if not created:
        announce_article_changed(instance.articles.values_list("pk", flat=True))


def correction_saved(sender, instance, **kwargs):
    from articles.models.corrections import move_updated_time

    move_updated_time(instance)
    announce_article_changed({instance.article_id})


def story_part_changed(sender, instance, **kwargs):
    """A correction removed, or a live update posted, edited or removed: the story changed."""
    announce_article_changed({instance.article_id})

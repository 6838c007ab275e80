import functools

from django.db import transaction
from django.dispatch import Signal

# Sent after commit when what readers see under stories may have changed (a comment published
# at once, approved, unapproved, marked spam, trashed, deleted or anonymised), with
# article_ids: the stories concerned. For whatever keeps copies of story pages (the page
# cache, a CDN purge); bulk updates send no post_save, so every change goes through here.
comments_changed = Signal()


def announce_comments_changed(article_ids):
    """Send comments_changed once the transaction commits (at once outside of one)."""
    from comments.models import Comment

    transaction.on_commit(
        functools.partial(comments_changed.send, sender=Comment, article_ids=set(article_ids)),
        robust=True,
    )

"""Corrections and clarifications: who may draft, publish, change and remove them.

Reporters draft; editors (who may publish stories) publish. Once published, a correction is
part of the record readers rely on: only editors change it (each change keeps a revision) or
remove it (which the article's admin history records).
"""

from articles import workflow
from articles.models import Article, Correction


def can_publish(user):
    return workflow.can_publish(user)


def can_add(user):
    return user.has_perm("articles.add_correction")


def can_change(user, correction):
    """Editors change any correction; a reporter, the drafts they wrote."""
    if correction is None or correction.pk is None:
        return can_add(user)
    if not user.has_perm("articles.change_correction"):
        return False
    if can_publish(user):
        return True
    return not correction.is_published() and correction.created_by_id == user.pk


def can_delete(user):
    return user.has_perm("articles.delete_correction")


def move_updated_time(correction):
    """A published correction is news about the story: its "Updated" time and dateModified
    become the correction's time, unless the story changed later still."""
    if not correction.is_published():
        return
    when = correction.published_at
    stories = Article.objects.filter(pk=correction.article_id)
    stories.filter(revised_at__isnull=True).update(revised_at=when)
    stories.filter(revised_at__lt=when).update(revised_at=when)


def latest_first():
    """The corrections page: each with its story, in a fixed number of queries."""
    return (
        Correction.objects.on_published_stories().select_related("article__section").newest_first()
    )


def visible(article):
    """The corrections readers see on this story, fetched once."""
    if not hasattr(article, "visible_corrections"):
        article.visible_corrections = list(
            article.corrections.published().order_by("published_at", "pk")
        )
    return article.visible_corrections

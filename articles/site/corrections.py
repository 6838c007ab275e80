"""Corrections as readers find them: under each story, and all together on /corrections/."""

from articles.models import Correction


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

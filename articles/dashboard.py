"""The panels on the admin's front page: what waits for the person looking at it.

Each panel is a function of the request returning a Panel, or None when it does not concern
that person. Other apps add theirs to PANELS.
"""

from dataclasses import dataclass

from django.urls import reverse

from articles.models import Article


@dataclass(frozen=True)
class Panel:
    title: str
    count: int
    url: str
    note: str
    highlight: bool = False


def needs_review(request):
    if not request.user.has_perm("articles.publish_article"):
        return None
    count = Article.objects.filter(status=Article.Status.IN_REVIEW).count()
    return Panel(
        "Needs review",
        count,
        reverse("admin:articles_article_changelist") + "?status=review",
        "Stories reporters have submitted.",
        highlight=count > 0,
    )


def scheduled(request):
    if not request.user.has_perm("articles.view_article"):
        return None
    return Panel(
        "Scheduled",
        Article.objects.scheduled().count(),
        reverse("admin:articles_article_changelist") + "?status=scheduled",
        "Stories that go live on their own at a set time.",
    )


def my_drafts(request):
    if not request.user.has_perm("articles.add_article"):
        return None
    return Panel(
        "My drafts",
        Article.objects.filter(status=Article.Status.DRAFT, created_by=request.user).count(),
        reverse("admin:articles_article_changelist") + "?status=draft&mine=1",
        "Stories you started and have not submitted yet.",
    )


PANELS = [needs_review, scheduled, my_drafts]


def panels_for(request):
    return [panel for make in PANELS if (panel := make(request)) is not None]

"""Draft previews: for staff from the admin, and by an expiring, revocable link for colleagues."""

import datetime

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from articles import workflow
from articles.models import Article, PreviewLink
from articles.site.metadata import article_meta
from articles.site.views import story_context


def can_preview(user, article):
    """Editors preview every article; a reporter previews the articles they write."""
    return user.has_perm("articles.edit_any_article") or (
        user.has_perm("articles.change_article") and workflow.is_own(user, article)
    )


def create_link(article, user, now=None):
    """A new link for colleagues without an account, working NEWSROOM_PREVIEW_LINK_HOURS."""
    now = now or timezone.now()
    expires = now + datetime.timedelta(hours=settings.NEWSROOM_PREVIEW_LINK_HOURS)
    return PreviewLink.objects.create(article=article, created_by=user, expires_at=expires)


def article_from_token(token):
    """The story a working link points to, or None (unknown, expired, revoked, published)."""
    link = PreviewLink.objects.working().filter(key=token[:64]).only("article_id").first()
    return _articles().filter(pk=link.article_id).first() if link else None


@never_cache
@staff_member_required
def preview(request, pk):
    article = get_object_or_404(_articles(), pk=pk)
    if not can_preview(request.user, article):
        raise Http404("No article to preview")
    return _render(request, article)


@never_cache
def shared_preview(request, token):
    article = article_from_token(token)
    if article is None:
        raise Http404("This preview link has expired, was revoked, or its story is published")
    return _render(request, article)


def unsaved(request, article):
    """The story as its form holds it, before it is saved; the admin undoes the saving."""
    return _render(request, _articles().get(pk=article.pk), unsaved=True)


def _articles():
    return Article.objects.for_listing().prefetch_related("tags")


def _render(request, article, unsaved=False):
    # The reader's article page, with its template and context, under a preview banner.
    response = render(
        request,
        "articles/article_preview.html",
        {
            **story_context(article, unsaved=unsaved),
            "meta": article_meta(request, article),
            "unsaved": unsaved,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

"""Draft previews: for staff from the admin, and by an expiring, revocable link for colleagues.

On the article form: make a link, see each with its expiry, revoke it (PreviewLinksMixin).
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.desk import workflow
from articles.embeds.render import allow_frames
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
    return allow_frames(response, article.body)


class PreviewLinksMixin:
    """The preview-link actions of ArticleAdmin, each a POST from its own small form."""

    def preview_link_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/preview-links/",
                view(require_POST(self.new_preview_link_view)),
                name="articles_article_new_preview_link",
            ),
            path(
                "<int:object_id>/preview-links/<int:link_id>/revoke/",
                view(require_POST(self.revoke_preview_link_view)),
                name="articles_article_revoke_preview_link",
            ),
        ]

    def preview_link_context(self, request, article):
        """What the change form's preview-link panel shows."""
        shareable = article.status in (Article.Status.DRAFT, Article.Status.IN_REVIEW)
        links = article.preview_links.working().select_related("created_by") if shareable else []
        return {
            "can_share": shareable,
            "share_hours": settings.NEWSROOM_PREVIEW_LINK_HOURS,
            "preview_links": [
                (link, request.build_absolute_uri(link.get_absolute_url())) for link in links
            ],
        }

    def _shareable_article(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not can_preview(request.user, article):
            raise Http404("No article to share")
        return article

    def new_preview_link_view(self, request, object_id):
        article = self._shareable_article(request, object_id)
        if article.status not in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
            self.message_user(
                request,
                "Published stories have their own address: share that instead.",
                messages.WARNING,
            )
        else:
            create_link(article, request.user)
            self.message_user(
                request,
                "A new preview link is ready below. Anyone who has it can read the draft until "
                "it expires or you revoke it.",
                messages.SUCCESS,
            )
        return redirect("admin:articles_article_change", article.pk)

    def revoke_preview_link_view(self, request, object_id, link_id):
        article = self._shareable_article(request, object_id)
        link = get_object_or_404(article.preview_links, pk=link_id)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
        self.message_user(
            request, "The preview link is revoked: it no longer opens the draft.", messages.SUCCESS
        )
        return redirect("admin:articles_article_change", article.pk)

"""Shared preview links on the article form: make one, see each with its expiry, revoke it."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import preview
from articles.models import Article


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
        if not preview.can_preview(request.user, article):
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
            preview.create_link(article, request.user)
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

"""An article's revisions in the admin: the list, a comparison of two, and restoring one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles.desk import revisions
from articles.models import Article


class ArticleRevisionsMixin:
    """The revision pages of ArticleAdmin, under each article's change page."""

    def revision_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:object_id>/revisions/<int:history_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
        ]

    def _revision_context(self, request, object_id, title):
        if not revisions.can_restore(request.user):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        return article, {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": article.headline,
        }

    def revisions_view(self, request, object_id):
        article, context = self._revision_context(request, object_id, "Revisions")
        records = list(article.history.select_related("history_user"))
        context["rows"] = revisions.story_history(article, records)
        context["default_pair"] = revisions.default_pair(records)
        context["can_compare"] = len(records) > 1
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, object_id):
        article, context = self._revision_context(request, object_id, "Compare revisions")
        history = article.history.select_related("history_user")
        try:
            picked = [int(request.GET["a"]), int(request.GET["b"])]
        except (KeyError, ValueError):
            messages.warning(request, "Choose two revisions to compare.")
            return redirect("admin:articles_article_revisions", object_id=article.pk)
        records = sorted(history.filter(pk__in=picked), key=lambda r: r.history_date)
        if len(records) != 2:
            messages.warning(request, "Choose two different revisions to compare.")
            return redirect("admin:articles_article_revisions", object_id=article.pk)
        older, newer = records
        context.update(
            older=older,
            newer=newer,
            older_label=revisions.label_of(older),
            newer_label=revisions.label_of(newer),
            changes=revisions.compare(older, newer),
        )
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, object_id, history_id):
        article, context = self._revision_context(request, object_id, "Restore a revision")
        record = article.history.filter(pk=history_id).first()
        if record is None:
            raise Http404("No such revision")
        if request.method == "POST":
            revisions.restore(article, record, request.user)
            self.message_user(
                request, f"Restored the revision of {revisions.label_of(record)}.", messages.SUCCESS
            )
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        current = article.history.first()
        context.update(
            record=record,
            record_label=revisions.label_of(record),
            changes=revisions.compare(current, record) if current else [],
        )
        return TemplateResponse(request, "admin/articles/article/revision_restore.html", context)

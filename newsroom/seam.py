"""The seam where the two apps meet: what reader comments add to articles' pages and admin.

Filled in once, by NewsroomConfig.ready(): articles declare the points (articles.extensions)
and know nothing of comments; comments know articles only through their one foreign key.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from articles.extensions import ListColumn, extensions
from comments.models import Comment, comment_count
from comments.views import refused_comment


def with_comment_counts(queryset):
    return queryset.annotate(
        approved_comments=comment_count(Comment.objects.approved()),
        pending_comments=comment_count(Comment.objects.in_moderation()),
    )


@admin.display(description="Comments", ordering="pending_comments")
def article_comments(article):
    if not article.pending_comments:
        return article.approved_comments
    queue = reverse("admin:comments_comment_changelist")
    return format_html(
        '{} <a class="status-badge status-badge--review" href="{}?article__id__exact={}">'
        "{} pending</a>",
        article.approved_comments,
        queue,
        article.pk,
        article.pending_comments,
    )


def register():
    extensions.listing_annotations["comment_count"] = comment_count
    extensions.article_list_columns.append(ListColumn(article_comments, with_comment_counts))
    slots = extensions.template_slots
    slots.setdefault("story_card", []).append("comments/_count.html")
    slots.setdefault("article_head", []).append("comments/_article_head.html")
    slots.setdefault("article_end", []).append("comments/_article_end.html")
    slots.setdefault("article_scripts", []).append("comments/_article_scripts.html")
    extensions.story_answers.append(refused_comment)

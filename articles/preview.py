"""Draft previews: for staff from the admin, and by a signed, expiring link for colleagues."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from articles import workflow
from articles.metadata import article_meta
from articles.models import Article
from articles.views import story_context

SALT = "articles.preview"


def can_preview(user, article):
    """Editors preview every article; a reporter previews the articles they write."""
    return user.has_perm("articles.edit_any_article") or (
        user.has_perm("articles.change_article") and workflow.is_own(user, article)
    )


def share_url(article):
    token = signing.TimestampSigner(salt=SALT).sign(str(article.pk))
    return reverse("articles:shared_preview", kwargs={"token": token})


def article_from_token(token):
    """The article a link points to, or None when the link is tampered with or has expired."""
    max_age = settings.NEWSROOM_PREVIEW_LINK_HOURS * 3600
    try:
        pk = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    return _articles().filter(pk=pk).first()


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
        raise Http404("This preview link has expired or is not valid")
    return _render(request, article)


def _articles():
    return Article.objects.for_listing().prefetch_related("tags")


def _render(request, article):
    # The reader's article page, with its template and context, under a preview banner.
    response = render(
        request,
        "articles/article_preview.html",
        {**story_context(article), "meta": article_meta(request, article)},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

from django import template
from django.core.paginator import Page
from django.db.models import Count, QuerySet
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from articles.models import Article
from comments.models import Comment, ModerationSettings
from comments.moderation import comments_closed
from comments.threads import my_pending_ids, thread_for
from comments.views import form_context

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    """The thread and the Leave a Reply form under a story: a fixed number of queries."""
    request = context["request"]
    rules = ModerationSettings.load()
    thread = thread_for(article, rules, my_pending_ids(request), request.GET.get("cpage", 1))
    closed = comments_closed(article, rules)
    reply_to = None
    if not closed and request.GET.get("replytocom", "").isdigit():
        candidate = thread.by_id.get(int(request.GET["replytocom"]))
        if candidate and candidate.status == Comment.Status.APPROVED:
            reply_to = candidate if candidate.depth < rules.max_depth else None
    return {
        **form_context(request, article, rules, reply_to=reply_to, closed=closed),
        "thread": thread,
        "page": thread.page,
        "rules": rules,
    }


def _listed_article_ids(context):
    """Ids of the stories the page lists, from lists and evaluated querysets in its context."""
    ids = set()
    for value in context.flatten().values():
        _collect_articles(value, ids, depth=3)
    return ids


def _collect_articles(value, ids, depth):
    if isinstance(value, Page):
        value = value.object_list
    if isinstance(value, QuerySet):
        value = value._result_cache if value.model is Article else None
    if isinstance(value, Article):
        ids.add(value.pk)
    elif isinstance(value, list | tuple) and depth:
        # Section fronts and similar blocks nest their stories: [(section, [story, ...]), ...]
        for item in value:
            _collect_articles(item, ids, depth - 1)


@register.inclusion_tag("comments/_count.html", takes_context=True)
def comment_count(context, article):
    """A story card's comment count; the whole page's counts come from one query."""
    request = context.get("request")
    counts = getattr(request, "_comment_counts", {})
    if article.pk not in counts:
        wanted = (_listed_article_ids(context) | {article.pk}) - counts.keys()
        counts.update(dict.fromkeys(wanted, 0))
        counts.update(
            Comment.objects.approved()
            .filter(article_id__in=wanted)
            .values_list("article_id")
            .annotate(n=Count("pk"))
        )
        if request is not None:
            request._comment_counts = counts
    return {"article": article, "count": counts[article.pk]}


@register.filter
def comment_text(text):
    """Plain text as paragraphs with web addresses linked; commenters' HTML is only text."""
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))


@register.filter
def web_address(url):
    """A commenter's website, only if it is a web address (never javascript: and the like)."""
    return url if url.lower().startswith(("http://", "https://")) else ""

import datetime
import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comments.models import ModerationSettings
from comments.moderation import comments_closed
from comments.threads import my_pending_ids, thread_for
from comments.views import form_context

register = template.Library()

THREAD_SECONDS = 24 * 3600


def _is_number(value):
    # isdigit() alone takes "²" and other digits int() refuses.
    return value.isascii() and value.isdigit()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    """The thread and the Leave a Reply form under a story: a fixed number of queries."""
    request = context["request"]
    rules = ModerationSettings.load()
    pending_ids = my_pending_ids(request)
    thread = thread_for(article, rules, pending_ids, request.GET.get("cpage", 1))
    closed = comments_closed(article, rules)
    if not closed and rules.close_after_days and article.published_at:
        # The page changes by itself when comments close: whatever keeps copies of it (the
        # page cache, newsroom.page_cache) keeps them no longer than that.
        closes = article.published_at + datetime.timedelta(days=rules.close_after_days)
        request.changes_by_itself_at = closes.timestamp()
    reply_to = None
    # A refused post (comments.views): the reader's form as sent, with what to change.
    sent = context.get("comment_form")
    if sent is not None:
        reply_to = sent.parent
    elif not closed and _is_number(request.GET.get("replytocom", "")):
        candidate = thread.by_id.get(int(request.GET["replytocom"]))
        if candidate and candidate.is_approved:
            reply_to = candidate if candidate.depth < rules.max_depth else None
    parts = {"article": article, "thread": thread, "page": thread.page, "rules": rules,
             "closed": closed}  # fmt: skip
    return {
        **form_context(request, article, rules, form=sent, reply_to=reply_to, closed=closed),
        **parts,
        "refusal": context.get("comment_refusal"),
        # A reader's own pending comments are theirs alone: that thread is never kept.
        "thread_html": rendered_thread(parts, keep=not pending_ids),
    }


def rendered_thread(parts, keep):
    """The thread's HTML, kept in the cache under a digest of everything it shows.

    Rendering a long thread (links found in every comment) is most of a story page's cost;
    the digest changes whenever a comment, the page, the headline or the rules do, so a kept
    copy is never stale and nothing has to empty it.
    """
    if not keep:
        return render_to_string("comments/_thread.html", parts)
    thread, rules = parts["thread"], parts["rules"]
    digest = hashlib.sha256(
        repr(
            (
                parts["article"].pk,
                parts["article"].headline,
                parts["closed"],
                thread.page.number,
                rules.max_depth,
                rules.per_page,
                [
                    (c.pk, c.parent_id, c.depth, c.author_name, c.author_url, c.text, c.status,
                     c.submitted_at.isoformat())
                    for c in thread.by_id.values()
                ],
            )
        ).encode()
    ).hexdigest()  # fmt: skip
    key = f"comments:thread:{digest}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("comments/_thread.html", parts)
        cache.set(key, html, timeout=THREAD_SECONDS)
    return mark_safe(html)


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

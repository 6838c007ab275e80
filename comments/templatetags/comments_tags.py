from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comments.models import ModerationSettings
from comments.moderation import comments_closed
from comments.threads import my_pending_ids, thread_for
from comments.views import form_context

register = template.Library()


def _is_number(value):
    # isdigit() alone takes "²" and other digits int() refuses.
    return value.isascii() and value.isdigit()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    """The thread and the Leave a Reply form under a story: a fixed number of queries."""
    request = context["request"]
    rules = ModerationSettings.load()
    thread = thread_for(article, rules, my_pending_ids(request), request.GET.get("cpage", 1))
    closed = comments_closed(article, rules)
    reply_to = None
    if not closed and _is_number(request.GET.get("replytocom", "")):
        candidate = thread.by_id.get(int(request.GET["replytocom"]))
        if candidate and candidate.is_approved:
            reply_to = candidate if candidate.depth < rules.max_depth else None
    return {
        **form_context(request, article, rules, reply_to=reply_to, closed=closed),
        "thread": thread,
        "page": thread.page,
        "rules": rules,
    }


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

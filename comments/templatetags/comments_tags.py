import datetime

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments import rendering
from comments.forms import CommentForm, form_token
from comments.models import ModerationSettings
from comments.moderation import comments_closed
from comments.threads import my_pending_ids, thread_for
from comments.views import form_context, saved_author
from newsroom.caching.pieces import kept
from newsroom.caching.tracking import expires_at

register = template.Library()

# Where a kept comment form takes the token signed for each request.
TOKEN_SLOT = "comment-token-for-this-request"


def _is_number(value):
    # isdigit() alone takes "²" and other digits int() refuses.
    return value.isascii() and value.isdigit()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, article):
    """The thread and the Leave a Reply form under a story.

    On a page whose pieces may be kept (a story as readers see it, not a preview), the thread
    and the empty form are kept once rendered (newsroom.caching.pieces) until a comment on the
    story, the story or the comment settings change; the form's signed token is put in for each
    request. A reader's own pending comments, the comment they reply to, the details their
    browser remembers or the form they sent make that part theirs alone, built for them.
    """
    request = context["request"]
    rules = ModerationSettings.load()
    pending_ids = my_pending_ids(request)
    cpage = request.GET.get("cpage", "")
    cpage = cpage if _is_number(cpage) else 1
    closed = comments_closed(article, rules)
    if not closed and rules.close_after_days and article.published_at:
        # The page changes by itself when comments close: nothing built from it is kept longer.
        closes = article.published_at + datetime.timedelta(days=rules.close_after_days)
        expires_at(closes.timestamp())
    reply_to = None
    # A refused post (comments.views): the reader's form as sent, with what to change.
    sent = context.get("comment_form")
    replying = sent is None and not closed and _is_number(request.GET.get("replytocom", ""))
    parts = {"article": article, "rules": rules, "closed": closed}

    def shown_thread():
        thread = thread_for(article, rules, pending_ids, cpage)
        html = render_to_string(
            "comments/_thread.html", {**parts, "thread": thread, "page": thread.page}
        )
        return {"html": html, "count": thread.count}, thread.by_id

    def kept_section():
        # The thread, and the form as a reader with nothing of their own sees it: empty,
        # whoever's request builds it, its token put in for each request.
        shown, _by_id = shown_thread()
        empty = CommentForm(initial={"comment_parent": 0}, article=article, rules=rules)
        shown["form"] = render_to_string(
            "comments/_form.html",
            {**form_context(request, article, rules, form=empty, closed=closed), **parts,
             "token": TOKEN_SLOT},
        )  # fmt: skip
        return shown

    keep = context.get("keep_pieces")
    if pending_ids or replying or not keep:
        shown, by_id = shown_thread()
    else:
        shown = kept("comments", [article, cpage, closed], kept_section)
    if sent is not None:
        reply_to = sent.parent
    elif replying:
        candidate = by_id.get(int(request.GET["replytocom"]))
        if candidate and candidate.is_approved:
            reply_to = candidate if candidate.depth < rules.max_depth else None
    common = {
        **parts,
        "refusal": context.get("comment_refusal"),
        "thread_count": shown["count"],
        "thread_html": mark_safe(shown["html"]),
    }
    if "form" in shown and sent is None and not saved_author(request):
        form_html = shown["form"].replace(TOKEN_SLOT, form_token(article))
        return {**common, "form_html": mark_safe(form_html)}
    return {
        **form_context(request, article, rules, form=sent, reply_to=reply_to, closed=closed),
        **common,
    }


register.filter("comment_text", rendering.comment_text)
register.filter("web_address", rendering.web_address)


@register.simple_tag(takes_context=True)
def comment_items(context, nodes):
    """The thread's comments, each an <li> with its replies nested (comments.rendering)."""
    return rendering.thread_items(
        nodes,
        closed=context["closed"],
        max_depth=context["rules"].max_depth,
        page_number=context["page"].number,
    )

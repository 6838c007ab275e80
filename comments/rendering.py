"""The comment thread's items as HTML, built in Python: a story with forty comments would
otherwise render a template include per comment, the slowest part of building its page.

The markup is WordPress's (`wp_list_comments`), as the themes readers know style it; it was
`comments/_comment.html` and is byte for byte what that template gave (tests/comments
compare a thread with the markup written out).
"""

import re

from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape as escape
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

PENDING_NOTE = '<p class="comment-awaiting-moderation">Your comment is awaiting moderation.</p>'
# A word (as urlize() splits them: by white space, <, >, " and ') holding what any word
# urlize() links has in it (its simple_url_re, simple_url_2_re and e-mail rules). urlize()
# handles each word on its own and only escapes the words it does not link: so only these
# words go through it, the rest is escaped in one go, at a fraction of the cost.
MAY_LINK = re.compile(
    r"[^\s<>\"']*(?:https?://|www\.|@|\.(?:com|edu|gov|int|mil|net|org))[^\s<>\"']*",
    re.IGNORECASE,
)


def comment_text(text):
    """Plain text as paragraphs with web addresses linked; commenters' HTML is only text.

    The same as urlize(text, nofollow=True, autoescape=True) (tests/comments compare them).
    """
    parts, done = [], 0
    for word in MAY_LINK.finditer(text):
        parts.append(escape(text[done : word.start()]))
        parts.append(urlize(word.group(), nofollow=True, autoescape=True))
        done = word.end()
    parts.append(escape(text[done:]))
    linked = "".join(parts).replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))


def web_address(url):
    """A commenter's website, only if it is a web address (never javascript: and the like)."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def thread_items(nodes, *, closed, max_depth, page_number):
    """The <li> of each node, its replies nested: what goes in <ol class="comment-list">."""
    parts = []
    for node in nodes:
        _item(parts, node, closed, max_depth, page_number)
    return mark_safe("".join(parts))


def _item(parts, node, closed, max_depth, page_number):
    comment = node.comment
    anchor = escape(comment.anchor)
    name = escape(comment.author_name)
    website = web_address(comment.author_url)
    if website:
        name_html = (
            f'<a href="{escape(website)}" rel="external nofollow ugc" class="url">{name}</a>'
        )
    else:
        name_html = name
    pending = comment.is_pending
    # One pass of the formatter for the three forms, in the house style ("|" is not one of its
    # letters, and a style's formats are letters, spaces and punctuation).
    when = dateformat.format(
        localtime(comment.submitted_at),
        f"c|{get_format('DATE_FORMAT')}|{get_format('TIME_FORMAT')}",
    )
    iso, day, time = when.split("|")
    parts.append(
        f'\n<li id="{anchor}" class="comment depth-{comment.depth}'
        f'{" comment--pending" if pending else ""}">\n'
        f'  <article id="div-{anchor}" class="comment-body">\n'
        f'    <footer class="comment-meta">\n'
        f'      <div class="comment-author">\n'
        f'        <b class="fn">{name_html}</b>\n'
        f'        <span class="says">says:</span>\n'
        f"      </div>\n"
        f'      <div class="comment-metadata">\n'
        f'        <a href="#{anchor}"><time datetime="{iso}">{day} at {time}</time></a>\n'
        f"      </div>\n"
        f"      {PENDING_NOTE if pending else ''}\n"
        f"    </footer>\n"
        f'    <div class="comment-content">{comment_text(comment.text)}</div>\n'
        f"    "
    )
    if not pending and not closed and comment.depth < max_depth:
        page = f"cpage={page_number}&amp;" if page_number > 1 else ""
        parts.append(
            f'\n      <div class="reply"><a rel="nofollow" class="comment-reply-link" '
            f'href="?{page}replytocom={comment.pk}#respond" data-commentid="{comment.pk}" '
            f'data-belowelement="div-{anchor}" data-replyto="Leave a Reply to {name}" '
            f'aria-label="Reply to {name}">Reply</a></div>\n    '
        )
    parts.append("\n  </article>\n  ")
    if node.replies:
        parts.append('\n    <ol class="children">\n      ')
        for reply in node.replies:
            _item(parts, reply, closed, max_depth, page_number)
        parts.append("\n    </ol>\n  ")
    parts.append("\n</li>\n\n")

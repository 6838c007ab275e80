"""The comment thread built in Python (comments.rendering) gives exactly what the template it
replaced gave, and comment_text exactly what urlize gives."""

import datetime
import random
from pathlib import Path

import pytest
from django.template import Context, Engine
from django.utils import timezone
from django.utils.html import linebreaks, urlize

from comments.models import Comment
from comments.rendering import comment_text, thread_items
from comments.threads import Node, set_anchors
from tests.comments.factories import CommentFactory

# comments/_comment.html as it was: the markup readers' themes style, kept as the reference.
TEMPLATE = (Path(__file__).parent / "data" / "comment_reference.html").read_text()


def by_template(nodes, closed, max_depth, page_number):
    engine = Engine(
        loaders=[("django.template.loaders.locmem.Loader", {"comments/_comment.html": TEMPLATE})],
        libraries={"comments_tags": "comments.templatetags.comments_tags"},
    )
    item = engine.get_template("comments/_comment.html")
    context = {
        "closed": closed,
        "rules": type("Rules", (), {"max_depth": max_depth}),
        "page": type("Page", (), {"number": page_number}),
    }
    return "".join(item.render(Context({**context, "node": node})) for node in nodes)


def reference_text(text):
    linked = urlize(text, nofollow=True, autoescape=True)
    return linebreaks(linked.replace(' rel="nofollow"', ' rel="nofollow ugc"'), autoescape=False)


@pytest.mark.django_db
@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("page_number", [1, 3])
def test_the_thread_is_byte_for_byte_what_the_template_gave(article, closed, page_number):
    """Replies nested to the depth limit, a pending comment, a website, a hostile name."""
    first = CommentFactory(article=article, author_url="https://sam.example/?a=1&b=2")
    reply = CommentFactory(article=article, parent=first, author_name='<b>"Jo"</b> & co')
    deeper = CommentFactory(article=article, parent=reply, author_url="javascript:alert(1)")
    pending = CommentFactory(
        article=article,
        status=Comment.Status.PENDING,
        text="Wait for it.\n\nSee www.example.org, or mail me@example.com.",
        submitted_at=timezone.now() - datetime.timedelta(hours=13),
    )
    comments = [first, reply, deeper, pending]
    set_anchors(comments)
    nodes = {comment.pk: Node(comment) for comment in comments}
    nodes[first.pk].replies.append(nodes[reply.pk])
    nodes[reply.pk].replies.append(nodes[deeper.pk])
    roots = [nodes[first.pk], nodes[pending.pk]]
    built = thread_items(roots, closed=closed, max_depth=3, page_number=page_number)
    assert built == by_template(roots, closed, 3, page_number)


PIECES = ["word", "Www.", "www.x.org", "https://e.com/a?b=1&c=<2>", "HTTP://X.COM", "a@b.co",
          "me@x", "(see", "x.com)", "x.NET.", "&amp;", "<i>", '"', "'", ":", ".", "@", "\n",
          "\n\n", " ", "\t", "é.org", "a.b", "mailto:x@y.com", "x.com/path", ";",
          "&lt;"]  # fmt: skip


def test_comment_text_is_what_urlize_gives():
    """Only words that may hold a link go through urlize: the result never differs."""
    draw = random.Random(23)
    for _ in range(2000):
        text = "".join(draw.choices(PIECES, k=draw.randrange(12)))
        assert comment_text(text) == reference_text(text), text

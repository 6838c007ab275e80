"""The comment thread under a story, built from one query whatever its length."""

import math
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from comments.models import Comment, own_anchor

MINE_COOKIE = "comments_mine"
MINE_SALT = "comments.mine"
MINE_KEEP = 20


@dataclass
class Node:
    comment: Comment
    replies: list = field(default_factory=list)


def my_pending_ids(request):
    """Ids of the comments this browser sent that still wait for a moderator."""
    value = request.get_signed_cookie(MINE_COOKIE, default="", salt=MINE_SALT)
    return {int(part) for part in value.split(",") if part.isascii() and part.isdigit()}


def remember_mine(request, response, comment):
    ids = [*sorted(my_pending_ids(request))[-(MINE_KEEP - 1) :], comment.pk]
    response.set_signed_cookie(
        MINE_COOKIE,
        ",".join(map(str, ids)),
        salt=MINE_SALT,
        max_age=60 * 60 * 24 * 30,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def visible_comments(article, pending_ids):
    """Approved comments, and the reader's own pending ones, oldest first."""
    visible = Comment.objects.approved()
    if pending_ids:
        visible |= Comment.objects.in_moderation().filter(pk__in=pending_ids)
    return list(
        visible.filter(article=article)
        .only("pk", "parent_id", "depth", "author_name", "author_url", "text", "status",
              "submitted_at", "article_id", "wp_comment_id")
        .order_by("submitted_at", "pk")
    )  # fmt: skip


def set_anchors(comments):
    """Give each comment its page id (Comment.anchor) without a query per comment."""
    imported = {
        comment.wp_comment_id
        for comment in comments
        if comment.wp_comment_id is not None and comment.status == Comment.Status.APPROVED
    }
    for comment in comments:
        if comment.wp_comment_id is None:
            comment.anchor = own_anchor(comment.pk, comment.pk in imported)


def build_tree(comments):
    """Top-level nodes with their replies; a reply whose parent is hidden is left out."""
    nodes = {comment.pk: Node(comment) for comment in comments}
    roots = []
    for comment in comments:
        if comment.parent_id is None:
            roots.append(nodes[comment.pk])
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(nodes[comment.pk])
    return roots


def page_number(value, num_pages):
    number = int(value) if str(value).isascii() and str(value).isdigit() else 1
    return min(max(number, 1), max(num_pages, 1))


def page_of(comment, rules):
    """The thread page a newly posted comment appears on (its top-level ancestor's page)."""
    root = comment
    while root.parent_id:
        root = root.parent
    # In thread order: by time, then by number (imported comments may share a timestamp).
    before = Q(submitted_at__lt=root.submitted_at) | Q(
        submitted_at=root.submitted_at, pk__lt=root.pk
    )
    earlier = (
        Comment.objects.approved()
        .filter(before, article_id=comment.article_id, parent=None)
        .count()
    )
    return math.floor(earlier / rules.per_page) + 1


@dataclass
class Thread:
    count: int
    page: object
    by_id: dict

    @property
    def roots(self):
        return self.page.object_list


def thread_for(article, rules, pending_ids=(), page=1):
    comments = visible_comments(article, pending_ids)
    set_anchors(comments)
    roots = build_tree(comments)
    paginator = Paginator(roots, rules.per_page)
    number = page_number(page, paginator.num_pages)
    count = sum(1 for comment in comments if comment.is_approved)
    return Thread(
        count=count,
        page=paginator.page(number),
        by_id={comment.pk: comment for comment in comments},
    )

"""The panels on the admin's front page: what waits for the person looking at it.

Each panel is a function of the request returning a Panel, or None when it does not concern
that person. The desk spans both apps (stories to review, comments to moderate), so it lives
here, where they meet.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from articles.desk import notes
from articles.desk.admin.changelist import changes_requested, story_state
from articles.models import Article, ChangeRequest
from comments.models import Comment
from newsroom.readership.ranking import PERIODS, most_read


@dataclass(frozen=True)
class Panel:
    title: str
    count: int
    url: str
    note: str
    highlight: bool = False
    # A short list under the title (headline, figure, link), for panels that are a ranking.
    items: tuple = ()
    # Items whose figure is a sentence (a note, a state), shown under the headline.
    wide: bool = False
    # The count in words, for the notice on every admin page: "1 comment awaiting moderation".
    summary: str = ""


def counted(count, one, many):
    """ "1 story needs review", "3 stories need review": the count with the words that fit."""
    return f"{count} {one if count == 1 else many}"


def needs_review(request):
    if not request.user.has_perm("articles.publish_article"):
        return None
    count = Article.objects.filter(status=Article.Status.IN_REVIEW).count()
    return Panel(
        "Needs review",
        count,
        reverse("admin:articles_article_changelist") + "?status=review",
        "Stories reporters have submitted.",
        highlight=count > 0,
        summary=counted(count, "story needs review", "stories need review"),
    )


def scheduled(request):
    if not request.user.has_perm("articles.view_article"):
        return None
    return Panel(
        "Scheduled",
        Article.objects.scheduled().count(),
        reverse("admin:articles_article_changelist") + "?status=scheduled",
        "Stories that go live on their own at a set time.",
    )


# Items a panel lists at most.
LISTED = 5


def changes_requested_of_me(request):
    if not request.user.has_perm("articles.add_article"):
        return None
    requests = (
        ChangeRequest.objects.open()
        .filter(article__status=Article.Status.DRAFT, article__created_by=request.user)
        .select_related("article", "requested_by")
    )
    count = requests.count()
    if not count:
        return None
    return Panel(
        "Changes requested",
        count,
        reverse("admin:articles_article_changelist") + "?status=changes&mine=1",
        "Stories an editor sent back to you. Submit them again once changed.",
        highlight=True,
        items=tuple(
            (
                asked.article.headline,
                f"Changes requested by {asked.requester_name()}: "
                + Truncator(asked.note).words(30),
                _story_url(asked.article),
            )
            for asked in requests[:LISTED]
        ),
        wide=True,
    )


def notes_for_me(request):
    if not request.user.has_perm("articles.view_article"):
        return None
    mentions = notes.mentioning(request.user)
    count = mentions.count()
    if not count:
        return None
    return Panel(
        "Notes for you",
        count,
        _story_url(mentions[0].article),
        "Open notes in which a colleague mentioned you.",
        highlight=True,
        items=tuple(
            (
                note.article.headline,
                Truncator(note.text).words(20),
                f"{_story_url(note.article)}#note-{note.pk}",
            )
            for note in mentions[:LISTED]
        ),
        wide=True,
    )


def my_stories(request):
    if not request.user.has_perm("articles.add_article"):
        return None
    mine = Article.objects.filter(
        Q(created_by=request.user) | Q(authors__user=request.user)
    ).distinct()
    in_progress = mine.exclude(status=Article.Status.PUBLISHED).count()
    recent = mine.annotate(changes_requested=changes_requested()).order_by("-updated_at")
    return Panel(
        "My stories",
        in_progress,
        reverse("admin:articles_article_changelist") + "?mine=1",
        "Your stories not yet published; the latest, with where each stands.",
        items=tuple(
            (article.headline, story_state(article)[1], _story_url(article))
            for article in recent[:LISTED]
        ),
        wide=True,
    )


def _story_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def awaiting_moderation(request):
    if not request.user.has_perm("comments.change_comment"):
        return None
    count = Comment.objects.in_moderation().count()
    return Panel(
        "Comment awaiting moderation" if count == 1 else "Comments awaiting moderation",
        count,
        reverse("admin:comments_comment_changelist") + "?status=pending",
        "Reader comments held for a moderator.",
        highlight=count > 0,
        summary=counted(count, "comment awaiting moderation", "comments awaiting moderation"),
    )


def most_read_today(request):
    if not request.user.has_perm("readership.view_dailyviews"):
        return None
    top = most_read(PERIODS["today"], limit=5)
    return Panel(
        "Most read today",
        sum(row["readers"] for row in top),
        reverse("admin:readership_dailyviews_changelist"),
        "Readers of today's top five stories.",
        items=tuple(
            (
                row["article"].headline,
                row["readers"],
                reverse("admin:readership_story", args=[row["article"].pk]),
            )
            for row in top
        ),
    )


PANELS = [
    changes_requested_of_me,
    notes_for_me,
    needs_review,
    scheduled,
    my_stories,
    awaiting_moderation,
    most_read_today,
]


def panels_for(request):
    return [panel for make in PANELS if (panel := make(request)) is not None]


def notices_for(request):
    """The desk's panels that wait for this person (stories to review, comments held), shown
    on every admin page so nobody has to go back to the front page to learn of them."""
    if request is None or not request.user.is_authenticated or not request.user.is_staff:
        return []
    if request.resolver_match and request.resolver_match.view_name == "admin:index":
        return []  # the desk itself shows these as its panels
    return [panel for panel in panels_for(request) if panel.highlight]

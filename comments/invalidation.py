"""What changes to comments make stale of the kept pages (newsroom.caching).

A comment shows on its story's page and in the count on its cards (`story-<id>`), and only
once approved: a comment held for moderation changes no page until a moderator approves it.
The moderation settings show on every story page (its rules, when comments close).
"""

from comments.models import Comment, ModerationSettings
from comments.threads import MINE_COOKIE
from comments.views import AUTHOR_COOKIES
from newsroom.caching import pages
from newsroom.caching.tracking import LISTINGS, track


def comment_changes(comment, created=False):
    if created and comment.status != Comment.Status.APPROVED:
        return []
    return [f"story-{comment.article_id}"]


def rules_changes(rules, created=False):
    # Created by load() with the defaults: nothing shown changes.
    return [] if created else [f"comment-rules-{rules.pk}", LISTINGS]


def register():
    """Called once, by CommentsConfig.ready()."""
    # Kept for moderators and privacy requests, never shown to readers.
    track(Comment, changes=comment_changes, unseen={"ip_address", "user_agent"})
    track(ModerationSettings, "comment-rules", rules_changes)
    # A reader whose browser holds these sees a page of their own (their pending comment, the
    # form filled with their name): never kept, never served from the kept pages.
    pages.personal_cookies.update({MINE_COOKIE, *AUTHOR_COOKIES.values()})

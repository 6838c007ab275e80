"""The editorial workflow: who may move an article from one state to another.

    draft → in review → published → unpublished, and back to draft from review (by the
    reporter, or by an editor requesting changes with a note).

A published article whose publication time is in the future is scheduled: readers see it from
that time on, with no job to run. Every transition checks the person's permission, keeps a
revision and leaves an entry in the article's admin history.
"""

from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, ChangeRequest

Status = Article.Status


class TransitionError(Exception):
    """A transition that does not apply to the article as it is now; the message says why."""


def can_publish(user):
    return user.has_perm("articles.publish_article")


def is_own(user, article):
    if article.pk is None:
        return True
    return article.created_by_id == user.pk or article.authors.filter(user=user).exists()


def can_edit(user, article):
    """Editors edit everything; a reporter edits their own articles until they are published."""
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.status in (Status.DRAFT, Status.IN_REVIEW) and is_own(user, article)


def submit_for_review(article, user):
    _require(can_edit(user, article), "You cannot submit this article for review.")
    _require_status(article, {Status.DRAFT, Status.UNPUBLISHED}, "submitted for review")
    article.status = Status.IN_REVIEW
    # Submitting again answers the editor's request for changes.
    article.change_requests.open().update(answered_at=timezone.now())
    return _save(article, user, "Submitted for review")


def return_to_draft(article, user):
    _require(can_edit(user, article), "You cannot send this article back to draft.")
    _require_status(article, {Status.IN_REVIEW}, "sent back to draft")
    article.status = Status.DRAFT
    return _save(article, user, "Sent back to draft")


def request_changes(article, user, note=""):
    """An editor sends a submitted story back to its reporter, saying what should change."""
    _require(can_publish(user), "Only editors can request changes.")
    _require_status(article, {Status.IN_REVIEW}, "sent back with a request for changes")
    note = note.strip()
    if not note:
        raise TransitionError("Say what should change: the reporter sees this note.")
    article.status = Status.DRAFT
    with transaction.atomic():
        ChangeRequest.objects.create(article=article, requested_by=user, note=note)
        return _save(article, user, f"Changes requested by {display_name(user)}: {note}")


def display_name(user):
    return user.get_full_name() or user.get_username()


def open_change_request(article):
    """The editor's request the reporter has still to answer, or None."""
    if article.pk is None or article.status != Status.DRAFT:
        return None
    return article.change_requests.open().select_related("requested_by").first()


def publish_now(article, user, overridden=()):
    _require(can_publish(user), "Only editors can publish articles.")
    if article.is_published():
        raise TransitionError("This article is already published.")
    # Whole seconds, as the admin's time box shows and saves them.
    now = timezone.now().replace(microsecond=0)
    # A story published before and taken down keeps its original date when it comes back.
    if article.published_at is None or article.published_at > now:
        article.published_at = now
    article.status = Status.PUBLISHED
    # Shared preview links die with the draft: the story has its own address now.
    article.preview_links.revoke()
    return _save(article, user, despite("Published", overridden))


def schedule(article, user, when, overridden=()):
    _require(can_publish(user), "Only editors can schedule articles.")
    if article.is_published():
        raise TransitionError("This article is already live; unpublish it first to schedule it.")
    if when is None or when <= timezone.now():
        raise TransitionError("Choose a publication time in the future to schedule the article.")
    article.status = Status.PUBLISHED
    article.published_at = when
    article.preview_links.revoke()
    local = timezone.localtime(when)
    scheduled = f"Scheduled for {date_format(local, 'DATETIME_FORMAT')}"
    return _save(article, user, despite(scheduled, overridden))


def despite(message, overridden):
    """The history's words for a story sent out although checks before publishing failed."""
    if not overridden:
        return message
    return f"{message} anyway, despite the checks before publishing: {'; '.join(overridden)}"


def unpublish(article, user):
    _require(can_publish(user), "Only editors can unpublish articles.")
    _require_status(article, {Status.PUBLISHED}, "unpublished")
    article.status = Status.UNPUBLISHED
    # Shared preview links die with the draft: the story has its own address now.
    article.preview_links.revoke()
    return _save(article, user, "Unpublished")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    function: object


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", "Submit for review", submit_for_review),
        Transition("to_draft", "Back to draft", return_to_draft),
        Transition("request_changes", "Request changes", request_changes),
        Transition("schedule", "Schedule", schedule),
        Transition("publish", "Publish now", publish_now),
        Transition("unpublish", "Unpublish", unpublish),
    )
}


def available_transitions(user, article):
    """The transitions this person may apply to the article now, for the admin's buttons."""
    if article.pk is None:
        if not can_edit(user, article):
            return []
        # A new story can go out straight from its first save.
        names = ["submit", "schedule", "publish"] if can_publish(user) else ["submit"]
        return [TRANSITIONS[name] for name in names]
    names = []
    if can_edit(user, article):
        if article.status in (Status.DRAFT, Status.UNPUBLISHED):
            names.append("submit")
        if article.status == Status.IN_REVIEW:
            names.append("to_draft")
    if can_publish(user):
        if article.status == Status.IN_REVIEW:
            names.append("request_changes")
        if not article.is_published():
            names += ["schedule", "publish"]
        if article.status == Status.PUBLISHED:
            names.append("unpublish")
    return [TRANSITIONS[name] for name in names]


@dataclass(frozen=True)
class Action:
    """A button at the end of the story form: the form field it sends and what it says."""

    field: str  # "_transition" (value: a transition's name), "_continue" (save, stay), "_preview"
    value: str
    label: str


@dataclass(frozen=True)
class Finish:
    """How the story form ends for one person: one primary action, the few that sit beside
    it, and the rarer ones under "More"."""

    primary: Action
    beside: tuple = ()
    more: tuple = ()

    def names(self):
        return {action.value for action in (self.primary, *self.beside, *self.more)}


def save_label(article):
    if article.status == Status.IN_REVIEW:
        return "Save"
    if article.status == Status.PUBLISHED:
        return "Save changes"
    return "Save draft"


def finish(user, article, *, can_preview=True):
    """The actions that end the story form for this person, or None for a read-only form.

    The primary action moves the story on: an editor publishes (a scheduled or live story is
    saved: readers see the change); a reporter submits for review (once submitted, saves).
    Saving is beside it, never a rival primary; so are Schedule and Preview."""
    if not can_edit(user, article):
        return None
    # "Request changes" needs its note: the form shows it apart (can_request_changes).
    names = [
        transition.name
        for transition in available_transitions(user, article)
        if transition.name != "request_changes"
    ]
    step = {name: Action("_transition", name, TRANSITIONS[name].label) for name in names}
    save = Action("_continue", "1", save_label(article))
    label = "Preview" if article.pk is None else "Preview changes"
    preview = (Action("_preview", "1", label),) if can_preview else ()
    scheduled = article.status == Status.PUBLISHED and not article.is_published()
    if scheduled:
        # Saving keeps it scheduled, at the time in the form; "Schedule" would do the same.
        primary, beside = save, [step["publish"]]
        names.remove("schedule")
    elif "publish" in step:
        primary, beside = step["publish"], [step["schedule"], save]
    elif "submit" in step:
        primary, beside = step["submit"], [save]
    else:
        primary, beside = save, [step[name] for name in names if name == "to_draft"]
    placed = {action.value for action in (primary, *beside)}
    more = tuple(step[name] for name in names if name not in placed)
    return Finish(primary, (*beside, *preview), more)


def can_request_changes(user, article):
    return any(t.name == "request_changes" for t in available_transitions(user, article))


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _require_status(article, allowed, what):
    if article.status not in allowed:
        raise TransitionError(
            f"An article that is {article.get_status_display().lower()} cannot be {what}."
        )


def _save(article, user, message):
    with transaction.atomic():
        article._history_user = user
        article._change_reason = message
        article.save()
        log_change(article, user, message)
    return article


def log_change(article, user, message):
    """An entry in the article's admin history, with the person who did it."""
    LogEntry.objects.log_actions(
        user.pk, [article], CHANGE, change_message=message, single_object=True
    )

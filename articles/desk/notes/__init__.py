"""Notes on drafts: threads colleagues leave on a story, anchored to a field or a paragraph.

A paragraph is anchored by its words, not by a mark in the story's HTML: the body readers get
stays exactly what was written, so no note can leak into a page, a feed, the API or a revision,
and the sanitizer needs no exception. When the paragraph is edited, the thread follows the
paragraph that reads most like it; when none does, the thread says the paragraph is gone and
quotes it.

Who may read and write notes is who may edit the story: a reporter on their own stories until
they are published, an editor on all. Moderators and readers never see them.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from articles.desk import workflow
from articles.desk.revisions.diffs import blocks_of
from articles.models import Note

# An edited paragraph this alike is still the paragraph the note was written on.
ALIKE = 0.6
# How much of a paragraph the anchor list shows.
LABEL_WORDS = 8

Anchor = Note.Anchor


class NoteError(Exception):
    """A note that cannot be kept as sent; the message says why."""


def can_note(user, article):
    return article.pk is not None and workflow.can_edit(user, article)


def paragraphs(body):
    """The story's paragraphs (and headings, list items, quotes) as plain text, in order."""
    texts = []
    for block in blocks_of(body):
        text = " ".join(token.text for token in block.tokens if token.kind == "word")
        if text.strip():
            texts.append(" ".join(text.split()))
    return texts


def anchor_choices(article):
    """(value, label) for the "On" list of the note form: the fields, then each paragraph."""
    choices = [(anchor.value, anchor.label) for anchor in Anchor if anchor != Anchor.PARAGRAPH]
    for number, text in enumerate(paragraphs(article.body), start=1):
        label = Truncator(text).words(LABEL_WORDS)
        choices.append((f"p{number}", f"Paragraph {number}: {label}"))
    return choices


def locate(quote, texts):
    """The index of the paragraph the quote now is, or None when no paragraph reads like it."""
    if quote in texts:
        return texts.index(quote)
    best, best_ratio = None, ALIKE
    for index, text in enumerate(texts):
        ratio = difflib.SequenceMatcher(None, quote, text, autojunk=False).ratio()
        if ratio >= best_ratio:
            best, best_ratio = index, ratio
    return best


@dataclass
class Thread:
    """A thread as the notes panel shows it: where it is anchored, now."""

    note: Note
    replies: list
    place: str  # "Headline", "Paragraph 3", "A paragraph no longer in the story"
    paragraph: int | None = None  # 1-based, when anchored to a paragraph still there
    text: str = ""  # the paragraph's words now (or as quoted, when gone)
    gone: bool = False
    order: tuple = field(default=(0,), repr=False)


FIELD_ORDER = {Anchor.HEADLINE: 0, Anchor.DEK: 1, Anchor.PICTURE: 2, Anchor.STORY: 4}


def threads(article):
    """The story's threads, open ones first, in the order of the story."""
    texts = paragraphs(article.body)
    notes = (
        article.notes.threads()
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )
    found = []
    for note in notes:
        thread = Thread(note, list(note.replies.all()), Anchor(note.anchor).label)
        if note.anchor == Anchor.PARAGRAPH:
            index = locate(note.quote, texts)
            if index is None:
                thread.place, thread.text, thread.gone = (
                    "A paragraph no longer in the story",
                    note.quote,
                    True,
                )
            else:
                thread.place, thread.paragraph, thread.text = (
                    f"Paragraph {index + 1}",
                    index + 1,
                    texts[index],
                )
            thread.order = (3, index if index is not None else len(texts))
        else:
            thread.order = (FIELD_ORDER[note.anchor],)
        found.append(thread)
    return sorted(found, key=lambda t: (t.note.resolved_at is not None, t.order))


def add(article, user, text, anchor):
    """A new thread. anchor: a field's name, or "p3" for the story's third paragraph."""
    text = _text(text)
    quote = ""
    if match := re.fullmatch(r"p(\d{1,4})", anchor or ""):
        texts = paragraphs(article.body)
        number = int(match[1])
        if not 1 <= number <= len(texts):
            raise NoteError("That paragraph is no longer in the story: choose where the note goes.")
        anchor, quote = Anchor.PARAGRAPH, texts[number - 1]
    elif anchor not in FIELD_ORDER:
        raise NoteError("Choose where the note goes.")
    return _create(article, user, text, anchor=anchor, quote=quote)


def reply(thread, user, text):
    thread = _root(thread)
    return _create(thread.article, user, _text(text), parent=thread, anchor=thread.anchor)


def resolve(thread, user):
    thread = _root(thread)
    thread.resolved_at, thread.resolved_by = timezone.now(), user
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread


def reopen(thread, user):
    thread = _root(thread)
    thread.resolved_at, thread.resolved_by = None, None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread


def colleagues(article):
    """Active staff who may read the story's notes: the only people a note can mention."""
    people = get_user_model().objects.filter(is_active=True, is_staff=True)
    return [person for person in people.select_related("byline") if can_note(person, article)]


def mentioned(text, people):
    """The people named with @ in the text: by user name, full name or byline name."""
    lowered = text.casefold()
    found = []
    for person in people:
        byline = getattr(person, "byline", None)
        names = {person.get_username(), person.get_full_name(), byline and byline.name}
        for name in filter(None, names):
            pattern = r"(?<![\w@])@" + re.escape(name.casefold()) + r"(?![\w])"
            if re.search(pattern, lowered):
                found.append(person)
                break
    return found


def _create(article, user, text, **fields):
    with transaction.atomic():
        note = Note.objects.create(article=article, author=user, text=text, **fields)
        people = [p for p in mentioned(text, colleagues(article)) if p.pk != user.pk]
        note.mentions.set(people)
    return note


def _root(note):
    return note.parent or note


def _text(text):
    text = (text or "").strip()
    if not text:
        raise NoteError("Write the note first: it was empty.")
    return text


def mentioning(user):
    """Open threads in which someone mentioned this person, newest first."""
    return (
        Note.objects.open()
        .filter(Q(mentions=user) | Q(replies__mentions=user))
        .distinct()
        .select_related("article")
        .order_by("-created_at")
    )

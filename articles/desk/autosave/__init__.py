"""Autosave: a copy of the article form, per person and per story, so nothing typed is lost.

The change form's script sends the form every few seconds while someone types; opening the
story again refills the form from the copy when it is newer than the story, with only what the
form can still use (refill). A copy is never a revision, never shown to anyone else, and never
changes or publishes the story. Saving the story from that form ends it; a form left as it
opened keeps none.
"""

import datetime
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import ModelChoiceField
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format, time_format

from articles.models import Autosave

# Copies nobody came back to in a month are thrown away by `manage.py newsroom_clock`.
KEEP_DAYS = 30
# How long a saved form's marker stops a copy that was on its way when the form was sent.
SAVED_MARKER_HOURS = 1
# Unsaved new stories kept per person; the oldest goes first.
NEW_STORIES_KEPT = 20

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# A date and time sent as two boxes: published_at_0, published_at_1.
SPLIT_FIELD = re.compile(r"(?P<name>\w+)_[01]")
# A row of an inline: articleauthor_set-2-author.
INLINE_FIELD = re.compile(r"(?P<prefix>\w+)-(?P<row>\d{1,4})-(?P<name>\w+)")
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
NO_LONGER_IN_FORM = "fields this form no longer has"
# The largest id a bigint column holds has 19 digits; a longer "id" is junk.
ID_DIGITS = 18


class BadChoice(ValueError):
    """A posted choice of a section, picture, byline or story that is not an id."""


class Refused(Exception):
    """A copy from a form that was already saved: the story has it, keeping it would mislead."""


def new_key():
    return secrets.token_urlsafe(24)


def valid_key(key):
    return bool(key) and KEY_PATTERN.fullmatch(key) is not None


@dataclass(frozen=True)
class Inline:
    """A part of the form with rows (bylines, related stories, corrections), as it is now."""

    prefix: str
    # The row's field naming the story, which the form fills in itself.
    parent_field: str
    # The ids of the story's rows of this kind today.
    rows: frozenset
    min_num: int
    max_num: int


class FormShape:
    """What one person's story form posts: the field each name belongs to, and its inlines.

    fields: {name: field} in the form's order, a row's fields named "prefix-name".
    """

    def __init__(self, fields, inlines=()):
        self.fields = fields
        self.inlines = {inline.prefix: inline for inline in inlines}

    def field_for(self, name):
        """The form field a posted name belongs to, or None for names that are not the story's."""
        if not isinstance(name, str):
            return None
        if name in self.fields:
            return self.fields[name]
        if match := INLINE_FIELD.fullmatch(name):
            return self.fields.get(f"{match['prefix']}-{match['name']}")
        if match := SPLIT_FIELD.fullmatch(name):
            return self.fields.get(match["name"])
        return None


def form_fields(post, field_for):
    """The story's fields from a posted form, {name: [values]}.

    field_for(name) is the form field a name belongs to, or None for names that are not the
    story's. A stored object is chosen by its id: anything else could not be shown again.
    """
    data = {}
    for name, values in post.lists():
        field = field_for(name)
        if field is None:
            continue
        if isinstance(field, ModelChoiceField) and not all(map(_is_id, values)):
            raise BadChoice(name)
        data[name] = values
    return data


def _is_id(value):
    return value == "" or (value.isascii() and value.isdigit() and len(value) <= ID_DIGITS)


def as_form_data(data):
    """The stored copy as the form reads posted data."""
    restored = QueryDict(mutable=True)
    for name, values in data.items():
        restored.setlist(name, [str(value) for value in values])
    return restored


def store(user, key, data, article=None, now=None):
    """Keep this form's copy for this person, in place of their previous one for the story."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return _store(user, key, data, article, now)
    except IntegrityError:
        # Two copies from one person's tabs arrived at once: the other one made the row.
        with transaction.atomic():
            return _store(user, key, data, article, now)


def _store(user, key, data, article, now):
    if article is None:
        copy = Autosave.objects.select_for_update().filter(user=user, key=key).first()
        if copy is not None and (copy.article_id is not None or copy.data is None):
            raise Refused("This story was saved from this form.")
    else:
        copy = Autosave.objects.select_for_update().filter(user=user, article=article).first()
        if copy is not None and copy.data is None and copy.key == key:
            raise Refused("The story was saved from this form.")
    if copy is None:
        copy = Autosave(user=user, article=article)
    copy.key, copy.data, copy.saved_at = key, data, now
    copy.save()
    if article is None:
        new_stories = Autosave.objects.filter(user=user, article=None).order_by("-saved_at")
        Autosave.objects.filter(pk__in=new_stories.values("pk")[NEW_STORIES_KEPT:]).delete()
    return copy


@dataclass(frozen=True)
class Refill:
    """A kept copy made fit for the form as it is now, and what of it was left out."""

    # As the form reads posted data; None when nothing in the copy could be used.
    data: QueryDict | None
    # Labels of choices (a section, byline, picture, story) deleted since the copy was kept.
    missing: list
    # Labels of values the form cannot take: fields it no longer has, values of the wrong kind.
    dropped: list


def refill(data, shape):
    """The copy as the form reads posted data, with only what the form can show today.

    A copy outlives the form that sent it (a field renamed, a choice or a row deleted since),
    and is only as sound as what was sent. Every value is checked again here, so that opening
    the form never fails: what cannot be used is left out, and named for the person.
    """
    if not isinstance(data, dict):
        return Refill(None, [], [])
    kept, dropped = {}, []
    for name, values in data.items():
        field = shape.field_for(name)
        values = _strings(values)
        if field is None or values is None:
            _note(dropped, _label(field, name))
        elif values:
            kept[name] = values
    missing = _drop_deleted_choices(kept, shape, dropped)
    dropped.sort(key=lambda label: label == NO_LONGER_IN_FORM)
    if not kept:
        return Refill(None, missing, dropped)
    for inline in shape.inlines.values():
        _renumber_rows(kept, inline)
    return Refill(as_form_data(kept), missing, dropped)


def _strings(values):
    """A kept value as the list of strings a form reads, [] for none, None for junk."""
    if values is None:
        return []
    if not isinstance(values, list):
        values = [values]
    if not all(isinstance(value, (str, int)) and not isinstance(value, bool) for value in values):
        return None
    return [str(value) for value in values]


def _fits(field, value):
    """Whether a database column can be looked up by value at all."""
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(value, int) or abs(value) < 2**63


def _label(field, name):
    if field is None:
        return NO_LONGER_IN_FORM
    return str(field.label or name).capitalize()


def _note(labels, label):
    if label not in labels:
        labels.append(label)


def _drop_deleted_choices(kept, shape, dropped):
    """Leave out choices that are not ids, or name something deleted since; their labels."""
    missing = []
    for base_name, field in shape.fields.items():
        # A row's own id is checked with its inline: a row removed since is a new row again.
        if not isinstance(field, ModelChoiceField) or base_name.endswith("-id"):
            continue
        names = [name for name in kept if shape.field_for(name) is field]
        model = field.queryset.model
        key = field.to_field_name or model._meta.pk.name
        values = {value for name in names for value in kept[name] if value != ""}
        usable = {value for value in values if _fits(model._meta.get_field(key), value)}
        if usable != values:
            _note(dropped, _label(field, base_name))
        found = set()
        if usable:
            chosen = field.queryset.filter(**{f"{key}__in": usable}).values_list(key, flat=True)
            found = {str(value) for value in chosen}
        for name in names:
            kept[name] = [value for value in kept[name] if value == "" or value in found]
            if not kept[name]:
                del kept[name]
        if usable - found:
            _note(missing, _label(field, base_name))
    return missing


def _renumber_rows(kept, inline):
    """An inline's rows in the order Django reads them: the story's own rows first, then new
    ones, with counts that match. A row deleted since becomes a new row again."""
    rows = {}
    for name in [name for name in kept if name.startswith(f"{inline.prefix}-")]:
        values = kept.pop(name)
        match = INLINE_FIELD.fullmatch(name)
        if match and match["prefix"] == inline.prefix and match["name"] != inline.parent_field:
            rows.setdefault(int(match["row"]), {})[match["name"]] = values
    existing, new, seen = [], [], set()
    for _, row in sorted(rows.items()):
        row_id = row.get("id", [""])[-1]
        if row_id in inline.rows and row_id not in seen:
            seen.add(row_id)
            existing.append(row)
        elif not row.get("DELETE", [""])[-1]:
            row["id"] = [""]
            new.append(row)
    rows = (existing + new)[: inline.max_num]
    for index, row in enumerate(rows):
        kept.update((f"{inline.prefix}-{index}-{name}", values) for name, values in row.items())
    counts = (len(rows), min(len(existing), len(rows)), inline.min_num, inline.max_num)
    for name, count in zip(MANAGEMENT, counts, strict=True):
        kept[f"{inline.prefix}-{name}"] = [str(count)]


def latest(user, article=None):
    """This person's copy of the story (or of their newest unsaved new story), or None."""
    copies = Autosave.objects.filter(user=user, data__isnull=False)
    if article is None:
        return copies.filter(article=None).order_by("-saved_at").first()
    return copies.filter(article=article).first()


def newer_than_story(copy, article):
    return article is None or copy.saved_at > article.updated_at


def saved(user, key, article, now=None):
    """The story was saved from the form named by key: its copy has done its job."""
    if not valid_key(key):
        Autosave.objects.filter(user=user, article=article).delete()
        return
    Autosave.objects.filter(user=user, key=key, article=None).delete()
    # What stays is a marker: a copy still on its way from that form is not kept. Updated in
    # place, because a copy arriving from the form meanwhile would make a second row collide.
    Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={"key": key, "data": None, "saved_at": now or timezone.now()},
    )


def forget(user, key, article=None):
    """The form named by key is back as it opened: its copy has nothing left to keep.

    A story has one copy per person, whichever tab sent it last; a saved form's marker stays.
    """
    copies = Autosave.objects.filter(user=user, data__isnull=False)
    if article is not None:
        copies.filter(article=article).delete()
    elif valid_key(key):
        copies.filter(article=None, key=key).delete()


def discard(user, article=None, key=None):
    """Throw away this person's copy; nobody else's can be named."""
    copies = Autosave.objects.filter(user=user)
    if article is not None:
        return copies.filter(article=article).delete()[0]
    if not valid_key(key):
        return 0
    return copies.filter(article=None, key=key).delete()[0]


def clean_up(now=None):
    """Forget copies untouched for KEEP_DAYS, and saved forms' markers after an hour."""
    now = now or timezone.now()
    old = Autosave.objects.filter(saved_at__lt=now - datetime.timedelta(days=KEEP_DAYS))
    markers = Autosave.objects.filter(
        data__isnull=True, saved_at__lt=now - datetime.timedelta(hours=SAVED_MARKER_HOURS)
    )
    return old.delete()[0] + markers.delete()[0]


def saved_label(copy):
    """How the status line and notices name a copy's time, in the house style: the time, with
    the day when it is older than today."""
    local = timezone.localtime(copy.saved_at)
    if local.date() == timezone.localdate():
        return time_format(local, "TIME_FORMAT")
    return f"{date_format(local, 'MONTH_DAY_FORMAT')} at {time_format(local, 'TIME_FORMAT')}"

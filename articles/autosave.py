"""Autosave: a copy of the article form, per person and per story, so nothing typed is lost.

The change form's script sends the form every few seconds while someone types; opening the
story again refills the form from the copy when it is newer than the story. A copy is never a
revision, never shown to anyone else, and never changes or publishes the story. Saving the story
from that form ends it.
"""

import datetime
import re
import secrets

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


class BadChoice(ValueError):
    """A posted choice of a section, picture, byline or story that is not an id."""


class Refused(Exception):
    """A copy from a form that was already saved: the story has it, keeping it would mislead."""


def new_key():
    return secrets.token_urlsafe(24)


def valid_key(key):
    return bool(key) and KEY_PATTERN.fullmatch(key) is not None


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
    return value == "" or (value.isascii() and value.isdigit())


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


def missing_choices(forms):
    """The labels of choices a refilled form names that no longer exist (a section, byline,
    picture or story deleted since the copy was kept): the form shows those boxes empty."""
    missing = []
    for form in forms:
        if form.data.get(form.add_prefix("DELETE")):
            continue
        for name, field in form.fields.items():
            # "id" is a row's own record: a row removed since is simply a new row again.
            if name == "id" or not isinstance(field, ModelChoiceField):
                continue
            values = form[name].data
            values = {str(value) for value in (values if isinstance(values, list) else [values])}
            values.discard("")
            key = field.to_field_name or "pk"
            found = field.queryset.filter(**{f"{key}__in": values}).count() if values else 0
            if found < len(values) and field.label not in missing:
                missing.append(field.label)
    return missing


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
    """How the status line and notices name a copy's time: 14:32, or with the day if older."""
    local = timezone.localtime(copy.saved_at)
    if local.date() == timezone.localdate():
        return time_format(local, "H:i")
    return f"{date_format(local, 'j F')} at {time_format(local, 'H:i')}"

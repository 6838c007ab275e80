"""From a change to the events it means for partners, by comparing each story with what they
were last told (Announced), never by guessing from how it changed.

article_changed (articles.signals) is sent after commit for every save and delete, and by the
scheduler when a scheduled story's second comes; so a story appearing by itself at 09:00 is a
story.published like one published by hand. The comparison runs in a background task, with the
story's record locked, so two changes of one story in quick succession announce each
transition once, whichever task runs first.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Correction, LiveUpdate
from newsroom.api import content, schemas
from newsroom.webhooks.models import Announced, Delivery, Endpoint, Event
from newsroom.webhooks.sending import send_delivery

# Left out of the fingerprint: they move with every save, or with corrections, which have an
# event of their own.
VOLATILE = ("updated_at", "revised_at", "corrections", "live_updates", "pictures")


@dataclass(frozen=True)
class Seen:
    """What readers could see of a story, as far as events go."""

    published: bool
    fingerprint: str = ""
    corrections: tuple = field(default_factory=tuple)
    live_updates: tuple = field(default_factory=tuple)


def decide(told, now):
    """The events that take partners from `told` to `now` (Seen, or None for nothing):
    [(event, id of the correction or update, or None)]."""
    was_out = told is not None and told.published
    is_out = now is not None and now.published
    if not is_out:
        return [(Event.STORY_UNPUBLISHED, None)] if was_out else []
    if not was_out:
        # The corrections and updates it has on coming out are part of the story published.
        return [(Event.STORY_PUBLISHED, None)]
    events = []
    if now.fingerprint != told.fingerprint:
        events.append((Event.STORY_UPDATED, None))
    events += [
        (Event.CORRECTION_PUBLISHED, pk) for pk in now.corrections if pk not in told.corrections
    ]
    events += [
        (Event.LIVE_UPDATE_POSTED, pk) for pk in now.live_updates if pk not in told.live_updates
    ]
    return events


def fingerprint(story, base):
    shown = {
        name: value
        for name, value in schemas.Story.model_validate(content.story(story, base, False))
        .model_dump(mode="json")
        .items()
        if name not in VOLATILE
    }
    return hashlib.md5(
        json.dumps(shown, sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()


def seen(story, base):
    if story is None:
        return None
    corrections = Correction.objects.published().filter(article=story)
    updates = LiveUpdate.objects.filter(article=story)
    return Seen(
        published=True,
        fingerprint=fingerprint(story, base),
        corrections=tuple(sorted(corrections.values_list("pk", flat=True))),
        live_updates=tuple(sorted(updates.values_list("pk", flat=True))),
    )


def story_reference(story, base):
    return {
        "id": story.pk,
        "headline": story.headline,
        "url": content.absolute(base, story.get_absolute_url()),
        "api_url": content.summary(story, base)["api_url"],
    }


def payload_data(event, item_id, story, told, base):
    if event == Event.STORY_UNPUBLISHED:
        return {"id": told.article_id, "headline": told.headline, "url": told.url}
    if event == Event.CORRECTION_PUBLISHED:
        correction = schemas.Correction.model_validate(
            content.correction(Correction.objects.get(pk=item_id))
        )
        return {
            "story": story_reference(story, base),
            "correction": correction.model_dump(mode="json"),
        }
    if event == Event.LIVE_UPDATE_POSTED:
        update = LiveUpdate.objects.select_related("image").get(pk=item_id)
        shown = schemas.LiveUpdate.model_validate(content.live_update(update, base))
        return {"story": story_reference(story, base), "live_update": shown.model_dump(mode="json")}
    summary = schemas.StorySummary.model_validate(content.summary(story, base))
    return summary.model_dump(mode="json")


def message(event, data, now):
    """The body as Standard Webhooks describes it: type, timestamp, data."""
    return json.dumps(
        {"type": str(event), "timestamp": now.isoformat(), "data": data},
        separators=(",", ":"),
    )


def record(told, story, now_seen, base):
    told.published = now_seen is not None
    if now_seen is not None:
        told.fingerprint = now_seen.fingerprint
        told.corrections = list(now_seen.corrections)
        told.live_updates = list(now_seen.live_updates)
        told.headline = story.headline
        told.url = content.absolute(base, story.get_absolute_url())
    told.save()


def announce(article_id, base, now=None):
    """Queue the deliveries one story's change calls for; returns them."""
    now = now or timezone.now()
    visible = content.stories().filter(pk=article_id)
    if not visible.exists() and not Announced.objects.filter(pk=article_id).exists():
        return []  # a draft or a scheduled story partners never heard of
    with transaction.atomic():
        Announced.objects.get_or_create(article_id=article_id)
        told = Announced.objects.select_for_update().get(pk=article_id)
        # Read with the record locked: what the last task to run sees is the latest state.
        story = visible.first()
        now_seen = seen(story, base)
        before = Seen(
            told.published,
            told.fingerprint,
            tuple(told.corrections),
            tuple(told.live_updates),
        )
        events = decide(before, now_seen)
        deliveries = []
        for event, item_id in events:
            body = message(event, payload_data(event, item_id, story, told, base), now)
            for endpoint in Endpoint.objects.filter(active=True, events__contains=[event]):
                deliveries.append(
                    Delivery(endpoint=endpoint, event=event, article_id=article_id, payload=body)
                )
        Delivery.objects.bulk_create(deliveries)
        record(told, story, now_seen, base)
        transaction.on_commit(lambda: [send_delivery.enqueue(d.pk) for d in deliveries])
    return deliveries


@task()
def announce_stories(article_ids):
    base = settings.NEWSROOM_SITE_URL.rstrip("/")
    for article_id in article_ids:
        announce(article_id, base)


def stories_changed(sender, article_ids, **kwargs):
    """article_changed's receiver: compare in the background, if anyone is listening."""
    if Endpoint.objects.filter(active=True).exists():
        announce_stories.enqueue(sorted(article_ids))

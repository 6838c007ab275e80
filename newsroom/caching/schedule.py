"""Kept copies never outlive the next change the clock alone makes.

A scheduled story needs no job to go live: `published()` shows it from its second on. Whatever
keeps copies must still let go of them then. The app that schedules (articles.scheduling)
records the next such second in the shared state (`NEXT_CHANGE`) and registers, with `on_time`,
what to run once it has passed: every kept page and piece expires by then, and the first
request after it runs the announcer, which makes stale what changed and records the next one.

A change that may schedule something carries the RESCHEDULE tag; the recorded second holds the
version of that tag it was worked out at, and counts as unknown once the tag has moved on.
"""

from django.conf import settings

from newsroom.caching.state import (
    clock,
    forget_remembered,
    read_first,
    read_remembered,
    state,
    tag_key,
)

NEXT_CHANGE = "next-change"
NOTHING_SCHEDULED = "none"
# Among a change's tags: it may have scheduled, moved or cancelled something (a story saved).
RESCHEDULE = "schedule"
# What tells the next second: read together.
KEYS = (NEXT_CHANGE, tag_key(RESCHEDULE))
read_first.update(KEYS)

_announcers = []


def on_time(announce):
    """Run announce() on the first request after the recorded next change (app ready())."""
    if announce not in _announcers:
        _announcers.append(announce)


def schedule_version():
    """Read before working out the next second, and given back to record_next_change()."""
    return state().read([tag_key(RESCHEDULE)]).get(tag_key(RESCHEDULE), "")


def record_next_change(timestamp, version):
    """The next second something scheduled happens, or None: nothing is."""
    second = NOTHING_SCHEDULED if timestamp is None else repr(timestamp)
    state().write({NEXT_CHANGE: f"{second}|{version}"})
    forget_remembered()


def recorded(values):
    """The recorded next second (a string) from values read, or None: unknown, or worked out
    before the latest change that may have scheduled something."""
    second, _, version = (values.get(NEXT_CHANGE) or "").partition("|")
    if not second or version != values.get(tag_key(RESCHEDULE), ""):
        return None
    return second


def parse(value):
    return None if value in (None, NOTHING_SCHEDULED) else float(value)


def is_due(value, now):
    """Whether announcers must run: nothing recorded yet, or the recorded time has come."""
    return value is None or (value != NOTHING_SCHEDULED and float(value) <= now)


def announce_if_due(value, now=None):
    """Run the announcers if the next change's time has come (or none is recorded)."""
    if is_due(value, now or clock()):
        for announce in _announcers:
            announce()
        return True
    return False


def next_change():
    """The next scheduled change (a timestamp) or None; raises Unavailable."""
    value = recorded(read_remembered(KEYS))
    if _announcers and announce_if_due(value):
        value = recorded(read_remembered(KEYS))
    return parse(value)


def expiry(now, noted=None):
    """Until when something built now may be kept: our limit, what it noted of the clock, the
    next scheduled change."""
    limits = [now + settings.NEWSROOM_CACHE_SECONDS]
    if noted is not None:
        limits.append(noted)
    upcoming = next_change()
    if upcoming is not None:
        limits.append(upcoming)
    return min(limits)

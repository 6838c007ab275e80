"""Counting a page view without cookies and without keeping who read it (Plausible's method).

A visitor is a keyed hash of the address and browser under a salt of the day; the salt is
thrown away after midnight, so yesterday's hashes cannot be tied to today's, and no address is
ever written anywhere. The hash only serves to count each reader once a day per story.
"""

import hashlib
import re
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from newsroom.readership.store import get_store

BEACON_SALT = "readership.beacon"
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"phantomjs|lighthouse|pingdom|uptime|monitor|curl|wget|python|httpclient|java/|go-http|"
    r"okhttp|axios|node-fetch|scrapy|feedfetcher",
    re.IGNORECASE,
)


def beacon_token(article):
    """The signed story id the page's beacon sends back: no one can count a story by guessing."""
    return signing.Signer(salt=BEACON_SALT).sign(str(article.pk))


def article_from_token(token):
    try:
        return int(signing.Signer(salt=BEACON_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def is_bot(user_agent, headers):
    """Crawlers, link previews, monitors, and pages a browser fetches before anyone looks."""
    if not user_agent or BOTS.search(user_agent):
        return True
    purpose = headers.get("Sec-Purpose", "") or headers.get("Purpose", "")
    return "prefetch" in purpose or "prerender" in purpose


def seconds_left_today(now):
    local = timezone.localtime(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    return max(int((midnight - local).total_seconds()), 1)


def visitor_hash(salt, ip, user_agent, host):
    return hashlib.blake2b(
        f"{host}\n{ip}\n{user_agent}".encode(), key=salt.encode()[:64], digest_size=16
    ).hexdigest()


def todays_salt(now=None, store=None):
    now = now or timezone.now()
    store = store or get_store()
    # Kept a little past midnight at most; rotate_salt deletes it as soon as the clock runs.
    return store.salt(timezone.localdate(now), seconds_left_today(now) + 3600)


def rotate_salt(now=None, store=None):
    """Throw away every salt but today's: from now on no earlier hash can be matched."""
    store = store or get_store()
    store.delete_salts_except(timezone.localdate(now or timezone.now()))


def record_view(article_id, ip, user_agent, host, now=None, store=None):
    """Count one view, unless this reader (address and browser) or this address, whatever
    the browser, has had its day's share of counted views of the story: one address changing
    its browser name cannot pass for a crowd. True when counted."""
    now = now or timezone.now()
    store = store or get_store()
    salt = todays_salt(now, store)
    visitor = visitor_hash(salt, ip, user_agent, host)
    # The address alone, under the same salt: a digest like the visitor's, never the address.
    address = visitor_hash(salt, ip, "", host)
    day = f"{timezone.localdate(now).isoformat()}:{article_id}"
    bucket = f"{article_id}:{now.astimezone(UTC):%Y%m%d%H}"
    caps = (
        settings.NEWSROOM_READERSHIP_VIEWS_PER_READER,
        settings.NEWSROOM_READERSHIP_VIEWS_PER_ADDRESS,
    )
    return store.add_view(
        bucket, f"{day}:{visitor}", f"{day}:{address}", seconds_left_today(now), caps
    )

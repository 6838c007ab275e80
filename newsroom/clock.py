"""What must happen on time, run once a minute by `manage.py newsroom_clock`.

It only writes counts and queues tasks; the mail itself is sent by `manage.py db_worker`.
"""

import logging

from django.utils import timezone

from articles.desk.autosave import clean_up as forget_old_autosaves
from articles.scheduling import announce_due_publications
from newsroom.caching.invalidation import forget_superseded_changes
from newsroom.caching.state import state
from newsroom.newsletter.sending import send_due
from newsroom.readers.codes import forget_old_codes
from newsroom.readership.counting import rotate_salt
from newsroom.readership.flush import flush
from newsroom.webhooks.sending import retry_due

logger = logging.getLogger(__name__)


def tick(now=None):
    now = now or timezone.now()
    jobs = (
        # Reader requests announce scheduled stories too; this covers a quiet minute.
        announce_due_publications,
        lambda: rotate_salt(now),
        flush,
        lambda: send_due(now),
        lambda: forget_old_autosaves(now),
        lambda: forget_old_codes(now),
        forget_superseded_changes,
        # Webhook deliveries whose next attempt is due (or whose queued retry was lost).
        lambda: retry_due(now),
        # Counters of rate limits and sign-in pauses whose window is over (without Redis).
        lambda: state().forget_expired(),
    )
    for job in jobs:
        try:
            job()
        except Exception:
            # One failing job (a database hiccup) must not stop the others, nor the clock.
            logger.exception("A clock job failed")

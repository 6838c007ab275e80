"""What a change to the outlet's appeal makes stale (newsroom.caching): every story page
shows it. Supporters and donations are on no reader page."""

from newsroom.caching.tracking import track
from newsroom.support.models import SupportSettings

# Carried by what shows the appeal: the block under every story, the Support us page.
APPEAL = "support-appeal"


def appeal_changes(row, created=False):
    return [APPEAL]


def register():
    """Called once, by SupportConfig.ready()."""
    track(SupportSettings, changes=appeal_changes)

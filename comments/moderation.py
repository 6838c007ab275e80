"""The moderation rules: plain functions of a submission and the settings.

Each rule returns None when it has nothing to say, or (status, reason) with a reason a moderator
can read in the queue. moderate() combines them into one verdict: (status, [reasons]).
"""

import datetime
import ipaddress
import re
from dataclasses import dataclass

from django.utils import timezone

from comments.models import Comment, ModerationSettings

Status = Comment.Status

# Robots fill in forms faster than people can read a story's last paragraph and type.
MIN_SECONDS_TO_SUBMIT = 3
FLOOD_SECONDS = 15
LINK = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    url: str
    text: str
    ip: str | None = None
    user_agent: str = ""
    honeypot: str = ""
    seconds_to_submit: float | None = None
    # A moderator blocked this email or IP address (comments.blocking).
    blocked: bool = False

    def searchable(self):
        """Everything a word list is matched against, as WordPress does."""
        return "\n".join([self.name, self.email, self.url, self.text, self.ip or "",
                          self.user_agent]).lower()  # fmt: skip


def honeypot_filled(submission, rules):
    if submission.honeypot.strip():
        return Status.SPAM, "The hidden anti-spam field was filled in, as only robots do."
    return None


def forged_timestamp(submission, rules):
    if submission.seconds_to_submit is None:
        return (
            Status.SPAM,
            "The form's signed timestamp was missing or altered, as when robots post.",
        )
    return None


def is_too_fast(submission):
    """Sent sooner after the form was shown than a person reads and types.

    Not a spam verdict: a quick person is told to take a moment and gets the form back
    (comments.posting); robots, which fill the honeypot too, stay silently in spam.
    """
    seconds = submission.seconds_to_submit
    return seconds is not None and seconds < MIN_SECONDS_TO_SUBMIT


def disallowed_word(submission, rules):
    text = submission.searchable()
    for word in ModerationSettings.lines(rules.disallowed_words):
        if word.lower() in text:
            return Status.SPAM, f"Contains the disallowed word “{word}”."
    return None


def disallowed_email(submission, rules):
    email = submission.email.strip().lower()
    for entry in ModerationSettings.lines(rules.disallowed_emails):
        entry = entry.lower()
        if email == entry or (entry.startswith("@") and email.endswith(entry)):
            return Status.SPAM, f"The email address matches “{entry}” on the disallowed list."
    return None


def disallowed_ip(submission, rules):
    if not submission.ip:
        return None
    address = ipaddress.ip_address(submission.ip)
    for entry in ModerationSettings.lines(rules.disallowed_ips):
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if address.version == network.version and address in network:
            return Status.SPAM, f"The IP address is in “{entry}” on the disallowed list."
    return None


def blocked_commenter(submission, rules):
    if submission.blocked:
        return Status.SPAM, "A moderator blocked this commenter's email, or their IP address."
    return None


def too_many_links(submission, rules):
    links = len(LINK.findall(submission.text))
    if rules.link_limit and links >= rules.link_limit:
        return (
            Status.PENDING,
            f"Contains {links} links; comments with {rules.link_limit} or more are held.",
        )
    return None


def moderation_word(submission, rules):
    text = submission.searchable()
    for word in ModerationSettings.lines(rules.moderation_words):
        if word.lower() in text:
            return Status.PENDING, f"Contains “{word}”, a word that holds comments for review."
    return None


SPAM_RULES = (honeypot_filled, forged_timestamp, disallowed_word, disallowed_email, disallowed_ip,
              blocked_commenter)  # fmt: skip
HOLD_RULES = (too_many_links, moderation_word)


def moderate(submission, rules, *, known_author=False):
    """The verdict on a new comment: (status, reasons), spam rules first, then hold rules."""
    for group in (SPAM_RULES, HOLD_RULES):
        reasons = [verdict[1] for rule in group if (verdict := rule(submission, rules))]
        if reasons:
            return (Status.SPAM if group is SPAM_RULES else Status.PENDING), reasons
    if known_author and rules.approve_known_authors:
        return Status.APPROVED, ["The author has an earlier approved comment."]
    if known_author:
        return Status.PENDING, ["Approving known commenters is switched off."]
    return Status.PENDING, ["A first comment from this author: held for approval."]


def comments_closed(article, rules, now=None):
    """Closed by the editor, or automatically N days after publication when that is set."""
    if not article.comments_open:
        return True
    if rules.close_after_days and article.published_at:
        now = now or timezone.now()
        return article.published_at + datetime.timedelta(days=rules.close_after_days) <= now
    return False

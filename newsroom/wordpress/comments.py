"""Comments from a WordPress export, attached to the story the importer has just saved."""

import ipaddress
from datetime import UTC

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from comments.models import Comment, ModerationSettings
from comments.privacy import ANONYMOUS, cut_ip
from newsroom.wordpress.text import plain_text

STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
PINGS = {"pingback", "trackback"}
# What the moderation queue says about why an imported comment has its status.
REASONS = {
    Comment.Status.APPROVED: "Imported from WordPress, where it was approved.",
    Comment.Status.PENDING: "Imported from WordPress, where it was waiting for moderation.",
    Comment.Status.SPAM: "Imported from WordPress, where it was marked as spam.",
    Comment.Status.TRASH: "Imported from WordPress, where it was in the trash.",
}


def import_comments(article, wxr_comments, report):
    """Create or update one post's comments with their threads; runs in the post's transaction.

    Matched by site and WordPress comment ID, so a second run changes nothing. Replies nested deeper
    than our limit hang from the deepest ancestor allowed. No moderator is notified: these
    comments were moderated on the old site.
    """
    max_depth = ModerationSettings.load().max_depth
    readers = []
    for wxr_comment in wxr_comments:
        if wxr_comment.type in PINGS:
            report.skipped["pingbacks and trackbacks"] += 1
        elif wxr_comment.wp_id is None:
            report.skipped["comments without an ID"] += 1
        else:
            readers.append(wxr_comment)
    by_wp_id = {c.wp_id: c for c in readers}
    # Comment numbers are a site's own: the story's site tells whose comment this is.
    ours = Comment.objects.filter(wp_site=article.wp_site, wp_comment_id__in=by_wp_id)
    existing = {c.wp_comment_id: c for c in ours}
    fingerprints = dict(
        Comment.objects.filter(article=article).exclude(fingerprint="")
        .values_list("fingerprint", "wp_comment_id")
    )  # fmt: skip
    saved = {}

    def save(wxr_comment, seen=()):
        if wxr_comment.wp_id in saved:
            return saved[wxr_comment.wp_id]
        parent = None
        wxr_parent = by_wp_id.get(wxr_comment.parent_id)
        if wxr_parent is not None and wxr_parent.wp_id not in seen:
            parent = save(wxr_parent, (*seen, wxr_comment.wp_id))
            while parent is not None and parent.depth >= max_depth:
                parent = parent.parent
        values = _values(wxr_comment, article, parent, report)
        if fingerprints.setdefault(values["fingerprint"], wxr_comment.wp_id) != wxr_comment.wp_id:
            values["fingerprint"] = ""  # the same words twice on the old site: keep both
        comment = existing.get(wxr_comment.wp_id)
        if comment is not None:
            values = _keep_changes_made_here(comment, values)
        if comment is None:
            comment = Comment.objects.create(
                article=article, wp_site=article.wp_site, wp_comment_id=wxr_comment.wp_id, **values
            )
            report.count("comment", "created")
        elif comment.article_id != article.pk or any(
            getattr(comment, name) != value for name, value in values.items()
        ):
            comment.article = article
            for name, value in values.items():
                setattr(comment, name, value)
            comment.save()
            report.count("comment", "updated")
        else:
            report.count("comment", "unchanged")
        report.comment_statuses[comment.status] += 1
        saved[wxr_comment.wp_id] = comment
        return comment

    for wxr_comment in readers:
        save(wxr_comment)


def _keep_changes_made_here(comment, values):
    """The export's values, except where the newsroom has since decided otherwise.

    An erased commenter stays erased and a purged or cut IP address stays gone: the old
    site's export must not bring back personal data removed here. A moderator's verdict
    given here stands.
    """
    values = dict(values)
    if comment.author_name == ANONYMOUS and not comment.author_email:
        for name in ("author_name", "author_email", "author_url", "fingerprint"):
            values[name] = getattr(comment, name)
    if comment.ip_address is None or comment.ip_address == cut_ip(values["ip_address"]):
        values["ip_address"] = comment.ip_address
    if comment.moderated_at is not None:
        values["status"] = comment.status
    return values


def _values(wxr_comment, article, parent, report):
    status = STATUSES.get(wxr_comment.approved.strip().lower())
    if status is None:
        report.notes[f"comments with the unknown status “{wxr_comment.approved}” held"] += 1
        status = Comment.Status.PENDING
    email = wxr_comment.author_email.strip()
    if email and not _valid(email, validate_email, 100):
        report.notes["Commenters' email addresses that were not valid were dropped"] += 1
        email = ""
    # Our comments are plain text: WordPress let commenters use some HTML, which is dropped.
    text = plain_text(wxr_comment.content)
    url = wxr_comment.author_url.strip()
    if url and not _valid(url, URLValidator(schemes=["http", "https"]), 200):
        report.notes["Commenters' websites that were not valid web addresses were dropped"] += 1
        url = ""
    return {
        "parent_id": parent.pk if parent else None,
        "depth": parent.depth + 1 if parent else 1,
        "author_name": " ".join(wxr_comment.author.split())[:245] or "Anonymous",
        "author_email": email,
        "author_url": url,
        "text": text,
        "status": status,
        "submitted_at": _submitted_at(wxr_comment, article),
        "ip_address": _ip(wxr_comment.author_ip),
        "fingerprint": Comment.make_fingerprint(email, text),
        "moderation_reasons": REASONS[status],
    }


def _valid(value, validator, max_length):
    """What the reader's form would have accepted: our rule for values from elsewhere too."""
    try:
        validator(value)
    except ValidationError:
        return False
    return len(value) <= max_length


def _submitted_at(wxr_comment, article):
    if wxr_comment.date_gmt is not None:
        return wxr_comment.date_gmt.astimezone(UTC)
    if wxr_comment.date is not None:
        return timezone.make_aware(wxr_comment.date)
    return article.published_at or timezone.now()


def _ip(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None

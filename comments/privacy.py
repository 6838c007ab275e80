"""A commenter's data: export and erase by email address, and the IP clean-up job."""

import datetime
import ipaddress

from django.utils import timezone

from comments.models import Comment, ModerationSettings
from comments.signals import announce_comments_changed

ANONYMOUS = "Anonymous"


def comments_by(email):
    return Comment.objects.filter(author_email__iexact=email.strip())


def export_commenter(email):
    """Everything stored about the comments sent with this email address."""
    return [
        {
            "article": comment.article.headline,
            "article_url": comment.article.get_absolute_url(),
            "name": comment.author_name,
            "email": comment.author_email,
            "website": comment.author_url,
            "text": comment.text,
            "status": comment.status,
            "submitted_at": comment.submitted_at.isoformat(),
            "ip_address": comment.ip_address,
            "user_agent": comment.user_agent,
        }
        for comment in comments_by(email)
        .select_related("article__section")
        .order_by("submitted_at", "pk")
    ]


def cut_ip(address):
    """The network part only: the last byte of IPv4, the last 80 bits of IPv6 set to zero."""
    if not address:
        return None
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def erase_commenter(email):
    """Anonymise the comments sent with this email address; returns how many were changed."""
    erased = 0
    article_ids = set()
    for comment in comments_by(email).only("pk", "ip_address", "article_id"):
        article_ids.add(comment.article_id)
        Comment.objects.filter(pk=comment.pk).update(
            author_name=ANONYMOUS,
            author_email="",
            author_url="",
            user_agent="",
            ip_address=cut_ip(comment.ip_address),
            fingerprint="",
        )
        erased += 1
    announce_comments_changed(article_ids)
    return erased


def purge_old_ips(now=None):
    """Remove IP addresses older than the retention setting; returns how many were removed."""
    days = ModerationSettings.load().ip_retention_days
    if not days:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Comment.objects.filter(submitted_at__lt=cutoff, ip_address__isnull=False).update(
        ip_address=None
    )

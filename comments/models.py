import copy
import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from articles.models import Article, WordPressIdentity
from newsroom.caching.invalidation import TrackedQuerySet
from newsroom.caching.pieces import kept


class ModerationSettings(models.Model):
    """The moderation rules: one row, edited by staff in the admin, read through load()."""

    disallowed_words = models.TextField(
        "disallowed words",
        blank=True,
        help_text="One word or phrase per line. A comment whose text, name, email, website, "
        "IP address or browser contains one goes straight to spam.",
    )
    disallowed_emails = models.TextField(
        blank=True,
        help_text="One address per line, or a whole domain as @example.com. "
        "Comments from these go straight to spam.",
    )
    disallowed_ips = models.TextField(
        "disallowed IP addresses",
        blank=True,
        help_text="One per line: an address (203.0.113.7) or a range (203.0.113.0/24). "
        "Comments from these go straight to spam.",
    )
    moderation_words = models.TextField(
        "words that hold a comment",
        blank=True,
        help_text="One word or phrase per line. A comment containing one waits in the "
        "moderation queue, whoever wrote it.",
    )
    link_limit = models.PositiveSmallIntegerField(
        "links that hold a comment",
        default=2,
        help_text="Hold a comment in the queue when its text has this many links or more. "
        "0 turns the check off.",
    )
    approve_known_authors = models.BooleanField(
        "approve known commenters",
        default=True,
        help_text="Publish at once a comment whose author (same name and email) already has "
        "an approved comment. Untick to hold every comment for a moderator.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments after (days)",
        default=0,
        help_text="Close stories to new comments this many days after publication. "
        "0 keeps them open until an editor closes them.",
    )
    max_depth = models.PositiveSmallIntegerField(
        "reply depth",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How deep replies may nest: 1 allows no replies, 5 allows replies to "
        "replies down to the fifth level.",
    )
    per_page = models.PositiveSmallIntegerField(
        "top-level comments per page",
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
        help_text="Longer threads are split into pages of this many comments (with their replies).",
    )
    ip_retention_days = models.PositiveIntegerField(
        "keep IP addresses for (days)",
        default=90,
        help_text="Commenters' IP addresses are deleted after this many days by the daily "
        "clean-up job. 0 keeps them.",
    )
    notify_emails = models.TextField(
        "notify these addresses",
        blank=True,
        help_text="One email address per line, told about each comment held for moderation. "
        "Empty: the active members of the Moderator group are told.",
    )

    class Meta:
        verbose_name = "moderation settings"
        verbose_name_plural = "moderation settings"

    def __str__(self):
        return "Comment moderation settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The one row of settings, created with the defaults the first time it is read.

        Kept once read (every story page reads it) until it is saved (comments.invalidation),
        on every app server at once; each caller gets its own copy.
        """
        rules = kept(
            "comment-rules", [], lambda: cls.objects.get_or_create(pk=1)[0], listings=False
        )
        return copy.copy(rules)

    @staticmethod
    def lines(value):
        return [line.strip() for line in value.splitlines() if line.strip()]


class CommentQuerySet(TrackedQuerySet):
    def approved(self):
        """What readers see."""
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        """What waits for a moderator."""
        return self.filter(status=Comment.Status.PENDING)


class Comment(WordPressIdentity):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to.",
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    author_name = models.CharField("name", max_length=245)
    author_email = models.EmailField(
        "email", max_length=100, blank=True, help_text="Never shown to readers."
    )
    author_url = models.URLField("website", max_length=200, blank=True)
    text = models.TextField(max_length=65525)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField("submitted", db_index=True)
    ip_address = models.GenericIPAddressField(
        "IP address", null=True, blank=True, help_text="Never shown to readers."
    )
    user_agent = models.TextField("browser", blank=True)
    moderation_reasons = models.TextField(
        "reasons", blank=True, help_text="Why the moderation rules gave this verdict."
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # One commenter saying the same thing twice on a story is refused by the database itself,
    # so two identical posts arriving at the same instant cannot both get in.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    wp_comment_id = models.PositiveBigIntegerField(
        "WordPress comment ID", null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"], name="comment_thread_idx"),
            # A new comment's checks find the sender's earlier comments by email, any case.
            models.Index(Upper("author_email"), name="comment_author_email_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="unique_comment_per_author_and_text",
            ),
            # Comment numbers are a site's own: two sites' exports never overwrite each other.
            models.UniqueConstraint(
                fields=["wp_site", "wp_comment_id"], name="unique_wordpress_comment"
            ),
        ]
        permissions = [("manage_commenter_data", "Can export and erase a commenter's data")]

    def __str__(self):
        return f"{self.author_name} on {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @cached_property
    def anchor(self):
        """The comment's id on the story's page, as WordPress spells it: comment-12.

        A comment imported from WordPress keeps its WordPress number, so that links to the old
        site's comments (…/#comment-12) land on it. Ours use their own number, unless a
        comment imported onto the same story already shows readers that one.
        """
        if self.wp_comment_id is not None:
            return f"comment-{self.wp_comment_id}"
        taken = (
            Comment.objects.approved()
            .filter(article_id=self.article_id, wp_comment_id=self.pk)
            .exists()
        )
        return own_anchor(self.pk, taken)

    @staticmethod
    def make_fingerprint(email, text):
        return hashlib.sha256(f"{email.strip().lower()}\n{text.strip()}".encode()).hexdigest()

    def get_admin_url(self):
        return reverse("admin:comments_comment_change", args=[self.pk])

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_approved(self):
        """Seen by readers; mirrors Comment.objects.approved()."""
        return self.status == self.Status.APPROVED


def own_anchor(pk, taken):
    """The page id of one of our comments, given whether an imported one has comment-<pk>."""
    return f"comment-here-{pk}" if taken else f"comment-{pk}"


def comment_count(comments=None):
    """How many of these comments (by default: those readers see) the query's story has."""
    comments = Comment.objects.approved() if comments is None else comments
    per_article = (
        comments.filter(article=models.OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(per_article), 0)


class BlockQuerySet(models.QuerySet):
    def active(self):
        """Not lifted, and (an address's block) not yet expired."""
        return self.filter(lifted_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )

    def matching(self, email, ip):
        """Blocks of this email address (any case), and blocks of this IP address."""
        match = models.Q(email__iexact=email) if email else models.Q(pk__in=[])
        if ip:
            match |= models.Q(ip_address=ip)
        return self.filter(match)


class CommenterBlock(models.Model):
    """A block a moderator set: one commenter's email, or (a separate, explicit choice) an IP
    address, for a while; new comments from it go quietly to spam.

    An email block catches that commenter alone. An address block catches everyone who
    comments from that address (a household, an office, a mobile network), so it always ends.
    Lifting a block puts back the comments it hid, in the status each had before.
    """

    email = models.EmailField(blank=True, help_text="Comments from this email go to spam.")
    ip_address = models.GenericIPAddressField(
        "IP address",
        null=True,
        blank=True,
        help_text="Comments from everyone on this address go to spam, until the block ends.",
    )
    expires_at = models.DateTimeField(
        "ends",
        null=True,
        blank=True,
        editable=False,
        help_text="When an address's block ends by itself; an email's block has no end.",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="The name they commented under, to recognise them."
    )
    reason = models.CharField(max_length=300, blank=True, help_text="For the other moderators.")
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    blocked_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # {comment id: status before the block hid it}, so lifting the block can undo it exactly.
    hidden = models.JSONField(default=dict, blank=True, editable=False)

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["-blocked_at", "-pk"]
        verbose_name = "blocked commenter"

    def __str__(self):
        return self.name or self.email or str(self.ip_address)

    @property
    def is_by_address(self):
        return self.ip_address is not None and not self.email

import datetime

from django.db import models
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Who receives the newsletter: confirmed, and not unsubscribed, bounced or complained."""
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"

    email = models.EmailField(unique=True, help_text="Kept in lower case.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("signed up", default=timezone.now)
    consent_at = models.DateTimeField(
        "consent given",
        null=True,
        blank=True,
        help_text="When the reader confirmed from the link in the confirmation email.",
    )
    consent_page = models.CharField(
        "signed up on",
        max_length=500,
        blank=True,
        help_text="The page whose form the reader used.",
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    status_note = models.CharField(
        max_length=300, blank=True, help_text="Why the status last changed (e.g. the bounce)."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def set_status(self, status, note="", now=None):
        self.status = status
        self.status_note = note[:300]
        self.status_changed_at = now or timezone.now()


class NewsletterList(models.Model):
    """A newsletter a reader may choose: the daily digest, breaking news, a weekly one."""

    class Kind(models.TextChoices):
        DAILY = "daily", "The daily newsletter"
        BREAKING = "breaking", "Breaking news alerts"
        WEEKLY = "weekly", "A weekly newsletter"

    name = models.CharField(max_length=100, help_text="As readers see it on the sign-up form.")
    slug = models.SlugField(unique=True, help_text="Names the list in addresses and exports.")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.WEEKLY)
    description = models.CharField(
        max_length=200, blank=True, help_text="One line under the name: what and how often."
    )
    section = models.ForeignKey(
        "articles.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="For a weekly newsletter of one section's stories.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    offered = models.BooleanField(
        "offered to readers",
        default=True,
        help_text="Shown on the sign-up form and in readers' accounts.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "newsletter list"

    def __str__(self):
        return self.name


def daily_list_id():
    """The daily newsletter's list: what an issue is for unless it says otherwise."""
    from newsroom.newsletter.lists import daily

    return daily().pk


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed choices of subscribers who still receive mail."""
        return self.filter(
            status=Subscription.Status.ACTIVE, subscriber__status=Subscriber.Status.ACTIVE
        )


class Subscription(models.Model):
    """One reader's choice of one list, with its own consent and its own way out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        NewsletterList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("chosen", default=timezone.now)
    consent_at = models.DateTimeField("consent given", null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="newsletter_list_once"
            )
        ]

    def __str__(self):
        return f"{self.subscriber} to {self.newsletter}"


class NewsletterSettings(models.Model):
    """The daily newsletter's schedule: one row, edited by editors, read through load()."""

    send_time = models.TimeField(
        "send at",
        default=datetime.time(7, 0),
        help_text="The time of day (the newsroom's time zone) the daily newsletter goes out.",
    )
    send_automatically = models.BooleanField(
        default=True,
        help_text="Send the day's newsletter at that time by itself. Off: only when an editor "
        "presses “Send now”.",
    )
    weekly_day = models.PositiveSmallIntegerField(
        "weekly newsletters on",
        choices=[(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"),
                 (4, "Friday"), (5, "Saturday"), (6, "Sunday")],
        default=4,
        help_text="The day the sections' weekly newsletters go out, at the same time as the "
        "daily one, with the section's stories of the week.",
    )  # fmt: skip
    default_intro = models.TextField(
        "default introduction",
        blank=True,
        help_text="Opens every newsletter unless the day's issue has its own.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "newsletter settings"

    def __str__(self):
        return "Newsletter settings"

    @classmethod
    def load(cls):
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings

    def send_moment(self, day):
        return datetime.datetime.combine(
            day, self.send_time, tzinfo=timezone.get_current_timezone()
        )


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Not sent yet"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not sent: no new stories"

    newsletter = models.ForeignKey(
        NewsletterList,
        on_delete=models.PROTECT,
        related_name="issues",
        default=daily_list_id,
        help_text="The list it goes to: the daily newsletter, or a section's weekly one.",
    )
    date = models.DateField(help_text="The day this newsletter is for.")
    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="A few words from the editor above the stories. Plain text; blank lines make "
        "paragraphs. Empty: the default introduction from the newsletter settings.",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    articles = models.ManyToManyField(
        "articles.Article",
        through="IssueArticle",
        blank=True,
        help_text="Fixed when sending starts, so every reader gets the same newsletter.",
    )
    started_at = models.DateTimeField("sending started", null=True, blank=True)
    last_batch_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField("sending finished", null=True, blank=True)
    started_by = models.CharField(
        max_length=150, blank=True, help_text="The editor who pressed “Send now”, or the clock."
    )

    class Meta:
        ordering = ["-date", "newsletter"]
        permissions = [("send_issue", "Can send the newsletter")]
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "date"], name="newsletter_issue_a_day")
        ]

    def __str__(self):
        if self.newsletter.kind == NewsletterList.Kind.WEEKLY:
            return f"{self.newsletter} of {self.date:%A %-d %B %Y}"
        return f"Newsletter of {self.date:%A %-d %B %Y}"


class IssueArticle(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(help_text="Lower comes first.")
    featured = models.BooleanField(
        default=False, help_text="Shown larger, with its picture: the day's lead stories."
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="newsletter_story_once")
        ]

    def __str__(self):
        return f"{self.position + 1}. {self.article}"


class Delivery(models.Model):
    """One newsletter to one reader. The unique pair is what guarantees nobody gets it twice."""

    class Status(models.TextChoices):
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SENDING)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_one_delivery_each"
            )
        ]

    def __str__(self):
        return f"{self.issue} to {self.subscriber}"


class Alert(models.Model):
    """One story sent to a list at once (breaking news), by an editor from the story's page."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    newsletter = models.ForeignKey(NewsletterList, on_delete=models.PROTECT, related_name="alerts")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SENDING)
    started_at = models.DateTimeField("sending started", default=timezone.now)
    last_batch_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField("sending finished", null=True, blank=True)
    started_by = models.CharField(max_length=150, help_text="The editor who sent it.")

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "breaking news alert"
        constraints = [
            # Two editors pressing at once, or one pressing twice, send one alert.
            models.UniqueConstraint(fields=["newsletter", "article"], name="newsletter_alert_once")
        ]

    def __str__(self):
        return f"{self.article} to {self.newsletter}"


class AlertDelivery(models.Model):
    """One alert to one reader; the unique pair means nobody gets it twice."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    status = models.CharField(
        max_length=8, choices=Delivery.Status.choices, default=Delivery.Status.SENDING
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "alert deliveries"
        constraints = [
            models.UniqueConstraint(fields=["alert", "subscriber"], name="newsletter_alert_each")
        ]

    def __str__(self):
        return f"{self.alert} to {self.subscriber}"

"""Readers who give the outlet money: the outlet's appeal, its supporters and their donations.

Stripe holds the cards and the truth about payments; these rows are what its webhooks last
told us (newsroom.support.webhooks), so editors can see and count their supporters.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from newsroom.caching.invalidation import TrackedQuerySet

# One-off donors count as supporters for this long after their last gift.
ONE_OFF_SUPPORT_DAYS = 365


class Currency(models.TextChoices):
    # Currencies counted in hundredths: amounts are kept in cents, pence or öre.
    EUR = "eur", "Euro (€)"
    USD = "usd", "US dollar ($)"
    GBP = "gbp", "Pound sterling (£)"
    CHF = "chf", "Swiss franc (CHF)"
    CAD = "cad", "Canadian dollar (CA$)"
    AUD = "aud", "Australian dollar (A$)"
    SEK = "sek", "Swedish krona (kr)"
    NOK = "nok", "Norwegian krone (kr)"
    DKK = "dkk", "Danish krone (kr)"


SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£", "chf": "CHF ", "cad": "CA$", "aud": "A$"}


def money(amount_cents, currency):
    """An amount as readers read it: €10, €12.50, 25 kr."""
    whole, cents = divmod(amount_cents, 100)
    number = f"{whole:,}" if not cents else f"{whole:,}.{cents:02d}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} kr"


class Period(models.TextChoices):
    ONE_OFF = "one_off", "One-off"
    MONTH = "month", "Monthly"
    YEAR = "year", "Yearly"


def parse_amounts(text):
    """'5, 10, 20' → [5, 10, 20]: whole amounts, as editors type them."""
    amounts = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise ValidationError(f"“{part}” is not a whole amount: write amounts like 5, 10, 20.")
        amounts.append(int(part))
    if not amounts:
        raise ValidationError("Give at least one amount, like 5, 10, 20.")
    if len(amounts) > 6:
        raise ValidationError("Six amounts at most: more is hard to choose from.")
    return amounts


def validate_amounts(text):
    parse_amounts(text)


class SupportSettings(models.Model):
    """How the outlet asks for support: one row, edited by editors, read through current()."""

    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.EUR,
        help_text="What readers give in. Changing it does not change what existing members pay.",
    )
    one_off_amounts = models.CharField(
        "suggested one-off amounts",
        max_length=100,
        default="10, 25, 50",
        validators=[validate_amounts],
        help_text="Whole amounts, separated by commas, offered for a single gift: 10, 25, 50.",
    )
    monthly_amounts = models.CharField(
        "suggested monthly amounts",
        max_length=100,
        default="5, 10, 20",
        validators=[validate_amounts],
        help_text="Offered for a monthly membership: 5, 10, 20.",
    )
    yearly_amounts = models.CharField(
        "suggested yearly amounts",
        max_length=100,
        default="50, 100, 200",
        validators=[validate_amounts],
        help_text="Offered for a yearly membership: 50, 100, 200.",
    )
    minimum_amount = models.PositiveIntegerField(
        default=2,
        help_text="The smallest amount a reader may type in “Other amount” (card fees eat "
        "most of less).",
    )
    maximum_amount = models.PositiveIntegerField(
        default=10000,
        help_text="The largest amount a reader may type in one go; larger gifts come by "
        "arrangement.",
    )
    heading = models.CharField(
        max_length=120,
        default="Support independent local news",
        help_text="The title of the appeal under every story and of the Support us page.",
    )
    appeal = models.TextField(
        default="Our reporting is free for everyone to read. Readers who give, once or every "
        "month, keep it that way.",
        help_text="A sentence or two under the title, under every story and on the Support "
        "us page. Plain text.",
    )
    button_label = models.CharField(
        max_length=40,
        default="Support us",
        help_text="The button under every story that leads to the Support us page.",
    )
    thank_you = models.TextField(
        "thank-you message",
        default="Thank you. Your support pays for the next story. A receipt is on its way "
        "to your inbox.",
        help_text="Shown after a reader has paid. Plain text.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = "support settings"
        verbose_name_plural = "support settings"

    def __str__(self):
        return "Support settings"

    def clean(self):
        if (
            self.minimum_amount
            and self.maximum_amount
            and self.minimum_amount > self.maximum_amount
        ):
            raise ValidationError(
                {"maximum_amount": "The largest amount must be at least the smallest."}
            )

    @classmethod
    def current(cls):
        """The saved settings, or the defaults before an editor has saved any (no write)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def amounts(self, period):
        field = {
            Period.ONE_OFF: self.one_off_amounts,
            Period.MONTH: self.monthly_amounts,
            Period.YEAR: self.yearly_amounts,
        }[period]
        return parse_amounts(field)


class SupporterQuerySet(models.QuerySet):
    def current(self, now=None):
        """Who supports the outlet now: a member whose membership runs (or whose payment
        Stripe is still retrying), or a one-off donor within a year of their gift."""
        since = (now or timezone.now()) - datetime.timedelta(days=ONE_OFF_SUPPORT_DAYS)
        recurring = models.Q(
            status__in=[Supporter.Status.ACTIVE, Supporter.Status.PAST_DUE],
            period__in=[Period.MONTH, Period.YEAR],
        )
        one_off = models.Q(
            status=Supporter.Status.ACTIVE, period=Period.ONE_OFF, last_paid_at__gte=since
        )
        return self.filter(recurring | one_off)


class Supporter(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Payment failing"
        CANCELED = "canceled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    email = models.EmailField(unique=True, help_text="Kept in lower case.")
    name = models.CharField(max_length=200, blank=True)
    amount = models.PositiveIntegerField(
        help_text="In cents (or pence…): what the membership costs each period, or the last "
        "one-off gift."
    )
    currency = models.CharField(max_length=3, choices=Currency.choices)
    period = models.CharField(max_length=8, choices=Period.choices)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    since = models.DateTimeField(default=timezone.now, help_text="When they first gave.")
    last_paid_at = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(
        "ends at period's end",
        default=False,
        help_text="The supporter cancelled; the membership runs until the paid period ends.",
    )
    stripe_customer_id = models.CharField("Stripe customer", max_length=255, blank=True)
    stripe_subscription_id = models.CharField(
        "Stripe subscription", max_length=255, blank=True, db_index=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupporterQuerySet.as_manager()

    class Meta:
        ordering = ["-since"]

    def __str__(self):
        return self.name or self.email

    @property
    def amount_display(self):
        return money(self.amount, self.currency)


class Donation(models.Model):
    """A one-off gift, paid through Stripe Checkout."""

    supporter = models.ForeignKey(Supporter, on_delete=models.PROTECT, related_name="donations")
    amount = models.PositiveIntegerField(help_text="In cents (or pence…).")
    currency = models.CharField(max_length=3, choices=Currency.choices)
    paid_at = models.DateTimeField(default=timezone.now)
    refunded_amount = models.PositiveIntegerField(default=0, help_text="In cents (or pence…).")
    stripe_payment_intent_id = models.CharField("Stripe payment", max_length=255, unique=True)

    class Meta:
        ordering = ["-paid_at"]

    def __str__(self):
        return f"{money(self.amount, self.currency)} from {self.supporter}"


class ProcessedEvent(models.Model):
    """A Stripe event already applied: one delivered again is acknowledged and skipped."""

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    processed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-processed_at"]

    def __str__(self):
        return self.stripe_event_id

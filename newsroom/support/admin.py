import csv
import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from newsroom.support import payments
from newsroom.support.models import (
    Donation,
    Period,
    Supporter,
    SupportSettings,
    money,
)


@admin.register(SupportSettings)
class SupportSettingsAdmin(admin.ModelAdmin):
    change_form_template = "support/admin/settings_change_form.html"
    fieldsets = [
        (
            "Amounts",
            {
                "description": "What readers are offered on the Support us page. They may "
                "also type their own amount between the smallest and the largest.",
                "fields": [
                    "currency",
                    "monthly_amounts",
                    "yearly_amounts",
                    "one_off_amounts",
                    "minimum_amount",
                    "maximum_amount",
                ],
            },
        ),
        (
            "Wording",
            {
                "description": "Readers see the appeal under every story and on the Support "
                "us page, as soon as you save.",
                "fields": ["heading", "appeal", "button_label", "thank_you"],
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of settings: open it directly."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings_row, _ = SupportSettings.objects.get_or_create(pk=1)
        return redirect("admin:support_supportsettings_change", settings_row.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "payments_on": payments.enabled()}
        return super().change_view(request, object_id, form_url, extra_context)

    class Media:
        css = {"all": ["css/support_admin.css"]}


class DonationInline(admin.TabularInline):
    model = Donation
    fields = ["paid_at", "amount_shown", "refunded_shown", "stripe_payment_intent_id"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Amount")
    def amount_shown(self, donation):
        return money(donation.amount, donation.currency)

    @admin.display(description="Refunded")
    def refunded_shown(self, donation):
        return (
            money(donation.refunded_amount, donation.currency) if donation.refunded_amount else "—"
        )


def monthly_totals(now=None):
    """This month's money in each currency: what memberships bring every month (yearly ones
    as a twelfth) and the one-off gifts received so far, less refunds."""
    now = timezone.localtime(now)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    totals = {}
    running = Supporter.objects.filter(
        status__in=[Supporter.Status.ACTIVE, Supporter.Status.PAST_DUE],
        period__in=[Period.MONTH, Period.YEAR],
    )
    for row in running.values("currency", "period").annotate(total=Sum("amount")):
        share = row["total"] if row["period"] == Period.MONTH else row["total"] / 12
        totals.setdefault(row["currency"], {"recurring": 0, "one_off": 0})["recurring"] += share
    gifts = Donation.objects.filter(paid_at__gte=month_start).values("currency")
    for row in gifts.annotate(total=Sum("amount"), refunded=Sum("refunded_amount")):
        entry = totals.setdefault(row["currency"], {"recurring": 0, "one_off": 0})
        entry["one_off"] += row["total"] - row["refunded"]
    return [
        {
            "currency": currency,
            "recurring": money(round(entry["recurring"]), currency),
            "one_off": money(entry["one_off"], currency),
        }
        for currency, entry in sorted(totals.items())
    ]


@admin.register(Supporter)
class SupporterAdmin(admin.ModelAdmin):
    change_list_template = "support/admin/supporter_change_list.html"
    list_display = ["email", "name", "amount_shown", "period", "status", "since", "last_paid_at"]
    list_filter = ["status", "period", "currency"]
    search_fields = ["email", "name"]
    search_help_text = "Finds supporters by their email address or name."
    date_hierarchy = "since"
    actions = ["export_csv"]
    inlines = [DonationInline]
    fieldsets = [
        (None, {"fields": ["email", "name", "status", "since", "last_paid_at"]}),
        ("What they give", {"fields": ["amount_shown", "period", "cancel_at_period_end"]}),
        (
            "Stripe",
            {
                "classes": ["collapse"],
                "fields": ["stripe_customer_id", "stripe_subscription_id"],
            },
        ),
    ]
    readonly_fields = [
        "email",
        "name",
        "status",
        "since",
        "last_paid_at",
        "amount_shown",
        "period",
        "cancel_at_period_end",
        "stripe_customer_id",
        "stripe_subscription_id",
    ]

    def has_add_permission(self, request):
        # Records come from Stripe's webhooks only: a payment is made on Stripe.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Amount", ordering="amount")
    def amount_shown(self, supporter):
        return supporter.amount_display

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_view_permission(request):
            actions.pop("export_csv", None)
        return actions

    @admin.action(description="Export the selected supporters as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = datetime.date.today().isoformat()
        response["Content-Disposition"] = f'attachment; filename="supporters-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["email", "name", "amount", "currency", "period", "status", "since", "last paid"]
        )
        for supporter in queryset.order_by("since"):
            writer.writerow(
                [
                    supporter.email,
                    supporter.name,
                    f"{supporter.amount / 100:.2f}",
                    supporter.currency.upper(),
                    supporter.get_period_display(),
                    supporter.get_status_display(),
                    supporter.since.isoformat(),
                    supporter.last_paid_at.isoformat() if supporter.last_paid_at else "",
                ]
            )
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "totals": monthly_totals(),
            "payments_on": payments.enabled(),
        }
        return super().changelist_view(request, extra_context)

    class Media:
        css = {"all": ["css/support_admin.css"]}


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ["paid_at", "supporter", "amount_shown", "refunded_shown"]
    list_filter = ["currency"]
    search_fields = ["supporter__email", "supporter__name", "stripe_payment_intent_id"]
    search_help_text = "Finds gifts by the giver's email address or name, or Stripe's payment id."
    date_hierarchy = "paid_at"
    list_select_related = ["supporter"]
    readonly_fields = [
        "supporter",
        "amount",
        "currency",
        "paid_at",
        "refunded_amount",
        "stripe_payment_intent_id",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Amount", ordering="amount")
    def amount_shown(self, donation):
        return money(donation.amount, donation.currency)

    @admin.display(description="Refunded", ordering="refunded_amount")
    def refunded_shown(self, donation):
        return (
            money(donation.refunded_amount, donation.currency) if donation.refunded_amount else "—"
        )

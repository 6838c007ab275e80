"""Webhook endpoints and their deliveries in the admin: editors register addresses, read the
log of every call, and send a delivery again."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from newsroom.webhooks.models import Attempt, Delivery, Endpoint, Event
from newsroom.webhooks.sending import send_again


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="Address",
        assume_scheme="https",
        max_length=500,
        help_text=Endpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the partner wants to hear about.",
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "active"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ("name", "url", "event_list", "active", "log")
    list_filter = ("active",)
    search_fields = ("name", "url")

    def get_fields(self, request, obj=None):
        fields = ["name", "url", "events", "active"]
        return fields if obj is None else [*fields, "secret", "created_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("secret", "created_at", "created_by")

    @admin.display(description="events")
    def event_list(self, endpoint):
        return ", ".join(endpoint.events)

    @admin.display(description="deliveries")
    def log(self, endpoint):
        address = reverse("admin:webhooks_delivery_changelist")
        return format_html('<a href="{}?endpoint__id__exact={}">Log</a>', address, endpoint.pk)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            f"“{obj}” is registered. Give the partner the signing secret shown below with "
            "the address: they check every call with it.",
            messages.SUCCESS,
        )
        # To its own page, where the secret is.
        return HttpResponseRedirect(reverse("admin:webhooks_endpoint_change", args=[obj.pk]))


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ("at", "response_code", "error", "duration_ms")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "attempts"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "event_type",
        "endpoint",
        "story",
        "status",
        "attempts",
        "last_attempt_at",
        "response_code",
        "next_attempt_at",
        "created_at",
    )
    list_filter = ("status", "event", "endpoint")
    list_select_related = ("endpoint",)
    fields = (
        "endpoint",
        "event",
        "article_id",
        "message_id",
        "status",
        "attempts",
        "last_attempt_at",
        "response_code",
        "next_attempt_at",
        "created_at",
        "payload",
    )
    readonly_fields = fields
    inlines = [AttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="event", ordering="event")
    def event_type(self, delivery):
        return delivery.event

    @admin.display(description="story", ordering="article_id")
    def story(self, delivery):
        if delivery.article_id is None:
            return "-"
        address = reverse("admin:articles_article_change", args=[delivery.article_id])
        return format_html('<a href="{}">{}</a>', address, delivery.article_id)

    @admin.action(description="Send again (a new day of retries)", permissions=["change"])
    def send_again(self, request, queryset):
        count = send_again(queryset)
        self.message_user(request, f"Sending {count} delivery(ies) again.", messages.SUCCESS)

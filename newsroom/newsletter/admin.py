"""The newsletter in the admin: today's issue to preview, introduce and send; subscribers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.newsletter.digest import issue_context, render_parts, stories_for, subject
from newsroom.newsletter.models import Delivery, Issue, NewsletterSettings, Subscriber
from newsroom.newsletter.sending import NothingToSend, start_sending, todays_issue

PREVIEW_UNSUBSCRIBE = "#unsubscribe-link-of-each-reader"


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "created_at", "consent_at", "status_changed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "status",
        "status_note",
        "created_at",
        "consent_page",
        "consent_at",
        "confirmation_sent_at",
        "status_changed_at",
    ]
    readonly_fields = [
        "email",
        "created_at",
        "consent_page",
        "consent_at",
        "confirmation_sent_at",
        "status_changed_at",
    ]

    def has_add_permission(self, request):
        # Only the reader can give consent, from the form and the confirmation link.
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class SubscriberForm(form):
            def clean_status(self):
                status = self.cleaned_data["status"]
                if status == Subscriber.Status.ACTIVE and not self.instance.consent_at:
                    raise forms.ValidationError(
                        "Only the reader can subscribe, with the link in the confirmation "
                        "email: this address never confirmed."
                    )
                return status

        return SubscriberForm

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.set_status(obj.status, obj.status_note or f"Changed by {request.user}")
        super().save_model(request, obj, form, change)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "started_by", "sent_count", "failed_count", "sent_at"]
    list_filter = ["status"]
    fields = ["date", "intro", "status", "started_by", "started_at", "sent_at"]
    readonly_fields = ["date", "status", "started_by", "started_at", "sent_at"]
    change_form_template = "newsletter/admin/issue_change_form.html"
    change_list_template = "newsletter/admin/issue_change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            )
        )

    @admin.display(description="sent to", ordering="sent")
    def sent_count(self, issue):
        return issue.sent

    @admin.display(description="failed", ordering="failed")
    def failed_count(self, issue):
        return issue.failed

    def has_add_permission(self, request):
        # Issues are one a day: "Today's newsletter" makes today's.
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Issue.Status.DRAFT:
            return [*self.readonly_fields, "intro"]
        return self.readonly_fields

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("today/", view(self.today_view), name="newsletter_issue_today"),
            path("<int:pk>/preview/", view(self.preview_view), name="newsletter_issue_preview"),
            path(
                "<int:pk>/send/", view(require_POST(self.send_view)), name="newsletter_issue_send"
            ),
            *super().get_urls(),
        ]

    def today_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect("admin:newsletter_issue_change", todays_issue().pk)

    def preview_view(self, request, pk):
        """The mail as readers will see it (the HTML part; the text part is on the form)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        _, html = render_parts(issue_context(issue, stories_for(issue)), PREVIEW_UNSUBSCRIBE)
        return HttpResponse(html)

    def send_view(self, request, pk):
        if not request.user.has_perm("newsletter.send_issue"):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        if issue.status == Issue.Status.DRAFT and "intro" in request.POST:
            # The button sits in the issue's form: what the editor just typed goes out.
            issue.intro = request.POST["intro"]
            issue.save(update_fields=["intro"])
        try:
            issue = start_sending(issue, request.user.get_full_name() or request.user.username)
        except NothingToSend:
            messages.error(
                request, "Nothing to send: no story was published since the last newsletter."
            )
        else:
            messages.success(
                request,
                f"{issue} is being sent to {Subscriber.objects.active().count()} subscribers.",
            )
        return redirect("admin:newsletter_issue_change", issue.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = get_object_or_404(Issue, pk=object_id)
        stories = stories_for(issue)
        text, _ = render_parts(issue_context(issue, stories), PREVIEW_UNSUBSCRIBE)
        settings = NewsletterSettings.load()
        extra_context = {
            **(extra_context or {}),
            "stories": stories,
            "mail_subject": subject(issue),
            "mail_text": text,
            "subscribers": Subscriber.objects.active().count(),
            "can_send": issue.status == Issue.Status.DRAFT
            and request.user.has_perm("newsletter.send_issue"),
            "automatic_at": settings.send_moment(issue.date)
            if settings.send_automatically and issue.date == timezone.localdate()
            else None,
            "preview_url": reverse("admin:newsletter_issue_preview", args=[issue.pk]),
            "send_url": reverse("admin:newsletter_issue_send", args=[issue.pk]),
            "unconfirmed": issue.deliveries.filter(status=Delivery.Status.SENDING).count()
            if issue.status == Issue.Status.SENT
            else 0,
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(NewsletterSettings)
class NewsletterSettingsAdmin(admin.ModelAdmin):
    fields = ["send_time", "send_automatically", "default_intro"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of settings: open it directly."""
        return redirect("admin:newsletter_newslettersettings_change", NewsletterSettings.load().pk)

"""The newsletter in the admin: today's issue to preview, introduce and send; subscribers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.newsletter import alerts, lists
from newsroom.newsletter.digest import issue_context, render_parts, stories_for, subject
from newsroom.newsletter.models import (
    Alert,
    Delivery,
    Issue,
    IssueArticle,
    NewsletterList,
    NewsletterSettings,
    Subscriber,
    Subscription,
)
from newsroom.newsletter.sending import (
    NothingToSend,
    choose_stories,
    start_sending,
    todays_issue,
)

PREVIEW_UNSUBSCRIBE = "#unsubscribe-link-of-each-reader"


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["newsletter", "status", "created_at", "consent_at", "status_changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "newsletters chosen"

    def has_add_permission(self, request, obj=None):
        # Only the reader can choose, from the form, the confirmation link or their account.
        return False


@admin.register(NewsletterList)
class NewsletterListAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "section", "offered", "readers", "waiting", "left", "alerts"]
    list_filter = ["kind", "offered"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "section", "description", "position", "offered"]

    def has_delete_permission(self, request, obj=None):
        # The daily newsletter and breaking news are sent by the site itself: hide them from
        # readers (untick "offered") rather than delete them and their subscribers.
        if obj is not None and obj.kind != NewsletterList.Kind.WEEKLY:
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        subscriptions = Subscription.Status
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .annotate(
                active_count=Count(
                    "subscriptions",
                    filter=Q(
                        subscriptions__status=subscriptions.ACTIVE,
                        subscriptions__subscriber__status=Subscriber.Status.ACTIVE,
                    ),
                    distinct=True,
                ),
                pending_count=Count(
                    "subscriptions",
                    filter=Q(subscriptions__status=subscriptions.PENDING),
                    distinct=True,
                ),
                left_count=Count(
                    "subscriptions",
                    filter=Q(subscriptions__status=subscriptions.UNSUBSCRIBED),
                    distinct=True,
                ),
                alert_count=Count("alerts", distinct=True),
            )
        )

    @admin.display(description="subscribers", ordering="active_count")
    def readers(self, newsletter):
        return newsletter.active_count

    @admin.display(description="waiting for confirmation", ordering="pending_count")
    def waiting(self, newsletter):
        return newsletter.pending_count

    @admin.display(description="unsubscribed", ordering="left_count")
    def left(self, newsletter):
        return newsletter.left_count

    @admin.display(description="alerts sent", ordering="alert_count")
    def alerts(self, newsletter):
        return newsletter.alert_count


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    inlines = [SubscriptionInline]
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


class IssueArticleInline(admin.TabularInline):
    """The editor's choice of stories: pick (add a row), drop (delete), reorder, feature."""

    model = IssueArticle
    fields = ["article", "position", "featured"]
    autocomplete_fields = ["article"]
    extra = 1
    verbose_name = "story"
    verbose_name_plural = "stories, in the order of the mail"

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.status == Issue.Status.DRAFT) and super().has_change_permission(
            request, obj
        )

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "newsletter",
        "status",
        "started_by",
        "sent_count",
        "failed_count",
        "sent_at",
    ]
    list_filter = ["newsletter", "status"]
    fields = ["newsletter", "date", "intro", "status", "started_by", "started_at", "sent_at"]
    readonly_fields = ["newsletter", "date", "status", "started_by", "started_at", "sent_at"]
    change_form_template = "newsletter/admin/issue_change_form.html"
    change_list_template = "newsletter/admin/issue_change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("newsletter")
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
            path("<int:pk>/send/", view(self.send_view), name="newsletter_issue_send"),
            path(
                "<int:pk>/choose/",
                view(require_POST(self.choose_view)),
                name="newsletter_issue_choose",
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

    def get_inlines(self, request, obj):
        # The stories are the day's as they come until the editor chooses them.
        if obj is not None and obj.issuearticle_set.exists():
            return [IssueArticleInline]
        return []

    def response_change(self, request, obj):
        if "_send" in request.POST:
            return redirect("admin:newsletter_issue_send", obj.pk)
        return super().response_change(request, obj)

    def choose_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        if issue.status == Issue.Status.DRAFT and "intro" in request.POST:
            # The button sits in the issue's form: keep what the editor just typed.
            issue.intro = request.POST["intro"]
            issue.save(update_fields=["intro"])
        choose_stories(issue)
        messages.success(
            request,
            "The stories are yours to choose: drop, add, reorder and feature them below, then "
            "save.",
        )
        return redirect("admin:newsletter_issue_change", issue.pk)

    def send_view(self, request, pk):
        """“Send now”: a page naming the list and its readers, then sending on confirming."""
        if not request.user.has_perm("newsletter.send_issue"):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        if issue.status == Issue.Status.DRAFT and "intro" in request.POST:
            # The button sits in the issue's form: what the editor just typed goes out.
            issue.intro = request.POST["intro"]
            issue.save(update_fields=["intro"])
        if request.method != "POST" or "confirmed" not in request.POST:
            return self.confirm_send(request, issue)
        try:
            issue = start_sending(issue, request.user.get_full_name() or request.user.username)
        except NothingToSend:
            messages.error(
                request, "Nothing to send: no story was published since the last newsletter."
            )
        else:
            messages.success(
                request,
                f"{issue} is being sent to {lists.readers_of(issue.newsletter).count()} "
                "subscribers.",
            )
        return redirect("admin:newsletter_issue_change", issue.pk)

    def confirm_send(self, request, issue):
        if issue.status != Issue.Status.DRAFT:
            messages.info(request, f"{issue} was sent already.")
            return redirect("admin:newsletter_issue_change", issue.pk)
        stories = stories_for(issue)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Send {issue} now?",
            "issue": issue,
            "newsletter": issue.newsletter,
            "readers": lists.readers_of(issue.newsletter).count(),
            "stories": stories,
            "mail_subject": subject(issue),
            "opts": self.model._meta,
            "original": issue,
        }
        return TemplateResponse(request, "newsletter/admin/issue_send_confirm.html", context)

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
            "subscribers": lists.readers_of(issue.newsletter).count(),
            "chosen": issue.issuearticle_set.exists(),
            "choose_url": reverse("admin:newsletter_issue_choose", args=[issue.pk]),
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


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["article", "newsletter", "started_by", "started_at", "sent_count", "status"]
    list_filter = ["newsletter", "status"]
    fields = ["article", "newsletter", "status", "started_by", "started_at", "sent_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        sent = Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT))
        return (
            super()
            .get_queryset(request)
            .select_related("article", "newsletter")
            .annotate(sent=sent)
        )

    @admin.display(description="sent to", ordering="sent")
    def sent_count(self, alert):
        return alert.sent

    def has_add_permission(self, request):
        # Alerts are sent from the story's page: "Send as breaking news".
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "send/<int:article_id>/",
                view(self.send_view),
                name="newsletter_alert_send",
            ),
            *super().get_urls(),
        ]

    def send_view(self, request, article_id):
        """What the alert will be, to which list and how many readers; sent on confirming."""
        if not request.user.has_perm("newsletter.send_issue"):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.select_related("section"), pk=article_id)
        newsletter = lists.breaking()
        if newsletter is None:
            messages.error(request, "There is no breaking news list to send to.")
            return redirect("admin:articles_article_change", article.pk)
        if request.method == "POST":
            try:
                alerts.start_alert(
                    article, newsletter, request.user.get_full_name() or request.user.username
                )
            except alerts.Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    f"“{article.headline}” is being sent to “{newsletter}”: "
                    f"{lists.readers_of(newsletter).count()} readers.",
                )
                return redirect("admin:articles_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Send “{article.headline}” as breaking news?",
            "article": article,
            "newsletter": newsletter,
            "readers": lists.readers_of(newsletter).count(),
            "published": article.is_published(),
            "already": Alert.objects.filter(newsletter=newsletter, article=article).first(),
            "next_allowed": alerts.next_allowed(newsletter),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "newsletter/admin/alert_confirm.html", context)


@admin.register(NewsletterSettings)
class NewsletterSettingsAdmin(admin.ModelAdmin):
    fields = ["send_time", "send_automatically", "weekly_day", "default_intro"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of settings: open it directly."""
        return redirect("admin:newsletter_newslettersettings_change", NewsletterSettings.load().pk)

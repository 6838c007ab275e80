import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.db.models.functions import Lower
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize, truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST

from comments import blocking
from comments.models import Comment, CommenterBlock, ModerationSettings
from comments.privacy import erase_commenter, export_commenter
from comments.signals import announce_comments_changed

Status = Comment.Status

# Row and bulk moderation: (action name, new status, verb shown to the moderator).
MODERATION = {
    "approve": (Status.APPROVED, "Approve", "approved"),
    "unapprove": (Status.PENDING, "Unapprove", "sent back to the queue"),
    "spam": (Status.SPAM, "Spam", "marked as spam"),
    "trash": (Status.TRASH, "Trash", "moved to the trash"),
}
# Which row buttons make sense for a comment in each status.
ROW_ACTIONS = {
    Status.PENDING: ("approve", "spam", "trash"),
    Status.APPROVED: ("unapprove", "spam", "trash"),
    Status.SPAM: ("approve", "trash"),
    Status.TRASH: ("approve", "spam"),
}


class StatusFilter(admin.SimpleListFilter):
    """Opens on the comments waiting for a moderator, with a count beside each status.

    A search with no status chosen looks through every status: a moderator looking for an
    email address wants all of that commenter's comments.
    """

    title = "status"
    parameter_name = "status"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.default = "all" if request.GET.get("q") else Status.PENDING

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.values_list("status").annotate(n=Count("pk")))
        options = [(value, f"{label} ({counts.get(value, 0)})") for value, label in Status.choices]
        return [*options, ("all", f"All ({sum(counts.values())})")]

    def queryset(self, request, queryset):
        value = self.value() or self.default
        return queryset if value == "all" else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or self.default
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def _moderate(modeladmin, request, queryset, name):
    status, _, verb = MODERATION[name]
    article_ids = set(queryset.values_list("article_id", flat=True))
    changed = queryset.update(status=status, moderated_by=request.user, moderated_at=timezone.now())
    announce_comments_changed(article_ids)
    modeladmin.message_user(
        request, f"{changed} comment{pluralize(changed)} {verb}.", messages.SUCCESS
    )


@admin.action(permissions=["change"], description="Approve")
def approve(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "approve")


@admin.action(permissions=["change"], description="Unapprove (back to pending)")
def unapprove(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "unapprove")


@admin.action(permissions=["change"], description="Mark as spam")
def mark_spam(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "spam")


@admin.action(permissions=["change"], description="Move to trash")
def trash(modeladmin, request, queryset):
    _moderate(modeladmin, request, queryset, "trash")


def _emails(queryset):
    return sorted({email.lower() for email in queryset.values_list("author_email", flat=True)
                   if email})  # fmt: skip


@admin.action(permissions=["manage_commenter_data"], description="Export the commenters' data")
def export_data(modeladmin, request, queryset):
    data = {email: export_commenter(email) for email in _emails(queryset)}
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
    return response


@admin.action(
    permissions=["manage_commenter_data"],
    description="Erase the commenters' data (all their comments)",
)
def erase_data(modeladmin, request, queryset):
    erased = sum(erase_commenter(email) for email in _emails(queryset))
    modeladmin.message_user(
        request, f"Erased the personal data of {erased} comment{pluralize(erased)}."
    )


@admin.action(
    permissions=["change"], description="Block the commenters' emails and hide their comments"
)
def block_commenters(modeladmin, request, queryset):
    before = CommenterBlock.objects.active().count()
    # One commenter's several comments make one block: the first one blocks, the rest match it.
    hidden = sum(blocking.block(comment, request.user)[1] for comment in queryset)
    blocked = CommenterBlock.objects.active().count() - before
    modeladmin.message_user(
        request,
        f"Blocked {blocked} commenter{pluralize(blocked)} by email; {hidden} "
        f"comment{pluralize(hidden)} hidden as spam. Others on the same IP address can still "
        "comment. Lift a block under “Blocked commenters” to put the comments back.",
        messages.SUCCESS,
    )


class AddressBlockForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Block for",
        coerce=int,
        choices=[(days, f"{days} day{pluralize(days)}") for days in blocking.ADDRESS_BLOCK_DAYS],
        initial=blocking.ADDRESS_BLOCK_DAYS[0],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        max_length=300, required=False, help_text="For the other moderators: why this address."
    )


@admin.action(
    permissions=["change"], description="Block their IP addresses for a while (everyone on them)"
)
def block_addresses(modeladmin, request, queryset):
    """An explicit second step: the page says who else the addresses catch, and for how long."""
    addresses = sorted({comment.ip_address for comment in queryset if comment.ip_address})
    form = AddressBlockForm(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid() and addresses:
        for ip in addresses:
            blocking.block_address(
                ip, request.user, days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        days = form.cleaned_data["days"]
        modeladmin.message_user(
            request,
            f"Blocked {len(addresses)} IP address{pluralize(len(addresses), 'es')} for {days} "
            f"day{pluralize(days)}: new comments from everyone on them go to spam. Comments "
            "already posted are unchanged.",
            messages.SUCCESS,
        )
        return None
    senders = (
        Comment.objects.filter(ip_address__in=addresses)
        .values("ip_address")
        .annotate(people=Count(Lower("author_email"), distinct=True))
    )
    people = {row["ip_address"]: row["people"] for row in senders}
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Block IP addresses",
        "opts": modeladmin.model._meta,
        "addresses": [(ip, people.get(ip, 0)) for ip in addresses],
        "comments": queryset,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/comments/comment/block_addresses.html", context)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author", "article_link", "submitted"]
    list_display_links = ["submitted"]
    list_filter = [StatusFilter, ("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["author_name", "author_email", "ip_address", "text"]
    ordering = ["-submitted_at", "-pk"]
    list_select_related = ["article", "article__section"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [approve, unapprove, mark_spam, trash, block_commenters, block_addresses,
               "delete_selected", export_data, erase_data]  # fmt: skip
    fields = ["article_link", "parent", "author_name", "author_email", "author_url", "text",
              "status", "moderation_reasons", "submitted_at", "ip_address", "user_agent",
              "moderated_by", "moderated_at"]  # fmt: skip
    readonly_fields = ["article_link", "parent", "author_email", "moderation_reasons",
                       "submitted_at", "ip_address", "user_agent", "moderated_by",
                       "moderated_at"]  # fmt: skip

    class Media:
        css = {"all": ["css/comments_admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_manage_commenter_data_permission(self, request):
        return request.user.has_perm("comments.manage_commenter_data")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by, obj.moderated_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        announce_comments_changed({obj.article_id})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        announce_comments_changed({obj.article_id})

    def delete_queryset(self, request, queryset):
        article_ids = set(queryset.values_list("article_id", flat=True))
        super().delete_queryset(request, queryset)
        announce_comments_changed(article_ids)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "Delete permanently")
        return actions

    def get_urls(self):
        return [
            path(
                "<int:pk>/moderate/<str:action>/",
                self.admin_site.admin_view(require_POST(self.moderate_view)),
                name="comments_comment_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk, action):
        """One row's button: approve, unapprove, spam or trash, then back to the list."""
        comment = get_object_or_404(Comment, pk=pk)
        if action not in MODERATION or not self.has_change_permission(request, comment):
            raise PermissionDenied
        _moderate(self, request, Comment.objects.filter(pk=pk), action)
        back = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            return HttpResponseRedirect(back)
        return redirect("admin:comments_comment_changelist")

    @admin.display(description="author", ordering="author_name")
    def author(self, obj):
        return format_html(
            '<strong>{}</strong><br><a href="mailto:{}">{}</a><br>{}{}',
            obj.author_name,
            obj.author_email,
            obj.author_email,
            obj.ip_address or "no IP address",
            format_html('<br><a href="{}" rel="nofollow ugc noopener">{}</a>',
                        obj.author_url, obj.author_url)
            if obj.author_url.lower().startswith(("http://", "https://")) else "",
        )  # fmt: skip

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, obj):
        return format_html(
            '<time datetime="{}">{}</time><br><span class="comment-status comment-status--{}">{}'
            "</span>",
            obj.submitted_at.isoformat(),
            date_format(localtime(obj.submitted_at), "DATETIME_FORMAT"),
            obj.status,
            obj.get_status_display(),
        )

    @admin.display(description="story", ordering="article__headline")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article.headline
        )

    def get_list_display(self, request):
        can_change = self.has_change_permission(request)
        can_delete = self.has_delete_permission(request)

        @admin.display(description="comment")
        def comment(obj):
            """The text, why it got its status and, as in WordPress, the row's actions below."""
            buttons = [
                (reverse("admin:comments_comment_moderate", args=[obj.pk, name]),
                 f"{MODERATION[name][1]} comment {obj.pk}", MODERATION[name][1])
                for name in ROW_ACTIONS[obj.status] if can_change
            ]  # fmt: skip
            actions = format_html_join(
                " ",
                # Each button posts the list's own form (with its CSRF token) to its row's URL.
                '<button type="submit" class="button comment-action" formaction="{}" '
                'aria-label="{}">{}</button>',
                buttons,
            )
            if can_delete:
                actions += format_html(
                    ' <a class="deletelink" href="{}">Delete permanently</a>',
                    reverse("admin:comments_comment_delete", args=[obj.pk]),
                )
            reasons = format_html_join("", "<li>{}</li>", ((line,) for line in
                                       obj.moderation_reasons.splitlines()))  # fmt: skip
            return format_html(
                '<div class="comment-text">{}</div><ul class="comment-reasons">{}</ul>'
                '<div class="comment-actions">{}</div>',
                truncatechars(obj.text, 400),
                reasons,
                actions,
            )

        return [comment, *self.list_display]


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        ("Spam", {"fields": ["disallowed_words", "disallowed_emails", "disallowed_ips"]}),
        ("Held for moderation",
         {"fields": ["moderation_words", "link_limit", "approve_known_authors"]}),
        ("Threads", {"fields": ["close_after_days", "max_depth", "per_page"]}),
        ("Privacy and notices", {"fields": ["ip_retention_days", "notify_emails"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of settings: open it directly."""
        rules = ModerationSettings.load()
        return redirect("admin:comments_moderationsettings_change", rules.pk)


@admin.action(permissions=["change"], description="Lift the blocks and put their comments back")
def lift_blocks(modeladmin, request, queryset):
    restored = sum(blocking.lift(block, request.user) for block in queryset.active())
    modeladmin.message_user(
        request,
        f"Lifted. {restored} hidden comment{pluralize(restored)} returned to their status.",
        messages.SUCCESS,
    )


@admin.register(CommenterBlock)
class CommenterBlockAdmin(admin.ModelAdmin):
    """Blocks are made from the comment queue's action; here they are read and lifted."""

    list_display = ["__str__", "what", "hidden_count", "blocked_by", "blocked_at", "lifted_at"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "ip_address"]
    readonly_fields = ["name", "email", "ip_address", "expires_at", "blocked_by", "blocked_at",
                       "lifted_at"]  # fmt: skip
    fields = ["name", "email", "ip_address", "expires_at", "reason", "blocked_by", "blocked_at",
              "lifted_at"]  # fmt: skip
    actions = [lift_blocks]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a block would leave the comments it hid as spam for good: "Lift" it instead,
        # which puts them back (and keeps the record).
        return False

    @admin.display(description="blocked")
    def what(self, obj):
        if obj.email:
            return f"Email {obj.email}"
        ends = date_format(localtime(obj.expires_at), "DATETIME_FORMAT")
        return f"Everyone on IP address {obj.ip_address}, until {ends}"

    @admin.display(description="comments hidden")
    def hidden_count(self, obj):
        return len(obj.hidden)

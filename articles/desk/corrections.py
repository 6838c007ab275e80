"""Corrections on the desk: who may draft, publish, change and remove them, and their admin.

Reporters draft; editors (who may publish stories) publish. Once published, a correction is
part of the record readers rely on: only editors change it (each change keeps a revision,
under "History") or remove it (written in the story's own history, as publishing is).

Editors add them in the article's change form (CorrectionInline). Reporters, who cannot change
a published story, draft theirs from "Corrections, Add" (the change form links to it with the
story filled in); an editor publishes it there.
"""

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from articles.desk import workflow
from articles.models import Article, Correction


def can_publish(user):
    return workflow.can_publish(user)


def can_add(user):
    return user.has_perm("articles.add_correction")


def can_change(user, correction):
    """Editors change any correction; a reporter, the drafts they wrote."""
    if correction is None or correction.pk is None:
        return can_add(user)
    if not user.has_perm("articles.change_correction"):
        return False
    if can_publish(user):
        return True
    return not correction.is_published() and correction.created_by_id == user.pk


def can_delete(user):
    return user.has_perm("articles.delete_correction")


def record(correction, user, what):
    """A line in the story's admin history: who published or removed which correction."""
    workflow.log_change(
        correction.article,
        user,
        f"{what} {correction.get_kind_display().lower()}: {Truncator(correction.text).chars(80)}",
    )


def saved(correction, user, was_published):
    correction._history_user = user
    if correction.created_by_id is None:
        correction.created_by = user
    correction.save()
    if correction.is_published() and not was_published:
        record(correction, user, "Published")


def save_inline(formset, user):
    """The article form's corrections: saved with their author, removals put on record."""
    changed = formset.save(commit=False)
    for correction in formset.deleted_objects:
        correction._history_user = user
        record(correction, user, "Removed")
        correction.delete()
    published_before = set(
        Correction.objects.filter(
            pk__in=[c.pk for c in changed if c.pk], status=Correction.Status.PUBLISHED
        ).values_list("pk", flat=True)
    )
    for correction in changed:
        saved(correction, user, correction.pk in published_before)


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "placement", "text", "status", "published_at"]
    verbose_name = "correction or clarification"
    verbose_name_plural = "corrections and clarifications"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_correction")

    def has_add_permission(self, request, obj=None):
        return can_add(request.user) and workflow.can_edit(request.user, obj or Article())

    def has_change_permission(self, request, obj=None):
        # Per story, not per correction: reporters change their drafts under Corrections.
        return can_publish(request.user) and request.user.has_perm("articles.change_correction")

    def has_delete_permission(self, request, obj=None):
        return can_delete(request.user)

    def get_readonly_fields(self, request, obj=None):
        if can_publish(request.user):
            return []
        return ["status", "published_at"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        published_by_default(formset.form, request.user)
        return formset


def published_by_default(form_class, user):
    """An editor's new correction is published when saved unless they choose "Draft"; a
    reporter's is a draft for an editor to publish."""
    fields = form_class.base_fields
    if "text" in fields:
        # The date as readers see it follows the house style (NEWSROOM_DATE_STYLE).
        fields["text"].help_text = (
            "Plain text: say what was wrong and what is right. Web addresses become links. "
            "Shown as “Correction, <date and time>: …”."
        )
    if can_publish(user) and "status" in fields:
        fields["status"].initial = Correction.Status.PUBLISHED
        fields["status"].help_text = "Readers see it once you save; choose Draft to hold it back."


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "article", "status", "published_at", "created_by"]
    list_filter = ["status", "kind", "placement"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]
    fields = ["article", "kind", "placement", "text", "status", "published_at"]
    date_hierarchy = "created_at"
    actions = ["publish_selected"]

    def get_readonly_fields(self, request, obj=None):
        readonly = [] if can_publish(request.user) else ["status", "published_at"]
        # A correction stays with its story.
        return [*readonly, "article"] if obj is not None else readonly

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or can_change(request.user, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        published_by_default(form, request.user)
        return form

    def save_model(self, request, obj, form, change):
        was_published = change and Correction.objects.get(pk=obj.pk).is_published()
        saved(obj, request.user, was_published)

    def delete_model(self, request, obj):
        obj._history_user = request.user
        record(obj, request.user, "Removed")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for correction in queryset.select_related("article"):
            self.delete_model(request, correction)

    @admin.action(description="Publish the selected corrections", permissions=["publish"])
    def publish_selected(self, request, queryset):
        drafts = list(queryset.filter(status=Correction.Status.DRAFT).select_related("article"))
        for correction in drafts:
            correction.status = Correction.Status.PUBLISHED
            saved(correction, request.user, was_published=False)
        self.message_user(
            request,
            f"Published {len(drafts)} correction{pluralize(len(drafts))}.",
            messages.SUCCESS,
        )

from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.forms import Script
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from js_asset import Media
from taggit.models import Tag

from articles.desk import autosave, checks, corrections, presence, preview, revisions, workflow
from articles.desk.admin.changelist import ArticleListMixin, MineFilter, StatusFilter, status_badge
from articles.desk.admin.images import thumbnail
from articles.desk.admin.pickers import PicturePickersMixin
from articles.desk.autosave.admin import KEY_FIELD, AutosaveMixin
from articles.desk.calendar import ArticleCalendarMixin
from articles.desk.corrections import CorrectionInline, save_inline
from articles.desk.embeds import embeds_panel
from articles.desk.forms import ArticleAdminForm
from articles.desk.live import LiveUpdatesMixin
from articles.desk.notes.admin import NotesMixin
from articles.desk.preview import PreviewLinksMixin
from articles.desk.review_notice import notify_editors
from articles.desk.revisions.admin import ArticleRevisionsMixin
from articles.models import Article, ArticleAuthor, Author, Correction, RelatedArticle


class ArticlePartInline(PicturePickersMixin, admin.TabularInline):
    """Bylines and related stories are part of the article: whoever may edit it, edits them."""

    extra = 0
    fields = ["position", "story_field"]
    # Rows can be dragged into order (static/js/admin-inline-order.js); the numbers remain
    # for browsers without JavaScript.
    classes = ["ordered-inline"]

    class Media:
        js = [Script("js/admin-inline-order.js", defer=True)]
        css = {"all": ["css/admin-inline-order.css"]}

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def _may_edit(self, request, obj):
        return workflow.can_edit(request.user, obj or Article())


class BylineInline(ArticlePartInline):
    model = ArticleAuthor
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    verbose_name_plural = "bylines (in the order printed)"
    min_num = 1


class RelatedStoryInline(ArticlePartInline):
    model = RelatedArticle
    fk_name = "article"
    fields = ["related_article", "position"]
    autocomplete_fields = ["related_article"]


@admin.register(Article)
class ArticleAdmin(
    ArticleListMixin,
    ArticleRevisionsMixin,
    AutosaveMixin,
    ArticleCalendarMixin,
    LiveUpdatesMixin,
    NotesMixin,
    PreviewLinksMixin,
    PicturePickersMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["headline", "section", "bylines", "status_column", "open_notes", "when"]
    list_filter = [StatusFilter, MineFilter, "section", "authors", "published_at"]
    search_fields = ["headline", "dek", "body"]
    search_help_text = (
        "Finds stories by whole words in the headline, standfirst or story text, drafts "
        "included: “exact phrase”, -word to leave out, or between alternatives."
    )
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "featured_image"]
    inlines = [BylineInline, RelatedStoryInline, CorrectionInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "version",
                    "headline",
                    "slug",
                    "dek",
                    "section",
                    "kind",
                    "dateline",
                    "body",
                    "embeds_preview",
                ]
            },
        ),
        (
            "Picture",
            {"fields": ["featured_image", "featured_image_preview", "featured_image_caption"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    "status_column",
                    "published_at",
                    "planned_for",
                    "tags",
                    "comments_open",
                    "always_free",
                ]
            },
        ),
        ("Live coverage", {"fields": ["live_coverage_start", "live_coverage_end"]}),
        (
            "Teaser and search engines",
            {"classes": ["collapse"], "fields": ["excerpt", "seo_title", "seo_description"]},
        ),
    ]

    class Media:
        # The story editor's picture dialog, with its upload (static/js/prose-picture-upload.js).
        css = {"all": ["css/admin-picture-upload.css", "css/embeds.css"]}

    @admin.display(description="Picture as it will appear")
    def featured_image_preview(self, article):
        return thumbnail(article.featured_image, width=240)

    @admin.display(description="Embeds in the story")
    def embeds_preview(self, article):
        return embeds_panel(article.body)

    @admin.display(description="Story")
    def story(self, article):
        # Safe to mark: the body is sanitized with the allow-list on every save.
        return mark_safe(article.body)

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published() else None

    # Permissions ----------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only view: the version stamp guards saves, and there is nothing to save; the
        # story is shown as it reads rather than as HTML source.
        first, *rest = self.fieldsets
        fields = ["story" if name == "body" else name for name in first[1]["fields"][1:]]
        return [(None, {"fields": fields}), *rest]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status_column", "featured_image_preview", "story", "embeds_preview"]
        if not workflow.can_publish(request.user):
            readonly.append("published_at")
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # Once a story is out, its address changes only when someone edits it on purpose.
        if obj is not None and obj.published_at is not None:
            return {}
        return super().get_prepopulated_fields(request, obj)

    # Form and saving ------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        form.transition = transition_pressed(request)
        form.anyway = "_anyway" in request.POST and form.transition is not None
        form.restored = self.restored_form_data(request, obj)
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if not request.POST and (initial := self.initial_rows(request, obj, inline)):
            kwargs["initial"] = initial
        if (restored := self.restored_form_data(request, obj.pk and obj)) is not None:
            kwargs["data"] = restored
        return kwargs

    def initial_rows(self, request, obj, inline):
        # A reporter's new story starts with their own byline filled in.
        if obj.pk is not None or not isinstance(inline, BylineInline):
            return None
        byline = Author.objects.filter(user=request.user).first()
        return [{"author": byline.pk, "position": 0}] if byline else None

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj._history_user = request.user
        # The revision is taken once bylines, related stories and tags are saved too.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)
        if (removed := form.fields["body"].removed) and not previewing(request):
            self.message_user(
                request,
                "Removed from the story, as article pages cannot show it: "
                f"{'; '.join(removed)}. Everything else was saved as written.",
                messages.WARNING,
            )
        if not previewing(request):
            for problem in form.embed_problems:
                self.message_user(request, problem, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        del article.skip_history_when_saving
        transition = form.transition
        if transition is None:
            article._change_reason = "Edited" if change else "Created"
            article.save(update_fields=["updated_at"])
        else:
            self._apply_transition(request, article, transition, form)
        if not previewing(request):
            autosave.saved(request.user, request.POST.get(KEY_FIELD), article)
            presence.closed(article.pk, request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            save_inline(formset, request.user)
            # A published correction moved the story's "Updated" time in the database; a
            # workflow button pressed with the same save must not write the old one back.
            form.instance.refresh_from_db(fields=["revised_at"])
        else:
            super().save_formset(request, form, formset, change)

    def _apply_transition(self, request, article, name, form):
        step = workflow.TRANSITIONS[name]
        try:
            if name == "schedule":
                when = article.published_at
                step.function(article, request.user, when, overridden=form.overridden())
            elif name == "publish":
                step.function(article, request.user, overridden=form.overridden())
            elif name == "request_changes":
                step.function(article, request.user, form.cleaned_data["change_request_note"])
            else:
                step.function(article, request.user)
        except workflow.TransitionError as error:
            article.save(update_fields=["updated_at"])
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, self._done_message(step, article), messages.SUCCESS)
            if name == "submit":
                self._tell_editors(request, article)
                self._advise(request, form)

    def _advise(self, request, form):
        """A reporter hears, on submitting, what an editor's checks will find."""
        if failed := checks.problems(form.findings or []):
            self.message_user(
                request,
                f"The checks before publishing found {len(failed)} thing"
                f"{'' if len(failed) == 1 else 's'} an editor will ask about: see “Checks "
                "before publishing” at the end of the form.",
                messages.WARNING,
            )

    @staticmethod
    def _done_message(step, article):
        if step.name == "schedule":
            local = timezone.localtime(article.published_at)
            when = f"{date_format(local, 'l')}, {date_format(local, 'DATETIME_FORMAT')} {local:%Z}"
            return f"Scheduled: “{article.headline}” goes live on {when}."
        if step.name == "request_changes":
            return "Changes requested: the story is back with its reporter as a draft."
        return f"{step.label}: done."

    def _tell_editors(self, request, article):
        change_url = request.build_absolute_uri(
            reverse("admin:articles_article_change", args=[article.pk])
        )
        who = request.user.get_full_name() or request.user.get_username()
        transaction.on_commit(
            lambda: notify_editors.enqueue(article.pk, who, change_url), robust=True
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        can_save = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        context.update(
            status_html=status_badge(article),
            can_save=can_save,
            finish=can_save
            and workflow.finish(
                request.user,
                article,
                can_preview=obj is None or preview.can_preview(request.user, obj),
            ),
            can_delete=obj is not None and self.has_delete_permission(request, obj),
        )
        if obj is not None:
            editing = request.method == "GET" and context["can_save"]
            context.update(
                others_editing=presence.opened(obj.pk, request.user) if editing else [],
                can_preview=preview.can_preview(request.user, obj),
                **self.preview_link_context(request, obj),
                can_restore=revisions.can_restore(request.user),
                can_post_live=request.user.has_perm("articles.add_liveupdate"),
                can_draft_correction=corrections.can_add(request.user)
                and not self.has_change_permission(request, obj),
                can_request_changes=workflow.can_request_changes(request.user, obj),
                change_request=workflow.open_change_request(obj),
                **self.notes_context(request, obj),
            )
        if can_save:
            context["publishing_checks"] = self.checks_panel(
                request, context["adminform"].form, obj
            )
        self.autosave_context(request, context, obj)
        context["preview_refused"] = previewing(request)
        # The prose editor's importmap is an inline <script>: it carries this page's CSP nonce
        # (admin pages are never cached, so a nonce is safe here and nowhere else).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def checks_panel(self, request, form, obj):
        """What the checks before publishing say of the story: of what was just sent to be
        published or reviewed, else of the story as saved (none for a story not yet saved)."""
        if form.findings is not None:
            findings = form.findings
        elif obj is not None:
            findings = checks.run(checks.Draft.of(obj))
        else:
            return None
        held = form.has_error(NON_FIELD_ERRORS, "checks")
        return {
            **self._checks_shown(request, findings),
            "held_for": form.transition if held else None,
            "anyway_label": checks.anyway_label(form.transition),
        }

    @staticmethod
    def _checks_shown(request, findings):
        return {
            "findings": findings,
            "problems": checks.problems(findings),
            "advisory": not workflow.can_publish(request.user),
            "can_choose": request.user.has_perm("articles.change_publishingchecks"),
        }

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if not previewing(request):
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The story is saved only to be shown as readers would see it, then all of it is undone.
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            transaction.set_rollback(True)
        return response

    def response_add(self, request, obj, post_url_continue=None):
        if previewing(request):
            return preview.unsaved(request, obj)
        if transition_pressed(request):
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if previewing(request):
            return preview.unsaved(request, obj)
        if transition_pressed(request):
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_change(request, obj)

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        checking = path(
            "checks/",
            self.admin_site.admin_view(require_POST(self.checks_view)),
            name="articles_article_checks",
        )
        return [
            suggestions,
            checking,
            *self.calendar_urls(),
            *self.revision_urls(),
            *self.live_urls(),
            *self.preview_link_urls(),
            *self.autosave_urls(),
            *self.notes_urls(),
            *super().get_urls(),
        ]

    def checks_view(self, request):
        """The checks' panel for the form as it is being typed (static/js/admin-checks.js):
        the same cleaning as a save, nothing saved."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        form = self.get_form(request)(request.POST)
        form.is_valid()
        findings = checks.run(checks.Draft.from_form(form.cleaned_data))
        context = {"checks": self._checks_shown(request, findings)}
        return TemplateResponse(request, "admin/articles/article/_checks.html", context)

    def tag_suggestions(self, request):
        """Existing tags starting with what is typed, so one topic keeps one spelling."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()
        names = Tag.objects.filter(name__istartswith=typed).order_by("name") if typed else []
        return JsonResponse({"results": [tag.name for tag in names[:10]]})


def transition_pressed(request):
    """The workflow step the form was sent to take, if any: a button's, or the step held back
    by the checks and taken anyway."""
    if request.method != "POST" or previewing(request):
        return None
    return request.POST.get("_anyway") or request.POST.get("_transition") or None


def previewing(request):
    """The form was sent by its Preview button: shown, never kept."""
    return request.method == "POST" and "_preview" in request.POST

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from taggit.models import Tag

from articles import presence, preview, revisions, search, workflow
from articles.forms import ArticleAdminForm, ImageForm
from articles.images import rendition_sets
from articles.metadata import share_image
from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Image,
    Redirect,
    RelatedArticle,
    Section,
)

PICKER_PER_PAGE = 24


def body_picture(image):
    """What the story editor's picture button inserts for a library picture: a copy wide
    enough for the story column on any screen, the alt text, and the caption with the credit
    as the featured picture shows it."""
    chosen = share_image(image)
    caption = image.caption
    if image.credit:
        caption = f"{caption} Photo: {image.credit}".strip()
    return {"url": chosen["url"] if chosen else "", "alt": image.alt_text, "caption": caption}


def thumbnail(image, width=160):
    """A small picture for admin lists and forms: the narrowest copy that is wide enough on a
    sharp screen, never the full-size upload (which may be many megabytes)."""
    if not image or not image.file:
        return "—"
    webp, fallback = rendition_sets(image)
    copies = fallback or webp
    wide_enough = [r for r in copies if r["width"] >= 2 * width]
    chosen = (wide_enough or copies[-1:] or [None])[0]
    url = default_storage.url(chosen["name"]) if chosen else image.file.url
    return format_html(
        '<img class="admin-thumb" src="{}" alt="{}" width="{}" loading="lazy">',
        url,
        image.alt_text,
        width,
    )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    list_select_related = ["user"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumb", "alt_text", "caption", "credit", "size", "uploaded_at"]
    list_display_links = ["thumb", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    fields = ["file", "preview", "alt_text", "caption", "credit"]
    readonly_fields = ["preview"]

    @admin.display(description="Picture")
    def thumb(self, image):
        return thumbnail(image, width=96)

    @admin.display(description="Preview")
    def preview(self, image):
        return thumbnail(image, width=320)

    @admin.display(description="Size")
    def size(self, image):
        return f"{image.width} x {image.height} px"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        picker = path(
            "picker/",
            self.admin_site.admin_view(self.picker_view),
            name="articles_image_picker",
        )
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The picture library, searchable, for the story editor's picture button.

        The editor opens it in a small window and gets back the chosen picture's address, alt
        text and caption (see static/js/admin-image-picker.js).
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()
        images = Image.objects.order_by("-uploaded_at", "-pk")
        if typed:
            images = images.filter(
                Q(alt_text__icontains=typed)
                | Q(caption__icontains=typed)
                | Q(credit__icontains=typed)
            )
        page = Paginator(images, PICKER_PER_PAGE).get_page(request.GET.get("page"))
        choices = [(image, body_picture(image)) for image in page]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Choose a picture",
            "is_popup": True,
            "typed": typed,
            "page": page,
            "choices": choices,
        }
        return TemplateResponse(request, "admin/articles/image/picker.html", context)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target", "created_at"]
    search_fields = ["old_path"]
    readonly_fields = ["content_type", "object_id", "created_at"]


class ArticlePartInline(admin.TabularInline):
    """Bylines and related stories are part of the article: whoever may edit it, edits them."""

    extra = 0
    fields = ["position", "story_field"]

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


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case None:
                return queryset
            case value:
                return queryset.filter(status=value)


class MineFilter(admin.SimpleListFilter):
    title = "written by"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Me")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(created_by=request.user)
        return queryset


def status_badge(article):
    if article.is_scheduled():
        key, label = "scheduled", "Scheduled"
    else:
        key, label = article.status, article.get_status_display()
    return format_html('<span class="status-badge status-badge--{}">{}</span>', key, label)


@dataclass(frozen=True)
class ListColumn:
    """A column another app adds to the article list, with the annotation it reads."""

    display: Callable
    annotate: Callable


# Other apps append theirs (reader comments add their counts): articles know nothing of them.
ARTICLE_LIST_COLUMNS: list[ListColumn] = []


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["headline", "section", "bylines", "status_column", "when"]
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
    inlines = [BylineInline, RelatedStoryInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["version", "headline", "slug", "dek", "section", "dateline", "body"]}),
        (
            "Picture",
            {"fields": ["featured_image", "featured_image_preview", "featured_image_caption"]},
        ),
        ("Publication", {"fields": ["status_column", "published_at", "tags", "comments_open"]}),
        (
            "Teaser and search engines",
            {"classes": ["collapse"], "fields": ["excerpt", "seo_title", "seo_description"]},
        ),
    ]

    # Changelist -----------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))
            )
        )
        for column in ARTICLE_LIST_COLUMNS:
            queryset = column.annotate(queryset)
        return queryset

    def get_list_display(self, request):
        return [*super().get_list_display(request), *(c.display for c in ARTICLE_LIST_COLUMNS)]

    def changelist_view(self, request, extra_context=None):
        # A search for a common word lists tens of thousands of stories: keep it on the index.
        if request.method != "GET" or not request.GET.get("q"):
            return super().changelist_view(request, extra_context)
        with search.through_the_index():
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
        return response

    def get_search_results(self, request, queryset, search_term):
        # The search index, as on the site: a substring search through every story's text
        # takes seconds once the archive holds tens of thousands of stories.
        text, _ = search.clean_query(search_term)
        if not text:
            return queryset, False
        if not search.has_searchable_words(text):
            return queryset.none(), False
        query = SearchQuery(text, search_type="websearch", config=search.search_config())
        # As a subquery, so that the planner finds the matches on the index first instead of
        # walking the list's date order and testing every story for a word found in few.
        matches = Article.objects.filter(search_vector=query).values("pk")
        return queryset.filter(pk__in=matches), False

    @admin.display(description="Bylines")
    def bylines(self, article):
        return ", ".join(author.name for author in article.authors.all()) or "—"

    @admin.display(description="Status", ordering="status")
    def status_column(self, article):
        return status_badge(article)

    @admin.display(description="Goes live", ordering="published_at")
    def when(self, article):
        if article.published_at is None:
            return "—"
        return date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")

    @admin.display(description="Picture as it will appear")
    def featured_image_preview(self, article):
        return thumbnail(article.featured_image, width=240)

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
        readonly = ["status_column", "featured_image_preview", "story"]
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
        form.transition = request.POST.get("_transition") or None
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # A reporter's new story starts with their own byline filled in.
        byline = Author.objects.filter(user=request.user).first()
        if obj.pk is None and isinstance(inline, BylineInline) and byline and not request.POST:
            kwargs["initial"] = [{"author": byline.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj._history_user = request.user
        # The revision is taken once bylines, related stories and tags are saved too.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        del article.skip_history_when_saving
        transition = form.transition
        if transition is None:
            article._change_reason = "Edited" if change else "Created"
            article.save(update_fields=["updated_at"])
        else:
            self._apply_transition(request, article, transition)
        presence.closed(article.pk, request.user)

    def _apply_transition(self, request, article, name):
        step = workflow.TRANSITIONS[name]
        try:
            if name == "schedule":
                step.function(article, request.user, article.published_at)
            else:
                step.function(article, request.user)
        except workflow.TransitionError as error:
            article.save(update_fields=["updated_at"])
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, f"{step.label}: done.", messages.SUCCESS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        context.update(
            transitions=workflow.available_transitions(request.user, article),
            status_html=status_badge(article),
            can_save=self.has_change_permission(request, obj)
            if obj
            else self.has_add_permission(request),
        )
        if obj is not None:
            editing = request.method == "GET" and context["can_save"]
            context.update(
                others_editing=presence.opened(obj.pk, request.user) if editing else [],
                can_preview=preview.can_preview(request.user, obj),
                share_url=request.build_absolute_uri(preview.share_url(obj)),
                share_hours=settings.NEWSROOM_PREVIEW_LINK_HOURS,
                can_restore=revisions.can_restore(request.user),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_transition" in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_transition" in request.POST:
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_change(request, obj)

    # Bulk actions ---------------------------------------------------------------------------

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.publish_now, "published")

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.unpublish, "unpublished")

    def _bulk(self, request, queryset, transition, done):
        changed, skipped = 0, []
        for article in queryset:
            try:
                transition(article, request.user)
            except workflow.TransitionError:
                skipped.append(article.headline)
            else:
                changed += 1
        if changed:
            self.message_user(
                request, f"{changed} article{pluralize(changed)} {done}.", messages.SUCCESS
            )
        if skipped:
            self.message_user(
                request,
                format_html(
                    "Left as they were: {}.",
                    format_html_join(", ", "“{}”", ((h,) for h in skipped)),
                ),
                messages.WARNING,
            )

    # Revisions ------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "tag-suggestions/",
                view(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            path(
                "<int:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:object_id>/revisions/<int:history_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Existing tags starting with what is typed, so one topic keeps one spelling."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()
        names = Tag.objects.filter(name__istartswith=typed).order_by("name") if typed else []
        return JsonResponse({"results": [tag.name for tag in names[:10]]})

    def _revision_context(self, request, object_id, title):
        if not revisions.can_restore(request.user):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        return article, {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": article.headline,
        }

    def revisions_view(self, request, object_id):
        article, context = self._revision_context(request, object_id, "Revisions")
        records = list(article.history.select_related("history_user"))
        context["records"] = [(record, revisions.label_of(record)) for record in records]
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, object_id):
        article, context = self._revision_context(request, object_id, "Compare revisions")
        history = article.history.select_related("history_user")
        try:
            picked = [int(request.GET["a"]), int(request.GET["b"])]
        except (KeyError, ValueError):
            messages.warning(request, "Choose two revisions to compare.")
            return redirect("admin:articles_article_revisions", object_id=article.pk)
        records = sorted(history.filter(pk__in=picked), key=lambda r: r.history_date)
        if len(records) != 2:
            messages.warning(request, "Choose two different revisions to compare.")
            return redirect("admin:articles_article_revisions", object_id=article.pk)
        older, newer = records
        context.update(
            older=older,
            newer=newer,
            older_label=revisions.label_of(older),
            newer_label=revisions.label_of(newer),
            changes=revisions.compare(older, newer),
        )
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, object_id, history_id):
        article, context = self._revision_context(request, object_id, "Restore a revision")
        record = article.history.filter(pk=history_id).first()
        if record is None:
            raise Http404("No such revision")
        if request.method == "POST":
            revisions.restore(article, record, request.user)
            self.message_user(
                request, f"Restored the revision of {revisions.label_of(record)}.", messages.SUCCESS
            )
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        current = article.history.first()
        context.update(
            record=record,
            record_label=revisions.label_of(record),
            changes=revisions.compare(current, record) if current else [],
        )
        return TemplateResponse(request, "admin/articles/article/revision_restore.html", context)

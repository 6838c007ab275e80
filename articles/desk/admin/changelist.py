"""The article list: its filters, columns, search and bulk actions."""

from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles import search
from articles.desk import checks, workflow
from articles.extensions import extensions
from articles.models import Article, Author, ChangeRequest, Note, PublishingChecks


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("changes", "Changes requested"),
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
            case "changes":
                return queryset.filter(status=Article.Status.DRAFT).filter(changes_requested())
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


def changes_requested():
    """The story waits for its reporter to answer an editor's request for changes."""
    return Exists(ChangeRequest.objects.open().filter(article=OuterRef("pk")))


def story_state(article):
    """(key, label) of where the story stands, as its badge shows it."""
    if article.is_scheduled():
        return "scheduled", "Scheduled"
    if article.status == Article.Status.DRAFT and _changes_requested(article):
        return "changes", "Changes requested"
    return article.status, article.get_status_display()


def status_badge(article):
    key, label = story_state(article)
    return format_html('<span class="status-badge status-badge--{}">{}</span>', key, label)


def open_notes_subquery():
    """The story's open threads of notes, counted in the same query as the list."""
    threads = (
        Note.objects.open()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(threads), 0)


def _changes_requested(article):
    if (annotated := getattr(article, "changes_requested", None)) is not None:
        return annotated
    return article.pk is not None and article.change_requests.open().exists()


class ArticleListMixin:
    """The change list of ArticleAdmin."""

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))
            )
        )
        for column in extensions.article_list_columns:
            queryset = column.annotate(queryset)
        return queryset.annotate(
            open_note_count=open_notes_subquery(), changes_requested=changes_requested()
        )

    def get_list_display(self, request):
        return [
            *super().get_list_display(request),
            *(c.display for c in extensions.article_list_columns),
        ]

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

    @admin.display(description="Open notes", ordering="open_note_count")
    def open_notes(self, article):
        count = article.open_note_count
        if not count:
            return "—"
        return format_html(
            '<span class="notes-count">{} <span class="visually-hidden">open note{}</span></span>',
            count,
            pluralize(count),
        )

    @admin.display(description="Goes live", ordering="published_at")
    def when(self, article):
        if article.published_at is None:
            return "—"
        return date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        # A list has no room for "Publish anyway": a story the checks hold back is left for
        # its form, where the editor sees what to fix.
        enabled = PublishingChecks.load()
        held = []
        for article in queryset:
            if checks.problems(checks.run(checks.Draft.of(article), enabled)):
                held.append(article)
        self._bulk(
            request,
            queryset.exclude(pk__in=[a.pk for a in held]),
            workflow.publish_now,
            "published",
        )
        if held:
            self.message_user(
                request,
                format_html(
                    "Held back by the checks before publishing: {}. Open each to see what to "
                    "fix, or to publish it anyway.",
                    format_html_join(
                        ", ",
                        '<a href="{}">“{}”</a>',
                        (
                            (reverse("admin:articles_article_change", args=[a.pk]), a.headline)
                            for a in held
                        ),
                    ),
                ),
                messages.WARNING,
            )

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

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import DayArchiveView, ListView, MonthArchiveView, YearArchiveView
from taggit.models import Tag

from articles.embeds.body import standalone_links
from articles.embeds.providers import frame_sources
from articles.embeds.render import allow_frames
from articles.extensions import extensions
from articles.models import Article, Author, Correction, Section
from articles.search import (
    Results,
    has_searchable_words,
    run_search,
    suggest,
    through_the_index,
)
from articles.site import corrections, live, metadata
from articles.site.sitemaps import news_articles
from articles.story_picks import check_also, home_stories
from newsroom.caching.pieces import kept

PER_PAGE = 20
RESULTS_PER_PAGE = 20
HOME_TOP_STORIES = 5
HOME_LATEST = 6
HOME_PER_SECTION = 4


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page of a listing; a page that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page") from exc
    return page


def home(request):
    return render(
        request,
        "articles/home.html",
        {
            # Chosen only when the page's kept piece is not current (newsroom.caching.pieces).
            "front": SimpleLazyObject(front_page),
            "meta": metadata.site_meta(request),
            "keep_pieces": True,
        },
    )


def front_page():
    stories, fronts = home_stories(1 + HOME_TOP_STORIES + HOME_LATEST, HOME_PER_SECTION)
    return {
        "lead": stories[0] if stories else None,
        "top_stories": stories[1 : 1 + HOME_TOP_STORIES],
        "latest": stories[1 + HOME_TOP_STORIES :],
        "section_fronts": fronts,
    }


class StoryListing:
    """A page of published stories, newest first: a section, topic, byline or date archive.

    Subclasses narrow `get_queryset()` and say what the page is in `get_meta()`.
    """

    paginate_by = PER_PAGE
    # The paginator's count decides instead: Django's allow_empty=False costs a query more.
    allow_empty = True
    # Set to refuse an empty listing with a 404 giving this reason.
    empty_reason = ""

    def get_queryset(self):
        # What cards show (for_listing) is added in page_of(), only when the page is not kept.
        return Article.objects.published().newest_first()

    def paginate_queryset(self, queryset, page_size):
        page = kept(
            "listing",
            [self.request.path, self.request.GET.get("page"), page_size, *self.kept_for()],
            lambda: self.page_of(queryset, page_size),
        )
        return page.paginator, page, page.object_list, page.has_other_pages()

    def page_of(self, queryset, page_size):
        # Our paginate(), not ListView's: ?page=last is no address of ours.
        page = paginate(self.request, queryset.for_listing(), page_size)
        if self.empty_reason and not page.paginator.count:
            raise Http404(self.empty_reason)
        # Read now, so that the page kept (newsroom.caching.pieces) is shown again without a query.
        page.object_list = list(page.object_list)
        return page

    def kept_for(self):
        """The rows the listing is of (a section, a topic, a byline), whose changes it shows."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        return {**context, "page": page, "meta": self.get_meta(page), "keep_pieces": True}


def other_page(request, path):
    """Another app's answer for an address that is no section or story, else None."""
    for answer in extensions.other_pages:
        if (response := answer(request, path)) is not None:
            return response
    return None


class NoSuchSection(Http404):
    pass


class SectionView(StoryListing, ListView):
    template_name = "articles/section.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except NoSuchSection:
            # Sections and top-level pages never share a slug (validate_section_slug).
            if (response := other_page(request, self.kwargs["slug"])) is None:
                raise
            return response

    def get_queryset(self):
        self.section = Section.objects.filter(slug=self.kwargs["slug"]).first()
        if self.section is None:
            raise NoSuchSection("No such section")
        return super().get_queryset().filter(section=self.section)

    def kept_for(self):
        return [self.section]

    def get_meta(self, page):
        return metadata.section_meta(self.request, self.section, page)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section, current_section=self.section, **kwargs
        )


class TagView(StoryListing, ListView):
    template_name = "articles/tag.html"
    # A topic only drafts use would otherwise announce a story before it is out.
    empty_reason = "No published stories on this topic"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def kept_for(self):
        return [self.tag]

    def get_meta(self, page):
        return metadata.tag_meta(self.request, self.tag, page)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(StoryListing, ListView):
    template_name = "articles/author.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.select_related("photo"), slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(authors=self.author)

    def kept_for(self):
        return [self.author]

    def get_meta(self, page):
        return metadata.author_meta(self.request, self.author, page)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class DateArchive(StoryListing):
    """Stories published in a year, month or day of the newsroom's time zone."""

    template_name = "articles/archive.html"
    date_field = "published_at"
    month_format = "%m"
    # published() already leaves out what is scheduled.
    allow_future = True
    empty_reason = "No stories from that date"
    period = "year"
    label_format = "Y"

    def get_context_data(self, **kwargs):
        self.label = date_format(kwargs[self.period], self.label_format)
        return super().get_context_data(label=self.label, **kwargs)

    def get_meta(self, page):
        return metadata.archive_meta(self.request, self.label, page)


class YearArchive(DateArchive, YearArchiveView):
    make_object_list = True


class MonthArchive(DateArchive, MonthArchiveView):
    period = "month"
    label_format = "YEAR_MONTH_FORMAT"


class DayArchive(DateArchive, DayArchiveView):
    period = "day"
    label_format = "DATE_FORMAT"

    def get_dated_items(self):
        try:
            return super().get_dated_items()
        except OverflowError as exc:
            # Django's day archive overflows past 31 December 9999 instead of finding nothing.
            raise Http404("No such date") from exc


def story_pages():
    """Published stories with what their page shows around its kept pieces: one query."""
    return Article.objects.published().select_related("section", "featured_image")


def detail(request, section, slug):
    article = story_pages().filter(slug=slug).first()
    # /about/masthead/: a page under a top-level page, whose slug no section has.
    elsewhere = article is None or article.section.slug != section
    if elsewhere and (response := other_page(request, f"{section}/{slug}")) is not None:
        return response
    if article is None:
        raise Http404("No such story")
    if article.section.slug != section:
        # Slugs are unique on their own: a story whose section was renamed, or that moved to
        # another section, keeps one address.
        return redirect(article, permanent=True)
    for answer in extensions.story_answers:
        if (response := answer(request, article)) is not None:
            return response
    response = render(
        request,
        "articles/article_detail.html",
        {
            **story_context(article),
            "meta": metadata.article_meta(request, article),
            # The story as readers see it: its pieces may be kept (newsroom.caching.pieces).
            "keep_pieces": True,
        },
    )
    return allow_frames(response, article.body)


def story_context(article, unsaved=False):
    """What a story page shows besides the story: for readers and for previews alike.

    Each part is worked out only if the page shows it, not when a kept copy of the piece that
    shows it is used instead (newsroom.caching.pieces).

    unsaved: the story as its form holds it, saved only for the preview and then undone; what
    is worked out from it is not kept for readers."""
    notes = SimpleLazyObject(lambda: corrections.visible(article))
    updates = SimpleLazyObject(lambda: live.updates(article))

    def placed(placement):
        return SimpleLazyObject(lambda: [c for c in notes if c.placement == placement])

    return {
        "article": article,
        "current_section": article.section,
        "check_also": SimpleLazyObject(lambda: check_also(article, keep=not unsaved)),
        "corrections_top": placed(Correction.Placement.TOP),
        "corrections_end": placed(Correction.Placement.END),
        "live_updates": updates,
        "key_events": SimpleLazyObject(lambda: live.key_events(updates)),
        "is_live": article.is_live(),
        # Links alone on their line: embeds (or cards) may show, players only for providers.
        "has_embeds": bool(links := standalone_links(article.body)),
        "has_players": bool(frame_sources(links)),
    }


@require_safe
def live_updates(request, pk, bucket):
    """The newest updates of a live story for its readers' script, the same answer for every
    reader in one 15-second slice, so caches in front can serve it to all of them."""
    now = live.current_bucket()
    if not now - 2 <= bucket <= now + 1:
        # A far-off slice (a wrong clock, an old tab) goes to the current one, so the cache
        # only ever holds a few slices per story.
        response = redirect(live.bucket_url(pk, now))
        add_never_cache_headers(response)
        return response
    body = live.answer(pk, bucket)
    if body is None:
        raise Http404("No live story here")
    response = HttpResponse(body, content_type="application/json")
    patch_cache_control(response, public=True, max_age=live.BUCKET_SECONDS)
    return response


@require_safe
def corrections_page(request):
    page = paginate(request, corrections.latest_first())
    return render(
        request,
        "articles/corrections.html",
        {"page": page, "meta": metadata.corrections_meta(request, page)},
    )


@require_safe
def search(request):
    form, outcome, articles = run_search(request.GET)
    page = None
    if articles is not None:
        outcome.no_searchable_words = not has_searchable_words(outcome.query)
        if outcome.no_searchable_words:
            articles = articles.none()
        results = Results(articles, outcome.query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        with through_the_index():
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = list(page.object_list)
        outcome.more_found = results.capped
        if not page.paginator.count and not outcome.no_searchable_words:
            outcome.suggestion = suggest(outcome.query)
    return render(
        request,
        "articles/search.html",
        {
            "form": form,
            "outcome": outcome,
            "page": page,
            "search_query": outcome.typed,
            "meta": metadata.search_meta(request, outcome, page),
        },
    )


@require_safe
def news_sitemap(request):
    """The Google News sitemap: what was published in the last two days."""
    entries = [
        {
            "location": request.build_absolute_uri(article.get_absolute_url()),
            "published": metadata.iso(article.published_at),
            "title": article.headline,
        }
        for article in news_articles()
    ]
    return render(
        request,
        "articles/news_sitemap.xml",
        {
            "entries": entries,
            "publication_name": settings.NEWSROOM_SITE_NAME,
            # Google wants ISO 639 codes: "en", or "zh-cn"/"zh-tw" for Chinese.
            "publication_language": news_language(settings.LANGUAGE_CODE),
        },
        content_type="application/xml; charset=utf-8",
    )


def news_language(language_code):
    code = language_code.lower()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]

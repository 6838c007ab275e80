import datetime

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from taggit.models import Tag

from articles.models import Article, Author, Section
from articles.story_picks import check_also, section_fronts

PER_PAGE = 20
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
    stories = list(
        Article.objects.published()
        .for_listing()
        .newest_first()[: 1 + HOME_TOP_STORIES + HOME_LATEST]
    )
    fronts = section_fronts(HOME_PER_SECTION, exclude=[story.pk for story in stories])
    return render(
        request,
        "articles/home.html",
        {
            "lead": stories[0] if stories else None,
            "top_stories": stories[1 : 1 + HOME_TOP_STORIES],
            "latest": stories[1 + HOME_TOP_STORIES :],
            "section_fronts": fronts,
        },
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=section).for_listing().newest_first()
    return render(
        request,
        "articles/section.html",
        {"section": section, "current_section": section, "page": paginate(request, articles)},
    )


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing().newest_first()
    page = paginate(request, articles)
    if not page.paginator.count:
        # A topic only drafts use would otherwise announce a story before it is out.
        raise Http404("No published stories on this topic")
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = Article.objects.published().filter(authors=author).for_listing().newest_first()
    return render(
        request, "articles/author.html", {"author": author, "page": paginate(request, articles)}
    )


def archive_period(year, month=None, day=None):
    """The first day of the period, the first day after it, and how readers name it."""
    try:
        start = datetime.date(year, month or 1, day or 1)
        if day:
            end, label = start + datetime.timedelta(days=1), date_format(start, "F j, Y")
        elif month:
            end = datetime.date(year + month // 12, month % 12 + 1, 1)
            label = date_format(start, "F Y")
        else:
            end, label = datetime.date(year + 1, 1, 1), str(year)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such date") from exc
    return start, end, label


def archive(request, year, month=None, day=None):
    start, end, label = archive_period(year, month, day)
    zone = timezone.get_current_timezone()
    in_period = Article.objects.published().filter(
        published_at__gte=datetime.datetime.combine(start, datetime.time(), zone),
        published_at__lt=datetime.datetime.combine(end, datetime.time(), zone),
    )
    page = paginate(request, in_period.for_listing().newest_first())
    if not page.paginator.count:
        raise Http404("No stories from that date")
    if day:
        parts = []
    elif month:
        days = in_period.datetimes("published_at", "day", tzinfo=zone)
        parts = [(str(moment.day), archive_url(moment, "day")) for moment in days]
    else:
        months = in_period.datetimes("published_at", "month", tzinfo=zone)
        parts = [(date_format(moment, "N"), archive_url(moment, "month")) for moment in months]
    return render(request, "articles/archive.html", {"label": label, "page": page, "parts": parts})


def archive_url(moment, period):
    if period == "month":
        return reverse("articles:archive_month", args=[moment.year, moment.month])
    return reverse("articles:archive_day", args=[moment.year, moment.month, moment.day])


def detail(request, section, slug):
    article = get_object_or_404(
        Article.objects.published().for_listing().prefetch_related("tags"), slug=slug
    )
    if article.section.slug != section:
        # Slugs are unique on their own: a story whose section was renamed, or that moved to
        # another section, keeps one address.
        return redirect(article, permanent=True)
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "current_section": article.section,
            "check_also": check_also(article),
        },
    )

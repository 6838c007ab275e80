import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Section

PER_PAGE = 20


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= max(paginator.num_pages, 1):
        raise Http404("No such page")
    return paginator.page(int(number))


def home(request):
    stories = list(Article.objects.published().for_listing().newest_first()[:13])
    return render(
        request,
        "articles/home.html",
        {"lead": stories[0] if stories else None, "latest": stories[1:]},
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
    return render(request, "articles/tag.html", {"tag": tag, "page": paginate(request, articles)})


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = Article.objects.published().filter(authors=author).for_listing().newest_first()
    return render(
        request, "articles/author.html", {"author": author, "page": paginate(request, articles)}
    )


def archive(request, year, month=None, day=None):
    try:
        start = datetime.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise Http404("No such date") from exc
    if day:
        end, label = start + datetime.timedelta(days=1), f"{start:%B} {day}, {year}"
    elif month:
        end = datetime.date(year + month // 12, month % 12 + 1, 1)
        label = f"{start:%B %Y}"
    else:
        end, label = datetime.date(year + 1, 1, 1), str(year)
    zone = timezone.get_current_timezone()
    articles = (
        Article.objects.published()
        .filter(
            published_at__gte=datetime.datetime.combine(start, datetime.time(), zone),
            published_at__lt=datetime.datetime.combine(end, datetime.time(), zone),
        )
        .for_listing()
        .newest_first()
    )
    return render(
        request, "articles/archive.html", {"label": label, "page": paginate(request, articles)}
    )


def detail(request, section, slug):
    article = get_object_or_404(
        Article.objects.published().for_listing(), section__slug=section, slug=slug
    )
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "current_section": article.section},
    )

"""The content API's addresses (django-ninja): thin views over newsroom.api.content, each
answer kept by the one cache (newsroom.api.answers) after the caller's key passed."""

import datetime

from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import NinjaAPI, Query

from articles.invalidation import EVERY_AUTHOR, EVERY_SECTION
from articles.search import clean_query, has_searchable_words, search_articles, through_the_index
from newsroom.api import content, schemas
from newsroom.api.answers import decode_cursor, page, respond, site_base
from newsroom.api.keys import HEADER, PartnerKey, Refused
from newsroom.caching.tracking import note

# Past this many results search stops paging, as the site's search does (articles.search).
SEARCH_DEPTH = 1000
REFUSALS = {400: schemas.Problem, 401: schemas.Problem, 429: schemas.Problem}

DESCRIPTION = "\n\n".join(
    (
        "Read-only JSON of everything readers can see on the site: published stories (with "
        "their bylines, pictures, topics, corrections and live updates), sections, bylines, "
        "topics and search. Drafts, scheduled stories before their time and unpublished "
        "stories never appear.",
        f"Send your key in the `{HEADER}` header. Lists come a page at a time, newest first: "
        "follow `next` (or pass `next_cursor` as `cursor`) until it is null. Every answer "
        "carries an `ETag`; send it back in `If-None-Match` and an unchanged answer is a short "
        "304. Over your key's limit per minute the API answers 429 with `Retry-After` "
        "(seconds).",
    )
)

api = NinjaAPI(
    title="Newsroom content API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=PartnerKey(),
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(Refused)
def refused(request, exc):
    response = JsonResponse({"detail": exc.message}, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def aware(moment):
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def day_range(day):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(), zone)
    return start, start + datetime.timedelta(days=1)


@api.get(
    "/stories",
    response={200: schemas.StoryPage, **REFUSALS},
    url_name="stories",
    summary="Published stories, newest first",
    tags=["stories"],
)
def story_list(request, filters: Query[schemas.StoryFilters]):
    section, tag, author = filters.section, filters.tag, filters.author
    date, updated_since = filters.date, filters.updated_since
    cursor, limit = filters.cursor, filters.limit

    def build():
        rows = content.stories()
        if section:
            rows = rows.filter(section__slug=section)
        if tag:
            rows = rows.filter(tags__slug=tag)
        if author:
            rows = rows.filter(authors__slug=author)
        if date:
            start, end = day_range(date)
            rows = rows.filter(published_at__gte=start, published_at__lt=end)
        if updated_since:
            rows = rows.filter(changed_at__gte=aware(updated_since))
        after = decode_cursor(cursor, [str, int])
        if after:
            moment = parse_datetime(after[0])
            if moment is None:
                raise Refused(400, "This cursor is not one of ours: use a page's next_cursor.")
            rows = rows.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=after[1]))
        shown, links = page(
            request,
            list(rows[: limit + 1]),
            limit,
            lambda story: [story.published_at.isoformat(), story.pk],
        )
        base = site_base(request)
        return {"results": [content.summary(story, base) for story in shown], **links}

    return respond(request, schemas.StoryPage, build)


@api.get(
    "/stories/{story_id}",
    response={200: schemas.Story, 404: schemas.Problem, **REFUSALS},
    url_name="story",
    summary="One published story, whole",
    tags=["stories"],
)
def story_detail(request, story_id: int):
    def build():
        story = content.stories().filter(pk=story_id).first()
        if story is None:
            raise Http404("No published story has this id.")
        return content.story(story, site_base(request))

    return respond(request, schemas.Story, build, listings=False)


@api.get(
    "/sections",
    response={200: schemas.SectionList, **REFUSALS},
    url_name="sections",
    summary="Every section, in the site's order",
    tags=["sections, bylines and topics"],
)
def section_list(request):
    def build():
        # Every section is listed: one created since must make the kept list stale.
        note([EVERY_SECTION])
        base = site_base(request)
        return {"results": [content.section(row, base) for row in content.sections()]}

    return respond(request, schemas.SectionList, build, listings=False)


def by_slug(request, rows, paging, serialize):
    limit = paging.limit
    after = decode_cursor(paging.cursor, [str])
    if after:
        rows = rows.filter(slug__gt=after[0])
    shown, links = page(
        request, list(rows.order_by("slug")[: limit + 1]), limit, lambda row: [row.slug]
    )
    base = site_base(request)
    return {"results": [serialize(row, base) for row in shown], **links}


@api.get(
    "/authors",
    response={200: schemas.AuthorPage, **REFUSALS},
    url_name="authors",
    summary="Bylines, by slug",
    tags=["sections, bylines and topics"],
)
def author_list(request, paging: Query[schemas.Paging]):
    def build():
        # Every byline is listed: one created since must make the kept list stale.
        note([EVERY_AUTHOR])
        return by_slug(request, content.authors(), paging, content.author)

    return respond(request, schemas.AuthorPage, build, listings=False)


@api.get(
    "/tags",
    response={200: schemas.TagPage, **REFUSALS},
    url_name="tags",
    summary="Topics of published stories, by slug",
    tags=["sections, bylines and topics"],
)
def tag_list(request, paging: Query[schemas.Paging]):
    return respond(
        request,
        schemas.TagPage,
        lambda: by_slug(request, content.topics(), paging, content.topic),
    )


@api.get(
    "/search",
    response={200: schemas.StoryPage, **REFUSALS},
    url_name="search",
    summary="Published stories matching words, best first",
    tags=["stories"],
)
def search(request, filters: Query[schemas.SearchFilters]):
    section, cursor, limit = filters.section, filters.cursor, filters.limit
    text, _shortened = clean_query(filters.q)

    def build():
        if not text or not has_searchable_words(text):
            raise Refused(400, "Say what to look for in q: a word or two.")
        offset = (decode_cursor(cursor, [int]) or [0])[0]
        if not 0 <= offset < SEARCH_DEPTH:
            raise Refused(400, "This cursor is not one of ours: use a page's next_cursor.")
        matches = search_articles(text)
        if section:
            matches = matches.filter(section__slug=section)
        end = min(offset + limit + 1, SEARCH_DEPTH)
        with through_the_index():
            chosen = list(matches.values_list("pk", flat=True)[offset:end])
        found = {story.pk: story for story in content.stories().filter(pk__in=chosen)}
        ranked = [found[pk] for pk in chosen if pk in found]
        shown, links = page(request, ranked, limit, lambda story: [offset + limit])
        base = site_base(request)
        return {"results": [content.summary(story, base) for story in shown], **links}

    return respond(request, schemas.StoryPage, build)

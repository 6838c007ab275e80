"""What the API answers, as pydantic schemas: they validate every answer before it is kept, and
they are the OpenAPI schema partners read."""

import datetime as dt
from datetime import datetime

from ninja import Field, Schema


class Paging(Schema):
    cursor: str | None = Field(None, description="Where the page starts: a page's next_cursor")
    limit: int = Field(20, ge=1, le=100, description="How many per page (at most 100)")


class StoryFilters(Paging):
    section: str | None = Field(None, description="A section's slug: world")
    tag: str | None = Field(None, description="A topic's slug: trade")
    author: str | None = Field(None, description="A byline's slug: rita-reporter")
    date: dt.date | None = Field(None, description="Published that day (YYYY-MM-DD)")
    updated_since: datetime | None = Field(
        None, description="Changed at or after this time (ISO 8601): for keeping a copy in sync"
    )


class SearchFilters(Paging):
    q: str = Field(
        description='Words to find, with the site\'s syntax: "exact phrase", -without, or'
    )
    section: str | None = Field(None, description="Only this section (its slug)")


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: str = Field(description="webp, or the picture's own format (jpeg, png, gif)")


class Picture(Schema):
    id: int
    url: str = Field(description="A copy about 1200 px wide, in the picture's own format")
    width: int = Field(description="Of the original, as readers see it (turned upright)")
    height: int
    alt_text: str
    caption: str
    credit: str
    renditions: list[Rendition] = Field(description="Every resized copy, narrowest first")


class SectionRef(Schema):
    id: int
    name: str
    slug: str


class Section(SectionRef):
    description: str
    position: int
    in_navigation: bool
    url: str


class Byline(Schema):
    id: int
    name: str
    slug: str
    url: str


class Author(Byline):
    job_title: str
    bio: str
    photo: Picture | None


class Tag(Schema):
    id: int
    name: str
    slug: str
    url: str


class Correction(Schema):
    id: int
    kind: str = Field(description="correction or clarification")
    text: str
    placement: str = Field(description="top or end: where the story shows it")
    published_at: datetime


class LiveUpdate(Schema):
    id: int
    text: str
    posted_at: datetime
    key_event: bool
    pinned: bool
    picture: Picture | None


class LiveCoverage(Schema):
    starts_at: datetime
    ends_at: datetime | None


class StorySummary(Schema):
    id: int
    headline: str
    slug: str
    dek: str = Field(description="The standfirst: a sentence or two under the headline")
    teaser: str = Field(description="The text story lists show (the excerpt, else the dek)")
    dateline: str
    section: SectionRef
    bylines: list[Byline]
    tags: list[Tag]
    picture: Picture | None = Field(description="The featured picture")
    published_at: datetime
    revised_at: datetime | None = Field(
        description="The “Updated” time readers see: the words changed, or a correction"
    )
    updated_at: datetime = Field(
        description="When anything this API shows of the story last changed (an edit, its "
        "publication, a correction, a live update): what updated_since compares with"
    )
    url: str = Field(description="The story's canonical address on the site")
    api_url: str


class Story(StorySummary):
    body_html: str = Field(description="The story's body as the site shows it (cleaned HTML)")
    body_text: str = Field(description="The body as plain text, paragraphs apart")
    pictures: list[Picture] = Field(
        description="Every picture of the story: the featured one first, then those of its "
        "live updates"
    )
    corrections: list[Correction]
    live_coverage: LiveCoverage | None
    live_updates: list[LiveUpdate] = Field(description="Pinned first, then newest first")


class Page(Schema):
    next: str | None = Field(description="The address of the next page, or null at the end")
    next_cursor: str | None


class StoryPage(Page):
    results: list[StorySummary]


class AuthorPage(Page):
    results: list[Author]


class TagPage(Page):
    results: list[Tag]


class SectionList(Schema):
    results: list[Section]


class Problem(Schema):
    detail: str

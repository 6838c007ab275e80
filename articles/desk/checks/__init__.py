"""Checks before publishing: what an editor should fix before a story goes out.

Each check is a function of the story as its form holds it (a Draft) returning Findings, each
with a message that says what to fix. The outlet switches checks off in PublishingChecks. A
failed check holds back Publish and Schedule until the editor chooses "Publish anyway" (which
the story's history records); a reporter submitting for review sees the same list as advice.
Readability is a figure, never a reason to hold a story back.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from django.conf import settings
from django.urls import Resolver404, resolve

from articles.models import Article, PublishingChecks, Redirect, Section

HEADLINE_RANGE = (20, 90)
DEK_RANGE = (50, 250)
DESCRIPTION_RANGE = (50, 160)
# Link texts that mean nothing read on their own, as screen readers list links.
VAGUE_LINK_TEXTS = {
    "click", "click here", "here", "link", "more", "read more", "learn more", "this",
    "this link", "go", "continue",
}  # fmt: skip
# Characters per second of an adult reading news, as textstat's reading time assumes.
MS_PER_CHARACTER = 14.69


@dataclass(frozen=True)
class Finding:
    check: str  # the PublishingChecks field that switches it off
    label: str
    passed: bool
    message: str
    blocking: bool = True


@dataclass(frozen=True)
class Draft:
    """The story as its form holds it, saved or not."""

    headline: str = ""
    dek: str = ""
    seo_description: str = ""
    dateline: str = ""
    section: Section | None = None
    tags: tuple = ()
    body: str = ""
    featured_image: object = None

    @classmethod
    def of(cls, article):
        return cls(
            headline=article.headline,
            dek=article.dek,
            seo_description=article.seo_description,
            dateline=article.dateline,
            section=article.section if article.section_id else None,
            tags=tuple(article.tags.names()) if article.pk else (),
            body=article.body,
            featured_image=article.featured_image,
        )

    @classmethod
    def from_form(cls, data):
        """From a story form's cleaned data."""
        return cls(
            headline=data.get("headline") or "",
            dek=data.get("dek") or "",
            seo_description=data.get("seo_description") or "",
            dateline=data.get("dateline") or "",
            section=data.get("section"),
            tags=tuple(data.get("tags") or ()),
            body=data.get("body") or "",
            featured_image=data.get("featured_image"),
        )

    def tree(self):
        return lxml.html.fragment_fromstring(self.body or "<p></p>", create_parent="div")


def _text(element):
    return " ".join(element.text_content().split())


def _length(value, label, check, low, high, what):
    size = len(value.strip())
    if not size:
        return Finding(check, label, False, f"Write {what}: between {low} and {high} characters.")
    if size < low:
        return Finding(
            check, label, False,
            f"{what[0].upper()}{what[1:]} has {size} characters: make it at least {low}.",
        )  # fmt: skip
    if size > high:
        return Finding(
            check, label, False,
            f"{what[0].upper()}{what[1:]} has {size} characters: cut it to {high} or fewer.",
        )  # fmt: skip
    return Finding(check, label, True, f"{size} characters, within {low} to {high}.")


def headline_length(draft):
    low, high = HEADLINE_RANGE
    yield _length(draft.headline, "Headline length", "headline_length", low, high, "the headline")


def dek_length(draft):
    low, high = DEK_RANGE
    yield _length(draft.dek, "Standfirst length", "dek_length", low, high, "the standfirst")


def link_preview(draft):
    low, high = DESCRIPTION_RANGE
    label = "Link-preview description"
    if draft.seo_description.strip():
        what = "the search engine description"
    elif draft.dek.strip():
        what = "the standfirst, used as the link-preview description,"
    else:
        yield Finding(
            "link_preview", label, False,
            "Write a search engine description (or a standfirst): it is what search results "
            f"and shared links show, between {low} and {high} characters.",
        )  # fmt: skip
        return
    yield _length(draft.seo_description or draft.dek, label, "link_preview", low, high, what)


def dateline(draft):
    if draft.dateline.strip():
        yield Finding("dateline", "Dateline", True, draft.dateline.strip())
    else:
        yield Finding(
            "dateline", "Dateline", False,
            "Add a dateline saying where and when the story was filed, e.g. “Gyeongju, Nov "
            "2025”.",
        )  # fmt: skip


def section(draft):
    if draft.section is not None:
        yield Finding("section", "Section", True, str(draft.section))
    else:
        yield Finding("section", "Section", False, "Choose the section the story runs in.")


def tags(draft):
    if draft.tags:
        yield Finding("tags", "Tags", True, ", ".join(draft.tags))
    else:
        yield Finding(
            "tags", "Tags", False,
            "Add at least one tag (a topic, person or place) so readers find related stories.",
        )  # fmt: skip


def pictures(draft):
    label = "Pictures"
    problems = []
    image = draft.featured_image
    if image is not None:
        if not image.alt_text.strip():
            problems.append(
                "The featured picture has no alt text: describe what it shows in the picture "
                "library."
            )
        if not image.credit.strip():
            problems.append(
                "The featured picture has no credit: name the photographer or agency in the "
                "picture library."
            )
    for number, img in enumerate(draft.tree().iter("img"), start=1):
        if not (img.get("alt") or "").strip():
            problems.append(
                f"Picture {number} in the story has no alt text: open it with the picture "
                "button and describe what it shows."
            )
        figure = next((p for p in img.iterancestors("figure")), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        if caption is None or not _text(caption):
            problems.append(
                f"Picture {number} in the story has no credit: add a caption naming who took "
                "it, e.g. “Photo: Jane Doe / Reuters”."
            )
    if problems:
        yield from (Finding("pictures", label, False, problem) for problem in problems)
    else:
        yield Finding("pictures", label, True, "Every picture has alt text and a credit.")


def heading_order(draft):
    label = "Headings in order"
    before = 1  # the headline is the page's one level-1 heading
    problems = []
    for heading in draft.tree().iter("h2", "h3", "h4", "h5", "h6"):
        level = int(heading.tag[1])
        if level > before + 1:
            problems.append(
                f"“{_text(heading)}” is a level-{level} heading after a level-{before} one: "
                f"make it Heading {before + 1}."
            )
        before = level
    if problems:
        yield from (Finding("heading_order", label, False, problem) for problem in problems)
    else:
        yield Finding("heading_order", label, True, "Subheadings go down one level at a time.")


def _looks_like_address(text):
    return text.lower().startswith(("http://", "https://", "www."))


def link_text(draft):
    label = "Link texts"
    problems = []
    for link in draft.tree().iter("a"):
        text = _text(link)
        if text.lower().strip(".…:!") in VAGUE_LINK_TEXTS:
            problems.append(
                f"A link reads “{text}”: use words that say where it goes, e.g. the title of "
                "the page it opens."
            )
        elif _looks_like_address(text):
            problems.append(
                f"A link shows a bare address ({text}): use words that say where it goes."
            )
    if problems:
        yield from (Finding("link_text", label, False, problem) for problem in problems)
    else:
        yield Finding("link_text", label, True, "Every link says where it goes.")


def _story_link(href):
    """(path, slug) of a link to a story's address on this site, or None for any other link."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https"):
        return None
    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host}
    if parts.netloc and parts.hostname not in hosts:
        return None
    if not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != "articles:detail":
        return None
    # /about/masthead/ has the same shape: a story's address starts with a section.
    if not Section.objects.filter(slug=match.kwargs["section"]).exists():
        return None
    return parts.path, match.kwargs["slug"]


def internal_links(draft):
    label = "Links to our stories"
    problems = []
    for link in draft.tree().iter("a"):
        found = _story_link(link.get("href") or "")
        if found is None:
            continue
        path, slug = found
        text = _text(link) or path
        story = Article.objects.filter(slug=slug).first()
        if story is None and (old := Redirect.objects.for_path(path)) is not None:
            story = old.target if isinstance(old.target, Article) else None
        if story is None:
            problems.append(
                f"The link “{text}” leads to a story that does not exist ({path}): check the "
                "address."
            )
        elif not Article.objects.published().filter(pk=story.pk).exists():
            problems.append(
                f"The link “{text}” leads to “{story.headline}”, which is not published: "
                "publish it first, or take the link out."
            )
    if problems:
        yield from (Finding("internal_links", label, False, problem) for problem in problems)
    else:
        yield Finding("internal_links", label, True, "Links to our stories lead to published ones.")


def readability(draft):
    # Coleman-Liau counts letters, not syllables: textstat's syllable count would fetch a
    # pronouncing dictionary from the internet the first time it runs.
    import textstat

    text = _text(draft.tree())
    words = textstat.lexicon_count(text)
    minutes = max(1, round(textstat.reading_time(text, ms_per_char=MS_PER_CHARACTER) / 60))
    if words == 0:
        summary = "No text yet."
    else:
        grade = max(1, round(textstat.coleman_liau_index(text)))
        summary = (
            f"{words:,} word{'s' if words != 1 else ''}, about {minutes} minute"
            f"{'s' if minutes != 1 else ''} to read; reads at about US school grade {grade} "
            "(Coleman-Liau; news usually aims at 8 to 10)."
        )
    yield Finding("readability", "Readability", True, summary, blocking=False)


CHECKS = [
    pictures, headline_length, dek_length, link_preview, dateline, section, tags,
    heading_order, link_text, internal_links, readability,
]  # fmt: skip


def run(draft, enabled=None):
    """Every enabled check's findings, in the order of CHECKS."""
    enabled = enabled or PublishingChecks.load()
    return [
        finding for check in CHECKS if getattr(enabled, check.__name__) for finding in check(draft)
    ]


def problems(findings):
    """The findings that hold a story back."""
    return [finding for finding in findings if finding.blocking and not finding.passed]


def anyway_label(transition):
    return "Schedule anyway" if transition == "schedule" else "Publish anyway"


def overridden_labels(findings):
    """The names of the failed checks, once each, for the story's history."""
    return list(dict.fromkeys(finding.label for finding in problems(findings)))

"""Articles' data, one module per group; everything public is importable from here.

addresses: the old-address rule and redirects · sections: sections and bylines · pictures:
the picture library · stories: stories, their query set and links · embeds: what providers
said of links in stories · corrections and live: what a story gains after it is out · desk:
records of the back office (preview links, autosaves, notes on drafts, change requests, the
checks before publishing) · wordpress: where an imported record came from (also the base of
comments' Comment).
"""

from articles.models.addresses import KeepsOldAddress, Redirect, RedirectManager
from articles.models.corrections import Correction, CorrectionQuerySet, validate_not_in_future
from articles.models.desk import (
    Autosave,
    ChangeRequest,
    Note,
    PreviewLink,
    PreviewLinkQuerySet,
    PublishingChecks,
)
from articles.models.embeds import Embed
from articles.models.live import LiveUpdate
from articles.models.pictures import Image, image_upload_to
from articles.models.sections import (
    RESERVED_SECTION_SLUGS,
    Author,
    Section,
    SectionQuerySet,
    validate_section_slug,
)
from articles.models.stories import (
    Article,
    ArticleAuthor,
    ArticleQuerySet,
    RelatedArticle,
    RevisionExtras,
    bylines_prefetch,
)
from articles.models.wordpress import WordPressIdentity

__all__ = [
    "RESERVED_SECTION_SLUGS",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Author",
    "Autosave",
    "ChangeRequest",
    "Correction",
    "CorrectionQuerySet",
    "Embed",
    "Image",
    "KeepsOldAddress",
    "LiveUpdate",
    "Note",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "PublishingChecks",
    "Redirect",
    "RedirectManager",
    "RelatedArticle",
    "RevisionExtras",
    "Section",
    "SectionQuerySet",
    "WordPressIdentity",
    "bylines_prefetch",
    "image_upload_to",
    "validate_not_in_future",
    "validate_section_slug",
]

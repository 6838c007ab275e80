"""What other apps may add to articles' pages and admin: declared here, filled in one place.

Articles know nothing of comments. The project fills these at start-up (newsroom/apps.py) with
what reader comments bring: a count on every story card, the thread under a story, columns in
the article list.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListColumn:
    """A column of the admin's article list, with the annotation it reads."""

    display: Callable
    annotate: Callable


@dataclass
class Extensions:
    # {attribute: function returning an expression}, annotated on every story card's query.
    listing_annotations: dict[str, Callable] = field(default_factory=dict)
    # Columns appended to the admin's article list.
    article_list_columns: list[ListColumn] = field(default_factory=list)
    # {slot: [template names]}, rendered in order by {% extension_slot "name" %}, with the
    # page's context. Slots: "article_head" (in <head>), "article_end" (after the story and
    # Check Also), "article_scripts" (end of <body>), "story_card" (under each card's byline),
    # "article_sidebar" (under the story's sidebar), "home_aside" (under the home page's top),
    # "story_footer" (inside the kept story, after its share links), "search_results" (above
    # the stories found, with the search's `outcome`), "admin_article_tools" (links beside
    # Preview and Revisions on a saved story's admin page, with the admin's context).
    # A "story_card" template may show only the story and its listing_annotations: lists of
    # cards are kept (newsroom.caching) until a story on them changes.
    template_slots: dict[str, list[str]] = field(default_factory=dict)
    # Functions of a slug returning what else lives at /<slug>/ (the outlet's own pages), or
    # None: a section cannot take that address.
    root_addresses: list[Callable] = field(default_factory=list)
    # Functions of (request, path) answering an address shaped like a section's or a story's
    # (/about/, /about/masthead/) that is neither, or returning None: the outlet's own pages.
    other_pages: list[Callable] = field(default_factory=list)
    # Functions of (request, article) answering a story's address for one reader instead of
    # the story page, or returning None: the story with the comment a browser was just refused,
    # shown there once (comments.views), so a reload reads the story and posts nothing.
    story_answers: list[Callable] = field(default_factory=list)
    # Functions of the request returning properties of the outlet (its policies) added to its
    # NewsMediaOrganization in every story's structured data.
    publisher_details: list[Callable] = field(default_factory=list)
    # {name: Sitemap class}, listed in the site's sitemap index beside articles' own.
    sitemaps: dict[str, type] = field(default_factory=dict)


extensions = Extensions()

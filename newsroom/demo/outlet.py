"""The demo outlet's own pages, menus and standards, and who its writers are elsewhere.

Loading twice changes nothing: a page, menu or link already there is left as it is.
"""

from django.utils.html import escape

from articles.models import Article, Author, Section
from newsroom.pages.models import Menu, MenuItem, Page, Standards

# (slug, parent slug, title, standfirst, paragraphs): what every newsroom publishes about itself.
PAGES = [
    ("about", None, "About us",
     "The Daily Ledger is an independent newsroom covering the valley and its towns since 1998.",
     ["We report on the decisions that shape daily life here: the council's budget, the river, "
      "the schools, the buses and the businesses that employ our readers.",
      "Eleven journalists work in the newsroom on Mill Road. We publish every day of the year, "
      "and our stories are free to read.",
      "We are owned by a reader trust, not by an investor, and no advertiser sees a story "
      "before it is published."]),
    ("masthead", "about", "Masthead",
     "Who runs the newsroom, and who to ask about what.",
     ["Editor: Ruth Adeyemi. Managing editor: Colm Byrne. Political editor: Daniel Okafor.",
      "Foreign correspondent: Maren Holt. Business and science: Priya Raman. Culture and "
      "sport: Tomás Ferreira. Standards editor: Hannah Lowe, who answers every complaint."]),
    ("ownership-and-funding", "about", "Ownership and funding",
     "Who owns the Ledger and where its money comes from.",
     ["The Ledger has been owned since 2016 by the Valley Reader Trust, a charity whose "
      "trustees are elected by its members. No one owns more than one share.",
      "Last year 58% of our income came from reader memberships, 27% from advertising and 15% "
      "from grants, listed with their amounts in our annual report."]),
    ("ethics-policy", None, "Ethics policy",
     "The rules every reporter and editor at the Ledger follows.",
     ["We verify before we publish, name our sources whenever we can and say why when we "
      "cannot. We do not pay for interviews or accept gifts worth more than a cup of coffee.",
      "Reporters declare interests that touch what they cover. Opinion and analysis are "
      "labelled as such, and sponsored content is never written by the newsroom."]),
    ("corrections-policy", None, "Corrections policy",
     "When we get something wrong, we say so, on the story and on our corrections page.",
     ["A correction fixes a fact we got wrong; a clarification adds what we left unclear. "
      "Each one is dated and placed on the story, and listed on our Corrections and "
      "clarifications page.",
      "To report a mistake, write to corrections@dailyledger.example with the story's address. "
      "The standards editor replies within two working days."]),
    ("standards", None, "Our standards",
     "What we cover, how we decide, and how we keep ourselves honest.",
     ["Our mission is to tell the valley what it needs to know to govern itself. We choose "
      "stories by what matters to readers, not by what is easiest to find.",
      "Our ethics policy, corrections policy and masthead are public, and so are our owners "
      "and our funding."]),
    ("contact", None, "Contact us",
     "Tips, complaints, letters and questions: how to reach the newsroom.",
     ["News tips: news@dailyledger.example or 01632 960 123. Letters to the editor: "
      "letters@dailyledger.example.",
      "Every message is read by a person. We answer complaints within two working days and "
      "publish what we change as a result."]),
    ("advertise", None, "Advertise with us",
     "Reach readers across the valley, every day.",
     ["Display advertising, newsletter sponsorship and clearly labelled sponsored content. "
      "Advertisers never see or shape our journalism.",
      "Write to ads@dailyledger.example for our rates."]),
    ("privacy", None, "Privacy policy",
     "What we know about our readers, and what we do with it.",
     ["We count page views without cookies and keep no reader's address. Comment and "
      "newsletter details are kept only as long as they are needed."]),
    ("terms", None, "Terms of use", "The rules of the site.",
     ["You may share links to our stories freely. Please ask before republishing them whole."]),
]  # fmt: skip

# (menu name, place, links): (label, target kind, target, nested).
MENUS = [
    ("Main menu", Menu.Place.HEADER, [
        ("", "section", "world", False), ("", "section", "politics", False),
        ("", "section", "business", False), ("", "section", "science", False),
        ("", "section", "culture", False), ("", "section", "sport", False),
        ("", "page", "about", False), ("", "page", "masthead", True),
        ("", "page", "standards", True), ("", "page", "contact", True),
    ]),
    ("Footer", Menu.Place.FOOTER, [
        ("The Ledger", "heading", "", False), ("", "page", "about", True),
        ("", "page", "masthead", True), ("", "page", "contact", True),
        ("", "page", "advertise", True),
        ("Sections", "heading", "", False), ("", "section", "world", True),
        ("", "section", "politics", True), ("", "section", "business", True),
        ("", "section", "sport", True),
        ("Legal", "heading", "", False), ("", "page", "privacy", True),
        ("", "page", "terms", True),
    ]),
]  # fmt: skip

STANDARDS = {
    "publishing_principles": "standards",
    "ethics_policy": "ethics-policy",
    "corrections_policy": "corrections-policy",
    "masthead": "masthead",
    "ownership_funding": "ownership-and-funding",
    "feedback_policy": "contact",
}

# The type of work of stories that are not news (Article.Kind).
KINDS = {
    "chip-makers-shift-orders": Article.Kind.ANALYSIS,
    "heat-pump-trial-results": Article.Kind.ANALYSIS,
    "mural-controversy": Article.Kind.OPINION,
    "mill-road-shopkeepers-split-over-bus-lanes": Article.Kind.OPINION,
    "theatre-season-opens-with-new-play": Article.Kind.REVIEW,
    "film-club-silent-classics": Article.Kind.REVIEW,
}

# The writers' profiles elsewhere (Author.same_as), shown on their pages and given as sameAs.
PROFILES = {
    "maren-holt": ["https://mastodon.example/@marenholt", "https://www.linkedin.com/in/marenholt"],
    "daniel-okafor": ["https://bsky.app/profile/danielokafor.example"],
}


def load():
    pages = load_pages()
    load_menus(pages)
    load_standards(pages)
    for slug, kind in KINDS.items():
        Article.objects.filter(slug=slug, kind=Article.Kind.NEWS).update(kind=kind)
    for slug, links in PROFILES.items():
        Author.objects.filter(slug=slug, same_as="").update(same_as="\n".join(links))


def load_pages():
    pages = {}
    for position, (slug, parent, title, standfirst, paragraphs) in enumerate(PAGES):
        page = Page.objects.filter(slug=slug, parent=pages.get(parent)).first()
        if page is None:
            page = Page.objects.create(
                slug=slug,
                parent=pages.get(parent),
                title=title,
                standfirst=standfirst,
                body="".join(f"<p>{escape(text)}</p>" for text in paragraphs),
                status=Page.Status.PUBLISHED,
                position=position,
            )
        pages[slug] = page
    return pages


def load_menus(pages):
    sections = {section.slug: section for section in Section.objects.all()}
    for name, place, links in MENUS:
        if Menu.objects.filter(place=place).exists():
            continue
        menu = Menu.objects.create(name=name, place=place)
        MenuItem.objects.bulk_create(
            MenuItem(
                menu=menu,
                position=position,
                label=label,
                nested=nested,
                section=sections.get(target) if kind == "section" else None,
                page=pages.get(target) if kind == "page" else None,
            )
            for position, (label, kind, target, nested) in enumerate(links)
        )


def load_standards(pages):
    standards = Standards.load()
    missing = {
        name: pages[slug] for name, slug in STANDARDS.items() if getattr(standards, name) is None
    }
    for name, page in missing.items():
        setattr(standards, name, page)
    if missing:
        standards.save()

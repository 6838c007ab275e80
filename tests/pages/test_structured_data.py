"""The structured data of the outlet, its pages, stories and bylines, read as JSON-LD (PyLD)
and checked against the schema.org terms each must use."""

import json

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from articles.models import Article
from newsroom.pages.models import Standards
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db
SCHEMA = "http://schema.org/"
# The schema.org types (https://schema.org/docs/full.html) and, for the outlet, the properties
# (https://schema.org/NewsMediaOrganization) the site publishes.
TYPES = {
    "NewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "AdvertiserContentArticle", "NewsMediaOrganization", "Person", "ProfilePage", "WebPage",
    "AboutPage", "ContactPage", "BreadcrumbList", "ListItem", "ImageObject",
}  # fmt: skip
POLICIES = {
    "publishingPrinciples", "ethicsPolicy", "correctionsPolicy", "masthead",
    "ownershipFundingInfo", "actionableFeedbackPolicy",
}  # fmt: skip


def offline_loader(url, options=None):
    """schema.org's context, without the network: every term in its vocabulary."""
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA}},
    }


def graph(client, url):
    """The page's JSON-LD, expanded to full IRIs: [(type names, node)]."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    nodes = []
    for script in soup.find_all("script", type="application/ld+json"):
        expanded = jsonld.expand(json.loads(script.string), {"documentLoader": offline_loader})
        nodes.extend(expanded)
    return nodes


def types_of(node):
    types = {iri.removeprefix(SCHEMA) for iri in node.get("@type", [])}
    assert types <= TYPES, types
    return types


def value(node, name):
    entries = node.get(SCHEMA + name, [])
    return [entry.get("@value", entry.get("@id")) for entry in entries]


@pytest.fixture
def outlet():
    standards = Standards.load()
    for name, slug in [
        ("publishing_principles", "standards"), ("ethics_policy", "ethics"),
        ("corrections_policy", "corrections-policy"), ("masthead", "masthead"),
        ("ownership_funding", "ownership"), ("feedback_policy", "contact"),
    ]:  # fmt: skip
        setattr(standards, name, PageFactory(slug=slug, title=slug.title()))
    standards.save()


def test_front_page_publishes_the_outlet_with_its_policies(client, outlet):
    """NewsMediaOrganization with the six policy properties, each the page's address."""
    (organisation,) = [n for n in graph(client, "/") if "NewsMediaOrganization" in types_of(n)]
    for name in POLICIES:
        assert len(value(organisation, name)) == 1, name
    assert value(organisation, "correctionsPolicy")[0].endswith("/corrections-policy/")


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (Article.Kind.NEWS, "NewsArticle"),
        (Article.Kind.ANALYSIS, "AnalysisNewsArticle"),
        (Article.Kind.OPINION, "OpinionNewsArticle"),
        (Article.Kind.REVIEW, "ReviewNewsArticle"),
        (Article.Kind.SPONSORED, "AdvertiserContentArticle"),
    ],
)
def test_a_story_says_its_type_of_work_to_readers_and_search_engines(
    client, outlet, kind, schema_type
):
    """The label above the headline, the schema.org type, and the publisher's policies."""
    story = ArticleFactory(kind=kind, section=SectionFactory(slug="world", name="World"))
    soup = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    assert soup.select_one(".article__kind .kind-label").get_text() == story.get_kind_display()
    nodes = graph(client, story.get_absolute_url())
    (article,) = [n for n in nodes if schema_type in types_of(n)]
    assert value(article, "genre") == [story.get_kind_display()]
    (publisher,) = article[SCHEMA + "publisher"]
    assert "NewsMediaOrganization" in types_of(publisher)
    assert {key.removeprefix(SCHEMA) for key in publisher} >= POLICIES
    (crumbs,) = [n for n in nodes if "BreadcrumbList" in types_of(n)]
    assert len(crumbs[SCHEMA + "itemListElement"]) == 3


def test_an_author_page_is_a_person_with_their_profiles(client):
    """ProfilePage about a Person: job title, biography, photo and sameAs links, shown too."""
    author = AuthorFactory(
        name="Maren Holt",
        job_title="Foreign correspondent",
        photo=ImageFactory(),
        same_as="https://mastodon.example/@maren\nhttps://www.linkedin.com/in/maren",
    )
    ArticleFactory(authors=[author])
    nodes = graph(client, author.get_absolute_url())
    (profile,) = [n for n in nodes if "ProfilePage" in types_of(n)]
    (person,) = profile[SCHEMA + "mainEntity"]
    assert types_of(person) == {"Person"}
    assert value(person, "jobTitle") == ["Foreign correspondent"]
    assert value(person, "description") == [author.bio]
    assert len(value(person, "image")) == 1
    assert sorted(value(person, "sameAs")) == sorted(author.profile_links())
    content = client.get(author.get_absolute_url()).content.decode()
    assert (
        'href="https://mastodon.example/@maren" rel="me noopener">mastodon.example</a>' in content
    )


def test_an_outlet_page_is_a_web_page_with_its_breadcrumb(client, outlet):
    """The masthead is an AboutPage; its trail goes through its parent."""
    about = PageFactory(slug="about", title="About us")
    PageFactory(slug="team", title="Team", parent=about)
    nodes = graph(client, "/masthead/")
    assert any("AboutPage" in types_of(n) for n in nodes)
    nodes = graph(client, "/about/team/")
    (crumbs,) = [n for n in nodes if "BreadcrumbList" in types_of(n)]
    items = crumbs[SCHEMA + "itemListElement"]
    assert [value(item, "name")[0] for item in items] == ["Home", "About us", "Team"]


def test_a_bad_profile_link_gets_a_clear_message():
    """Profiles are web addresses, one a line."""
    from django.core.exceptions import ValidationError

    author = AuthorFactory.build(same_as="mastodon: @maren")
    with pytest.raises(ValidationError, match="is not a web address"):
        author.full_clean()

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def story():
    section = SectionFactory(name="World", slug="world")
    return ArticleFactory(
        headline="Leaders meet in Gyeongju",
        slug="leaders-meet-in-gyeongju",
        section=section,
        dek="Talks are expected to run late into the night.",
        dateline="Gyeongju, Nov 2025",
        body="<p>South Korean President opened the summit.</p>"
        "<h2>What is on the table</h2><p>Tariffs, shipping and chips.</p>"
        "<h2>What comes next</h2><p>Another round in spring.</p>",
        published_at=datetime.datetime(2025, 11, 2, 9, 30, tzinfo=datetime.UTC),
        authors=[
            AuthorFactory(name="Maren Holt", slug="maren-holt"),
            AuthorFactory(name="Daniel Okafor", slug="daniel-okafor"),
        ],
        tags=["Trade", "Diplomacy"],
        featured_image=ImageFactory(
            small=True, caption="Delegates arrive.", credit="Jane Doe / Ledger", alt_text="Flags"
        ),
    )


def test_article_page_breadcrumb_links_home_section_and_headline(client, story):
    """The breadcrumb reads Home, World, headline, separated by angle quotes, all links."""
    soup = soup_of(client.get(story.get_absolute_url()))
    links = soup.select("nav.breadcrumb a")
    assert [a.get_text() for a in links] == ["Home", "World", "Leaders meet in Gyeongju"]
    assert [a["href"] for a in links] == ["/", "/world/", "/world/leaders-meet-in-gyeongju/"]
    assert " ".join(soup.select_one("nav.breadcrumb").get_text().split()) == (
        "Home \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} World "
        "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} Leaders meet in Gyeongju"
    )


def test_article_page_shows_section_and_date_line_then_one_headline(client, story):
    """“World - November 2, 2025” above the page's only <h1>, then the standfirst."""
    soup = soup_of(client.get(story.get_absolute_url()))
    assert soup.select_one(".article__meta").get_text() == "World - November 2, 2025"
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Leaders meet in Gyeongju"]
    assert soup.select_one(".article__dek").get_text() == story.dek
    order = [el.get("class", [None])[0] for el in soup.select(".article__header > *")]
    assert order == [
        "article__kind",
        "article__meta",
        "article__headline",
        "article__dek",
        "byline",
    ]


def test_bylines_link_to_author_pages_in_order(client, story):
    """“By Maren Holt and Daniel Okafor”, each name linking to the author's page."""
    soup = soup_of(client.get(story.get_absolute_url()))
    byline = soup.select_one(".byline")
    assert " ".join(byline.get_text().split()) == "By Maren Holt and Daniel Okafor"
    assert [a["href"] for a in byline.find_all("a")] == [
        "/author/maren-holt/",
        "/author/daniel-okafor/",
    ]


def test_featured_image_has_caption_credit_and_alt_text(client, story):
    """The picture comes with its caption, the photographer's credit and alt text."""
    soup = soup_of(client.get(story.get_absolute_url()))
    figure = soup.select_one("figure.article__figure")
    assert figure.img["alt"] == "Flags"
    assert figure.img["width"] == "480" and figure.img["height"] == "320"
    caption = " ".join(figure.figcaption.get_text().split())
    assert caption == "Delegates arrive. Photo: Jane Doe / Ledger"


def test_lead_paragraph_opens_with_the_dateline_in_bold(client, story):
    """The first paragraph starts `<strong>Gyeongju, Nov 2025</strong> : South Korean…`."""
    soup = soup_of(client.get(story.get_absolute_url()))
    first = soup.select_one(".article__body").find("p")
    assert str(first).startswith("<p><strong>Gyeongju, Nov 2025</strong> : South Korean")
    assert len(soup.select(".article__body strong")) == 1


def test_body_subheadings_are_h2(client, story):
    """Subheadings stay <h2> inside the body."""
    soup = soup_of(client.get(story.get_absolute_url()))
    subheadings = [h2.get_text() for h2 in soup.select(".article__body h2")]
    assert subheadings == ["What is on the table", "What comes next"]


def test_updated_note_appears_only_after_a_meaningful_change(client, story):
    """Fixing the body after publication shows “Updated <date, time>”; a new story shows none."""
    assert not soup_of(client.get(story.get_absolute_url())).select(".article__updated")
    with time_machine.travel(
        datetime.datetime(2025, 11, 3, 16, 15, tzinfo=datetime.UTC), tick=False
    ):
        story.body += "<p>Correction: the talks ended on Monday.</p>"
        story.save()
    note = soup_of(client.get(story.get_absolute_url())).select_one(".article__updated")
    assert note.get_text() == "Updated November 3, 2025, 4:15 p.m."
    assert note.time["datetime"] == "2025-11-03T16:15:00+00:00"


def test_tags_link_to_tag_pages(client, story):
    """Each topic links to its tag page."""
    soup = soup_of(client.get(story.get_absolute_url()))
    tags = {a.get_text(): a["href"] for a in soup.select(".article__tags a")}
    assert tags == {"Diplomacy": "/tag/diplomacy/", "Trade": "/tag/trade/"}


def test_check_also_shows_the_editors_related_stories_in_order(client, story):
    """The editor's picks, in the editor's order, with headline, teaser, thumbnail and link."""
    second = ArticleFactory(headline="Second pick", excerpt="Why it matters.", with_image=True)
    first = ArticleFactory(headline="First pick", dek="A standfirst used as teaser.")
    ArticleFactory(headline="Newer but not chosen", tags=["Trade"])
    story.related_links.create(related_article=first, position=0)
    story.related_links.create(related_article=second, position=1)
    soup = soup_of(client.get(story.get_absolute_url()))
    box = soup.select_one("aside.check-also")
    assert box.h2.get_text() == "Check Also"
    items = box.select(".check-also__item")
    assert [item.h3.get_text() for item in items] == ["First pick", "Second pick"]
    assert items[0].h3.a["href"] == first.get_absolute_url()
    assert items[0].select_one(".check-also__teaser").get_text() == "A standfirst used as teaser."
    assert items[1].select_one(".check-also__teaser").get_text() == "Why it matters."
    assert items[1].select_one("img")["loading"] == "lazy"


def test_check_also_falls_back_to_stories_sharing_tags_then_section(client, story):
    """Without picks: stories sharing the most tags first, then newest in the section."""
    sport = SectionFactory(name="Sport", slug="sport")
    now = timezone.now()
    ArticleFactory(headline="Unrelated", section=sport, tags=["Football"])
    one_tag = ArticleFactory(headline="One tag", section=sport, tags=["Trade"])
    two_tags = ArticleFactory(
        headline="Two tags",
        section=sport,
        tags=["Trade", "Diplomacy"],
        published_at=now - datetime.timedelta(days=3),
    )
    same_section = ArticleFactory(headline="Same section", section=story.section)
    soup = soup_of(client.get(story.get_absolute_url()))
    headlines = [h3.get_text() for h3 in soup.select(".check-also h3")]
    assert headlines == [two_tags.headline, one_tag.headline, same_section.headline]


def test_check_also_fallback_ranks_only_the_newest_candidates(client, story, monkeypatch):
    """An old story sharing every tag does not push out this week's stories on the topic."""
    from articles import story_picks

    monkeypatch.setattr(story_picks, "CHECK_ALSO_POOL", 2)
    now = timezone.now()
    ArticleFactory(
        headline="Old, every tag",
        tags=["Trade", "Diplomacy"],
        published_at=now - datetime.timedelta(days=400),
    )
    newer = [
        ArticleFactory(headline=f"This week {n}", tags=["Trade"], section=story.section,
                       published_at=now - datetime.timedelta(days=n))
        for n in (1, 2)
    ]  # fmt: skip
    soup = soup_of(client.get(story.get_absolute_url()))
    headlines = [h3.get_text() for h3 in soup.select(".check-also h3")]
    assert headlines[:2] == [article.headline for article in newer]


def test_check_also_puts_stories_on_the_same_topics_before_newer_ones_of_the_section(
    client, story, monkeypatch
):
    """A busy section's newest stories never push out older stories on the article's topics."""
    from articles import story_picks

    monkeypatch.setattr(story_picks, "CHECK_ALSO_POOL", 2)
    now = timezone.now()
    sport = SectionFactory(name="Sport", slug="sport")
    on_topic = ArticleFactory(
        headline="On the topic, elsewhere", section=sport, tags=["Trade"],
        published_at=now - datetime.timedelta(days=20),
    )  # fmt: skip
    for n in range(5):
        ArticleFactory(headline=f"Section news {n}", section=story.section,
                       published_at=now - datetime.timedelta(hours=n + 1))  # fmt: skip
    soup = soup_of(client.get(story.get_absolute_url()))
    headlines = [h3.get_text() for h3 in soup.select(".check-also h3")]
    assert headlines == [on_topic.headline, "Section news 0", "Section news 1", "Section news 2"]


def test_comments_block_follows_check_also_in_the_article_column(client, story):
    """The comments issue fills a block placed after Check Also, in the main column."""
    from django.template.loader import get_template

    source = get_template("articles/article_detail.html").template.source
    assert source.index("_check_also.html") < source.index("{% block comments %}")
    assert source.index("{% block comments %}") < source.index('class="layout__sidebar"')


def test_article_page_has_a_sidebar_of_latest_stories(client, story):
    """The sidebar lists other recent stories, not the one being read."""
    other = ArticleFactory(headline="Elsewhere today")
    soup = soup_of(client.get(story.get_absolute_url()))
    sidebar = [a.get_text() for a in soup.select(".layout__sidebar .latest-list__headline")]
    assert sidebar == [other.headline]


def test_unknown_article_is_a_404(client, story):
    """A wrong slug is not found; the right slug under another section goes to the story."""
    assert client.get("/world/no-such-story/").status_code == 404
    SectionFactory(name="Sport", slug="sport")
    response = client.get("/sport/leaders-meet-in-gyeongju/")
    assert (response.status_code, response["Location"]) == (301, story.get_absolute_url())


def test_check_also_lists_a_story_on_the_topics_and_in_the_section_once(client, story):
    """A story found both by its topics and by its section is one entry, ranked by its topics."""
    now = timezone.now()
    both = ArticleFactory(
        headline="Both ways", section=story.section, tags=["Trade"],
        published_at=now - datetime.timedelta(days=9),
    )  # fmt: skip
    newer = ArticleFactory(headline="Section only", section=story.section)
    soup = soup_of(client.get(story.get_absolute_url()))
    headlines = [h3.get_text() for h3 in soup.select(".check-also h3")]
    assert headlines == [both.headline, newer.headline]

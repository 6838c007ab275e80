"""The revision compare's word-level differences, as an editor reads them."""

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape

from articles.desk.revisions.diffs import html_diff, list_diff, value_diff, word_diff


def parse(html):
    return BeautifulSoup(str(html), "html.parser")


def marked(soup, tag):
    """The words in each <del> or <ins>, without their screen-reader label."""
    found = []
    for element in soup.select(tag):
        for label in element.select(".visually-hidden"):
            label.extract()
        found.append(element.get_text())
    return found


def test_paragraphs_stay_apart():
    """Each paragraph is a block of its own, unchanged ones included."""
    soup = parse(
        html_diff("<p>One two.</p><p>Three four.</p>", "<p>One two.</p><p>Three five.</p>")
    )
    blocks = soup.select(".diff-blocks > .diff-block")
    assert [b.get_text(" ", strip=True) for b in blocks] == [
        "One two.",
        "Three removed: four. added: five.",
    ]
    assert "diff-block--changed" in blocks[1]["class"]
    assert "diff-block--changed" not in blocks[0]["class"]


def test_a_changed_word_is_marked_within_its_paragraph():
    """Only the word that changed is struck out and replaced, with a label for screen readers."""
    soup = parse(
        html_diff("<p>The council met on Monday.</p>", "<p>The council met on Tuesday.</p>")
    )
    assert marked(parse(str(soup)), "del") == ["Monday."]
    assert marked(parse(str(soup)), "ins") == ["Tuesday."]
    assert soup.select_one("del .visually-hidden").get_text() == "removed: "
    assert soup.select_one("ins .visually-hidden").get_text() == "added: "


def test_a_changed_link_target_shows_even_when_its_words_stay_the_same():
    """The address is shown after the linked words; only the address is marked as changed."""
    soup = parse(
        html_diff(
            '<p>Read <a href="https://old.example/report">the report</a> today.</p>',
            '<p>Read <a href="https://new.example/report">the report</a> today.</p>',
        )
    )
    assert marked(parse(str(soup)), "del") == ["[→ https://old.example/report]"]
    assert marked(parse(str(soup)), "ins") == ["[→ https://new.example/report]"]
    assert "the report" in soup.get_text()


def test_an_unchanged_link_shows_its_target_unmarked():
    """Context shows where links go, so an editor can check them while reading the change."""
    soup = parse(
        html_diff(
            '<p>See <a href="https://example.com/a">this</a>.</p><p>Old.</p>',
            '<p>See <a href="https://example.com/a">this</a>.</p><p>New.</p>',
        )
    )
    assert "See this [→ https://example.com/a]" in soup.get_text(" ", strip=True)


@pytest.mark.parametrize(
    "payload",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        '"><b>bold</b>',
    ],
)
def test_text_from_the_revisions_is_escaped(payload):
    """Whatever a revision's text holds comes out as text; the only markup is the diff's own."""
    result = str(html_diff("<p>Safe.</p>", f"<p>Safe. {payload}</p>"))
    soup = parse(result)
    assert soup.select("script, img, b") == []
    assert {tag.name for tag in soup.find_all(True)} <= {"div", "ins", "del", "span", "p"}


def test_a_link_address_is_escaped():
    """A quote or angle bracket in an address cannot break out of the diff's markup."""
    result = str(
        html_diff("<p>x</p>", '<p>x <a href="https://e.example/?q=&quot;&gt;&lt;b&gt;">y</a></p>')
    )
    assert "<b>" not in result
    assert "&lt;b&gt;" in result


def test_headings_and_list_items_keep_their_kind():
    """Headings are labelled as such; list items stay items of a list of the same kind."""
    before = "<h2>Timeline</h2><ol><li>Vote</li><li>Build</li></ol><ul><li>Cost</li></ul>"
    after = (
        "<h2>Timeline so far</h2><ol><li>Vote</li><li>Build</li><li>Open</li></ol>"
        "<ul><li>Cost</li></ul>"
    )
    soup = parse(html_diff(before, after))
    heading = soup.select_one(".diff-block--h2")
    assert heading.select_one(".diff-block__kind").get_text() == "Heading"
    assert marked(parse(str(heading)), "ins") == ["so far"]
    items = soup.select("ol.diff-list > li")
    assert [li.get_text(" ", strip=True) for li in items] == ["Vote", "Build", "added: Open"]
    assert [li.get_text() for li in soup.select("ul.diff-list > li")] == ["Cost"]


def test_a_paragraph_turned_into_a_heading_says_so():
    """Same words, another kind of block: the change of kind is marked."""
    soup = parse(html_diff("<p>Reactions</p>", "<h2>Reactions</h2>"))
    kind = soup.select_one(".diff-block__kind")
    assert marked(parse(str(kind)), "del") == ["Paragraph"]
    assert marked(parse(str(kind)), "ins") == ["Heading"]


def test_an_added_and_a_removed_paragraph_are_whole_blocks():
    """A new paragraph is one added block; the edited neighbour is still marked word by word."""
    soup = parse(
        html_diff(
            "<p>First part of it.</p><p>Gone entirely now.</p>",
            "<p>First part of that.</p><p>Something completely different here.</p>",
        )
    )
    assert soup.select_one(".diff-block--changed")
    assert marked(parse(str(soup.select_one(".diff-block--removed"))), "del") == [
        "Gone entirely now."
    ]
    assert marked(parse(str(soup.select_one(".diff-block--added"))), "ins") == [
        "Something completely different here."
    ]


def test_long_runs_of_unchanged_paragraphs_are_folded():
    """A one-word fix in a long story shows the fix with a paragraph either side; a run of
    unchanged paragraphs too short to fold is shown as it is."""
    paragraphs = [f"<p>Paragraph number {n}.</p>" for n in range(12)]
    changed = [*paragraphs[:6], "<p>Paragraph number six, edited.</p>", *paragraphs[7:]]
    soup = parse(html_diff("".join(paragraphs), "".join(changed)))
    assert len(soup.select(".diff-block")) == 3
    assert [p.get_text() for p in soup.select(".diff-folded")] == [
        "… 5 unchanged blocks …",
        "… 4 unchanged blocks …",
    ]
    short = [*paragraphs[:2], "<p>Paragraph number two, edited.</p>", *paragraphs[3:5]]
    soup = parse(html_diff("".join(paragraphs[:5]), "".join(short)))
    assert len(soup.select(".diff-block")) == 5
    assert soup.select(".diff-folded") == []


def test_a_formatting_only_change_says_so():
    """Bold added, the words the same: nothing to mark, and the editor is told why."""
    assert "only the formatting changed" in str(
        html_diff("<p>Big news</p>", "<p><strong>Big</strong> news</p>")
    )


def test_a_word_split_by_formatting_stays_one_word():
    """<strong>Bo</strong>ld is the word Bold, not two."""
    soup = parse(html_diff("<p><strong>Bo</strong>ld move</p>", "<p>Bold moves</p>"))
    assert marked(parse(str(soup)), "del") == ["move"]


def test_pictures_show_their_alt_text_and_address():
    """A replaced picture shows which one went and which came."""
    soup = parse(
        html_diff(
            '<p><img src="/a.jpg" alt="Bridge"></p>', '<p><img src="/b.jpg" alt="Bridge"></p>'
        )
    )
    assert marked(parse(str(soup)), "del") == ["[picture: Bridge → /a.jpg]"]


def test_plain_text_fields_are_marked_word_by_word():
    soup = parse(word_diff("Council approves bridge", "Council rejects bridge"))
    assert (marked(parse(str(soup)), "del"), marked(parse(str(soup)), "ins")) == (
        ["approves"],
        ["rejects"],
    )


def test_lists_of_names_keep_each_name_whole():
    """Topics and bylines: a name with spaces is one item; items are separated by commas."""
    soup = parse(list_diff(["New York", "trade"], ["New York", "weather"]))
    assert soup.get_text() == "New York, removed: trade, added: weather"


def test_a_value_set_for_the_first_time_is_only_added():
    soup = parse(value_diff("", "World"))
    assert soup.select("del") == [] and marked(soup, "ins") == ["World"]


NASTY = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "</del></ins><img src=x onerror=alert(1)>",
    "&amp;lt;b&amp;gt; &#x3c;i&#x3e;",
    "\u202e\u0000 tab\tnew\nline",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("href", NASTY)
def test_whatever_the_revisions_hold_the_only_markup_is_the_diffs_own(text, href):
    """Escaped text and any link address come out as text, never as tags or attributes."""

    def body(words):
        return f'<p>{escape(words)} <a href="{escape(href)}">{escape(words[:5])}</a></p>'

    soup = parse(html_diff(body("Plain words"), body(f"Plain {text}")))
    for tag in soup.find_all(True):
        assert tag.name in {"div", "p", "ins", "del", "span", "ul", "ol", "li"}
        assert set(tag.attrs) <= {"class"}

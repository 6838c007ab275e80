"""Table-driven tests for converting WordPress bodies to Newsroom HTML."""

from collections import Counter

import pytest

from articles.embeds.body import standalone_links
from articles.sanitize import clean_body
from newsroom.wordpress.content import convert_body, place_galleries, wpautop
from newsroom.wordpress.parser import WxrItem, iter_wxr
from tests.wordpress.exports import THEME


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   \n\n ", ""),
        ("One line", "<p>One line</p>"),
        ("First\n\nSecond", "<p>First</p>\n<p>Second</p>"),
        ("First\n\n\n\nSecond", "<p>First</p>\n<p>Second</p>"),
        ("Windows\r\n\r\nlines", "<p>Windows</p>\n<p>lines</p>"),
        ("Hello\nworld", "<p>Hello<br>\nworld</p>"),
        ("a<br />\nb", "<p>a<br>\nb</p>"),
        ("a<br><br>b", "<p>a</p>\n<p>b</p>"),
        ("<p>Hello</p>\n\n<p>World</p>", "<p>Hello</p>\n<p>World</p>"),
        ("<div>x</div>", "<div>x</div>"),
        ("<h2>Title</h2>\nText", "<h2>Title</h2>\n<p>Text</p>"),
        ("Text\n<hr />\nEnd", "<p>Text</p>\n<hr />\n<p>End</p>"),
        (
            "Intro\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nAfter",
            "<p>Intro</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>",
        ),
        ("<ol><li>one</li></ol>", "<ol>\n<li>one</li>\n</ol>"),
        (
            "<blockquote>Quote\n\nmore</blockquote>",
            "<blockquote><p>Quote</p>\n<p>more</p></blockquote>",
        ),
        ("<pre>a\n\nb\nc</pre>\n\ntext", "<pre>a\n\nb\nc</pre>\n<p>text</p>"),
        (
            "<table><tr><td>1</td></tr></table>",
            "<table>\n<tr>\n<td>1</td>\n</tr>\n</table>",
        ),
        ("<figure><img src=x></figure>\nCaption", "<figure><img src=x></figure>\n<p>Caption</p>"),
        (
            "Some <em>inline</em> and <a href=#>link</a>",
            "<p>Some <em>inline</em> and <a href=#>link</a></p>",
        ),
    ],
)
def test_wpautop(text, expected):
    assert wpautop(text) == expected


@pytest.mark.parametrize(
    "text",
    ["First\n\nSecond\nline", "<h2>T</h2>\nText\n<ul>\n<li>a</li>\n</ul>", "<pre>x\n\ny</pre>"],
)
def test_wpautop_is_idempotent(text):
    once = wpautop(text)
    assert wpautop(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            (
                '[caption id="attachment_1" align="alignnone" width="300"]'
                '<img src="a.jpg" alt="" /> Caption text[/caption]'
            ),
            '<figure><img src="a.jpg" alt="" /><figcaption>Caption text</figcaption></figure>',
        ),
        (
            (
                '[caption id="attachment_2" align="alignright" width="150"]<a href="big.jpg">'
                '<img src="a.jpg" /></a> Linked <em>caption</em>[/caption]'
            ),
            (
                '<figure><a href="big.jpg"><img src="a.jpg" /></a>'
                "<figcaption>Linked <em>caption</em></figcaption></figure>"
            ),
        ),
        (
            (
                '[caption id="attachment_3" width="640" caption="Chunk &amp; husk"]'
                '<img src="a.jpg" />[/caption]'
            ),
            '<figure><img src="a.jpg" /><figcaption>Chunk &amp; husk</figcaption></figure>',
        ),
        (
            '[caption width="100"]<img src="a.jpg" />[/caption]',
            '<figure><img src="a.jpg" /></figure>',
        ),
    ],
)
def test_captions_become_figures(raw, expected):
    converted = convert_body(raw)
    assert converted.html == expected
    assert converted.unknown_shortcodes == Counter()


def test_caption_between_paragraphs_is_not_split_by_wpautop():
    raw = 'Before\n\n[caption width="1"]<img src="a.jpg" /> Cap[/caption]\n\nAfter'
    assert convert_body(raw).html == (
        '<p>Before</p>\n<figure><img src="a.jpg" /><figcaption>Cap</figcaption></figure>\n'
        "<p>After</p>"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->",
            "<p>Hello</p>",
        ),
        (
            (
                '<!-- wp:heading {"level":3,"note":"a>b"} -->\n<h3>T</h3>\n<!-- /wp:heading -->\n\n'
                "<!-- wp:separator /-->\n\n<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->"
            ),
            "<h3>T</h3>\n\n<p>x</p>",
        ),
        ("<!-- a normal comment -->\n\nText", "<p><!-- a normal comment --></p>\n<p>Text</p>"),
    ],
)
def test_block_editor_comments_are_removed(raw, expected):
    assert convert_body(raw).html == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Teaser\n<!--more-->\nRest", "<p>Teaser</p>\n<p>Rest</p>"),
        ("Teaser <!--more Read on-->\n\nRest", "<p>Teaser</p>\n<p>Rest</p>"),
        ("Page one\n\n<!--nextpage-->\n\nPage two", "<p>Page one</p>\n<p>Page two</p>"),
        (
            (
                "<!-- wp:more --><!--more--><!-- /wp:more -->\n<!-- wp:paragraph --><p>x</p>"
                "<!-- /wp:paragraph -->"
            ),
            "<p>x</p>",
        ),
    ],
)
def test_more_and_nextpage_markers_are_removed(raw, expected):
    assert convert_body(raw).html == expected


def test_nextpage_leaves_a_note():
    assert any("nextpage" in note for note in convert_body("a<!--nextpage-->b").notes)


@pytest.mark.parametrize(
    ("raw", "expected_html", "expected_counts"),
    [
        ('x [gallery ids="1,2"] y', "<p>x  y</p>", {"gallery": 1}),
        ("[gallery]\n\nText", "<p>Text</p>", {"gallery": 1}),
        ('a [foo bar="1" /] b', "<p>a  b</p>", {"foo": 1}),
        ("[note]keep [b]me[/b][/note]", "<p>keep me</p>", {"note": 1, "b": 1}),
        ("[embed]not a url[/embed]", "", {"embed": 1}),
        ('[gallery] [gallery ids="3"]', "", {"gallery": 2}),
    ],
)
def test_other_shortcodes_are_removed_and_counted(raw, expected_html, expected_counts):
    converted = convert_body(raw)
    assert converted.html == expected_html
    assert converted.unknown_shortcodes == Counter(expected_counts)
    assert any("Removed shortcodes" in note for note in converted.notes)


def own_line(url):
    return f'<a href="{url.replace("&", "&amp;")}">{url.replace("&", "&amp;")}</a>'


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("[embed]https://youtu.be/abc?a=1&amp;b=2[/embed]", "https://youtu.be/abc?a=1&b=2"),
        ("[audio https://example.org/a.mp3]", "https://example.org/a.mp3"),
        ('[video mp4="https://e.org/v.mp4"][/video]', "https://e.org/v.mp4"),
        ("[youtube https://www.youtube.com/watch?v=abc]", "https://www.youtube.com/watch?v=abc"),
        ("[youtube=https://www.youtube.com/watch?v=abc]", "https://www.youtube.com/watch?v=abc"),
        ("Intro.\n\nhttps://vimeo.com/76979871\n\nMore.", "https://vimeo.com/76979871"),
        (
            '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc","type":"video",'
            '"providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed is-type-video">'
            '<div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=abc\n</div>'
            "</figure>\n<!-- /wp:embed -->",
            "https://www.youtube.com/watch?v=abc",
        ),
        (
            '<!-- wp:core-embed/twitter {"url":"https://twitter.com/a/status/1"} -->\n<figure>'
            "https://twitter.com/a/status/1</figure>\n<!-- /wp:core-embed/twitter -->",
            "https://twitter.com/a/status/1",
        ),
    ],
    ids=["embed", "audio", "video", "youtube", "youtube=", "bare", "wp:embed", "core-embed"],
)
def test_embeds_become_links_alone_on_their_line(raw, url):
    """WordPress's embeds become what makes an embed here (articles.embeds), nothing removed."""
    converted = convert_body(raw)
    assert f"<p>{own_line(url)}</p>" in converted.html
    assert converted.embeds == [url]
    assert not converted.unknown_shortcodes
    assert standalone_links(clean_body(converted.html)) == [url]


def test_an_address_inside_a_sentence_is_no_embed():
    converted = convert_body("Read https://example.org/a today.")
    assert converted.html == "<p>Read https://example.org/a today.</p>"
    assert converted.embeds == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A footnote[1] and [2].", "<p>A footnote[1] and [2].</p>"),
        ("He said [sic] it.", "<p>He said [sic] it.</p>"),
        ("[This site is a test site.]", "<p>[This site is a test site.]</p>"),
        ("[Updated at 5pm]", "<p>[Updated at 5pm]</p>"),
        ("[https://example.org/?a=b]", "<p>[https://example.org/?a=b]</p>"),
        ("Escaped [[gallery]] shortcode", "<p>Escaped [gallery] shortcode</p>"),
        ("Array a[i] = 1", "<p>Array a[i] = 1</p>"),
    ],
)
def test_bracketed_text_that_is_not_a_shortcode_is_left_alone(raw, expected):
    converted = convert_body(raw)
    assert converted.html == expected
    assert converted.unknown_shortcodes == Counter()


@pytest.mark.parametrize(
    ("raw", "dateline", "html"),
    [
        ("Gyeongju, Nov 2025 : Leaders met.", "Gyeongju, Nov 2025", "<p>Leaders met.</p>"),
        ("Gyeongju, Nov. 2, 2025 : Leaders met.", "Gyeongju, Nov. 2, 2025", "<p>Leaders met.</p>"),
        (
            "New York, March 3, 2024: Markets fell.",
            "New York, March 3, 2024",
            "<p>Markets fell.</p>",
        ),
        ("<strong>Gyeongju, Nov 2025</strong> : Leaders", "Gyeongju, Nov 2025", "<p>Leaders</p>"),
        ("<p><b>Seoul, Jan 2024</b>: Snow.</p>", "Seoul, Jan 2024", "<p>Snow.</p>"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON", "<p>The Senate voted.</p>"),
        ("WASHINGTON, D.C. — The Senate", "WASHINGTON, D.C.", "<p>The Senate</p>"),
        ("KYIV, Ukraine – Sirens.", "KYIV, Ukraine", "<p>Sirens.</p>"),  # noqa: RUF001
        ("SEOUL - Rain.", "SEOUL", "<p>Rain.</p>"),
        ("<strong>SEOUL</strong> — Rain.", "SEOUL", "<p>Rain.</p>"),
        ("SEOUL —\n\nSecond paragraph.", "SEOUL", "<p>Second paragraph.</p>"),
        (
            "<!-- wp:paragraph -->\n<p>SEOUL — Hi</p>\n<!-- /wp:paragraph -->",
            "SEOUL",
            "<p>Hi</p>",
        ),
    ],
)
def test_datelines_are_detected_and_stripped(raw, dateline, html):
    converted = convert_body(raw)
    assert (converted.dateline, converted.html) == (dateline, html)


@pytest.mark.parametrize(
    "raw",
    [
        "The president said, in Nov 2025: nothing.",
        "The talks in Gyeongju, Nov 2025 : were long.",
        "Washington — lower-case places are ordinary text.",
        "COVID-19 cases rose.",
        "He met them in Seoul, Nov 2025: then left.",
        "Intro.\n\nSEOUL — not in the first paragraph.",
        "<h2>SEOUL — heading</h2>",
        "Breaking news, Nov 2025 : the lower-case words make this a sentence.",
    ],
)
def test_ordinary_sentences_are_not_datelines(raw):
    assert convert_body(raw).dateline is None


def theme_posts():
    return [r for r in iter_wxr(THEME) if isinstance(r, WxrItem) and r.post_type == "post"]


def test_every_theme_post_body_converts_cleanly():
    posts = theme_posts()
    assert len(posts) == 58
    total = Counter()
    for post in posts:
        converted = convert_body(post.content)
        assert "<!-- wp:" not in converted.html and "<!-- /wp:" not in converted.html
        assert "[caption" not in converted.html
        assert "<!--more" not in converted.html and "<!--nextpage-->" not in converted.html
        total += converted.unknown_shortcodes
    assert total["gallery"] >= 1


def test_theme_caption_post_yields_figures_with_captions():
    captioned = [p for p in theme_posts() if "[caption" in p.content]
    assert captioned
    for post in captioned:
        html = convert_body(post.content).html
        assert html.count("<figure>") >= post.content.count("[caption")
        assert "<figcaption>" in html


OLD_GALLERY_BLOCK = (
    '<!-- wp:gallery {"ids":[7,8]} --><figure class="wp-block-gallery columns-2">'
    '<ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure>'
    '<img src="https://old.example.com/a.jpg" alt="" data-id="8" class="wp-image-8"/>'
    '<figcaption class="blocks-gallery-item__caption">Eight</figcaption></figure></li>'
    '<li class="blocks-gallery-item"><figure><img src="https://old.example.com/b.jpg" '
    'data-id="7"/></figure></li></ul></figure><!-- /wp:gallery -->'
)


@pytest.mark.parametrize(
    ("raw", "pictures", "attached"),
    [
        ('x [gallery ids="3, 1,2" columns="2"] y', [(3, "", ""), (1, "", ""), (2, "", "")], False),
        ('[gallery include="5"]', [(5, "", "")], False),
        ('[gallery exclude="4"]', [], True),
        (
            OLD_GALLERY_BLOCK,
            [
                (8, "https://old.example.com/a.jpg", "Eight"),
                (7, "https://old.example.com/b.jpg", ""),
            ],
            False,
        ),
        ('<!-- wp:gallery {"ids":["9","10"]} /-->', [(9, "", ""), (10, "", "")], False),
    ],
)
def test_galleries_are_kept_for_the_import_to_find_their_pictures(raw, pictures, attached):
    converted = convert_body(raw, galleries=True)
    (gallery,) = converted.galleries
    assert [(p.attachment, p.address, p.caption) for p in gallery.pictures] == pictures
    assert gallery.attached is attached
    assert not converted.unknown_shortcodes
    shown = place_galleries(converted.html, converted.galleries, lambda g: "<figure>G</figure>")
    assert shown.count("<figure>G</figure>") == 1 and "wxr-gallery" not in shown
    assert place_galleries(converted.html, converted.galleries, lambda g: "") in (
        "<p>x </p>\n<p> y</p>",
        "",
    )

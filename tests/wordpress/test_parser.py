"""Tests for the streaming WXR parser, run against real WordPress export files."""

import io
import re
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest

from newsroom.wordpress import parser
from newsroom.wordpress.parser import (
    WxrAuthor,
    WxrCategory,
    WxrError,
    WxrItem,
    WxrSite,
    WxrTag,
    WxrTerm,
    iter_wxr,
    read_channel_info,
)
from tests.wordpress.exports import DATA, THEME

VALID_FIXTURES = [
    "authors-multiline.xml",
    "cdata-edge.xml",
    "crazy-cdata.xml",
    "missing-tags.xml",
    "namespace-edge-cases.xml",
    "slashes.xml",
    "small-export.xml",
    "test-serialized-comment-meta.xml",
    "themeunittestdata.wordpress.xml",
    "valid-wxr-1.0.xml",
    "valid-wxr-1.1.xml",
    "wxr-simple.xml",
    "wxr-utf-8-challenges.xml",
]


def parse(name):
    """All records of a fixture."""
    return list(iter_wxr(DATA / name))


def of_type(records, cls):
    return [r for r in records if isinstance(r, cls)]


def only_item(name):
    (item,) = of_type(parse(name), WxrItem)
    return item


def wp_values(text, tag):
    """Independent regex read of every <wp:tag> value, with an optional CDATA wrapper."""
    pattern = rf"<wp:{tag}>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</wp:{tag}>"
    return re.findall(pattern, text, re.DOTALL)


def collect_until_error(source):
    """Records yielded before a WxrError, and the error."""
    records = []
    with pytest.raises(WxrError) as caught:
        records.extend(iter_wxr(source))
    return records, caught.value


# --- every fixture -------------------------------------------------------------------------


@pytest.mark.parametrize("name", VALID_FIXTURES)
def test_fixture_parses_with_site_first_and_every_item(name):
    records = parse(name)
    text = (DATA / name).read_text(encoding="utf-8")
    assert isinstance(records[0], WxrSite)
    assert of_type(records[1:], WxrSite) == []
    assert len(of_type(records, WxrItem)) == len(re.findall(r"<item[\s>]", text))


@pytest.mark.parametrize("name", VALID_FIXTURES)
def test_fixture_contents_match_an_independent_regex_read(name):
    text = (DATA / name).read_text(encoding="utf-8")
    if "]]>" in re.sub(r"<!\[CDATA\[.*?\]\]>(?=<)", "", text, flags=re.DOTALL):
        pytest.skip("stray ']]>' needs WordPress' own CDATA rules; covered by the crazy-cdata test")
    # Whitespace around the CDATA section is element text too, so it is kept.
    pattern = r"<content:encoded>(\s*)<!\[CDATA\[(.*?)\]\]>(\s*)</content:encoded>"
    expected = ["".join(parts) for parts in re.findall(pattern, text, re.DOTALL)]
    contents = [item.content for item in of_type(parse(name), WxrItem)]
    assert [c for c in contents if c] == [e for e in expected if e]


# --- theme unit test data ------------------------------------------------------------------


@pytest.fixture(scope="module")
def theme_records():
    return list(iter_wxr(THEME))


@pytest.fixture(scope="module")
def theme_text():
    return THEME.read_text(encoding="utf-8")


def test_theme_site(theme_records):
    assert theme_records[0] == WxrSite(
        title="Theme Unit Test Data",
        link="https://wpthemetestdata.wordpress.com",
        language="en",
        wxr_version="1.2",
        base_site_url="https://wordpress.com/",
        base_blog_url="https://wpthemetestdata.wordpress.com",
    )


def test_theme_counts_of_top_level_records_match_the_file(theme_records, theme_text):
    counts = Counter(type(r) for r in theme_records)
    assert counts[WxrAuthor] == theme_text.count("<wp:author>") == 2
    assert counts[WxrCategory] == theme_text.count("<wp:category>") == 68
    assert counts[WxrTag] == theme_text.count("<wp:tag>") == 110
    assert counts[WxrTerm] == theme_text.count("<wp:term>")


def test_theme_items_per_type_and_status_match_the_file(theme_records, theme_text):
    items = of_type(theme_records, WxrItem)
    blocks = re.findall(r"<item>.*?</item>", theme_text, re.DOTALL)
    expected = Counter(
        (wp_values(block, "post_type")[0], wp_values(block, "status")[0]) for block in blocks
    )
    assert Counter((i.post_type, i.status) for i in items) == expected
    by_type = Counter(i.post_type for i in items)
    # The totals documented in SOURCE.md.
    assert (by_type["post"], by_type["page"]) == (58, 21)
    assert (by_type["attachment"], by_type["nav_menu_item"]) == (37, 70)
    post_statuses = Counter(i.status for i in items if i.post_type == "post")
    assert (post_statuses["publish"], post_statuses["future"], post_statuses["draft"]) == (56, 1, 1)


def test_theme_comments_match_the_file(theme_records, theme_text):
    comments = [c for i in of_type(theme_records, WxrItem) for c in i.comments]
    assert len(comments) == theme_text.count("<wp:comment>") == 33
    assert Counter(c.approved for c in comments) == Counter(
        wp_values(theme_text, "comment_approved")
    )
    types = Counter(c.type for c in comments)
    assert types - Counter({"": types[""]}) == Counter(wp_values(theme_text, "comment_type"))
    assert types[""] == theme_text.count("<wp:comment_type/>")
    assert sum(c.approved == "0" for c in comments) == 3
    assert Counter(c.type for c in comments)["trackback"] == 2
    assert Counter(c.type for c in comments)["pingback"] == 2


def test_theme_comment_parents_point_to_comments_of_the_same_item(theme_records):
    deepest = 0
    for item in of_type(theme_records, WxrItem):
        parents = {c.wp_id: c.parent_id for c in item.comments}
        for comment in item.comments:
            depth, parent = 1, comment.parent_id
            while parent:
                assert parent in parents
                depth, parent = depth + 1, parents[parent]
            deepest = max(deepest, depth)
    assert deepest == 10


def test_theme_ids_dates_and_authors(theme_records, theme_text):
    items = of_type(theme_records, WxrItem)
    assert [i.wp_id for i in items] == [int(v) for v in wp_values(theme_text, "post_id")]
    logins = {a.login for a in of_type(theme_records, WxrAuthor)}
    assert logins == {"themedemos", "themereviewteam"}
    # The theme data really has two creators with a stray '>'; they are kept as written.
    strays = {i.creator for i in items} - logins
    assert strays == {">themereviewteam", "themereviewteam>"}
    for item in items:
        assert item.post_date is not None and item.post_date.tzinfo is None
        assert item.pub_date_gmt is None or item.pub_date_gmt.tzinfo is UTC


def test_theme_percent_encoded_slugs_are_decoded(theme_records, theme_text):
    raw_slugs = [s for s in wp_values(theme_text, "post_name") if "%" in s]
    names = {i.name for i in of_type(theme_records, WxrItem)}
    assert raw_slugs
    for raw in raw_slugs:
        assert unquote(raw) in names
    assert "επίπεδο-2" in names


def test_theme_sticky_password_thumbnail_and_attachments(theme_records, theme_text):
    items = of_type(theme_records, WxrItem)
    sticky = [i.title for i in items if i.is_sticky]
    assert len(sticky) == len(re.findall(r"<wp:is_sticky>1<", theme_text)) == 1
    assert sticky == ["Template: Sticky"]
    assert [i.password for i in items if i.password] == ["enter"]
    with_thumbnail = [i for i in items if "_thumbnail_id" in i.postmeta]
    assert len(with_thumbnail) == len(re.findall(r"_thumbnail_id", theme_text))
    attachment_ids = {i.wp_id for i in items if i.post_type == "attachment"}
    assert all(int(i.postmeta["_thumbnail_id"]) in attachment_ids for i in with_thumbnail)
    attachments = [i for i in items if i.post_type == "attachment"]
    assert all(a.attachment_url.startswith("http") for a in attachments)


def test_theme_item_categories_are_domain_nicename_label(theme_records):
    items = of_type(theme_records, WxrItem)
    domains = {domain for i in items for domain, _, _ in i.categories}
    assert {"category", "post_tag"} <= domains
    known = {c.nicename for c in of_type(theme_records, WxrCategory)}
    used = {nicename for i in items for d, nicename, _ in i.categories if d == "category"}
    assert used <= known


# --- small fixtures ----------------------------------------------------------------------------


def test_crazy_cdata_reads_like_wordpress():
    item = only_item("crazy-cdata.xml")
    assert item.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert item.postmeta == {
        "Plain string": "Foo",
        "Closing CDATA": "]]>",
        "Alot of CDATA": "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>",
    }
    assert item.pub_date_gmt == datetime(2012, 1, 5, 14, 30, 46, tzinfo=UTC)


def test_cdata_edge():
    assert only_item("cdata-edge.xml").content == "ends with sequence ]] >"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<![CDATA[a]]]]><![CDATA[>b]]>", "a]]>b"),
        ("<![CDATA[a]]>b", "ab"),
        ("<![CDATA[x]]> <![CDATA[y]]>", "x y"),
        ("plain &amp; &lt;escaped&gt;", "plain & <escaped>"),
    ],
)
def test_valid_cdata_forms_keep_their_xml_meaning(body, expected):
    doc = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<item><wp:post_id>1</wp:post_id><content:encoded>{body}</content:encoded></item>"
        "</channel></rss>"
    )
    (item,) = of_type(iter_wxr(io.BytesIO(doc.encode())), WxrItem)
    assert item.content == expected


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 9])
@pytest.mark.parametrize("name", ["crazy-cdata.xml", "slashes.xml", "wxr-utf-8-challenges.xml"])
def test_results_do_not_depend_on_read_chunk_boundaries(monkeypatch, name, chunk_size):
    expected = parse(name)
    monkeypatch.setattr(parser._CdataRepairingReader, "_CHUNK_SIZE", chunk_size)
    assert parse(name) == expected


def test_slashes_survive():
    records = parse("slashes.xml")
    (category,) = of_type(records, WxrCategory)
    (tag,) = of_type(records, WxrTag)
    (item,) = of_type(records, WxrItem)
    assert category.name == 'a \\"great\\" category'
    assert tag == WxrTag(slug="tag1", name="foo\\'bar")
    assert item.content == 'Slashes aren\\\'t \\"cool\\"'
    assert item.categories == [("category", "alpha", 'a \\"great\\" category')]
    assert item.comments[0].content == "\\o/ ¯\\_(ツ)_/¯"


def test_utf8_challenges_keep_every_code_point():
    text = (DATA / "wxr-utf-8-challenges.xml").read_text(encoding="utf-8")
    records = parse("wxr-utf-8-challenges.xml")
    item = of_type(records, WxrItem)[0]
    (author,) = of_type(records, WxrAuthor)
    assert records[0].title == "My WordPress Website 🚀 \u202e\u202dمرحبا"  # noqa: RUF001
    assert item.title == re.search(r"<title><!\[CDATA\[(.*?)\]\]>", text).group(1)
    assert item.name == "hello-w\u202eorld\u202c-utf8-💫-test"
    assert "🚀🌟💫" in item.content and "السلام عليكم" in item.content
    # Zero-width characters are not whitespace, so they stay in the login.
    assert author.login == "admin\u200c\u200b\u200d\u200e"
    assert author.first_name == "🅰️"
    assert author.last_name == "&#x1F1FA;&#x1F1F8;𝕌𝕟𝕚𝕔𝕠𝕕𝕖"  # noqa: RUF001


def test_namespace_edge_cases_read_only_the_documents_wp_namespace():
    records = parse("namespace-edge-cases.xml")
    assert [a.login for a in of_type(records, WxrAuthor)] == ["real_user"]
    items = of_type(records, WxrItem)
    assert [i.wp_id for i in items] == [1, 2, 3, 4, None, 6]
    assert items[0].postmeta == {"normal_key": "normal_value"}
    hijacked = items[4]
    assert (hijacked.title, hijacked.post_type, hijacked.postmeta) == ("Hijacked Namespace", "", {})
    assert items[5].content == "&lol1;" * 10
    assert [t.slug for t in of_type(records, WxrTerm)] == ["new-version"]


def test_authors_multiline_values_are_stripped():
    records = parse("authors-multiline.xml")
    authors = of_type(records, WxrAuthor)
    assert [(a.login, a.wp_id, a.email) for a in authors] == [
        ("alice", 1, "alice@example.com"),
        ("bob", 2, "bob@example.com"),
        ("carol", 3, "carol@example.com"),
    ]


def test_missing_tags_get_empty_defaults():
    records = parse("missing-tags.xml")
    assert of_type(records, WxrAuthor) == []
    item = of_type(records, WxrItem)[0]
    assert (item.wp_id, item.title, item.status, item.content) == (
        1,
        "No Author Post",
        "publish",
        "text",
    )
    assert (item.creator, item.pub_date_gmt, item.post_date, item.name) == ("", None, None, "")
    assert (item.parent_id, item.menu_order, item.is_sticky, item.comments) == (0, 0, False, [])


def test_serialized_comment_meta_and_zero_gmt_date():
    item = only_item("test-serialized-comment-meta.xml")
    assert item.status == "draft"
    assert item.pub_date_gmt is None
    assert item.post_date == datetime(2009, 10, 20, 16, 13, 20)
    (comment,) = item.comments
    assert comment.meta == {"string": "¯\\_(ツ)_/¯", "array": 'a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}'}
    assert comment.date_gmt == datetime(2020, 1, 5, 12, 50, 15, tzinfo=UTC)
    assert comment.content.count("\n") == 2
    assert (comment.approved, comment.type, comment.author) == ("1", "", "A WordPress Commenter")


def test_wxr_1_0_categories_and_tags():
    records = parse("valid-wxr-1.0.xml")
    assert records[0].wxr_version == "1.0"
    categories = {c.nicename: c for c in of_type(records, WxrCategory)}
    assert categories["alpha"].description == "The alpha category"
    assert categories["child"].parent_nicename == "parent"
    assert [t.slug for t in of_type(records, WxrTag)] == ["chicken", "face", "news", "roar"]
    alpha = next(i for i in of_type(records, WxrItem) if i.title == "Alpha post")
    # Bare <category> duplicates without a nicename are skipped; 1.0's "tag" domain is post_tag.
    assert alpha.categories == [
        ("category", "alpha", "alpha"),
        ("post_tag", "news", "news"),
        ("post_tag", "roar", "roar"),
    ]
    assert alpha.postmeta["_edit_lock"] == "1287583778"


def test_wxr_1_0_without_version_element_infers_it_from_the_namespace(tmp_path):
    text = (DATA / "valid-wxr-1.0.xml").read_text(encoding="utf-8")
    stripped = tmp_path / "no-version.xml"
    stripped.write_text(re.sub(r"<wp:wxr_version>.*?</wp:wxr_version>", "", text), "utf-8")
    assert read_channel_info(stripped).wxr_version == "1.0"
    assert len(of_type(iter_wxr(stripped), WxrItem)) == text.count("<item>")


def test_wxr_1_1_records():
    records = parse("valid-wxr-1.1.xml")
    assert of_type(records, WxrAuthor) == [
        WxrAuthor("john", "johndoe@example.org", "John Doe", "John", "Doe", 2)
    ]
    assert of_type(records, WxrTerm) == [
        WxrTerm("post_tax", "bieup", "bieup", "", "The bieup post_tax")
    ]
    hello, about = of_type(records, WxrItem)
    assert hello.categories == [
        ("category", "alpha", "alpha"),
        ("post_tag", "clippable", "Clippable"),
        ("post_tax", "bieup", "bieup"),
    ]
    assert hello.creator == "john"
    assert hello.comments[0].author == "Mr WordPress"
    assert "post&#039;s comments" in hello.comments[0].content
    assert (about.post_type, about.postmeta) == ("page", {"_wp_page_template": "default"})


def test_wxr_simple_reads_cdata_wrapped_scalars():
    records = parse("wxr-simple.xml")
    assert records[0].language == "en-US"
    item = of_type(records, WxrItem)[0]
    assert (item.wp_id, item.name, item.status, item.post_type) == (
        10,
        "hello-world",
        "publish",
        "post",
    )
    assert item.post_date == datetime(2024, 6, 5, 16, 4, 48)
    assert item.title == '"The Road Not Taken" by Robert Frost'
    assert item.content.startswith("<!-- wp:paragraph -->\n<p>Two roads")


def test_small_export_categories():
    records = parse("small-export.xml")
    categories = {c.nicename: c for c in of_type(records, WxrCategory)}
    assert categories["eternity"].name == "远征手记"
    assert categories["foo-bar"] == WxrCategory(
        "foo-bar", "Foo", "bar", "The child foo category", term_id=5
    )
    assert [a.login for a in of_type(records, WxrAuthor)] == ["admin", "editor", "author"]


def test_accepts_an_open_binary_file_and_read_channel_info():
    with open(DATA / "small-export.xml", "rb") as handle:
        assert parse("small-export.xml") == list(iter_wxr(handle))
    assert read_channel_info(DATA / "slashes.xml").title == "trunk"


# --- errors ------------------------------------------------------------------------------------


def assert_one_line(error):
    message = str(error)
    assert message and "\n" not in message
    return message


def test_malformed_raises_with_a_line_number():
    _, error = collect_until_error(DATA / "malformed.xml")
    message = assert_one_line(error)
    assert re.search(r"\bline \d+\b", message)
    assert message == "Unsupported WXR version 'abc' at line 33 (supported: 1.0, 1.1, 1.2)"


def test_malformed_simple_is_reported_as_truncated_inside_its_item():
    _, error = collect_until_error(DATA / "malformed-simple.xml")
    assert assert_one_line(error) == "Truncated file: ended inside <item> 'Broken' (line 9)"


def test_truncated_real_export_keeps_items_read_before_the_cut(tmp_path):
    text = THEME.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"<item>", text)]
    cut_item = 40
    cut_at = text.index("</wp:post_type>", starts[cut_item])
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[:cut_at], encoding="utf-8")

    records, error = collect_until_error(truncated)

    items = of_type(records, WxrItem)
    assert len(items) == cut_item
    title = re.search(r"<title>(.*?)</title>", text[starts[cut_item] :], re.DOTALL).group(1)
    line = text.count("\n", 0, starts[cut_item]) + 1
    assert assert_one_line(error) == f"Truncated file: ended inside <item> {title!r} (line {line})"


def test_truncated_between_items_names_the_channel(tmp_path):
    text = (DATA / "small-export.xml").read_text(encoding="utf-8")
    truncated = tmp_path / "cut.xml"
    truncated.write_text(text[: text.index("</item>") + len("</item>")], encoding="utf-8")
    records, error = collect_until_error(truncated)
    assert len(of_type(records, WxrItem)) == 1
    assert assert_one_line(error) == "Truncated file: ended inside <channel>"


def test_malformed_markup_inside_an_item_names_line_and_item(tmp_path):
    text = (DATA / "small-export.xml").read_text(encoding="utf-8")
    second = text.index("<item>", text.index("</item>"))
    broken_at = text.index("</wp:status>", second)
    broken = text[:broken_at] + "</wp:state>" + text[broken_at + len("</wp:status>") :]
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")

    records, error = collect_until_error(path)

    assert len(of_type(records, WxrItem)) == 1
    line = broken.count("\n", 0, broken_at) + 1
    message = assert_one_line(error)
    assert message.startswith(f"Malformed XML at line {line} in <item> ")
    assert "Opening and ending tag mismatch" in message


def test_rss_feed_without_wordpress_namespace(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>News</title><item><title>A</title></item></channel></rss>",
        encoding="utf-8",
    )
    _, error = collect_until_error(feed)
    assert assert_one_line(error) == "Not a WordPress export (no WXR namespace found)"


@pytest.mark.parametrize("content", [b"", b"just some text\n", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_non_xml_input(tmp_path, content):
    path = tmp_path / "not.xml"
    path.write_bytes(content)
    records, error = collect_until_error(path)
    assert records == []
    assert assert_one_line(error).startswith("Malformed XML at line 1: ")


@pytest.mark.parametrize(
    ("old", "new", "version"),
    [
        ("<wp:wxr_version>1.1</wp:wxr_version>", "<wp:wxr_version>2.0</wp:wxr_version>", "2.0"),
        ("http://wordpress.org/export/1.1/", "http://wordpress.org/export/2.0/", "2.0"),
    ],
)
def test_unsupported_versions(tmp_path, old, new, version):
    path = tmp_path / "future.xml"
    path.write_text((DATA / "slashes.xml").read_text(encoding="utf-8").replace(old, new), "utf-8")
    _, error = collect_until_error(path)
    message = assert_one_line(error)
    assert message.startswith(f"Unsupported WXR version '{version}' at line ")
    assert message.endswith("(supported: 1.0, 1.1, 1.2)")


def test_https_namespace_variant_is_recognised(tmp_path):
    text = (DATA / "valid-wxr-1.1.xml").read_text(encoding="utf-8")
    path = tmp_path / "https.xml"
    path.write_text(text.replace("http://wordpress.org/export/", "https://wordpress.org/export/"))
    assert parse("valid-wxr-1.1.xml")[1:] == list(iter_wxr(path))[1:]


def test_theme_data_is_identical_when_read_in_tiny_chunks(monkeypatch, theme_records):
    monkeypatch.setattr(parser._CdataRepairingReader, "_CHUNK_SIZE", 7)
    assert list(iter_wxr(THEME)) == theme_records

"""The WordPress importer: what comes across, idempotence, updates, dry runs and bad input."""

import datetime
import io
import re
from collections import Counter
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, ManagementUtility, call_command
from taggit.models import Tag

from articles.models import Article, Author, Image, Redirect, Section
from comments.models import Comment
from newsroom.pages.models import MenuItem, Page
from newsroom.wordpress import articles as article_import
from newsroom.wordpress.text import clean_login, clean_slug
from tests.factories import SectionFactory, image_bytes
from tests.wordpress.exports import (
    DATA,
    THEME,
    author,
    category,
    comment,
    export,
    item_terms,
    item_value,
    items,
    post,
    run,
    tag,
    values,
    write,
)
from tests.wordpress.wxr_generator import generate

pytestmark = pytest.mark.django_db


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text()


def expected_theme_counts():
    """Counts read from the theme unit test file with regular expressions, not the parser."""
    text = THEME.read_text(encoding="utf-8")
    posts = [i for i in items(text) if item_value(i, "post_type") == "post"]
    statuses = Counter()
    for item in posts:
        status = item_value(item, "status")
        if item_value(item, "post_password"):
            status = "draft"
        statuses[{"publish": "published", "future": "scheduled"}.get(status, status)] += 1
    tag_names = dict(zip(values(text, "tag_slug"), values(text, "tag_name"), strict=True))
    for item in posts:
        for slug, label in item_terms(item, "post_tag"):
            tag_names.setdefault(unquote(slug), label)
    categories = set(values(text, "category_nicename"))
    uncategorized = any(not item_terms(item, "category") for item in posts)
    comment_types = Counter(values(text, "comment_type"))
    comment_statuses = Counter()
    for item in posts:
        for block in re.findall(r"<wp:comment>(.*?)</wp:comment>", item, re.DOTALL):
            if item_value(block, "comment_type") not in ("pingback", "trackback"):
                comment_statuses[item_value(block, "comment_approved")] += 1
    return {
        "authors": len({clean_login(login) for login in values(text, "author_login")}),
        "sections": len(categories) + uncategorized,
        "tags": len(set(tag_names.values())),
        "statuses": statuses,
        "pages": sum(item_value(i, "post_type") == "page" for i in items(text)),
        "menu items": sum(item_value(i, "post_type") == "nav_menu_item" for i in items(text)),
        "attachments": sum(item_value(i, "post_type") == "attachment" for i in items(text)),
        "pings": comment_types["pingback"] + comment_types["trackback"],
        "comments": comment_statuses,
        "posts": {item_value(i, "post_id"): i for i in posts},
    }


# --- the theme unit test data ----------------------------------------------------------------


def test_theme_unit_test_data_imports_with_the_counts_of_the_file():
    """Authors, sections, tags and articles per status match what the export holds."""
    expected = expected_theme_counts()
    report = run(THEME)
    assert Author.objects.count() == expected["authors"]
    assert Section.objects.count() == expected["sections"]
    assert Tag.objects.count() == expected["tags"]
    assert Article.objects.published().count() == expected["statuses"]["published"]
    assert Article.objects.scheduled().count() == expected["statuses"]["scheduled"]
    assert Article.objects.filter(status="draft").count() == expected["statuses"]["draft"]
    assert Article.objects.count() == len(expected["posts"])
    assert Page.objects.count() == expected["pages"]
    assert MenuItem.objects.count() == expected["menu items"]
    attachments = report.skipped["attachments (used as featured images and in galleries)"]
    assert attachments == expected["attachments"]
    assert report.skipped["pingbacks and trackbacks"] == expected["pings"]
    wordpress_status = {"1": "approved", "0": "pending", "spam": "spam", "trash": "trash"}
    imported = Counter(Comment.objects.values_list("status", flat=True))
    assert imported == Counter({wordpress_status[k]: n for k, n in expected["comments"].items()})
    assert report.errors == []


def test_theme_posts_with_no_title_markup_in_titles_and_many_terms_come_out_right():
    """Untitled posts get a headline, HTML titles become text, every tag and category counts."""
    expected = expected_theme_counts()["posts"]
    run(THEME)
    untitled = Article.objects.get(slug="edge-case-no-title")
    assert untitled.headline == "Edge case no title"
    markup = Article.objects.get(wp_post_id=1173)
    assert markup.headline == "Markup: Title With Markup"
    many_tags = Article.objects.get(wp_post_id=1151)
    assert many_tags.tags.count() == len(item_terms(expected["1151"], "post_tag")) > 30
    many_categories = Article.objects.get(wp_post_id=1152)
    assert len(item_terms(expected["1152"], "category")) > 50
    assert Section.objects.filter(
        wp_category__in=[n for n, _ in item_terms(expected["1152"], "category")]
    ).count() == len(item_terms(expected["1152"], "category"))
    assert many_categories.section.wp_category in dict(item_terms(expected["1152"], "category"))
    protected = Article.objects.get(wp_post_id=1168)
    assert protected.status == Article.Status.DRAFT
    assert Article.objects.get(wp_post_id=1241).is_published()  # the sticky post
    more = Article.objects.get(slug="template-more-tag")
    assert "<!--more" not in more.body and "more" in text_of(more.body)


def test_theme_bylines_match_creators_with_stray_characters():
    """Creators such as “>themereviewteam” get the byline of the themereviewteam author."""
    run(THEME)
    reviewer = Author.objects.get(wp_login="themereviewteam")
    assert reviewer.name == "Theme Reviewer"
    assert Article.objects.get(wp_post_id=1730).authors.get() == reviewer


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    """Second run: 0 created, 0 updated, and no new rows of any kind."""
    first = run(THEME)
    rows = (Article.objects.count(), Section.objects.count(), Tag.objects.count(),
            Author.objects.count(), Redirect.objects.count())  # fmt: skip
    updated_at = dict(Article.objects.values_list("pk", "updated_at"))
    report = run(THEME)
    assert (report.total("created"), report.total("updated"), report.redirects) == (0, 0, 0)
    for kind in ("author", "section", "tag", "article", "comment"):
        found_again = report.counts[kind, "unchanged"]
        assert found_again == first.counts[kind, "created"] + first.counts[kind, "unchanged"], kind
    assert rows == (Article.objects.count(), Section.objects.count(), Tag.objects.count(),
                    Author.objects.count(), Redirect.objects.count())  # fmt: skip
    assert dict(Article.objects.values_list("pk", "updated_at")) == updated_at


def test_dry_run_reports_what_it_would_do_and_saves_nothing():
    """--dry-run counts the articles but leaves every table empty."""
    out = io.StringIO()
    call_command("import_wordpress", str(THEME), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "dry run, nothing saved" in out.getvalue()
    assert "Articles: 58 created" in out.getvalue()
    assert not Article.objects.exists()
    assert not Section.objects.exists()
    assert not Author.objects.exists()
    assert not Redirect.objects.exists()
    assert not Tag.objects.exists()


def test_summary_names_created_updated_skipped_shortcodes_and_missing_images():
    """The command ends with a summary an editor can act on."""
    out = io.StringIO()
    call_command("import_wordpress", str(THEME), stdout=out, stderr=io.StringIO())
    summary = out.getvalue()
    assert re.search(r"Total: \d+ created, 0 updated, \d+ skipped", summary)
    assert "Pages: 21 created, 0 updated, 0 unchanged" in summary
    assert "Menu links: 70 created, 0 updated, 0 unchanged" in summary
    assert re.search(r"Unknown shortcodes removed: \d+", summary)
    # Without --media-dir no picture comes across: each gallery is named, left out.
    assert "A gallery whose pictures are all missing was left out of post #555" in summary
    assert "featured-image-horizontal.jpg (not found in --media-dir" in summary
    assert "Password-protected posts were imported as drafts" in summary
    items = re.findall(r"<item>(.*?)</item>", THEME.read_text(encoding="utf-8"), re.DOTALL)
    imported = re.compile(r"<wp:post_type>(<!\[CDATA\[)?post(\]\]>)?</wp:post_type>")
    page = re.compile(r"<wp:post_type>(<!\[CDATA\[)?page(\]\]>)?</wp:post_type>")
    trashed = re.compile(r"<wp:status>(<!\[CDATA\[)?trash(\]\]>)?</wp:status>")
    on_pages = sum(item.count("<wp:comment>") for item in items if page.search(item))
    left_behind = sum(
        item.count("<wp:comment>")
        for item in items
        if not (imported.search(item) or page.search(item)) or trashed.search(item)
    )
    assert on_pages > 0
    assert f"skipped {on_pages} comments on pages (pages take no comments)" in summary
    if left_behind:
        assert f"skipped {left_behind} comments on skipped pages and posts" in summary


@pytest.mark.slow
def test_a_generated_export_twice_the_size_imports_every_copy(tmp_path):
    """The benchmark generator's output imports with fresh IDs and slugs, never colliding."""
    generated = tmp_path / "big.xml"
    generate(THEME, generated, copies=2)
    report = run(generated)
    assert report.errors == []
    assert Article.objects.count() == 2 * len(expected_theme_counts()["posts"])


# --- status mapping --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wp_status", "password", "status", "visible"),
    [
        ("publish", "", Article.Status.PUBLISHED, True),
        ("draft", "", Article.Status.DRAFT, False),
        ("pending", "", Article.Status.IN_REVIEW, False),
        ("private", "", Article.Status.DRAFT, False),
        ("publish", "secret", Article.Status.DRAFT, False),
    ],
)
def test_wordpress_statuses_map_to_ours(tmp_path, wp_status, password, status, visible):
    """publish → published, draft → draft, pending → in review, private/password → draft."""
    run(write(tmp_path, export(post(1, status=wp_status, password=password))))
    article = Article.objects.get(wp_post_id=1)
    assert article.status == status
    assert article.is_published() is visible


def test_future_posts_are_scheduled_for_their_gmt_date(tmp_path):
    """A `future` post is published at its GMT date, so readers see it only then."""
    run(write(tmp_path, export(post(1, status="future", date="2099-01-01 20:00:00",
                                    date_gmt="2099-01-01 19:00:00"))))  # fmt: skip
    article = Article.objects.get(wp_post_id=1)
    assert article.is_scheduled()
    assert article.published_at == datetime.datetime(2099, 1, 1, 19, tzinfo=datetime.UTC)


def test_trashed_posts_are_skipped_and_drafts_without_a_gmt_date_have_no_date(tmp_path):
    """trash is left out; a draft's 0000-00-00 GMT date means no publication time yet."""
    report = run(write(tmp_path, export(
        post(1, status="trash"),
        post(2, slug="", status="draft", date_gmt="0000-00-00 00:00:00"),
    )))  # fmt: skip
    assert report.skipped["trashed posts"] == 1
    (draft,) = Article.objects.all()
    assert (draft.wp_post_id, draft.published_at, draft.slug) == (
        2,
        None,
        "council-approves-the-budget",
    )


def test_publication_dates_are_taken_in_gmt(tmp_path):
    """The GMT date wins over the blog's local date."""
    run(
        write(tmp_path, export(post(1, date="2024-03-05 12:00:00", date_gmt="2024-03-05 03:00:00")))
    )
    assert Article.objects.get().published_at == datetime.datetime(
        2024, 3, 5, 3, tzinfo=datetime.UTC
    )


# --- what comes across -----------------------------------------------------------------------


def test_body_excerpt_dateline_section_tags_and_byline_come_across(tmp_path):
    """A classic-editor post becomes a full article."""
    content = "LISBON — The council met.\n\nIt voted [poll id=3] twice."
    run(write(tmp_path, export(
        author("jane", "Jane Doe"),
        category("city", "City", term_id=3),
        category("politics", "Politics", term_id=2),
        tag("budget", "Budget"),
        post(1, content=content, excerpt="Council <b>votes</b>",
             categories=[("city", "City"), ("politics", "Politics")],
             tags=[("budget", "Budget"), ("tax", "Tax")]),
    )))  # fmt: skip
    article = Article.objects.get()
    assert article.dateline == "LISBON"
    assert article.body == "<p>The council met.</p>\n<p>It voted  twice.</p>"
    assert article.excerpt == "Council votes"
    assert article.section.name == "Politics"  # the lowest term ID, as in WordPress permalinks
    assert sorted(article.tags.names()) == ["Budget", "Tax"]
    assert [a.name for a in article.authors.all()] == ["Jane Doe"]


def test_section_can_come_from_the_first_category_or_a_default(tmp_path):
    """--section-from first-category takes the first listed; no category → default section."""
    path = write(tmp_path, export(
        category("city", "City", term_id=3), category("politics", "Politics", term_id=2),
        post(1, categories=[("city", "City"), ("politics", "Politics")]),
        post(2, slug="no-category"),
    ))  # fmt: skip
    run(path, section_from="first-category", default_section="Local news")
    assert Article.objects.get(wp_post_id=1).section.name == "City"
    assert Article.objects.get(wp_post_id=2).section.slug == "local-news"


def test_nested_categories_become_sections_of_their_own(tmp_path):
    """A child category is a section too, left out of the navigation, with a note."""
    report = run(write(tmp_path, export(
        category("world", "World"), category("europe", "Europe", parent="world"),
        post(1, categories=[("europe", "Europe")]),
    )))  # fmt: skip
    europe = Section.objects.get(wp_category="europe")
    assert (europe.slug, europe.show_in_navigation) == ("europe", False)
    assert Section.objects.get(wp_category="world").show_in_navigation
    assert any("Nested categories were flattened" in note for note in report.notes)


def test_categories_sharing_a_name_get_sections_named_after_their_parent():
    """small-export.xml has “Foo” at the top and “Foo” under “Bar”."""
    run(DATA / "small-export.xml")
    assert Section.objects.get(wp_category="foo").name == "Foo"
    assert Section.objects.get(wp_category="foo-bar").name == "Foo (Bar)"


def test_an_existing_section_with_the_category_slug_is_reused(tmp_path):
    """The newsroom's own World section takes in the WordPress “world” category."""
    world = SectionFactory(name="World", slug="world")
    run(write(tmp_path, export(category("world", "World news"),
                               post(1, categories=[("world", "World news")]))))  # fmt: skip
    assert Section.objects.get() == world
    assert Article.objects.get().section == world


def test_non_latin_slugs_are_decoded(tmp_path):
    """A percent-encoded Greek slug becomes Greek text in our address."""
    run(
        write(
            tmp_path,
            export(post(1, title="Επίπεδο", slug="%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf")),
        )
    )
    article = Article.objects.get()
    assert article.slug == "επίπεδο"
    assert article.get_absolute_url().endswith("/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF/")


def test_slug_clashes_get_a_suffix_and_keep_it_on_the_next_run(tmp_path):
    """Two posts with one slug: the second gets -2, stably."""
    path = write(tmp_path, export(post(1), post(2)))
    run(path)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "council-approves-the-budget", "council-approves-the-budget-2"
    ]  # fmt: skip
    assert run(path).total("updated") == 0


def test_pingbacks_and_trackbacks_are_skipped_with_a_count(tmp_path):
    """Pings are not reader comments: counted as skipped."""
    comments = comment(1) + comment(2, "pingback") + comment(3, "trackback")
    report = run(write(tmp_path, export(post(1, comments=comments))))
    assert report.skipped["pingbacks and trackbacks"] == 2


def test_import_comments_step_receives_the_saved_article_and_its_comments(tmp_path, monkeypatch):
    """Each post's comments go to one function, with the article already saved."""
    calls = []

    def import_comments(article, comments, report):
        calls.append((article.pk, [c.wp_id for c in comments]))

    monkeypatch.setattr(article_import, "import_comments", import_comments)
    run(write(tmp_path, export(post(1, comments=comment(7) + comment(8)))))
    assert calls == [(Article.objects.get().pk, [7, 8])]


def test_featured_images_come_from_the_media_dir(tmp_path):
    """_thumbnail_id → attachment → the file under --media-dir, imported once."""
    media = tmp_path / "uploads"
    (media / "2024" / "03").mkdir(parents=True)
    (media / "2024" / "03" / "council.jpg").write_bytes(image_bytes(800, 500))
    path = write(tmp_path, export(
        post(1, meta={"_thumbnail_id": "10"}),
        post(2, slug="another", meta={"_thumbnail_id": "11"}),
        post(10, "The council chamber", "council", post_type="attachment", status="inherit",
             attachment_url="https://old.example.com/wp-content/uploads/2024/03/council.jpg",
             meta={"_wp_attachment_image_alt": "Councillors at their desks"}),
        post(11, "Missing", "missing", post_type="attachment", status="inherit",
             attachment_url="https://old.example.com/wp-content/uploads/2024/03/gone.jpg"),
    ))  # fmt: skip
    report = run(path, media_dir=media)
    article = Article.objects.get(wp_post_id=1)
    assert article.featured_image.alt_text == "Councillors at their desks"
    assert article.featured_image.renditions
    assert list(report.missing_images) == [
        "https://old.example.com/wp-content/uploads/2024/03/gone.jpg"
    ]
    again = run(path, media_dir=media)
    assert (again.total("created"), again.total("updated"), Image.objects.count()) == (0, 0, 1)


# --- updates ---------------------------------------------------------------------------------


def test_a_changed_export_updates_what_changed_and_never_duplicates(tmp_path):
    """New headline and tags update the article; the old address redirects to the new one."""
    run(write(tmp_path, export(post(1, tags=[("a", "A")]), post(2, slug="other"))))
    first = Article.objects.get(wp_post_id=1)
    old_url = first.get_absolute_url()
    report = run(write(tmp_path, export(
        post(1, "Council rejects the budget", "council-rejects-the-budget", tags=[("b", "B")]),
        post(2, slug="other"),
    )))  # fmt: skip
    assert (report.counts["article", "created"], report.counts["article", "updated"]) == (0, 1)
    assert report.counts["article", "unchanged"] == 1
    article = Article.objects.get(wp_post_id=1)
    assert (article.pk, article.headline) == (first.pk, "Council rejects the budget")
    assert list(article.tags.names()) == ["B"]
    assert Article.objects.count() == 2
    assert Redirect.objects.get(old_path=old_url).target == article


def test_a_bad_post_is_reported_and_skipped_while_the_rest_continue(tmp_path, monkeypatch):
    """One post that fails leaves no trace; the others are imported."""
    real = article_import.convert_body

    def convert(raw, **options):
        if "explode" in raw:
            raise ValueError("cannot convert this body")
        return real(raw, **options)

    monkeypatch.setattr(article_import, "convert_body", convert)
    text = export(post(1), post(2, "Bad", "bad", content="explode"), post(3, slug="third"))
    report = run(write(tmp_path, text))
    assert sorted(Article.objects.values_list("wp_post_id", flat=True)) == [1, 3]
    line = text[: text.index("<title>Bad")].count("\n")
    assert report.errors == [f"post #2 “Bad” (line {line}): cannot convert this body"]
    assert not Redirect.objects.filter(old_path="/?p=2").exists()


def test_bylines_and_tags_made_by_a_failed_post_are_made_again_for_the_next(tmp_path, monkeypatch):
    """A rolled-back post takes its new byline and tag with it; the next post still gets them."""

    def import_comments(article, comments, report):
        if article.wp_post_id == 1:
            raise ValueError("bad comments")

    monkeypatch.setattr(article_import, "import_comments", import_comments)
    report = run(write(tmp_path, export(
        post(1, creator="guest", tags=[("new", "New")]),
        post(2, slug="second", creator="guest", tags=[("new", "New")]),
    )))  # fmt: skip
    article = Article.objects.get()
    assert [a.wp_login for a in article.authors.all()] == ["guest"]
    assert list(article.tags.names()) == ["New"]
    assert len(report.errors) == 1


# --- fixtures that keep their text -----------------------------------------------------------


def test_utf8_fixture_keeps_its_text_and_cleans_its_addresses():
    """Titles and excerpts keep every character; slugs and logins lose invisible ones."""
    path = DATA / "wxr-utf-8-challenges.xml"
    text = path.read_text(encoding="utf-8")
    run(path)
    article = Article.objects.get()
    assert article.headline == re.search(r"<title><!\[CDATA\[(.*?)\]\]>", text)[1]
    assert article.excerpt == re.search(r"<excerpt:encoded><!\[CDATA\[(.*?)\]\]>", text, re.S)[1]
    assert article.slug == "hello-world-utf8-💫-test"
    assert Author.objects.get().wp_login == "admin"
    assert article.authors.get().wp_login == "admin"


@pytest.mark.parametrize(
    ("name", "headline", "body_text"),
    [
        ("crazy-cdata.xml", "Hello world!", "Content with nested <![CDATA[ tags ]]> :)"),
        ("cdata-edge.xml", "Edge", "ends with sequence ]] >"),
        ("slashes.xml", "Hello world!", 'Slashes aren\\\'t \\"cool\\"'),
    ],
)
def test_cdata_and_slashes_fixtures_keep_their_text_exactly(name, headline, body_text):
    """What readers see is the text WordPress stored, byte for byte."""
    run(DATA / name)
    article = Article.objects.get()
    assert article.headline == headline
    assert text_of(article.body) == body_text


def test_slashes_fixture_keeps_backslashes_in_section_and_tag_names():
    """WordPress exports do not escape quotes; the backslashes are part of the names."""
    run(DATA / "slashes.xml")
    assert Section.objects.get(wp_category="alpha").name == 'a \\"great\\" category'
    assert Tag.objects.get(slug="tag1").name == "foo\\'bar"


def test_namespace_fixture_imports_the_posts_in_the_wordpress_namespace():
    """Posts read through the real wp namespace keep their text; the hijacked one is skipped."""
    report = run(DATA / "namespace-edge-cases.xml")
    bodies = dict(Article.objects.values_list("headline", "body"))
    assert text_of(bodies["Mixed Namespaces"]) == "Content with namespace conflicts"
    assert text_of(bodies["Unicode Namespace"]) == "Unicode namespace URI test"
    assert "Hijacked Namespace" not in bodies
    assert report.skipped["items without a post type"] == 1


@pytest.mark.parametrize("name", ["valid-wxr-1.0.xml", "valid-wxr-1.1.xml", "small-export.xml"])
def test_older_versions_import_their_posts(name):
    """WXR 1.0 and 1.1 exports import every post."""
    text = (DATA / name).read_text(encoding="utf-8")
    posts = [i for i in items(text) if item_value(i, "post_type") == "post"]
    report = run(DATA / name)
    assert report.errors == []
    assert Article.objects.count() == len(posts)


# --- bad input -------------------------------------------------------------------------------


def import_error(path):
    with pytest.raises(CommandError) as caught:
        call_command("import_wordpress", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_malformed_fixtures_fail_with_one_line_naming_the_place():
    """Truncated and unsupported files end with a one-line error and save nothing."""
    assert "Truncated file: ended inside <item> 'Broken' (line 9)" in import_error(
        DATA / "malformed-simple.xml"
    )
    assert "Unsupported WXR version 'abc' at line 33" in import_error(DATA / "malformed.xml")
    assert not Article.objects.exists()


def test_a_file_that_is_not_wxr_fails_cleanly(tmp_path):
    """An RSS feed is not an export."""
    path = write(tmp_path, '<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>')
    assert "Not a WordPress export" in import_error(path)


def test_a_truncated_export_keeps_the_posts_before_the_break(tmp_path):
    """The database holds every complete post before the cut and nothing of the broken one."""
    text = THEME.read_text(encoding="utf-8")
    cut = text.index("<wp:post_id>1178</wp:post_id>")
    path = write(tmp_path, text[:cut])
    before = [i for i in items(text[:cut]) if item_value(i, "post_type") == "post"]
    message = import_error(path)
    assert message.startswith("export.xml: Truncated file: ended inside <item>")
    assert "Markup: HTML Tags and Formatting" in message
    assert Article.objects.count() == len(before)
    assert not Article.objects.filter(wp_post_id=1178).exists()


def test_the_command_line_exits_non_zero_without_a_traceback(capsys):
    """manage.py prints one CommandError line and exits with status 1."""
    utility = ManagementUtility(["manage.py", "import_wordpress", str(DATA / "malformed.xml")])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("CommandError: malformed.xml: Unsupported")


def test_a_missing_file_is_a_clear_error(tmp_path):
    """No such file → one line, nothing else."""
    assert import_error(tmp_path / "nope.xml") == f"No such file: {tmp_path / 'nope.xml'}"


# --- helpers ---------------------------------------------------------------------------------


def test_slugs_and_logins_lose_invisible_characters():
    """Right-to-left overrides and zero-width joiners never reach an address."""
    assert clean_slug("hello-w\u202eorld\u202c-%F0%9F%92%AB") == "hello-world-💫"
    assert clean_login(" >themereviewteam ") == "themereviewteam"
    assert clean_login("admin\u200c\u200b\u200d\u200e") == "admin"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82", "привет"),
        ("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2", "επίπεδο-2"),
        ("%EC%84%9C%EC%9A%B8", "서울"),
        ("hello-world", "hello-world"),
        ("100%-sure", "100-sure"),
    ],
)
def test_percent_encoded_slugs_come_out_as_text(slug, expected):
    """Non-Latin slugs, which WordPress keeps percent-encoded, are decoded; a lone % is dropped."""
    assert clean_slug(slug) == expected


def test_progress_is_shown_only_on_a_terminal(tmp_path):
    """Piped output stays clean; a terminal sees a percentage."""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    run(write(tmp_path, export(post(1))), progress_stream=terminal)
    assert "100% of the file, 1 items read" in terminal.getvalue()
    piped = io.StringIO()
    run(write(tmp_path, export(post(1))), progress_stream=piped)
    assert piped.getvalue() == ""


def test_command_options_reach_the_importer(tmp_path):
    """--section-from, --default-section and --media-dir are checked and passed on."""
    path = write(tmp_path, export(
        category("b", "B", term_id=1), category("a", "A", term_id=2),
        post(1, categories=[("a", "A"), ("b", "B")]), post(2, slug="loose"),
    ))  # fmt: skip
    with pytest.raises(CommandError, match="No such folder for --media-dir"):
        call_command("import_wordpress", str(path), "--media-dir", str(tmp_path / "none"))
    call_command(
        "import_wordpress", str(path), "--section-from", "first-category",
        "--default-section", "Briefs", stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert Article.objects.get(wp_post_id=1).section.name == "A"
    assert Article.objects.get(wp_post_id=2).section.name == "Briefs"

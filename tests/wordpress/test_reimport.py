"""Imports that real exports need: posts without IDs, two sites, and edits made here."""

import io
import re

import pytest
from django.core.management import call_command
from taggit.models import Tag

from articles.models import Article, Image, Redirect
from comments.models import Comment
from newsroom.wordpress.identity import site_key
from newsroom.wordpress.parser import WxrSite
from tests.factories import ImageFactory, image_bytes
from tests.wordpress.exports import export, post, run, wp_comment, write

pytestmark = pytest.mark.django_db

LEDGER = "https://old.example.com"
GAZETTE = "https://gazette.example.org"


def imported_rows():
    return (Article.objects.count(), Comment.objects.count(), Redirect.objects.count())


def changed_nothing(report):
    return (report.total("created"), report.total("updated"), report.redirects) == (0, 0, 0)


# --- posts without a post ID -----------------------------------------------------------------


def test_posts_without_a_post_id_are_known_by_their_guid_and_a_rerun_changes_nothing(tmp_path):
    """A hand-edited export without <wp:post_id> imports, and importing it again adds nothing."""
    path = write(tmp_path, export(
        post(None, "Harbour reopens", "harbour-reopens", guid=f"{LEDGER}/?p=11",
             comments=wp_comment(5, text="At last!")),
        post(None, "Bridge closes", "bridge-closes", guid=f"{LEDGER}/?p=12"),
    ))  # fmt: skip
    first = run(path)
    assert (first.counts["article", "created"], first.errors) == (2, [])
    harbour = Article.objects.get(wp_guid=f"{LEDGER}/?p=11")
    assert (harbour.headline, harbour.wp_post_id) == ("Harbour reopens", None)
    assert harbour.comments.get().text == "At last!"
    assert Redirect.objects.get(old_path="/harbour-reopens/").target == harbour
    assert not Redirect.objects.filter(old_path__contains="None").exists()
    rows = imported_rows()
    assert changed_nothing(run(path))
    assert imported_rows() == rows


def test_without_a_guid_the_link_identifies_the_post_and_a_change_updates_it(tmp_path):
    """No ID, no GUID: the permalink is the post's identity; a new headline updates the story."""
    link = f"{LEDGER}/2024/03/harbour-reopens/"
    run(write(tmp_path, export(post(None, "Harbour reopens", guid="", link=link))))
    report = run(write(tmp_path, export(post(None, "Harbour reopens at last", guid="", link=link))))
    assert (report.counts["article", "created"], report.counts["article", "updated"]) == (0, 1)
    assert Article.objects.get().headline == "Harbour reopens at last"


@pytest.mark.parametrize("first_with_ids", [True, False])
def test_an_export_that_gains_or_loses_post_ids_still_finds_its_stories(tmp_path, first_with_ids):
    """The GUID kept at import matches the post whether or not the next export has its ID."""
    with_ids = export(post(41, guid=f"{LEDGER}/?p=41", comments=wp_comment(5)))
    without = export(post(None, guid=f"{LEDGER}/?p=41", comments=wp_comment(5)))
    first, second = (with_ids, without) if first_with_ids else (without, with_ids)
    run(write(tmp_path, first))
    report = run(write(tmp_path, second))
    assert (report.total("created"), report.total("updated")) == (0, 0)
    article = Article.objects.get()
    assert article.wp_post_id == 41  # an ID once known is kept
    assert Comment.objects.get().article == article


def test_repeated_posts_and_posts_without_any_identity_are_skipped_with_a_count(tmp_path):
    """Two items with one GUID make one story; an item with no ID, GUID or link is left out."""
    path = write(tmp_path, export(
        post(None, "Harbour reopens", guid=f"{LEDGER}/?p=11"),
        post(None, "Harbour reopens (copy)", guid=f"{LEDGER}/?p=11"),
        post(None, "Nobody knows me", "nobody", guid="", link=""),
    ))  # fmt: skip
    report = run(path)
    assert list(Article.objects.values_list("headline", flat=True)) == ["Harbour reopens"]
    assert report.skipped["posts listed twice in the export (same post ID or GUID)"] == 1
    assert report.skipped["posts without a post ID, GUID or link"] == 1
    assert changed_nothing(run(path))


# --- two sites -------------------------------------------------------------------------------


def test_two_sites_with_the_same_numbers_keep_their_own_stories_and_comments(tmp_path):
    """Post 1 and comment 5 of the Ledger and of the Gazette are four records, not two."""
    ledger = write(tmp_path, export(
        post(1, "Council approves the budget", comments=wp_comment(5, text="From the Ledger")),
    ), "ledger.xml")  # fmt: skip
    gazette = write(tmp_path, export(
        post(1, "Harbour reopens", "harbour-reopens", site=GAZETTE,
             comments=wp_comment(5, text="From the Gazette")),
        site=GAZETTE,
    ), "gazette.xml")  # fmt: skip
    run(ledger)
    second = run(gazette)
    assert (second.counts["article", "created"], second.counts["comment", "created"]) == (1, 1)
    assert dict(Article.objects.values_list("wp_site", "headline")) == {
        "old.example.com": "Council approves the budget",
        "gazette.example.org": "Harbour reopens",
    }
    assert dict(Comment.objects.values_list("article__headline", "text")) == {
        "Council approves the budget": "From the Ledger",
        "Harbour reopens": "From the Gazette",
    }
    # Each site imported again finds its own records and leaves the other's alone.
    assert changed_nothing(run(ledger))
    assert changed_nothing(run(gazette))
    assert Article.objects.count() == Comment.objects.count() == 2
    # Both sites answered /?p=1: that old address keeps leading to the first one's story.
    assert Redirect.objects.get(old_path="/?p=1").target.headline == "Council approves the budget"
    assert second.notes["Old addresses that already led to another page were left as they were"]


def test_two_sites_with_the_same_attachment_number_keep_their_own_pictures(tmp_path):
    """Attachment 10 of each site is its own picture, on its own story."""
    media = tmp_path / "uploads"
    (media / "2024").mkdir(parents=True)
    (media / "2024" / "ledger.jpg").write_bytes(image_bytes(600, 400))
    (media / "2024" / "gazette.png").write_bytes(image_bytes(600, 400, "PNG"))

    def site_export(site, headline, slug, file, alt):
        return export(
            post(1, headline, slug, site=site, meta={"_thumbnail_id": "10"}),
            post(10, alt, f"{slug}-picture", site=site, post_type="attachment", status="inherit",
                 attachment_url=f"{site}/wp-content/uploads/2024/{file}",
                 meta={"_wp_attachment_image_alt": alt}),
            site=site,
        )  # fmt: skip

    run(write(tmp_path, site_export(LEDGER, "Budget", "budget", "ledger.jpg", "The council")),
        media_dir=media)  # fmt: skip
    run(write(tmp_path, site_export(GAZETTE, "Harbour", "harbour", "gazette.png", "The harbour")),
        media_dir=media)  # fmt: skip
    pictures = dict(Article.objects.values_list("headline", "featured_image__alt_text"))
    assert pictures == {"Budget": "The council", "Harbour": "The harbour"}
    assert Image.objects.count() == 2


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("https://old.example.com", "old.example.com"),
        ("http://www.Old.Example.com/", "old.example.com"),
        ("https://old.example.com:443/news/", "old.example.com/news"),
        ("https://old.example.com:8080/news", "old.example.com:8080/news"),
        ("old.example.com/news", "old.example.com/news"),
    ],
)
def test_a_site_is_its_host_and_path_whatever_the_scheme_or_www(address, key):
    """A site that moved to https or dropped “www.” is still the same site."""
    assert site_key(WxrSite("Ledger", "", "en", "1.2", "", address)) == key


def test_the_same_site_moved_to_https_finds_its_stories(tmp_path):
    """An export from http://www. after one from https:// changes nothing."""
    run(write(tmp_path, export(post(1, comments=wp_comment(5)))))
    moved = "http://www.old.example.com"
    assert changed_nothing(
        run(write(tmp_path, export(post(1, comments=wp_comment(5)), site=moved)))
    )


def test_a_site_whose_address_changed_is_named_with_site(tmp_path):
    """--site keeps a moved blog's posts matching the stories imported from its old address."""
    run(write(tmp_path, export(post(1, comments=wp_comment(5)))))
    moved = write(tmp_path, export(post(1, comments=wp_comment(5)), site="https://ledger.example"))
    out = io.StringIO()
    call_command("import_wordpress", str(moved), "--site", "https://old.example.com",
                 stdout=out, stderr=io.StringIO())  # fmt: skip
    assert "(WXR 1.2, from old.example.com)" in out.getvalue()
    assert "Total: 0 created, 0 updated" in out.getvalue()
    assert Article.objects.count() == Comment.objects.count() == 1


# --- stories imported before the source site was kept ------------------------------------------


def forget_sites():
    """What an import made before Newsroom kept sources looks like: no site, no state."""
    Article.objects.update(wp_site="", wp_guid="", wp_import_state={})
    Comment.objects.update(wp_site="")


def test_stories_imported_before_sites_were_kept_match_the_next_import_of_their_site(tmp_path):
    """Re-importing the same export claims them: nothing new, nothing changed, a note says so."""
    path = write(tmp_path, export(post(1, comments=wp_comment(5)), post(2, slug="second")))
    run(path)
    forget_sites()
    report = run(path)
    assert changed_nothing(report)
    assert set(Article.objects.values_list("wp_site", flat=True)) == {"old.example.com"}
    assert Comment.objects.get().wp_site == "old.example.com"
    assert report.notes[
        "2 stories imported before Newsroom kept each one's source site were taken as coming "
        "from old.example.com"
    ]
    # Another site imported afterwards finds them taken: its post 1 is a story of its own.
    run(write(tmp_path, export(post(1, "Harbour", "harbour", site=GAZETTE), site=GAZETTE), "g.xml"))
    assert Article.objects.count() == 3
    assert changed_nothing(run(path))


def test_an_edit_made_before_sites_were_kept_is_kept_and_reported_once(tmp_path):
    """Without a record of what the last import wrote, a difference counts as an edit here."""
    path = write(tmp_path, export(post(1)))
    run(path)
    forget_sites()
    Article.objects.update(headline="Council passes the budget")
    report = run(path)
    assert Article.objects.get().headline == "Council passes the budget"
    assert [names for _, _, names in report.conflicts] == [["headline"]]
    again = run(path)
    assert (again.conflicts, again.total("updated")) == ([], 0)


# --- edits made here -------------------------------------------------------------------------


def story(**changes):
    fields = {
        "title": "Council approves the budget",
        "content": "The council voted 7 to 2.",
        "excerpt": "The vote",
        "tags": [("budget", "Budget")],
    }
    return export(post(1, **(fields | changes)))


def test_an_unchanged_export_leaves_every_edit_made_here(tmp_path):
    """Headline, status and tags edited here survive a re-import of the same export."""
    path = write(tmp_path, story())
    run(path)
    article = Article.objects.get()
    article.headline = "Council passes the budget, 7 to 2"
    article.status = Article.Status.UNPUBLISHED
    article.save()
    article.tags.add("Council")
    report = run(path)
    article = Article.objects.get()
    assert article.headline == "Council passes the budget, 7 to 2"
    assert article.status == Article.Status.UNPUBLISHED
    assert sorted(article.tags.names()) == ["Budget", "Council"]
    assert (report.counts["article", "unchanged"], report.conflicts) == (1, [])


def test_a_reimport_updates_what_the_export_changed_where_nothing_was_edited_here(tmp_path):
    """The export's new body and tags come in; the headline edited here stays."""
    run(write(tmp_path, story()))
    article = Article.objects.get()
    article.headline = "Council passes the budget"
    article.save()
    report = run(write(tmp_path, story(content="The council voted 8 to 1.", tags=[("tax", "Tax")])))
    article = Article.objects.get()
    assert article.body == "<p>The council voted 8 to 1.</p>"
    assert list(article.tags.names()) == ["Tax"]
    assert article.headline == "Council passes the budget"
    assert (report.counts["article", "updated"], report.conflicts) == (1, [])


def test_a_field_changed_here_and_in_the_export_keeps_ours_and_is_reported(tmp_path):
    """Both sides changed the headline and the excerpt: ours stay, the summary names the story."""
    run(write(tmp_path, story()))
    article = Article.objects.get()
    article.headline, article.excerpt = "Council passes the budget", "Our teaser"
    article.save()
    path = write(tmp_path, story(title="Council backs the budget", excerpt="Their teaser",
                                 content="The council voted 8 to 1."))  # fmt: skip
    out = io.StringIO()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO())
    article = Article.objects.get()
    assert (article.headline, article.excerpt) == ("Council passes the budget", "Our teaser")
    assert article.body == "<p>The council voted 8 to 1.</p>"  # changed there only: updated
    summary = out.getvalue()
    assert "Conflicts: 1 stories edited here that the export changed too" in summary
    line = next(line for line in summary.splitlines() if line.startswith("  post #1"))
    assert "“Council backs the budget”" in line
    assert f"/admin/articles/article/{article.pk}/change/" in line
    assert line.endswith(": headline, excerpt")
    # Reported once: the same export again is not a new conflict, and nothing changes.
    again = run(path)
    assert (again.conflicts, again.total("updated")) == ([], 0)


def test_the_same_change_made_here_and_in_the_export_is_no_conflict(tmp_path):
    """An editor who fixed the headline the way WordPress did is not bothered."""
    run(write(tmp_path, story()))
    Article.objects.update(headline="Council backs the budget")
    report = run(write(tmp_path, story(title="Council backs the budget")))
    assert report.conflicts == []
    # The export's value is now the one remembered: a later change there comes in.
    run(write(tmp_path, story(title="Council backs the budget, 8 to 1")))
    assert Article.objects.get().headline == "Council backs the budget, 8 to 1"


def test_a_featured_picture_chosen_here_stays(tmp_path):
    """The export's thumbnail does not replace a picture an editor picked here."""
    media = tmp_path / "uploads"
    media.mkdir()
    (media / "council.jpg").write_bytes(image_bytes(600, 400))
    path = write(tmp_path, export(
        post(1, meta={"_thumbnail_id": "10"}),
        post(10, "Council", "council", post_type="attachment", status="inherit",
             attachment_url=f"{LEDGER}/wp-content/uploads/council.jpg"),
    ))  # fmt: skip
    run(path, media_dir=media)
    ours = ImageFactory(small=True)
    Article.objects.update(featured_image=ours)
    report = run(path, media_dir=media)
    assert Article.objects.get().featured_image == ours
    assert report.total("updated") == 0


def test_tags_merge_like_any_field(tmp_path):
    """Tags changed both here and in the export: ours stay and the conflict names them."""
    run(write(tmp_path, story()))
    Article.objects.get().tags.set(["Council"])
    report = run(write(tmp_path, story(tags=[("tax", "Tax")])))
    assert list(Article.objects.get().tags.names()) == ["Council"]
    assert [names for _, _, names in report.conflicts] == [["tags"]]
    assert Tag.objects.filter(name="Tax").exists()
    assert re.search(r"Conflicts: 1 stories", "\n".join(report.lines()))

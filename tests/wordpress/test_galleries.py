"""WordPress galleries come across as our gallery block: `[gallery ids=…]`, `[gallery]` (the
post's own attached pictures) and the `wp:gallery` block, their pictures imported from
--media-dir with captions and credits, in the post's order; what is missing is reported and
left out, never a crash."""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article, Image
from tests.factories import image_bytes
from tests.wordpress.exports import author, export, post, run, write

pytestmark = pytest.mark.django_db

UPLOADS = "https://old.example.com/wp-content/uploads/2024/03"
LABEL = "post #5 “Council approves the budget”"
# WordPress keeps the credit it read from the file's IPTC data in PHP-serialised metadata
# (a string's length in bytes).
IPTC_CREDIT = (
    'a:2:{s:5:"width";i:640;s:10:"image_meta";a:2:{s:6:"credit";s:12:"Bø Pedersen";'
    's:7:"caption";s:0:"";}}'
)


def attachment(number, name, *, caption="", meta=None, parent=None, menu_order=None):
    return post(
        number, name.title(), name, post_type="attachment", status="inherit", excerpt=caption,
        attachment_url=f"{UPLOADS}/{name}.jpg", parent=parent, menu_order=menu_order,
        meta={"_wp_attachment_image_alt": f"The {name}", **(meta or {})},
    )  # fmt: skip


@pytest.fixture
def media(tmp_path):
    folder = tmp_path / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    for colour, name in enumerate(("quay", "ferry", "gulls", "crane")):
        (folder / f"{name}.jpg").write_bytes(image_bytes(640, 480, color=(40 * colour, 90, 160)))
    return tmp_path / "uploads"


def import_post(tmp_path, media, content, *attachments):
    """The post listed first, its attachments after it, as WordPress exports them."""
    path = write(tmp_path, export(author("jane"), post(5, content=content), *attachments))
    return path, run(path, media_dir=media)


def pictures_in(body):
    """The library's pictures a stored gallery shows, by their alt text, in order."""
    gallery = BeautifulSoup(body, "html.parser").select_one("figure.gallery")
    numbers = [int(number) for number in gallery["data-pictures"].split()]
    pictures = Image.objects.in_bulk(numbers)
    return [pictures[number].alt_text for number in numbers]


def seen_by_a_reader(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select(".article__body .gallery__item")
    return [(item.img["alt"], " ".join(item.figcaption.get_text().split())) for item in items]


def test_a_gallery_shortcode_shows_its_pictures_in_order_with_captions_and_credits(
    tmp_path, media, client
):
    content = 'The quay reopened.\n\n[gallery columns="3" ids="13,11,99,12"]\n\nMore to come.'
    path, report = import_post(
        tmp_path, media, content,
        attachment(11, "quay", caption="The quay at dawn.", meta={"_media_credit": "Ana Lee"}),
        attachment(12, "ferry", caption="The 7:10 ferry.",
                   meta={"_wp_attachment_metadata": IPTC_CREDIT}),
        attachment(13, "gulls"),
    )  # fmt: skip
    story = Article.objects.get()
    assert story.body.startswith("<p>The quay reopened.</p>")
    assert story.body.endswith("<p>More to come.</p>")
    assert pictures_in(story.body) == ["The gulls", "The quay", "The ferry"]
    assert seen_by_a_reader(client, story) == [
        ("The gulls", "1 of 3"),
        ("The quay", "2 of 3 The quay at dawn. Photo: Ana Lee"),
        ("The ferry", "3 of 3 The 7:10 ferry. Photo: Bø Pedersen"),
    ]
    # Number 99 is in no attachment of the export: said, and left out.
    assert list(report.missing_images) == ["attachment #99"]
    assert report.missing_images["attachment #99"].startswith(f"not in the export; {LABEL}")
    assert report.counts["image", "created"] == 3
    assert not report.errors and not report.unknown_shortcodes

    again = run(path, media_dir=media)
    assert (again.total("created"), again.total("updated"), Image.objects.count()) == (0, 0, 3)
    assert Article.objects.get().body == story.body


def image_block(src, number=None, caption=""):
    """One picture of a gallery block, as WordPress 5.9 and later write it."""
    settings = f'{{"id":{number},"sizeSlug":"large"}}' if number else '{"sizeSlug":"large"}'
    number_class = f' class="wp-image-{number}"' if number else ""
    figcaption = f'<figcaption class="wp-element-caption">{caption}</figcaption>' if caption else ""
    return (
        f"<!-- wp:image {settings} -->\n"
        f'<figure class="wp-block-image size-large"><img src="{src}" alt=""{number_class}/>'
        f"{figcaption}</figure>\n<!-- /wp:image -->\n\n"
    )


GALLERY_BLOCK = (
    "<!-- wp:paragraph -->\n<p>The harbour, in pictures.</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:gallery {"linkTo":"none"} -->\n'
    '<figure class="wp-block-gallery has-nested-images columns-default is-cropped">'
    + image_block(f"{UPLOADS}/ferry.jpg", 12, "The <em>first</em> ferry &amp; its crew")
    + image_block(f"{UPLOADS}/pier.jpg", 14)
    + image_block("https://elsewhere.example.net/boat.jpg")
    + image_block(f"{UPLOADS}/quay.jpg", 11, "Written in the post")
    + "</figure>\n<!-- /wp:gallery -->\n\n"
    "<!-- wp:paragraph -->\n<p>The end.</p>\n<!-- /wp:paragraph -->"
)


def test_a_gallery_block_keeps_its_order_and_its_captions_where_the_picture_has_none(
    tmp_path, media, client
):
    _, report = import_post(
        tmp_path, media, GALLERY_BLOCK,
        attachment(11, "quay", caption="The quay at dawn.", meta={"_media_credit": "Ana Lee"}),
        attachment(12, "ferry"),
        # In the export, but its file is not under --media-dir.
        post(14, "Pier", "pier", post_type="attachment", status="inherit",
             attachment_url=f"{UPLOADS}/pier.jpg"),
    )  # fmt: skip
    story = Article.objects.get()
    assert pictures_in(story.body) == ["The ferry", "The quay"]
    assert "wp-block" not in story.body and "wp:" not in story.body
    assert seen_by_a_reader(client, story) == [
        ("The ferry", "1 of 2 The first ferry & its crew"),
        # The picture's own caption is the library's; the post's is not put in its place.
        ("The quay", "2 of 2 The quay at dawn. Photo: Ana Lee"),
    ]
    assert {address: why.split(";")[0] for address, why in report.missing_images.items()} == {
        f"{UPLOADS}/pier.jpg": "not found in --media-dir",
        "https://elsewhere.example.net/boat.jpg": "not an attachment of the export",
    }
    assert all(LABEL in why for why in report.missing_images.values())


def test_a_gallery_naming_no_pictures_shows_those_attached_to_the_post(tmp_path, media, client):
    """WordPress's [gallery] alone: the post's own pictures, by menu order, then number."""
    import_post(
        tmp_path, media, 'Pictures:\n\n[gallery exclude="14"]',
        attachment(11, "quay", parent=5, menu_order=2),
        attachment(12, "ferry", parent=5, menu_order=1),
        attachment(13, "gulls", parent=6),
        attachment(14, "crane", parent=5),
        post(15, "Timetable", "timetable", post_type="attachment", status="inherit",
             attachment_url=f"{UPLOADS}/timetable.pdf", parent=5),
    )  # fmt: skip
    story = Article.objects.get()
    assert pictures_in(story.body) == ["The ferry", "The quay"]
    assert [alt for alt, _ in seen_by_a_reader(client, story)] == ["The ferry", "The quay"]


def test_a_gallery_whose_pictures_are_all_missing_is_left_out_and_said(tmp_path, media, client):
    classic = 'Before.\n\n[gallery ids="98,99"]\n\nBetween.\n\n[gallery]\n\nAfter.'
    blocks = (
        "<!-- wp:paragraph --><p>Blocks.</p><!-- /wp:paragraph -->\n\n"
        '<!-- wp:gallery {"ids":[]} --><figure class="wp-block-gallery"></figure>'
        "<!-- /wp:gallery -->"
    )
    path = write(tmp_path, export(
        author("jane"), post(5, content=classic), post(6, "Blocks", "blocks", content=blocks)
    ))  # fmt: skip
    report = run(path, media_dir=media)
    story, other = Article.objects.order_by("wp_post_id")
    assert story.body == "<p>Before.</p>\n<p>Between.</p>\n<p>After.</p>"
    assert other.body == "<p>Blocks.</p>"
    left_out = "A gallery whose pictures are all missing was left out of "
    assert [(note[len(left_out) :].split(" (line")[0], times)
            for note, times in report.notes.items() if note.startswith(left_out)] == [
        (LABEL, 2), ("post #6 “Blocks”", 1)
    ]  # fmt: skip
    assert set(report.missing_images) == {"attachment #98", "attachment #99"}
    assert not report.errors and report.counts["article", "created"] == 2
    assert not Image.objects.exists()
    response = client.get(story.get_absolute_url())
    body = BeautifulSoup(response.content, "html.parser").select_one(".article__body")
    assert not body.select("figure") and "After." in body.get_text()


def test_a_dry_run_reports_the_pictures_and_saves_none(tmp_path, media):
    path = write(tmp_path, export(
        author("jane"), post(5, content='[gallery ids="11,99"]'), attachment(11, "quay")
    ))  # fmt: skip
    report = run(path, media_dir=media, dry_run=True)
    assert report.counts["image", "created"] == 1
    assert list(report.missing_images) == ["attachment #99"]
    assert not Image.objects.exists() and not Article.objects.exists()

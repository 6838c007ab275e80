"""The subject of a picture (its focal point): every cut keeps it in frame, the editor sets it
on the picture's form, and moving it gives readers new cuts at new addresses at once."""

import json
import re
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PILImage

from articles.images import CROPS, crop_box, make_renditions, renditions_are_current
from newsroom.staff.roles import setup_roles
from tests.factories import ArticleFactory, ImageFactory
from tests.helpers import admin_form_data, client_for, staff

pytestmark = pytest.mark.django_db

RED = (220, 20, 30)


def picture_with_subject_at_top_left():
    """A grey 1600 x 1000 picture with a red subject 100 px square at (100, 100)-(200, 200)."""
    picture = PILImage.new("RGB", (1600, 1000), (128, 128, 128))
    picture.paste(RED, (100, 100, 200, 200))
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return SimpleUploadedFile("subject.png", buffer.getvalue(), content_type="image/png")


def shows_subject(name):
    """True when the stored copy holds the red subject."""
    with default_storage.open(name) as stored, PILImage.open(stored) as copy:
        copy = copy.convert("RGB")
        return any(
            r > 180 and g < 80 and b < 80 for count, (r, g, b) in copy.getcolors(1 << 20) or []
        )


def cuts(image, crop):
    return [r for r in image.renditions if r["crop"] == crop]


@pytest.mark.parametrize(
    ("size", "ratio", "focal", "box"),
    [
        ((1600, 1000), (1, 1), (50, 50), (300, 0, 1300, 1000)),
        ((1600, 1000), (1, 1), (0, 0), (0, 0, 1000, 1000)),
        ((1600, 1000), (1, 1), (100, 100), (600, 0, 1600, 1000)),
        ((1600, 1000), (1, 1), (60, 50), (460, 0, 1460, 1000)),
        ((1000, 1600), (16, 9), (50, 10), (0, 0, 1000, 562)),
        ((1000, 1600), (16, 9), (50, 80), (0, 999, 1000, 1561)),
        ((1200, 675), (16, 9), (10, 90), (0, 0, 1200, 675)),
    ],
)
def test_a_cut_is_the_largest_of_its_shape_centred_on_the_subject_as_far_as_it_can(
    size, ratio, focal, box
):
    assert crop_box(*size, ratio, *focal) == box


def test_every_cut_keeps_a_subject_in_the_corner_in_frame():
    """Square, 4:3, wide and link-preview cuts of a picture whose subject is in its top left
    corner all show the subject; centred, the square cut would leave it out."""
    image = ImageFactory(file=picture_with_subject_at_top_left(), focal_x=9, focal_y=15)
    for crop in CROPS:
        assert cuts(image, crop), crop
        for rendition in cuts(image, crop):
            assert shows_subject(rendition["name"]), (crop, rendition["name"])
    centred = ImageFactory(file=picture_with_subject_at_top_left())
    assert not any(shows_subject(r["name"]) for r in cuts(centred, "1:1"))


def test_cuts_have_their_shape_and_every_format():
    image = ImageFactory(large=True)
    for crop, (ratio_w, ratio_h) in CROPS.items():
        for rendition in cuts(image, crop):
            assert abs(rendition["width"] / rendition["height"] - ratio_w / ratio_h) < 0.02
            with default_storage.open(rendition["name"]) as stored, PILImage.open(stored) as copy:
                assert copy.size == (rendition["width"], rendition["height"])
                assert copy.format == rendition["format"].upper()
    assert {r["format"] for r in cuts(image, "1:1")} == {"avif", "webp", "jpeg"}
    # Link previews: one copy, 1200 x 628, in a format every social network reads.
    assert [(r["width"], r["height"], r["format"]) for r in cuts(image, "1.91:1")] == [
        (1200, 628, "jpeg")
    ]


def test_moving_the_subject_makes_new_cuts_under_new_addresses_and_keeps_the_whole_copies():
    image = ImageFactory()
    before = {r["name"] for r in image.renditions}
    image.focal_x, image.focal_y = 20, 30
    image.save()
    after = {r["name"] for r in image.renditions}
    assert renditions_are_current(image)
    whole = {r["name"] for r in image.renditions if not r["crop"]}
    assert whole <= before
    for name in after - whole:
        assert "-at-20-30-" in name and name not in before
    # Copies already sent in mails or kept by feed readers still answer.
    assert all(default_storage.exists(name) for name in before)


def test_a_picture_uploaded_before_cuts_existed_shows_its_whole_copies_until_they_are_made():
    image = ImageFactory(small=True)
    old = [r for r in image.renditions if not r["crop"] and r["format"] != "avif"]
    for rendition in old:
        del rendition["crop"]
    type(image).objects.filter(pk=image.pk).update(renditions=old)
    image.refresh_from_db()
    assert not renditions_are_current(image)
    img = render_picture(image, 'crop="1:1"').img
    assert (img["width"], img["height"]) == ("480", "320")
    make_renditions(image)
    img = render_picture(image, 'crop="1:1"').img
    assert (img["width"], img["height"]) == ("320", "320")


def render_picture(image, arguments=""):
    template = Template("{% load news %}{% picture image " + arguments + " %}")
    return BeautifulSoup(template.render(Context({"image": image})), "html.parser")


def test_the_picture_tag_serves_a_cut_in_avif_and_webp_with_its_own_format_as_fallback():
    image = ImageFactory(focal_x=30, focal_y=40, large=True)
    soup = render_picture(image, 'crop="16:9" sizes="100vw"')
    avif, webp = soup.picture.find_all("source")
    img = soup.picture.img
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    assert all(".avif " in part + " " for part in avif["srcset"].split(", "))
    assert all("-16x9-at-30-40-" in part for part in avif["srcset"].split(", "))
    assert all(part.split()[0].endswith(".jpg") for part in img["srcset"].split(", "))
    assert img["src"].endswith("-16x9-at-30-40-800w.jpg")
    # The cut's own shape: the page reserves exactly its space.
    assert (img["width"], img["height"]) == ("1200", "675")


def json_ld(soup):
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return {block["@type"]: block for block in blocks}


def test_the_storys_structured_data_lists_its_picture_in_16_9_4_3_and_1_1(client):
    article = ArticleFactory(featured_image=ImageFactory(focal_x=25, focal_y=30, large=True))
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    images = json_ld(soup)["NewsArticle"]["image"]
    assert [re.search(r"-(16x9|4x3|1x1)-at-25-30-\d+w\.jpg$", url)[1] for url in images] == [
        "16x9", "4x3", "1x1"
    ]  # fmt: skip
    assert all(url.startswith("http://testserver/media/renditions/") for url in images)
    preview = soup.find("meta", property="og:image")["content"]
    assert preview.endswith("-1_91x1-at-25-30-1200w.jpg")
    assert soup.find("meta", property="og:image:width")["content"] == "1200"
    assert soup.find("meta", property="og:image:height")["content"] == "628"


@pytest.fixture
def editor():
    setup_roles(note=lambda line: None)
    return staff("Editor", "edna")


def change_url(image):
    return reverse("admin:articles_image_change", args=[image.pk])


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("focal_x", "101", "Enter a number from 0 (left edge) to 100 (right edge)."),
        ("focal_x", "-5", "Enter a number from 0 (left edge) to 100 (right edge)."),
        ("focal_y", "250", "Enter a number from 0 (top edge) to 100 (bottom edge)."),
        ("focal_y", "", "Say how far down the picture the subject is: a number from 0 (top"),
        ("focal_x", "", "Say how far across the picture the subject is: a number from 0 (left"),
        ("focal_x", "middle", "Enter a whole number from 0 (left edge) to 100 (right edge)."),
    ],
)
def test_a_subject_outside_the_picture_or_missing_is_refused_with_what_to_type(
    editor, field, typed, message
):
    image = ImageFactory()
    client = client_for(editor)
    data = admin_form_data(client, change_url(image), form_id="image_form")
    data.update({field: typed, "caption": "Typed before the mistake"})
    response = client.post(change_url(image), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select(f".field-{field} .errorlist li")
    assert errors[0].get_text().startswith(message)
    assert soup.find("input", attrs={"name": "caption"})["value"] == "Typed before the mistake"
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (50, 50)


def test_the_picture_form_offers_the_picker_the_numbers_and_the_cuts_as_saved(editor):
    image = ImageFactory(focal_x=12, focal_y=34)
    soup = BeautifulSoup(client_for(editor).get(change_url(image)).content, "html.parser")
    picker = soup.select_one(".focal-picker")
    assert (picker["data-focal-x"], picker["data-focal-y"]) == ("12", "34")
    across = soup.find("input", attrs={"name": "focal_x"})
    assert (across["type"], across["min"], across["max"], across["value"]) == (
        "number", "0", "100", "12"
    )  # fmt: skip
    shown = [img["data-crop"] for img in soup.select(".focal-cut img")]
    assert shown == ["16:9", "4:3", "1:1", "1.91:1"]
    assert all("-at-12-34-" in img["src"] for img in soup.select(".focal-cut img"))
    assert soup.find("script", src=re.compile(r"admin-focal-point\.js$"))


def card_and_page_pictures(client, article):
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    home = BeautifulSoup(client.get(reverse("articles:home")).content, "html.parser")
    return (
        page.find("meta", property="og:image")["content"],
        [img["src"] for img in home.select(".story-card__image img")],
    )


def test_moving_the_subject_in_the_admin_changes_the_story_page_and_its_card_at_once(
    client, editor
):
    """Pages are kept (the cache is on in tests): the next reader gets the new cuts."""
    article = ArticleFactory(featured_image=ImageFactory())
    before = card_and_page_pictures(client, article)
    assert before == card_and_page_pictures(client, article)
    assert "-at-50-50-" in before[0] and all("-at-50-50-" in src for src in before[1])
    admin = client_for(editor)
    image = article.featured_image
    data = admin_form_data(admin, change_url(image), form_id="image_form")
    data.update({"focal_x": "80", "focal_y": "20"})
    assert admin.post(change_url(image), data).status_code == 302
    after = card_and_page_pictures(client, article)
    assert "-at-80-20-" in after[0]
    assert after[1] and all("-at-80-20-" in src for src in after[1])

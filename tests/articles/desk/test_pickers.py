"""The article form's pickers: rows saved in the order their positions say, thumbnails in the
search-as-you-type choices and the picture library, and uploads from the story body's picture
dialog."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.desk.forms import ArticleAdminForm
from articles.models import Image
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    image_bytes,
    uploaded_image,
)
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
CHOICES = "admin:articles_picture_choices"
UPLOAD = "admin:articles_image_upload"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def row_values(data, prefix, name):
    return [data[f"{prefix}-{i}-{name}"] for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))]


# Ordering -------------------------------------------------------------------------------------


def test_bylines_and_related_stories_are_saved_in_the_order_of_their_renumbered_positions(
    editor,
):
    """The form's rows in their old order, with positions rewritten as the page's script does
    after a drag: the article keeps the new order, and the form shows it."""
    ana, ben, cleo = (AuthorFactory(name=name) for name in ("Ana Abel", "Ben Bard", "Cleo Cole"))
    first, second, third = (ArticleFactory(headline=h) for h in ("Fares", "Harbour", "Bridge"))
    article = ArticleFactory(authors=[ana, ben, cleo], related=[first, second, third])
    client = client_for(editor)
    data = admin_form_data(client, change_url(article))
    for index, position in enumerate([2, 3, 1]):
        data[f"articleauthor_set-{index}-position"] = str(position)
        data[f"related_links-{index}-position"] = str(position)

    assert client.post(change_url(article), data).status_code == 302

    bylines = article.articleauthor_set.order_by("position")
    assert [b.author.name for b in bylines] == ["Cleo Cole", "Ana Abel", "Ben Bard"]
    related = article.related_links.order_by("position")
    assert [r.related_article.headline for r in related] == ["Bridge", "Fares", "Harbour"]
    response = client.get(article.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select(".byline__author")] == [
        "Cleo Cole",
        "Ana Abel",
        "Ben Bard",
    ]
    assert [h.get_text(strip=True) for h in soup.select(".check-also__headline")] == [
        "Bridge",
        "Fares",
        "Harbour",
    ]
    shown = row_values(admin_form_data(client, change_url(article)), "articleauthor_set", "author")
    assert shown == [str(cleo.pk), str(ana.pk), str(ben.pk)]


def test_bylines_and_related_stories_can_be_dragged_and_keep_their_numbers_without_script(
    editor,
):
    """Both inlines carry the reordering script and its class; their position numbers stay in
    the form for browsers without JavaScript."""
    article = ArticleFactory(related=[ArticleFactory()])
    response = client_for(editor).get(change_url(article))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script", src=lambda src: src and "admin-inline-order" in src)
    for prefix in ("articleauthor_set", "related_links"):
        group = soup.find(id=f"{prefix}-group")
        assert "ordered-inline" in group.fieldset["class"]
        assert group.find("input", {"name": f"{prefix}-0-position", "type": "number"})


# Thumbnails -----------------------------------------------------------------------------------


def choices(client, model_name, field_name, term):
    response = client.get(
        reverse(CHOICES),
        {
            "term": term,
            "app_label": "articles",
            "model_name": model_name,
            "field_name": field_name,
        },
    )
    assert response.status_code == 200
    return response.json()["results"]


def test_featured_picture_choices_come_with_a_small_copy_and_the_alt_text(editor):
    """Searching pictures answers each with the address of a small copy, not the upload."""
    picture = ImageFactory(alt_text="Cranes over the harbour", caption="Harbour at dawn.")
    ImageFactory(alt_text="A quiet reading room", caption="The library.")
    results = choices(client_for(editor), "article", "featured_image", "harbour")
    assert results == [
        {
            "id": str(picture.pk),
            "text": "Harbour at dawn.",
            "thumbnail": default_storage.url(
                f"renditions/{picture.pk}/{Path(picture.file.name).stem}-400w.jpg"
            ),
            "alt": "Cranes over the harbour",
        }
    ]


def test_related_story_and_byline_choices_show_their_pictures_when_they_have_one(editor):
    """A story with a featured picture and a byline with a photo come with thumbnails; those
    without come without."""
    pictured = ArticleFactory(headline="Harbour opens", with_image=True)
    ArticleFactory(headline="Harbour fees rise")
    client = client_for(editor)
    stories = {
        r["text"]: r for r in choices(client, "relatedarticle", "related_article", "harbour")
    }
    assert stories["Harbour opens"]["thumbnail"].endswith(
        f"/{Path(pictured.featured_image.file.name).stem}-400w.jpg"
    )
    assert "thumbnail" not in stories["Harbour fees rise"]
    AuthorFactory(name="Ana Abel", photo=ImageFactory(small=True))
    (byline,) = choices(client, "articleauthor", "author", "Ana")
    assert byline["thumbnail"].endswith("-400w.jpg")


def test_thumbnails_cost_no_query_per_choice(editor):
    """Stories' pictures come in the same query as the stories."""
    client = client_for(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            choices(client, "relatedarticle", "related_article", "")
        return len(captured)

    ArticleFactory(with_image=True)
    queries()  # warm up: the first request fills caches (permissions, the next scheduled story)
    few = queries()
    ArticleFactory.create_batch(5, with_image=True)
    assert queries() == few


def test_thumbnail_choices_need_the_same_permission_as_the_admin_search(moderator):
    """Someone who may not see stories gets no choices."""
    response = client_for(moderator).get(
        reverse(CHOICES),
        {
            "term": "",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "featured_image",
        },
    )
    assert response.status_code == 403


def test_the_chosen_featured_picture_shows_its_thumbnail_in_the_form(editor):
    """The current choice carries its thumbnail, and the pickers ask for thumbnails."""
    article = ArticleFactory(with_image=True)
    response = client_for(editor).get(change_url(article))
    soup = BeautifulSoup(response.content, "html.parser")
    select = soup.find("select", id="id_featured_image")
    assert select["data-ajax--url"] == reverse(CHOICES)
    assert select.find("option", selected=True)["data-thumbnail"].endswith("-400w.jpg")
    assert soup.find(id="id_articleauthor_set-0-author")["data-ajax--url"] == reverse(CHOICES)
    preview = soup.select_one(".field-featured_image_preview img")
    assert (preview["width"], preview["height"]) == ("240", "160")


def test_picture_library_shows_small_copies_and_offers_the_large_one(reporter):
    """The library lists each picture by a small copy; "Use this picture" still inserts the
    copy wide enough for the story column."""
    ImageFactory(alt_text="Cranes over the harbour", large=True)
    response = client_for(reporter).get(reverse("admin:articles_image_picker"))
    soup = BeautifulSoup(response.content, "html.parser")
    item = soup.select_one(".image-picker__item")
    assert item.img["src"].endswith("-400w.jpg")
    assert (item.img["width"], item.img["height"]) == ("160", "100")
    assert item.select_one(".image-picker__choose")["data-url"].endswith("-1200w.jpg")


# Uploading from the story body ----------------------------------------------------------------


def upload(client, **fields):
    data = {
        "file": uploaded_image("harbour.jpg", width=1600, height=1000),
        "alt_text": "Cranes over the harbour",
        "caption": "The new berths.",
        "credit": "Ana Lee",
        **fields,
    }
    return client.post(reverse(UPLOAD), data)


def test_picture_button_offers_upload_to_those_who_may_add_pictures(reporter, moderator):
    """The story editor is told where to upload; without the permission, no upload is offered."""

    def editor_config(user):
        form = type("Form", (ArticleAdminForm,), {"user": user})()
        textarea = BeautifulSoup(str(form["body"]), "html.parser").textarea
        return json.loads(textarea["data-django-prose-editor-configurable"])

    allowed = editor_config(reporter)
    assert allowed["extensions"]["PictureUpload"] == {"uploadUrl": reverse(UPLOAD)}
    assert any(module.endswith("prose-picture-upload.js") for module in allowed["js_modules"])
    assert "PictureUpload" not in editor_config(moderator)["extensions"]


def test_reporter_uploads_a_picture_and_gets_what_the_story_inserts(reporter):
    """A good file is stored with its resized copies, credited to the uploader and logged; the
    answer is the wide copy, the alt text and the caption with the credit."""
    response = upload(client_for(reporter))
    assert response.status_code == 201
    image = Image.objects.get()
    assert response.json() == {
        "id": image.pk,
        "url": default_storage.url(f"renditions/{image.pk}/{Path(image.file.name).stem}-1200w.jpg"),
        "alt": "Cranes over the harbour",
        "caption": "The new berths. Photo: Ana Lee",
    }
    assert (image.uploaded_by, image.credit) == (reporter, "Ana Lee")
    assert {r["width"] for r in image.renditions if not r["crop"]} == {400, 800, 1200, 1600}
    # The dialog sends no subject: the middle of the picture.
    assert (image.focal_x, image.focal_y) == (50, 50)
    assert all(default_storage.exists(r["name"]) for r in image.renditions)
    assert LogEntry.objects.get().action_flag == ADDITION


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"alt_text": ""}, "alt_text", "Describe what the picture shows"),
        ({"file": ""}, "file", "Choose a picture file."),
        (
            {"file": SimpleUploadedFile("notes.jpg", b"not a picture")},
            "file",
            "This file is not a picture we can read",
        ),
        (
            {"file": SimpleUploadedFile("shot.bmp", image_bytes(image_format="BMP"))},
            "file",
            "BMP pictures are not accepted",
        ),
        (
            {"file": SimpleUploadedFile("x.gif", image_bytes(image_format="GIF") + b"alert(1)")},
            "file",
            "something else hidden after the picture",
        ),
    ],
    ids=["no alt text", "no file", "not a picture", "wrong format", "polyglot"],
)
def test_a_refused_upload_says_why_beside_its_field_and_stores_nothing(
    reporter, fields, field, message
):
    """Each refusal comes with a message for its field; nothing is stored."""
    response = upload(client_for(reporter), **fields)
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    assert not Image.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(reporter, settings):
    """The byte limit of the upload page holds here too."""
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    response = upload(client_for(reporter))
    assert "the limit is" in response.json()["errors"]["file"][0]


def test_upload_needs_the_permission_to_add_pictures(moderator):
    """Staff without the picture permission are refused with a message."""
    response = upload(client_for(moderator))
    assert response.status_code == 403
    assert "You may not upload pictures" in response.json()["errors"]["__all__"][0]
    assert not Image.objects.exists()


def test_upload_is_refused_without_the_csrf_token(reporter):
    """A post from another site, without the page's token, is refused."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    assert upload(client).status_code == 403
    assert not Image.objects.exists()


def test_upload_with_the_pages_csrf_token_is_accepted(reporter):
    """The dialog sends the page's token in a header, as the script does."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    client.get(reverse("admin:articles_article_add"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse(UPLOAD),
        {"file": uploaded_image(), "alt_text": "A ferry", "caption": "", "credit": ""},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201


def test_upload_needs_a_signed_in_staff_member():
    """Readers are sent to the sign-in page."""
    response = upload(Client())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_upload_answers_only_posts(reporter):
    """Opening the upload address in the browser changes nothing."""
    assert client_for(reporter).get(reverse(UPLOAD)).status_code == 405

"""Pictures in an S3-compatible bucket: uploads, renditions, imports and the page's addresses.

Several app servers can only share pictures through object storage; these tests run every
path that writes a picture against a real S3 API (moto's server, see conftest.py).
"""

from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Article, Image
from newsroom.demo.pictures import save_picture
from newsroom.demo.scenes import draw
from tests.factories import ArticleFactory, uploaded_image
from tests.helpers import client_for, staff
from tests.newsroom.buckets import s3_storages
from tests.wordpress.exports import export, post, run, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(s3_bucket, settings):
    """Media storage pointed at a fresh bucket: (bucket's base URL, list of its keys)."""
    endpoint, name, client = s3_bucket
    settings.STORAGES = s3_storages(endpoint, name)

    def keys():
        listing = client.list_objects_v2(Bucket=name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    return f"{endpoint}/{name}/", keys


def picture_urls(html):
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.select_one("main picture")
    urls = [figure.img["src"]]
    for source in figure.find_all("source"):
        urls += [candidate.split()[0] for candidate in source["srcset"].split(",")]
    return urls


def test_a_picture_uploaded_in_the_admin_and_its_renditions_are_kept_in_the_bucket(bucket, roles):
    """The admin's upload writes the picture and every rendition to the bucket, not the disk."""
    base_url, keys = bucket
    editor = staff("Editor", "edna")
    response = client_for(editor).post(
        reverse("admin:articles_image_add"),
        {
            "file": uploaded_image("harbour.jpg", width=1000, height=600),
            "alt_text": "Fishing boats in the harbour",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name in keys()
    assert image.renditions
    assert {rendition["name"] for rendition in image.renditions} <= set(keys())
    assert image.file.url == base_url + image.file.name
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        assert picture.size == (1000, 600)


def test_a_picture_uploaded_from_the_story_editor_is_kept_in_the_bucket(bucket, roles):
    """The picture dialog's upload stores the file and its renditions in the bucket, and
    answers with the bucket's address of the copy it inserts."""
    base_url, keys = bucket
    reporter = staff("Reporter", "rita")
    response = client_for(reporter).post(
        reverse("admin:articles_image_upload"),
        {"file": uploaded_image("cranes.jpg"), "alt_text": "Cranes", "caption": "", "credit": ""},
    )
    assert response.status_code == 201
    image = Image.objects.get()
    assert {image.file.name, *(r["name"] for r in image.renditions)} <= set(keys())
    assert response.json()["url"].startswith(base_url + f"renditions/{image.pk}/")


def test_the_article_page_links_its_pictures_to_the_bucket_and_they_load(bucket, client):
    """Every address in the featured picture's <picture> is in the bucket and answers with it."""
    base_url, _ = bucket
    article = ArticleFactory(with_image=True)
    response = client.get(article.get_absolute_url())
    urls = picture_urls(response.content)
    assert len(urls) > 1
    for url in urls:
        assert url.startswith(base_url)
        with urlopen(url, timeout=10) as answer:
            assert answer.status == 200
            start = answer.read(12)
            # WebP, JPEG, or AVIF (an ISO media file whose brand is avif).
            assert start[:4] in (b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb") or (
                start[4:12] == b"ftypavif"
            )


def test_two_uploads_with_one_name_are_two_pictures(bucket):
    """The bucket never overwrites: a second photo.jpg keeps the first one's file intact."""
    _, keys = bucket
    first = Image.objects.create(
        file=uploaded_image("photo.jpg", width=500, height=300), alt_text="First"
    )
    second = Image.objects.create(
        file=uploaded_image("photo.jpg", width=600, height=300), alt_text="Second"
    )
    assert first.file.name != second.file.name
    assert {first.file.name, second.file.name} <= set(keys())
    with first.file.open("rb") as stored, PILImage.open(stored) as picture:
        assert picture.width == 500


def test_wordpress_featured_images_are_imported_into_the_bucket(bucket, tmp_path):
    """The import reads pictures from --media-dir on this machine and stores them in the bucket."""
    _, keys = bucket
    media = tmp_path / "uploads"
    (media / "2024" / "03").mkdir(parents=True)
    (media / "2024" / "03" / "council.jpg").write_bytes(uploaded_image(width=800).read())
    path = write(tmp_path, export(
        post(1, meta={"_thumbnail_id": "10"}),
        post(10, "The council chamber", "council", post_type="attachment", status="inherit",
             attachment_url="https://old.example.com/wp-content/uploads/2024/03/council.jpg"),
    ))  # fmt: skip
    run(path, media_dir=media)
    image = Article.objects.get(wp_post_id=1).featured_image
    assert image.file.name in keys()
    assert {rendition["name"] for rendition in image.renditions} <= set(keys())


def test_demo_pictures_are_drawn_into_the_bucket(bucket):
    """The demo content's illustrations go through the same storage as uploads."""
    _, keys = bucket
    image = save_picture(draw("skyline", 1), "skyline.jpg", alt_text="A skyline")
    assert image.file.name in keys()
    assert default_storage.exists(image.renditions[0]["name"])

import re
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PILImage

from articles.desk.forms import ImageForm
from articles.models import Image
from newsroom.staff.roles import setup_roles
from tests.factories import ImageFactory, image_bytes
from tests.helpers import client_for, staff

pytestmark = pytest.mark.django_db


def upload(name, content, content_type="image/jpeg", alt_text="A harbour at dawn"):
    return ImageForm(
        data={"alt_text": alt_text, "caption": "", "credit": ""},
        files={"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def encoded(image_format, size=(64, 48), mode="RGB"):
    buffer = BytesIO()
    PILImage.new(mode, size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def truncated_jpeg():
    """A real photo-like JPEG cut off half-way, as an interrupted upload leaves it."""
    buffer = BytesIO()
    PILImage.effect_noise((400, 300), 60).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"Minutes of the council meeting, not a picture.", "not a picture we can"),
        ("photo.jpg", truncated_jpeg(), "not a picture we can read"),
        ("photo.png", encoded("PNG")[:60], "not a picture we can read"),
        ("scan.bmp", encoded("BMP"), "BMP pictures are not accepted"),
        ("scan.tif", encoded("TIFF"), "TIFF pictures are not accepted"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "not a picture we can read"),
        ("empty.jpg", b"", "empty"),
    ],
    ids=["text-as-jpg", "truncated-jpeg", "truncated-png", "bmp", "tiff", "html-as-jpg", "empty"],
)
def test_bad_files_get_a_clear_form_error(name, content, message):
    """Disguised, damaged and unsupported files are refused on the file field; nothing saved."""
    form = upload(name, content)
    assert not form.is_valid()
    assert message in " ".join(form.errors["file"])
    assert form.data["alt_text"] == "A harbour at dawn"
    assert not Image.objects.exists()


def test_picture_with_too_many_pixels_is_refused(settings):
    """The pixel limit is checked before the picture is decoded."""
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 100 * 100
    form = upload("big.png", encoded("PNG", size=(200, 100)), "image/png")
    assert not form.is_valid()
    assert "too many pixels" in form.errors["file"][0]


def test_file_over_the_size_limit_is_refused(settings):
    """Uploads larger than NEWSROOM_IMAGE_MAX_BYTES are refused with the limit in MB."""
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1024 * 1024
    content = image_bytes(3000, 2000, image_format="PNG")
    assert len(content) < 1024 * 1024
    noisy = BytesIO()
    PILImage.effect_noise((1200, 1000), 100).convert("RGB").save(noisy, format="PNG")
    form = upload("noisy.png", noisy.getvalue(), "image/png")
    assert not form.is_valid()
    assert "the limit is 1 MB" in form.errors["file"][0]


def test_alt_text_is_required():
    """A picture without a description for blind readers is not accepted."""
    form = upload("photo.jpg", image_bytes(400, 300), alt_text="")
    assert not form.is_valid()
    assert "alt_text" in form.errors


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [
        ("photo.jpg", "JPEG", "image/jpeg"),
        ("chart.png", "PNG", "image/png"),
        ("photo.webp", "WEBP", "image/webp"),
        ("logo.gif", "GIF", "image/gif"),
    ],
)
def test_accepted_formats_are_saved_with_renditions(name, image_format, content_type):
    """JPEG, PNG, WebP and GIF are accepted; AVIF, WebP and original-format copies are made
    once, whole and cut to each shape."""
    form = upload(name, image_bytes(1000, 500, image_format=image_format), content_type)
    assert form.is_valid(), form.errors
    image = form.save()
    image.refresh_from_db()
    assert (image.width, image.height) == (1000, 500)
    whole = [r for r in image.renditions if not r["crop"]]
    assert sorted({r["width"] for r in whole}) == [400, 800, 1000]
    assert sorted({r["width"] for r in image.renditions if r["crop"] == "1:1"}) == [200, 400, 500]
    formats = {r["format"] for r in image.renditions}
    assert formats == {"avif", "webp", image_format.lower()}
    for rendition in image.renditions:
        assert default_storage.exists(rendition["name"])
        with default_storage.open(rendition["name"]) as stored, PILImage.open(stored) as copy:
            assert copy.width == rendition["width"]
            assert copy.format == rendition["format"].upper()


def test_renditions_are_made_once_and_redone_for_a_new_file():
    """Saving again keeps the renditions; replacing the picture makes new ones."""
    image = ImageFactory(small=True)
    first = list(image.renditions)
    image.caption = "New caption"
    image.save()
    assert image.renditions == first
    image.file = SimpleUploadedFile("replacement.png", image_bytes(600, 600, image_format="PNG"))
    image.save()
    new_stem = Path(image.file.name).stem
    assert {r["name"] for r in image.renditions}.isdisjoint({r["name"] for r in first})
    assert all(Path(r["name"]).name.startswith(f"{new_stem}-") for r in image.renditions)
    assert {r["format"] for r in image.renditions} == {"avif", "webp", "png"}


def render_picture(image, arguments=""):
    template = Template("{% load news %}{% picture image " + arguments + " %}")
    return BeautifulSoup(template.render(Context({"image": image})), "html.parser")


def test_picture_tag_offers_avif_webp_and_the_original_format():
    """<picture> with AVIF and WebP <source>s, best first, and an <img> whose srcset holds the
    JPEG copies for browsers that read neither."""
    image = ImageFactory(alt_text="Delegates at the summit", large=True)
    soup = render_picture(image, 'sizes="50vw"')
    avif, webp = soup.picture.find_all("source")
    img = soup.picture.img
    assert (avif["type"], webp["type"]) == ("image/avif", "image/webp")
    for source, extension in ((avif, ".avif"), (webp, ".webp")):
        assert [part.split()[1] for part in source["srcset"].split(", ")] == [
            "400w", "800w", "1200w", "1600w"
        ]  # fmt: skip
        assert all(part.split()[0].endswith(extension) for part in source["srcset"].split(", "))
        assert source["sizes"] == "50vw"
    assert all(part.split()[0].endswith(".jpg") for part in img["srcset"].split(", "))
    assert img["sizes"] == "50vw"
    assert img["src"].endswith("-800w.jpg")
    assert (img["width"], img["height"]) == ("1600", "1000")
    assert img["alt"] == "Delegates at the summit"


def test_picture_tag_lazy_loads_unless_told_the_picture_is_at_the_top():
    """Below the fold: loading=lazy. At the top: fetched at once with high priority."""
    image = ImageFactory(small=True)
    lazy = render_picture(image).img
    assert lazy["loading"] == "lazy" and lazy["decoding"] == "async"
    eager = render_picture(image, 'loading="eager"').img
    assert "loading" not in eager.attrs and eager["fetchpriority"] == "high"


def test_picture_tag_without_renditions_falls_back_to_the_original():
    """A picture whose copies are missing still shows, at its own size."""
    image = ImageFactory(small=True)
    Image.objects.filter(pk=image.pk).update(renditions=[])
    image.refresh_from_db()
    soup = render_picture(image)
    assert soup.picture.source is None
    assert soup.img["src"] == image.file.url
    assert (soup.img["width"], soup.img["height"]) == ("480", "320")


def picture_in_mode(image_format, mode, **save_options):
    buffer = BytesIO()
    picture = PILImage.new(mode, (500, 300))
    picture.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cmyk.jpg", picture_in_mode("JPEG", "CMYK")),
        ("grey.jpg", picture_in_mode("JPEG", "L")),
        ("alpha.png", picture_in_mode("PNG", "RGBA")),
        ("grey-alpha.png", picture_in_mode("PNG", "LA")),
        ("palette.png", picture_in_mode("PNG", "P", transparency=0)),
        ("deep.png", picture_in_mode("PNG", "I;16")),
        ("palette.gif", picture_in_mode("GIF", "P")),
        ("alpha.webp", picture_in_mode("WEBP", "RGBA")),
    ],
)
def test_pictures_in_any_colour_mode_get_renditions(name, content):
    """Print-ready CMYK, greyscale, transparent and 16-bit pictures are all resized."""
    form = upload(name, content, content_type="application/octet-stream")
    assert form.is_valid(), form.errors
    image = form.save()
    assert {r["width"] for r in image.renditions if not r["crop"]} == {400, 500}
    assert all(default_storage.exists(r["name"]) for r in image.renditions)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("holiday.jpg", b"%PDF-1.4 a document renamed", "not a picture we can read"),
        ("scan.bmp", encoded("BMP"), "BMP pictures are not accepted"),
    ],
    ids=["disguised", "bmp"],
)
def test_admin_upload_of_a_bad_file_says_what_to_do_and_keeps_the_text(name, content, message):
    """The admin's picture form shows the upload error on the file and keeps what was typed."""
    setup_roles(note=lambda line: None)
    editor = staff("Editor", "edna")
    response = client_for(editor).post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile(name, content),
            "alt_text": "Ferry at the pier",
            "caption": "The morning ferry",
        },
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in soup.select_one(".field-file .errorlist").get_text()
    assert soup.find("input", {"name": "alt_text"})["value"] == "Ferry at the pier"
    assert not Image.objects.exists()


def test_phone_photo_turned_by_its_exif_tag_gets_upright_sizes():
    """A portrait phone photo stored sideways (EXIF orientation) is sized as readers see it."""
    buffer = BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show the picture rotated 90°.
    PILImage.new("RGB", (1000, 600), (20, 120, 60)).save(buffer, format="JPEG", exif=exif)
    form = upload("portrait.jpg", buffer.getvalue())
    assert form.is_valid(), form.errors
    image = form.save()
    image.refresh_from_db()
    assert (image.width, image.height) == (600, 1000)
    img = render_picture(image).picture.img
    assert (img["width"], img["height"]) == ("600", "1000")
    assert all(r["height"] > r["width"] for r in image.renditions if not r["crop"])
    edit = ImageForm(
        data={
            "alt_text": "A portrait",
            "caption": "Now with a caption",
            "credit": "",
            "focal_x": 50,
            "focal_y": 50,
        },
        instance=image,
    )
    edit.save()
    image.refresh_from_db()
    assert (image.width, image.height) == (600, 1000)


def test_editor_changes_a_stored_pictures_caption_in_the_admin():
    """Saving a picture's new caption, without uploading again, is stored (it used to fail)."""
    setup_roles(note=lambda line: None)
    image = ImageFactory(alt_text="Harbour cranes", caption="Old caption")
    response = client_for(staff("Editor", "edna")).post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {
            "alt_text": "Harbour cranes",
            "caption": "Cranes at dawn",
            "credit": "",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Cranes at dawn"


def png_claiming(width, height):
    """A small PNG whose header claims width x height pixels, as a decompression bomb does."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + width // 8) * 8)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_gets_the_pixel_limit_message():
    """Past what Pillow agrees to open at all, the message is still the pixel limit's."""
    form = upload("bomb.png", png_claiming(20_000, 20_000), "image/png")
    assert not form.is_valid()
    assert form.errors["file"] == [
        "This picture has too many pixels (the limit is 40 megapixels). Resize it first."
    ]
    assert not Image.objects.exists()


def test_a_decompression_bomb_in_the_admin_is_refused_with_the_pixel_limit(editor):
    response = client_for(editor).post(
        reverse("admin:articles_image_add"),
        {"file": SimpleUploadedFile("bomb.png", png_claiming(20_000, 20_000)), "alt_text": "x"},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "too many pixels" in soup.select_one(".field-file .errorlist").get_text()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("uploaded_as", "content", "alt_text", "stored_as"),
    [
        ("a.php.png", encoded("PNG"), "Harbour at dawn", "harbour-at-dawn.png"),
        (
            "x22img_srcx_onerroralert1.png",
            encoded("PNG"),
            "<img src=x onerror=alert(1)>",
            "img-srcx-onerroralert1.png",
        ),
        ("holiday.png", encoded("JPEG"), "Ferry leaving the pier", "ferry-leaving-the-pier.jpg"),
        ("photo.JPG", encoded("WEBP"), "Market square", "market-square.webp"),
    ],
    ids=["double-extension", "hostile-name", "jpeg-named-png", "webp-named-jpg"],
)
def test_uploads_are_stored_under_a_name_we_make(uploaded_as, content, alt_text, stored_as):
    """The slug of the alt text and a short id, with the extension of the format it really is."""
    form = upload(uploaded_as, content, alt_text=alt_text)
    assert form.is_valid(), form.errors
    image = form.save()
    folder, name = image.file.name.rsplit("/", 1)
    assert folder.startswith("images/20")
    stem, extension = stored_as.split(".")
    assert re.fullmatch(rf"{stem}-[0-9a-f]{{6}}\.{extension}", name), name
    assert default_storage.exists(image.file.name)


def test_an_upload_with_no_words_to_name_it_gets_a_random_id():
    form = upload("a.php.png", encoded("PNG"), alt_text="!!!")
    assert form.is_valid(), form.errors
    stem, extension = form.save().file.name.rsplit("/", 1)[1].split(".")
    assert len(stem) == 16
    assert int(stem, 16) >= 0
    assert extension == "png"

"""Upload checks and resized copies (renditions) of the pictures editors upload."""

import uuid
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError, features

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (400, 800, 1200, 1600)
# A strip longer than this (a wide panorama is about 6:1) cannot be shown in a story, and is
# what hand-made hostile files look like (a GIF whose width bytes are "/*" of a script).
MAX_ASPECT_RATIO = 20
# How a PNG or GIF file ends: data after the picture is not a picture (it is how a file is
# made to be both a GIF and a script). Not checked for JPEG: phones append motion-photo video.
FORMAT_ENDINGS = {"PNG": b"IEND\xaeB`\x82", "GIF": b";"}
# Also the upload form's message for a file Django's own check cannot open (ImageForm), so a
# disguised or damaged file reads the same whichever check finds it.
UNREADABLE_MESSAGE = (
    "This file is not a picture we can read (it may be damaged, or another kind of file "
    "renamed). Upload a JPEG, PNG, WebP or GIF."
)


def validate_image_file(file):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF within the size limits."""
    if getattr(file, "_committed", False):
        # Already stored, so checked when it was uploaded: editing a caption must not read
        # (or trip over) the stored file again.
        return
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            "This file is %(size)s MB; the limit is %(limit)s MB. Export a smaller version.",
            params={"size": round(file.size / 1048576, 1), "limit": max_bytes // 1048576},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            image_format = picture.format
            width, height = picture.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "%(format)s pictures are not accepted. Upload a JPEG, PNG, WebP or GIF.",
                    params={"format": image_format or "This kind of"},
                    code="format",
                )
            # Checked before decoding, so an oversized picture never reaches memory.
            if width * height > max_pixels:
                raise _too_many_pixels(max_pixels)
            if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
                raise ValidationError(
                    "This picture is %(width)s x %(height)s pixels: too long and thin to show "
                    "in a story. Crop it to at most %(ratio)s times as wide as it is high, or "
                    "as high as it is wide.",
                    params={"width": width, "height": height, "ratio": MAX_ASPECT_RATIO},
                    code="shape",
                )
            # A file cut short is damaged (verify), not one with something after the picture.
            picture.verify()
            _nothing_after_the_picture(file, image_format)
        # verify() only reads the headers of most formats; decoding finds a file cut short.
        file.seek(0)
        with PILImage.open(file) as picture:
            picture.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
            picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(UNREADABLE_MESSAGE, code="unreadable") from exc
    except PILImage.DecompressionBombError as exc:
        raise _too_many_pixels(max_pixels) from exc
    finally:
        file.seek(position)


class PictureField(forms.ImageField):
    """Django's ImageField, with our checks first: a file Pillow refuses to open for its size
    (a decompression bomb) gets the pixel-limit message, not "not a picture we can read"."""

    def to_python(self, data):
        # Django's own checks of any file first (none sent, empty, name too long).
        if forms.FileField.to_python(self, data) is not None:
            validate_image_file(data)
        return super().to_python(data)


def detected_extension(file):
    """The extension of the format the file is, by its content; None when it cannot be read."""
    if file is None:
        return None
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            return ALLOWED_FORMATS.get(picture.format)
    except (OSError, SyntaxError, ValueError, EOFError, PILImage.DecompressionBombError):
        return None
    finally:
        file.seek(position)


def stored_name(file, title, uploaded_name=""):
    """Where an upload is kept, under a name we make, never the one it came with: the slug of
    what it shows and a short random id (or a longer one alone), with the extension of the
    format it really is. Each upload's name is new, so are its renditions' (see
    renditions_are_current), and a CDN never serves an older picture under it."""
    slug = slugify(title)[:60].strip("-")
    stem = f"{slug}-{uuid.uuid4().hex[:6]}" if slug else uuid.uuid4().hex[:16]
    extension = detected_extension(file)
    if extension is None:
        # Unread (only code that skips the upload checks gets here): a name that runs nowhere.
        given = PurePosixPath(uploaded_name).suffix.lower().lstrip(".")
        extension = given if given in ALLOWED_FORMATS.values() else "bin"
    return f"images/{timezone.now():%Y/%m}/{stem}.{extension}"


def _nothing_after_the_picture(file, image_format):
    ending = FORMAT_ENDINGS.get(image_format)
    if ending is None:
        return
    file.seek(0, 2)
    file.seek(max(file.tell() - len(ending), 0))
    if file.read() != ending:
        raise ValidationError(
            "This file has something else hidden after the picture. Open it in an image "
            "editor and export it again as a JPEG, PNG, WebP or GIF.",
            code="trailing_data",
        )


def _too_many_pixels(max_pixels):
    return ValidationError(
        "This picture has too many pixels (the limit is %(limit)s megapixels). Resize it first.",
        params={"limit": max_pixels // 1_000_000},
        code="too_many_pixels",
    )


# The shapes pictures are cut to, each around the picture's subject (its focal point): wide
# cards and search engines' 16:9, 4:3 and square thumbnails, and the 1.91:1 of link previews.
CROPS = {"16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1), "1.91:1": (191, 100)}
CROP_WIDTHS = {"16:9": (400, 800, 1200), "4:3": (200, 400, 800, 1200), "1:1": (200, 400, 800, 1200)}
# Link previews: one copy, in a format every social network reads.
SHARE_CROP = "1.91:1"
SHARE_IMAGE_WIDTH = 1200


def modern_formats():
    """The formats every copy is also made in, best first: AVIF (half the bytes of a JPEG)
    when this Pillow can write it, and WebP, which every browser of the last years reads."""
    return ("AVIF", "WEBP") if features.check("avif") else ("WEBP",)


def crop_box(width, height, ratio, focal_x=50, focal_y=50):
    """The largest (left, top, right, bottom) of `ratio` (w, h) inside a width x height
    picture, centred on the focal point (percentages) as far as the picture allows."""
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:
        box_w, box_h = max(round(height * ratio_w / ratio_h), 1), height
    else:
        box_w, box_h = width, max(round(width * ratio_h / ratio_w), 1)
    left = min(max(round(width * focal_x / 100 - box_w / 2), 0), width - box_w)
    top = min(max(round(height * focal_y / 100 - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _widths(available, wanted):
    widths = [width for width in wanted if width < available]
    if available <= wanted[-1]:
        widths.append(available)
    return widths


def wanted_renditions(image, original_format):
    """Every copy the picture should have now: [{crop, width, height, format, name, box}].

    Names say what a copy is (the upload, its shape, the focal point for a cut, its width), so
    a moved focal point gives new addresses, which no CDN or browser has kept an old cut under.
    """
    stem = PurePosixPath(image.file.name).stem
    formats = (*modern_formats(), original_format)
    wanted = []

    def add(crop, box, widths, formats, label):
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        for width in widths:
            height = max(round(box_h * width / box_w), 1)
            for image_format in formats:
                extension = ALLOWED_FORMATS.get(image_format) or image_format.lower()
                wanted.append(
                    {
                        "crop": crop,
                        "width": width,
                        "height": height,
                        "format": image_format.lower(),
                        "name": f"renditions/{image.pk}/{stem}-{label}{width}w.{extension}",
                        "box": box,
                    }
                )

    whole = (0, 0, image.width, image.height)
    add("", whole, _widths(image.width, RENDITION_WIDTHS), formats, "")
    focus = f"at-{image.focal_x}-{image.focal_y}-"
    for crop, ratio in CROPS.items():
        box = crop_box(image.width, image.height, ratio, image.focal_x, image.focal_y)
        label = f"{crop.replace(':', 'x').replace('.', '_')}-{focus}"
        if crop == SHARE_CROP:
            add(crop, box, [min(box[2] - box[0], SHARE_IMAGE_WIDTH)], [original_format], label)
        else:
            add(crop, box, _widths(box[2] - box[0], CROP_WIDTHS[crop]), formats, label)
    return wanted


def make_renditions(image):
    """Write the copies of an Image it lacks (all of them for a new upload, the cuts for a
    moved focal point), and record them on it."""
    if renditions_are_current(image):
        return image.renditions
    with image.file.open("rb") as source, PILImage.open(source) as original:
        original_format = original.format
        picture = ImageOps.exif_transpose(original)
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
        # Phone photos are often stored sideways with an EXIF note to turn them; the size
        # Django read from the file is then the sideways one, and pages would reserve the
        # wrong shape.
        image.width, image.height = picture.width, picture.height
        made = {rendition["name"] for rendition in image.renditions or []}
        renditions = []
        resized = {}
        for rendition in wanted_renditions(image, original_format):
            box = rendition.pop("box")
            if rendition["name"] not in made:
                size = (rendition["width"], rendition["height"])
                if (box, size) not in resized:
                    resized[box, size] = picture.crop(box).resize(size, PILImage.Resampling.LANCZOS)
                _save(resized[box, size], rendition["name"], rendition["format"].upper())
            renditions.append(rendition)
    image.renditions = renditions
    type(image).objects.filter(pk=image.pk).update(
        renditions=renditions, width=image.width, height=image.height
    )
    return renditions


def renditions_are_current(image):
    """True when the recorded renditions are those of the picture the Image holds now, cut
    around its focal point now."""
    if not image.renditions or not image.file or not image.width:
        return False
    fallback = [r for r in image.renditions if r.get("crop", "") == SHARE_CROP]
    if not fallback:
        return False
    wanted = wanted_renditions(image, fallback[0]["format"].upper())
    return {r["name"] for r in wanted} == {r["name"] for r in image.renditions}


# Copies are made while the editor waits for the upload. On the demo's pictures these encoder
# speeds take a third of the time of the defaults (AVIF speed 8, WebP method 4) for files 2-5%
# larger at the same look.
QUALITY = {
    "JPEG": {"quality": 82},
    "WEBP": {"quality": 82, "method": 2},
    "AVIF": {"quality": 56, "speed": 9},
}


def _save(picture, path, image_format):
    if image_format == "JPEG" and picture.mode == "RGBA":
        picture = picture.convert("RGB")
    buffer = BytesIO()
    picture.save(buffer, format=image_format, **QUALITY.get(image_format, {}))
    if default_storage.exists(path):
        default_storage.delete(path)
    return default_storage.save(path, ContentFile(buffer.getvalue()))


def copy_for(image, width, crop=""):
    """Which copy of a picture to serve where it needs `width` pixels: the narrowest JPEG, PNG
    or GIF copy (of the `crop`, see copies_of) at least that wide, else the widest copy, else
    the uploaded file itself.

    {"url", "width", "height"}, or None for an Image without a file. The one rule for every
    single picture URL: the page's fallback src, admin thumbnails, link previews.
    """
    if image is None or not image.file:
        return None
    sets = copies_of(image, crop)
    copies = sets["fallback"] or sets["webp"]
    wide_enough = [copy for copy in copies if copy["width"] >= width]
    chosen = (wide_enough or copies[-1:] or [None])[0]
    if chosen is None:
        return {"url": image.file.url, "width": image.width, "height": image.height}
    return {
        "url": default_storage.url(chosen["name"]),
        "width": chosen["width"],
        "height": chosen["height"],
    }


def copies_of(image, crop=""):
    """The srcset candidates of one shape of an Image ("" for the picture as uploaded, or one
    of CROPS), narrowest first: {"avif": [...], "webp": [...], "fallback": [...]} (fallback:
    the upload's own format). A picture whose cuts are not made yet (one uploaded before they
    were) gives its whole copies, which pages fit to the shape as before."""
    sets = {"avif": [], "webp": [], "fallback": []}
    renditions = sorted(image.renditions or [], key=lambda r: r["width"])
    shape = [r for r in renditions if r.get("crop", "") == crop]
    for rendition in shape or [r for r in renditions if not r.get("crop")]:
        kind = rendition["format"] if rendition["format"] in ("avif", "webp") else "fallback"
        sets[kind].append(rendition)
    return sets


def rendition_sets(image):
    """The srcset candidates of an Image as uploaded: (webp list, original-format list),
    narrowest first."""
    sets = copies_of(image)
    return sets["webp"], sets["fallback"]

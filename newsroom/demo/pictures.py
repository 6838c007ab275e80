"""Pictures for the demo stories and bylines, drawn when loading, so the demo ships no files."""

import random
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Image
from newsroom.demo.content import PHOTOGRAPHERS, PICTURES
from newsroom.demo.scenes import draw
from newsroom.demo.scenes.canvas import gradient

# Scenes are drawn at 1600 x 1000 and kept smaller, still wide enough for a story's lead:
# half the pixels to cut and encode (AVIF, WebP, JPEG) for every copy when the demo loads.
STORY_PICTURE_SIZE = (1200, 750)


def story_picture(slug):
    """The story's own picture with its caption and credit, or None for a story without one."""
    if slug not in PICTURES:
        return None
    kind, light, mode, photographer, caption, alt_text = PICTURES[slug]
    return save_picture(
        draw(kind, slug, light, mode).resize(STORY_PICTURE_SIZE, PILImage.Resampling.LANCZOS),
        f"demo-{slug}.jpg",
        alt_text=alt_text,
        caption=caption,
        credit=PHOTOGRAPHERS[photographer],
    )


def save_picture(picture, name, **fields):
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return Image.objects.create(file=ContentFile(buffer.getvalue(), name=name), **fields)


def portrait(seed):
    rng = random.Random(seed)
    background = (rng.randint(60, 120), rng.randint(90, 140), rng.randint(130, 180))
    picture = gradient((600, 600), background, tuple(min(c + 70, 255) for c in background))
    draw = ImageDraw.Draw(picture)
    skin = (214, 170, 140)
    draw.ellipse([90, 400, 510, 820], fill=(40, 40, 60))
    draw.ellipse([200, 140, 400, 380], fill=skin)
    draw.chord([190, 110, 410, 330], 180, 360, fill=(60, 35, 25))
    return picture

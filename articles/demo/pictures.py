"""Illustrations drawn for the demo stories and bylines, so the demo ships no image files."""

import random
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Image

PICTURE_SIZE = (1200, 800)
SECTION_COLOURS = {
    "world": ((28, 64, 112), (238, 170, 110)),
    "politics": ((60, 40, 90), (210, 190, 160)),
    "business": ((18, 52, 60), (90, 190, 160)),
    "science": ((10, 20, 50), (120, 200, 240)),
    "culture": ((90, 20, 50), (250, 200, 90)),
    "sport": ((20, 90, 40), (240, 240, 230)),
}


def picture_description(section):
    return {
        "world": "A city skyline at dusk under an orange sky",
        "politics": "The columns of a civic building in evening light",
        "business": "A chart of rising and falling bars on a dark screen",
        "science": "Circles of light scattered across a night sky",
        "culture": "Spotlights crossing over an empty stage",
        "sport": "The white lines of a playing field seen from above",
    }[section]


def save_picture(picture, name, **fields):
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return Image.objects.create(file=ContentFile(buffer.getvalue(), name=name), **fields)


def gradient(size, top, bottom):
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return picture


def scene(section, seed):
    """A simple illustration for a story, different for every story, in its section's colours."""
    rng = random.Random(seed)
    dark, light = SECTION_COLOURS[section]
    width, height = PICTURE_SIZE
    picture = gradient(PICTURE_SIZE, dark, light)
    draw = ImageDraw.Draw(picture)
    shade = tuple(max(c - 40, 0) for c in dark)
    if section == "world":
        sun = rng.randint(100, 1000)
        draw.ellipse([sun - 90, 380, sun + 90, 560], fill=light)
        x = 0
        while x < width:
            w, h = rng.randint(50, 130), rng.randint(150, 480)
            draw.rectangle([x, height - h, x + w, height], fill=shade)
            for wy in range(height - h + 20, height - 20, 36):
                for wx in range(x + 12, x + w - 12, 26):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 10, wy + 16], fill=(250, 220, 150))
            x += w + rng.randint(0, 14)
    elif section == "politics":
        base = 560
        draw.polygon([(200, 260), (600, 110), (1000, 260)], fill=shade)
        draw.rectangle([180, 260, 1020, 300], fill=shade)
        for column in range(8):
            cx = 230 + column * 105
            draw.rectangle([cx, 310, cx + 44, base], fill=light)
        draw.rectangle([150, base, 1050, base + 40], fill=shade)
        draw.rectangle([110, base + 40, 1090, height], fill=tuple(max(c - 20, 0) for c in dark))
    elif section == "business":
        for gy in range(100, height, 100):
            draw.line([(0, gy), (width, gy)], fill=tuple(min(c + 30, 255) for c in dark), width=2)
        bars = rng.randint(8, 14)
        bar_width = width // (bars * 2)
        for bar in range(bars):
            h = rng.randint(120, 600)
            x = bar_width // 2 + bar * bar_width * 2
            draw.rectangle([x, height - h, x + bar_width, height], fill=light)
        points = [(x, rng.randint(150, 500)) for x in range(0, width + 1, 100)]
        draw.line(points, fill=(255, 255, 255), width=8, joint="curve")
    elif section == "science":
        for _ in range(160):
            x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(1, 4)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255))
        for _ in range(6):
            x, y, r = rng.randint(150, 1050), rng.randint(150, 650), rng.randint(40, 140)
            draw.ellipse([x - r, y - r, x + r, y + r], outline=light, width=6)
    elif section == "culture":
        for _ in range(4):
            x = rng.randint(100, 1100)
            draw.polygon([(x, 0), (x - 260, height), (x + 260, height)], fill=light)
        draw.rectangle([0, height - 160, width, height], fill=shade)
        draw.rectangle([0, 0, width, 60], fill=(120, 10, 30))
    else:
        draw.rectangle([60, 60, width - 60, height - 60], outline=light, width=8)
        draw.line([(width // 2, 60), (width // 2, height - 60)], fill=light, width=8)
        draw.ellipse([width // 2 - 110, height // 2 - 110, width // 2 + 110, height // 2 + 110],
                     outline=light, width=8)  # fmt: skip
        bx, by = rng.randint(200, 1000), rng.randint(200, 600)
        draw.ellipse([bx - 22, by - 22, bx + 22, by + 22], fill=(255, 255, 255))
    return picture


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

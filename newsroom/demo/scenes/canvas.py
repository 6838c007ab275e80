"""The canvas every scene is drawn on: its light, its sky and water, and shared props."""

import itertools
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 1000)

# Each light: the top of the sky, the horizon, the sun (or moon), how much windows glow.
LIGHTS = {
    "dawn": ((86, 104, 168), (252, 200, 164), (255, 238, 204), 0.4),
    "day": ((64, 128, 204), (200, 226, 244), (255, 252, 236), 0.0),
    "dusk": ((34, 38, 88), (246, 142, 92), (255, 214, 150), 0.8),
    "night": ((6, 10, 30), (34, 46, 86), (236, 236, 214), 1.0),
    "overcast": ((118, 130, 142), (208, 212, 214), (236, 236, 230), 0.1),
}


FACADES = [
    (168, 74, 58),
    (214, 196, 160),
    (92, 128, 132),
    (190, 140, 90),
    (120, 96, 120),
    (226, 214, 190),
    (140, 60, 52),
    (84, 104, 80),
]


BRIGHT = [
    (224, 68, 60),
    (242, 176, 48),
    (36, 132, 196),
    (40, 160, 110),
    (236, 236, 226),
    (150, 70, 160),
    (250, 120, 40),
    (20, 90, 140),
]


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour, factor):
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def gradient(size, top, bottom):
    """A vertical blend, made by stretching Pillow's 256-step ramp (fast at any size)."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


class Canvas:
    """The picture being drawn, its light and its dice."""

    def __init__(self, light, seed):
        self.rng = random.Random(seed)
        self.light = light
        self.top, self.horizon, self.sun, self.glow = LIGHTS[light]
        self.width, self.height = SIZE
        self.image = gradient(SIZE, self.top, self.horizon)
        self.draw = ImageDraw.Draw(self.image)

    def lit(self, colour, distance=0.0):
        """A colour as this light shows it, faded towards the horizon with distance (0-1)."""
        darken = {"dawn": 0.85, "day": 1.0, "dusk": 0.6, "night": 0.3, "overcast": 0.85}
        colour = shade(colour, darken[self.light])
        if self.light in ("dusk", "dawn"):
            colour = mix(colour, (255, 170, 110), 0.12)
        return mix(colour, self.horizon, distance)

    def sky(self, horizon_y, sun=True, clouds=True):
        band = gradient((self.width, horizon_y), self.top, self.horizon)
        self.image.paste(band, (0, 0))
        if self.light in ("night", "dusk"):
            self.stars(horizon_y, 260 if self.light == "night" else 60)
        if sun:
            self.sun_or_moon(horizon_y)
        if clouds and self.light != "night":
            self.clouds(horizon_y)

    def stars(self, bottom, count):
        for _ in range(count):
            x, y = self.rng.randrange(self.width), self.rng.randrange(int(bottom * 0.85))
            r = self.rng.choice((1, 1, 1, 2, 2, 3))
            level = self.rng.randint(150, 255)
            self.draw.ellipse(
                [x - r, y - r, x + r, y + r], fill=(level, level, min(255, level + 10))
            )

    def sun_or_moon(self, horizon_y):
        rng = self.rng
        x = rng.randint(200, self.width - 200)
        if self.light in ("dawn", "dusk"):
            y, r = horizon_y - rng.randint(20, 90), rng.randint(60, 90)
        elif self.light == "night":
            y, r = rng.randint(110, 260), rng.randint(34, 48)
        elif self.light == "overcast":
            return
        else:
            y, r = rng.randint(100, 220), rng.randint(46, 60)
        self.soft_glow(x, y, r * 4, self.sun, 110)
        self.draw.ellipse([x - r, y - r, x + r, y + r], fill=self.sun)

    def soft_glow(self, x, y, radius, colour, strength):
        mask = Image.new("L", SIZE, 0)
        ImageDraw.Draw(mask).ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=strength
        )
        mask = mask.filter(ImageFilter.BoxBlur(radius // 2))
        self.image.paste(Image.new("RGB", SIZE, colour), (0, 0), mask)

    def clouds(self, horizon_y):
        rng = self.rng
        layer = Image.new("L", SIZE, 0)
        draw = ImageDraw.Draw(layer)
        for _ in range(rng.randint(3, 7)):
            cx, cy = rng.randint(-100, self.width), rng.randint(60, max(120, horizon_y - 120))
            for _ in range(rng.randint(5, 9)):
                w, h = rng.randint(90, 220), rng.randint(40, 80)
                x, y = cx + rng.randint(-160, 160), cy + rng.randint(-30, 20)
                draw.ellipse([x - w, y - h, x + w, y + h], fill=rng.randint(120, 200))
        layer = layer.filter(ImageFilter.BoxBlur(22))
        colour = (
            mix(self.sun, (255, 255, 255), 0.5) if self.light != "overcast" else (228, 230, 232)
        )
        self.image.paste(Image.new("RGB", SIZE, colour), (0, 0), layer)

    def ridge(self, base, amplitude, colour, roughness=0.55, steps=7, left=0, right=None):
        """A line of hills or mountains from midpoint displacement, filled down to the bottom."""
        right = self.width if right is None else right
        points = [base + self.rng.uniform(-amplitude, amplitude) for _ in range(2)]
        spread = amplitude
        for _ in range(steps):
            spread *= roughness
            refined = []
            for a, b in itertools.pairwise(points):
                refined += [a, (a + b) / 2 + self.rng.uniform(-spread, spread)]
            points = [*refined, points[-1]]
        step = (right - left) / (len(points) - 1)
        outline = [(left + i * step, y) for i, y in enumerate(points)]
        self.draw.polygon([*outline, (right, self.height), (left, self.height)], fill=colour)
        return outline

    def peaks(self, base, height, colour, count=5, slope=0.9, left=0, right=None):
        """Mountains: a few peaks with straight-ish flanks, roughened, filled to the bottom."""
        right = self.width if right is None else right
        tops = [
            (self.rng.uniform(left, right), height * self.rng.uniform(0.4, 1.0))
            for _ in range(count)
        ]
        outline, roughness = [], 0.0
        for x in range(int(left), int(right) + 1, 8):
            roughness = max(-18.0, min(18.0, roughness + self.rng.uniform(-6, 6)))
            rise = max([h - slope * abs(x - px) for px, h in tops] + [0])
            taper = (
                1.0
                if right - left >= self.width
                else math.sin(math.pi * (x - left) / (right - left))
            )
            outline.append((x, base - (rise + roughness * min(rise, 60) / 60) * taper))
        self.draw.polygon([*outline, (right, self.height), (left, self.height)], fill=colour)
        return outline

    def water(self, top, colour):
        """Water from `top` down, mirroring what stands above it, broken into ripples."""
        height = self.height - top
        above = self.image.crop((0, max(0, top - height), self.width, top))
        reflection = above.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((self.width, height))
        reflection = reflection.filter(ImageFilter.BoxBlur(3))
        base = gradient((self.width, height), mix(colour, self.horizon, 0.3), shade(colour, 0.7))
        self.image.paste(Image.blend(base, reflection, 0.45), (0, top))
        for _ in range(160):
            y = top + int(height * self.rng.random() ** 1.6)
            x = self.rng.randrange(self.width)
            length = 20 + (y - top) * self.rng.uniform(0.2, 0.6)
            tone = mix(colour, self.sun, 0.55) if self.rng.random() < 0.5 else shade(colour, 0.6)
            self.draw.line([(x, y), (x + length, y)], fill=tone, width=1 + (y - top) // 120)

    def finish(self):
        """Grain and a vignette, as a camera would leave them."""
        noise = Image.effect_noise((self.width // 2, self.height // 2), 40).resize(SIZE)
        grain = Image.merge("RGB", (noise, noise, noise))
        image = Image.blend(self.image, grain, 0.045)
        vignette = (
            Image.radial_gradient("L")
            .resize((int(self.width * 1.5), int(self.height * 1.5)))
            .crop(
                (
                    self.width // 4,
                    self.height // 4,
                    self.width // 4 + self.width,
                    self.height // 4 + self.height,
                )
            )
        )
        vignette = vignette.point(lambda v: max(0, v - 110) * 0.6)
        return Image.composite(Image.new("RGB", SIZE, (10, 10, 20)), image, vignette)


def windows(c, box, distance, columns_apart=26, rows_apart=34, size=(12, 18)):
    left, top, right, bottom = box
    lit_colour, dark_colour = (255, 214, 140), c.lit((150, 170, 190), distance)
    for wy in range(int(top) + 16, int(bottom) - 20, rows_apart):
        for wx in range(int(left) + 10, int(right) - size[0] - 6, columns_apart):
            glow = c.rng.random() < c.glow * 0.55
            colour = mix(lit_colour, c.horizon, distance * 0.6) if glow else dark_colour
            c.draw.rectangle([wx, wy, wx + size[0], wy + size[1]], fill=colour)


def tree(c, x, base, height):
    c.draw.rectangle([x - 10, base - height // 2, x + 10, base], fill=c.lit((80, 60, 40)))
    leaf = c.lit(c.rng.choice(((60, 110, 60), (80, 120, 50), (50, 90, 60))))
    for _ in range(7):
        r = c.rng.randint(height // 5, height // 3)
        ox, oy = c.rng.randint(-height // 5, height // 5), c.rng.randint(-height // 5, height // 8)
        cy = base - height * 0.65 + oy
        c.draw.ellipse(
            [x + ox - r, cy - r, x + ox + r, cy + r], fill=shade(leaf, c.rng.uniform(0.85, 1.1))
        )


def figure(c, x, base, height, colour):
    """A person seen from a distance: head, body, arms and legs."""
    unit = height / 8
    skin = shade((200, 150, 120), 1.0 if sum(colour) > 120 else 0.2)
    legs = shade(colour, 0.45)
    c.draw.line(
        [(x - unit * 0.4, base - unit * 3.6), (x - unit * 0.6, base)],
        fill=legs,
        width=max(2, int(unit * 0.5)),
    )
    c.draw.line(
        [(x + unit * 0.4, base - unit * 3.6), (x + unit * 0.8, base)],
        fill=legs,
        width=max(2, int(unit * 0.5)),
    )
    for side in (-1, 1):
        c.draw.line(
            [
                (x + side * unit * 0.8, base - unit * 6.4),
                (x + side * unit * 1.6, base - unit * 4.2),
            ],
            fill=colour,
            width=max(2, int(unit * 0.45)),
        )
    c.draw.rounded_rectangle(
        [x - unit, base - unit * 6.8, x + unit, base - unit * 3.4], int(unit * 0.4), fill=colour
    )
    c.draw.ellipse([x - unit * 0.6, base - unit * 8, x + unit * 0.6, base - unit * 6.8], fill=skin)

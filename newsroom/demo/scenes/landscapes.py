"""Scenes out of town: harbours, rivers, mountains, islands, fields, night skies, trains."""

import math

from PIL import Image, ImageDraw, ImageFilter

from newsroom.demo.scenes.canvas import BRIGHT, FACADES, SIZE, mix, shade, tree, windows


def harbour(c, mode=""):
    horizon = int(c.height * 0.56)
    c.sky(horizon)
    c.ridge(horizon - 30, 40, c.lit((90, 110, 130), 0.6), steps=6)
    quay = horizon + 40
    c.draw.rectangle([0, horizon, c.width, quay], fill=c.lit((70, 74, 80), 0.3))
    # Stacks of containers along the quay.
    x = c.rng.randint(-40, 40)
    while x < c.width:
        stack = c.rng.randint(1, 5)
        for level in range(stack):
            colour = c.lit(c.rng.choice([*BRIGHT[:4], (180, 80, 50), (70, 100, 140)]), 0.25)
            top = quay - 26 * (level + 1)
            c.draw.rectangle([x, top, x + 88, top + 24], fill=colour)
            for rib in range(x + 6, x + 86, 8):
                c.draw.line([(rib, top + 3), (rib, top + 21)], fill=shade(colour, 0.8))
        x += 92 if c.rng.random() < 0.8 else 160
    # Gantry cranes over the water, booms reaching out towards the viewer's side.
    crane = c.lit(c.rng.choice(((210, 70, 50), (40, 90, 150), (220, 220, 215))), 0.1)
    for cx in sorted(c.rng.sample(range(120, c.width - 200, 90), c.rng.randint(3, 5))):
        height = c.rng.randint(300, 380)
        top = quay - height
        for leg in (cx, cx + 90):
            c.draw.line([(leg, quay), (leg + 20, top)], fill=crane, width=10)
        c.draw.line([(cx - 120, top), (cx + 230, top)], fill=crane, width=14)
        c.draw.line([(cx + 55, top), (cx + 55, top - 70)], fill=crane, width=8)
        c.draw.line([(cx + 55, top - 70), (cx - 120, top)], fill=crane, width=3)
        c.draw.line([(cx + 55, top - 70), (cx + 230, top)], fill=crane, width=3)
        c.draw.rectangle([cx + 10, top + 8, cx + 50, top + 36], fill=shade(crane, 0.8))
    c.water(quay, (30, 70, 100))
    # A ship at the quay.
    if mode != "empty":
        sx = c.rng.randint(-200, 500)
        hull = c.lit((40, 44, 58), 0.05)
        c.draw.polygon(
            [(sx, quay + 20), (sx + 900, quay + 20), (sx + 860, quay + 110), (sx + 40, quay + 110)],
            fill=hull,
        )
        c.draw.rectangle([sx + 700, quay - 110, sx + 820, quay + 20], fill=c.lit((230, 230, 226)))
        windows(c, (sx + 700, quay - 110, sx + 820, quay + 10), 0, 24, 26, (14, 10))
        for bx in range(sx + 40, sx + 680, 46):
            for level in range(c.rng.randint(1, 3)):
                colour = c.lit(c.rng.choice(BRIGHT[:4]), 0.1)
                top = quay + 18 - 24 * (level + 1)
                c.draw.rectangle([bx, top, bx + 44, top + 22], fill=colour)


def river(c, mode=""):
    horizon = int(c.height * 0.5)
    c.sky(horizon)
    c.ridge(horizon - 20, 60, c.lit((100, 120, 110), 0.65), steps=6)
    bank = horizon + 60
    c.ridge(bank - 30, 20, c.lit((90, 120, 70), 0.35), steps=5)
    if mode != "wild":
        # The old town on the far bank: gabled houses and a spire.
        x = c.rng.randint(100, 300)
        end = x + c.rng.randint(700, 1100)
        while x < end:
            w, h = c.rng.randint(50, 90), c.rng.randint(60, 120)
            colour = c.lit(c.rng.choice(FACADES), 0.3)
            c.draw.rectangle([x, bank - h, x + w, bank], fill=colour)
            c.draw.polygon(
                [(x - 4, bank - h), (x + w + 4, bank - h), (x + w // 2, bank - h - 40)],
                fill=c.lit((120, 60, 50), 0.3),
            )
            windows(c, (x, bank - h + 8, x + w, bank), 0.3, 20, 28, (8, 12))
            if c.rng.random() < 0.12:
                c.draw.polygon(
                    [
                        (x + w // 2 - 16, bank - h - 20),
                        (x + w // 2 + 16, bank - h - 20),
                        (x + w // 2, bank - h - 180),
                    ],
                    fill=c.lit((90, 100, 100), 0.3),
                )
            x += w + c.rng.randint(0, 6)
        # The flood wall along the bank.
        c.draw.rectangle([0, bank - 6, c.width, bank + 16], fill=c.lit((150, 150, 145), 0.2))
        for post in range(0, c.width, 120):
            c.draw.rectangle([post, bank - 14, post + 10, bank + 16], fill=c.lit((90, 96, 100)))
    c.water(bank + 16, (70, 90, 90) if c.light == "overcast" else (50, 90, 110))
    # Reeds at the near bank.
    for _ in range(90 if mode == "wild" else 30):
        x = c.rng.randrange(c.width)
        if mode != "wild" and 300 < x < c.width - 300:
            continue
        h = c.rng.randint(60, 200)
        lean = c.rng.randint(-30, 30)
        c.draw.line([(x, c.height), (x + lean, c.height - h)], fill=c.lit((60, 80, 40)), width=4)
        if c.rng.random() < 0.3:
            c.draw.ellipse(
                [x + lean - 6, c.height - h - 30, x + lean + 6, c.height - h],
                fill=c.lit((110, 80, 50)),
            )
    if mode == "wild":
        ox, oy = c.rng.randint(400, 1100), c.rng.randint(bank + 120, c.height - 150)
        otter = c.lit((70, 50, 36))
        c.draw.ellipse([ox, oy, ox + 160, oy + 50], fill=otter)
        c.draw.ellipse([ox + 130, oy - 30, ox + 200, oy + 30], fill=otter)
        c.draw.ellipse([ox + 180, oy - 4, ox + 188, oy + 4], fill=(20, 20, 20))
        for ring in range(1, 4):
            c.draw.ellipse(
                [ox - ring * 40, oy + 20 - ring * 8, ox + 200 + ring * 40, oy + 60 + ring * 8],
                outline=c.lit((170, 190, 200), 0.2),
                width=2,
            )


def mountains(c, mode=""):
    horizon = int(c.height * 0.62)
    c.sky(horizon, clouds=True)
    tones = ((120, 130, 160), (90, 110, 120), (70, 100, 80), (60, 86, 56))
    for layer, distance in enumerate((0.6, 0.45, 0.3, 0.1)):
        base = int(c.height * (0.5 + layer * 0.09))
        colour = c.lit(tones[layer], distance)
        outline = c.peaks(base, 320 - layer * 70, colour, count=6 - layer, slope=0.8 + layer * 0.3)
        if layer == 0:
            snowline = min(y for _, y in outline) + 110
            snow = [(x, max(y, snowline)) for x, y in outline]
            c.draw.polygon([*outline, *reversed(snow)], fill=mix((250, 250, 255), c.horizon, 0.25))
    # A road winding down to the valley, with a convoy on it.
    road = c.lit((170, 150, 120), 0.05)
    points = []
    for i in range(40):
        t = i / 39
        points.append(
            (c.width * (0.15 + 0.7 * t) + math.sin(t * 9) * 140, c.height * (0.7 + 0.3 * t))
        )
    c.draw.line(points, fill=road, width=18, joint="curve")
    for i in range(5, 35, c.rng.randint(4, 6)):
        x, y = points[i]
        truck = c.lit((240, 240, 236) if mode == "aid" else BRIGHT[i % len(BRIGHT)])
        c.draw.rectangle([x - 22, y - 28, x + 22, y - 4], fill=truck)
        c.draw.rectangle([x + 22, y - 20, x + 34, y - 4], fill=c.lit((60, 80, 120)))
        if mode == "aid":
            c.draw.rectangle([x - 4, y - 24, x + 2, y - 8], fill=(200, 40, 40))
            c.draw.rectangle([x - 9, y - 19, x + 7, y - 13], fill=(200, 40, 40))


def island(c, mode=""):
    horizon = int(c.height * 0.55)
    c.sky(horizon)
    left = c.rng.randint(200, 700)
    outline = c.peaks(
        horizon,
        c.rng.randint(110, 170),
        c.lit((50, 100, 70), 0.45),
        count=3,
        slope=0.5,
        left=left,
        right=left + c.rng.randint(600, 900),
    )
    c.draw.rectangle([0, horizon, c.width, c.height], fill=c.lit((30, 110, 150), 0.1))
    c.water(horizon, (30, 110, 150))
    for x, y in outline[::12]:
        c.draw.line([(x, y), (x + 4, y - 24)], fill=c.lit((40, 70, 40), 0.45), width=3)
    sand = c.lit((232, 208, 160))
    c.draw.polygon(
        [
            (0, c.height - 140),
            (c.width * 0.6, c.height - 60),
            (c.width * 0.8, c.height),
            (0, c.height),
        ],
        fill=sand,
    )
    for _ in range(c.rng.randint(2, 3)):
        palm(c, c.rng.randint(60, 700), c.height - 90, c.rng.randint(300, 460))


def palm(c, x, y, height):
    lean = c.rng.choice((-1, 1)) * c.rng.randint(40, 120)
    trunk = c.lit((110, 84, 60))
    points = [(x + lean * (t / 10) ** 2, y - height * t / 10) for t in range(11)]
    c.draw.line(points, fill=trunk, width=16, joint="curve")
    top = points[-1]
    leaf = c.lit((40, 110, 60))
    for angle in range(0, 360, 45):
        a = math.radians(angle + c.rng.randint(-10, 10))
        tip = (top[0] + math.cos(a) * 170, top[1] + math.sin(a) * 70 + 40)
        mid = ((top[0] + tip[0]) / 2, min(top[1], tip[1]) - 30)
        c.draw.line([top, mid, tip], fill=leaf, width=12, joint="curve")


def fields(c, mode=""):
    horizon = int(c.height * 0.45)
    c.sky(horizon)
    c.ridge(horizon, 30, c.lit((110, 140, 120), 0.5), steps=5)
    crops = [(120, 160, 70), (200, 180, 90), (90, 130, 60), (150, 110, 70), (170, 190, 90)]
    for band in range(6):
        top = horizon + 10 + band * band * 20 + band * 20
        colour = c.lit(crops[(band + c.rng.randint(0, 4)) % len(crops)], 0.3 - band * 0.05)
        outline = c.ridge(top, 14 + band * 6, colour, steps=5)
        for row in range(1, 4 + band * 2):
            offset = row * (4 + band * 5)
            c.draw.line(
                [(x, y + offset) for x, y in outline], fill=shade(colour, 0.9), width=1 + band
            )
    if mode == "solar":
        panel = c.lit((40, 60, 110))
        for row in range(4):
            y = c.height - 420 + row * 110
            for x in range(c.rng.randint(-60, 0) + row * 30, c.width, 170):
                skew = 26
                c.draw.polygon(
                    [(x, y), (x + 150, y), (x + 150 + skew, y + 70), (x + skew, y + 70)], fill=panel
                )
                c.draw.line(
                    [(x + 75, y), (x + 75 + skew, y + 70)], fill=c.lit((140, 170, 210)), width=2
                )
                c.draw.line(
                    [(x + skew / 2, y + 35), (x + 150 + skew / 2, y + 35)],
                    fill=c.lit((140, 170, 210)),
                    width=2,
                )
                c.draw.line(
                    [(x + 75, y + 70), (x + 75, y + 100)], fill=c.lit((150, 150, 150)), width=4
                )
    else:
        for _ in range(c.rng.randint(2, 4)):
            x = c.rng.randint(100, c.width - 100)
            turbine(c, x, horizon + c.rng.randint(0, 40), c.rng.randint(200, 300))
        fx = c.rng.randint(200, c.width - 400)
        fy = horizon + 150
        c.draw.rectangle([fx, fy - 80, fx + 180, fy], fill=c.lit((236, 230, 216), 0.2))
        c.draw.polygon(
            [(fx - 10, fy - 80), (fx + 190, fy - 80), (fx + 90, fy - 140)],
            fill=c.lit((150, 60, 50), 0.2),
        )
        c.draw.rectangle([fx + 200, fy - 110, fx + 240, fy], fill=c.lit((140, 150, 150), 0.2))
        c.draw.chord(
            [fx + 200, fy - 130, fx + 240, fy - 90], 180, 360, fill=c.lit((140, 150, 150), 0.2)
        )
        for _ in range(4):
            tree(
                c,
                c.rng.randint(0, c.width),
                horizon + c.rng.randint(60, 200),
                c.rng.randint(80, 140),
            )


def turbine(c, x, base, height):
    white = c.lit((236, 236, 236), 0.3)
    c.draw.polygon(
        [(x - 6, base), (x + 6, base), (x + 3, base - height), (x - 3, base - height)], fill=white
    )
    spin = c.rng.uniform(0, 120)
    for blade in range(3):
        a = math.radians(spin + blade * 120)
        c.draw.line(
            [
                (x, base - height),
                (x + math.cos(a) * height * 0.55, base - height + math.sin(a) * height * 0.55),
            ],
            fill=white,
            width=6,
        )
    c.draw.ellipse([x - 8, base - height - 8, x + 8, base - height + 8], fill=white)


def night_sky(c, mode=""):
    horizon = int(c.height * 0.8)
    c.sky(horizon, sun=False, clouds=False)
    band = (
        Image.effect_noise((c.width // 8, c.height // 8), 60)
        .resize(SIZE)
        .filter(ImageFilter.BoxBlur(30))
    )
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).polygon(
        [(0, horizon), (300, horizon), (c.width, 0), (c.width - 420, 0)], fill=70
    )
    mask = Image.composite(band, Image.new("L", SIZE, 0), mask.filter(ImageFilter.BoxBlur(80)))
    c.image.paste(Image.new("RGB", SIZE, (190, 180, 230)), (0, 0), mask)
    c.stars(horizon, 500)
    for _ in range(c.rng.randint(3, 6)):
        x, y = c.rng.randint(300, c.width), c.rng.randint(40, horizon - 300)
        length = c.rng.randint(120, 280)
        for step in range(length):
            level = int(255 * step / length)
            px, py = x - step, y + step * 0.5
            c.draw.point((px, py), fill=(level, level, level))
            c.draw.point((px, py + 1), fill=(level // 2, level // 2, level // 2))
    c.ridge(horizon, 40, (10, 14, 26), steps=6)
    for _ in range(26):
        x, h = c.rng.randrange(c.width), c.rng.randint(60, 160)
        y = c.height - c.rng.randint(60, 150)
        c.draw.polygon([(x - h // 4, y), (x + h // 4, y), (x, y - h)], fill=(6, 10, 20))
    px = c.rng.randint(300, 1200)
    c.draw.ellipse([px - 14, c.height - 230, px + 14, c.height - 200], fill=(4, 6, 14))
    c.draw.polygon(
        [
            (px - 22, c.height - 200),
            (px + 22, c.height - 200),
            (px + 30, c.height - 100),
            (px - 30, c.height - 100),
        ],
        fill=(4, 6, 14),
    )


def train(c, mode=""):
    horizon = int(c.height * 0.55)
    c.sky(horizon)
    c.ridge(horizon - 40, 80, c.lit((60, 70, 100), 0.6), steps=7)
    c.ridge(horizon + 60, 40, c.lit((40, 60, 50), 0.35), steps=6)
    deck = horizon + 40
    stone = c.lit((120, 110, 100), 0.15)
    c.draw.rectangle([0, deck, c.width, deck + 30], fill=stone)
    for x in range(-60, c.width + 60, 200):
        c.draw.rectangle([x, deck + 30, x + 200, c.height], fill=stone)
        c.draw.chord(
            [x + 30, deck + 80, x + 170, deck + 360], 180, 360, fill=c.lit((30, 40, 40), 0.3)
        )
        c.draw.rectangle([x + 30, deck + 220, x + 170, c.height], fill=c.lit((30, 40, 40), 0.3))
    body = c.lit(c.rng.choice(((30, 60, 110), (120, 30, 40), (40, 80, 60))))
    start = c.rng.randint(-300, 200)
    for car in range(6):
        x = start + car * 250
        c.draw.rounded_rectangle([x, deck - 110, x + 240, deck - 8], 14, fill=body)
        for wx in range(x + 16, x + 220, 38):
            lit = c.rng.random() < 0.3 + c.glow * 0.6
            c.draw.rectangle(
                [wx, deck - 90, wx + 26, deck - 58],
                fill=(255, 216, 150) if lit else shade(body, 0.6),
            )
        c.draw.rectangle([x, deck - 40, x + 240, deck - 32], fill=c.lit((220, 200, 120)))
    c.draw.rectangle([0, c.height - 90, c.width, c.height], fill=c.lit((30, 44, 36)))
    for _ in range(10):
        tree(c, c.rng.randrange(c.width), c.height - 40, c.rng.randint(120, 200))

"""Pictures that are not places: charts, circuit boards, cells under a microscope, shapes."""

import math

from PIL import Image, ImageDraw, ImageFilter

from newsroom.demo.scenes.canvas import SIZE, gradient, mix, shade


def chart(c, mode=""):
    c.image.paste(gradient(SIZE, (14, 22, 40), (26, 40, 64)), (0, 0))
    grid = (44, 60, 88)
    for y in range(100, c.height, 100):
        c.draw.line([(80, y), (c.width - 40, y)], fill=grid, width=2)
        c.draw.rectangle([24, y - 6, 64, y + 6], fill=(70, 90, 120))
    for x in range(80, c.width, 160):
        c.draw.line([(x, 60), (x, c.height - 60)], fill=(30, 44, 68), width=1)
    style = mode or c.rng.choice(("candles", "area", "bars"))
    level = c.rng.uniform(350, 650)
    trend = c.rng.uniform(-1.2, 1.2)
    if style == "candles":
        for x in range(110, c.width - 60, 34):
            move = c.rng.gauss(trend * 4, 40)
            opening, close = level, level + move
            high, low = (
                min(opening, close) - c.rng.uniform(4, 30),
                max(opening, close) + c.rng.uniform(4, 30),
            )
            colour = (60, 200, 140) if close < opening else (236, 80, 80)
            c.draw.line([(x + 10, high), (x + 10, low)], fill=colour, width=2)
            c.draw.rectangle([x, min(opening, close), x + 20, max(opening, close) + 2], fill=colour)
            level = min(max(close, 150), c.height - 300)
            volume = c.rng.randint(20, 130)
            c.draw.rectangle(
                [x, c.height - 60 - volume, x + 20, c.height - 60], fill=shade(colour, 0.45)
            )
    else:
        points = []
        for x in range(80, c.width - 39, 20):
            level = min(max(level + c.rng.gauss(-trend * 2, 14), 150), c.height - 200)
            points.append((x, level))
        colour = c.rng.choice(((90, 200, 240), (250, 190, 70), (120, 220, 150)))
        if style == "bars":
            for x, y in points[::3]:
                c.draw.rectangle([x, y, x + 42, c.height - 60], fill=shade(colour, 0.55))
        else:
            fill = Image.new("L", SIZE, 0)
            ImageDraw.Draw(fill).polygon(
                [*points, (points[-1][0], c.height - 60), (80, c.height - 60)], fill=90
            )
            c.image.paste(Image.new("RGB", SIZE, colour), (0, 0), fill)
        glow = Image.new("L", SIZE, 0)
        ImageDraw.Draw(glow).line(points, fill=200, width=16, joint="curve")
        c.image.paste(Image.new("RGB", SIZE, colour), (0, 0), glow.filter(ImageFilter.BoxBlur(12)))
        c.draw.line(points, fill=mix(colour, (255, 255, 255), 0.4), width=5, joint="curve")
        x, y = points[-1]
        c.draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=(255, 255, 255))


def circuit(c, mode=""):
    base = c.rng.choice(((16, 70, 50), (20, 40, 80), (40, 30, 70)))
    c.image.paste(gradient(SIZE, base, shade(base, 0.5)), (0, 0))
    trace = mix(base, (220, 190, 90), 0.6)
    for _ in range(140):
        x, y = c.rng.randrange(0, c.width, 20), c.rng.randrange(0, c.height, 20)
        points = [(x, y)]
        for _ in range(c.rng.randint(2, 5)):
            dx, dy = c.rng.choice(((1, 0), (0, 1), (1, 1), (-1, 1)))
            length = c.rng.randint(2, 10) * 20
            x, y = x + dx * length, y + dy * length
            points.append((x, y))
        c.draw.line(points, fill=trace, width=4)
        c.draw.ellipse([x - 7, y - 7, x + 7, y + 7], outline=trace, width=3)
    for _ in range(c.rng.randint(3, 5)):
        w = c.rng.randint(140, 300)
        x, y = c.rng.randint(100, c.width - w - 100), c.rng.randint(100, c.height - w - 100)
        c.soft_glow(x + w // 2, y + w // 2, w, mix(trace, (255, 255, 255), 0.3), 60)
        for pin in range(y + 16, y + w - 10, 22):
            c.draw.line([(x - 18, pin), (x + w + 18, pin)], fill=(200, 200, 200), width=6)
        for pin in range(x + 16, x + w - 10, 22):
            c.draw.line([(pin, y - 18), (pin, y + w + 18)], fill=(200, 200, 200), width=6)
        c.draw.rectangle([x, y, x + w, y + w], fill=(30, 32, 36))
        c.draw.rectangle([x + 14, y + 14, x + w - 14, y + w - 14], outline=(70, 74, 80), width=3)
        c.draw.ellipse([x + 20, y + 20, x + 36, y + 36], fill=(90, 94, 100))


def cells(c, mode=""):
    base = c.rng.choice(((20, 30, 60), (40, 16, 50), (10, 50, 60)))
    c.image.paste(gradient(SIZE, base, shade(base, 0.6)), (0, 0))
    palette = c.rng.sample(
        ((240, 90, 130), (90, 200, 230), (250, 200, 90), (140, 230, 160), (180, 140, 250)), 2
    )
    for depth in range(3):
        layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for _ in range(14 - depth * 3):
            r = c.rng.randint(40, 110) * (1 + depth * 0.5)
            x, y = c.rng.randint(0, c.width), c.rng.randint(0, c.height)
            colour = palette[c.rng.randrange(2)]
            draw.ellipse(
                [x - r, y - r, x + r, y + r], fill=(*colour, 90), outline=(*colour, 220), width=6
            )
            draw.ellipse(
                [x - r / 3, y - r / 3, x + r / 4, y + r / 4], fill=(*shade(colour, 0.6), 200)
            )
            if mode == "virus":
                for spike in range(12):
                    a = spike * math.pi / 6
                    sx, sy = x + math.cos(a) * r, y + math.sin(a) * r
                    draw.ellipse([sx - 10, sy - 10, sx + 10, sy + 10], fill=(*colour, 230))
        blur = (6, 0, 14)[depth]
        if blur:
            layer = layer.filter(ImageFilter.GaussianBlur(blur))
        c.image.paste(layer, (0, 0), layer)


def abstract(c, mode=""):
    palettes = [
        ((240, 232, 214), [(220, 70, 50), (30, 60, 110), (240, 180, 40), (30, 30, 34)]),
        ((24, 30, 54), [(240, 120, 90), (250, 210, 120), (90, 160, 200), (240, 240, 230)]),
        ((230, 236, 232), [(30, 110, 100), (240, 140, 60), (50, 50, 70), (200, 60, 80)]),
        ((60, 30, 60), [(250, 190, 70), (230, 90, 110), (120, 200, 190), (250, 240, 230)]),
    ]
    background, colours = c.rng.choice(palettes)
    c.image.paste(Image.new("RGB", SIZE, background), (0, 0))
    cell = 200
    for y in range(0, c.height, cell):
        for x in range(0, c.width, cell):
            colour = c.rng.choice(colours)
            shape = c.rng.random()
            box = [x, y, x + cell, y + cell]
            if shape < 0.25:
                c.draw.pieslice(
                    [x - cell, y - cell, x + cell, y + cell]
                    if c.rng.random() < 0.5
                    else [x, y, x + 2 * cell, y + 2 * cell],
                    c.rng.choice((0, 90, 180, 270)),
                    c.rng.choice((0, 90, 180, 270)) + 90,
                    fill=colour,
                )
            elif shape < 0.45:
                c.draw.ellipse([x + 20, y + 20, x + cell - 20, y + cell - 20], fill=colour)
            elif shape < 0.6:
                for stripe in range(0, cell, 40):
                    c.draw.rectangle([x, y + stripe, x + cell, y + stripe + 20], fill=colour)
            elif shape < 0.72:
                c.draw.rectangle(box, fill=colour)
                c.draw.ellipse([x + 50, y + 50, x + cell - 50, y + cell - 50], fill=background)
            elif shape < 0.82:
                c.draw.polygon([(x, y + cell), (x + cell, y + cell), (x + cell, y)], fill=colour)
    big = c.rng.choice(colours)
    x, y, r = (
        c.rng.randint(300, c.width - 300),
        c.rng.randint(250, c.height - 250),
        c.rng.randint(180, 260),
    )
    c.draw.ellipse([x - r, y - r, x + r, y + r], outline=big, width=30)

"""Scenes in town: skylines, civic buildings, shopping streets, markets, stadiums, pools."""

import math

from PIL import Image, ImageFilter

from newsroom.demo.scenes.canvas import (
    BRIGHT,
    FACADES,
    SIZE,
    figure,
    gradient,
    mix,
    shade,
    tree,
    windows,
)


def skyline(c, mode=""):
    horizon = int(c.height * (0.62 if mode == "river" else 0.78))
    c.sky(horizon)
    for row, distance in enumerate((0.7, 0.45, 0.15)):
        x = c.rng.randint(-60, 0)
        base = horizon + row * 6
        while x < c.width:
            w = c.rng.randint(60, 150) - row * 8
            h = c.rng.randint(120, 300) + (2 - row) * 90 + c.rng.choice((0, 0, 0, 160))
            colour = c.lit(c.rng.choice(((70, 80, 100), (96, 90, 104), (60, 72, 80))), distance)
            c.draw.rectangle([x, base - h, x + w, c.height], fill=colour)
            roof = c.rng.random()
            if roof < 0.2:
                c.draw.line(
                    [(x + w // 2, base - h), (x + w // 2, base - h - 70)], fill=colour, width=4
                )
            elif roof < 0.35:
                c.draw.rectangle([x + w // 4, base - h - 40, x + w * 3 // 4, base - h], fill=colour)
            elif roof < 0.45:
                c.draw.polygon(
                    [(x, base - h), (x + w, base - h), (x + w // 2, base - h - 60)], fill=colour
                )
            if row:
                windows(c, (x, base - h, x + w, c.height), distance)
            x += w + c.rng.randint(0, 18)
    if mode == "river":
        c.water(horizon, (40, 70, 100))


def civic(c, mode=""):
    horizon = int(c.height * 0.78)
    c.sky(horizon)
    c.ridge(horizon - 60, 30, c.lit((80, 110, 80), 0.5), steps=5)
    stone = c.lit((222, 210, 186) if mode != "modern" else (200, 205, 210), 0.05)
    dark = shade(stone, 0.55)
    cx, width = c.width // 2 + c.rng.randint(-200, 200), c.rng.randint(700, 900)
    left, right = cx - width // 2, cx + width // 2
    base = horizon + 40
    if mode == "modern":
        c.draw.rectangle([left - 200, base - 360, right + 200, base], fill=stone)
        for y in range(base - 340, base - 20, 40):
            c.draw.rectangle([left - 180, y, right + 180, y + 26], fill=c.lit((120, 150, 170), 0.1))
        windows(c, (left - 180, base - 340, right + 180, base), 0, 40, 40, (30, 26))
        flag_poles(c, left - 160, base, right + 160)
    else:
        if c.rng.random() < 0.6:
            c.draw.rectangle([cx - 120, base - 520, cx + 120, base - 420], fill=stone)
            c.draw.chord([cx - 150, base - 690, cx + 150, base - 390], 180, 360, fill=stone)
            c.draw.line([(cx, base - 540), (cx, base - 610)], fill=dark, width=6)
        c.draw.polygon(
            [(left - 20, base - 400), (right + 20, base - 400), (cx, base - 500)], fill=stone
        )
        c.draw.rectangle([left - 20, base - 400, right + 20, base - 360], fill=stone)
        c.draw.rectangle([left, base - 360, right, base - 40], fill=dark)
        columns = c.rng.randint(6, 10)
        gap = width / columns
        for i in range(columns):
            x = left + gap * (i + 0.5)
            c.draw.rectangle([x - gap * 0.22, base - 360, x + gap * 0.22, base - 40], fill=stone)
        for step in range(4):
            c.draw.rectangle(
                [
                    left - 30 - step * 20,
                    base - 40 + step * 12,
                    right + 30 + step * 20,
                    base - 28 + step * 12,
                ],
                fill=shade(stone, 0.9 - step * 0.05),
            )
        if c.glow > 0.5:
            windows(c, (left + 10, base - 340, right - 10, base - 50), 0, int(gap), 90, (20, 40))
        flag_poles(c, left - 200, base, right + 200, count=2)
    c.draw.rectangle([0, base, c.width, c.height], fill=c.lit((150, 146, 140), 0.1))
    for x in (c.rng.randint(30, 200), c.rng.randint(c.width - 260, c.width - 60)):
        tree(c, x, base + 20, c.rng.randint(220, 320))


def flag_poles(c, left, base, right, count=None):
    count = count or c.rng.randint(4, 8)
    for i in range(count):
        x = left + (right - left) * i / max(count - 1, 1)
        c.draw.line([(x, base), (x, base - 420)], fill=c.lit((200, 200, 200)), width=5)
        colours = c.rng.sample(BRIGHT, 3)
        for band, colour in enumerate(colours):
            c.draw.rectangle(
                [x + 3, base - 420 + band * 22, x + 103, base - 398 + band * 22], fill=c.lit(colour)
            )


def street(c, mode=""):
    horizon = int(c.height * 0.72)
    c.sky(int(c.height * 0.5))
    pavement = horizon + 60
    x = c.rng.randint(-80, 0)
    while x < c.width:
        w = c.rng.randint(220, 340)
        h = c.rng.randint(380, 560) if mode != "houses" else 360
        colour = c.lit(c.rng.choice(FACADES) if mode != "houses" else (150, 70, 56))
        top = pavement - h
        c.draw.rectangle([x, top, x + w, pavement], fill=colour)
        c.draw.rectangle([x - 6, top - 14, x + w + 6, top], fill=shade(colour, 0.75))
        for wx in range(x + 30, x + w - 60, 90):
            for wy in (top + 40, top + 150):
                if wy + 80 < pavement - 190:
                    c.draw.rectangle([wx, wy, wx + 50, wy + 80], fill=c.lit((200, 214, 226), 0.1))
                    c.draw.rectangle([wx - 4, wy + 80, wx + 54, wy + 86], fill=shade(colour, 1.2))
        if mode == "houses":
            c.draw.rectangle(
                [x + 30, pavement - 150, x + 80, pavement], fill=c.lit(c.rng.choice(BRIGHT))
            )
            c.draw.rectangle(
                [x + 120, pavement - 150, x + w - 30, pavement - 50], fill=c.lit((200, 214, 226))
            )
            c.draw.rectangle(
                [x + w - 90, pavement - 40, x + w - 30, pavement], fill=c.lit((220, 222, 220))
            )
            c.draw.rectangle([x + w // 2, top - 60, x + w // 2 + 40, top], fill=shade(colour, 0.8))
        else:
            shopfront(c, x, w, pavement, mode)
        x += w
    c.draw.rectangle([0, pavement, c.width, pavement + 40], fill=c.lit((180, 176, 168)))
    road = c.lit((70, 72, 76))
    c.draw.rectangle([0, pavement + 40, c.width, c.height], fill=road)
    if mode == "bus":
        c.draw.rectangle([0, pavement + 40, c.width, pavement + 130], fill=c.lit((170, 50, 50)))
        bx = c.rng.randint(100, 900)
        body = c.lit((220, 40, 40))
        c.draw.rounded_rectangle([bx, pavement - 150, bx + 520, pavement + 100], 24, fill=body)
        c.draw.rectangle(
            [bx + 20, pavement - 120, bx + 500, pavement - 40], fill=c.lit((60, 70, 90))
        )
        for wheel in (bx + 90, bx + 420):
            c.draw.ellipse(
                [wheel - 40, pavement + 60, wheel + 40, pavement + 140], fill=(24, 24, 28)
            )
    for lx in range(c.rng.randint(60, 200), c.width, 460):
        post = c.lit((40, 44, 50))
        c.draw.line([(lx, pavement + 30), (lx, pavement - 340)], fill=post, width=8)
        c.draw.line([(lx, pavement - 340), (lx + 50, pavement - 340)], fill=post, width=8)
        if c.glow > 0.3:
            c.soft_glow(lx + 50, pavement - 330, 60, (255, 210, 140), 140)
    for lane in range(0, c.width, 160):
        c.draw.rectangle(
            [lane, c.height - 70, lane + 90, c.height - 60], fill=c.lit((230, 230, 220))
        )


def shopfront(c, x, w, pavement, mode):
    sign = c.lit(c.rng.choice(BRIGHT))
    c.draw.rectangle([x + 10, pavement - 250, x + w - 10, pavement - 200], fill=sign)
    for letter in range(x + 30, x + w - 60, 22):
        if c.rng.random() < 0.8:
            c.draw.rectangle(
                [letter, pavement - 232, letter + 14, pavement - 218],
                fill=shade(sign, 0.4) if sum(sign) > 400 else (245, 245, 240),
            )
    empty = mode == "vacant" and c.rng.random() < 0.3
    glass = (
        c.lit((70, 80, 90)) if empty else mix(c.lit((190, 210, 220)), (255, 220, 160), c.glow * 0.6)
    )
    c.draw.rectangle([x + 20, pavement - 190, x + w - 20, pavement], fill=glass)
    c.draw.rectangle([x + w - 80, pavement - 180, x + w - 30, pavement], fill=shade(sign, 0.7))
    if not empty:
        stripes = c.lit(c.rng.choice(BRIGHT))
        for i, sx in enumerate(range(x + 10, x + w - 10, 30)):
            fill = stripes if i % 2 else (240, 240, 232)
            c.draw.polygon(
                [
                    (sx, pavement - 198),
                    (sx + 30, pavement - 198),
                    (sx + 38, pavement - 150),
                    (sx + 8, pavement - 150),
                ],
                fill=c.lit(fill),
            )
        for _ in range(6):
            gx = c.rng.randint(x + 30, x + w - 100)
            c.draw.rectangle(
                [gx, pavement - 90, gx + 24, pavement - 20], fill=c.lit(c.rng.choice(BRIGHT))
            )


def market(c, mode=""):
    horizon = int(c.height * 0.6)
    c.sky(horizon)
    x = 0
    while x < c.width:
        w, h = c.rng.randint(120, 200), c.rng.randint(160, 260)
        c.draw.rectangle(
            [x, horizon - h, x + w, horizon + 40], fill=c.lit(c.rng.choice(FACADES), 0.35)
        )
        windows(c, (x, horizon - h, x + w, horizon + 20), 0.35, 34, 44, (16, 22))
        x += w
    ground = c.lit((176, 168, 156))
    c.draw.rectangle([0, horizon + 40, c.width, c.height], fill=ground)
    if mode == "festival":
        for y, sag in ((horizon - 120, 60), (horizon - 40, 40)):
            points = [
                (px, y + math.sin(px / c.width * math.pi) * sag) for px in range(0, c.width + 1, 40)
            ]
            c.draw.line(points, fill=c.lit((60, 60, 60)), width=2)
            for i, (px, py) in enumerate(points[:-1]):
                c.draw.polygon(
                    [(px + 4, py), (px + 36, py + 2), (px + 20, py + 40)],
                    fill=c.lit(BRIGHT[i % len(BRIGHT)]),
                )
    for row, (y, scale) in enumerate(((horizon + 120, 0.7), (c.height - 90, 1.0))):
        x = c.rng.randint(-100, 0) + row * 90
        while x < c.width:
            stall(c, x, y, int(300 * scale), mode)
            x += int(340 * scale) + c.rng.randint(0, 60)


def stall(c, x, base, width, mode):
    height = int(width * 0.9)
    roof = base - height
    stripe = c.lit(c.rng.choice(BRIGHT))
    legs = c.lit((90, 80, 70))
    for leg in (x + 10, x + width - 10):
        c.draw.line([(leg, roof), (leg, base)], fill=legs, width=6)
    if mode == "festival":
        c.draw.polygon(
            [(x - 10, roof + 40), (x + width // 2, roof - 40), (x + width + 10, roof + 40)],
            fill=(244, 244, 238),
        )
        c.draw.rectangle([x - 10, roof + 40, x + width + 10, roof + 60], fill=stripe)
    else:
        count = 8
        for i in range(count):
            sx = x + width * i / count
            fill = stripe if i % 2 else c.lit((244, 240, 230))
            c.draw.rectangle([sx, roof, sx + width / count, roof + 50], fill=fill)
            c.draw.chord([sx, roof + 34, sx + width / count, roof + 66], 0, 180, fill=fill)
    table = c.lit((150, 110, 70))
    c.draw.rectangle([x, base - height // 3, x + width, base - height // 3 + 16], fill=table)
    c.draw.rectangle(
        [x + 10, base - height // 3 + 16, x + width - 10, base], fill=shade(table, 0.7)
    )
    produce = c.rng.sample([*BRIGHT[:4], (120, 170, 60), (200, 100, 40)], 3)
    for i in range(int(width // 22)):
        r = width // 30
        px = x + 16 + i * 22
        py = base - height // 3 - r
        c.draw.ellipse([px - r, py - r, px + r, py + r], fill=c.lit(produce[(i // 4) % 3]))


def stadium(c, mode=""):
    horizon = int(c.height * 0.3)
    c.sky(horizon, clouds=c.light != "night")
    stands_top = horizon - 40
    pitch_top = int(c.height * 0.5)
    roof = c.lit((200, 204, 210), 0.2)
    c.draw.rectangle([0, stands_top - 30, c.width, stands_top], fill=roof)
    c.draw.rectangle([0, stands_top, c.width, pitch_top], fill=c.lit((60, 64, 76), 0.2))
    # The crowd: dots of shirts and faces, in the home colour mostly.
    home = c.rng.choice(((200, 30, 40), (30, 80, 170), (240, 200, 40), (30, 130, 80)))
    full = 0.95 if mode != "training" else 0.25
    for y in range(stands_top + 8, pitch_top - 10, 11):
        for x in range(c.rng.randint(0, 6), c.width, 9):
            if c.rng.random() < full:
                colour = (
                    home if c.rng.random() < 0.55 else c.rng.choice([*FACADES, (230, 230, 230)])
                )
                c.draw.rectangle([x, y, x + 6, y + 7], fill=c.lit(colour, 0.15))
    if c.glow > 0.5:
        for x in (160, c.width - 160):
            c.draw.line([(x, stands_top - 30), (x, stands_top - 220)], fill=(60, 60, 66), width=10)
            c.draw.rectangle(
                [x - 60, stands_top - 260, x + 60, stands_top - 210], fill=(250, 250, 236)
            )
            c.soft_glow(x, stands_top - 235, 220, (255, 250, 230), 120)
    grass = (58, 140, 60) if mode != "track" else (60, 130, 64)
    if c.glow > 0.5:
        # Under floodlights the pitch is as bright as by day.
        c.light = "day"
    height = c.height - pitch_top
    for stripe in range(12):
        t0, t1 = stripe / 12, (stripe + 1) / 12
        y0, y1 = pitch_top + height * t0**1.4, pitch_top + height * t1**1.4
        c.draw.rectangle(
            [0, y0, c.width, y1], fill=c.lit(shade(grass, 1.0 if stripe % 2 else 0.88))
        )
    white = c.lit((240, 240, 236))
    if mode == "cricket":
        cx = c.width // 2
        c.draw.polygon(
            [
                (cx - 40, pitch_top + 30),
                (cx + 40, pitch_top + 30),
                (cx + 120, c.height),
                (cx - 120, c.height),
            ],
            fill=c.lit((200, 180, 130)),
        )
        for y, half in ((pitch_top + 60, 14), (c.height - 120, 40)):
            for stump in (-1, 0, 1):
                c.draw.line(
                    [(cx + stump * half / 2, y), (cx + stump * half / 2, y - half * 2)],
                    fill=white,
                    width=4,
                )
        figure(c, cx + 160, c.height - 80, 300, c.lit((240, 240, 236)))
    elif mode == "track":
        for lane in range(8):
            y = pitch_top + height * (0.35 + lane * 0.08)
            c.draw.rectangle([0, y, c.width, y + height * 0.08], fill=c.lit((190, 80, 60)))
            c.draw.line([(0, y), (c.width, y)], fill=white, width=3)
        for i in range(c.rng.randint(4, 7)):
            figure(
                c,
                200 + i * 190 + c.rng.randint(-40, 40),
                c.height - c.rng.randint(40, 200),
                220,
                c.lit(c.rng.choice(BRIGHT)),
            )
    else:
        c.draw.line([(0, pitch_top + 40), (c.width, pitch_top + 40)], fill=white, width=4)
        c.draw.line([(c.width // 2, pitch_top + 40), (c.width // 2, c.height)], fill=white, width=5)
        c.draw.ellipse(
            [c.width // 2 - 300, pitch_top + 200, c.width // 2 + 300, c.height + 60],
            outline=white,
            width=5,
        )
        players = c.rng.randint(5, 9)
        for i in range(players):
            kit = home if i % 2 else c.lit((240, 240, 240))
            figure(
                c,
                c.rng.randint(100, c.width - 100),
                c.rng.randint(pitch_top + 120, c.height - 20),
                160,
                kit,
            )
        bx, by = c.rng.randint(300, c.width - 300), c.rng.randint(pitch_top + 160, c.height - 80)
        c.draw.ellipse([bx - 12, by - 12, bx + 12, by + 12], fill=(250, 250, 250))


def pool(c, mode=""):
    water = c.rng.choice(((40, 150, 200), (30, 130, 190), (50, 170, 200)))
    c.image.paste(gradient(SIZE, water, shade(water, 0.75)), (0, 0))
    caustics = Image.effect_noise((c.width // 20, c.height // 20), 90).resize(
        SIZE, Image.Resampling.BICUBIC
    )
    lines = caustics.point(lambda v: 140 if 124 < v < 132 else 0).filter(ImageFilter.BoxBlur(3))
    c.image.paste(Image.new("RGB", SIZE, (210, 240, 250)), (0, 0), lines)
    lanes = 6
    lane_height = c.height / lanes
    for lane in range(lanes):
        y = lane * lane_height + lane_height / 2
        c.draw.rectangle([100, y - 8, c.width - 100, y + 8], fill=shade(water, 0.35))
        c.draw.rectangle([c.width - 140, y - 40, c.width - 124, y + 40], fill=shade(water, 0.35))
    colours = c.rng.sample(BRIGHT, 2)
    for lane in range(1, lanes):
        y = lane * lane_height
        for i, x in enumerate(range(0, c.width, 22)):
            c.draw.ellipse([x, y - 10, x + 20, y + 10], fill=colours[(i // 6) % 2])
    c.draw.rectangle([0, 0, 60, c.height], fill=(236, 236, 230))
    for y in range(0, c.height, 40):
        c.draw.line([(0, y), (60, y)], fill=(200, 200, 196), width=2)
    if mode != "empty":
        for lane in c.rng.sample(range(lanes), 3):
            x = c.rng.randint(300, c.width - 400)
            y = lane * lane_height + lane_height / 2
            c.draw.ellipse([x, y - 26, x + 170, y + 26], fill=shade(water, 0.6))
            c.draw.ellipse([x + 150, y - 22, x + 196, y + 22], fill=c.rng.choice(BRIGHT))
            for arm in (-1, 1):
                c.draw.line(
                    [(x + 140, y + arm * 20), (x + 230, y + arm * 60)],
                    fill=shade(water, 0.6),
                    width=16,
                )

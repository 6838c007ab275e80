"""Scenes indoors: stages and screens, shelves, galleries, lunch trays, warehouses."""

from PIL import Image, ImageDraw, ImageFilter

from newsroom.demo.scenes.canvas import BRIGHT, FACADES, SIZE, figure, gradient, shade


def stage(c, mode=""):
    dark = (16, 10, 14)
    c.image.paste(gradient(SIZE, (30, 14, 22), dark), (0, 0))
    floor = int(c.height * 0.7)
    c.draw.rectangle([0, floor, c.width, c.height], fill=(70, 44, 30))
    for y in range(floor, c.height, 18):
        c.draw.line([(0, y), (c.width, y)], fill=(56, 34, 24), width=2)
    if mode == "cinema":
        c.soft_glow(c.width // 2, floor // 2, 600, (200, 210, 230), 90)
        c.draw.rectangle([260, 80, c.width - 260, floor - 80], fill=(226, 226, 216))
        c.draw.rectangle([300, 120, c.width - 300, floor - 120], fill=(170, 170, 164))
        c.draw.ellipse([c.width // 2 - 100, 200, c.width // 2 + 100, 400], fill=(90, 90, 88))
        c.draw.rectangle(
            [c.width // 2 - 40, 380, c.width // 2 + 40, floor - 120], fill=(90, 90, 88)
        )
        c.draw.rectangle([60, floor - 160, 360, floor + 20], fill=(20, 16, 16))
        c.draw.rectangle([60, floor - 200, 360, floor - 160], fill=(34, 26, 24))
    else:
        light = Image.new("L", SIZE, 0)
        light_draw = ImageDraw.Draw(light)
        for _ in range(c.rng.randint(2, 4)):
            x = c.rng.randint(300, c.width - 300)
            spot = c.rng.randint(-200, 200)
            light_draw.polygon(
                [
                    (x - 20, 0),
                    (x + 20, 0),
                    (x + spot + 240, floor + 60),
                    (x + spot - 240, floor + 60),
                ],
                fill=70,
            )
            light_draw.ellipse([x + spot - 260, floor + 20, x + spot + 260, floor + 110], fill=150)
        tint = c.rng.choice(((255, 230, 180), (180, 200, 255), (255, 190, 220)))
        c.image.paste(Image.new("RGB", SIZE, tint), (0, 0), light.filter(ImageFilter.BoxBlur(18)))
        if mode == "orchestra":
            for i in range(14):
                x = 200 + i * 90 + c.rng.randint(-20, 20)
                y = floor + 40 + (i % 2) * 50
                c.draw.line([(x, y), (x, y - 110)], fill=(30, 30, 30), width=4)
                c.draw.polygon(
                    [(x - 30, y - 150), (x + 30, y - 150), (x + 24, y - 100), (x - 24, y - 100)],
                    fill=(40, 40, 44),
                )
        else:
            for _ in range(c.rng.randint(2, 3)):
                figure(c, c.rng.randint(400, c.width - 400), floor + 60, 300, (24, 16, 20))
    red = c.rng.choice(((150, 20, 40), (120, 16, 60), (140, 40, 20)))
    for side in (0, 1):
        for fold in range(8):
            x = fold * 30 if side == 0 else c.width - 240 + fold * 30
            c.draw.rectangle([x, 0, x + 30, floor + 40], fill=shade(red, 0.6 + 0.4 * (fold % 2)))
    for fold in range(0, c.width, 40):
        c.draw.chord(
            [fold, 20, fold + 40, 150], 0, 180, fill=shade(red, 0.8 + 0.2 * ((fold // 40) % 2))
        )
    c.draw.rectangle([0, 0, c.width, 86], fill=shade(red, 0.9))
    for x in range(-20, c.width, 70):
        y = c.height - c.rng.randint(20, 60)
        c.draw.ellipse([x, y - 100, x + 60, y - 30], fill=(8, 6, 8))
        c.draw.rectangle([x - 10, y - 40, x + 70, c.height], fill=(8, 6, 8))


def shelves(c, mode=""):
    wood = c.rng.choice(((120, 80, 50), (90, 60, 40), (150, 110, 70)))
    c.image.paste(gradient(SIZE, shade(wood, 0.5), shade(wood, 0.35)), (0, 0))
    row_height = 240 if mode != "records" else 330
    for top in range(20, c.height, row_height):
        c.draw.rectangle([0, top + row_height - 22, c.width, top + row_height], fill=wood)
        x = c.rng.randint(10, 40)
        while x < c.width - 30:
            if mode == "records":
                w = 14 if c.rng.random() < 0.8 else 260
                h = row_height - 50 if w < 100 else row_height - 40
                colour = c.rng.choice(BRIGHT + FACADES)
                c.draw.rectangle(
                    [x, top + row_height - 22 - h, x + w, top + row_height - 22], fill=colour
                )
                if w > 100:
                    c.draw.ellipse(
                        [x + 30, top + 40, x + w - 30, top + 40 + w - 60], fill=(20, 20, 22)
                    )
                    c.draw.ellipse(
                        [
                            x + w // 2 - 30,
                            top + 10 + w // 2 - 20,
                            x + w // 2 + 30,
                            top + 70 + w // 2 - 20,
                        ],
                        fill=c.rng.choice(BRIGHT),
                    )
                x += w + 2
            elif mode == "bottles":
                h = c.rng.randint(150, 190)
                glass = c.rng.choice(((110, 60, 20), (40, 90, 40), (150, 100, 40)))
                bottom = top + row_height - 22
                c.draw.rounded_rectangle([x, bottom - h * 0.7, x + 50, bottom], 10, fill=glass)
                c.draw.rectangle([x + 18, bottom - h, x + 32, bottom - h * 0.7], fill=glass)
                c.draw.rectangle(
                    [x + 6, bottom - h * 0.55, x + 44, bottom - h * 0.3], fill=(236, 226, 200)
                )
                c.draw.line(
                    [(x + 10, bottom - h * 0.65), (x + 10, bottom - 10)],
                    fill=shade(glass, 1.5),
                    width=4,
                )
                x += 64
            else:
                w, h = c.rng.randint(24, 54), c.rng.randint(140, row_height - 40)
                colour = c.rng.choice(BRIGHT + FACADES)
                bottom = top + row_height - 22
                c.draw.rectangle([x, bottom - h, x + w, bottom], fill=colour)
                c.draw.rectangle(
                    [x + 4, bottom - h + 20, x + w - 4, bottom - h + 30], fill=shade(colour, 0.6)
                )
                c.draw.rectangle(
                    [x + 4, bottom - 40, x + w - 4, bottom - 32], fill=shade(colour, 1.3)
                )
                x += w + c.rng.choice((1, 1, 2, 40))
    c.soft_glow(c.rng.randint(300, c.width - 300), 0, 500, (255, 230, 190), 60)


def gallery(c, mode=""):
    wall = c.rng.choice(((232, 226, 214), (214, 222, 226), (200, 186, 170)))
    floor = int(c.height * 0.72)
    c.image.paste(gradient(SIZE, shade(wall, 0.85), wall), (0, 0))
    c.draw.rectangle([0, floor, c.width, c.height], fill=(150, 118, 84))
    for y in range(floor, c.height, 30):
        c.draw.line([(0, y), (c.width, y)], fill=(130, 100, 70), width=2)
    x = 120
    while x < c.width - 300:
        w, h = c.rng.randint(200, 340), c.rng.randint(220, 380)
        top = floor - 180 - h
        c.draw.rectangle([x - 14, top - 14, x + w + 14, top + h + 14], fill=(60, 44, 30))
        c.draw.rectangle([x, top, x + w, top + h], fill=c.rng.choice(FACADES))
        for _ in range(4):
            r = c.rng.randint(20, min(w, h) // 3)
            px, py = c.rng.randint(x + r, x + w - r), c.rng.randint(top + r, top + h - r)
            c.draw.ellipse([px - r, py - r, px + r, py + r], fill=c.rng.choice(BRIGHT))
        c.soft_glow(x + w // 2, top - 40, 160, (255, 246, 220), 60)
        x += w + c.rng.randint(120, 200)
    px = c.rng.randint(200, c.width - 400)
    c.draw.rectangle([px, floor - 160, px + 180, floor + 80], fill=(244, 242, 236))
    carving = (120, 80, 50)
    c.draw.polygon(
        [
            (px + 50, floor - 160),
            (px + 130, floor - 160),
            (px + 120, floor - 380),
            (px + 60, floor - 380),
        ],
        fill=carving,
    )
    c.draw.ellipse([px + 50, floor - 460, px + 130, floor - 360], fill=carving)
    for eye in (px + 72, px + 100):
        c.draw.ellipse([eye, floor - 425, eye + 10, floor - 415], fill=(40, 26, 16))


def food(c, mode=""):
    table = c.rng.choice(((190, 150, 110), (170, 130, 96), (214, 200, 180)))
    c.image.paste(gradient(SIZE, table, shade(table, 0.85)), (0, 0))
    for y in range(0, c.height, 110):
        c.draw.line([(0, y), (c.width, y)], fill=shade(table, 0.9), width=3)
    tray = c.rng.choice(((80, 130, 180), (200, 90, 70), (90, 150, 100)))
    for row in range(2):
        for col in range(3):
            x, y = 140 + col * 480 + c.rng.randint(-30, 30), 80 + row * 470 + c.rng.randint(-20, 20)
            c.draw.rounded_rectangle([x + 12, y + 16, x + 412, y + 376], 30, fill=shade(table, 0.7))
            c.draw.rounded_rectangle([x, y, x + 400, y + 360], 30, fill=tray)
            c.draw.ellipse([x + 30, y + 40, x + 250, y + 260], fill=(246, 246, 242))
            for _ in range(5):
                r = c.rng.randint(24, 50)
                fx, fy = c.rng.randint(x + 80, x + 200), c.rng.randint(y + 90, y + 210)
                colour = c.rng.choice(
                    ((230, 180, 60), (90, 150, 60), (200, 70, 50), (240, 230, 200))
                )
                c.draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=colour)
            c.draw.ellipse([x + 270, y + 60, x + 370, y + 160], fill=(236, 236, 232))
            c.draw.ellipse([x + 285, y + 75, x + 355, y + 145], fill=c.rng.choice(BRIGHT[:3]))
            c.draw.rounded_rectangle([x + 280, y + 200, x + 300, y + 330], 8, fill=(200, 200, 204))
            c.draw.rounded_rectangle([x + 330, y + 200, x + 350, y + 330], 8, fill=(200, 200, 204))


def warehouse(c, mode=""):
    cx, cy = c.width // 2 + c.rng.randint(-150, 150), int(c.height * 0.45)
    c.image.paste(gradient(SIZE, (70, 74, 80), (150, 150, 146)), (0, 0))
    c.draw.polygon(
        [(0, c.height), (c.width, c.height), (cx + 60, cy), (cx - 60, cy)], fill=(150, 152, 150)
    )
    c.draw.line([(cx, cy), (cx - 300, c.height)], fill=(230, 200, 60), width=8)
    c.draw.line([(cx, cy), (cx + 300, c.height)], fill=(230, 200, 60), width=8)
    for step in range(1, 12):
        t = (step / 12) ** 1.6
        for side in (-1, 1):
            near_x = cx + side * (60 + (c.width / 2 + 200) * t)
            top = cy - 40 - 560 * t
            bottom = cy + 40 + 560 * t
            width = 60 * t + 10
            c.draw.line(
                [(near_x, top), (near_x, bottom)], fill=(30, 80, 160), width=max(2, int(width / 5))
            )
            for level in range(5):
                ly = top + (bottom - top) * level / 5
                c.draw.line(
                    [(near_x, ly), (near_x - side * width * 2, ly)],
                    fill=(220, 110, 40),
                    width=max(2, int(width / 8)),
                )
                box = c.rng.choice(((190, 150, 100), (170, 130, 90), (210, 180, 130)))
                c.draw.rectangle(
                    sorted_box(
                        near_x, ly + 4, near_x - side * width * 1.8, ly + (bottom - top) / 5 - 4
                    ),
                    fill=box,
                )
        c.draw.rectangle(
            [cx - 200 * t - 20, cy - 60 - 560 * t, cx + 200 * t + 20, cy - 54 - 560 * t],
            fill=(240, 240, 230),
        )
    for _ in range(c.rng.randint(2, 4)):
        t = c.rng.uniform(0.2, 0.8)
        x, y = cx + c.rng.uniform(-200, 200) * t, cy + 560 * t
        size = 160 * t
        c.draw.rounded_rectangle(
            [x - size, y - size * 0.8, x + size, y], int(size / 5), fill=(236, 120, 40)
        )
        c.draw.rectangle(
            [x - size * 0.8, y - size * 1.1, x + size * 0.8, y - size * 0.8], fill=(80, 84, 90)
        )


def sorted_box(x0, y0, x1, y1):
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]

"""Bar charts drawn on the server as SVG: numbers a template can place, no JavaScript.

The drawing has a fixed coordinate system (viewBox) and scales to the width of the screen, so
one chart reads on a phone and on a desktop.
"""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
LEFT = 40  # room for the scale's numbers
BOTTOM = 24  # room for the dates under the bars
TOP = 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Label:
    x: float
    text: str


def nice_ceiling(value):
    """The smallest of 1, 2, 5, 10, 20, 50, … not below value, so the scale reads evenly."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(points, label_format, every=None):
    """points: [(moment, value)]. Returns everything the SVG template draws."""
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max([value for _, value in points] or [0]) or 1)
    slot = plot_width / max(len(points), 1)
    gap = slot * 0.2 if slot > 4 else 0
    bars = []
    for index, (moment, value) in enumerate(points):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + gap / 2, 2),
                y=round(TOP + plot_height - height, 2),
                width=round(max(slot - gap, 0.5), 2),
                height=round(height, 2),
                value=value,
                label=moment.strftime(label_format),
            )
        )
    every = every or max(1, round(len(points) / 6))
    labels = [
        Label(x=round(bar.x + bar.width / 2, 2), text=bar.label)
        for index, bar in enumerate(bars)
        if index % every == 0
    ]
    ticks = [
        Tick(y=round(TOP + plot_height * (1 - share), 2), value=round(top * share))
        for share in (0, 0.5, 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "baseline": TOP + plot_height,
        "bars": bars,
        "ticks": ticks,
        "labels": labels,
        "label_y": HEIGHT - 6,
        "total": sum(value for _, value in points),
        "peak": max([value for _, value in points] or [0]),
    }

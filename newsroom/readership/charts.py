"""Bar charts drawn on the server as SVG: numbers a template can place, no JavaScript.

The drawing has a fixed coordinate system (viewBox) and scales to the width of the screen, so
one chart reads on a phone and on a desktop.
"""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
LEFT = 56  # room for the scale's numbers
LABEL_ROOM = 60  # a date needs this much room to the right of where it starts
MOST_LABELS = 7
# The widest a bar gets: one day's bar is a bar, not a block filling the chart.
WIDEST_BAR = 40
BOTTOM = 24  # room for the dates under the bars
TOP = 14  # room for the top number of the scale


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


ROUND_STEPS = (1, 2, 4, 6, 8, 10)


def nice_ceiling(value):
    """The smallest of 1, 2, 4, 6, 8, 10, 20, 40, … not below value: the scale's top and its
    middle line are round numbers, and the tallest bar fills most of the height."""
    step = 1
    while True:
        for factor in ROUND_STEPS:
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(points, label, axis_label=None, label_if=None):
    """points: [(moment, value)]. Returns everything the SVG template draws.

    Each bar's tooltip reads label(moment); axis_label(moment) (label by default) goes under
    the bars where label_if(moment) holds (every bar by default), thinned out to at most
    MOST_LABELS, each starting at its bar's left edge. The scale's lines are 0, the top and,
    when it is a whole number, the middle.
    """
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max([value for _, value in points] or [0]) or 1)
    slot = plot_width / max(len(points), 1)
    width = min(slot * 0.8 if slot > 4 else slot, WIDEST_BAR)
    bars = []
    for index, (moment, value) in enumerate(points):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + (slot - width) / 2, 2),
                y=round(TOP + plot_height - height, 2),
                width=round(max(width, 0.5), 2),
                height=round(height, 2),
                value=value,
                label=label(moment),
            )
        )
    candidates = [
        (bar, moment)
        for bar, (moment, _) in zip(bars, points, strict=True)
        if not label_if or label_if(moment)
    ]
    every = max(1, -(-len(candidates) // MOST_LABELS))
    labels = [
        Label(x=bar.x, text=(axis_label or label)(moment))
        for index, (bar, moment) in enumerate(candidates[::every])
        if index == 0 or bar.x <= WIDTH - LABEL_ROOM
    ]
    ticks = [
        Tick(y=round(TOP + plot_height * (1 - share), 2), value=int(top * share))
        for share in (0, 0.5, 1)
        if float(top * share).is_integer()
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

"""Scenes drawn with Pillow for the demo's stories: skylines, harbours, fields, stadiums, charts.

Each story names a kind of scene and a light (dawn, day, dusk, night, overcast); its slug seeds
the rest (where the sun stands, how tall the buildings are, the colours of the awnings), so no
two stories show the same picture and a story shows the same one every time it is drawn.
Distant things fade into the sky and a little grain and vignette finish each picture, which is
what makes flat shapes read as a scene rather than a diagram.
"""

from newsroom.demo.scenes import graphics, indoors, landscapes, town
from newsroom.demo.scenes.canvas import Canvas

SCENES = {
    "abstract": graphics.abstract,
    "cells": graphics.cells,
    "chart": graphics.chart,
    "circuit": graphics.circuit,
    "civic": town.civic,
    "fields": landscapes.fields,
    "food": indoors.food,
    "gallery": indoors.gallery,
    "harbour": landscapes.harbour,
    "island": landscapes.island,
    "market": town.market,
    "mountains": landscapes.mountains,
    "night_sky": landscapes.night_sky,
    "pool": town.pool,
    "river": landscapes.river,
    "shelves": indoors.shelves,
    "skyline": town.skyline,
    "stadium": town.stadium,
    "stage": indoors.stage,
    "street": town.street,
    "train": landscapes.train,
    "warehouse": indoors.warehouse,
}


def draw(kind, seed, light="day", mode=""):
    """The picture of one kind of scene, in a light, varied by the seed; 1600 x 1000 pixels."""
    canvas = Canvas(light, f"{kind}:{seed}")
    SCENES[kind](canvas, mode)
    return canvas.finish()

"""`manage.py make_renditions`: pictures uploaded before cuts and AVIF existed get them."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.images import renditions_are_current
from articles.models import Image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_older_pictures_get_their_missing_copies_and_current_ones_are_left_alone():
    older, current = ImageFactory(small=True), ImageFactory(small=True)
    whole = [
        {key: value for key, value in r.items() if key != "crop"}
        for r in older.renditions
        if not r["crop"] and r["format"] != "avif"
    ]
    Image.objects.filter(pk=older.pk).update(renditions=whole)
    made_before = list(current.renditions)
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert out.getvalue().strip() == "Copies made for 1 picture."
    older.refresh_from_db()
    current.refresh_from_db()
    assert renditions_are_current(older)
    assert {r["crop"] for r in older.renditions} == {"", "16:9", "4:3", "1:1", "1.91:1"}
    assert current.renditions == made_before

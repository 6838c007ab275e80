"""A WordPress move brings its embeds: shortcodes, bare addresses and embed blocks become links
alone on their line, fetched during the import when asked (or later by fetch_embeds)."""

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article, Embed
from tests.embed_servers import youtube_answer
from tests.wordpress.exports import author, export, post, run, write

pytestmark = pytest.mark.django_db

CONTENT = (
    "The harbour opened on Sunday.\n\n"
    "[youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ]\n\n"
    "https://vimeo.com/76979871\n\n"
    "[embed]https://x.com/harbour/status/1234567890[/embed]\n\n"
    "The mayor spoke."
)


def answers(web):
    """Each provider's own answer, by the link asked about."""

    def answer(query):
        link = query["url"][0]
        if "vimeo" in link:
            frame = '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'
            return json.dumps({"type": "video", "title": "Dredging", "html": frame})
        if "x.com" in link:
            return json.dumps({"type": "rich", "html": "<blockquote>…</blockquote>"})
        return json.dumps(youtube_answer(web))

    web.route("/oembed", answer, kind="application/json")


@pytest.fixture
def exported(tmp_path):
    return write(tmp_path, export(author("jane"), post(1, content=CONTENT)))


def test_the_import_fetches_embeds_when_asked(exported, web):
    answers(web)
    report = run(exported, fetch_embeds=True)
    assert sorted(Embed.objects.values_list("provider", flat=True)) == ["vimeo", "x", "youtube"]
    assert any("3 links embedded" in note for note in report.notes)
    story = Article.objects.get()
    assert "The mayor spoke." in story.body


def test_without_asking_the_import_says_how_to_fetch_them_later(exported, web):
    report = run(exported)
    assert not Embed.objects.exists()
    assert any("3 links alone on their line" in note for note in report.notes)
    answers(web)
    out = io.StringIO()
    call_command("fetch_embeds", stdout=out)
    assert "3 links alone on their line; 0 not embedded." in out.getvalue()
    assert Embed.objects.count() == 3


def test_a_provider_failing_during_the_import_is_reported_and_the_story_kept(exported, web):
    web.oembed({"error": "down"}, status=500)
    report = run(exported, fetch_embeds=True)
    assert sum("could not be embedded" in error for error in report.errors) == 3
    assert Article.objects.get().body.count("<a href=") == 3

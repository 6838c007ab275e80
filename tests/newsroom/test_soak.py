"""The fault soak's moving parts (`make soak`): its verdicts, its form reading, a short run."""

import shutil

import pytest
from django.conf import settings
from django.test import Client as DjangoClient

from newsroom.bench import soak


def record(status, started, shown=(), role="reader"):
    path = "/harbour/soak-story-1/"
    return soak.Record(role, "GET", path, started, started + 0.1, status, frozenset(shown))


def test_errors_during_an_outage_are_the_outages_and_others_are_failures():
    run = soak.Run(outages=[soak.Outage("PostgreSQL restarted", 100.0, 102.0)])
    run.records = [record(503, 101.0), record(503, 106.5), record(500, 108.0), record(0, 50.0)]
    outside = run.errors_outside_outages()
    assert [(r.status, r.started) for r in outside] == [(500, 108.0), (0, 50.0)]


def test_a_page_showing_a_story_after_its_unpublishing_was_answered_is_stale():
    headline = "Soak story 3: the harbour board meets"
    run = soak.Run(unpublished=[[headline, 10.0, 20.0]])
    run.records = [
        record(200, 9.0, {headline}),  # before: fine
        record(200, 12.0, {headline}),  # after: stale
        record(404, 13.0),
        record(200, 14.0, {"Soak story 4: the harbour board meets"}),
        record(200, 21.0, {headline}),  # published again: fine
    ]
    assert run.stale_pages() == [("/harbour/soak-story-1/", 2.0)]


def test_comments_taken_are_matched_with_rows_stored():
    run = soak.Run(comments=[("soak-comment-1", 302), ("soak-comment-2", 302),
                             ("soak-comment-3", 503), ("soak-comment-4", 0)])  # fmt: skip
    verdicts = soak.tally(run, ["soak-comment-1", "soak-comment-4"])
    assert verdicts["comments_taken"] == 2
    assert verdicts["comments_stored"] == 2
    assert verdicts["comments_lost"] == ["soak-comment-2"]
    assert verdicts["comments_stored_unanswered"] == ["soak-comment-4"]


def test_the_report_says_what_failed(capsys):
    run = soak.Run(comments=[("soak-comment-1", 302)])
    lines = []
    healthy = soak.report(run, soak.tally(run, []), 10, lines.append)
    assert not healthy
    assert "Comments: 1 taken (302), 0 rows stored; lost: 1; stored without a 302: 0" in lines
    assert lines[-1] == "FAILED"


def test_a_page_is_kept_as_the_soaks_headlines_it_showed():
    page = b"<h2>Soak story 3: the harbour board meets</h2><p>Soak story 11: the harbour board"
    assert soak.HEADLINES.findall(page) == [b"Soak story 3: the harbour board meets"]


def test_the_commenter_reads_the_forms_hidden_fields(article):
    page = DjangoClient().get(article.get_absolute_url()).content.decode()
    fields = soak.hidden_fields(page, "commentform")
    assert set(fields) == {
        "comment_post_ID", "comment_parent", "comment_token", "comment_elapsed",
    }  # fmt: skip
    assert fields["comment_post_ID"] == str(article.pk)


@pytest.mark.slow
@pytest.mark.multiserver
@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_a_short_soak_keeps_every_comment_and_shows_nothing_unpublished():
    """The soak's own PostgreSQL and Redis, gunicorn, each fault once, in twenty seconds."""
    lines = []
    folder = settings.BASE_DIR / "var" / "soak-test"
    assert soak.healthy_run(20, lines.append, 3, 2, folder), "\n".join(lines)
    text = "\n".join(lines)
    assert "PostgreSQL restarted: at" in text
    assert "Redis killed, started again after 2 s: at" in text
    assert "Redis paused 2 s: at" in text
    assert "5xx outside the outages: 0" in text
    assert "Pages that showed a story after it was unpublished: 0" in text

"""Notes on drafts: who may write them, where they are anchored, mentions and their mail, the
open count in the article list, and that nothing of them reaches readers."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from articles.desk import notes
from articles.models import Article, Note
from newsroom.api.keys import HEADER
from newsroom.api.models import ApiKey
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

BODY = (
    "<p>The council voted on Tuesday to build the bridge.</p>"
    "<h2>What next</h2>"
    "<p>Tenders open in March, the mayor said.</p>"
)
SECRET = "Check this figure with the treasurer"


@pytest.fixture
def draft(reporter):
    return ArticleFactory(draft=True, created_by=reporter, body=BODY, headline="Bridge vote")


def notes_url(article):
    return reverse("admin:articles_article_notes", args=[article.pk])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def panel(response):
    return BeautifulSoup(response.content, "html.parser").find("aside", id="notes")


def test_reporter_and_editor_may_note_a_draft_a_moderator_may_not(
    draft, reporter, other_reporter, editor, moderator
):
    """Notes follow editing: the story's reporter and editors, never a colleague's draft
    nor a moderator."""
    assert notes.can_note(reporter, draft)
    assert notes.can_note(editor, draft)
    assert not notes.can_note(other_reporter, draft)
    assert not notes.can_note(moderator, draft)


def test_paragraphs_are_offered_as_anchors_with_their_first_words(draft):
    """The "On" list holds the fields, then each paragraph and heading of the saved story."""
    labels = [label for _, label in notes.anchor_choices(draft)]
    assert labels[:4] == ["The story as a whole", "Headline", "Standfirst", "Picture"]
    assert labels[4:] == [
        "Paragraph 1: The council voted on Tuesday to build the…",
        "Paragraph 2: What next",
        "Paragraph 3: Tenders open in March, the mayor said.",
    ]


def test_a_note_follows_its_paragraph_when_the_story_is_edited(draft, editor):
    """Edited words keep the thread on its paragraph, wherever it moved; a paragraph taken out
    leaves the thread quoting it."""
    note = notes.add(draft, editor, "Which day exactly?", "p3")
    assert note.quote == "Tenders open in March, the mayor said."
    draft.body = "<p>A new lead.</p>" + BODY.replace("in March", "in early March")
    (thread,) = notes.threads(draft)
    assert (thread.place, thread.text) == (
        "Paragraph 4",
        "Tenders open in early March, the mayor said.",
    )
    draft.body = "<p>A new lead.</p>"
    (thread,) = notes.threads(draft)
    assert thread.gone
    assert thread.place == "A paragraph no longer in the story"
    assert thread.text == "Tenders open in March, the mayor said."


def test_reporter_adds_a_note_to_a_paragraph_in_a_plain_form(draft, reporter):
    """Without JavaScript the panel's form posts, and the story shows the thread in its place."""
    client = client_for(reporter)
    response = client.post(notes_url(draft), {"action": "add", "anchor": "p1", "text": SECRET})
    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{change_url(draft)}#note-{note.pk}"
    shown = panel(client.get(change_url(draft)))
    thread = shown.find("li", id=f"note-{note.pk}")
    assert "Paragraph 1" in thread.get_text()
    assert SECRET in thread.get_text()
    assert "1 open" in shown.find("h2").get_text()


def test_reply_resolve_and_reopen_a_thread(draft, reporter, editor):
    """Replies hang under the thread; resolving with words typed keeps them as a last reply;
    a resolved thread can be reopened."""
    thread = notes.add(draft, editor, "Source for the date?", "p1")
    client = client_for(reporter)
    client.post(notes_url(draft), {"action": "reply", "thread": thread.pk, "text": "The minutes."})
    client.post(notes_url(draft), {"action": "resolve", "thread": thread.pk, "text": "Linked."})
    thread.refresh_from_db()
    assert [reply.text for reply in thread.replies.all()] == ["The minutes.", "Linked."]
    assert thread.resolved_by == reporter
    assert not Note.objects.open().exists()
    client_for(editor).post(notes_url(draft), {"action": "reopen", "thread": thread.pk})
    assert Note.objects.open().get() == thread


def test_an_empty_note_is_refused_and_what_was_chosen_is_kept(draft, reporter):
    """An empty note says so; a note on a paragraph no longer there keeps its words."""
    client = client_for(reporter)
    response = client.post(
        notes_url(draft), {"action": "add", "anchor": "p9", "text": "Keep my words"}, follow=True
    )
    shown = panel(response)
    assert "That paragraph is no longer in the story" in shown.find(role="alert").get_text()
    assert shown.find("textarea", id="note-text").get_text() == "Keep my words"
    response = client.post(notes_url(draft), {"action": "add", "anchor": "p1", "text": "  "})
    assert "Write the note first" in panel(client.get(change_url(draft))).get_text()
    assert not Note.objects.exists()


def test_the_panel_alone_answers_the_script(draft, reporter):
    """The script gets the new panel back and keeps the story form as typed."""
    response = client_for(reporter).post(
        notes_url(draft),
        {"action": "add", "anchor": "headline", "text": "Shorter?"},
        headers={"X-Notes-Panel": "1"},
    )
    assert response.status_code == 200
    assert panel(response).find(class_="note-thread__place").get_text(strip=True) == "Headline"
    assert b"article_form" not in response.content


@pytest.mark.parametrize("who", ["other_reporter", "moderator"])
def test_who_may_not_edit_the_story_may_not_post_notes(draft, who, request):
    """A colleague's draft or a moderator: refused, nothing kept, no panel shown."""
    person = request.getfixturevalue(who)
    response = client_for(person).post(
        notes_url(draft), {"action": "add", "anchor": "p1", "text": "Hi"}
    )
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_editor_reading_a_published_story_of_a_reporter_sees_the_notes(editor, reporter):
    """Editors note on every story, published ones included."""
    story = ArticleFactory(created_by=reporter, body=BODY)
    notes.add(story, reporter, "Before it went out", "story")
    assert panel(client_for(editor).get(change_url(story))) is not None
    # A published story is no longer its reporter's to edit, nor to note.
    assert not notes.can_note(reporter, story)


def test_a_mention_emails_the_colleague_and_shows_on_their_desk(
    draft, reporter, editor, django_capture_on_commit_callbacks
):
    """@name, by user name or full name, sends the colleague an email and a desk notice."""
    with django_capture_on_commit_callbacks(execute=True):
        client_for(reporter).post(
            notes_url(draft),
            {"action": "add", "anchor": "p1", "text": "@Edna Editor is this quote cleared?"},
        )
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Rita Reporter mentioned you" in message.subject
    assert "is this quote cleared?" in message.body
    assert f"{change_url(draft)}#note-" in message.body
    desk = BeautifulSoup(client_for(editor).get(reverse("admin:index")).content, "html.parser")
    titles = [title.get_text() for title in desk.select(".desk-panel__title")]
    assert "Notes for you" in titles
    assert "is this quote cleared?" in desk.get_text()


def test_mentions_by_user_name_and_byline_and_nobody_else(draft, reporter, editor, other_reporter):
    """Each way of naming a colleague finds them; those who cannot see the notes are not
    mentioned, nor is the writer, nor an address that merely contains a name."""
    AuthorFactory(name="E. Editor", user=editor)
    people = notes.colleagues(draft)
    assert set(people) == {reporter, editor}
    assert notes.mentioned("ask @edna", people) == [editor]
    assert notes.mentioned("ask @E. Editor please", people) == [editor]
    assert notes.mentioned("mail edna@example.com", people) == []
    note = notes.add(draft, reporter, "@rita and @oscar", "story")
    assert list(note.mentions.all()) == []


def test_a_mail_server_down_keeps_the_note(draft, reporter, editor, settings, caplog):
    """The note is kept and the desk shows it when the mention's mail cannot be sent."""
    settings.EMAIL_BACKEND = "tests.articles.desk.test_notes.BrokenBackend"
    note = notes.add(draft, reporter, "@edna look", "story")
    from articles.desk.notes.mail import notify_mentioned

    assert notify_mentioned.call(note.pk, "http://testserver/") == 0
    assert Note.objects.filter(pk=note.pk).exists()
    assert "Could not send the mention notice" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


def test_open_notes_are_counted_in_the_list_and_the_review_queue(reporter, editor):
    """The article list shows each story's open threads; replies and resolved ones are not
    counted."""
    story = ArticleFactory(in_review=True, created_by=reporter, headline="Bridge vote", body=BODY)
    ArticleFactory(in_review=True, headline="Quiet story")
    first = notes.add(story, editor, "One", "p1")
    notes.reply(first, reporter, "Reply")
    notes.resolve(notes.add(story, editor, "Done", "headline"), editor)
    notes.add(story, editor, "Two", "dek")
    url = reverse("admin:articles_article_changelist") + "?status=review"
    soup = BeautifulSoup(client_for(editor).get(url).content, "html.parser")
    counts = {
        row.select_one(".field-headline").get_text(strip=True): row.select_one(
            ".field-open_notes"
        ).get_text(" ", strip=True)
        for row in soup.select("#result_list tbody tr")
    }
    assert counts == {"Bridge vote": "2 open notes", "Quiet story": "—"}


def api_key():
    key = ApiKey(name="Partner")
    secret = key.issue()
    key.save()
    return secret


def test_notes_never_reach_readers_previews_feeds_or_the_api(client, reporter, editor):
    """Everything readers and partners get of a story with notes: no trace of them."""
    story = ArticleFactory(created_by=reporter, body=BODY, slug="bridge-vote")
    notes.add(story, editor, SECRET, "p1")
    draft = ArticleFactory(draft=True, created_by=reporter, body=BODY)
    notes.add(draft, editor, SECRET, "p1")
    pages = [
        client.get(story.get_absolute_url()),
        client.get("/feed/"),
        client.get(f"/api/v1/stories/{story.pk}", headers={HEADER: api_key()}),
        client_for(editor).get(reverse("articles:preview", args=[draft.pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
        assert "note-" not in response.content.decode()
    history = story.history.first()
    assert SECRET not in str(vars(history))


def test_notes_survive_autosave_and_its_restore(draft, reporter):
    """A copy of the form autosaved and restored leaves the notes as they were."""
    note = notes.add(draft, reporter, SECRET, "p1")
    client = client_for(reporter)
    data = admin_form_data(client, change_url(draft))
    data["_autosave_key"] = data.get("_autosave_key") or "k" * 24
    data["headline"] = "Bridge vote, rewritten"
    response = client.post(reverse("admin:articles_article_autosave", args=[draft.pk]), data)
    assert response.status_code == 200, response.content
    shown = client.get(change_url(draft) + "?autosave=restore")
    assert 'value="Bridge vote, rewritten"' in shown.content.decode()
    assert f"note-{note.pk}" in shown.content.decode()
    data = admin_form_data(client, change_url(draft))
    client.post(change_url(draft), {**data, "_continue": "1"})
    assert Article.objects.get(pk=draft.pk).notes.get() == note

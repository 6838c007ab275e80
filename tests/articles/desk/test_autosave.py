import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from taggit.models import Tag

from articles.desk import autosave
from articles.models import Article, Autosave
from newsroom.clock import tick
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:articles_article_add")
NEW_AUTOSAVE_URL = reverse("admin:articles_article_autosave_new")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def notice(response):
    found = soup_of(response).select_one(".autosave-notice")
    return found.get_text(" ", strip=True) if found else None


def field_value(response, name):
    field = soup_of(response).find(attrs={"name": name})
    # As browsers do, the newline that opens a textarea is not part of its text.
    return field.text.removeprefix("\n") if field.name == "textarea" else field.get("value")


def copy_of(user, article=None):
    return autosave.latest(user, article)


@pytest.fixture
def story(reporter):
    article = ArticleFactory(
        draft=True, headline="Ferry fares to rise", created_by=reporter, authors=[AuthorFactory()]
    )
    article.tags.add("ferries")
    return article


def test_autosave_keeps_a_copy_and_leaves_the_story_alone(reporter, story):
    """Typing in the form keeps a copy for its writer; the story itself is not changed."""
    client = client_for(reporter)
    revisions = story.history.count()
    data = admin_form_data(client, change_url(story))
    data.update(headline="Ferry fares to rise by a tenth", body="<p>Islanders object.</p>")
    data["tags"] = "ferries, islands"
    response = client.post(autosave_url(story), data)

    assert response.status_code == 200
    copy = copy_of(reporter, story)
    label = time_format(timezone.localtime(copy.saved_at), "TIME_FORMAT")
    assert response.json()["message"] == f"Draft saved {label}"
    assert copy.data["headline"] == ["Ferry fares to rise by a tenth"]
    assert copy.data["body"] == ["<p>Islanders object.</p>"]
    assert "csrfmiddlewaretoken" not in copy.data and "_autosave_key" not in copy.data
    story.refresh_from_db()
    assert story.headline == "Ferry fares to rise"
    assert story.status == Article.Status.DRAFT
    assert story.history.count() == revisions


def test_autosave_needs_a_staff_login(story):
    """Signed-out visitors and readers with an account are sent to the admin's login page."""
    for client in (Client(), client_for(UserFactory(is_staff=False))):
        response = client.post(autosave_url(story), {"headline": "x"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_staff_who_may_not_edit_the_story_cannot_autosave_it(story, other_reporter, moderator):
    """A colleague's draft and a moderator's missing article rights both get a 403."""
    for user in (other_reporter, moderator):
        client = client_for(user)
        data = {"_autosave_key": autosave.new_key(), "headline": "Mine now"}
        assert client.post(autosave_url(story), data).status_code == 403
    assert client_for(moderator).post(NEW_AUTOSAVE_URL, data).status_code == 403
    assert not Autosave.objects.exists()


def test_autosave_refuses_a_post_without_the_csrf_token(reporter, story):
    """The endpoint takes only posts from the admin's own pages."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    data = {"_autosave_key": autosave.new_key(), "headline": "Forged"}
    assert client.post(autosave_url(story), data).status_code == 403
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"headline": "No key"},
        {"_autosave_key": "short", "headline": "Bad key"},
        {"_autosave_key": "x" * 20 + "<script>", "headline": "Bad key"},
        {"_autosave_key": "k" * 30},
        {"_autosave_key": "k" * 30, "is_superuser": "on", "status": "published"},
        {"_autosave_key": "k" * 30, "headline": "Bad section", "section": "world"},
        {"_autosave_key": "k" * 30, "headline": "x", "articleauthor_set-0-author": "1 OR 1=1"},
        {"_autosave_key": "k" * 30, "headline": "x", "featured_image": "\N{SUPERSCRIPT TWO}"},
    ],
)
def test_bad_autosave_input_gets_a_400_with_a_message(reporter, story, data):
    """A key missing or malformed, or no field of the story's form: 400, never a 500."""
    response = client_for(reporter).post(autosave_url(story), data)
    assert response.status_code == 400
    assert response.json()["message"].startswith("Draft not saved")
    assert not Autosave.objects.exists()


def test_autosave_of_an_unknown_story_or_by_get_is_refused(reporter):
    client = client_for(reporter)
    missing = reverse("admin:articles_article_autosave", args=[999999])
    assert client.post(missing, {"_autosave_key": "k" * 30, "headline": "x"}).status_code == 404
    assert client.get(NEW_AUTOSAVE_URL).status_code == 405


def test_autosave_keeps_only_the_fields_of_the_form(reporter, story):
    """Fields a reporter cannot edit (the publication time) or that the form lacks are dropped."""
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data.update(status="published", published_at_0="2030-01-01", published_at_1="09:00")
    # An untouched form keeps no copy: the person typed something.
    data["headline"] = "Ferry fares to rise by a tenth"
    client.post(autosave_url(story), data)
    kept = copy_of(reporter, story).data
    assert "status" not in kept and "published_at_0" not in kept
    assert kept["articleauthor_set-TOTAL_FORMS"] == ["1"]
    assert "articleauthor_set-0-author" in kept and "related_links-TOTAL_FORMS" in kept
    # The admin's blank row that "Add another" copies is not part of the story.
    assert not [name for name in kept if "__prefix__" in name]


def test_reopening_a_story_restores_a_newer_autosave_with_a_notice(reporter, story):
    """The form comes back as it was typed, bylines and related stories included."""
    client = client_for(reporter)
    other_story = ArticleFactory(headline="Timetable changes")
    second_author = AuthorFactory(name="Sam Second")
    data = admin_form_data(client, change_url(story))
    data.update(
        headline="Ferry fares to rise by a tenth",
        dek="Islanders say the rise is unfair.",
        dateline="Port Ellen, Dec 2026",
        body="<p>Half a story, typed before the crash.</p>",
        tags="ferries, islands",
        seo_title="Ferry fares rise",
    )
    data.update(
        {
            "articleauthor_set-TOTAL_FORMS": "2",
            "articleauthor_set-1-author": str(second_author.pk),
            "articleauthor_set-1-position": "1",
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-related_article": str(other_story.pk),
            "related_links-0-position": "0",
        }
    )
    client.post(autosave_url(story), data)
    when = time_format(timezone.localtime(copy_of(reporter, story).saved_at), "TIME_FORMAT")

    response = client.get(change_url(story))
    assert notice(response).startswith(f"Restored your unsaved changes (kept {when}).")
    assert "Discard them" in notice(response)
    assert field_value(response, "headline") == "Ferry fares to rise by a tenth"
    assert field_value(response, "dek") == "Islanders say the rise is unfair."
    assert field_value(response, "dateline") == "Port Ellen, Dec 2026"
    assert "Half a story, typed before the crash." in field_value(response, "body")
    assert field_value(response, "tags") == "ferries, islands"
    assert field_value(response, "seo_title") == "Ferry fares rise"
    page = soup_of(response)
    assert page.select_one("select[name='articleauthor_set-1-author'] option[selected]")[
        "value"
    ] == str(second_author.pk)
    assert page.select_one("select[name='related_links-0-related_article'] option[selected]")[
        "value"
    ] == str(other_story.pk)
    assert not page.select(".errornote, .errorlist")
    story.refresh_from_db()
    assert story.headline == "Ferry fares to rise"


def test_an_autosave_older_than_the_story_is_offered_not_restored(reporter, story, editor):
    """When the story was saved after the copy, the form shows the story and offers the copy."""
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data["headline"] = "Reporter's unsaved headline"
    client.post(autosave_url(story), data)
    theirs = admin_form_data(client_for(editor), change_url(story))
    theirs["headline"] = "Editor's saved headline"
    assert client_for(editor).post(change_url(story), theirs).status_code == 302

    response = client.get(change_url(story))
    assert "You have unsaved changes from" in notice(response)
    assert field_value(response, "headline") == "Editor's saved headline"
    restored = client.get(change_url(story) + "?autosave=restore")
    assert field_value(restored, "headline") == "Reporter's unsaved headline"
    assert "saving these changes will be refused" in notice(restored)


def test_a_restored_copy_based_on_an_older_version_is_refused_on_save(reporter, story, editor):
    """The no-lost-edits check still holds: a restored copy cannot overwrite a colleague."""
    client = client_for(reporter)
    mine = admin_form_data(client, change_url(story))
    theirs = admin_form_data(client_for(editor), change_url(story))
    theirs["headline"] = "Editor's saved headline"
    client_for(editor).post(change_url(story), theirs)
    mine["headline"] = "Reporter's headline"
    client.post(autosave_url(story), mine)

    restored = admin_form_data(client, change_url(story))
    assert restored["headline"] == "Reporter's headline"
    response = client.post(change_url(story), restored)
    assert response.status_code == 200
    assert "Edna Editor saved this article at" in soup_of(response).select_one(
        ".errorlist.nonfield"
    ).get_text(" ", strip=True)
    story.refresh_from_db()
    assert story.headline == "Editor's saved headline"


def test_nobody_sees_or_discards_another_persons_autosave(reporter, story, editor):
    """Copies are per person: a colleague opening the story sees the story, not the copy."""
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data["headline"] = "Only Rita's words"
    client.post(autosave_url(story), data)

    editor_client = client_for(editor)
    response = editor_client.get(change_url(story))
    assert notice(response) is None
    assert "Only Rita's words" not in response.content.decode()
    discard = reverse("admin:articles_article_discard_autosave", args=[story.pk])
    editor_client.post(discard)
    theirs = admin_form_data(editor_client, change_url(story))
    theirs["headline"] = "Edna's copy"
    editor_client.post(autosave_url(story), theirs)
    assert copy_of(reporter, story).data["headline"] == ["Only Rita's words"]
    assert copy_of(editor, story).data["headline"] == ["Edna's copy"]


def test_discard_throws_the_copy_away(reporter, story):
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data["headline"] = "Second thoughts"
    client.post(autosave_url(story), data)
    discard = reverse("admin:articles_article_discard_autosave", args=[story.pk])

    response = client.post(discard, follow=True)
    assert response.redirect_chain[-1][0] == change_url(story)
    assert "Your unsaved changes were discarded." in response.content.decode()
    assert notice(response) is None
    assert field_value(response, "headline") == "Ferry fares to rise"
    assert copy_of(reporter, story) is None


def test_saving_the_story_ends_its_autosave(reporter, story):
    """After a save the form opens clean, and a copy still on its way from that form is
    not kept."""
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data["headline"] = "Saved at last"
    client.post(autosave_url(story), data)
    assert client.post(change_url(story), data).status_code == 302

    assert copy_of(reporter, story) is None
    assert client.post(autosave_url(story), data).status_code == 409
    assert copy_of(reporter, story) is None
    response = client.get(change_url(story))
    assert notice(response) is None
    assert field_value(response, "headline") == "Saved at last"


def new_story_data(client, section, author, **fields):
    data = admin_form_data(client, ADD_URL)
    data.update(
        {
            "headline": "Harbour crane collapses",
            "slug": "harbour-crane-collapses",
            "section": str(section.pk),
            "body": "<p>No one was hurt.</p>",
            "articleauthor_set-0-author": str(author.pk),
            "articleauthor_set-0-position": "0",
            **fields,
        }
    )
    return data


def test_a_new_story_is_restored_on_the_add_form_and_saving_it_ends_the_copy(reporter):
    """An unsaved new story comes back when its writer opens "Add article" again."""
    client = client_for(reporter)
    section, author = SectionFactory(), AuthorFactory()
    data = new_story_data(client, section, author, tags="harbour")
    key = data["_autosave_key"]
    assert client.post(NEW_AUTOSAVE_URL, data).status_code == 200

    response = client.get(ADD_URL)
    assert notice(response).startswith("Restored your unsaved changes (kept ")
    assert field_value(response, "headline") == "Harbour crane collapses"
    assert field_value(response, "_autosave_key") == key
    assert not soup_of(response).select(".errornote, .errorlist")
    assert not Article.objects.exists()

    restored = admin_form_data(client, ADD_URL)
    assert client.post(ADD_URL, restored).status_code == 302
    assert Article.objects.get().headline == "Harbour crane collapses"
    assert copy_of(reporter) is None
    late = client.post(NEW_AUTOSAVE_URL, data)
    assert late.status_code == 409
    assert late.json()["message"].startswith("Draft not saved: this story was saved from another")
    assert notice(client.get(ADD_URL)) is None


def test_discarding_a_new_story_copy(reporter):
    client = client_for(reporter)
    data = new_story_data(client, SectionFactory(), AuthorFactory())
    client.post(NEW_AUTOSAVE_URL, data)
    discard = reverse("admin:articles_article_discard_autosave_new")
    response = client.post(discard, {"_autosave_key": data["_autosave_key"]})
    assert response.status_code == 302 and response["Location"] == ADD_URL
    assert notice(client.get(ADD_URL)) is None


def test_the_clock_forgets_autosaves_untouched_for_thirty_days(reporter, story):
    now = timezone.now()
    for days in (31, 29):
        Autosave.objects.create(
            user=reporter,
            key=f"{days}" * 10,
            data={"headline": [f"{days} days old"]},
            saved_at=now - datetime.timedelta(days=days),
        )
    with time_machine.travel(now, tick=False):
        tick()
    assert list(Autosave.objects.values_list("data__headline", flat=True)) == [["29 days old"]]


def test_a_person_keeps_at_most_twenty_unsaved_new_stories(reporter):
    """Each opened "Add article" form is a story of its own; the oldest go beyond twenty."""
    start = timezone.now()
    for minute in range(22):
        with time_machine.travel(start + datetime.timedelta(minutes=minute), tick=False):
            autosave.store(reporter, f"{minute:02d}" * 10, {"headline": [f"Story {minute}"]})
    kept = Autosave.objects.filter(user=reporter).values_list("data__headline", flat=True)
    assert sorted(kept) == sorted([f"Story {minute}"] for minute in range(2, 22))
    assert copy_of(reporter).data["headline"] == ["Story 21"]


def test_the_form_has_the_status_line_for_autosave(reporter, story):
    """The status line sits by the save buttons and is announced politely."""
    page = soup_of(client_for(reporter).get(change_url(story)))
    status = page.find(id="autosave-status")
    assert status["aria-live"] == "polite" and status["role"] == "status"
    assert status["data-autosave-url"] == autosave_url(story)
    assert page.select_one("script[src$='admin-autosave.js']")


def test_a_published_story_a_reporter_cannot_edit_has_no_autosave(reporter):
    """Read-only forms keep nothing."""
    article = ArticleFactory(created_by=reporter)
    page = soup_of(client_for(reporter).get(change_url(article)))
    assert page.find(id="autosave-status") is None
    assert page.find(attrs={"name": "_autosave_key"}) is None


# Preview and schedule from the add form ------------------------------------------------------


def test_editor_previews_an_unsaved_new_story(editor):
    """Preview shows the story in the form as readers will see it, and keeps nothing."""
    client = client_for(editor)
    data = new_story_data(client, SectionFactory(), AuthorFactory(name="Pat Writer"))
    data.update(tags="cranes, harbour", _preview="1")
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    page = soup_of(response)
    assert "Not saved yet" in page.select_one(".preview-banner").get_text(" ", strip=True)
    assert page.find("h1").get_text(strip=True) == "Harbour crane collapses"
    assert "No one was hurt." in page.get_text()
    assert "Pat Writer" in page.get_text()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not Article.objects.exists()
    assert not Article.history.exists()
    assert not Tag.objects.exists()
    assert "_messages" not in response.cookies


def test_preview_of_an_unfinished_new_story_shows_the_form_with_its_errors(editor):
    client = client_for(editor)
    data = new_story_data(client, SectionFactory(), AuthorFactory(), headline="", _preview="1")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = soup_of(response)
    assert "The preview was not shown" in page.select_one("[role=alert]").get_text()
    assert page.select_one(".field-headline .errorlist")
    assert field_value(response, "body") == "<p>No one was hurt.</p>"
    assert not Article.objects.exists()


def test_reporter_previews_an_unsaved_new_story(reporter):
    client = client_for(reporter)
    page = soup_of(client.get(ADD_URL))
    assert page.find("button", attrs={"name": "_preview"})["formtarget"] == "_blank"
    data = new_story_data(client, SectionFactory(), AuthorFactory(), _preview="1")
    assert "Not saved yet" in client.post(ADD_URL, data).content.decode()
    assert not Article.objects.exists()


def test_editor_previews_changes_to_a_saved_story_without_saving_them(editor, story):
    """The "Preview changes" button shows what is typed; the story keeps its saved text."""
    client = client_for(editor)
    data = admin_form_data(client, change_url(story))
    assert "Preview changes" in workflow_buttons(client.get(change_url(story)))
    data.update(headline="Ferry fares to double", _preview="1")
    response = client.post(change_url(story), data)
    assert soup_of(response).find("h1").get_text(strip=True) == "Ferry fares to double"
    story.refresh_from_db()
    assert story.headline == "Ferry fares to rise"
    # The preview moved nothing: the same form still saves.
    data.pop("_preview")
    assert client.post(change_url(story), data).status_code == 302


def workflow_buttons(response):
    """The buttons that end the story form, as they read (the hidden Enter key default aside)."""
    return [
        button.get_text(strip=True)
        for button in soup_of(response).select(".finish button.finish__button")
    ]


def test_editor_schedules_a_new_story_in_one_step(editor, publishing_checks_off):
    """Saved and scheduled at once, with a message that says when it goes live."""
    client = client_for(editor)
    buttons = workflow_buttons(client.get(ADD_URL))
    assert buttons == ["Publish now", "Schedule", "Save draft", "Preview", "Submit for review"]
    when = timezone.localtime() + datetime.timedelta(days=2)
    data = new_story_data(
        client,
        SectionFactory(),
        AuthorFactory(),
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1="09:00:00",
        _transition="schedule",
    )
    response = client.post(ADD_URL, data, follow=True)

    article = Article.objects.get()
    assert article.is_scheduled()
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == (
        when.strftime("%Y-%m-%d 09:00")
    )
    expected = f"Scheduled: “Harbour crane collapses” goes live on {when:%A}, "
    assert expected in response.content.decode()
    assert copy_of(editor) is None


def test_scheduling_a_new_story_without_a_future_time_saves_nothing(editor):
    client = client_for(editor)
    data = new_story_data(client, SectionFactory(), AuthorFactory(), _transition="schedule")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "choose a publication time in the future" in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_cannot_schedule_a_new_story(reporter):
    client = client_for(reporter)
    buttons = workflow_buttons(client.get(ADD_URL))
    assert buttons == ["Submit for review", "Save draft", "Preview"]
    data = new_story_data(
        client,
        SectionFactory(),
        AuthorFactory(),
        published_at_0="2030-01-01",
        published_at_1="09:00:00",
        _transition="schedule",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "You cannot do that to this article. Nothing was saved." in response.content.decode()
    assert not Article.objects.exists()


def test_a_preview_of_unsaved_topics_leaves_readers_check_also_alone(editor, client):
    """Check Also worked out for a preview (from topics typed, never saved) is not kept for
    readers: they go on seeing the stories the saved topics choose."""
    story = ArticleFactory(headline="Trade deal", tags=["trade"])
    ArticleFactory(headline="On the same topic", tags=["trade"])
    ArticleFactory(
        headline="Only on the typed topic", tags=["weather"], section=SectionFactory(name="Sport")
    )
    editor_client = client_for(editor)
    data = admin_form_data(editor_client, change_url(story))
    data.update(tags="weather", _preview="1")
    shown = soup_of(editor_client.post(change_url(story), data))
    assert "Only on the typed topic" in shown.select_one(".check-also").get_text()
    box = soup_of(client.get(story.get_absolute_url())).select_one(".check-also").get_text()
    assert "On the same topic" in box and "Only on the typed topic" not in box


def test_a_restored_copy_names_the_choices_deleted_since(reporter, story):
    """A section, byline or related story chosen in the copy and deleted since is not quietly
    dropped: the notice names the boxes left empty."""
    client = client_for(reporter)
    gone_section = SectionFactory(name="Islands")
    gone_author = AuthorFactory(name="Sam Second")
    gone_story = ArticleFactory(headline="Timetable changes")
    data = admin_form_data(client, change_url(story))
    data.update(
        {
            "section": str(gone_section.pk),
            "articleauthor_set-TOTAL_FORMS": "2",
            "articleauthor_set-1-author": str(gone_author.pk),
            "articleauthor_set-1-position": "1",
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-related_article": str(gone_story.pk),
            "related_links-0-position": "0",
        }
    )
    client.post(autosave_url(story), data)
    gone_section.delete()
    gone_author.delete()
    gone_story.delete()

    text = notice(client.get(change_url(story)))
    assert "Some of your choices were deleted since" in text
    assert "Section, Author, Story" in text


def test_a_restored_copy_whose_choices_all_exist_has_no_missing_note(reporter, story):
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    data["headline"] = "Ferry fares to rise by a tenth"
    client.post(autosave_url(story), data)
    assert "deleted since" not in notice(client.get(change_url(story)))


def test_a_save_after_a_copy_arrived_from_the_same_form_leaves_one_marker_and_no_copy():
    """The copy that came in just before the save is replaced by the marker, not doubled."""
    user = UserFactory(is_staff=True)
    story = ArticleFactory()
    key = "k" * 32
    autosave.store(user, key, {"headline": ["Typed"]}, article=story)

    autosave.saved(user, key, story)

    rows = Autosave.objects.filter(user=user, article=story)
    assert [(row.key, row.data) for row in rows] == [(key, None)]
    assert autosave.latest(user, story) is None


def browser_copy(client, url):
    """The form as a browser's FormData sends it untouched: a select with nothing chosen
    sends no value at all."""
    data = admin_form_data(client, url)
    return {name: value for name, value in data.items() if value != "" or name not in SELECTS}


SELECTS = ("section", "featured_image", "articleauthor_set-0-author")


def test_add_article_opens_after_a_copy_of_the_untouched_form_was_kept(reporter):
    """The reported 500: the empty form's copy (no value for the empty section box) broke
    "Add article" for good. The page opens, blank, and the useless copy is gone."""
    AuthorFactory(user=reporter, name="Rita Reporter")
    client = client_for(reporter)
    key = autosave.new_key()
    Autosave.objects.create(
        user=reporter, key=key, data=as_kept(browser_copy(client, ADD_URL)), saved_at=timezone.now()
    )

    response = client.get(ADD_URL)

    assert response.status_code == 200
    assert notice(response) is None
    assert not Autosave.objects.exists()


def as_kept(data):
    return {name: value if isinstance(value, list) else [value] for name, value in data.items()}


def test_the_untouched_form_sent_by_the_script_keeps_no_copy(reporter, story):
    """A copy identical to the form as it opened is not kept, on the add and the change form;
    taking a change out again forgets the copy that had it."""
    AuthorFactory(user=reporter)
    client = client_for(reporter)
    data = browser_copy(client, ADD_URL)
    data["_autosave_key"] = autosave.new_key()
    response = client.post(NEW_AUTOSAVE_URL, data)
    assert response.status_code == 200 and response.json()["message"] == "No unsaved changes"
    assert not Autosave.objects.exists()

    data = browser_copy(client, change_url(story))
    data["_autosave_key"] = autosave.new_key()
    client.post(autosave_url(story), {**data, "headline": "Typed, then taken out"})
    assert copy_of(reporter, story) is not None
    assert client.post(autosave_url(story), data).json()["message"] == "No unsaved changes"
    assert copy_of(reporter, story) is None


CORRUPT_COPIES = {
    "the empty form": {},
    "null": None,
    "not a dict": ["headline", "Typed"],
    "a string": "garbage",
    "null values": {"headline": None, "section": [None], "articleauthor_set-0-author": None},
    "ids that are not ids": {
        "headline": ["Typed"],
        "section": ["world"],
        "featured_image": ["1 OR 1=1", "None"],
        "articleauthor_set-TOTAL_FORMS": ["1"],
        "articleauthor_set-0-author": ["None"],
        "related_links-0-related_article": ["9" * 40],
    },
    "lists of junk": {"headline": [{"a": 1}], "dek": [[1, 2]], "comments_open": [True]},
    "names of an older form": {"headline": ["Typed"], "kicker": ["Old field"], "": ["x"]},
    "counts that do not match": {
        "headline": ["Typed"],
        "articleauthor_set-TOTAL_FORMS": ["many"],
        "articleauthor_set-INITIAL_FORMS": ["5"],
        "articleauthor_set-MAX_NUM_FORMS": ["-1"],
        "articleauthor_set-7-id": ["999999"],
        "articleauthor_set-7-article": ["123"],
        "articleauthor_set-7-position": ["x"],
        "related_links-TOTAL_FORMS": ["99999"],
        "corrections-0-DELETE": ["on"],
    },
}


@pytest.mark.parametrize("data", CORRUPT_COPIES.values(), ids=CORRUPT_COPIES.keys())
def test_any_kept_copy_opens_the_form_and_can_be_discarded(reporter, story, data):
    """Whatever a copy holds, the add and change forms open; the notice offers to discard it,
    and discarding works."""
    client = client_for(reporter)
    later = timezone.now() + datetime.timedelta(minutes=1)
    Autosave.objects.create(user=reporter, key="n" * 32, data=data, saved_at=later)
    Autosave.objects.create(user=reporter, article=story, key="c" * 32, data=data, saved_at=later)

    for url, discard in (
        (ADD_URL, reverse("admin:articles_article_discard_autosave_new")),
        (change_url(story), reverse("admin:articles_article_discard_autosave", args=[story.pk])),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not soup_of(response).select(".errornote, .errorlist")
        shown = notice(response)
        if shown is not None:
            assert "Discard them" in shown
            key = field_value(response, "_autosave_key") if url == ADD_URL else ""
            client.post(discard, {"_autosave_key": key or "n" * 32})
        assert notice(client.get(url)) is None, url


def test_a_copy_with_rows_deleted_since_keeps_them_as_new_rows(reporter, story):
    """A byline row the copy names but the story no longer has comes back as a new row; the
    counts are made to match what is there, and saving the form works."""
    client = client_for(reporter)
    data = admin_form_data(client, change_url(story))
    row = story.articleauthor_set.get()
    data.update(headline="Ferry fares to rise by a tenth", _autosave_key=autosave.new_key())
    client.post(autosave_url(story), data)
    author = row.author
    row.delete()

    response = client.get(change_url(story))
    assert response.status_code == 200
    assert "Restored your unsaved changes" in notice(response)
    assert field_value(response, "articleauthor_set-INITIAL_FORMS") == "0"
    assert field_value(response, "articleauthor_set-0-id") in ("", None)
    restored = admin_form_data(client, change_url(story))
    assert client.post(change_url(story), restored).status_code == 302
    assert [a.author for a in story.articleauthor_set.all()] == [author]


def test_refill_names_what_it_left_out():
    """Values of the wrong kind and fields the form no longer has are named; ids of deleted
    choices are left out as missing."""
    section = SectionFactory()
    shape = autosave.FormShape(
        {
            "headline": Article._meta.get_field("headline").formfield(),
            "section": Article._meta.get_field("section").formfield(),
        }
    )
    refill = autosave.refill(
        {"headline": [{"x": 1}], "section": [str(section.pk), "999999", "abc"], "kicker": ["x"]},
        shape,
    )
    assert refill.data.getlist("section") == [str(section.pk)]
    assert refill.missing == ["Section"]
    assert refill.dropped == ["Headline", "Section", "fields this form no longer has"]

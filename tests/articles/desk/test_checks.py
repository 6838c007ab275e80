"""Checks before publishing: each check on real story input, the outlet's switches, and the
story form holding back Publish and Schedule until the checks pass or the editor goes ahead."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.desk import checks
from articles.models import Article, PublishingChecks
from tests.factories import ArticleFactory, ImageFactory, SectionFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = Article.Status

GOOD = {
    "headline": "Council approves the new budget for city buses",
    "dek": "The vote ends months of argument over fares and routes across the city.",
    "dateline": "Gyeongju, Nov 2025",
    "tags": ("transport",),
    "body": "<p>The council voted on Tuesday.</p><h2>What changes</h2><h3>Fares</h3>"
    "<p>Fares fall. <a href='https://example.org/budget'>The budget in full</a>.</p>",
}


def draft(**changes):
    section = changes.pop("section", None) or SectionFactory(name="World", slug="world")
    return checks.Draft(**{**GOOD, "section": section, **changes})


def failed(draft, check):
    return [f.message for f in checks.run(draft) if f.check == check and not f.passed]


def test_a_well_prepared_story_passes_every_check():
    """Nothing to fix; readability is reported, never as a problem."""
    findings = checks.run(draft(featured_image=ImageFactory()))
    assert checks.problems(findings) == []
    assert {f.check for f in findings} >= {"pictures", "dateline", "readability"}


def test_pictures_without_alt_text_or_credit_are_named():
    """The featured picture's missing credit, an in-body picture without alt or caption."""
    body = (
        "<p>Text.</p><figure class='figure'><img src='/media/a.jpg'><figcaption></figcaption>"
        "</figure><figure class='figure'><img src='/media/b.jpg' alt='Buses at the depot'>"
        "<figcaption>Photo: Jane Doe</figcaption></figure>"
    )
    messages = failed(draft(body=body, featured_image=ImageFactory(credit="")), "pictures")
    assert messages == [
        "The featured picture has no credit: name the photographer or agency in the picture "
        "library.",
        "Picture 1 in the story has no alt text: open it with the picture button and describe "
        "what it shows.",
        "Picture 1 in the story has no credit: add a caption naming who took it, e.g. “Photo: "
        "Jane Doe / Reuters”.",
    ]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("headline", "Buses", "The headline has 5 characters: make it at least 20."),
        ("headline", "x" * 95, "The headline has 95 characters: cut it to 90 or fewer."),
        ("dek", "", "Write the standfirst: between 50 and 250 characters."),
        ("dek", "Short.", "The standfirst has 6 characters: make it at least 50."),
        ("dateline", "", "Add a dateline saying where and when the story was filed, e.g. "
         "“Gyeongju, Nov 2025”."),
        ("tags", (), "Add at least one tag (a topic, person or place) so readers find related "
         "stories."),
    ],
)  # fmt: skip
def test_lengths_and_missing_fields_say_what_to_do(field, value, message):
    check = {"headline": "headline_length", "dek": "dek_length"}.get(field, field)
    assert failed(draft(**{field: value}), check) == [message]


def test_link_preview_description_falls_back_to_the_standfirst_and_is_measured():
    assert failed(draft(), "link_preview") == []
    assert failed(draft(seo_description="Too short."), "link_preview") == [
        "The search engine description has 10 characters: make it at least 50."
    ]
    assert failed(draft(dek="", seo_description=""), "link_preview")[0].startswith(
        "Write a search engine description (or a standfirst)"
    )


def test_headings_out_of_order_are_named():
    body = "<h2>The vote</h2><p>a</p><h4>Who voted</h4><p>b</p><h3>Next</h3>"
    assert failed(draft(body=body), "heading_order") == [
        "“Who voted” is a level-4 heading after a level-2 one: make it Heading 3."
    ]


def test_vague_link_texts_and_bare_addresses_are_named():
    body = (
        "<p><a href='https://example.org/a'>Click here</a>, <a href='https://example.org/b'>"
        "read more</a> and <a href='https://example.org/c'>https://example.org/c</a>.</p>"
    )
    assert failed(draft(body=body), "link_text") == [
        "A link reads “Click here”: use words that say where it goes, e.g. the title of the "
        "page it opens.",
        "A link reads “read more”: use words that say where it goes, e.g. the title of the "
        "page it opens.",
        "A link shows a bare address (https://example.org/c): use words that say where it goes.",
    ]


def test_links_to_a_draft_and_to_a_missing_story_are_named_and_published_ones_pass():
    world = SectionFactory(name="World", slug="world")
    out = ArticleFactory(section=world, slug="budget-passes")
    unpublished = ArticleFactory(section=world, slug="bus-plan", draft=True, headline="Bus plan")
    body = (
        f"<p><a href='{out.get_absolute_url()}'>The budget</a>, "
        f"<a href='http://testserver/world/{unpublished.slug}/'>the plan</a>, "
        "<a href='/world/no-such-story/'>the old report</a>, "
        "<a href='/about/'>about us</a>.</p>"
    )
    assert failed(draft(body=body, section=world), "internal_links") == [
        "The link “the plan” leads to “Bus plan”, which is not published: publish it first, "
        "or take the link out.",
        "The link “the old report” leads to a story that does not exist "
        "(/world/no-such-story/): check the address.",
    ]


def test_readability_gives_words_reading_time_and_a_grade_without_the_internet(monkeypatch):
    """Coleman-Liau needs no pronouncing dictionary: nothing is downloaded."""
    import nltk

    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("downloaded"))
    body = "<p>" + "The council met today and voted for the budget. " * 30 + "</p>"
    (finding,) = [f for f in checks.run(draft(body=body)) if f.check == "readability"]
    assert finding.passed and not finding.blocking
    assert finding.message.startswith("270 words, about 1 minute to read; reads at about US")


def test_checks_the_outlet_switched_off_are_not_run():
    PublishingChecks.objects.update_or_create(pk=1, defaults={"dateline": False, "tags": False})
    ran = {f.check for f in checks.run(draft(dateline="", tags=()))}
    assert "dateline" not in ran and "tags" not in ran and "pictures" in ran


# The story form ----------------------------------------------------------------------------


@pytest.fixture
def story(section):
    return ArticleFactory(
        draft=True,
        section=section,
        headline="Council approves the new budget for city buses",
        dek="The vote ends months of argument over fares and routes across the city.",
        body="<p>The council voted.</p><figure class='figure'><img src='/media/a.jpg'>"
        "<figcaption>Photo: Jane Doe</figcaption></figure>",
        tags=["transport"],
    )


def panel(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id="publishing-checks")


def test_the_form_lists_passes_and_problems(editor, story):
    response = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    text = panel(response).get_text(" ", strip=True)
    assert "1 thing to fix" in text
    assert "To fix Pictures Picture 1 in the story has no alt text" in text
    assert "Passed Dateline Gyeongju, Nov 2025" in text
    assert "For information Readability" in text


def test_switched_off_checks_are_not_shown(editor, story):
    PublishingChecks.objects.update_or_create(pk=1, defaults={"pictures": False})
    response = client_for(editor).get(reverse("admin:articles_article_change", args=[story.pk]))
    text = panel(response).get_text(" ", strip=True)
    assert "Pictures" not in text and "Everything checked is ready." in text


@pytest.mark.parametrize("step, anyway", [("publish", "Publish anyway"),
                                          ("schedule", "Schedule anyway")])  # fmt: skip
def test_publish_and_schedule_wait_for_the_checks_then_go_anyway_and_history_says_so(
    editor, story, step, anyway
):
    url = reverse("admin:articles_article_change", args=[story.pk])
    client = client_for(editor)
    data = admin_form_data(client, url) | {"headline": "Council approves the bus budget today"}
    if step == "schedule":
        when = timezone.localtime() + datetime.timedelta(days=1)
        data |= {"published_at_0": when.strftime("%Y-%m-%d"), "published_at_1": "07:30:00"}
    held = client.post(url, data | {"_transition": step})
    assert held.status_code == 200
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.headline != data["headline"]
    # What was typed is still in the form, and the button to go ahead is beside the list.
    soup = BeautifulSoup(held.content, "html.parser")
    assert soup.find("input", {"name": "headline"})["value"] == data["headline"]
    # Enter in a text box presses the form's first button: it saves, never goes ahead anyway.
    assert soup.find("form", id="article_form").find("button", type="submit")["name"] == (
        "_continue"
    )
    button = panel(held).find("button", {"name": "_anyway"})
    assert (button.get_text(strip=True), button["value"]) == (anyway, step)
    assert "Not published yet" in held.content.decode() or "Not scheduled yet" in (
        held.content.decode()
    )

    sent = admin_form_data_from(held) | {"_anyway": step}
    assert client.post(url, sent).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.headline == data["headline"]
    entry = LogEntry.objects.get(object_id=str(story.pk), change_message__contains="anyway")
    assert entry.user == editor
    assert entry.change_message.endswith("anyway, despite the checks before publishing: Pictures")
    history = client.get(reverse("admin:articles_article_history", args=[story.pk]))
    assert "despite the checks before publishing: Pictures" in history.content.decode()
    assert story.history.first().history_change_reason == entry.change_message


def admin_form_data_from(response):
    """The form as a browser would send it again from the page the server answered."""
    form = BeautifulSoup(response.content, "html.parser").find("form", id="article_form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            data[name] = chosen[0].get("value", "") if chosen else ""
        elif field.get("type") != "checkbox":
            data[name] = field.get("value", "")
        elif field.has_attr("checked"):
            data[name] = field.get("value", "on")
    return data


def test_publishing_a_story_that_passes_needs_no_extra_step(editor, story):
    story.body = "<p>The council voted.</p>"
    story.save()
    url = reverse("admin:articles_article_change", args=[story.pk])
    client = client_for(editor)
    response = client.post(url, admin_form_data(client, url) | {"_transition": "publish"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_published()
    messages = LogEntry.objects.filter(object_id=str(story.pk)).values_list(
        "change_message", flat=True
    )
    assert "Published" in messages and not any("anyway" in m for m in messages)


def test_a_reporter_submitting_hears_what_the_checks_found_and_is_not_held(reporter, section):
    story = ArticleFactory(draft=True, section=section, created_by=reporter, dateline="")
    url = reverse("admin:articles_article_change", args=[story.pk])
    client = client_for(reporter)
    response = client.post(
        url, admin_form_data(client, url) | {"_transition": "submit"}, follow=True
    )
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    page = response.content.decode()
    assert "an editor will ask about" in page
    text = panel(response).get_text(" ", strip=True)
    assert "To fix Dateline Add a dateline" in text
    assert panel(response).find("button", {"name": "_anyway"}) is None


def test_a_reporter_cannot_publish_anyway(reporter, section):
    story = ArticleFactory(draft=True, section=section, created_by=reporter, dateline="")
    url = reverse("admin:articles_article_change", args=[story.pk])
    client = client_for(reporter)
    response = client.post(url, admin_form_data(client, url) | {"_anyway": "publish"})
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_editors_choose_the_checks_in_the_admin(editor):
    client = client_for(editor)
    response = client.get(reverse("admin:articles_publishingchecks_changelist"))
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Headlines between 20 and 90 characters" in page.content.decode()
    data = admin_form_data(client, response.url, form_id="publishingchecks_form")
    data.pop("dateline")
    assert client.post(response.url, data).status_code == 302
    assert PublishingChecks.load().dateline is False


def test_the_panel_follows_the_form_as_typed_without_saving(editor, story):
    """What static/js/admin-checks.js asks for: the panel of the form's data, nothing saved."""
    url = reverse("admin:articles_article_change", args=[story.pk])
    client = client_for(editor)
    data = admin_form_data(client, url) | {"dateline": "", "body": "<p>Alt-less no more.</p>"}
    response = client.post(reverse("admin:articles_article_checks"), data)
    text = panel(response).get_text(" ", strip=True)
    assert "To fix Dateline" in text and "Passed Pictures" in text
    story.refresh_from_db()
    assert story.dateline == "Gyeongju, Nov 2025"
    assert client.get(reverse("admin:articles_article_checks")).status_code == 405


def test_the_lists_publish_now_holds_back_what_the_checks_would_and_says_where_to_fix_it(
    editor, story, section
):
    """The list has no "Publish anyway": a held story is left for its form, named with a link."""
    story.body = "<p>The council voted.</p>"
    story.save()
    wanting = ArticleFactory(draft=True, section=section, headline="Short", tags=["transport"])
    client = client_for(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [story.pk, wanting.pk]},
        follow=True,
    )
    story.refresh_from_db()
    wanting.refresh_from_db()
    assert story.is_published() and not wanting.is_published()
    page = response.content.decode()
    assert "1 article published." in page
    assert "Held back by the checks before publishing:" in page
    assert reverse("admin:articles_article_change", args=[wanting.pk]) in page

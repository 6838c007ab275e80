"""The editor's side: a link alone on its line is embedded when the story is saved and shown
under the editor as readers will see it; a link that cannot be embedded is named in a message
and stays in the story as typed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article, Embed
from tests.embed_servers import YOUTUBE_LINK, youtube_answer
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for, staff

pytestmark = pytest.mark.django_db

BODY = f'<p>The harbour opened.</p><p><a href="{YOUTUBE_LINK}">{YOUTUBE_LINK}</a></p>'


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save(editor, article, body):
    data = admin_form_data(client_for(editor), change_url(article))
    data.update(body=body, _continue="Save and continue editing")
    return client_for(editor).post(change_url(article), data, follow=True)


def messages(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in html.select(".messagelist li")]


def test_saving_embeds_the_link_and_previews_it_under_the_editor(editor, web):
    web.oembed(youtube_answer(web))
    article = ArticleFactory()
    response = save(editor, article, BODY)
    assert response.status_code == 200
    assert Embed.objects.get().title == "Harbour opening"
    html = BeautifulSoup(response.content, "html.parser")
    preview = html.select_one(".field-embeds_preview")
    assert preview.select_one(".embed__title").text == "Harbour opening"
    assert preview.select_one("img.embed__picture")["src"].startswith("/media/embeds/")
    assert not [m for m in messages(response) if "could not be embedded" in m]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (lambda web: web.oembed({"error": "down"}, status=500), "answered with an error (500)"),
        (lambda web: web.route("/oembed", "junk"), "did not answer with an embed we can read"),
    ],
    ids=["500", "junk"],
)
def test_a_link_that_cannot_be_embedded_is_named_and_kept(editor, web, answer, reason):
    answer(web)
    article = ArticleFactory()
    response = save(editor, article, BODY)
    [message] = [m for m in messages(response) if "could not be embedded" in m]
    assert message.startswith(f"“{YOUTUBE_LINK}” could not be embedded: ")
    assert reason in message
    assert "It stays a plain link in the story" in message
    article.refresh_from_db()
    assert article.body == BODY
    html = BeautifulSoup(response.content, "html.parser")
    assert "stays a plain link" in html.select_one(".field-embeds_preview").text


def test_a_provider_that_is_down_keeps_the_editors_text(editor, web):
    web.close()
    article = ArticleFactory()
    response = save(editor, article, BODY + "<p>More words typed after the link.</p>")
    assert any("127.0.0.1 could not be reached" in m for m in messages(response))
    article.refresh_from_db()
    assert "More words typed after the link." in article.body


def test_the_embed_button_is_in_the_editor(editor):
    article = ArticleFactory()
    html = client_for(editor).get(change_url(article)).content.decode()
    assert "prose-embed.js" in html and "EmbedLink" in html


def test_the_embeds_list_fetches_again_and_refreshes_the_stories(editor, web):
    web.oembed(youtube_answer(web))
    article = ArticleFactory()
    save(editor, article, BODY)
    web.oembed(youtube_answer(web, title="Harbour opening, full speech"))
    embed = Embed.objects.get()
    boss = client_for(staff("Editor", "boss", is_superuser=True))
    response = boss.post(
        reverse("admin:articles_embed_changelist"),
        {"action": "fetch_again", "_selected_action": [embed.pk]},
        follow=True,
    )
    assert any("Fetched 1 embed again" in m for m in messages(response))
    embed.refresh_from_db()
    assert embed.title == "Harbour opening, full speech"
    assert Article.objects.get(pk=article.pk).body == BODY

"""The story body's cleaner never drops text silently: it closes what was left open and says
what it removed."""

import pytest
from bs4 import BeautifulSoup

from articles.sanitize import clean_body, removed_parts
from tests.helpers import admin_form_data, client_for


@pytest.mark.parametrize(
    ("body", "kept", "note"),
    [
        ("<p>One</p><script>alert(1)<p>Two</p><p>Three</p>", ["Two", "Three"], "<script>"),
        ("<p>One</p><style>p {color: red}<p>Two</p>", ["Two"], "<style>"),
        ("<p>One</p><textarea><p>Two</p>", ["Two"], "<textarea>"),
        ("<p>One</p><iframe src='https://x.example'><p>Two</p>", ["Two"], "<iframe>"),
        ("<p>One</p><SCRIPT type=module><p>Two</p>", ["Two"], "<script>"),
    ],
)
def test_an_unclosed_tag_keeps_the_text_after_it_and_is_named(body, kept, note):
    cleaned = clean_body(body)
    for text in ["One", *kept]:
        assert text in cleaned
    assert "<script" not in cleaned.lower() and "<style" not in cleaned.lower()
    assert any(note in line and "unclosed" in line for line in removed_parts(body))


def test_a_closed_script_block_goes_whole_and_is_named():
    body = "<p>One</p><script>steal()</script><p>Two</p>"
    assert clean_body(body) == "<p>One</p><p>Two</p>"
    assert removed_parts(body) == ["1 <script> code"]


def test_event_handlers_and_script_links_are_named():
    body = '<p onclick="x()">Read <a href="javascript:alert(1)">this</a></p>'
    assert clean_body(body) == "<p>Read <a>this</a></p>"
    assert removed_parts(body) == ["1 “onclick” attribute", "1 link to a javascript: address"]


def test_an_ordinary_story_has_nothing_to_report():
    body = '<h2>Why</h2><p><strong>Bold</strong> <a href="https://example.org/a">link</a></p>'
    assert removed_parts(body) == []


def test_the_editor_is_told_what_was_removed_and_the_rest_is_saved(editor, article):
    client = client_for(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(client, url)
    data["body"] = "<p>The council met.</p><script>alert(1)<p>The vote was 7 to 2.</p>"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert "The vote was 7 to 2." in article.body
    assert "<script" not in article.body
    warning = BeautifulSoup(response.content, "html.parser").select_one(".messagelist .warning")
    assert "an unclosed <script> tag (the text after it is kept)" in warning.text

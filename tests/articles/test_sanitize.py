import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.desk.forms import BODY_EXTENSIONS
from articles.models import Article
from articles.sanitize import BODY_ATTRIBUTES, BODY_CLASSES, BODY_TAGS, clean_body, removed_parts
from articles.templatetags.news import article_body
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

HOSTILE = [
    '<script>alert("x")</script><p>Text</p>',
    '<p onclick="alert(1)" onmouseover="alert(2)">Text</p>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="&#106;avascript:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style><p>Text</p>",
    '<form action="https://evil.example/"><input name="password"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<!--[if IE]><script>alert(1)</script><![endif]--><p>Text</p>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<div><p>Nested <b onmouseover="alert(1)">bold</b></p></div>',
    '<a href="https://example.com/" target="_blank" onclick="steal()">ok</a>',
    '<table><tr><td background="javascript:alert(1)">cell</td></tr></table>',
    "<p>Text</p><scr<script>ipt>alert(1)</script>",
]


def dangerous_parts(html):
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        if element.name in {"script", "style", "iframe", "object", "embed", "svg", "math",
                            "form", "input", "meta", "base", "link", "noscript"}:  # fmt: skip
            found.append(element.name)
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on") or name in {"style", "target", "background"}:
                found.append(name)
            if any(scheme in text.lower() for scheme in ("javascript:", "vbscript:", "data:")):
                found.append(text)
    return found


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_neutralised(html):
    """Nothing pasted into a story can run script or restyle the reader's page."""
    cleaned = clean_body(html)
    assert dangerous_parts(cleaned) == []
    assert "alert(1)</script>" not in cleaned
    assert clean_body(cleaned) == cleaned


def test_news_markup_survives_cleaning():
    """Paragraphs, subheadings, lists, quotes, links, figures and tables are kept."""
    html = (
        '<h2>Sub</h2><h3>Minor</h3><p>A <a href="https://example.com/" title="Source">link'
        "</a>, <em>emphasis</em> and <strong>weight</strong>.</p>"
        '<ul><li>One</li></ul><ol start="3"><li>Three</li></ol>'
        "<blockquote><p>Quoted words.</p></blockquote>"
        '<figure><img src="https://example.com/a.jpg" alt="A picture" width="800" height="600">'
        "<figcaption>A caption</figcaption></figure>"
        '<table><thead><tr><th scope="col">Party</th></tr></thead>'
        "<tbody><tr><td>Votes</td></tr></tbody></table>"
    )
    soup = BeautifulSoup(clean_body(html), "html.parser")
    for tag in ("h2", "h3", "p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "figure",
                "img", "figcaption", "table", "thead", "tbody", "tr", "th", "td"):  # fmt: skip
        assert soup.find(tag), tag
    assert soup.a["href"] == "https://example.com/" and soup.a["title"] == "Source"
    assert soup.img["alt"] == "A picture" and soup.img["loading"] == "lazy"
    assert soup.ol["start"] == "3" and soup.th["scope"] == "col"


@pytest.mark.django_db
def test_saving_an_article_stores_the_cleaned_body():
    """The stored body is already clean, whoever saved it."""
    article = ArticleFactory(body='<p onclick="x()">Hello<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Hello</p>"


@pytest.mark.django_db
def test_article_page_cleans_bodies_written_around_save(client):
    """A body written straight to the database is still cleaned on the way out."""
    article = ArticleFactory(dateline="")
    type(article).objects.filter(pk=article.pk).update(body="<p>Hi</p><script>alert(1)</script>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content


def test_dateline_opens_the_first_paragraph():
    """The dateline goes inside the first <p>, not in a paragraph of its own."""
    html = article_body("<h2>Intro</h2><p>First.</p><p>Second.</p>", "Gyeongju, Nov 2025")
    assert html == "<h2>Intro</h2><p><strong>Gyeongju, Nov 2025</strong> : First.</p><p>Second.</p>"


def test_dateline_is_escaped():
    """A dateline is text: markup in it is shown, not run."""
    html = article_body("<p>First.</p>", '<img src=x onerror="alert(1)">')
    assert html.startswith("<p><strong>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</strong> : ")


def test_dateline_without_paragraphs_gets_its_own():
    """A body with no paragraph still shows the dateline first."""
    assert article_body("<h2>Only</h2>", "Paris") == "<p><strong>Paris</strong> : </p><h2>Only</h2>"


def test_no_dateline_leaves_the_body_alone():
    """Without a dateline the body is shown as written."""
    assert article_body("<p>First.</p>", "") == "<p>First.</p>"


@pytest.mark.django_db
def test_saving_an_unchanged_story_with_pictures_is_not_a_revision():
    """Cleaning is stable, so a second save of the same body does not print “Updated”."""
    article = ArticleFactory(body='<p>Hi</p><figure><img src="/a.jpg" alt="A"></figure>')
    article = type(article).objects.get(pk=article.pk)
    article.save()
    assert article.revised_at is None


def test_a_picture_whose_address_readers_cannot_load_is_dropped_whole():
    """A word processor's file: or data: picture leaves no broken <img> behind; web ones stay."""
    cleaned = clean_body(
        '<p>Text</p><img src="file:///C:/Users/rita/chart.png" alt="Chart">'
        '<img src="data:image/png;base64,iVBORw0KGgo=">'
        '<img src="https://example.org/harbour.jpg" alt="Harbour">'
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    assert [img.get("src") for img in soup.find_all("img")] == ["https://example.org/harbour.jpg"]


def test_whatever_the_story_editor_can_write_the_cleaner_keeps():
    """One rule for both: every tag and attribute the editor's configuration allows (its
    picture, lists, links) is in the story's allow-list, so it is never "removed"."""
    editor = allowlist_from_extensions(BODY_EXTENSIONS)
    assert editor["tags"] <= BODY_TAGS
    for tag, attributes in editor["attributes"].items():
        kept = BODY_ATTRIBUTES.get(tag, set()) | ({"class"} if tag in BODY_CLASSES else set())
        assert attributes <= kept, tag


EDITOR_PICTURE = (
    '<figure class="figure"><img src="/media/pictures/harbour.jpg" alt="Cranes at dawn" '
    'data-file="pictures/harbour.jpg"><figcaption>The harbour.</figcaption></figure>'
)


def test_the_editors_own_picture_has_nothing_to_report_and_is_kept_as_inserted():
    assert removed_parts(EDITOR_PICTURE) == []
    assert clean_body(EDITOR_PICTURE) == EDITOR_PICTURE.replace(
        'data-file="pictures/harbour.jpg"', 'data-file="pictures/harbour.jpg" loading="lazy"'
    )


def test_other_class_names_are_still_taken_out():
    assert clean_body('<figure class="figure wide"><p class="x">a</p></figure>') == (
        '<figure class="figure"><p>a</p></figure>'
    )


def test_a_picture_from_the_editor_is_saved_without_a_warning(editor):
    """The product's own picture button never triggers "Removed from the story"."""
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = client_for(editor)
    data = admin_form_data(client, url)
    data.update(body=f"<p>The harbour at dawn.</p>{EDITOR_PICTURE}", _continue="1")
    response = client.post(url, data, follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".messagelist .warning") == []
    body = Article.objects.get(pk=article.pk).body
    assert '<figure class="figure"><img src="/media/pictures/harbour.jpg"' in body

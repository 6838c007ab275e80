import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from articles.models import Article, Author, Image, RelatedArticle, Section
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "sections": list(Section.objects.values_list("slug", "name", "position")),
        "authors": list(Author.objects.values_list("slug", "photo_id")),
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "slug", "status", "published_at", "updated_at", "revised_at", "featured_image_id"
            )
        ),
        "images": list(Image.objects.order_by("pk").values_list("file", "renditions")),
        "related": list(RelatedArticle.objects.values_list("article_id", "related_article_id")),
    }


def test_demo_builds_a_believable_outlet_and_a_second_run_changes_nothing(client, capsys):
    """6 sections, 4 authors (one photographed), about 40 stories; every reader page works."""
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first

    assert Section.objects.count() == 6
    assert Author.objects.count() == 4
    assert Author.objects.filter(photo__isnull=False).count() == 1
    assert 38 <= Article.objects.count() <= 45
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 2
    assert Article.objects.scheduled().count() == 1
    assert RelatedArticle.objects.count() >= 10
    published = Article.objects.published().prefetch_related("tags", "authors")
    assert published.count() >= 35
    for article in published:
        assert article.dateline and article.authors.all() and article.tags.all()
        soup = BeautifulSoup(article.body, "html.parser")
        assert soup.find("h2") and len(soup.find_all("p")) >= 3
        assert article.featured_image.renditions
    assert "0 new" in capsys.readouterr().out

    story = published.first()
    author = Author.objects.filter(photo__isnull=False).get()
    day = story.published_at
    for url in ("/", "/world/", story.get_absolute_url(), "/tag/trade/",
                author.get_absolute_url(), f"/{day:%Y}/{day.month}/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_demo_if_empty_leaves_an_existing_site_alone(capsys):
    """`make run` passes --if-empty, so a real newsroom's content is never touched."""
    ArticleFactory()
    call_command("load_demo", if_empty=True)
    assert Article.objects.count() == 1
    assert Section.objects.count() == 1
    assert "left as it is" in capsys.readouterr().out

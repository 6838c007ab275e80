"""Counting from pages served out of a cache: the page is the same for everyone, the count
comes from the beacon's own uncached request."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import path
from django.views.decorators.cache import cache_page

from articles.site import views as article_views
from newsroom import urls as site_urls
from newsroom.readership.flush import REQUEST_FLUSH_LOCK, flush
from newsroom.readership.models import DailyViews
from newsroom.readership.store import CacheStore
from tests.readership.conftest import FIREFOX, SAFARI

pytestmark = pytest.mark.django_db

# The site's own URLs, with a story page behind Django's whole-page cache in front of them.
urlpatterns = [
    path("cached/<str:section>/<str:slug>/", cache_page(300)(article_views.detail)),
    *site_urls.urlpatterns,
]


@pytest.fixture
def cached_site(settings):
    settings.ROOT_URLCONF = __name__


def beacon_from(html, client, ip, user_agent):
    script = BeautifulSoup(html, "html.parser").select_one("script[data-token]")
    return client.post(
        script["data-url"], {"a": script["data-token"]}, REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent
    )


def test_readers_of_one_cached_copy_are_each_counted(
    cached_site, article, django_assert_num_queries
):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    url = f"/cached/{article.section.slug}/{article.slug}/"
    first = Client().get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)  # from the cache: no view ran
    assert second.content == first.content
    assert "csrftoken" not in second.cookies
    for ip, user_agent, page in (("203.0.113.1", FIREFOX, first), ("203.0.113.2", SAFARI, second)):
        assert beacon_from(page.content, Client(), ip, user_agent).status_code == 204
    flush(CacheStore())
    assert DailyViews.objects.values_list("views", "visitors").get() == (2, 2)


def test_readers_of_the_uncached_page_are_counted_the_same(cached_site, article, settings):
    settings.NEWSROOM_CACHE_WHOLE_PAGES = False
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    page = Client().get(article.get_absolute_url())
    assert "max-age" not in page.get("Cache-Control", "")
    beacon_from(page.content, Client(), "203.0.113.1", FIREFOX)
    flush(CacheStore())
    assert DailyViews.objects.values_list("views", "visitors").get() == (1, 1)

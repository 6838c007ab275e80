from collections import ChainMap

from django.contrib.sitemaps import views as django_sitemaps
from django.urls import path, register_converter

from articles.desk import preview
from articles.extensions import extensions
from articles.site import feeds, views
from articles.site.sitemaps import SITEMAPS


class UnicodeSlugConverter:
    """Slugs as the models allow them (letters of any script), and nothing a database refuses."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

# Articles' sitemaps and those other apps add (the outlet's pages), read at each request.
ALL_SITEMAPS = ChainMap(extensions.sitemaps, SITEMAPS)

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path(
        "sitemap.xml",
        django_sitemaps.index,
        {"sitemaps": ALL_SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        django_sitemaps.sitemap,
        # Full date-times (Django's own template prints the day only).
        {"sitemaps": ALL_SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("feed/", feeds.SiteFeed(), name="feed_rss"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("feed/section/<slug:slug>/", feeds.SectionFeed(), name="section_feed_rss"),
    path("feed/section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("feed/tag/<uslug:slug>/", feeds.TagFeed(), name="tag_feed_rss"),
    path("feed/tag/<uslug:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("feed/author/<slug:slug>/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("feed/author/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    path("corrections/", views.corrections_page, name="corrections"),
    path("corrections/feed/", feeds.CorrectionsFeed(), name="corrections_feed"),
    path("live/<int:pk>/<int:bucket>/", views.live_updates, name="live_updates"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("preview/<int:pk>/", preview.preview, name="preview"),
    path("preview/shared/<str:token>/", preview.shared_preview, name="shared_preview"),
    path("<int:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("<int:year>/<int:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", views.DayArchive.as_view(), name="archive_day"),
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<uslug:slug>/", views.detail, name="detail"),
    path("<slug:section>/<uslug:slug>/updates/feed/", feeds.LiveUpdatesFeed(), name="live_feed"),
]

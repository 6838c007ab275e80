from django.contrib.sitemaps import views as django_sitemaps
from django.urls import path

from articles import feeds, search_views, sitemap_views, views
from articles.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search, name="search"),
    path(
        "sitemap.xml",
        django_sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        django_sitemaps.sitemap,
        # Full date-times (Django's own template prints the day only).
        {"sitemaps": SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", sitemap_views.news_sitemap, name="news_sitemap"),
    path("feed/", feeds.SiteFeed(), name="feed_rss"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("feed/section/<slug:slug>/", feeds.SectionFeed(), name="section_feed_rss"),
    path("feed/section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("feed/tag/<str:slug>/", feeds.TagFeed(), name="tag_feed_rss"),
    path("feed/tag/<str:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("feed/author/<slug:slug>/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("feed/author/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("<int:year>/", views.archive, name="archive_year"),
    path("<int:year>/<int:month>/", views.archive, name="archive_month"),
    path("<int:year>/<int:month>/<int:day>/", views.archive, name="archive_day"),
    path("<slug:slug>/", views.section, name="section"),
    path("<slug:section>/<str:slug>/", views.detail, name="detail"),
]

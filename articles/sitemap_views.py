from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.metadata import iso
from articles.sitemaps import news_articles


@require_safe
def news_sitemap(request):
    """The Google News sitemap: what was published in the last two days."""
    entries = [
        {
            "location": request.build_absolute_uri(article.get_absolute_url()),
            "published": iso(article.published_at),
            "title": article.headline,
        }
        for article in news_articles()
    ]
    return render(
        request,
        "articles/news_sitemap.xml",
        {
            "entries": entries,
            "publication_name": settings.NEWSROOM_SITE_NAME,
            # Google wants ISO 639 codes: "en", or "zh-cn"/"zh-tw" for Chinese.
            "publication_language": news_language(settings.LANGUAGE_CODE),
        },
        content_type="application/xml; charset=utf-8",
    )


def news_language(language_code):
    code = language_code.lower()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]

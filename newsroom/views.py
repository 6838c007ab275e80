import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from newsroom.security.faults import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is up; touches nothing else, so a load balancer can tell a hung worker."""
    return JsonResponse({"status": "ok"})


healthz.touches_no_database = True


@never_cache
def readyz(request):
    """The database answers; 503 with the reason otherwise, so traffic goes elsewhere."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        # The driver's text (host names, ports, user names) is for the log, not for callers.
        logger.warning("Readiness check: database unavailable", exc_info=True)
        connection.close()
        return JsonResponse(
            {"status": "unavailable", "database": "database unavailable"},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def media(request, path):
    """Uploaded files, for set-ups with no web server in front (see NEWSROOM_SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers: everything but the newsroom's back office and search results; the sitemaps."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.static import serve


@never_cache
def healthz(request):
    """The process is up; touches nothing else, so a load balancer can tell a hung worker."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The database answers; 503 with the reason otherwise, so traffic goes elsewhere."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        connection.close()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return JsonResponse({"status": "unavailable", "database": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def media(request, path):
    """Uploaded files, for set-ups with no web server in front (see NEWSROOM_SERVE_MEDIA)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)

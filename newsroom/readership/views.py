import logging

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.site.metadata import site_meta
from comments.origin import is_our_origin
from comments.posting import client_ip
from newsroom.readership.counting import article_from_token, is_bot, record_view
from newsroom.readership.flush import flush_from_request
from newsroom.readership.store import get_store

logger = logging.getLogger(__name__)


def from_our_page(request):
    """The beacon was sent by one of our pages, as far as the browser says (browsers send
    Sec-Fetch-Site or Origin with it; a client that sends neither is let through, within the
    caps on counted views per reader and per address)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.lower() == "same-origin"
    origin = request.headers.get("Origin")
    return origin is None or is_our_origin(request, origin)


# Exempt on purpose: the beacon comes from cached pages, which carry no CSRF token, and it can
# do nothing but add one to a story's count (the story id is signed, bots are dropped, another
# site's pages are refused, and views past a reader's or an address's share are ignored).
@csrf_exempt
@never_cache
@require_POST
def hit(request):
    if not from_our_page(request):
        return HttpResponseForbidden("Views are counted from our own pages.", "text/plain")
    article_id = article_from_token(request.POST.get("a", ""))
    if article_id is None:
        return HttpResponseBadRequest("Unknown page", content_type="text/plain")
    user_agent = request.headers.get("User-Agent", "")
    if not is_bot(user_agent, request.headers):
        store = get_store()
        try:
            record_view(
                article_id, client_ip(request) or "", user_agent, request.get_host(), store=store
            )
        except Exception:
            # Redis down: this view goes uncounted; the reader's page is not concerned.
            logger.warning("Could not count a view", exc_info=True)
        flush_from_request(store)
    return HttpResponse(status=204)


def privacy(request):
    meta = site_meta(request, title="What we count")
    return render(request, "readership/privacy.html", {"meta": meta})

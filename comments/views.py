import logging
from urllib.parse import quote, unquote

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.site.metadata import article_meta
from articles.site.views import story_context, story_pages
from comments.forms import CONSENT, CommentForm, form_token
from comments.models import Comment, ModerationSettings
from comments.moderation import comments_closed
from comments.notifications import notifier
from comments.origin import is_cross_site
from comments.posting import CLOSED_MESSAGE, Refused, post_comment, submission_from
from comments.threads import page_of, remember_mine
from newsroom.security import ratelimit
from newsroom.security.faults import unavailable

logger = logging.getLogger(__name__)

# Named after WordPress's cookies (without its per-site hash suffix).
AUTHOR_COOKIES = {"author": "comment_author", "email": "comment_author_email",
                  "url": "comment_author_url"}  # fmt: skip
YEAR = 60 * 60 * 24 * 365
INVALID_MESSAGE = "Your comment was not posted: please check the form."
RATE_MESSAGE = (
    "You have sent many comments from this address in the last few minutes. Please wait a "
    "while; your text is kept below."
)
# What the reader typed and the form's hidden fields: sent back in the form as they were.
RESENT_FIELDS = ("comment", "author", "email", "url", "comment_post_ID", "comment_parent",
                 "comment_token", "comment_elapsed")  # fmt: skip
# Where a browser's refused comment waits, in its session, for the story page to show it.
REFUSED_KEY = "comment_refused"


def saved_author(request):
    """The name, email and website the reader asked this browser to remember, if any."""
    saved = {
        field: unquote(request.COOKIES[cookie])
        for field, cookie in AUTHOR_COOKIES.items()
        if request.COOKIES.get(cookie)
    }
    if saved:
        saved[CONSENT] = True
    return saved


def form_context(request, article, rules, *, form=None, reply_to=None, closed=False):
    """What templates/comments/_form.html needs: an empty form, or the one a reader sent."""
    if form is None:
        form = CommentForm(
            initial={**saved_author(request), "comment_parent": reply_to.pk if reply_to else 0},
            article=article,
            rules=rules,
        )
    return {
        "article": article,
        "form": form,
        "reply_to": reply_to,
        "closed": closed,
        # The form shown again after an error keeps the time it was first shown: a person
        # correcting one field has long since read the story.
        "token": (
            form_token(article, now=form.shown_at, again=True)
            if form.is_bound
            else form_token(article)
        ),
    }


def _remember_author(request, response, form):
    if form.wants_cookies:
        for field, cookie in AUTHOR_COOKIES.items():
            response.set_cookie(
                cookie,
                quote(form.cleaned_data[field]),
                max_age=YEAR,
                samesite="Lax",
                secure=request.is_secure(),
                httponly=True,
            )
    else:
        for cookie in AUTHOR_COOKIES.values():
            if cookie in request.COOKIES:
                response.delete_cookie(cookie, samesite="Lax")


def _refused(request, article, form, message, status, retry_after=None):
    """The story again, the reader's comment in its form with what to change.

    A browser's form (Sec-Fetch-Mode: navigate) is sent on to the story's own address, where
    it is shown once (refused_comment): the address bar, a bookmark or a reload then lead to
    the story and never send the comment again, with or without JavaScript. Any other client,
    and a browser too old to say, gets the page in answer to the POST.
    """
    if request.headers.get("Sec-Fetch-Mode") != "navigate":
        return _refused_page(request, article, form, message, status, retry_after)
    request.session[REFUSED_KEY] = {
        "article": article.pk,
        "data": {name: request.POST.get(name, "") for name in (*RESENT_FIELDS, CONSENT)},
        "errors": list(form.non_field_errors()),
        "message": message,
        "status": status,
    }
    # No #respond: the page puts the focus on the list of what to change, and a fragment would
    # stop the browser from doing so.
    response = HttpResponseRedirect(article.get_absolute_url())
    response.status_code = 303  # See Other: the story is read with a GET
    return response


def refused_comment(request, article):
    """The story page with the comment this browser was just refused on it, once; None for
    everyone else (articles.extensions.story_answers).

    Only a reader with a session can have one: asking anyone else's session would make every
    story page vary by cookie, and so never kept."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    kept = request.session.get(REFUSED_KEY)
    if not kept or kept["article"] != article.pk:
        return None
    del request.session[REFUSED_KEY]
    if not request.session.keys():
        # A reader's session held nothing else: it goes, with what they typed in it.
        request.session.flush()
    form = CommentForm(kept["data"], article=article, rules=ModerationSettings.load())
    form.is_valid()
    for error in kept["errors"]:
        if error not in form.non_field_errors():
            form.add_error(None, error)
    return _refused_page(request, article, form, kept["message"], kept["status"])


def _refused_page(request, article, form, message, status, retry_after=None):
    """The story page again, the reader's comment in its form with what to change.

    Rendered for this reader alone, in answer to a POST or to the one GET that follows a
    browser's refused POST: never kept by the page cache, so it may hold what they typed. A
    429 says in Retry-After when sending again may succeed.
    """
    article = story_pages().get(pk=article.pk)
    context = {
        **story_context(article),
        "meta": article_meta(request, article),
        "comment_form": form,
        "comment_refusal": message,
    }
    response = render(request, "comments/article_refused.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


# Cached pages carry no CSRF token: the origin check below stands in for it (comments.origin).
@csrf_exempt
@never_cache
@require_POST
def post(request):
    """Take a Leave a Reply form: redirect to the comment, or say what to change.

    With the database unreachable, the reader gets their words back in the form, to send
    again in a minute, rather than an error page that loses them.
    """
    if is_cross_site(request):
        return render(request, "403_csrf.html", {"cross_site": True}, status=403)
    try:
        return _post(request)
    except (OperationalError, InterfaceError):
        logger.warning("Database unavailable: comment not saved, form shown again")
        context = {
            "fields": {name: request.POST.get(name, "") for name in RESENT_FIELDS},
            "wants_cookies": bool(request.POST.get(CONSENT)),
            "csrf_token": get_token(request),
        }
        return unavailable("comments/unavailable.html", context)


def _post(request):
    article_id = request.POST.get("comment_post_ID", "")
    # isdigit() alone takes "²" and other digits int() refuses.
    if not (article_id.isascii() and article_id.isdigit()):
        raise Http404("No such story")
    # Taking a comment needs neither the story's text nor its search columns (a refusal
    # shows the whole story page, read afresh).
    article = get_object_or_404(
        Article.objects.published()
        .select_related("section")
        .defer("body", "search_vector", "headline_vector", "wp_import_state"),
        pk=article_id,
    )
    rules = ModerationSettings.load()
    form = CommentForm(request.POST, article=article, rules=rules)
    if comments_closed(article, rules):
        form.is_valid()
        return _refused(request, article, form, CLOSED_MESSAGE, 403)
    if not form.is_valid():
        return _refused(request, article, form, INVALID_MESSAGE, 400)
    if ratelimit.exceeded(request, "comment"):
        form.add_error(None, RATE_MESSAGE)
        return _refused(request, article, form, RATE_MESSAGE, 429, request.retry_after)
    try:
        comment = post_comment(
            article, form.parent, submission_from(form, request), rules, notifier(request)
        )
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return _refused(
            request, article, form, refusal.message, refusal.status, refusal.retry_after
        )
    page = page_of(comment, rules) if comment.status == Comment.Status.APPROVED else None
    query = f"?cpage={page}" if page and page > 1 else ""
    response = redirect(f"{article.get_absolute_url()}{query}#{comment.anchor}")
    if comment.is_pending:
        remember_mine(request, response, comment)
    _remember_author(request, response, form)
    return response

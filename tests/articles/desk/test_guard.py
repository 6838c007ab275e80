"""No page of the admin answers 500, for any role, whatever autosaved copy its person has.

Every admin address the resolver knows is visited (every model's list, add and change pages for
a sample row, and each custom page), so a new page is guarded without editing this file.
"""

import datetime
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult, get_date_max

from articles.desk import notes, preview
from articles.models import Article, Autosave, ChangeRequest, PublishingChecks, Redirect
from comments.models import CommenterBlock, ModerationSettings
from newsroom.api.models import ApiKey
from newsroom.newsletter import lists
from newsroom.newsletter.models import (
    Alert,
    AlertDelivery,
    Issue,
    IssueArticle,
    NewsletterSettings,
    Subscriber,
)
from newsroom.pages.models import Menu, MenuItem, Page, Standards
from newsroom.readers.models import Reader
from newsroom.readership.models import DailyViews
from newsroom.staff.roles import MODERATOR_ROLE
from newsroom.support.models import Donation, Supporter, SupportSettings
from newsroom.webhooks.models import Attempt, Delivery, Endpoint
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    EmbedFactory,
    ImageFactory,
    LiveUpdateFactory,
    SectionFactory,
)
from tests.helpers import client_for, staff
from tests.url_guard import Tally, addresses, patterns

pytestmark = pytest.mark.django_db

ROLES = ("superuser", "Editor", "Reporter", MODERATOR_ROLE)
# The untouched "Add article" form as a browser sends it: nothing for the empty section box.
EMPTY_FORM = {
    "version": [""],
    "headline": [""],
    "slug": [""],
    "dek": [""],
    "dateline": [""],
    "body": [""],
    "featured_image": [""],
    "tags": [""],
    "comments_open": ["on"],
    "articleauthor_set-TOTAL_FORMS": ["1"],
    "articleauthor_set-INITIAL_FORMS": ["0"],
    "articleauthor_set-0-id": [""],
    "articleauthor_set-0-position": ["1"],
    "related_links-TOTAL_FORMS": ["0"],
    "corrections-TOTAL_FORMS": ["0"],
}
CORRUPT = {
    "headline": [{"typed": "not a string"}],
    "section": ["None", "world"],
    "featured_image": ["9" * 40],
    "kicker": ["a field of an older form"],
    "articleauthor_set-TOTAL_FORMS": ["many"],
    "articleauthor_set-INITIAL_FORMS": ["7"],
    "articleauthor_set-3-id": ["999999"],
    "articleauthor_set-3-author": ["None"],
    "articleauthor_set-3-article": ["x"],
    "related_links-0-related_article": [None],
    "corrections-9999-DELETE": ["on"],
}
COPIES = {"no copy": None, "copy of an empty form": EMPTY_FORM, "corrupt copy": CORRUPT}


def sample_rows(people):
    """One row of every model the admin has, and the rows its custom pages name."""
    reporter = people["Reporter"]
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=reporter)
    image = ImageFactory(small=True)
    # The first story is the sample of its model: a draft its reporter may edit and share.
    story = ArticleFactory(
        draft=True, created_by=reporter, section=section, authors=[author], tags=["trade"]
    )
    story.headline = "Leaders meet again"
    story.save()
    published = ArticleFactory(
        section=section, authors=[author], featured_image=image, tags=["trade"], related=[story]
    )
    CorrectionFactory(article=published)
    EmbedFactory()
    LiveUpdateFactory(article=published)
    Redirect.objects.create(old_path="/old-address/", target_path=published.get_absolute_url())
    link = preview.create_link(story, reporter)
    # Notes and an editor's request for changes fill the story form's panel and the desk.
    thread = notes.add(story, people["Editor"], "@rita a source for this?", "p1")
    notes.reply(thread, reporter, "The minutes of the meeting.")
    ChangeRequest.objects.create(article=story, requested_by=people["Editor"], note="Name it.")
    CommentFactory(article=published)
    ModerationSettings.load()
    PublishingChecks.load()
    CommenterBlock.objects.create(email="spammer@example.com", reason="Spam")
    Subscriber.objects.create(email="reader@example.com")
    NewsletterSettings.load()
    issue = Issue.objects.create(date=timezone.localdate())
    IssueArticle.objects.create(issue=issue, article=published, position=1, featured=True)
    alert = Alert.objects.create(
        newsletter=lists.breaking(),
        article=published,
        started_by="Edna",
    )
    AlertDelivery.objects.create(alert=alert, subscriber=Subscriber.objects.get())
    Reader.objects.create(email="reader@example.com", name="Ada Reader")
    DailyViews.objects.create(article=published, date=timezone.localdate(), views=5, visitors=3)
    DBTaskResult.objects.create(
        id=uuid.uuid4(),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="articles.desk.review_notice.notify_editors",
        backend_name="default",
        # As the database backend queues a task to run at once.
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    attempt = {"user_agent": "Firefox", "ip_address": "203.0.113.9", "username": "rita"}
    AccessAttempt.objects.create(
        **attempt, http_accept="*/*", path_info="/admin/login/", failures_since_start=1
    )
    AccessLog.objects.create(**attempt, http_accept="*/*", path_info="/admin/login/")
    AccessFailureLog.objects.create(**attempt, http_accept="*/*", path_info="/admin/login/")
    TOTPDevice.objects.create(user=people["superuser"], name="Phone", confirmed=False)
    StaticDevice.objects.create(user=people["superuser"], name="Backup codes")
    ApiKey.objects.create(name="Regional Radio", prefix="nr_abc", key_digest="0" * 64)
    endpoint = Endpoint.objects.create(
        name="Regional Radio", url="https://radio.example.com/", events=["story.published"]
    )
    delivery = Delivery.objects.create(
        endpoint=endpoint, event="story.published", article_id=published.pk, payload="{}"
    )
    Attempt.objects.create(delivery=delivery, at=timezone.now(), error="Connection refused")
    about = Page.objects.create(title="About us", slug="about", status=Page.Status.PUBLISHED)
    footer = Menu.objects.create(name="Footer", place=Menu.Place.FOOTER)
    MenuItem.objects.create(menu=footer, page=about, nested=False)
    Standards.load()
    SupportSettings.objects.get_or_create(pk=1)
    giver = Supporter.objects.create(
        email="member@example.com", amount=500, currency="eur", period="one_off", status="active"
    )
    Donation.objects.create(
        supporter=giver, amount=500, currency="eur", stripe_payment_intent_id="pi_1"
    )
    history = list(story.history.order_by("history_id").values_list("history_id", flat=True))
    return {
        "story": story,
        "published": published,
        "link": link,
        "issue": issue,
        "history": history,
    }


def admin_patterns():
    return [pattern for pattern in patterns() if pattern.route.startswith("admin/")]


def model_of(pattern):
    """The model an admin pattern belongs to: admin/<app>/<model>/…"""
    route = pattern.route
    for model in admin.site._registry:
        if route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def value_finder(samples):
    def value_for(pattern, name, position):
        model = model_of(pattern)
        first = model._default_manager.order_by("pk").first() if model else None
        if pattern.name == "admin:view_on_site":
            published = samples["published"]
            return {
                "content_type_id": str(ContentType.objects.get_for_model(Article).pk),
                "object_id": str(published.pk),
            }.get(name)
        if name in ("object_id", "pk", "id", "0") and first is not None:
            return str(first.pk)
        if name in ("history_id", "1") and first is not None and hasattr(first, "history"):
            return str(first.history.order_by("-history_id").first().history_id)
        return {
            "link_id": str(samples["link"].pk),
            "article_id": str(samples["published"].pk),
            "action": "approve",
            "url": "no-such-page/",
        }.get(name)

    return value_for


def extra_queries(pattern, samples):
    """Query strings a page is also visited with: the ones its links make, and odd ones."""
    if pattern.name == "admin:articles_article_compare":
        older, newer = samples["history"][:2]
        return [f"?a={older}&b={newer}", "?a=x&b=", f"?a={older}&b={older}"]
    if pattern.name.endswith("_changelist"):
        return ["?p=999&o=x.y", "?q=%00", "?e=1&all=&q=" + "x" * 2000]
    if pattern.name in ("admin:articles_article_change", "admin:articles_article_add"):
        return ["?autosave=restore"]
    if pattern.name == "admin:articles_article_calendar":
        return ["?month=2026-13", "?month=x", "?week=-1"]
    return []


@pytest.fixture
def people(roles):
    return {
        "superuser": staff("Editor", "boss", is_superuser=True),
        "Editor": staff("Editor", "edna"),
        "Reporter": staff("Reporter", "rita"),
        MODERATOR_ROLE: staff(MODERATOR_ROLE, "mo"),
    }


@pytest.mark.parametrize("copy", COPIES, ids=COPIES)
def test_no_admin_page_answers_500_for_any_role(people, copy):
    """Every admin address, for each role, with no kept copy; the story's pages also with a
    copy of an empty form, or a corrupt one: no answer is 500 or above, and no pattern is left
    unvisited."""
    samples = sample_rows(people)
    value_for = value_finder(samples)
    visits, unfilled = [], []
    for pattern in admin_patterns():
        if COPIES[copy] is not None and not pattern.name.startswith("admin:articles_article_"):
            # Kept copies are read by the story's own pages only (AutosaveMixin); "no copy"
            # visits every other page.
            continue
        found, missing = addresses(pattern, value_for)
        if missing:
            unfilled.append(f"{pattern.route} ({', '.join(missing)})")
        for address in found:
            visits.extend(address + query for query in ["", *extra_queries(pattern, samples)])
    assert not unfilled, f"Patterns the guard cannot fill: {unfilled}"

    tally = Tally()
    for role, person in people.items():
        if COPIES[copy] is not None:
            later = timezone.now() + datetime.timedelta(minutes=1)
            for article in (None, samples["story"], samples["published"]):
                key = f"{role}-{article and article.pk}".ljust(16, "k")
                Autosave.objects.create(
                    user=person, article=article, key=key, data=COPIES[copy], saved_at=later
                )
        client = client_for(person)
        for address in visits:
            tally.visit(client, role, address)
    print(f"{copy}:\n{tally.report()}")
    assert not tally.failures, "\n".join([tally.report(), *tally.failures])

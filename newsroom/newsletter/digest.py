"""The day's newsletter: which stories it carries, and the mail each reader receives."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from articles.embeds.render import embeds_in
from articles.images import rendition_sets
from articles.models import Article
from newsroom.newsletter.links import absolute, absolute_reverse
from newsroom.newsletter.models import Issue, IssueArticle, NewsletterList, NewsletterSettings
from newsroom.newsletter.tokens import unsubscribe_token

FIRST_ISSUE_HOURS = 24
LONGEST_GAP_HOURS = 48
MAIL_PICTURE_WIDTH = 800


def window(issue, now=None):
    """The stories of an issue are those published since the list's previous newsletter went
    out (at most two days back, or eight for a weekly one; a day, or a week, for the first
    newsletter), up to now."""
    now = now or timezone.now()
    weekly = issue.newsletter.kind == NewsletterList.Kind.WEEKLY
    first, longest = (7 * 24, 8 * 24) if weekly else (FIRST_ISSUE_HOURS, LONGEST_GAP_HOURS)
    previous = (
        Issue.objects.filter(
            newsletter=issue.newsletter, started_at__isnull=False, date__lt=issue.date
        )
        .order_by("-date")
        .values_list("started_at", flat=True)
        .first()
    )
    if previous is None:
        return now - datetime.timedelta(hours=first), now
    return max(previous, now - datetime.timedelta(hours=longest)), now


def chosen_stories(issue):
    """The stories an editor chose for the issue (or sending fixed), in order, each marked
    `featured` or not; empty while the issue takes the day's stories as they come."""
    rows = IssueArticle.objects.filter(issue=issue).select_related(
        "article__section", "article__featured_image"
    )
    stories = []
    for row in rows.order_by("position", "pk"):
        row.article.featured = row.featured
        stories.append(row.article)
    return stories


def stories_for(issue, now=None):
    """The issue's stories: the editor's choice or, without one, those published since the
    last newsletter as they would be now; fixed once sending started."""
    chosen = chosen_stories(issue)
    if chosen or issue.status != Issue.Status.DRAFT:
        return chosen
    start, end = window(issue, now)
    stories = Article.objects.published()
    if issue.newsletter.section_id:
        stories = stories.filter(section_id=issue.newsletter.section_id)
    return list(
        stories.filter(published_at__gt=start, published_at__lte=end)
        .select_related("section", "featured_image")
        .order_by("-published_at", "-pk")
    )


def picture_url(image):
    if image is None:
        return None
    _, fallback = rendition_sets(image)
    fitting = [r for r in fallback if r["width"] <= MAIL_PICTURE_WIDTH] or fallback
    name = fitting[-1]["name"] if fitting else image.file.name
    return absolute(default_storage.url(name))


def intro_paragraphs(issue):
    text = issue.intro.strip() or NewsletterSettings.load().default_intro.strip()
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


def issue_context(issue, stories):
    """What both parts of the mail show; the same for every reader but the unsubscribe link."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": absolute("/"),
        "privacy_url": absolute_reverse("readership:privacy"),
        "issue": issue,
        "intro": intro_paragraphs(issue),
        "stories": [
            {
                "headline": story.headline,
                "dek": story.dek or story.teaser,
                "section": story.section.name,
                "url": absolute(story.get_absolute_url()),
                "picture": picture_url(story.featured_image),
                "alt": story.featured_image.alt_text if story.featured_image else "",
                # A mail runs no players: each of the story's embeds is its picture and a link.
                "embeds": [
                    {
                        "title": embed.title or embed.url,
                        "provider": embed.provider_name,
                        "url": embed.url,
                        "picture": embed.thumbnail and absolute(embed.thumbnail.url),
                    }
                    for embed in embeds_in(story.body)
                    if not embed.is_card
                ],
                "featured": getattr(story, "featured", False),
            }
            for story in stories
        ],
    }


def subject(issue):
    if issue.newsletter.kind == NewsletterList.Kind.WEEKLY:
        return f"{settings.NEWSROOM_SITE_NAME}: {issue.newsletter}, week of {issue.date:%-d %B}"
    return f"{settings.NEWSROOM_SITE_NAME}: the news of {issue.date:%A %-d %B}"


def render_parts(context, unsubscribe_url):
    context = {**context, "unsubscribe_url": unsubscribe_url}
    return (
        render_to_string("newsletter/email/issue.txt", context),
        render_to_string("newsletter/email/issue.html", context),
    )


def list_message(newsletter, subscriber, subject, render):
    """One reader's mail from one list, with the List-Unsubscribe headers mailbox providers
    ask for: the link leaves this list alone. `render(unsubscribe_url)` gives (text, html)."""
    unsubscribe_url = absolute_reverse(
        "newsletter:unsubscribe", token=unsubscribe_token(subscriber, newsletter)
    )
    text, html = render(unsubscribe_url)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            # RFC 8058: the mailbox's own button posts to the link; no page, no cookie.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.NEWSROOM_SITE_NAME} {newsletter.name} "
            f"<{newsletter.slug}.{_host()}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def message_for(issue, context, subscriber):
    return list_message(
        issue.newsletter, subscriber, subject(issue), lambda url: render_parts(context, url)
    )


def _host():
    return urlsplit(settings.NEWSROOM_SITE_URL).hostname or "localhost"

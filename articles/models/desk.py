"""Records of the back office that readers never see: links that show a draft, the copies
autosave keeps of a form being typed, notes colleagues leave on a draft, editors' requests
for changes, and which checks run before a story goes out."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models.stories import Article


def _preview_key():
    return secrets.token_urlsafe(24)


class PreviewLinkQuerySet(models.QuerySet):
    def working(self, now=None):
        """Links that open their story: not revoked, not expired, the story still a draft."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            article__status__in=[Article.Status.DRAFT, Article.Status.IN_REVIEW],
        )

    def revoke(self, now=None):
        return self.filter(revoked_at__isnull=True).update(revoked_at=now or timezone.now())


class PreviewLink(models.Model):
    """A link that shows a draft to someone without an account, until it expires or is revoked.

    Dead once the story is published (it has its own address then) or unpublished.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=_preview_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.article}"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.key})


class Autosave(models.Model):
    """A copy of the article form as one person left it, kept until they save the story.

    Never a revision and never shown to anyone else: it only refills that person's form.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    # The opened form that wrote it. It names a story not saved yet; for a saved story it tells
    # a late copy from a form already submitted apart from a copy from another tab.
    key = models.CharField(max_length=64)
    # The form's fields as the browser sent them ({name: [values]}); None once the story was
    # saved from the form named by key.
    data = models.JSONField(null=True)
    saved_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_person_and_story",
            ),
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=models.Q(article__isnull=True),
                name="one_autosave_per_person_and_new_story",
            ),
        ]

    def __str__(self):
        return f"Autosave by {self.user} at {self.saved_at:%Y-%m-%d %H:%M}"


class NoteQuerySet(models.QuerySet):
    def threads(self):
        """The first note of each thread; replies hang under it."""
        return self.filter(parent__isnull=True)

    def open(self):
        return self.threads().filter(resolved_at__isnull=True)


class Note(models.Model):
    """A note colleagues leave on a story being written: never part of the story, never shown
    to readers. The first note of a thread carries its anchor and whether it is resolved."""

    class Anchor(models.TextChoices):
        STORY = "story", "The story as a whole"
        HEADLINE = "headline", "Headline"
        DEK = "dek", "Standfirst"
        PICTURE = "picture", "Picture"
        PARAGRAPH = "paragraph", "A paragraph"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    anchor = models.CharField(max_length=12, choices=Anchor.choices, default=Anchor.STORY)
    # A paragraph is found again by its words, as they were when the note was written (the
    # story's HTML carries no marks of the notes, so readers' pages cannot leak them).
    quote = models.TextField(blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.article}"


class ChangeRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests the reporter has not answered yet by submitting the story again."""
        return self.filter(answered_at__isnull=True)


class ChangeRequest(models.Model):
    """An editor sending a submitted story back to its reporter, with what should change."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField()
    requested_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"Changes requested on {self.article}"

    def requester_name(self):
        who = self.requested_by
        return (who.get_full_name() or who.get_username()) if who else "An editor"


class PublishingChecks(models.Model):
    """Which checks the story form runs before a story goes out (articles.desk.checks): one
    row for the outlet."""

    pictures = models.BooleanField(
        "pictures have alt text and a credit",
        default=True,
        help_text="The featured picture needs alt text and a credit; each picture in the story "
        "needs alt text and a caption naming who took it.",
    )
    headline_length = models.BooleanField(
        "headline length",
        default=True,
        help_text="Headlines between 20 and 90 characters: shorter ones say too little, longer "
        "ones are cut off in search results and social shares.",
    )
    dek_length = models.BooleanField(
        "standfirst length",
        default=True,
        help_text="A standfirst between 50 and 250 characters: one or two sentences.",
    )
    link_preview = models.BooleanField(
        "link-preview description",
        default=True,
        help_text="The description shown in search results and shared links (the search "
        "engine description, or else the standfirst) is there and between 50 and 160 "
        "characters.",
    )
    dateline = models.BooleanField(
        "dateline", default=True, help_text="Every story says where and when it was filed."
    )
    section = models.BooleanField(
        "section", default=True, help_text="Every story is filed in a section."
    )
    tags = models.BooleanField(
        "at least one tag",
        default=True,
        help_text="Tags link the story to others on the same topic and to its topic pages.",
    )
    heading_order = models.BooleanField(
        "headings in order",
        default=True,
        help_text="Subheadings go down one level at a time (Heading 2, then 3), so screen "
        "readers can outline the story.",
    )
    link_text = models.BooleanField(
        "link texts say where they go",
        default=True,
        help_text="No “click here”, “here” or “read more”, and no bare web addresses as link "
        "text: readers who skim or use a screen reader hear links out of context.",
    )
    internal_links = models.BooleanField(
        "links to our own stories work",
        default=True,
        help_text="Links to stories on this site lead to a published story, not to a draft "
        "or to nothing.",
    )
    readability = models.BooleanField(
        "readability figures",
        default=True,
        help_text="Shows the story's word count, reading time and reading level. For "
        "information only: it never holds a story back.",
    )

    class Meta:
        verbose_name = "checks before publishing"
        verbose_name_plural = "checks before publishing"

    def __str__(self):
        return "Checks before publishing"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The outlet's one row, created with every check on the first time it is read."""
        return cls.objects.get_or_create(pk=1)[0]

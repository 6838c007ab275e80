"""The admin's forms: picture uploads; articles with the rich-text body, length limits, the
no-lost-edits check and the checks before publishing."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import ErrorDict
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django_prose_editor.config import add_allowed_classes, add_tags_and_attributes
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.desk import checks, workflow
from articles.embeds.body import standalone_links
from articles.embeds.resolve import describe_problems, resolve_links
from articles.images import UNREADABLE_MESSAGE, PictureField
from articles.models import Article, Image
from articles.sanitize import URL_SCHEMES, clean_body, prepare_body, removed_parts

# What the article page can show. The editor offers nothing else, and pasted text from a word
# processor keeps only what fits (headings, paragraphs, links, emphasis, lists).
BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    # The picture button's "Browse..." opens the picture library (ImageAdmin.picker_view).
    "Figure": {"pickerUrl": reverse_lazy("admin:articles_image_picker")},
    "Caption": True,
    "Image": True,
    # "Upload a new picture" in the same dialog (static/js/prose-picture-upload.js), for those
    # who may add pictures (ArticleAdminForm).
    "PictureUpload": {"uploadUrl": reverse_lazy("admin:articles_image_upload")},
    # Several library pictures as one block, swiped through on a phone (static/js/prose-gallery.js).
    "Gallery": {
        "pickerUrl": reverse_lazy("admin:articles_image_picker"),
        "picturesUrl": reverse_lazy("admin:articles_image_gallery"),
    },
    "HardBreak": True,
    # "Embed": a link alone on its own line, the player or card fetched on save
    # (static/js/prose-embed.js, articles/embeds/).
    "EmbedLink": True,
    # Pasted Heading 1 becomes H2, Heading 4-6 H3; pictures on the writer's disk are left out
    # (static/js/prose-paste.js).
    "WordProcessorPaste": True,
    # Reporters want the browser's spell checker; the editor turns it off by default.
    "NoSpellCheck": False,
}


def gallery_html(config, shared):
    """What the editor's Gallery writes: <figure class="gallery" data-pictures="12 15">."""
    add_tags_and_attributes(shared, ["figure"], {"figure": ["data-pictures"]})
    add_allowed_classes(shared, {"figure": ["gallery"]})


# Longer headlines are cut off in story lists and search results.
LENGTH_LIMITS = {"headline": 110, "seo_description": 160, "seo_title": 70}


def focal_messages(across):
    edges = "0 (left edge) to 100 (right edge)" if across else "0 (top edge) to 100 (bottom edge)"
    where = "across" if across else "down"
    outside = f"Enter a number from {edges}."
    return {
        "required": f"Say how far {where} the picture the subject is: a number from {edges}.",
        "invalid": f"Enter a whole number from {edges}.",
        "min_value": outside,
        "max_value": outside,
    }


class ImageForm(forms.ModelForm):
    """Uploading a picture: every refused file gets a message that says what to do."""

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        field_classes = {"file": PictureField}
        error_messages = {
            "file": {"invalid_image": UNREADABLE_MESSAGE, "required": "Choose a picture file."},
            "alt_text": {
                "required": "Describe what the picture shows, for readers who cannot see it."
            },
            "focal_x": focal_messages(across=True),
            "focal_y": focal_messages(across=False),
        }
        widgets = {
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100, "class": "focal-input"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100, "class": "focal-input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The story editor's upload dialog sends no subject: the middle, as for any new picture.
        if self.is_bound and not self.instance.pk and "focal_x" not in self.data:
            for name in ("focal_x", "focal_y"):
                self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        for name in ("focal_x", "focal_y"):
            if cleaned_data.get(name) is None and not self.fields[name].required:
                cleaned_data[name] = 50
        return cleaned_data


class BodyField(ProseEditorFormField):
    """The story's rich text. What the sanitizer takes out is noted for the editor (removed)."""

    removed = ()

    def clean(self, value):
        self.removed = removed_parts(value or "")
        # An unclosed <script> would otherwise take every paragraph after it with it.
        return super().clean(prepare_body(value or ""))


def sanitize_body(html):
    """The form's cleaner is the story's own (articles/sanitize.py), so what the form keeps is
    what is saved and what the warning names; an editor left empty gives an empty body."""
    cleaned = clean_body(html)
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


class ArticleAdminForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    body = BodyField(
        config={"extensions": BODY_EXTENSIONS},
        sanitize=sanitize_body,
        required=False,
        widget=AdminProseEditorWidget,
        label="Story",
        help_text="Start with the lead paragraph; the dateline is added in front of it. "
        "Use “Heading 2” for subheadings.",
    )
    change_request_note = forms.CharField(
        label="What should change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The reporter sees this on their desk and at the top of the story; the "
        "story goes back to them as a draft.",
    )

    # Set by the admin for each request: who is saving, which button they pressed (and whether
    # it was "Publish anyway"), and the person's autosaved copy when the form opens refilled.
    user = None
    transition = None
    anyway = False
    restored = None
    # What the checks before publishing found in the story as sent (articles.desk.checks), when
    # it was sent to be published, scheduled or reviewed.
    findings = None

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "dek", "section", "kind", "dateline", "body", "featured_image",
            "featured_image_caption", "published_at", "planned_for", "tags", "comments_open",
            "excerpt", "seo_title", "seo_description", "live_coverage_start", "live_coverage_end",
        ]  # fmt: skip
        widgets = {
            "dek": forms.Textarea(attrs={"rows": 2}),
            "excerpt": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, data=None, *args, **kwargs):
        refill = data is None and self.restored is not None
        super().__init__(self.restored if refill else data, *args, **kwargs)
        if refill:
            # Half-written work, not a save: it is checked when it is saved.
            self._errors = ErrorDict()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated_at.isoformat()
        may_upload = self.user is None or self.user.has_perm("articles.add_image")
        if "body" in self.fields and not may_upload:
            body = self.fields["body"].widget
            extensions = {k: v for k, v in BODY_EXTENSIONS.items() if k != "PictureUpload"}
            body.config = {**body.config, "extensions": extensions}
        if "tags" in self.fields:
            self.fields["tags"].widget.attrs.update(
                {
                    "data-suggest-url": reverse("admin:articles_article_tag_suggestions"),
                    "autocomplete": "off",
                }
            )
        for name, limit in LENGTH_LIMITS.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs.update({"maxlength": limit, "data-counter": limit})

    # Links alone on their line that could not be embedded, for the editor's messages.
    embed_problems = ()

    def clean_body(self):
        """Each new link alone on its line is asked about now (articles.embeds.resolve), so
        readers' pages never wait for a provider; a link that cannot be embedded stays a link."""
        body = self.cleaned_data["body"]
        self.embed_problems = describe_problems(resolve_links(standalone_links(body)))
        return body

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            self._refuse_stale_save()
        self._check_transition(cleaned_data)
        self._check_coverage(cleaned_data)
        self._check_before_publishing(cleaned_data)
        return cleaned_data

    def _check_before_publishing(self, cleaned_data):
        """Publishing or scheduling waits until the checks pass or the editor chooses to go
        anyway; a reporter's submission only hears what they found."""
        if self.transition not in ("publish", "schedule", "submit"):
            return
        self.findings = checks.run(checks.Draft.from_form(cleaned_data))
        failed = checks.problems(self.findings)
        if failed and self.transition != "submit" and not self.anyway:
            verb = "published" if self.transition == "publish" else "scheduled"
            raise ValidationError(
                "Not %(verb)s yet: the checks before publishing found %(count)s thing%(s)s "
                "to fix, listed at the end of the form. Fix them and press the button again, "
                "or go ahead with “%(anyway)s”. Nothing was saved.",
                params={
                    "verb": verb,
                    "count": len(failed),
                    "s": "" if len(failed) == 1 else "s",
                    "anyway": checks.anyway_label(self.transition),
                },
                code="checks",
            )

    def overridden(self):
        """The failed checks an editor published or scheduled the story despite."""
        if not self.anyway or self.findings is None:
            return []
        return checks.overridden_labels(self.findings)

    def _check_coverage(self, cleaned_data):
        start, end = cleaned_data.get("live_coverage_start"), cleaned_data.get("live_coverage_end")
        if end and not start:
            self.add_error(
                "live_coverage_start", "Say when the live coverage started, or clear its end."
            )
        elif start and end and end <= start:
            self.add_error("live_coverage_end", "The coverage must end after it starts.")

    def _refuse_stale_save(self):
        """Refuse a save based on an older version than the one stored now."""
        # The admin saves inside a transaction: the row stays locked until this save is done.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk)
        stored = current.values_list("updated_at", flat=True).first()
        if stored is None or self.cleaned_data.get("version") == stored.isoformat():
            return
        latest = self.instance.history.select_related("history_user").first()
        who = latest.history_user if latest and latest.history_user else None
        name = (who.get_full_name() or who.get_username()) if who else "Someone"
        when = date_format(timezone.localtime(stored), "DATETIME_FORMAT")
        raise ValidationError(
            "%(name)s saved this article at %(when)s, after you opened it. Your changes were "
            "NOT saved, so nothing of theirs was overwritten. Your text is still in the form "
            "below: copy what you need, then open the article again to see their version.",
            params={"name": name, "when": when},
            code="stale",
        )

    def _check_transition(self, cleaned_data):
        if not self.transition:
            return
        allowed = {t.name for t in workflow.available_transitions(self.user, self.instance)}
        if self.transition not in allowed:
            raise ValidationError(
                "You cannot do that to this article. Nothing was saved.", code="transition"
            )
        if (
            self.transition == "request_changes"
            and not cleaned_data.get("change_request_note", "").strip()
        ):
            self.add_error(
                "change_request_note",
                "Say what should change: the reporter sees this note. Nothing was saved.",
            )
        if self.transition == "schedule":
            when = cleaned_data.get("published_at")
            if when is None or when <= timezone.now():
                self.add_error(
                    "published_at",
                    "To schedule the article, choose a publication time in the future.",
                )

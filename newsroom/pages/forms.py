"""The page form: the story editor's rich text, its cleaning and its picture dialog, reused."""

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.desk.forms import BODY_EXTENSIONS, BodyField
from newsroom.pages.models import Page


class PageAdminForm(forms.ModelForm):
    body = BodyField(
        config={"extensions": BODY_EXTENSIONS},
        sanitize=True,
        required=False,
        widget=AdminProseEditorWidget,
        label="Text",
        help_text="Use “Heading 2” for subheadings. The picture button takes pictures from the "
        "library or uploads new ones.",
    )

    # Set by the admin for each request: who is saving.
    user = None

    class Meta:
        model = Page
        fields = [
            "title", "slug", "parent", "standfirst", "body", "featured_image", "status",
            "position", "seo_title", "seo_description",
        ]  # fmt: skip
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        may_upload = self.user is None or self.user.has_perm("articles.add_image")
        if "body" in self.fields and not may_upload:
            body = self.fields["body"].widget
            extensions = {k: v for k, v in BODY_EXTENSIONS.items() if k != "PictureUpload"}
            body.config = {**body.config, "extensions": extensions}
        if "parent" in self.fields and self.instance.pk:
            # A page cannot sit under itself or under a page below it.
            self.fields["parent"].queryset = Page.objects.exclude(pk=self.instance.pk).exclude(
                path__startswith=f"{self.instance.path}/"
            )

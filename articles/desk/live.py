"""Live updates in the admin: the fast posting page of a live story, and editing an update.

The posting page (the story's "Live updates" button) is one text box and one button, with the
story's updates newest first below it, each with an "Edit" link to its own form.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from articles.images import UNREADABLE_MESSAGE, PictureField
from articles.models import Article, Image, LiveUpdate


class LiveUpdateForm(forms.ModelForm):
    """A new update: the text, and optionally a picture uploaded on the spot."""

    # The library's own checks (format, size and pixel limits), before Django's.
    picture = PictureField(
        required=False,
        help_text="Optional. JPEG, PNG, WebP or GIF.",
        error_messages={"invalid_image": UNREADABLE_MESSAGE},
    )
    picture_alt = forms.CharField(
        label="What the picture shows",
        max_length=250,
        required=False,
        help_text="For readers who cannot see it. Required with a picture.",
    )

    class Meta:
        model = LiveUpdate
        fields = ["text", "is_key_event", "is_pinned"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "autofocus": True})}

    def clean(self):
        data = super().clean()
        if data.get("picture") and not data.get("picture_alt", "").strip():
            self.add_error(
                "picture_alt", "Say what the picture shows, for readers who cannot see it."
            )
        return data

    def save_for(self, article, user):
        update = self.save(commit=False)
        with transaction.atomic():
            if self.cleaned_data.get("picture"):
                update.image = Image.objects.create(
                    file=self.cleaned_data["picture"],
                    alt_text=self.cleaned_data["picture_alt"].strip(),
                    uploaded_by=user,
                )
            update.article = article
            update.created_by = user
            update.save()
        return update


class LiveUpdatesMixin:
    """The posting page of ArticleAdmin, under each article's change page."""

    def live_urls(self):
        return [
            path(
                "<int:object_id>/live/",
                self.admin_site.admin_view(self.live_view),
                name="articles_article_live",
            )
        ]

    def live_view(self, request, object_id):
        if not request.user.has_perm("articles.add_liveupdate"):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.select_related("section"), pk=object_id)
        form = LiveUpdateForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            form.save_for(article, request.user)
            self.message_user(request, "Update posted.", messages.SUCCESS)
            # A fresh, empty form for the next one (and no second post on reload).
            return redirect("admin:articles_article_live", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": "Live updates",
            "subtitle": article.headline,
            "form": form,
            # Strictly newest first here: the desk checks what it just posted.
            "updates": article.live_updates.select_related("image").order_by("-posted_at", "-pk"),
            "is_live": article.is_live(),
            "can_change_updates": request.user.has_perm("articles.change_liveupdate"),
        }
        return TemplateResponse(request, "admin/articles/article/live.html", context)


@admin.register(LiveUpdate)
class LiveUpdateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "posted_at", "is_key_event", "is_pinned"]
    list_filter = ["is_key_event", "is_pinned"]
    list_select_related = ["article"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article", "image"]
    fields = ["article", "text", "image", "is_key_event", "is_pinned", "posted_at"]
    date_hierarchy = "posted_at"

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_post_save_change(self, request, obj):
        # Back to the story's posting page, where the edit was started.
        return redirect("admin:articles_article_live", obj.article_id)

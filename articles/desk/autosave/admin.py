"""Autosave on the article form: the address its script sends the form to, the refill of the form
from a person's copy, and throwing a copy away."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.forms.utils import ErrorDict
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.desk import autosave
from articles.models import Autosave

KEY_FIELD = "_autosave_key"
ID_FIELD = forms.ModelChoiceField(queryset=None)


@dataclass(frozen=True)
class Restore:
    copy: Autosave
    # False: the copy is older than the story, and is only offered.
    applied: bool
    # What of the copy the form is refilled with, when applied.
    refill: autosave.Refill | None = None


class AutosaveMixin:
    def autosave_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "autosave/",
                view(require_POST(self.autosave_view)),
                name="articles_article_autosave_new",
            ),
            path(
                "<int:object_id>/autosave/",
                view(require_POST(self.autosave_view)),
                name="articles_article_autosave",
            ),
            path(
                "autosave/discard/",
                view(require_POST(self.discard_autosave_view)),
                name="articles_article_discard_autosave_new",
            ),
            path(
                "<int:object_id>/autosave/discard/",
                view(require_POST(self.discard_autosave_view)),
                name="articles_article_discard_autosave",
            ),
        ]

    def autosave_view(self, request, object_id=None):
        """Keep the form as sent for this person; the story itself is not touched."""
        article = self._autosave_article(request, object_id)
        key = request.POST.get(KEY_FIELD, "")
        if not autosave.valid_key(key):
            return JsonResponse(
                {"message": "Draft not saved: reload the page to keep saving drafts."}, status=400
            )
        try:
            data = autosave.form_fields(request.POST, self._form_shape(request, article).field_for)
        except autosave.BadChoice:
            return JsonResponse(
                {
                    "message": "Draft not saved: the form holds a choice it does not offer. "
                    "Reload the page to keep saving drafts."
                },
                status=400,
            )
        if not data:
            return JsonResponse({"message": "Draft not saved: no story fields sent."}, status=400)
        if self._untouched(request, article, request.POST):
            # Typing something and taking it out again leaves nothing to keep either.
            autosave.forget(request.user, key, article)
            return JsonResponse({"message": "No unsaved changes"})
        try:
            copy = autosave.store(request.user, key, data, article)
        except autosave.Refused:
            # Usually a copy still on its way as this form was saved. Otherwise the same story
            # was saved from another tab (a restored new story opens in each), and what is
            # typed here is no longer kept: the person must be told.
            return JsonResponse(
                {
                    "message": "Draft not saved: this story was saved from another tab or "
                    "window, so this form's changes are no longer kept. Copy what you typed "
                    "here, then reload the page."
                },
                status=409,
            )
        return JsonResponse(
            {
                "saved_at": copy.saved_at.isoformat(),
                "message": f"Draft saved {autosave.saved_label(copy)}",
            }
        )

    def discard_autosave_view(self, request, object_id=None):
        article = self._autosave_article(request, object_id)
        if autosave.discard(request.user, article, request.POST.get(KEY_FIELD)):
            self.message_user(request, "Your unsaved changes were discarded.", messages.SUCCESS)
        if article is None:
            return redirect("admin:articles_article_add")
        return redirect("admin:articles_article_change", article.pk)

    def _autosave_article(self, request, object_id):
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404("No such article")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _form_class(self, request, article):
        fieldsets = self.get_fieldsets(request, article)
        return self.get_form(
            request, article, change=article is not None, fields=flatten_fieldsets(fieldsets)
        )

    def _form_shape(self, request, article):
        """The form field each posted name belongs to, inlines included, for this person."""
        fields = dict(self._form_class(request, article).base_fields)
        inlines = []
        for formset, inline in self.get_formsets_with_inlines(request, article):
            prefix = formset.get_default_prefix()
            row = {**formset.form.base_fields, "id": ID_FIELD, "DELETE": forms.BooleanField()}
            row[formset.fk.name] = forms.CharField()
            fields.update((f"{prefix}-{name}", field) for name, field in row.items())
            fields.update(
                (f"{prefix}-{name}", forms.IntegerField()) for name in autosave.MANAGEMENT
            )
            rows = ()
            if article is not None:
                rows = inline.get_queryset(request).filter(**{formset.fk.name: article})
                rows = {str(pk) for pk in rows.values_list("pk", flat=True)}
            inlines.append(
                autosave.Inline(
                    prefix, formset.fk.name, frozenset(rows), formset.min_num, formset.max_num
                )
            )
        return autosave.FormShape(fields, inlines)

    def _untouched(self, request, article, data):
        """Whether data is the form exactly as it opens: nothing in it is worth keeping."""
        instance = article or self.model()
        if self._form_class(request, article)(data, instance=instance).has_changed():
            return False
        for formset_class, inline in self.get_formsets_with_inlines(request, article):
            formset = formset_class(
                data,
                instance=instance,
                prefix=formset_class.get_default_prefix(),
                queryset=inline.get_queryset(request),
                initial=self.initial_rows(request, instance, inline),
            )
            if formset.has_changed():
                return False
        return True

    def initial_rows(self, request, obj, inline):
        """The rows an inline opens with on an unsaved form, if any."""
        return None

    # The form -------------------------------------------------------------------------------

    def autosave_restore(self, request, article):
        """The copy this request's form is refilled from or offers, or None (once a request)."""
        if not hasattr(request, "_autosave_restore"):
            # Checking the copy builds the form, which asks for its refill: none yet.
            request._autosave_restore = None
            request._autosave_restore = self._find_restore(request, article)
        return request._autosave_restore

    def _find_restore(self, request, article):
        if request.method != "GET":
            return None
        if article is None:
            copy = autosave.latest(request.user) if self.has_add_permission(request) else None
            applied = True
        elif self.has_change_permission(request, article):
            copy = autosave.latest(request.user, article)
            asked = request.GET.get("autosave") == "restore"
            applied = copy is not None and (asked or autosave.newer_than_story(copy, article))
        else:
            copy = None
        if copy is None:
            return None
        if not applied:
            return Restore(copy, applied=False)
        refill = autosave.refill(copy.data, self._form_shape(request, article))
        if refill.data is not None and self._untouched(request, article, refill.data):
            # A copy of the form as it opens (sent before the script waited for a change)
            # holds nothing of the person's: it is no longer kept, and nothing is said.
            autosave.discard(request.user, article, copy.key)
            return None
        return Restore(copy, applied=True, refill=refill)

    def restored_form_data(self, request, article):
        restore = self.autosave_restore(request, article)
        return restore.refill.data if restore and restore.applied else None

    def autosave_context(self, request, context, article):
        """The hidden key, the status line's address and the restore notice."""
        restore = self.autosave_restore(request, article)
        if request.method == "POST" and autosave.valid_key(request.POST.get(KEY_FIELD)):
            key = request.POST[KEY_FIELD]
        elif restore and article is None:
            key = restore.copy.key
        else:
            key = autosave.new_key()
        if article is None:
            url = reverse("admin:articles_article_autosave_new")
            discard_url = reverse("admin:articles_article_discard_autosave_new")
        else:
            url = reverse("admin:articles_article_autosave", args=[article.pk])
            discard_url = reverse("admin:articles_article_discard_autosave", args=[article.pk])
        context.update(autosave_key=key, autosave_url=url)
        if restore is None:
            return
        notice = {
            "applied": restore.applied,
            "when": autosave.saved_label(restore.copy),
            "key": restore.copy.key,
            "discard_url": discard_url,
        }
        if restore.applied:
            refill = restore.refill
            notice.update(
                unusable=refill.data is None, missing=refill.missing, dropped=refill.dropped
            )
            if refill.data is not None:
                _quiet_errors(context)
                version = refill.data.get("version", "")
                notice["story_saved_since"] = (
                    article is not None and version != article.updated_at.isoformat()
                )
        context["autosave_notice"] = notice


def _quiet_errors(context):
    """A refilled form is half-written work, not a failed save: it shows no errors yet."""
    context["errors"] = []
    context["adminform"].form._errors = ErrorDict()
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        formset._non_form_errors = formset.error_class()
        formset._errors = [ErrorDict() for _ in formset.forms]
        for form in formset.forms:
            form._errors = ErrorDict()

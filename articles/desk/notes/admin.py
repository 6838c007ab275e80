"""The notes panel of the story form, and the one address its forms post to."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.desk import notes
from articles.desk.notes.mail import notify_mentioned

PANEL_TEMPLATE = "admin/articles/article/_notes.html"
# Sent by static/js/admin-notes.js, which swaps the panel in place and keeps the story form.
PANEL_HEADER = "X-Notes-Panel"
# What was typed in a note that could not be kept, refilled in the form once.
DRAFT_KEY = "note_draft"


class NotesMixin:
    def notes_urls(self):
        return [
            path(
                "<path:object_id>/notes/",
                self.admin_site.admin_view(require_POST(self.notes_view)),
                name="articles_article_notes",
            )
        ]

    def notes_view(self, request, object_id):
        """Add a note, reply to one, resolve or reopen a thread; then back to the story."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article")
        if not notes.can_note(request.user, article):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            note = self._apply_note_action(request, article, action)
        except notes.NoteError as error:
            draft = {
                "anchor": request.POST.get("anchor", ""),
                "text": request.POST.get("text", ""),
                "thread": request.POST.get("thread", ""),
            }
            if request.headers.get(PANEL_HEADER):
                context = self.notes_context(request, article, draft=draft, error=str(error))
                return TemplateResponse(request, PANEL_TEMPLATE, context, status=400)
            request.session[DRAFT_KEY] = {"article": article.pk, "error": str(error), **draft}
            return redirect(self._story_url(article) + "#notes")
        thread = note.parent or note
        if request.headers.get(PANEL_HEADER):
            context = self.notes_context(request, article, focus=thread.pk)
            return TemplateResponse(request, PANEL_TEMPLATE, context)
        return redirect(self._story_url(article) + f"#note-{thread.pk}")

    def _apply_note_action(self, request, article, action):
        text = request.POST.get("text", "")
        if action == "add":
            note = notes.add(article, request.user, text, request.POST.get("anchor", ""))
            self._tell_mentioned(request, note)
            return note
        thread = get_object_or_404(article.notes.threads(), pk=_number(request.POST.get("thread")))
        if action == "reply" or (action == "resolve" and text.strip()):
            # Resolving with words typed keeps them as the thread's last reply.
            note = notes.reply(thread, request.user, text)
            self._tell_mentioned(request, note)
        if action == "resolve":
            return notes.resolve(thread, request.user)
        if action == "reopen":
            return notes.reopen(thread, request.user)
        if action == "reply":
            return note
        raise notes.NoteError("That is not something a note can do.")

    def _tell_mentioned(self, request, note):
        if not note.mentions.exists():
            return
        change_url = request.build_absolute_uri(self._story_url(note.article)) + f"#note-{note.pk}"
        transaction.on_commit(lambda: notify_mentioned.enqueue(note.pk, change_url), robust=True)

    @staticmethod
    def _story_url(article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def notes_context(self, request, article, draft=None, error=None, focus=None):
        """What the notes panel shows, or nothing for a person who may not see notes."""
        if article is None or not notes.can_note(request.user, article):
            return {"can_note": False}
        kept = request.session.get(DRAFT_KEY) if draft is None else None
        if kept and kept.get("article") == article.pk:
            del request.session[DRAFT_KEY]
            error, draft = kept.pop("error"), kept
        threads = notes.threads(article)
        return {
            "can_note": True,
            "original": article,
            "note_threads": threads,
            "open_notes": sum(1 for thread in threads if thread.note.resolved_at is None),
            "note_anchors": notes.anchor_choices(article),
            "note_draft": draft or {},
            "note_error": error,
            "note_focus": focus,
            "notes_url": reverse("admin:articles_article_notes", args=[article.pk]),
        }


def _number(value):
    return int(value) if (value or "").isdigit() and len(value) < 18 else None

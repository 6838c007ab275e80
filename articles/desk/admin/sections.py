"""Sections, bylines, and the old addresses that renamed sections, bylines and stories leave."""

from django.contrib import admin

from articles.desk.admin.pickers import PicturePickersMixin
from articles.models import Author, Redirect, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "show_in_navigation"]
    list_editable = ["position", "show_in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(PicturePickersMixin, admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    list_select_related = ["user"]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target", "created_at"]
    search_fields = ["old_path"]
    readonly_fields = ["content_type", "object_id", "created_at"]

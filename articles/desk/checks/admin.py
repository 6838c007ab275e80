"""The outlet's choice of checks, one page in the admin that editors open from the desk."""

from django.contrib import admin
from django.shortcuts import redirect

from articles.models import PublishingChecks


@admin.register(PublishingChecks)
class PublishingChecksAdmin(admin.ModelAdmin):
    fieldsets = [
        (
            "Held back until fixed, or published anyway",
            {
                "description": "Ticked checks run when a story is published or scheduled, and "
                "as advice when a reporter submits it for review.",
                "fields": [
                    "pictures", "headline_length", "dek_length", "link_preview", "dateline",
                    "section", "tags", "heading_order", "link_text", "internal_links",
                ],
            },
        ),
        ("For information", {"fields": ["readability"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of checks: open it directly."""
        return redirect("admin:articles_publishingchecks_change", PublishingChecks.load().pk)

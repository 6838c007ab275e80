"""Readers with accounts, for editors to look up (a reader's data request starts here)."""

from django.contrib import admin

from newsroom.readers.models import Reader


@admin.register(Reader)
class ReaderAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "created_at", "last_signed_in_at"]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    fields = ["email", "name", "created_at", "last_signed_in_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        # Readers register themselves, with a code sent to their address.
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""Partners' keys in the admin: made, named and revoked by editors; a new key is shown once."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from newsroom.api import usage
from newsroom.api.keys import HEADER
from newsroom.api.models import ApiKey


def with_last_use(keys):
    """Give each key its last use, from the shared counts (one read for them all)."""
    found = usage.last_used(keys)
    for key in keys:
        key.last_used = found.get(key.pk)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "state", "rate_limit", "created_at", "last_use")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "prefix")
    actions = ["revoke"]
    readonly_fields = ("prefix", "state", "created_at", "created_by", "revoked_at", "last_use")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "rate_limit")
        return ("name", "rate_limit", *self.readonly_fields)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        with_last_use(changelist.result_list)
        return changelist

    def get_object(self, request, object_id, from_field=None):
        key = super().get_object(request, object_id, from_field)
        if key is not None:
            with_last_use([key])
        return key

    @admin.display(description="last used")
    def last_use(self, key):
        when = getattr(key, "last_used", None)
        return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else "Never"

    @admin.display(description="state")
    def state(self, key):
        return "Revoked" if key.is_revoked else "Active"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            # Shown once, by response_add; only its digest is stored.
            request.new_api_key = obj.issue()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/api/apikey/created.html",
            {
                **self.admin_site.each_context(request),
                "title": f"The key for {obj.name}",
                "opts": self.model._meta,
                "key": request.new_api_key,
                "api_key": obj,
                "header": HEADER,
            },
        )

    @admin.action(description="Revoke the selected keys (they stop working at once)")
    def revoke(self, request, queryset):
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            key.revoke()
        self.message_user(
            request,
            f"Revoked {len(keys)} key(s): requests with them are refused from now on.",
            messages.SUCCESS,
        )

"""Embeds on the desk: the story form's preview of its embeds, and the list of every embed,
where one can be fetched again from its provider (which refreshes the stories showing it)."""

from django.contrib import admin, messages
from django.template.loader import render_to_string

from articles.embeds.body import standalone_links
from articles.embeds.render import kept_embeds
from articles.embeds.resolve import describe_problems, resolve_links
from articles.models import Embed


def embeds_panel(body):
    """Each link alone on its line in the saved story, as readers will see it."""
    urls = standalone_links(body)
    found = kept_embeds(urls)
    return render_to_string(
        "admin/articles/_embeds_panel.html",
        {"links": [(url, found.get(url)) for url in urls]},
    )


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "provider_name", "kind", "fetched_at"]
    list_filter = ["kind", "provider_name"]
    search_fields = ["title", "url"]
    actions = ["fetch_again"]
    fields = ["url", "kind", "provider_name", "title", "description", "author_name",
              "frame_url", "width", "height", "thumbnail", "fetched_at"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        # Embeds are made from stories' links when a story is saved.
        return False

    @admin.action(description="Fetch again from the provider", permissions=["change"])
    def fetch_again(self, request, queryset):
        urls = list(queryset.values_list("url", flat=True))
        problems = resolve_links(urls, refresh=True)
        for problem in describe_problems(problems):
            self.message_user(request, problem, messages.WARNING)
        if done := len(urls) - len(problems):
            self.message_user(
                request,
                f"Fetched {done} embed{'s' if done > 1 else ''} again; "
                "the stories showing them are up to date.",
                messages.SUCCESS,
            )

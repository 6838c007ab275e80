"""Pages, menus and the standards in the admin.

Editors edit, publish and remove pages, build the menus and choose the standards; reporters
write pages as drafts (newsroom/staff/roles.py). Every save of a page keeps a revision
(django-simple-history: "History", to compare and revert).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms import Script
from django.shortcuts import redirect
from django.utils.html import format_html
from js_asset import Media
from simple_history.admin import SimpleHistoryAdmin

from articles.desk.admin.images import thumbnail
from articles.desk.admin.pickers import PicturePickersMixin
from newsroom.pages.forms import PageAdminForm
from newsroom.pages.models import Menu, MenuItem, Page, Standards


def can_publish(user):
    return user.has_perm("pages.publish_page")


@admin.register(Page)
class PageAdmin(PicturePickersMixin, SimpleHistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "address", "status_badge", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "standfirst", "body"]
    search_help_text = "Finds pages by words in their title, standfirst or text."
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["featured_image"]
    readonly_fields = ["picture_preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "standfirst", "body"]}),
        ("Picture", {"fields": ["featured_image", "picture_preview"]}),
        ("Publication", {"fields": ["status", "position"]}),
        ("Search engines", {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
    ]

    class Media:
        css = {"all": ["css/admin-picture-upload.css"]}

    @admin.display(description="Address", ordering="path")
    def address(self, page):
        return f"/{page.path}/"

    @admin.display(description="Status", ordering="status")
    def status_badge(self, page):
        kind = "published" if page.is_published() else "draft"
        return format_html(
            '<span class="status-badge status-badge--{}">{}</span>', kind, page.get_status_display()
        )

    @admin.display(description="Picture as it will appear")
    def picture_preview(self, page):
        return thumbnail(page.featured_image, width=240)

    def view_on_site(self, page):
        return page.get_absolute_url()

    def has_change_permission(self, request, obj=None):
        """Reporters change drafts; a published page is for those who may publish."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not obj.is_published() or can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        if "status" in form.base_fields and not can_publish(request.user):
            form.base_fields["status"].disabled = True
            form.base_fields[
                "status"
            ].help_text = "An editor publishes it. Until then it is a draft only staff can see."
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The prose editor's importmap is an inline <script>: it carries this page's CSP nonce,
        # as on the story form (admin pages are never cached).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not can_publish(request.user):
            # Whatever the form or a revision held: a reporter's save leaves the status as is.
            obj.status = Page.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            obj.status = obj.status or Page.Status.DRAFT
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
        if (removed := getattr(form.fields.get("body"), "removed", ())) and removed:
            self.message_user(
                request,
                "Removed from the page, as pages cannot show it: "
                f"{'; '.join(removed)}. Everything else was saved as written.",
                messages.WARNING,
            )


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    extra = 1
    fields = ["label", "section", "page", "tag", "url", "nested", "position"]
    autocomplete_fields = ["tag"]
    # Rows are dragged into order, or moved with their up and down buttons
    # (static/js/admin-inline-order.js); the numbers remain for browsers without JavaScript.
    classes = ["ordered-inline"]
    verbose_name_plural = "links (a link, or a label alone as a heading, then the links under it)"

    class Media:
        js = [Script("js/admin-inline-order.js", defer=True)]
        css = {"all": ["css/admin-inline-order.css"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # A menu row is narrow: no add, change or view buttons beside each choice.
        for name in ("can_add_related", "can_change_related", "can_view_related"):
            setattr(field.widget, name, False)
        return field


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "link_count"]
    fields = ["name", "place"]
    inlines = [MenuItemInline]

    @admin.display(description="Links")
    def link_count(self, menu):
        return menu.items.count()


@admin.register(Standards)
class StandardsAdmin(admin.ModelAdmin):
    fieldsets = [
        (
            None,
            {
                "description": "Which of the outlet's pages says what. Readers find them in "
                "the footer and under every story; search engines read them in the site's "
                "structured data. Only published pages are shown.",
                "fields": [
                    "publishing_principles",
                    "ethics_policy",
                    "corrections_policy",
                    "masthead",
                    "ownership_funding",
                    "feedback_policy",
                ],
            },
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one set of standards: open it directly."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect("admin:pages_standards_change", Standards.load().pk)

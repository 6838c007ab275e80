from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "newsroom.pages"
    label = "pages"
    verbose_name = "Pages and menus"

    def ready(self):
        from articles.extensions import extensions
        from newsroom.caching import pages as kept_pages
        from newsroom.pages import invalidation, standards, views
        from newsroom.pages.models import root_page_at
        from newsroom.pages.sitemaps import PageSitemap

        invalidation.register()
        kept_pages.cached_views.add("pages:page")
        extensions.root_addresses.append(root_page_at)
        extensions.other_pages.append(views.page_at)
        extensions.publisher_details.append(standards.publisher_details)
        extensions.sitemaps["pages"] = PageSitemap
        slots = extensions.template_slots
        slots.setdefault("story_footer", []).append("pages/_story_standards.html")
        slots.setdefault("search_results", []).append("pages/_search_results.html")

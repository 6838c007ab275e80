from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

# The reader pages kept whole for anonymous readers (newsroom.caching.pages), by URL name.
CACHED_VIEWS = {
    "articles:home",
    "articles:section",
    "articles:tag",
    "articles:author",
    "articles:archive_year",
    "articles:archive_month",
    "articles:archive_day",
    "articles:detail",
    "articles:feed_rss",
    "articles:feed_atom",
    "articles:section_feed_rss",
    "articles:section_feed_atom",
    "articles:tag_feed_rss",
    "articles:tag_feed_atom",
    "articles:author_feed_rss",
    "articles:author_feed_atom",
    "articles:sitemap",
    "articles:sitemap_section",
    "articles:news_sitemap",
}


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from articles import invalidation, signals
        from articles.models import Article, Author, Correction, Image, LiveUpdate, Section
        from articles.scheduling import announce_due_publications
        from newsroom.caching import pages, schedule

        post_save.connect(signals.image_saved, sender=Image, dispatch_uid="articles.image_saved")
        for signal in (post_save, post_delete):
            signal.connect(
                signals.article_saved_or_deleted, sender=Article, dispatch_uid="articles.changed"
            )
        post_save.connect(signals.section_saved, sender=Section, dispatch_uid="articles.section")
        post_save.connect(signals.author_saved, sender=Author, dispatch_uid="articles.author")
        post_save.connect(
            signals.correction_saved, sender=Correction, dispatch_uid="articles.correction"
        )
        post_delete.connect(
            signals.story_part_changed, sender=Correction, dispatch_uid="articles.correction"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                signals.story_part_changed, sender=LiveUpdate, dispatch_uid="articles.live_update"
            )
        invalidation.register()
        pages.cached_views.update(CACHED_VIEWS)
        schedule.on_time(announce_due_publications)
        pre_create_historical_record.connect(
            signals.revision_keeps_tags,
            sender=Article.history.model,
            dispatch_uid="articles.revision_keeps_tags",
        )
        post_migrate.connect(
            signals.sync_search_config, sender=self, dispatch_uid="articles.search_config"
        )

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from django.utils.autoreload import file_changed
        from simple_history.signals import pre_create_historical_record

        from articles import fragments, signals
        from articles.models import Article, Author, Correction, Image, LiveUpdate, Section
        from articles.scheduling import forget_next_due
        from articles.site.live import forget_answers
        from articles.story_picks import forget_choices

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
        signals.article_changed.connect(forget_next_due, dispatch_uid="articles.next_due")
        signals.article_changed.connect(forget_answers, dispatch_uid="articles.live_answers")
        signals.article_changed.connect(forget_choices, dispatch_uid="articles.choices")
        pre_create_historical_record.connect(
            signals.revision_keeps_tags,
            sender=Article.history.model,
            dispatch_uid="articles.revision_keeps_tags",
        )
        file_changed.connect(fragments.forget_on_template_change, dispatch_uid="articles.fragments")
        post_migrate.connect(
            signals.sync_search_config, sender=self, dispatch_uid="articles.search_config"
        )

from articles.images import make_renditions, renditions_are_current


def image_saved(sender, instance, **kwargs):
    """Every uploaded picture gets its resized copies at once, whoever uploaded it."""
    if instance.file and not renditions_are_current(instance):
        make_renditions(instance)


def revision_keeps_tags(sender, instance, history_instance, **kwargs):
    """A revision remembers the article's tags, so restoring it brings them back."""
    history_instance.tag_names = sorted(instance.tags.names()) if instance.pk else []

from articles.images import make_renditions, renditions_are_current


def image_saved(sender, instance, **kwargs):
    """Every uploaded picture gets its resized copies at once, whoever uploaded it."""
    if instance.file and not renditions_are_current(instance):
        make_renditions(instance)

from articles.images import make_renditions


def image_saved(sender, instance, **kwargs):
    """Every uploaded picture gets its resized copies at once, whoever uploaded it."""
    if instance.file and not instance.renditions:
        make_renditions(instance)

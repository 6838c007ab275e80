from django.db import models


class WordPressIdentity(models.Model):
    """Where an imported record came from: a WordPress site, and that site's number for it.

    Numbers are a site's own (post 12 on one blog is not post 12 on another), so a record is
    known by the pair: each model names its number (`wp_post_id`, `wp_attachment_id`,
    `wp_comment_id`) and makes the pair unique, so two sites' exports never overwrite each
    other and importing the same file again finds every record. newsroom.wordpress.identity
    says how a site's address becomes `wp_site`.
    """

    wp_site = models.CharField(
        "WordPress site",
        max_length=300,
        blank=True,
        editable=False,
        help_text="The address of the WordPress site this was imported from.",
    )

    class Meta:
        abstract = True

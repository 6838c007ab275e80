"""Search-as-you-type choices that show each choice's picture: the featured picture, bylines
(the author's photo) and related stories (their featured picture)."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect

from articles.images import copy_for
from articles.models import Article, Author, Image

# Where a choice keeps its picture; None: the choice is a picture.
PICTURE_FIELDS = {Image: None, Article: "featured_image", Author: "photo"}
# CSS pixels of a thumbnail in the list of choices; the copy is twice as wide for sharp screens.
THUMBNAIL_WIDTH = 48


def picture_of(choice):
    if type(choice) not in PICTURE_FIELDS:
        return None
    field = PICTURE_FIELDS[type(choice)]
    return choice if field is None else getattr(choice, field)


def thumbnail_url(choice):
    copy = copy_for(picture_of(choice), 2 * THUMBNAIL_WIDTH)
    return copy["url"] if copy else None


def with_pictures(queryset):
    field = PICTURE_FIELDS.get(queryset.model)
    return queryset.select_related(field) if field else queryset


class PictureChoicesView(AutocompleteJsonView):
    """Django's search-as-you-type answers, each with its picture's thumbnail address."""

    def get_queryset(self):
        return with_pictures(super().get_queryset())

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if url := thumbnail_url(obj):
            result["thumbnail"] = url
        if isinstance(obj, Image):
            result["alt"] = obj.alt_text
        return result


class PictureAutocomplete(AutocompleteSelect):
    """A search-as-you-type box whose choices, the current one included, show their picture
    (static/js/admin-picture-choices.js). Without JavaScript it is the plain select box."""

    url_name = "%s:articles_picture_choices"

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        chosen = [option for option in groups[0][1] if option["value"] != ""]
        if chosen:
            model = self.field.remote_field.model
            objects = with_pictures(model._default_manager.using(self.db)).filter(
                pk__in=[option["value"] for option in chosen]
            )
            urls = {obj.pk: thumbnail_url(obj) for obj in objects}
            for option in chosen:
                if url := urls.get(option["value"]):
                    option["attrs"]["data-thumbnail"] = url
        return groups

    @property
    def media(self):
        # Deferred: it must run after select2 has loaded and before the boxes start.
        return super().media + forms.Media(
            js=[forms.Script("js/admin-picture-choices.js", defer=True)],
            css={"screen": ["css/admin-picture-choices.css"]},
        )


class PicturePickersMixin:
    """For ModelAdmins and inlines: their search-as-you-type boxes over stories, bylines and
    pictures show the pictures."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if (
            "widget" not in kwargs
            and db_field.name in self.get_autocomplete_fields(request)
            and db_field.remote_field.model in PICTURE_FIELDS
        ):
            kwargs["widget"] = PictureAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

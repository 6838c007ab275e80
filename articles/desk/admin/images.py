"""The picture library: uploads, and the picker the story editor's picture button opens."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms.widgets import Script
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles.desk.admin.pickers import PictureChoicesView
from articles.desk.forms import ImageForm
from articles.images import SHARE_CROP, copy_for
from articles.models import Image
from articles.site.metadata import SHARE_IMAGE_MIN_WIDTH

PICKER_PER_PAGE = 24
CUT_LABELS = {
    "16:9": "Wide (16:9): lead stories",
    "4:3": "4:3: story cards",
    "1:1": "Square: thumbnails",
    SHARE_CROP: "Link preview (1.91:1)",
}


def body_picture(image):
    """What the story editor's picture button inserts for a library picture: a copy wide
    enough for the story column on any screen, the alt text, and the caption with the credit
    as the featured picture shows it."""
    chosen = copy_for(image, SHARE_IMAGE_MIN_WIDTH)
    caption = image.caption
    if image.credit:
        caption = f"{caption} Photo: {image.credit}".strip()
    return {"url": chosen["url"] if chosen else "", "alt": image.alt_text, "caption": caption}


def thumbnail_copy(image, width):
    """The narrowest copy of a picture that is sharp at `width` CSS pixels on a sharp screen,
    never the full-size upload (which may be many megabytes): {"url", "width", "height"},
    the size being the one to show it at."""
    copy = copy_for(image, 2 * width)
    height = round(width * copy["height"] / copy["width"]) if copy["width"] else None
    return {"url": copy["url"], "width": width, "height": height}


def thumbnail(image, width=160):
    """A small picture for admin lists and forms."""
    if not image or not image.file:
        return "—"
    copy = thumbnail_copy(image, width)
    height = format_html(' height="{}"', copy["height"]) if copy["height"] else ""
    return format_html(
        '<img class="admin-thumb" src="{}" alt="{}" width="{}"{} loading="lazy">',
        copy["url"],
        image.alt_text,
        copy["width"],
        height,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumb", "alt_text", "caption", "credit", "size", "uploaded_at"]
    list_display_links = ["thumb", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit"]}),
        (
            "Subject of the picture",
            {
                "description": "Cards, thumbnails and link previews show the picture cut to "
                "their shape around this point. Click the subject on the picture, or move the "
                "marker with the arrow keys (Shift for bigger steps), or type the numbers.",
                "fields": ["focal_x", "focal_y", "cuts"],
            },
        ),
    ]
    readonly_fields = ["preview", "cuts"]

    class Media:
        js = [Script("js/admin-focal-point.js", defer=True)]
        css = {"all": ["css/admin-focal-point.css"]}

    @admin.display(description="Picture")
    def thumb(self, image):
        return thumbnail(image, width=96)

    @admin.display(description="Preview")
    def preview(self, image):
        if not image or not image.pk or not image.file:
            return "—"
        # The whole picture, where admin-focal-point.js lets the editor click the subject.
        return format_html(
            '<div class="focal-picker" data-focal-x="{}" data-focal-y="{}">{}</div>',
            image.focal_x,
            image.focal_y,
            thumbnail(image, width=480),
        )

    @admin.display(description="Cuts around the subject, as saved")
    def cuts(self, image):
        # An upload refused for another field is not stored yet: it has no copies to show.
        if not image or not image.pk or not image.renditions:
            return "Shown once the picture is saved."
        return format_html_join(
            "",
            '<figure class="focal-cut"><img class="admin-thumb" src="{}" alt="" width="{}" '
            'height="{}" data-crop="{}"><figcaption>{}</figcaption></figure>',
            (
                (copy["url"], 160, round(160 * copy["height"] / copy["width"]), crop, label)
                for crop, label in CUT_LABELS.items()
                if (copy := copy_for(image, 320, crop))
            ),
        )

    @admin.display(description="Size")
    def size(self, image):
        return f"{image.width} x {image.height} px"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        picker = path(
            "picker/",
            self.admin_site.admin_view(self.picker_view),
            name="articles_image_picker",
        )
        choices = path(
            "choices/",
            self.admin_site.admin_view(PictureChoicesView.as_view(admin_site=self.admin_site)),
            name="articles_picture_choices",
        )
        upload = path(
            "upload/",
            self.admin_site.admin_view(require_POST(self.upload_view)),
            name="articles_image_upload",
        )
        gallery = path(
            "gallery/",
            self.admin_site.admin_view(self.gallery_view),
            name="articles_image_gallery",
        )
        return [picker, choices, upload, gallery, *super().get_urls()]

    def gallery_view(self, request):
        """The story editor's gallery (static/js/prose-gallery.js) asks what its pictures are:
        ?ids=12+15 gives their thumbnails and alt texts, in that order."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        numbers = [int(n) for n in request.GET.get("ids", "").split()[:100] if n.isdigit()]
        found = Image.objects.in_bulk(numbers)
        pictures = [
            {
                "id": image.pk,
                "alt": image.alt_text,
                "thumbnail": thumbnail_copy(image, 64)["url"] if image.file else "",
            }
            for image in (found[n] for n in numbers if n in found)
        ]
        return JsonResponse({"pictures": pictures})

    def picker_view(self, request):
        """The picture library, searchable, for the story editor's picture button.

        The editor opens it in a small window and gets back the chosen picture's address, alt
        text and caption (see static/js/admin-image-picker.js).
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        typed = request.GET.get("q", "").strip()
        images = Image.objects.order_by("-uploaded_at", "-pk")
        if typed:
            images = images.filter(
                Q(alt_text__icontains=typed)
                | Q(caption__icontains=typed)
                | Q(credit__icontains=typed)
            )
        page = Paginator(images, PICKER_PER_PAGE).get_page(request.GET.get("page"))
        choices = [(image, body_picture(image), thumbnail_copy(image, 160)) for image in page]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Choose a picture",
            "is_popup": True,
            "typed": typed,
            "page": page,
            "choices": choices,
        }
        return TemplateResponse(request, "admin/articles/image/picker.html", context)

    def upload_view(self, request):
        """A picture uploaded from the story editor's picture dialog
        (static/js/prose-picture-upload.js), checked and stored as on the upload page.

        Answers what the dialog inserts into the story, or the messages to show beside the
        fields (their names are the form's; "__all__" for the dialog as a whole).
        """
        if not self.has_add_permission(request):
            message = "You may not upload pictures. Ask an editor to add this one."
            return JsonResponse({"errors": {"__all__": [message]}}, status=403)
        form = ImageForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {
                name: [error["message"] for error in messages]
                for name, messages in form.errors.get_json_data().items()
            }
            return JsonResponse({"errors": errors}, status=400)
        image = form.save(commit=False)
        image.uploaded_by = request.user
        image.save()
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse({"id": image.pk, **body_picture(image)}, status=201)

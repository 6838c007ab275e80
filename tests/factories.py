import datetime
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Embed,
    Image,
    LiveUpdate,
    RelatedArticle,
    Section,
)


# Every upload is cut and encoded into dozens of copies (articles.images): pictures are only as
# big as a test needs, 800 px wide (copies up to 800 px) unless a test asks for more.
def image_bytes(width=800, height=500, image_format="JPEG", color=(40, 90, 160)):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format=image_format)
    return buffer.getvalue()


def uploaded_image(name="photo.jpg", **kwargs):
    content_type = {"png": "image/png", "webp": "image/webp", "gif": "image/gif"}.get(
        name.rsplit(".", 1)[-1], "image/jpeg"
    )
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type=content_type)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda s: s.name.lower().replace(" ", "-"))


class ImageFactory(DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(uploaded_image)
    alt_text = "Delegates walk past the summit venue"
    caption = "Delegates arrive for the summit."
    credit = "Staff photographer"

    class Params:
        small = factory.Trait(
            file=factory.LazyFunction(lambda: uploaded_image(width=480, height=320))
        )
        # As a camera makes them: every copy, up to 1600 px, and a 1200 px link preview.
        large = factory.Trait(
            file=factory.LazyFunction(lambda: uploaded_image(width=1600, height=1000))
        )


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    bio = "Covers city hall and the courts."


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Leaders meet to discuss trade, round {n}")
    slug = factory.Sequence(lambda n: f"leaders-meet-{n}")
    dek = "Talks are expected to run late into the night."
    section = factory.SubFactory(SectionFactory, name="World", slug="world")
    dateline = "Gyeongju, Nov 2025"
    body = (
        "<p>South Korean President opened the summit on Sunday.</p>"
        "<h2>What is on the table</h2><p>Tariffs, shipping and chips.</p>"
    )
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Article.Status.IN_REVIEW, published_at=None)
        unpublished = factory.Trait(
            status=Article.Status.UNPUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2)),
        )
        with_image = factory.Trait(featured_image=factory.SubFactory(ImageFactory, small=True))
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted or [AuthorFactory()]):
            ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if create and extracted:
            for position, other in enumerate(extracted):
                RelatedArticle.objects.create(
                    article=self, related_article=other, position=position
                )


class CorrectionFactory(DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version of this story misstated the bridge's length. It is 1.2 km."
    status = Correction.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Correction.Status.DRAFT)


class LiveUpdateFactory(DjangoModelFactory):
    class Meta:
        model = LiveUpdate

    article = factory.SubFactory(
        ArticleFactory,
        live_coverage_start=factory.LazyFunction(
            lambda: timezone.now() - datetime.timedelta(minutes=30)
        ),
    )
    text = factory.Sequence(lambda n: f"Update {n}: delegates return to the hall.")


class EmbedFactory(DjangoModelFactory):
    """What YouTube would have answered, kept (tests of fetching use tests/embed_servers.py)."""

    class Meta:
        model = Embed
        django_get_or_create = ["url"]

    url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=video{n:06d}")
    kind = Embed.Kind.VIDEO
    provider = "youtube"
    provider_name = "YouTube"
    title = factory.Sequence(lambda n: f"Harbour opening, part {n}")
    author_name = "Port Authority"
    frame_url = factory.LazyAttribute(
        lambda embed: f"https://www.youtube-nocookie.com/embed/{embed.url[-11:]}?autoplay=1"
    )
    html = factory.LazyAttribute(
        lambda embed: (
            f'<iframe src="{embed.frame_url}" title="{embed.title}" width="640" '
            'height="360" allowfullscreen></iframe>'
        )
    )
    width = 640
    height = 360
    thumbnail = factory.django.ImageField(width=480, height=360, format="JPEG", color="red")
    thumbnail_width = 480
    thumbnail_height = 360
    fetched_at = factory.LazyFunction(timezone.now)

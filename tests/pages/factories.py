import factory
from factory.django import DjangoModelFactory

from newsroom.pages.models import Page


class PageFactory(DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>What the outlet says about itself.</p>"
    status = Page.Status.PUBLISHED

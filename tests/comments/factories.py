import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from comments.models import Comment
from tests.factories import ArticleFactory


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.com")
    text = factory.Sequence(lambda n: f"A thoughtful remark, number {n}.")
    status = Comment.Status.APPROVED
    submitted_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(days=1) + datetime.timedelta(seconds=n)
    )
    parent = None
    ip_address = "203.0.113.9"
    fingerprint = factory.LazyAttribute(lambda c: Comment.make_fingerprint(c.author_email, c.text))
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 1)

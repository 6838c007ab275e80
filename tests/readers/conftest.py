import re

import pytest
from django.core import mail


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.com"


def code_in(message):
    return re.search(r"^(\d{6})$", message.body, re.M).group(1)


@pytest.fixture
def ask_code(django_capture_on_commit_callbacks):
    """ask_code(client, email): (the code page's address, the code mailed)."""

    def ask(client, email="reader@example.com", next_url=""):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/account/sign-in/", {"email": email, "next": next_url})
        assert response.status_code == 302, response.content
        return response["Location"], code_in(mail.outbox[-1])

    return ask

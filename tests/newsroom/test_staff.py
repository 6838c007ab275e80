import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from articles.models import Article, Author
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import admin_form_data, client_for, staff

pytestmark = pytest.mark.django_db
URL = "/admin/new-staff-member/"
FILLED = {
    "first_name": "Nadia",
    "last_name": "Newhire",
    "email": "nadia@example.com",
    "username": "nadia",
    "password": "a long and unusual phrase 42",
    "role": "Reporter",
    "byline": "",
    "job_title": "Courts reporter",
}


@pytest.fixture
def admin_client_(roles):
    return client_for(UserFactory(username="boss", is_staff=True, is_superuser=True))


def test_new_staff_member_gets_login_role_and_byline_in_one_step(admin_client_):
    """One form: a staff login in the Reporter role, with a byline linked to it."""
    response = admin_client_.post(URL, FILLED)
    assert response.status_code == 302
    author = Author.objects.select_related("user").get(user__username="nadia")
    assert (author.name, author.slug, author.job_title) == (
        "Nadia Newhire", "nadia-newhire", "Courts reporter",
    )  # fmt: skip
    user = author.user
    assert user.is_staff and user.check_password(FILLED["password"])
    assert list(user.groups.values_list("name", flat=True)) == ["Reporter"]
    assert user.has_perm("articles.add_article")


def test_a_moderator_gets_a_login_and_no_byline(admin_client_):
    """Moderators do not write: no author page, no name in the byline pickers."""
    response = admin_client_.post(URL, {**FILLED, "role": "Moderator"}, follow=True)
    assert "can now log in as “nadia” as a Moderator." in response.text
    assert "byline" not in response.text.split("messagelist")[1].split("</ul>")[0]
    user = get_user_model().objects.get(username="nadia")
    assert list(user.groups.values_list("name", flat=True)) == ["Moderator"]
    assert not Author.objects.exists()


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_reporters_and_editors_get_a_byline(admin_client_, role):
    admin_client_.post(URL, {**FILLED, "role": role})
    assert Author.objects.get().user.username == "nadia"


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(admin_client_):
    """A taken username and a weak password are refused with a message; nothing is created."""
    UserFactory(username="Nadia")
    response = admin_client_.post(URL, {**FILLED, "password": "nadia"})
    assert response.status_code == 200
    assert "Someone already logs in with that username." in response.text
    assert "too similar" in response.text or "too short" in response.text
    assert 'value="Courts reporter"' in response.text
    assert not Author.objects.exists()


def test_only_people_who_manage_logins_may_add_staff(roles):
    """A reporter gets a 403, not the form."""
    assert client_for(staff("Reporter", "rita")).get(URL).status_code == 403


def test_submitting_for_review_emails_the_editors_and_shows_on_their_admin_pages(
    reporter, editor, django_capture_on_commit_callbacks
):
    """Rita submits: Edna gets an email with the link, and every admin page shows the notice."""
    editor.email = "edna@example.com"
    editor.save()
    story = ArticleFactory(status=Article.Status.DRAFT, created_by=reporter, published_at=None)
    url = f"/admin/articles/article/{story.pk}/change/"
    rita = client_for(reporter)
    data = admin_form_data(rita, url)
    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(url, {**data, "_transition": "submit"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["edna@example.com"]]
    assert story.headline in mail.outbox[0].subject
    assert f"http://testserver{url}" in mail.outbox[0].body
    page = client_for(editor).get("/admin/articles/article/")
    assert "1 story needs review" in page.text

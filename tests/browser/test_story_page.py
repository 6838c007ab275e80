"""A story page on a phone and a desktop: every link of its sidebars (the page's and Check
Also) is big enough to tap, and there is one newsletter box, not two."""

import pytest

from articles.models import Article
from comments.models import Comment
from tests.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_sidebar_links_are_big_enough_to_tap(page, screenshot, viewport):
    ArticleFactory.create_batch(5)
    story = ArticleFactory(headline="Harbour plan approved", tags=["Transport", "Harbour"])
    page.set_viewport_size(viewport)
    page.goto(story.get_absolute_url())
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('aside a')].map(a => {
            const box = a.getBoundingClientRect();
            const text = a.textContent.trim().slice(0, 30);
            return [text, Math.round(box.width), Math.round(box.height)];
        })"""
    )
    assert len(sizes) >= 5
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert small == []
    assert page.locator(".newsletter-box, .newsletter-band").count() == 1
    screenshot(page, "story")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_after_a_refused_comment_the_address_is_the_storys_and_a_reload_posts_nothing(
    page, screenshot, viewport, monkeypatch
):
    monkeypatch.setattr("comments.moderation.MIN_SECONDS_TO_SUBMIT", 0)
    story = ArticleFactory(headline="Harbour plan approved")
    page.set_viewport_size(viewport)
    page.goto(story.get_absolute_url() + "#respond")
    page.get_by_label("Comment *").fill("Will the ferry run at night?")
    page.get_by_label("Name *").fill("Kim")
    page.get_by_label("Email *").fill("kim@example")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Post Comment").click()
    assert sent.value.status == 400
    assert page.url.endswith(story.get_absolute_url())
    screenshot(page, "refused")
    posts = []  # what the page asks of the comments (the view counter posts its beacon)
    page.on(
        "request",
        lambda request: posts.append(request.url) if "/comments/" in request.url else None,
    )
    answer = page.reload()
    assert answer.status == 200 and posts == []
    assert page.get_by_role("heading", level=1).inner_text() == "Harbour plan approved"
    assert not Comment.objects.exists()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_without_javascript_a_refused_comment_also_ends_at_the_storys_address(
    browser, live_server, screenshot, viewport, monkeypatch
):
    """The POST answers See Other; the story shows the words once; a reload posts nothing."""
    monkeypatch.setattr("comments.moderation.MIN_SECONDS_TO_SUBMIT", 0)
    story = ArticleFactory(headline="Harbour plan approved")
    context = browser.new_context(
        viewport=viewport, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(story.get_absolute_url() + "#respond")
    page.get_by_label("Comment *").fill("Will the ferry run at night?")
    page.get_by_label("Name *").fill("Kim")
    page.get_by_label("Email *").fill("kim@example")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Post Comment").click()
    assert sent.value.status == 400 and sent.value.request.method == "GET"
    assert page.url == live_server.url + story.get_absolute_url()
    assert page.get_by_label("Comment *").input_value() == "Will the ferry run at night?"
    assert page.get_by_role("alert").get_by_text("Please enter a valid email address.").count()
    screenshot(page, "refused-nojs")
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    answer = page.reload()
    assert answer.status == 200 and posts == []
    assert page.get_by_label("Comment *").input_value() == ""
    assert not Comment.objects.exists()
    context.close()


# A phone of three device pixels per CSS pixel, Lighthouse's phone (1.75) and a desktop.
SCREENS = [(PHONE, 3), ({"width": 412, "height": 823}, 1.75), (WIDE, 1)]


@pytest.mark.parametrize(("viewport", "density"), SCREENS, ids=["390@3x", "412@1.75x", "1366"])
def test_every_picture_of_a_story_comes_in_the_smallest_size_that_fills_its_box(
    demo_content, browser, live_server, screenshot, viewport, density
):
    """Each picture's `sizes` says how wide it is shown, so the browser never fetches a
    bigger cut than the box needs on that screen (Check Also's thumbnails once asked for a
    third of a phone's width, twice what they fill)."""
    story = Article.objects.get(slug="pacific-leaders-agree-to-keep-talking-on-tariffs")
    context = browser.new_context(
        viewport=viewport, device_scale_factor=density, base_url=live_server.url
    )
    page = context.new_page()
    page.goto(story.get_absolute_url())
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 300) {
                window.scrollTo(0, y);
                await new Promise(resolve => setTimeout(resolve, 30));
            }
        }"""
    )
    page.wait_for_load_state("networkidle")
    pictures = page.evaluate(
        """() => [...document.querySelectorAll('img[srcset]')].map(img => [
            img.closest('[class]').className.split(' ')[0],
            img.getBoundingClientRect().width,
            img.srcset.split(',').map(candidate => parseInt(candidate.trim().split(' ')[1])),
            parseInt(img.currentSrc.match(/-(\\d+)w\\.\\w+$/)[1]),
        ])"""
    )
    screenshot(page, "story")
    context.close()
    assert {place for place, *_ in pictures} >= {"article__figure", "check-also__thumb"}
    too_big = []
    for place, width, cuts, fetched in pictures:
        needed = width * density
        enough = min([cut for cut in cuts if cut >= needed - 1], default=max(cuts))
        if fetched > enough:
            too_big.append((place, round(needed), fetched))
    assert too_big == []

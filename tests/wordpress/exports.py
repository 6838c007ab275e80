"""Small WordPress exports written by tests, and where the real ones live."""

import re
from html import unescape
from pathlib import Path

from newsroom.wordpress.articles import WordPressImporter

# Real exports, kept in the repository so that a lone clone runs every test (tests/data/wxr/
# SOURCE.md says where each comes from and under which licence).
DATA = Path(__file__).resolve().parents[1] / "data" / "wxr"
THEME = DATA / "themeunittestdata.wordpress.xml"


def author(login, display_name=""):
    return (
        f"<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>"
        f"<wp:author_display_name><![CDATA[{display_name}]]></wp:author_display_name>"
        "</wp:author>"
    )


def category(nicename, name, parent="", term_id=""):
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:category_nicename>{nicename}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent>"
        f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>"
    )


def tag(slug, name):
    return (
        f"<wp:tag><wp:tag_slug>{slug}</wp:tag_slug>"
        f"<wp:tag_name><![CDATA[{name}]]></wp:tag_name></wp:tag>"
    )


def post(
    wp_id,
    title="Council approves the budget",
    slug="council-approves-the-budget",
    *,
    status="publish",
    date="2024-03-05 10:00:00",
    date_gmt=None,
    content="The council voted 7 to 2.\n\nThe mayor welcomed it.",
    excerpt="",
    creator="jane",
    categories=(),
    tags=(),
    password="",
    meta=None,
    post_type="post",
    attachment_url="",
    comments="",
    link=None,
    guid=None,
    site="https://old.example.com",
    parent=None,
    menu_order=None,
):
    """An <item>; wp_id=None leaves out <wp:post_id>, guid="" and link="" leave those out."""
    terms = "".join(
        f'<category domain="category" nicename="{n}"><![CDATA[{label}]]></category>'
        for n, label in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{n}"><![CDATA[{label}]]></category>'
        for n, label in tags
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    if link is None:
        link = f"{site}/?p={wp_id}" if wp_id is not None else f"{site}/{slug}/"
    guid = guid if guid is not None else f"{site}/?p={wp_id}" if wp_id is not None else ""
    post_id = f"<wp:post_id>{wp_id}</wp:post_id>" if wp_id is not None else ""
    if parent is not None:
        post_id += f"<wp:post_parent>{parent}</wp:post_parent>"
    if menu_order is not None:
        post_id += f"<wp:menu_order>{menu_order}</wp:menu_order>"
    return f"""
<item>
<title>{title}</title>
{f"<link>{link}</link>" if link else ""}
{f'<guid isPermaLink="false">{guid}</guid>' if guid else ""}
<dc:creator><![CDATA[{creator}]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
{post_id}
<wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date_gmt or date}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_type>{post_type}</wp:post_type>
<wp:post_password>{password}</wp:post_password>
<wp:attachment_url>{attachment_url}</wp:attachment_url>
{terms}{metas}{comments}
</item>"""


def comment(wp_id, comment_type=""):
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
        "<wp:comment_author>Reader</wp:comment_author>"
        "<wp:comment_content>Thanks</wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_type>{comment_type}</wp:comment_type></wp:comment>"
    )


def wp_comment(wp_id, *, parent=0, approved="1", text=None, email="reader@example.com",
               comment_type="", ip="203.0.113.7", author="Reader", url=""):  # fmt: skip
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[{author}]]></wp:comment_author>"
        f"<wp:comment_author_email>{email}</wp:comment_author_email>"
        f"<wp:comment_author_url>{url}</wp:comment_author_url>"
        f"<wp:comment_author_IP>{ip}</wp:comment_author_IP>"
        "<wp:comment_date>2024-03-02 10:00:00</wp:comment_date>"
        "<wp:comment_date_gmt>2024-03-02 09:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{text or f'Comment number {wp_id}'}]]></wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_type>{comment_type}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>"
    )


def export(*parts, version="1.2", title="The Old Ledger", site="https://old.example.com"):
    """A WXR document around authors, terms and items, in that order, from the site at site."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
<title>{title}</title>
<link>{site}</link>
<language>en</language>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
{"".join(parts)}
</channel>
</rss>
"""


def write(tmp_path, text, name="export.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path, **options):
    """Import a file and return the report."""
    return WordPressImporter(**options).run(path)


# Independent reads of an export with regular expressions, for counts the tests compare to.


def cdata(text):
    found = re.fullmatch(r"\s*<!\[CDATA\[(.*)\]\]>\s*", text, re.DOTALL)
    return found[1] if found else unescape(text)


def values(text, tag_name):
    return [cdata(v) for v in re.findall(rf"<wp:{tag_name}>(.*?)</wp:{tag_name}>", text, re.DOTALL)]


def items(text):
    return re.findall(r"<item>(.*?)</item>", text, re.DOTALL)


def item_value(item, tag_name):
    found = values(item, tag_name)
    return found[0].strip() if found else ""


def item_terms(item, domain):
    pattern = rf'<category domain="{domain}" nicename="([^"]*)">(.*?)</category>'
    return [(n, cdata(label).strip()) for n, label in re.findall(pattern, item, re.DOTALL)]

"""Text from a WordPress export made fit for our records."""

import html
import re
import unicodedata
from urllib.parse import unquote

from django.utils.html import strip_tags


def strip_invisible(text: str) -> str:
    """Remove control and format characters (zero-width joiners, right-to-left overrides)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def clean_slug(text: str, max_length: int = 255) -> str:
    """A WordPress slug fit for our URLs: decoded, invisible characters and URL syntax removed."""
    text = unicodedata.normalize("NFC", strip_invisible(unquote(text))).strip().lower()
    text = re.sub(r"[\s/?#%\\<>\"']+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-")[:max_length].strip("-")


def clean_login(text: str) -> str:
    """A WordPress login as WordPress allows it (letters, digits, space, _ . @ -)."""
    return re.sub(r"[^\w .@-]", "", strip_invisible(text)).strip()


def escape_cdata_markers(raw: str) -> str:
    """Show CDATA markers in a body as text: browsers would hide them and the text between."""
    return raw.replace("<![CDATA[", "&lt;![CDATA[").replace("]]>", "]]&gt;")


def plain_text(raw: str) -> str:
    """Text of an HTML fragment: tags stripped, entities decoded, outer white space removed."""
    return html.unescape(strip_tags(raw)).strip()


def unique_value(base: str, taken, max_length: int, separator: str = "-") -> str:
    """base, or base with the smallest suffix 2, 3, … for which taken(value) is false."""
    value, number = base[:max_length], 1
    while taken(value):
        number += 1
        suffix = f"{separator}{number}"
        value = base[: max_length - len(suffix)] + suffix
    return value

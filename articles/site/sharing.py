"""Share links for a story: plain addresses of each service's own share page.

No third-party script or button is loaded, so nothing tracks a reader who does not click; on
devices with the Web Share API, static/js/share.js adds a "Share…" button that opens the
system's share sheet instead.
"""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class ShareLink:
    service: str
    label: str
    url: str


SERVICES = [
    # (service, label, share page, its parameters from (title, url, "title url"))
    ("email", "Email", "mailto:?", lambda title, url, text: {"subject": title, "body": url}),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?",
     lambda title, url, text: {"u": url}),
    ("x", "X", "https://x.com/intent/post?", lambda title, url, text: {"text": title, "url": url}),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?",
     lambda title, url, text: {"url": url}),
    ("whatsapp", "WhatsApp", "https://wa.me/?", lambda title, url, text: {"text": text}),
    ("bluesky", "Bluesky", "https://bsky.app/intent/compose?",
     lambda title, url, text: {"text": text}),
]  # fmt: skip


def share_links(url, title):
    """The share links for the story at the absolute address url, headline title."""
    text = f"{title} {url}"
    return [
        ShareLink(service, label, page + urlencode(params(title, url, text)))
        for service, label, page, params in SERVICES
    ]

"""Reader comments for the demo outlet: threads under a few stories, in every state.

Approved threads with replies for readers to see; comments held for moderation, spam and trash
for the moderation queue. `manage.py load_demo` runs load() after the stories are in. Loading
twice changes nothing: a story that has comments already is left as it is.
"""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

Status = Comment.Status
FIRST_COMMENT = "A first comment from this author: held for approval."
KNOWN_AUTHOR = "The author has an earlier approved comment."
TWO_LINKS = "Contains 2 links; comments with 2 or more are held."
HONEYPOT = "The hidden anti-spam field was filled in, as only robots do."
NO_TIMESTAMP = "The form's signed timestamp was missing or altered, as when robots post."
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36",
]


def said(name, minutes, text, status=Status.APPROVED, reason="", url="", replies=()):
    """One comment, `minutes` after its story was published, with the replies to it."""
    return {
        "name": name,
        "minutes": minutes,
        "text": text,
        "status": status,
        "reason": reason,
        "url": url,
        "replies": replies,
    }


THREADS = {
    "council-approves-budget-after-late-night-session": [
        said(
            "Margaret Ellis",
            40,
            "Seven hours to agree that libraries should open on Saturdays. I'm glad they got "
            "there, but it shouldn't take until one in the morning.",
            replies=[
                said(
                    "Tom Baxter",
                    62,
                    "To be fair, most of those seven hours were about the bus lanes, not "
                    "the libraries. The amendment itself went through in twenty minutes.",
                    replies=[
                        said(
                            "Margaret Ellis",
                            75,
                            "Fair point. I watched the first hour and gave up. Thank you "
                            "for sitting through the rest for us, Daniel.",
                        ),
                    ],
                ),
                said(
                    "Priyanka Shah",
                    90,
                    "My children use the Saturday story time at the Eastbrook branch every "
                    "week. Losing it would have been a real blow for a lot of families.",
                ),
            ],
        ),
        said(
            "Gareth Lloyd",
            55,
            "Under three percent on council tax sounds fine until you remember the parking "
            "charges. Twenty cents an hour adds up if you work in the centre.",
            url="https://gareth-lloyd.example.org",
            replies=[
                said(
                    "Ruth Okonjo",
                    70,
                    "Most people who work in the centre could take the bus, if the buses "
                    "ran on time. Which is what the bus lanes were for.",
                    replies=[
                        said(
                            "Gareth Lloyd",
                            96,
                            "If the 7 ran every ten minutes I'd be on it. It runs every "
                            "twenty and is late half the time.",
                        ),
                    ],
                ),
            ],
        ),
        said(
            "Councillor watcher",
            140,
            "Full voting record for every councillor, amendment by amendment: "
            "https://votes.example.org/riverton/budget and the webcast here: "
            "https://webcast.example.org/riverton",
            status=Status.PENDING,
            reason=TWO_LINKS,
        ),
        said(
            "Best Loans Online",
            150,
            "Need cash fast? Payday loans approved in 5 minutes, no credit check!!! "
            "https://fast-loans.example.net",
            status=Status.SPAM,
            reason=HONEYPOT,
        ),
        said(
            "Dave P",
            160,
            "Typical. They all deserve to be voted out, every last one of them, and the "
            "reporter too.",
            status=Status.TRASH,
        ),
        said(
            "Hannah Morris",
            230,
            "Does anyone know whether the Saturday hours start straight away or from April, "
            "when the budget year begins?",
            status=Status.PENDING,
        ),
    ],
    "mill-road-shopkeepers-split-over-bus-lanes": [
        said(
            "Samir Haddad",
            45,
            "I run the bakery at number 112. Half my customers come by bus and half drive "
            "and park outside for two minutes. I genuinely don't know which way to vote.",
            replies=[
                said(
                    "Lucy Brennan",
                    80,
                    "That's the honest answer, and it's more useful than anything said at "
                    "the consultation meeting. Loading bays at each end might help both "
                    "halves of your customers.",
                    replies=[
                        said(
                            "Samir Haddad",
                            110,
                            "A loading bay outside the post office would be a start. We "
                            "asked for one in 2019.",
                        ),
                    ],
                ),
            ],
        ),
        said(
            "Pete Sanders",
            65,
            "I cycle down Mill Road every day. Anything that stops cars double-parking in "
            "the cycle lane gets my vote.",
        ),
        said(
            "Anne-Marie Collins",
            150,
            "The trial numbers are here https://transport.example.org/mill-road-trial and "
            "the shopkeepers' survey is here https://traders.example.org/survey. They don't "
            "agree with each other.",
            status=Status.PENDING,
            reason=TWO_LINKS,
        ),
        said(
            "seo-expert-2025",
            170,
            "Great article! Boost your website ranking with our SEO services "
            "https://rank-fast.example.net",
            status=Status.SPAM,
            reason=HONEYPOT,
        ),
    ],
    "stadium-expansion-plans": [
        said(
            "Kev from the North Stand",
            30,
            "Two thousand more seats and not one extra toilet in the plans. I've read them twice.",
            replies=[
                said(
                    "Jo Whitfield",
                    48,
                    "Page 14 of the planning documents: two new toilet blocks behind the "
                    "North Stand. Not enough, mind.",
                    replies=[
                        said(
                            "Kev from the North Stand",
                            66,
                            "I stand corrected. Or I will, in the queue at half time.",
                        ),
                    ],
                ),
            ],
        ),
        said(
            "Ian Dobson", 52, "Fill the ground we've got first. We were half empty against Harlow."
        ),
        said(
            "Bethany Cole",
            85,
            "My house backs onto the ground. Nobody from the club has written to us about "
            "the building work, and the meetings are on weekday afternoons.",
            status=Status.PENDING,
        ),
        said(
            "Crypto Winner",
            90,
            "I turned 200 into 20,000 in a month with this one trick, ask me how "
            "https://crypto-trick.example.net",
            status=Status.SPAM,
            reason=NO_TIMESTAMP,
        ),
    ],
    "river-otters-return": [
        said(
            "Alan Pryce",
            120,
            "I've fished that stretch for thirty years and never seen one. I'll be down at "
            "the weir at dawn tomorrow with a flask.",
            replies=[
                said(
                    "Sofia Marchetti",
                    150,
                    "Please keep your distance if you do see one: they're easily "
                    "disturbed, and the holts are protected.",
                ),
            ],
        ),
        said(
            "Rivers Trust volunteer",
            200,
            "We'd love sightings with a date, time and place. Photos help, but please don't "
            "go looking for the holts.",
            url="https://riverstrust.example.org",
        ),
        said(
            "Neil Grant",
            260,
            "Lovely news. Shame about the sewage outfall upstream of the weir, which the "
            "article doesn't mention.",
            status=Status.PENDING,
        ),
    ],
    "swimming-pool-reopens": [
        said(
            "Claire Adeyemi",
            300,
            "The early swim at half price is a nice touch. The changing rooms are still "
            "cold, though.",
        ),
        said(
            "Marcus Webb",
            420,
            "Our club's juniors are thrilled to be back. Twenty minutes each way to the "
            "school pool was hard on the parents.",
            replies=[
                said(
                    "Claire Adeyemi",
                    450,
                    "Same for us. It was the Tuesday six o'clock sessions that nearly "
                    "finished me off.",
                ),
            ],
        ),
        said(
            "Cheap Watches",
            500,
            "Replica watches, best prices guaranteed! https://watches.example.net",
            status=Status.SPAM,
            reason=NO_TIMESTAMP,
        ),
    ],
    "night-trains-return": [
        said(
            "Elena Novak",
            200,
            "Took it on the first night. The bed was narrow, the breakfast was excellent "
            "and I arrived without an airport anywhere in my day.",
            replies=[
                said(
                    "Robert Fraser",
                    260,
                    "Did you book a couchette or a sleeper? The couchettes sold out for "
                    "the whole of December within a week.",
                ),
            ],
        ),
        said(
            "Tariq Malik",
            300,
            "Thirteen hours is a long time. I hope the track works really do finish in 2027.",
        ),
    ],
}


def load():
    """Add the threads to stories that have no comments yet; return how many are new."""
    stories = Article.objects.in_bulk(list(THREADS), field_name="slug")
    created = 0
    with transaction.atomic():
        for slug, thread in THREADS.items():
            article = stories.get(slug)
            if article is None or article.published_at is None or article.comments.exists():
                continue
            created += add_thread(article, thread, parent=None, known=set())
    return created


def add_thread(article, comments, parent, known):
    """Save these comments and their replies; `known` holds who has an approved comment."""
    created = 0
    for entry in comments:
        comment = make_comment(article, entry, parent, known)
        created += 1 + add_thread(article, entry["replies"], comment, known)
    return created


def make_comment(article, entry, parent, known):
    name, text, status = entry["name"], entry["text"], entry["status"]
    email = email_of(name)
    submitted_at = article.published_at + datetime.timedelta(minutes=entry["minutes"])
    reason = entry["reason"] or (KNOWN_AUTHOR if email in known else FIRST_COMMENT)
    # Approved first comments and trash passed through a moderator's hands; spam went
    # straight to spam by the rules.
    moderated = status in (Status.APPROVED, Status.TRASH) and reason != KNOWN_AUTHOR
    if status == Status.APPROVED:
        known.add(email)
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        author_name=name,
        author_email=email,
        author_url=entry["url"],
        text=text,
        status=status,
        submitted_at=submitted_at,
        ip_address=ip_of(name),
        user_agent=BROWSERS[len(name) % len(BROWSERS)],
        moderation_reasons=reason,
        moderated_at=min(submitted_at + datetime.timedelta(minutes=25), timezone.now())
        if moderated
        else None,
        fingerprint=Comment.make_fingerprint(email, text),
    )


def email_of(name):
    """A made-up address on a reserved domain, the same for a name every time."""
    local = "".join(c if c.isalnum() else "." for c in name.lower()).strip(".")
    domain = ("example.com", "example.org", "example.net")[len(name) % 3]
    return f"{local}@{domain}"


def ip_of(name):
    """An address from the ranges reserved for documentation, the same for a name every time."""
    number = hashlib.sha256(name.encode()).digest()[0]
    network = "198.51.100" if number % 2 else "203.0.113"
    return f"{network}.{number % 250 + 2}"

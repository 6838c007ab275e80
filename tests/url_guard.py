"""What the guards across every address share: the project's URL patterns as the resolver has
them, each made into addresses by filling its parameters, and a tally of the answers.

New pages are picked up without editing a guard: a pattern whose parameters cannot be filled is
reported, never skipped quietly.
"""

import re
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# <int:object_id>, <path:url>, <slug>
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
# (?P<app_label>auth|articles), ([^/]+)
REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>(?!\?)[^()]*)\)")
CHOICES = re.compile(r"\w+(?:\|\w+)+")


@dataclass(frozen=True)
class Pattern:
    """One view's URL pattern: the patterns leading to it, its full name and its view."""

    parts: tuple
    name: str
    callback: object

    @property
    def route(self):
        return "".join(str(part) for part in self.parts)


def patterns(resolver=None, parts=(), namespace=""):
    """Every view pattern below resolver, in the resolver's order."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, (*parts, entry.pattern), inner)
        else:
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}(unnamed)"
            yield Pattern((*parts, entry.pattern), name, entry.callback)


def addresses(pattern, value_for):
    """The addresses of a pattern, and the names of the parameters it could not fill.

    value_for(pattern, name, position) gives a parameter's value (a string, or a list of
    strings to visit each), or None when it has none. A group that lists its choices
    (auth|articles) is visited once per choice.
    """
    filled, unfilled = [""], []
    position = 0
    for part in pattern.parts:
        text = str(part)
        pieces, at = [], 0
        if isinstance(part, RoutePattern):
            found = ROUTE_PARAMETER.finditer(text)
        elif isinstance(part, RegexPattern):
            text = text.removeprefix("^").removesuffix("$").replace("\\.", ".")
            found = REGEX_GROUP.finditer(text)
        else:
            found = ()
        for match in found:
            pieces.append([text[at : match.start()]])
            name = match["name"] or str(position)
            choices = CHOICES.fullmatch(match.groupdict().get("body") or "")
            value = value_for(pattern, name, position)
            if value is None and choices:
                value = choices[0].split("|")
            if value is None:
                unfilled.append(name)
                value = ""
            pieces.append(value if isinstance(value, list) else [value])
            position += 1
            at = match.end()
        pieces.append([text[at:]])
        for options in pieces:
            filled = [start + option for start in filled for option in options]
    return ["/" + address for address in filled], unfilled


class Tally:
    """Answers by status for each signed-in role (or reader), and what went wrong."""

    def __init__(self):
        self.statuses = defaultdict(Counter)
        self.visited = Counter()
        self.failures = []

    def visit(self, client, who, address, **extra):
        """Ask for address; an exception counts as a 500, with where it was raised."""
        shown = address if len(address) < 120 else f"{address[:100]}…({len(address)} characters)"
        try:
            # A database error in one view must not spoil the test's transaction for the next.
            with transaction.atomic():
                status = client.get(address, **extra).status_code
        except Exception as error:  # each failure is reported, not raised
            status = 500
            frames = traceback.extract_tb(error.__traceback__)
            ours = [frame for frame in frames if "site-packages" not in frame.filename]
            where = (ours or frames)[-1]
            self.failures.append(
                f"{who} {shown}: {type(error).__name__}: {error} ({where.filename}:{where.lineno})"
            )
        else:
            if status >= 500:
                self.failures.append(f"{who} {shown}: {status}")
        self.statuses[who][status] += 1
        self.visited[who] += 1
        return status

    def report(self):
        lines = []
        for who, statuses in self.statuses.items():
            counts = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            lines.append(f"{who}: {self.visited[who]} addresses ({counts})")
        return "\n".join(lines)

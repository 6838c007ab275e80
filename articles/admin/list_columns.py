"""The article list's extension point: columns other apps add without articles knowing them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ListColumn:
    """A column another app adds to the article list, with the annotation it reads."""

    display: Callable
    annotate: Callable


# Other apps append theirs (reader comments add their counts): articles know nothing of them.
ARTICLE_LIST_COLUMNS: list[ListColumn] = []

"""Write a large WordPress export by repeating the items of a real one with fresh IDs and slugs.

    python -m tests.wordpress.wxr_generator SOURCE.xml DEST.xml --copies 20

Copy k (from 0) adds k * ID_STEP to post, parent, thumbnail and comment IDs and "-k" to slugs,
so every post is new to the importer. Used to measure import time and memory; nothing
generated is committed.
"""

import argparse
import re
from pathlib import Path

ID_STEP = 1_000_000
_FIRST_ITEM = re.compile(r"^\s*<item>", re.MULTILINE)
_NUMBERED = re.compile(
    r"(<wp:(?:post_id|post_parent|comment_id|comment_parent)>(?:<!\[CDATA\[)?)(\d+)"
)
_THUMBNAIL = re.compile(
    r"(<wp:meta_key>(?:<!\[CDATA\[)?_thumbnail_id(?:\]\]>)?</wp:meta_key>\s*"
    r"<wp:meta_value>(?:<!\[CDATA\[)?)(\d+)"
)
_SLUG = re.compile(r"(<wp:post_name>(?:<!\[CDATA\[)?)([^<\]]+)")
_LINK = re.compile(r"(<link>[^<]*?)/(</link>)")


def _offset(match: re.Match, step: int) -> str:
    number = int(match[2])
    return f"{match[1]}{number + step if number else 0}"


def copy_items(items: str, copy: int) -> str:
    """The items block with IDs and slugs made unique for copy number `copy`."""
    if copy == 0:
        return items
    step = copy * ID_STEP
    items = _NUMBERED.sub(lambda m: _offset(m, step), items)
    items = _THUMBNAIL.sub(lambda m: _offset(m, step), items)
    items = _SLUG.sub(lambda m: f"{m[1]}{m[2]}-{copy}", items)
    return _LINK.sub(lambda m: f"{m[1]}-{copy}/{m[2]}", items)


def generate(source: Path, dest: Path, copies: int) -> None:
    text = source.read_text(encoding="utf-8")
    start = _FIRST_ITEM.search(text).start()
    end = text.rindex("</channel>")
    head, items, tail = text[:start], text[start:end], text[end:]
    with dest.open("w", encoding="utf-8") as out:
        out.write(head)
        for copy in range(copies):
            out.write(copy_items(items, copy))
        out.write(tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    generate(args.source, args.dest, args.copies)


if __name__ == "__main__":
    main()

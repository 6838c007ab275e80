"""What changed between two versions of a text, word by word, for editors comparing revisions.

A story's body is sanitized HTML (articles.sanitize), a known small set of tags. It is read into
blocks (paragraphs, headings, list items, quotes, cells), so paragraphs stay apart, and each
block into words. A link's address is a word of its own, shown after the linked words as
"[→ address]", so a changed address shows even when the linked words stayed the same; a
picture is "[picture: alt text → address]".

Everything from the revisions is escaped: the only markup in the result is the diff's own.
"""

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Blocks of their own; a <p> inside a list item, quote or cell belongs to that block.
BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "blockquote", "pre", "figure", "figcaption",
              "caption", "td", "th"}  # fmt: skip
LIST_TAGS = {"ul", "ol"}
KINDS = {
    "p": "Paragraph",
    "h2": "Heading",
    "h3": "Subheading",
    "h4": "Minor heading",
    "li": "List item",
    "blockquote": "Quote",
    "pre": "Preformatted text",
    "figure": "Picture",
    "figcaption": "Picture caption",
    "caption": "Table caption",
    "td": "Table cell",
    "th": "Table heading",
    "hr": "Dividing line",
}
# Two blocks at the same place this alike are one block edited, not one removed and one added.
ALIKE = 0.4
# Unchanged blocks shown around a change; longer runs are folded into a note.
CONTEXT = 1
FOLDED_AT_LEAST = 3


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "href" (a link's address) or "picture"
    text: str

    def html(self):
        if self.kind == "word":
            return escape(self.text)
        return format_html('<span class="diff__address">[{}]</span>', self.text)


@dataclass(frozen=True)
class Block:
    kind: str
    tokens: tuple
    list_kind: str = ""  # "ul" or "ol" for a list item


class _BlockReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.open_blocks = []
        self.lists = []
        self.links = []
        self.tokens = []
        # Text split by inline markup (<strong>Bo</strong>ld) is still one word.
        self.joinable = False

    def flush(self):
        if self.tokens:
            kinds = [kind for kind in self.open_blocks if kind != "p"]
            kind = kinds[-1] if kinds else "p"
            list_kind = self.lists[-1] if kind == "li" and self.lists else ""
            self.blocks.append(Block(kind, tuple(self.tokens), list_kind))
        self.tokens = []
        self.joinable = False

    def add(self, token):
        self.tokens.append(token)
        self.joinable = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in LIST_TAGS:
            self.flush()
            self.lists.append(tag)
        elif tag in BLOCK_TAGS:
            self.flush()
            self.open_blocks.append(tag)
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block("hr", (Token("word", "———"),)))
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
        elif tag == "img":
            alt = attrs.get("alt") or "no alt text"
            self.add(Token("picture", f"picture: {alt} → {attrs.get('src') or ''}"))
        elif tag == "br":
            self.joinable = False

    def handle_endtag(self, tag):
        if tag in LIST_TAGS:
            self.flush()
            if tag in self.lists:
                self.lists.reverse()
                self.lists.remove(tag)
                self.lists.reverse()
        elif tag in BLOCK_TAGS:
            self.flush()
            if tag in self.open_blocks:
                del self.open_blocks[len(self.open_blocks) - 1 - self.open_blocks[::-1].index(tag)]
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.add(Token("href", f"→ {href}"))

    def handle_data(self, data):
        words = data.split()
        if not words:
            self.joinable = self.joinable and not data
            return
        if self.joinable and not data[0].isspace() and self.tokens:
            last = self.tokens.pop()
            words[0] = last.text + words[0]
        self.tokens.extend(Token("word", word) for word in words)
        self.joinable = not data[-1].isspace()


def blocks_of(html):
    """The body's blocks, in order, each with its words (and links' addresses)."""
    reader = _BlockReader()
    reader.feed(html or "")
    reader.close()
    reader.flush()
    return reader.blocks


def _tokens_html(tokens, separator=" "):
    return mark_safe(separator.join(token.html() for token in tokens))


def _marked(tag, label, tokens, separator=" "):
    return format_html(
        '<{tag}><span class="visually-hidden">{label}: </span>{words}</{tag}>',
        tag=mark_safe(tag),
        label=label,
        words=_tokens_html(tokens, separator),
    )


def tokens_diff(old, new, separator=" "):
    """The two token sequences as one: removed runs in <del>, added runs in <ins>."""
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_tokens_html(old[i1:i2], separator))
            continue
        if i2 > i1:
            parts.append(_marked("del", "removed", old[i1:i2], separator))
        if j2 > j1:
            parts.append(_marked("ins", "added", new[j1:j2], separator))
    return mark_safe(escape(separator).join(parts))


def word_diff(before, after):
    """Two plain texts as one, removed words in <del>, added words in <ins>."""
    return tokens_diff(
        [Token("word", word) for word in before.split()],
        [Token("word", word) for word in after.split()],
    )


def list_diff(before, after):
    """Two lists of names (topics, bylines, related stories) as one, each name kept whole."""
    if not before and not after:
        return mark_safe("—")
    return tokens_diff(
        [Token("word", name) for name in before], [Token("word", name) for name in after], ", "
    )


def value_diff(before, after):
    """A value replaced whole (a section, a status, a time): the old struck out, the new added."""
    parts = []
    if before:
        parts.append(_marked("del", "removed", [Token("word", before)]))
    if after:
        parts.append(_marked("ins", "added", [Token("word", after)]))
    return mark_safe(" ".join(parts))


def _similarity(old, new):
    matcher = difflib.SequenceMatcher(a=old.tokens, b=new.tokens, autojunk=False)
    if matcher.real_quick_ratio() < ALIKE or matcher.quick_ratio() < ALIKE:
        return 0
    return matcher.ratio()


def _pair_alike(olds, news):
    """Within a run of changed blocks: each old block with the most alike new one after the
    last paired, if alike enough; the rest removed or added where they stand."""
    start = 0
    for old in olds:
        scores = [
            (_similarity(old, new), index) for index, new in enumerate(news) if index >= start
        ]
        score, best = max(scores, default=(0, None), key=lambda pair: (pair[0], -pair[1]))
        if best is None or score < ALIKE:
            yield old, None
            continue
        for index in range(start, best):
            yield None, news[index]
        yield old, news[best]
        start = best + 1
    for index in range(start, len(news)):
        yield None, news[index]


def paired_blocks(old_blocks, new_blocks):
    """[(old, new)] in reading order; None on the side where a block is missing."""
    matcher = difflib.SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    pairs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True))
        else:
            pairs.extend(_pair_alike(old_blocks[i1:i2], new_blocks[j1:j2]))
    return pairs


def _block_html(old, new):
    block = new or old
    classes = f"diff-block diff-block--{block.kind}"
    label = ""
    if old is None:
        classes += " diff-block--added"
        content = _marked("ins", "added", new.tokens)
    elif new is None:
        classes += " diff-block--removed"
        content = _marked("del", "removed", old.tokens)
    else:
        content = tokens_diff(old.tokens, new.tokens)
        if old != new:
            classes += " diff-block--changed"
        if old.kind != new.kind:
            label = format_html(
                '<span class="diff-block__kind">{}</span> ',
                value_diff(KINDS[old.kind], KINDS[new.kind]),
            )
    if not label and block.kind not in ("p", "li"):
        label = format_html('<span class="diff-block__kind">{}</span> ', KINDS[block.kind])
    tag = "li" if block.kind == "li" else "div"
    return format_html(
        '<{tag} class="{classes}">{label}{content}</{tag}>',
        tag=mark_safe(tag),
        classes=classes,
        label=label,
        content=content,
    )


def _folded(count):
    noun = "block" if count == 1 else "blocks"
    return format_html('<p class="diff-folded">… {} unchanged {} …</p>', count, noun)


def _shown(changed):
    """Which blocks to show: the changed ones, CONTEXT either side, and any run of unchanged
    ones too short to be worth folding."""
    shown = [
        any(changed[max(0, index - CONTEXT) : index + CONTEXT + 1]) for index in range(len(changed))
    ]
    start = None
    for index, show in enumerate([*shown, True]):
        if not show and start is None:
            start = index
        elif show and start is not None:
            if index - start < FOLDED_AT_LEAST:
                shown[start:index] = [True] * (index - start)
            start = None
    return shown


def html_diff(before, after):
    """Two bodies as one, block by block, changed words marked within each block.

    Unchanged blocks far from any change are folded into a note, so a one-word fix in a long
    story is found at once.
    """
    pairs = paired_blocks(blocks_of(before), blocks_of(after))
    changed = [old != new for old, new in pairs]
    if not any(changed):
        return format_html(
            '<p class="diff-folded">{}</p>',
            "The words and links are the same; only the formatting changed.",
        )
    parts, open_list, skipped = [], "", 0
    for (old, new), shown in zip(pairs, _shown(changed), strict=True):
        if not shown:
            skipped += 1
            continue
        block = new or old
        list_kind = block.list_kind if block.kind == "li" else ""
        if open_list and (skipped or list_kind != open_list):
            parts.append(f"</{open_list}>")
            open_list = ""
        if skipped:
            parts.append(_folded(skipped))
            skipped = 0
        if list_kind and not open_list:
            parts.append(f'<{list_kind} class="diff-list">')
            open_list = list_kind
        parts.append(_block_html(old, new))
    if open_list:
        parts.append(f"</{open_list}>")
    if skipped:
        parts.append(_folded(skipped))
    return mark_safe(f'<div class="diff-blocks">{"".join(parts)}</div>')

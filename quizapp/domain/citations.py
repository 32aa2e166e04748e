"""Find a quoted passage in an article, the way the bank format's normalisation rules say.

Both sides are normalised (Unicode NFKC, curly quotes to straight, en and em dashes
to '-', runs of white space to one space); letter case matters. The article side
keeps a map from each normalised character back to the original text, so the
passage can be highlighted in the article exactly as the publisher printed it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

_PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-",
})
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Normalise a quote or passage for comparison (NFKC, straight quotes, '-', single spaces)."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class NormalisedText:
    """An article's normalised text and, for each of its characters, the offset it came from."""

    text: str
    origins: tuple[int, ...]


@lru_cache(maxsize=64)
def normalise_article(text: str) -> NormalisedText:
    """Normalise an article while remembering where each character came from."""
    out: list[str] = []
    origins: list[int] = []
    index = 0
    length = len(text)
    pending_space_origin: int | None = None
    while index < length:
        start = index
        index += 1
        # Keep combining marks with their base so NFKC composes them as it would in one string.
        while index < length and unicodedata.combining(text[index]):
            index += 1
        piece = text[start:index]
        if piece.isspace():
            if pending_space_origin is None:
                pending_space_origin = start
            continue
        if pending_space_origin is not None:
            if out:
                out.append(" ")
                origins.append(pending_space_origin)
            pending_space_origin = None
        for char in unicodedata.normalize("NFKC", piece).translate(_PUNCTUATION):
            if char.isspace():  # NFKC can turn a no-break space into a plain one
                if out and out[-1] != " ":
                    out.append(" ")
                    origins.append(start)
                continue
            out.append(char)
            origins.append(start)
    return NormalisedText("".join(out), tuple(origins))


@dataclass(frozen=True)
class Match:
    """Where a quote stands in the original article text: [start, end)."""

    start: int
    end: int


def find_quote(article: str, quote: str) -> Match | None:
    """Return where ``quote`` occurs in ``article`` after normalising both, or None."""
    needle = normalise(quote)
    if not needle:
        return None
    haystack = normalise_article(article)
    position = haystack.text.find(needle)
    if position < 0:
        return None
    last = haystack.origins[position + len(needle) - 1]
    return Match(haystack.origins[position], _end_of_piece(article, last))


def _end_of_piece(text: str, start: int) -> int:
    """Offset just past the character at ``start`` and any combining marks after it."""
    index = start + 1
    while index < len(text) and unicodedata.combining(text[index]):
        index += 1
    return index


def closest_passage(article: str, quote: str) -> str:
    """Return the stretch of the article most like ``quote``, for 'did you mean' messages."""
    needle = normalise(quote)
    haystack = normalise_article(article).text
    if not needle or not haystack:
        return ""
    matcher = SequenceMatcher(None, haystack, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    anchor = max(0, block.a - block.b)
    best_start, best_ratio = anchor, -1.0
    # Try a few starts around the anchor and keep the window that reads most like the quote.
    for shift in range(-12, 13, 2):
        start = min(max(0, anchor + shift), max(0, len(haystack) - 1))
        window = haystack[start:start + len(needle)]
        ratio = SequenceMatcher(None, window, needle, autojunk=False).ratio()
        if ratio > best_ratio:
            best_start, best_ratio = start, ratio
    start = _word_start(haystack, best_start)
    end = _word_end(haystack, min(len(haystack), best_start + len(needle)))
    return haystack[start:end].strip()


def _word_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] != " ":
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and text[index] != " ":
        index += 1
    return index

"""Find a quoted passage in an article, the way the bank format's normalisation rules say.

Both sides are normalised (Unicode NFKC, curly quotes to straight, en and em dashes
to '-', runs of white space to one space); letter case matters. The article side
keeps a map from each normalised character back to the original text, so the
passage can be highlighted in the article exactly as the publisher printed it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-",
})


def normalise(text: str) -> str:
    """Normalise a quote or passage for comparison (NFKC, straight quotes, '-', single spaces)."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # str.replace per mark is many times faster than translate on MiBs
        for mark, plain in _PUNCTUATION.items():
            if chr(mark) in text:
                text = text.replace(chr(mark), plain)
    return " ".join(text.split())


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
    if not needle or needle not in searchable_text(article):
        return None  # the map back to the original is costly: build it only for a match
    haystack = normalise_article(article)
    position = haystack.text.find(needle)
    if position < 0:
        return None
    last = haystack.origins[position + len(needle) - 1]
    return Match(haystack.origins[position], _end_of_piece(article, last))


def quote_occurs(article: str, quote: str) -> bool:
    """True when ``quote`` occurs in ``article`` after normalising both."""
    needle = normalise(quote)
    return bool(needle) and needle in searchable_text(article)


@lru_cache(maxsize=64)
def searchable_text(article: str) -> str:
    """The article normalised for searching; no map back to the original is kept."""
    return normalise(article)


def _end_of_piece(text: str, start: int) -> int:
    """Offset just past the character at ``start`` and any combining marks after it."""
    index = start + 1
    while index < len(text) and unicodedata.combining(text[index]):
        index += 1
    return index


# The closest-passage search looks up a few word groups of the quote in the article
# (each lookup is one fast scan) and compares the quote only with the stretches where
# they meet (rapidfuzz, in C++), so its cost stays bounded whatever the quote or article.
_GROUP_WORDS = 3
_MAX_GROUPS = 12
_MAX_SINGLES = 6  # each costs a scan of the article: a few of the longest words say enough
_MAX_HITS_PER_GROUP = 20
_MAX_CANDIDATES = 3
_MAX_NEEDLE = 1200
_ROOM = 48


def closest_passage(article: str, quote: str) -> str:
    """Return the stretch of the article most like ``quote``, for 'did you mean' messages."""
    needle = normalise(quote)[:_MAX_NEEDLE]
    haystack = searchable_text(article)
    if not needle or not haystack:
        return ""
    from rapidfuzz import fuzz  # only a wrong quote needs it: a clean check starts without it

    def score(start: int) -> float:
        return fuzz.ratio(haystack[start:start + len(needle)], needle)

    def clamp(start: int) -> int:
        return min(max(0, start), max(0, len(haystack) - 1))

    # The likeliest start first, then a window of the quote's length slid around it, coarse
    # then fine. rapidfuzz's ratio is bit-parallel C++: microseconds for 600 characters.
    best_start = max((clamp(anchor) for anchor in _candidate_starts(haystack, needle)), key=score)
    for step, reach in ((8, _ROOM), (2, 6)):
        best_start = max((clamp(best_start + shift) for shift in range(-reach, reach + 1, step)),
                         key=score)
    end = min(len(haystack), best_start + len(needle))
    return haystack[_word_start(haystack, best_start):_word_end(haystack, end)].strip()


def _candidate_starts(haystack: str, needle: str) -> list[int]:
    """Where the quote most likely begins in the article, by votes of its word groups."""
    words = needle.split(" ")
    offsets = [0]
    for word in words[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    count = max(1, len(words) - _GROUP_WORDS + 1)
    step = max(1, count // _MAX_GROUPS)
    # Only the groups looked up are joined: a long quote has hundreds.
    groups = [(offsets[i], " ".join(words[i:i + _GROUP_WORDS])) for i in range(0, count, step)]
    votes = _votes(haystack, groups[:_MAX_GROUPS])
    if not votes:  # no three words in a row match: fall back on the quote's longest words
        singles = sorted({(len(word), offset, word) for offset, word in zip(offsets, words, strict=True)
                          if len(word) >= 4}, reverse=True)[:_MAX_SINGLES]
        votes = _votes(haystack, [(offset, word) for _, offset, word in singles])
    if not votes:
        return [0]
    ranked = sorted(votes.items(), key=lambda item: (-len(item[1]), item[0]))[:_MAX_CANDIDATES]
    return [sorted(starts)[len(starts) // 2] for _, starts in ranked]


def _votes(haystack: str, groups: list[tuple[int, str]]) -> dict[int, list[int]]:
    votes: dict[int, list[int]] = {}
    for offset, group in groups:
        position = haystack.find(group)
        hits = 0
        while position >= 0 and hits < _MAX_HITS_PER_GROUP:
            start = max(0, position - offset)
            votes.setdefault(start // 16, []).append(start)  # nearby starts vote together
            position = haystack.find(group, position + 1)
            hits += 1
    return votes


def _word_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] != " ":
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and text[index] != " ":
        index += 1
    return index

"""Display names: what is kept of a typed name, and when two names look the same.

A name is shown on the class board, in reports and in the CSV, so it must be visible
and must not reorder the text around it. Control characters (Unicode category Cc)
and format characters (Cf: zero-width spaces and joiners, bidi overrides and
isolates, the soft hyphen) are removed, and the name is NFKC-normalised so that
compatibility forms (full-width letters, ligatures) read as the letters they show.

One exception: the zero-width non-joiner and joiner (U+200C, U+200D) are kept between
two letters after an Arabic-script letter, where Urdu and Persian spelling needs them
(they choose the letter forms, as in IDNA's CONTEXTJ rule); anywhere else they go.

Blank letters (the Hangul fillers, the Braille blank) read as spaces, and a name needs at
least one letter that shows: one made only of blanks, marks, variation selectors or
zero-width characters is empty.

Two learners of one class may not have names that look the same: the comparison is on a
skeleton, as Unicode's UTS #39 makes one from its confusables data (through the
confusable_homoglyphs package): each character becomes the one it is drawn like, so Cyrillic
'Аlice', Greek 'Αlice' and 'Alıce' with a dotless i are 'Alice'. The skeleton is taken case
aside ('Learner1A' and 'LEARNER1A' are one name) and as drawn ('AIice' with a capital I is
'Alice'); invisible characters (U+200B, U+FE0F, U+034F) leave no trace in it. Joining a class
again compares more loosely, without accents (``same_but_for_marks``): the password then
tells the learner coming back from a namesake.
"""

from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs.confusables import confusables_data

MAX_DISPLAY_NAME = 80
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf"})


_JOINERS = frozenset("\u200c\u200d")


def _visible(text: str) -> str:
    """Control characters become spaces (a tab or line break separates words); format ones go."""
    kept = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category != "Cf" or (char in _JOINERS and _shapes_arabic_letters(text, index)):
            kept.append(char)
    return "".join(kept)


def _shapes_arabic_letters(text: str, index: int) -> bool:
    """True for a joiner between two letters, the one before it of the Arabic script."""
    if not 0 < index < len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return (unicodedata.category(before).startswith("L") and unicodedata.category(after)[0] in "LM"
            and "ARABIC" in unicodedata.name(before, ""))


# Letters and symbols drawn as nothing but a space.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Marks and selectors that draw nothing (default-ignorable): kept in a name, as an emoji's
# U+FE0F chooses how it is drawn, but no part of what it looks like.
_DRAWN_AS_NOTHING = frozenset("\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"
                              + "".join(map(chr, range(0xFE00, 0xFE10)))
                              + "".join(map(chr, range(0xE0100, 0xE01F0)))) | _JOINERS
# A dot above an i or j that has its dot already draws nothing new.
_SOFT_DOTTED = frozenset("ijіјɨ")
_DOT_ABOVE = "\u0307"


def clean_name(typed: str) -> str:
    """A display name as stored: NFKC, without control or format characters, spaces tidied.

    Empty when no letter that shows is left; the caller refuses such a name.
    """
    text = _visible(unicodedata.normalize("NFKC", typed))
    text = _visible(unicodedata.normalize("NFKC", text))  # NFKC can make new format chars
    text = "".join(" " if char in _BLANKS else char for char in text)
    name = " ".join(text.split())[:MAX_DISPLAY_NAME].strip()
    return name if any(unicodedata.category(char).startswith("L") for char in name) else ""


def has_no_letter(typed: str) -> bool:
    """True when something that takes room was typed, but no letter: blank letters, marks or
    selectors only. (Zero-width characters alone are as if nothing was typed.)"""
    return bool(_visible(unicodedata.normalize("NFKC", typed)).strip()) and not clean_name(typed)


def _prototypes() -> dict[str, str]:
    """Each character of Unicode's confusables data mapped to one of its look-alike class.

    The data lists, for each character, those it is confused with; a class is all that are
    linked, and its prototype an ASCII member where there is one (so 'а', 'α' and 'ɑ' are
    'a'). Sequences ('rn' for 'm') are left out: a skeleton compares characters.
    """
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for char, glyphs in confusables_data.items():
        for glyph in glyphs:
            other = glyph["c"].strip("\u200e\u200f")  # right-to-left ones come in marks
            if len(char) == 1 and len(other) == 1:
                first, second = root(char), root(other)
                if first != second:
                    keep, lose = sorted((first, second), key=lambda c: (not c.isascii(), ord(c)))
                    parent[lose] = keep
    return {char: root(char) for char in parent}


_PROTOTYPE = _prototypes()


def _drawn(text: str) -> str:
    """Each character as the one it is drawn like, invisible ones left out (decomposed)."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if char in _DRAWN_AS_NOTHING or (char == _DOT_ABOVE and kept and kept[-1] in _SOFT_DOTTED):
            continue
        kept.append(_PROTOTYPE.get(char, char))
    return "".join(kept)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text.casefold())


# A name is compared with every other of its class, and 200 login cards with each other
# inside the write that makes them: each name's skeletons are made once.
@functools.lru_cache(maxsize=4096)
def _skeletons(name: str) -> tuple[str, str]:
    """A name's skeleton case aside, and as drawn (case first kept, so 'I' reads as 'l')."""
    cleaned = clean_name(name)
    return _fold(_drawn(_fold(cleaned))), _fold(_drawn(_fold(_drawn(cleaned))))


def name_skeleton(name: str) -> str:
    """What a name looks like, case aside: two names with one skeleton cannot be told apart."""
    return _skeletons(name)[0]


def look_alike(name: str, others: list[str]) -> str | None:
    """The first of ``others`` that looks the same as ``name``, case aside or as drawn, or None."""
    folded, drawn = _skeletons(name)
    return next((other for other in others
                 if any(mine == theirs for mine, theirs in zip((folded, drawn), _skeletons(other),
                                                               strict=True))), None)


def name_without_marks(name: str) -> str:
    """A name's skeleton without accents or other marks: how it is typed on a keyboard that
    has none. 'Sofía Ramírez' and 'sofia ramirez' give one; so do Urdu names written with and
    without their optional vowel marks (zer, zabar, pesh)."""
    decomposed = unicodedata.normalize("NFKD", name_skeleton(name))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def same_but_for_marks(name: str, others: list[str]) -> str | None:
    """The first of ``others`` that is ``name`` with or without accents, in any case, or None.

    Wider than ``look_alike``: 'José' and 'Jose' look different on a board, but a learner
    who types 'Jose' on a phone without accents most likely means themselves.
    """
    bare = name_without_marks(name)
    return next((other for other in others if name_without_marks(other) == bare), None)

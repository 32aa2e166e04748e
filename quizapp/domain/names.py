"""Display names: what is kept of a typed name, and when two names look the same.

A name is shown on the class board, in reports and in the CSV, so it must be visible
and must not reorder the text around it. Control characters (Unicode category Cc)
and format characters (Cf: zero-width spaces and joiners, bidi overrides and
isolates, the soft hyphen) are removed, and the name is NFKC-normalised so that
compatibility forms (full-width letters, ligatures) read as the letters they show.

One exception: the zero-width non-joiner and joiner (U+200C, U+200D) are kept between
two letters after an Arabic-script letter, where Urdu and Persian spelling needs them
(they choose the letter forms, as in IDNA's CONTEXTJ rule); anywhere else they go.

Two learners of one class may not have names that look the same: the comparison is
on a skeleton, the cleaned name case-folded and normalised again, so 'Learner1A' and
'LEARNER1A' are one name, and so are 'Learner1A' and 'Learner1A' followed by U+200B.
Joining a class again compares more loosely, without accents (``same_but_for_marks``): the
password then tells the learner coming back from a namesake.
"""

from __future__ import annotations

import unicodedata

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


def clean_name(typed: str) -> str:
    """A display name as stored: NFKC, without control or format characters, spaces tidied.

    Empty when nothing visible is left; the caller refuses such a name.
    """
    text = _visible(unicodedata.normalize("NFKC", typed))
    text = _visible(unicodedata.normalize("NFKC", text))  # NFKC can make new format chars
    return " ".join(text.split())[:MAX_DISPLAY_NAME].strip()


def name_skeleton(name: str) -> str:
    """What a name looks like: two names with the same skeleton cannot be told apart."""
    visible = "".join(char for char in clean_name(name) if char not in _JOINERS)
    return unicodedata.normalize("NFKC", visible.casefold())


def look_alike(name: str, others: list[str]) -> str | None:
    """The first of ``others`` that looks the same as ``name``, or None."""
    skeleton = name_skeleton(name)
    return next((other for other in others if name_skeleton(other) == skeleton), None)


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

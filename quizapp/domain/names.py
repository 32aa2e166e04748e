"""Display names: what is kept of a typed name, and when two names look the same.

A name is shown on the class board, in reports and in the CSV, so it must be visible
and must not reorder the text around it. Control characters (Unicode category Cc)
and format characters (Cf: zero-width spaces and joiners, bidi overrides and
isolates, the soft hyphen) are removed, and the name is NFKC-normalised so that
compatibility forms (full-width letters, ligatures) read as the letters they show.

Two learners of one class may not have names that look the same: the comparison is
on a skeleton, the cleaned name case-folded and normalised again, so 'Learner1A' and
'LEARNER1A' are one name, and so are 'Learner1A' and 'Learner1A' followed by U+200B.
"""

from __future__ import annotations

import unicodedata

MAX_DISPLAY_NAME = 80
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf"})


def _visible(text: str) -> str:
    """Control characters become spaces (a tab or line break separates words); format ones go."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text
                   if unicodedata.category(c) != "Cf")


def clean_name(typed: str) -> str:
    """A display name as stored: NFKC, without control or format characters, spaces tidied.

    Empty when nothing visible is left; the caller refuses such a name.
    """
    text = _visible(unicodedata.normalize("NFKC", typed))
    text = _visible(unicodedata.normalize("NFKC", text))  # NFKC can make new format chars
    return " ".join(text.split())[:MAX_DISPLAY_NAME].strip()


def name_skeleton(name: str) -> str:
    """What a name looks like: two names with the same skeleton cannot be told apart."""
    return unicodedata.normalize("NFKC", clean_name(name).casefold())


def look_alike(name: str, others: list[str]) -> str | None:
    """The first of ``others`` that looks the same as ``name``, or None."""
    skeleton = name_skeleton(name)
    return next((other for other in others if name_skeleton(other) == skeleton), None)

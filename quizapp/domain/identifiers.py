"""The id rules shared by banks, questions and source articles."""

from __future__ import annotations

import re
from difflib import get_close_matches

from quizapp.domain.messages import Message, msg

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID_LENGTH = 64
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def id_problem(value: str, what: Message) -> Message | None:
    """Say what is wrong with an id, or None when it is well formed."""
    if not ID_PATTERN.fullmatch(value):
        return msg("%(what)s %(value)r may use only lower-case letters a-z, digits and '-', "
                   "and must start with a letter or digit", what=what, value=value)
    if len(value) > MAX_ID_LENGTH:
        return msg("%(what)s %(value)r is %(length)d characters long: shorten it to at most "
                   "%(limit)d", what=what, value=value, length=len(value), limit=MAX_ID_LENGTH)
    return None


def did_you_mean(word: str, candidates: list[str]) -> Message | str:
    """Return ' (did you mean X?)' when a candidate is close to ``word``, else ''."""
    close = get_close_matches(word, candidates[:1000], n=1, cutoff=0.6)
    return msg(" (did you mean %(word)r?)", word=close[0]) if close else ""

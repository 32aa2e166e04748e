"""Item analysis and problem reports in words: hints, choices and reasons, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

import flask_babel
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from quizapp.domain.item_analysis import Hint, ItemFlag
from quizapp.services.item_reports import ItemReport, OpenFlag, QuestionReport
from quizapp.web.answer_words import true_false_words

# The problems a learner can report, as the form and the teacher's page name them.
FLAG_REASON_WORDS = {
    "wrong_key": _l("The answer looks wrong"),
    "two_right": _l("Two answers are right"),
    "unclear": _l("I can't understand it"),
}


@dataclass(frozen=True)
class ChoiceRow:
    """One choice of a question, as its row of the table reads."""

    label: str
    picked: int
    right: bool
    bank_words: bool  # the bank's own text, in the bank's language (not True/False)


@dataclass(frozen=True)
class ItemView:
    """One question of a report, put into words for its page."""

    question: QuestionReport
    facility: str | None
    discrimination: str | None
    hints: list[str]
    choices: list[ChoiceRow]
    flags: list[tuple[OpenFlag, str]]  # each flag with its reason in words


def choice_label(choice: str | bool) -> str:
    """A choice as learners saw it: the bank's text, or True/False in the page's language."""
    return true_false_words(choice) if isinstance(choice, bool) else choice


def _choice_words(choice: str | bool, question: QuestionReport | None) -> str:
    """A choice in the report's language: the translation's words for the bank's, or True/False."""
    if isinstance(choice, str) and question is not None:
        return question.choice_in_words(choice)
    return choice_label(choice)


def hint_text(hint: Hint, editable: bool = True, question: QuestionReport | None = None) -> str:
    """What a flag tells the teacher to look at, and to do: a teacher who cannot edit the bank
    (a bundled one) is told what they can do instead (report it, leave the question out)."""
    if hint.flag is ItemFlag.NEGATIVE_DISCRIMINATION:
        if not editable:
            return _("Strong learners chose another answer more often than weak ones: check the "
                     "key and the wording. You cannot edit this bank: if either is wrong, report "
                     "the question or leave it out (see above).")
        return _("Strong learners chose another answer more often than weak ones: check the key "
                 "and the wording.")
    if hint.flag is ItemFlag.NO_DISCRIMINATION:
        return _("This question does not tell strong and weak learners apart: it may be ambiguous "
                 "or guessable.")
    if hint.flag is ItemFlag.UNCHOSEN_DISTRACTOR:
        choice = _choice_words(hint.choice if hint.choice is not None else "", question)
        if not editable:
            return _("No one chose “%(choice)s”, so the question is easier than it looks. You "
                     "cannot replace the choice in this bank: report it, or leave the question out "
                     "(see above).", choice=choice)
        return _("No one chose “%(choice)s”: replace it with a mistake learners really make.",
                 choice=choice)
    if hint.flag is ItemFlag.TOO_EASY:
        return _("Almost everyone got it right: it may be too easy.")
    return _("Fewer than one in five got it right: check the key, or teach it again.")


def item_views(report: ItemReport, editable: bool = True) -> list[ItemView]:
    """Every question of a report, with its statistics and hints in words; ``editable`` is
    False where the teacher cannot change the bank's questions (a bundled bank)."""
    views = []
    for question in report.questions:
        stats = question.stats
        views.append(ItemView(
            question,
            flask_babel.format_percent(stats.facility) if stats.facility is not None else None,
            flask_babel.format_decimal(stats.discrimination, "0.00")
            if stats.discrimination is not None else None,
            [hint_text(hint, editable, question) for hint in stats.hints],
            [ChoiceRow(_choice_words(count.choice, question), count.picked, count.right,
                       not isinstance(count.choice, bool)) for count in stats.choices],
            [(flag, str(FLAG_REASON_WORDS.get(flag.reason, flag.reason))) for flag in question.flags]))
    return views

"""A teacher's report in words, in the page's language: where a learner is with an assignment."""

from __future__ import annotations

from flask_babel import gettext as _

from quizapp.domain.classroom_rules import AssignmentStatus
from quizapp.services.reports import Cell
from quizapp.web.i18n import number


def status_words(cell: Cell) -> str:
    """Not started, in progress (7/13), turned in, or missing (past the due date)."""
    if cell.status is AssignmentStatus.TURNED_IN:
        return _("turned in")
    if cell.status is AssignmentStatus.MISSING:
        return _("missing")
    if cell.status is AssignmentStatus.IN_PROGRESS and cell.in_progress is not None:
        answered, total = cell.in_progress
        return _("in progress (%(answered)s/%(total)s)", answered=number(answered), total=number(total))
    return _("not started")


TEMPLATE_GLOBALS = (status_words,)

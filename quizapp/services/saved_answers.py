"""Answers kept as the learner gives them, before the attempt is submitted.

Each page of the quiz the learner leaves (and, with JavaScript, each change) is saved as the
form sent it. Nothing here grades: the answers are read and scored once, on submission.
A question already checked in learn mode keeps its first answer: nothing here replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.models import Attempt, AttemptItem, SavedAnswer

MAX_VALUES_PER_QUESTION = 8  # a question has at most 8 choices or items
MAX_VALUE_LENGTH = 64  # an index, a position or a number as typed


@dataclass(frozen=True)
class SavedState:
    """What a learner has saved so far in an attempt: values by question position."""

    values: dict[int, list[str]]
    # Positions checked in learn mode: their first answer is the one that counts.
    locked: frozenset[int] = field(default_factory=frozenset)

    @property
    def answered(self) -> set[int]:
        """Positions with anything chosen or typed."""
        return {position for position, values in self.values.items() if any(v.strip() for v in values)}


def clipped(values: Iterable[str]) -> list[str]:
    """Form values within the limits, cut cheaply before anything else looks at them."""
    kept = zip(values, range(MAX_VALUES_PER_QUESTION), strict=False)
    return [value[:MAX_VALUE_LENGTH] for value, _ in kept]


def saved_answers(session: Session, token: str) -> SavedState:
    """The answers saved so far in the attempt ``token`` (empty when none or no such attempt)."""
    rows = session.execute(
        select(SavedAnswer.position, SavedAnswer.values, Attempt.checked)
        .join(Attempt, Attempt.id == SavedAnswer.attempt_id).where(Attempt.token == token)).all()
    return SavedState({position: list(values) for position, values, _checked in rows},
                      frozenset(position for position, _values, checked in rows if position <= checked))


def save_answers(session: Session, token: str, given: Mapping[int, list[str]],
                 positions: Iterable[int]) -> bool:
    """Keep what the form sent for ``positions`` (blank ones are cleared); False if already submitted.

    Positions the attempt does not have, and those already checked in learn mode, are ignored.
    """
    attempt_id, submitted_at, checked = session.execute(
        select(Attempt.id, Attempt.submitted_at, Attempt.checked)
        .where(Attempt.token == token)).one_or_none() or (None, None, 0)
    if attempt_id is None or submitted_at is not None:
        return False
    shown = set(session.scalars(select(AttemptItem.position).where(AttemptItem.attempt_id == attempt_id)))
    wanted = sorted(position for position in set(positions) & shown if position > checked)
    now = clock.now()
    rows = [SavedAnswer(attempt_id=attempt_id, position=position, values=clipped(given[position]),
                        saved_at=now)
            for position in wanted if any(value.strip() for value in given.get(position, []))]
    with write_transaction(session):
        claimed = session.execute(update(Attempt)
                                  .where(Attempt.id == attempt_id, Attempt.submitted_at.is_(None))
                                  .values(answers_saved_at=now).returning(Attempt.checked)
                                  .execution_options(synchronize_session=False)).scalar_one_or_none()
        if claimed is None:  # submitted meanwhile: the submission has what counts
            session.rollback()
            return False
        if claimed != checked:  # a question was checked in learn mode meanwhile: it keeps its answer
            wanted = [position for position in wanted if position > claimed]
            rows = [row for row in rows if row.position > claimed]
        if wanted:
            session.execute(delete(SavedAnswer).where(SavedAnswer.attempt_id == attempt_id,
                                                      SavedAnswer.position.in_(wanted)))
        session.add_all(rows)
    return True


def with_saved(saved: SavedState, given: Mapping[int, list[str]],
               positions: Iterable[int]) -> dict[int, list[str]]:
    """Every answer to submit: what was saved, replaced by what this request sent for ``positions``.

    An answer checked in learn mode is never replaced: the first answer is the one that counts.
    """
    # A page's question the form sent nothing for was cleared; a form that sent more (one page
    # with every question) replaces those answers too.
    return {**saved.values, **{position: [] for position in positions},
            **{position: clipped(values) for position, values in given.items()},
            **{position: saved.values[position] for position in saved.locked}}

"""The quiz page's questions as they were shown, and the quick look-ups every view of it makes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from quizapp.database import HotQuery
from quizapp.domain.bank_translation import current_words
from quizapp.domain.grading import shown_entries
from quizapp.models import Attempt, AttemptItem, Bank, BankTranslation, Question, QuestionVersion
from quizapp.services.caches import QUESTION_CONTENTS


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the quiz page shows it: no answer key, entries in their shown order.

    Hashable and equal by value: the same content at the same place renders the same.
    """

    position: int
    type: str
    prompt: str
    points: int
    entries: tuple[str, ...]
    unit: str | None
    language: str = "en"  # of the prompt and entries: the bank's, or its translation's


@dataclass(frozen=True)
class _Content:
    """What the quiz page uses of a question version; never its answer key."""

    type: str
    prompt: str
    points: int
    entries: tuple[str, ...]
    unit: str | None




# How many questions an attempt has, for a query that reads the attempt.
QUESTION_TOTAL = (select(func.count()).select_from(AttemptItem)
                  .where(AttemptItem.attempt_id == Attempt.id).correlate(Attempt).scalar_subquery())


@dataclass(frozen=True)
class QuizPage:
    """Everything the quiz page needs, and nothing that gives the answers away."""

    token: str
    bank_slug: str
    bank_title: str
    language: str
    submitted: bool
    questions: list[ShownQuestion]
    review: bool = False  # a run of the Review page: its questions come from any bank
    assigned: bool = False  # on an assignment: its teacher chose learn or test mode
    total: int = 0  # how many questions the attempt has (``questions`` may hold just one)

    def question(self, position: int) -> ShownQuestion | None:
        """The question at ``position``; None when the attempt has none there."""
        return next((q for q in self.questions if q.position == position), None)


_PAGE = (
    select(Attempt.submitted_at, Attempt.review, Attempt.assignment_id, Bank.id.label("bank_id"),
           Bank.slug, Bank.title, Bank.language, AttemptItem.position, AttemptItem.shown_order,
           QuestionVersion.id, QuestionVersion.content_hash, QuestionVersion.text_fingerprint,
           Question.slug.label("question_slug"))
    .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
    .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
    .join(Question, Question.id == QuestionVersion.question_id)
    # Each question's own bank: a review run's questions come from any bank.
    .join(Bank, Bank.id == Question.bank_id))
_ONE_QUESTION = HotQuery(_PAGE.where(Attempt.token == bindparam("token"),
                                     AttemptItem.position == bindparam("position"))
                         .add_columns(QUESTION_TOTAL))


class _OneQuestion(NamedTuple):
    """A row of ``_ONE_QUESTION`` as the driver returns it: ``_PAGE``'s columns and the total."""

    submitted_at: object
    review: bool | int
    assignment_id: int | None
    bank_id: int
    slug: str
    title: str
    language: str
    position: int
    shown_order: list[int]
    id: int
    content_hash: str
    text_fingerprint: str | None
    question_slug: str
    total: int


def quiz_page(session: Session, token: str, language: str = "en",
              position: int | None = None) -> QuizPage | None:
    """The questions of an attempt as they were shown, in ``language`` where a translation has them.

    Questions whose translation is missing or out of date keep the bank's own words. With
    ``position``, that question alone (learn mode shows one at a time), and None when the
    attempt has none there; ``total`` still counts them all.
    """
    if position is None:
        rows: Sequence[Any] = session.execute(
            _PAGE.where(Attempt.token == token).order_by(AttemptItem.position)).all()
    else:  # one row, not the whole attempt's, straight on the driver: learn mode asks each
        rows = [_OneQuestion(*row) for row in _ONE_QUESTION.all(session, token=token, position=position)]
    if not rows:
        return None
    contents: dict[str, _Content | None] = {row.content_hash: QUESTION_CONTENTS.get(row.content_hash)
                                            for row in rows}
    contents.update(_contents(session, {row.id for row in rows if contents[row.content_hash] is None}))
    first = rows[0]
    # One look-up per bank, not per question: a translation carries its whole bank's words.
    banks = {row.bank_id: row.language for row in rows}
    translations = {bank_id: reader_translation(session, bank_id, bank_language, language)
                    for bank_id, bank_language in banks.items()}
    questions = []
    for row in rows:
        content = contents[row.content_hash]
        assert content is not None  # found above, or just read
        translation = translations[row.bank_id]
        words = current_words(translation.questions.get(row.question_slug) if translation else None,
                              row.text_fingerprint)
        all_entries = tuple(words["entries"]) if words and words["entries"] else content.entries
        entries = tuple(all_entries[index] for index in row.shown_order)
        questions.append(ShownQuestion(
            row.position, content.type, words["prompt"] if words else content.prompt,
            content.points, entries, (words.get("unit") or content.unit) if words else content.unit,
            language if words else row.language))
    translation = translations[first.bank_id]
    title = translation.title if translation else first.title
    return QuizPage(token, first.slug, title, language if translation else first.language,
                    first.submitted_at is not None, questions, bool(first.review),
                    first.assignment_id is not None,
                    first.total if position is not None else len(questions))


def reader_translation(session: Session, bank_id: int, bank_language: str,
                 language: str) -> BankTranslation | None:
    """The bank's translation into the reader's language, when the bank is in another one."""
    if language.split("-")[0] == bank_language.split("-")[0]:
        return None
    return session.scalar(select(BankTranslation).where(BankTranslation.bank_id == bank_id,
                                                        BankTranslation.language == language))


def _contents(session: Session, version_ids: set[int]) -> dict[str, _Content]:
    """What the page uses of these versions, by content hash; kept, since a version never changes."""
    found = {}
    if version_ids:
        for version in session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(version_ids))):
            found[version.content_hash] = content = _Content(
                version.type, version.prompt, version.points,
                tuple(shown_entries(version.type, version.key)), version.key.get("unit"))
            QUESTION_CONTENTS.put(version.content_hash, content)
    return found


_STATE = HotQuery(select(Attempt.submitted_at, Attempt.account_id, Attempt.answers_saved_at,
                         Attempt.learn, Attempt.checked)
                  .where(Attempt.token == bindparam("token")))
_QUESTION_COUNT = HotQuery(select(func.count()).select_from(AttemptItem)
                           .join(Attempt, Attempt.id == AttemptItem.attempt_id)
                           .where(Attempt.token == bindparam("token")))


@dataclass(frozen=True)
class AttemptState:
    """Whether an attempt is submitted, whose it is (None for practice without an account),
    whether answers were saved before submitting, and whether it is taken in learn mode
    (``checked``: how many of its questions were checked one at a time)."""

    submitted: bool
    account_id: int | None
    has_saved_answers: bool = False
    learn: bool = False
    checked: int = 0

    def open_to(self, viewer: Callable[[], int | None]) -> bool:
        """Whether the viewer (``viewer()``: an account id, None when signed out) may take or read it.

        Practice without an account is open to whoever has the link: the viewer is not asked.
        """
        return self.account_id is None or self.account_id == viewer()


def attempt_state(session: Session, token: str) -> AttemptState | None:
    """The attempt's state, or None if there is no such attempt.

    Every view of a quiz page asks this, so it runs straight on the driver (no pool checkout).
    """
    row = _STATE.first(session, token=token)
    return None if row is None else AttemptState(row[0] is not None, row[1], row[2] is not None,
                                                 bool(row[3]), row[4] or 0)


def question_count(session: Session, token: str) -> int:
    """How many questions the attempt shows (0 if there is no such attempt).

    Asked only when a page number must be checked or chosen: a view of a cached first page
    needs no count.
    """
    row = _QUESTION_COUNT.first(session, token=token)
    return int(row[0]) if row else 0

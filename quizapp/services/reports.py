"""What teachers learn from their classes: the class table, question statistics, histories."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from quizapp.domain import clock
from quizapp.domain.bank_translation import current_words
from quizapp.domain.class_time import DEFAULT_ZONE, utc_to_local
from quizapp.domain.classroom_rules import AssignmentStatus, assignment_status
from quizapp.domain.collation import by_name
from quizapp.domain.curriculum import CONCEPTS, Concept
from quizapp.domain.messages import Translate, untranslated
from quizapp.models import (
    Account,
    Answer,
    Assignment,
    AssignmentScore,
    Attempt,
    AttemptItem,
    Bank,
    Membership,
    Question,
    QuestionVersion,
    SavedAnswer,
)
from quizapp.services import review_cards
from quizapp.services.bank_words import title_in, translated_questions
from quizapp.services.results import PastAttempt


@dataclass(frozen=True)
class Cell:
    """One learner on one assignment."""

    best_score: int | None
    max_score: int | None
    attempts: int
    last_activity: dt.datetime | None
    status: AssignmentStatus = AssignmentStatus.NOT_STARTED
    in_progress: tuple[int, int] | None = None  # an open attempt: questions answered, of how many

    @property
    def missing(self) -> bool:
        """Past the due date with nothing turned in: the report marks it."""
        return self.status is AssignmentStatus.MISSING


@dataclass(frozen=True)
class ClassTable:
    """Learners by assignments."""

    assignments: list[tuple[int, str]]  # id, bank title
    rows: list[tuple[int, str, str, list[Cell]]]  # account id, name, username, cells
    removed: frozenset[int] = frozenset()  # accounts removed from the class, still listed


@dataclass(frozen=True)
class QuestionStat:
    """How a class did on one question of an assignment."""

    prompt: str
    answered: int
    right: int
    common_wrong: str | None
    common_wrong_count: int
    type: str = "single"
    common_wrong_response: object = None  # as recorded, for the page to show as learners saw it
    language: str = "en"  # of the prompt: the bank's, or its translation's

    @property
    def share_right(self) -> float:
        """The share of answers that were right, from 0 to 1."""
        return self.right / self.answered if self.answered else 0.0


def class_table(session: Session, classroom_id: int, language: str = "en",
                now: dt.datetime | None = None) -> ClassTable:
    """Every member, removed ones too, by name in ``language``'s order, against every assignment
    not deleted (its title in ``language`` where it has one): where each learner is with it
    (at ``now``), best score, attempts, last activity."""
    now = now or clock.now()
    words = title_in(language)
    listed = session.execute(
        select(Assignment.id, words.title, Assignment.due_at).join(Bank, Bank.id == Assignment.bank_id)
        .outerjoin(words.translation, words.on)
        .where(Assignment.classroom_id == classroom_id, Assignment.deleted_at.is_(None))
        .order_by(Assignment.id)).all()
    assignments = [(assignment_id, title) for assignment_id, title, _due in listed]
    due = {assignment_id: due_at for assignment_id, _title, due_at in listed}
    open_ones = _open_attempts(session, classroom_id)
    members = session.execute(
        select(Account.id, Account.display_name, Account.username, Membership.removed_at)
        .join(Membership, Membership.account_id == Account.id)
        .where(Membership.classroom_id == classroom_id))
    scores = {(s.account_id, s.assignment_id): s for s in session.scalars(
        select(AssignmentScore).join(Assignment)
        .where(Assignment.classroom_id == classroom_id))}
    rows = []
    removed = set()
    for account_id, name, username, removed_at in by_name(members, lambda row: row[1], language,
                                                          lambda row: row[0]):
        if removed_at is not None:
            removed.add(account_id)
        cells = []
        for assignment_id, _title in assignments:
            score = scores.get((account_id, assignment_id))
            progress = open_ones.get((account_id, assignment_id))
            status = assignment_status(turned_in=score is not None, in_progress=progress is not None,
                                       due_at=due[assignment_id], now=now)
            cells.append(Cell(score.best_score, score.max_score, score.attempts,
                              score.last_activity, status, progress) if score
                         else Cell(None, None, 0, None, status, progress))
        rows.append((account_id, name, username, cells))
    return ClassTable(assignments, rows, frozenset(removed))  # type: ignore[arg-type]


def _open_attempts(session: Session, classroom_id: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Attempts in progress on the class's assignments: (answered, questions) by learner and
    assignment, from the answers saved so far; the newest where a learner has several open."""
    answered = (select(func.count(SavedAnswer.position)).where(SavedAnswer.attempt_id == Attempt.id)
                .correlate(Attempt).scalar_subquery())
    questions = (select(func.count(AttemptItem.position)).where(AttemptItem.attempt_id == Attempt.id)
                 .correlate(Attempt).scalar_subquery())
    rows = session.execute(
        select(Attempt.account_id, Attempt.assignment_id, answered, questions)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id, Attempt.submitted_at.is_(None))
        .order_by(Attempt.started_at, Attempt.id))
    return {(account_id, assignment_id): (done, total)
            for account_id, assignment_id, done, total in rows}


@dataclass(frozen=True)
class ClassProgress:
    """Mastery by concept for every learner of a class table: concepts any of them may study."""

    concepts: list[Concept]
    by_learner: dict[int, dict[str, review_cards.ConceptProgress]]

    def cell(self, account_id: int, concept_id: str) -> review_cards.ConceptProgress | None:
        """One learner's progress on one concept; None when they see no question of it."""
        return self.by_learner.get(account_id, {}).get(concept_id)


def class_progress(session: Session, table: ClassTable) -> ClassProgress:
    """Each learner's mastered questions by concept, out of the questions of the banks they may see."""
    by_learner = {account_id: {p.concept.id: p for p in review_cards.progress(session, account_id)}
                  for account_id, *_rest in table.rows}
    seen = {concept_id for progress in by_learner.values() for concept_id in progress}
    return ClassProgress([c for c in CONCEPTS if c.id in seen], by_learner)


def class_table_csv(table: ClassTable, gettext: Translate = untranslated,
                    progress: ClassProgress | None = None, *, zone: str = DEFAULT_ZONE,
                    zone_name: str = "UTC") -> str:
    """The class table as CSV that spreadsheets open correctly, any script included.

    A byte order mark tells spreadsheet programs the file is UTF-8, so names in Urdu or
    Spanish are not mangled; cells that start like a formula are quoted to stay text.
    The header row is in the language of ``gettext``. Times are on the class's clock
    (``zone``), which the header names as ``zone_name`` says it.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    header = [gettext("name"), gettext("username")]
    for _id, title in table.assignments:
        quiz = {"title": title}
        header += [gettext("%(title)s: best") % quiz, gettext("%(title)s: out of") % quiz,
                   gettext("%(title)s: attempts") % quiz,
                   gettext("%(title)s: last activity (%(zone)s)") % {**quiz, "zone": zone_name}]
    for concept in progress.concepts if progress else []:
        header.append(gettext("%(concept)s: questions mastered") % {"concept": concept.title.render(gettext)})
    writer.writerow([_as_text(cell) for cell in header])
    for account_id, name, username, cells in table.rows:
        line: list[object] = [name, username]
        for cell in cells:
            line += [cell.best_score if cell.best_score is not None else "",
                     cell.max_score if cell.max_score is not None else "", cell.attempts,
                     utc_to_local(cell.last_activity, zone).strftime("%Y-%m-%d %H:%M")
                     if cell.last_activity else ""]
        for concept in progress.concepts if progress else []:
            mastery = progress.cell(account_id, concept.id) if progress else None
            line.append(mastery.mastered if mastery else "")
        writer.writerow([_as_text(value) for value in line])
    return "\ufeff" + out.getvalue()


def _as_text(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # spreadsheets would run it as a formula
    return value


def question_stats(session: Session, assignment_id: int, language: str | None = None) -> list[QuestionStat]:
    """For each question shown on counted attempts: the share right and the commonest wrong answer;
    its prompt in ``language`` where the bank's translation has this version's words."""
    rows = session.execute(
        select(Answer.position, Answer.question_version_id, Answer.correct, Answer.response)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .where(Attempt.assignment_id == assignment_id, Attempt.counts)
        .order_by(Answer.position))
    answered: Counter[int] = Counter()
    right: Counter[int] = Counter()
    wrong: dict[int, Counter[str]] = {}
    responses: dict[str, object] = {}
    order: dict[int, int] = {}
    for position, version_id, correct, response in rows:
        order.setdefault(version_id, position)
        answered[version_id] += 1
        if correct:
            right[version_id] += 1
        elif response not in (None, []):
            text = _response_text(response)
            wrong.setdefault(version_id, Counter())[text] += 1
            responses[text] = response
    versions = {row.id: row for row in session.execute(
        select(QuestionVersion.id, QuestionVersion.prompt, QuestionVersion.type,
               QuestionVersion.text_fingerprint, Question.slug, Question.bank_id, Bank.language)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Bank, Bank.id == Question.bank_id)
        .where(QuestionVersion.id.in_(list(answered))))}
    translated = translated_questions(session, {row.bank_id for row in versions.values()
                                                if language and row.language != language}, language)
    stats = []
    for version_id in sorted(answered, key=lambda v: order[v]):
        common = wrong.get(version_id, Counter()).most_common(1)
        row = versions[version_id]
        words = current_words(translated.get(row.bank_id, {}).get(row.slug), row.text_fingerprint)
        stats.append(QuestionStat(words["prompt"] if words else row.prompt, answered[version_id],
                                  right[version_id], common[0][0] if common else None,
                                  common[0][1] if common else 0, row.type,
                                  responses[common[0][0]] if common else None,
                                  language if words and language else row.language))
    return stats


def _response_text(response: object) -> str:
    if isinstance(response, bool):
        return "true" if response else "false"
    if isinstance(response, list):
        return " | ".join(str(item) for item in response)
    return str(response) if isinstance(response, str) else json.dumps(response)


class HistoryEntry(NamedTuple):
    """One of a learner's attempts as their teacher sees it."""

    attempt: PastAttempt
    own_practice: bool  # practice the learner chose, on no assignment: it never counts


def learner_history(session: Session, classroom_id: int, account_id: int,
                    limit: int = 500, language: str = "en") -> list[HistoryEntry]:
    """A learner's attempts on the class's assignments and their own practice, newest first.

    Attempts on the class's deleted assignments are there too: they no longer count.
    """
    words = title_in(language)
    rows = session.execute(
        select(Attempt, words.title).join(Bank, Bank.id == Attempt.bank_id)
        .outerjoin(words.translation, words.on)
        .outerjoin(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Attempt.account_id == account_id,
               or_(Assignment.classroom_id == classroom_id, Attempt.assignment_id.is_(None)))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit))
    return [HistoryEntry(PastAttempt(a.token, title, a.started_at, a.submitted_at, a.score,
                                     a.max_score, a.counts, a.review), a.assignment_id is None)
            for a, title in rows]

"""How well each question works (item analysis), and the problems learners report with questions.

The statistics come from counted, submitted attempts, one per learner: their first (the
first started), made before they had seen any result. Who sees what:

- an assignment's report: its class's attempts, for the class's teacher;
- a teacher's own bank: every class's attempts and every flag, for its owner;
- a bundled bank (no owner): each teacher sees their own classes' attempts and the flags
  raised by learners of their own classes, never other teachers'.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, Text, case, cast, func, null, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import NamedFromClause

from quizapp.domain.bank_translation import current_words
from quizapp.domain.grading import shown_entries
from quizapp.domain.item_analysis import (
    CHOICE_TYPES,
    MIN_ATTEMPTS,
    ItemQuestion,
    ItemStats,
    QuestionTallies,
    Tally,
    analyse_tallies,
)
from quizapp.models import (
    Account,
    Answer,
    Assignment,
    Attempt,
    Bank,
    Classroom,
    Question,
    QuestionFlag,
    QuestionVersion,
)
from quizapp.services import caches
from quizapp.services.bank_access import own_or_bundled, teachers_learners
from quizapp.services.bank_words import title_in, translated_questions


@dataclass(frozen=True)
class OpenFlag:
    """A problem a learner reported, not yet closed."""

    id: int
    reason: str  # one of FLAG_REASONS
    comment: str | None
    learner: str | None  # their name; None for practice without an account
    created_at: dt.datetime


@dataclass(frozen=True)
class QuestionReport:
    """One question version: what it says, its statistics, and its open flags."""

    version_id: int
    question_number: int  # its place in the bank, from 1
    version: int
    prompt: str
    type: str
    stats: ItemStats
    flags: list[OpenFlag]
    language: str = "en"  # of ``prompt`` and ``choice_words``: the bank's, or its translation's
    original_prompt: str | None = None  # the bank's own words, when ``prompt`` is a translation
    original_language: str | None = None  # the bank's language, when ``prompt`` is a translation
    choice_words: tuple[tuple[str, str], ...] = ()  # each choice as the bank wrote it, translated

    def choice_in_words(self, choice: str) -> str:
        """A choice as the bank wrote it, in this report's language."""
        return dict(self.choice_words).get(choice, choice)


@dataclass(frozen=True)
class ItemReport:
    """The questions of an assignment or a bank, analysed."""

    learners: int
    more_needed: int
    questions: list[QuestionReport]
    minimum: int = MIN_ATTEMPTS

    @property
    def enough(self) -> bool:
        """True when the statistics can be shown."""
        return self.more_needed == 0


@dataclass(frozen=True)
class BankPage:
    """A bank as a teacher sees its questions' analysis and flags."""

    slug: str
    title: str
    language: str  # the title's: the teacher's language where the bank's translation has it
    mine: bool
    report: ItemReport


_KEY = tuple[int, int | None, int, bool, str | None]  # version, score, max score, right, response


@dataclass(frozen=True)
class _Kept:
    """A scope's chosen attempts (their ids, sorted) and what their answers add up to."""

    ids: array[int]
    counts: Counter[_KEY]


def _grouped(attempts: NamedFromClause, *leading: Any) -> Select[Any]:
    """The answers of ``attempts`` (id, score and max_score of each), counted by version, score,
    max score, rightness and, for choice questions, response (the response of other types is
    left out, or each would be a group); each row starts with the ``leading`` columns."""
    response = case((QuestionVersion.type.in_(CHOICE_TYPES),
                     func.coalesce(cast(Answer.response, Text), "null")))
    return (select(*leading, Answer.question_version_id, attempts.c.score, attempts.c.max_score,
                   Answer.correct, response, func.count())
            .select_from(attempts)
            .join(Answer, Answer.attempt_id == attempts.c.id)
            .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
            .group_by(Answer.question_version_id, attempts.c.score, attempts.c.max_score,
                      Answer.correct, response))


def _attempts(*where: ColumnElement[bool]) -> Select[tuple[int, int | None, int]]:
    """The id, score and max score of the attempts matching ``where``."""
    return select(Attempt.id, Attempt.score, Attempt.max_score).where(*where)


def _counts_of(session: Session, ids: list[int]) -> Counter[_KEY]:
    """What the answers of these attempts add up to."""
    rows = session.execute(_grouped(_attempts(Attempt.id.in_(ids)).subquery()))
    return Counter({tuple(key): times for *key, times in rows})


def _ids(attempts: NamedFromClause) -> Select[tuple[str | None]]:
    """The ids of ``attempts`` as one string of numbers and commas: 90,000 ids read as 90,000
    rows take the driver and SQLAlchemy about twice as long."""
    return select(func.aggregate_strings(cast(attempts.c.id, Text), ","))


def _sorted_ids(text: str | None) -> array[int]:
    """The ids ``_ids`` wrote, sorted."""
    return array("q", sorted(map(int, text.split(",")))) if text else array("q")


def _ids_and_counts(session: Session, chosen: list[ColumnElement[bool]]) -> _Kept:
    """The attempts matching ``chosen`` and what their answers add up to, read in one statement:
    on PostgreSQL, as on SQLite, one statement sees one snapshot, so the two always agree.
    The attempts are found once, for both."""
    attempts = _attempts(*chosen).cte("chosen")
    rows = session.execute(union_all(_grouped(attempts, null()),
                                     _ids(attempts).add_columns(*[null()] * 6))).all()
    return _Kept(_sorted_ids(next((row[0] for row in rows if row[0] is not None), None)),
                 Counter({tuple(key): times for _ids, *key, times in rows if _ids is None}))


KEEP_FROM = 1_000  # chosen attempts from which a scope's counts are kept between calls
MAX_CHANGE = 2_000  # attempts in or out since the kept counts beyond which all are counted again


def _chosen_counts(session: Session, chosen: list[ColumnElement[bool]], scope: Hashable) -> _Kept:
    """The attempts matching ``chosen`` and what their answers add up to, kept for large scopes
    (``scope`` names ``chosen``: one name for one set of conditions).

    A SQLite database groups a million answers by sorting them, which takes over a second;
    so a scope of KEEP_FROM attempts or more keeps its counts with its attempts' ids, and the
    next call reads only the ids (one indexed query) and counts the answers of the attempts
    that came in or went out since (a new first attempt, an assignment deleted, a learner's
    earlier-started attempt submitted), adding and subtracting them.

    Why this stays exactly right: what one chosen attempt adds is fixed once it is submitted.
    Its score and answers are written in the transaction that submits it and never change
    after; nothing deletes attempts, so an id names one attempt for good. Which attempts are
    chosen is read afresh on every call, so a change of that set is always seen. Kept counts
    are read in the same statement as their ids (``_ids_and_counts``), so they agree. They are
    kept per engine: a database emptied under a running app (the tests' fixtures do it) gets
    a new engine with it; a database restored into an empty one is a new database URL.
    """
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    kept = caches.item_counts(engine).get(scope)
    if kept is None:
        fresh = _ids_and_counts(session, chosen)
    else:
        ids = _sorted_ids(session.scalar(_ids(_attempts(*chosen).subquery())))
        if ids == kept.ids:
            return kept
        now, before = set(ids), set(kept.ids)
        came, went = sorted(now - before), sorted(before - now)
        if len(came) + len(went) > MAX_CHANGE:
            fresh = _ids_and_counts(session, chosen)
        else:
            counts = kept.counts.copy()
            if came:
                counts.update(_counts_of(session, came))
            if went:
                counts.subtract(_counts_of(session, went))
            fresh = _Kept(ids, +counts)  # + drops the keys counted down to nothing
    if len(fresh.ids) >= KEEP_FROM:
        caches.item_counts(engine).put(scope, fresh)
    return fresh


def _counted(session: Session, where: list[ColumnElement[bool]],
             scope: Hashable) -> tuple[int, dict[int, QuestionTallies]]:
    """How many learners, and each version's answers counted by total and by response, from each
    learner's first counted, submitted attempt matching ``where`` (the first started); ``scope``
    names ``where``, as ("assignment", its id).

    The database adds the answers up: a bank used by thousands of classes comes back as a few
    rows per question, not a row per answer.
    """
    counted = [Attempt.counts, Attempt.submitted_at.is_not(None), *where]
    firsts = (select(func.min(Attempt.id)).where(*counted, Attempt.account_id.is_not(None))
              .group_by(Attempt.account_id))
    chosen = [*counted, or_(Attempt.account_id.is_(None), Attempt.id.in_(firsts))]
    kept = _chosen_counts(session, chosen, scope)
    tallies: dict[int, QuestionTallies] = {}
    for (version_id, score, max_score, correct, text), times in kept.counts.items():
        total = (score or 0) / max_score if max_score else 0.0
        counted_here = tallies.setdefault(version_id, QuestionTallies())
        counted_here.tallies.append(Tally(total, times, times if correct else 0))
        if text is not None:
            counted_here.responses.append((json.loads(text), times))
    return len(kept.ids), tallies


def _report(session: Session, counted: tuple[int, dict[int, QuestionTallies]],
            flags: dict[int, list[OpenFlag]], also: Iterable[int] = (),
            language: str | None = None) -> ItemReport:
    """Analyse the versions the learners answered, those with flags, and ``also``; each
    question in ``language`` where its bank's translation has its words of that version."""
    learners, tallies = counted
    wanted = set(tallies) | set(flags) | set(also)
    versions = session.execute(
        select(QuestionVersion.id, QuestionVersion.number, QuestionVersion.prompt,
               QuestionVersion.type, QuestionVersion.key, QuestionVersion.text_fingerprint,
               Question.position, Question.slug, Question.bank_id, Bank.language)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Bank, Bank.id == Question.bank_id)
        .where(QuestionVersion.id.in_(list(wanted)))
        .order_by(Question.position, QuestionVersion.number)).all()
    analysis = analyse_tallies([ItemQuestion(row.id, row.type, row.key) for row in versions],
                               learners, tallies)
    translated = translated_questions(session, {row.bank_id for row in versions
                                                if language and row.language != language}, language)
    questions = []
    for row, stats in zip(versions, analysis.items, strict=True):
        words = current_words(translated.get(row.bank_id, {}).get(row.slug), row.text_fingerprint)
        report = QuestionReport(row.id, row.position + 1, row.number, row.prompt, row.type, stats,
                                flags.get(row.id, []), row.language)
        if words and language:
            report = replace(report, prompt=words["prompt"], language=language,
                             original_prompt=row.prompt, original_language=row.language,
                             choice_words=tuple(zip(
                                 shown_entries(row.type, row.key), words["entries"] or [],
                                 strict=False)))
        questions.append(report)
    return ItemReport(analysis.learners, analysis.more_needed, questions)


def assignment_report(session: Session, assignment_id: int, language: str | None = None) -> ItemReport:
    """The item analysis of one assignment, from its class's counted attempts, in ``language``
    where the bank's translation has it."""
    return _report(session, _counted(session, [Attempt.assignment_id == assignment_id],
                                     ("assignment", assignment_id)), {}, language=language)


def _visible_flags(bank: Bank, teacher_id: int) -> list[ColumnElement[bool]]:
    """Conditions for the flags on a bank a teacher may see: all on their own bank; on a
    bundled one, those raised by learners of their classes."""
    if bank.owner_id == teacher_id:
        return []
    return [QuestionFlag.account_id.in_(teachers_learners(teacher_id))]


def teacher_bank(session: Session, teacher_id: int, slug: str) -> Bank | None:
    """A bank whose questions the teacher may study: bundled, or their own."""
    return session.scalar(select(Bank).where(Bank.slug == slug,
                                             own_or_bundled(Bank.owner_id, teacher_id)))


def bank_page(session: Session, teacher_id: int, bank: Bank, language: str | None = None) -> BankPage:
    """A bank's questions with their analysis and open flags, as this teacher may see them."""
    where = [Attempt.bank_id == bank.id]
    scope: tuple[object, ...] = ("bank", bank.id)
    if bank.owner_id != teacher_id:  # a bundled bank: only this teacher's classes
        scope = ("bank", bank.id, "classes of", teacher_id)
        where.append(Attempt.assignment_id.in_(
            select(Assignment.id).join(Classroom, Classroom.id == Assignment.classroom_id)
            .where(Classroom.teacher_id == teacher_id)))
    flags: dict[int, list[OpenFlag]] = {}
    for flag, name in session.execute(
            select(QuestionFlag, Account.display_name)
            .join(QuestionVersion, QuestionVersion.id == QuestionFlag.question_version_id)
            .join(Question, Question.id == QuestionVersion.question_id)
            .outerjoin(Account, Account.id == QuestionFlag.account_id)
            .where(Question.bank_id == bank.id, QuestionFlag.closed_at.is_(None),
                   *_visible_flags(bank, teacher_id))
            .order_by(QuestionFlag.created_at, QuestionFlag.id)):
        flags.setdefault(flag.question_version_id, []).append(
            OpenFlag(flag.id, flag.reason, flag.comment, name, flag.created_at))
    current = session.scalars(select(Question.current_version_id).where(
        Question.bank_id == bank.id, Question.retired.is_(False),
        Question.current_version_id.is_not(None)))
    report = _report(session, _counted(session, where, scope), flags,
                     [version for version in current if version is not None], language)
    title, title_language = bank.title, bank.language
    if language:  # the title as the page's language has it, like the questions below it
        words = title_in(language)
        title, title_language = session.execute(
            select(words.title, words.language).select_from(Bank)
            .outerjoin(words.translation, words.on).where(Bank.id == bank.id)).one()
    return BankPage(bank.slug, title, title_language, bank.owner_id == teacher_id, report)

"""A submitted attempt's result with its evidence, and a learner's list of attempts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from quizapp.database import HotQuery
from quizapp.domain.bank_translation import current_words, translated_response
from quizapp.domain.classroom_rules import PracticeReason
from quizapp.domain.grading import Response, right_answer
from quizapp.models import Answer, Attempt, Bank, BankTranslation, Citation, Source
from quizapp.services.attempts import load_attempt
from quizapp.services.bank_words import title_in
from quizapp.services.quiz_pages import reader_translation
from quizapp.services.source_translations import current_titles


@dataclass(frozen=True)
class Evidence:
    """A citation as the result page shows it."""

    citation_id: int
    source_id: str
    source_title: str
    publisher: str | None
    quote: str
    language: str = "en"  # the article's: a quote keeps its own language and direction
    quote_translation: str | None = None  # in the attempt's language, labelled as a translation
    source_kind: str = "article"  # or "explainer": learners always see which
    title_language: str | None = None  # the title's, when a translation gives it; else the article's

    @property
    def title_lang(self) -> str:
        """The language the source's title is shown in."""
        return self.title_language or self.language

    @property
    def from_explainer(self) -> bool:
        """Quoted from an explainer written for quizapp, not from a news article."""
        return self.source_kind == "explainer"


@dataclass(frozen=True)
class QuestionResult:
    """One question of a submitted attempt, with the learner's answer and the right one."""

    position: int
    type: str
    prompt: str
    unit: str | None
    response: Response
    right: Response
    correct: bool
    points_awarded: int
    points: int
    explanation: str
    evidence: list[Evidence]
    language: str = "en"  # of the prompt, answers and explanation


@dataclass(frozen=True)
class AttemptResult:
    """A submitted attempt: score and every question with its evidence."""

    token: str
    bank_slug: str
    bank_title: str
    language: str
    score: int
    max_score: int
    started_at: dt.datetime
    submitted_at: dt.datetime
    questions: list[QuestionResult]
    review: bool = False  # a run of the Review page
    practice: PracticeReason | None = None  # why, started to count, it was kept as practice

    @property
    def missed(self) -> list[QuestionResult]:
        """The questions not fully right, in the quiz's order: the page's summary lists them."""
        return [question for question in self.questions if not question.correct]


@dataclass(frozen=True)
class PastAttempt:
    """One of a learner's attempts, for their list."""

    token: str
    bank_title: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    score: int | None
    max_score: int
    counted: bool
    review: bool = False  # a run of the Review page, shown as such rather than by a bank's title


def learner_attempts(session: Session, account_id: int, limit: int = 200,
                     language: str = "en") -> list[PastAttempt]:
    """A learner's attempts, newest first: each can be reviewed or taken up again; titles in
    ``language`` where the bank has a translation."""
    words = title_in(language)
    rows = session.execute(
        select(Attempt, words.title).join(Bank, Bank.id == Attempt.bank_id)
        .outerjoin(words.translation, words.on)
        .where(Attempt.account_id == account_id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit))
    return [PastAttempt(a.token, title, a.started_at, a.submitted_at, a.score, a.max_score,
                        a.counts, a.review) for a, title in rows]


def attempt_result(session: Session, token: str, language: str = "en") -> AttemptResult | None:
    """A submitted attempt with answers, right answers and evidence; None if not submitted."""
    attempt = load_attempt(session, token)
    if attempt is None or attempt.submitted_at is None or attempt.score is None:
        return None
    answers = {
        answer.position: answer
        for answer in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))
    }
    citations = _evidence(session, [item.question_version_id for item in attempt.items], language)
    banks = {bank.id: bank for bank in session.scalars(select(Bank).where(Bank.id.in_(
        {attempt.bank_id} | {item.question_version.question.bank_id for item in attempt.items})))}
    translations = {bank_id: reader_translation(session, bank_id, bank.language, language)
                    for bank_id, bank in banks.items()}
    questions = []
    for item in attempt.items:  # each in its own bank's words: a review run's come from any bank
        bank = banks[item.question_version.question.bank_id]
        version = item.question_version
        questions.append(_question_result(item.position, version, version.question.slug,
                                          answers.get(item.position),
                                          citations.get(item.question_version_id, []),
                                          translations[bank.id], bank.language))
    translation = translations[attempt.bank_id]
    return AttemptResult(attempt.token, attempt.bank.slug,
                         translation.title if translation else attempt.bank.title,
                         translation.language if translation else attempt.bank.language,
                         attempt.score, attempt.max_score, attempt.started_at,
                         attempt.submitted_at, questions, attempt.review,
                         PracticeReason(attempt.practice_reason) if attempt.practice_reason else None)


def _evidence(session: Session, version_ids: list[int], language: str | None) -> dict[int, list[Evidence]]:
    """The citations of these question versions, by version, as the result page shows them; each
    source under its title in ``language`` where its translation has one."""
    rows = session.execute(
        select(Citation.question_version_id, Citation.id, Citation.source_id, Source.title,
               Source.publisher, Citation.quote, Source.language, Source.kind)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.question_version_id.in_(version_ids)).order_by(Citation.position)).all()
    titles = current_titles(session, {row[2] for row in rows}, language)
    citations: dict[int, list[Evidence]] = {}
    for version_id, *shown in rows:
        citations.setdefault(version_id, []).append(_evidence_of(shown, titles, language))
    return citations


def _evidence_of(row: Sequence[Any], titles: dict[str, str], language: str | None) -> Evidence:
    """A citation's row as shown, its source titled as the page the link opens is."""
    citation_id, source_id, title, publisher, quote, source_language, kind = row
    translated = titles.get(source_id)
    return Evidence(citation_id, source_id, translated or title, publisher, quote, source_language,
                    source_kind=kind, title_language=language if translated else None)


# One question's evidence, straight on the driver: learn mode shows it after every answer.
_QUESTION_EVIDENCE = HotQuery(
    select(Citation.id, Citation.source_id, Source.title, Source.publisher, Citation.quote,
           Source.language, Source.kind)
    .join(Source, Source.id == Citation.source_id)
    .where(Citation.question_version_id == bindparam("version_id")).order_by(Citation.position))


@dataclass(frozen=True)
class Graded:
    """One answer graded before its attempt is recorded (learn mode), as an Answer reads."""

    response: Response
    correct: bool
    points_awarded: int


class VersionWords(Protocol):
    """What a result shows of a question version (a QuestionVersion, or a row of its columns)."""

    type: str
    key: dict[str, Any]
    prompt: str
    explanation: str
    points: int
    text_fingerprint: str | None


def question_result(session: Session, position: int, version_id: int, version: VersionWords,
                    slug: str, answer: Answer | Graded | None, bank_language: str,
                    translation: BankTranslation | None) -> QuestionResult:
    """One question of an attempt as the result page shows it, with ``answer`` and its evidence,
    in its bank's ``translation`` (None: the bank's own words, in ``bank_language``)."""
    evidence = _question_evidence(session, version_id, translation)
    return _question_result(position, version, slug, answer, evidence, translation, bank_language)


def _question_evidence(session: Session, version_id: int,
                       translation: BankTranslation | None) -> list[Evidence]:
    rows = _QUESTION_EVIDENCE.all(session, version_id=version_id)
    language = translation.language if translation else None
    titles = current_titles(session, {row[1] for row in rows}, language)
    return [_evidence_of(row, titles, language) for row in rows]


def cited_evidence(session: Session, version_id: int, slug: str, text_fingerprint: str | None,
                   translation: BankTranslation | None) -> list[Evidence]:
    """A question version's citations as a result page shows them, each glossed where the bank's
    ``translation`` (None: its own words) translates the version of today."""
    words = current_words(translation.questions.get(slug) if translation else None, text_fingerprint)
    return _glossed(words, _question_evidence(session, version_id, translation))


def _glossed(words: dict[str, Any] | None, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with each passage's gloss from a question's translated ``words``, if any."""
    if not words:
        return evidence
    glosses = words.get("quote_translations") or []
    return [replace(shown, quote_translation=glosses[index] if index < len(glosses) else None)
            for index, shown in enumerate(evidence)]


def _question_result(position: int, version: VersionWords, slug: str, answer: Answer | Graded | None,
                     evidence: list[Evidence], translation: BankTranslation | None,
                     bank_language: str) -> QuestionResult:
    words = current_words(translation.questions.get(slug) if translation else None,
                          version.text_fingerprint)
    entries = list(words["entries"]) if words else []
    response = answer.response if answer else None
    right = right_answer(version.type, version.key)
    evidence = _glossed(words, evidence)
    return QuestionResult(
        position=position, type=version.type,
        prompt=words["prompt"] if words else version.prompt,
        unit=(words.get("unit") if words else None) or version.key.get("unit"),
        response=translated_response(version.type, version.key, response, entries),
        right=translated_response(version.type, version.key, right, entries),
        correct=bool(answer and answer.correct),
        points_awarded=answer.points_awarded if answer else 0,
        points=version.points, explanation=words["explanation"] if words else version.explanation,
        evidence=evidence,
        language=translation.language if words and translation else bank_language)

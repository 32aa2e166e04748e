"""Start, show, submit and review attempts; each write is one short ``write_transaction`` here."""

from __future__ import annotations

import datetime as dt
import enum
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, bindparam, delete, func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from quizapp.database import HotQuery, write_transaction
from quizapp.domain.bank_translation import current_words, translated_response
from quizapp.domain.grading import (
    Response,
    ResponseError,
    is_correct,
    presentation_order,
    read_response,
    right_answer,
    shown_entries,
)
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import (
    Answer,
    Assignment,
    AssignmentScore,
    Attempt,
    AttemptItem,
    Bank,
    BankTranslation,
    Citation,
    Classroom,
    Membership,
    Question,
    QuestionVersion,
    SavedAnswer,
    utc_now,
)
from quizapp.services import review_cards


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


# A version's content never changes, and its hash names it in any database: cache by hash.
_CONTENT_BY_HASH: dict[str, _Content] = {}
_CONTENT_CACHE_LIMIT = 20_000


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


class SubmitStatus(enum.Enum):
    """How a submission went."""

    RECORDED = "recorded"
    ALREADY_SUBMITTED = "already_submitted"
    NEEDS_CORRECTION = "needs_correction"
    HAS_BLANKS = "has_blanks"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Submission:
    """The outcome of a submission; errors and blanks are keyed by question position."""

    status: SubmitStatus
    errors: dict[int, ResponseError] = field(default_factory=dict)
    blanks: list[int] = field(default_factory=list)


def start_attempt(session: Session, bank_slug: str, rng: random.Random | None = None, *,
                  account_id: int | None = None, assignment_id: int | None = None,
                  counts: bool = False) -> str | None:
    """Create an attempt on a listed bank's current questions and return its token.

    Practice needs no account; an attempt on an assignment belongs to its learner and
    ``counts`` towards the assignment unless it was started after the due date.
    """
    rng = rng or random.SystemRandom()
    bank = session.scalar(select(Bank).where(Bank.slug == bank_slug, Bank.listed))
    if bank is None:
        return None
    versions = list(session.scalars(
        select(QuestionVersion)
        .join(Question, Question.current_version_id == QuestionVersion.id)
        .where(Question.bank_id == bank.id, Question.retired.is_(False))
        .order_by(Question.position)
    ))
    if not versions:
        return None
    attempt = _new_attempt(bank, versions, rng, account_id, assignment_id, counts)
    with write_transaction(session):
        session.add(attempt)
    return attempt.token


def _new_attempt(bank: Bank, versions: list[QuestionVersion], rng: random.Random,
                 account_id: int | None, assignment_id: int | None, counts: bool) -> Attempt:
    return Attempt(
        token=secrets.token_urlsafe(24),
        bank_id=bank.id,
        account_id=account_id,
        assignment_id=assignment_id,
        counts=counts and assignment_id is not None and account_id is not None,
        max_score=sum(version.points for version in versions),
        items=[
            AttemptItem(position=position, question_version_id=version.id,
                        shown_order=presentation_order(version.type, version.key, rng))
            for position, version in enumerate(versions, start=1)
        ],
    )


@dataclass(frozen=True)
class Ownership:
    """Who may see an attempt: its learner, and the teacher of its assignment's class."""

    account_id: int | None
    teacher_id: int | None


def ownership(session: Session, token: str) -> Ownership | None:
    """Whose attempt this is; None when there is no such attempt. Practice has no owner."""
    row = session.execute(
        select(Attempt.account_id, Classroom.teacher_id)
        .outerjoin(Assignment, Assignment.id == Attempt.assignment_id)
        .outerjoin(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Attempt.token == token)).first()
    return Ownership(row[0], row[1]) if row else None


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


def learner_attempts(session: Session, account_id: int, limit: int = 200) -> list[PastAttempt]:
    """A learner's attempts, newest first: each can be reviewed or taken up again."""
    rows = session.execute(
        select(Attempt, Bank.title).join(Bank, Bank.id == Attempt.bank_id)
        .where(Attempt.account_id == account_id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit))
    return [PastAttempt(a.token, title, a.started_at, a.submitted_at, a.score, a.max_score,
                        a.counts, a.review) for a, title in rows]


def start_redo(session: Session, token: str, account_id: int | None,
               rng: random.Random | None = None) -> str | None:
    """A practice attempt on just the questions answered wrongly, as they were shown then.

    Returns its token; None when the attempt is not submitted or nothing was wrong.
    """
    rng = rng or random.SystemRandom()
    attempt = _load(session, token)
    if attempt is None or attempt.submitted_at is None:
        return None
    wrong = session.scalars(select(Answer.question_version_id).where(
        Answer.attempt_id == attempt.id, Answer.correct.is_(False)).order_by(Answer.position)).all()
    if not wrong:
        return None
    versions = {item.question_version_id: item.question_version for item in attempt.items}
    redo = Attempt(
        token=secrets.token_urlsafe(24), bank_id=attempt.bank_id, account_id=account_id,
        max_score=sum(versions[v].points for v in wrong),
        items=[AttemptItem(position=position, question_version_id=version_id,
                           shown_order=presentation_order(versions[version_id].type,
                                                          versions[version_id].key, rng))
               for position, version_id in enumerate(wrong, start=1)],
    )
    with write_transaction(session):
        session.add(redo)
    return redo.token


def _load(session: Session, token: str) -> Attempt | None:
    return session.scalar(
        select(Attempt).where(Attempt.token == token)
        .options(joinedload(Attempt.bank),
                 selectinload(Attempt.items).joinedload(AttemptItem.question_version)
                 .joinedload(QuestionVersion.question))
    )


def quiz_page(session: Session, token: str, language: str = "en") -> QuizPage | None:
    """The questions of an attempt as they were shown, in ``language`` where a translation has them.

    Questions whose translation is missing or out of date keep the bank's own words.
    """
    rows = session.execute(
        select(Attempt.submitted_at, Attempt.review, Bank.id.label("bank_id"), Bank.slug, Bank.title,
               Bank.language, AttemptItem.position, AttemptItem.shown_order, QuestionVersion.id,
               QuestionVersion.content_hash, QuestionVersion.text_fingerprint,
               Question.slug.label("question_slug"))
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        # Each question's own bank: a review run's questions come from any bank.
        .join(Bank, Bank.id == Question.bank_id)
        .where(Attempt.token == token).order_by(AttemptItem.position)
    ).all()
    if not rows:
        return None
    _cache_contents(session, {row.id: row.content_hash for row in rows
                              if row.content_hash not in _CONTENT_BY_HASH})
    first = rows[0]
    translations = {row.bank_id: _translation(session, row.bank_id, row.language, language)
                    for row in rows}
    questions = []
    for row in rows:
        content = _CONTENT_BY_HASH[row.content_hash]
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
                    first.submitted_at is not None, questions, first.review)


def _translation(session: Session, bank_id: int, bank_language: str,
                 language: str) -> BankTranslation | None:
    """The bank's translation into the reader's language, when the bank is in another one."""
    if language.split("-")[0] == bank_language.split("-")[0]:
        return None
    return session.scalar(select(BankTranslation).where(BankTranslation.bank_id == bank_id,
                                                        BankTranslation.language == language))


def _cache_contents(session: Session, missing: dict[int, str]) -> None:
    if not missing:
        return
    if len(_CONTENT_BY_HASH) > _CONTENT_CACHE_LIMIT:
        _CONTENT_BY_HASH.clear()
    for version in session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(missing))):
        _CONTENT_BY_HASH[version.content_hash] = _Content(
            version.type, version.prompt, version.points,
            tuple(shown_entries(version.type, version.key)), version.key.get("unit"))


def submit_attempt(session: Session, token: str, raw: Mapping[int, list[str]],
                   allow_blanks: bool = False, retention: float = DEFAULT_RETENTION) -> Submission:
    """Grade and record an attempt once; a second submission of the same attempt changes nothing.

    A signed-in learner's answers also make or update their review cards (wrong: Again,
    right: Good, scheduled for ``retention``), in the same transaction; scores never depend
    on them.

    ``raw`` maps each question's position to the values its form fields sent. Nothing is
    written when a response cannot be read, or when some are blank and blanks are not allowed.
    """
    attempt = _load(session, token)
    if attempt is None:
        return Submission(SubmitStatus.NOT_FOUND)
    if attempt.submitted_at is not None:
        return Submission(SubmitStatus.ALREADY_SUBMITTED)

    responses: dict[int, Response] = {}
    errors: dict[int, ResponseError] = {}
    blanks: list[int] = []
    for item in attempt.items:
        version = item.question_version
        read = read_response(version.type, version.key, item.shown_order,
                             raw.get(item.position, []))
        if read.error is not None:
            errors[item.position] = read.error
        elif read.blank:
            blanks.append(item.position)
        responses[item.position] = read.value
    if errors:
        return Submission(SubmitStatus.NEEDS_CORRECTION, errors=errors, blanks=blanks)
    if blanks and not allow_blanks:
        return Submission(SubmitStatus.HAS_BLANKS, blanks=blanks)

    answers = []
    for item in attempt.items:
        version = item.question_version
        right = is_correct(version.type, version.key, responses[item.position])
        answers.append(Answer(attempt_id=attempt.id, position=item.position,
                              question_version_id=version.id,
                              response=responses[item.position], correct=right,
                              points_awarded=version.points if right else 0))
    score = sum(a.points_awarded for a in answers)
    at = review_cards.now()  # the clock the review cards are scheduled by (tests move it)
    answered = [(version.question_id, answer.correct,
                 review_cards.concept_id(version.tags, version.question.bank.tags))
                for version, answer in zip((item.question_version for item in attempt.items), answers,
                                           strict=True)]
    # Graded above, on the read; the write transaction only claims and stores.
    with write_transaction(session):
        claimed = session.execute(
            update(Attempt)
            .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
            .values(submitted_at=at, score=score)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # another request submitted it first
            session.rollback()
            return Submission(SubmitStatus.ALREADY_SUBMITTED)
        session.add_all(answers)
        if attempt.account_id is not None:
            review_cards.record_answers(session, attempt.account_id, answered, at, retention)
        if attempt.answers_saved_at is not None:  # kept only until the answers are recorded
            session.execute(delete(SavedAnswer).where(SavedAnswer.attempt_id == attempt.id))
        if attempt.counts and attempt.assignment_id is not None and attempt.account_id is not None:
            _record_best(session, attempt.assignment_id, attempt.account_id, score,
                         attempt.max_score)
    return Submission(SubmitStatus.RECORDED)


def _record_best(session: Session, assignment_id: int, account_id: int, score: int,
                 max_score: int) -> None:
    """Keep the learner's best score and class total, in the submission's own transaction.

    Only submissions made before the due date count.

    The membership row is locked first (PostgreSQL; SQLite's writers are serialised
    already), so two submissions of one learner cannot both add to the total.
    """
    classroom_id, due_at = session.execute(
        select(Assignment.classroom_id, Assignment.due_at).where(Assignment.id == assignment_id)).one()
    now = utc_now()
    if due_at is not None and now >= due_at:
        return  # started in time but sent after the due date: practice, like any late attempt
    membership = session.scalar(
        select(Membership).where(Membership.classroom_id == classroom_id,
                                 Membership.account_id == account_id).with_for_update())
    # Read once the row is locked: an assignment deleted meanwhile took its points out of
    # the total (class_management.delete_assignment), so nothing may be added now.
    if session.scalar(select(Assignment.deleted_at).where(Assignment.id == assignment_id)):
        return
    best = session.get(AssignmentScore, (assignment_id, account_id), populate_existing=True)
    if best is None:
        best = AssignmentScore(assignment_id=assignment_id, account_id=account_id,
                               best_score=score, max_score=max_score, attempts=1,
                               last_activity=now)
        session.add(best)
        gain = score
    else:
        gain = max(0, score - best.best_score)
        best.best_score += gain
        best.max_score = max_score if gain else best.max_score
        best.attempts += 1
        best.last_activity = now
    if membership is not None and gain:
        membership.total += gain


def attempt_result(session: Session, token: str, language: str = "en") -> AttemptResult | None:
    """A submitted attempt with answers, right answers and evidence; None if not submitted."""
    attempt = _load(session, token)
    if attempt is None or attempt.submitted_at is None or attempt.score is None:
        return None
    answers = {
        answer.position: answer
        for answer in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))
    }
    version_ids = [item.question_version_id for item in attempt.items]
    citations: dict[int, list[Evidence]] = {}
    for citation in session.scalars(
        select(Citation).where(Citation.question_version_id.in_(version_ids))
        .options(joinedload(Citation.source)).order_by(Citation.position)
    ):
        citations.setdefault(citation.question_version_id, []).append(Evidence(
            citation.id, citation.source_id, citation.source.title, citation.source.publisher,
            citation.quote, citation.source.language, source_kind=citation.source.kind))
    banks = {bank.id: bank for bank in session.scalars(select(Bank).where(Bank.id.in_(
        {attempt.bank_id} | {item.question_version.question.bank_id for item in attempt.items})))}
    translations = {bank_id: _translation(session, bank_id, bank.language, language)
                    for bank_id, bank in banks.items()}
    questions = []
    for item in attempt.items:  # each in its own bank's words: a review run's come from any bank
        bank = banks[item.question_version.question.bank_id]
        questions.append(_question_result(item, answers.get(item.position), citations.get(
            item.question_version_id, []), translations[bank.id], bank.language))
    translation = translations[attempt.bank_id]
    return AttemptResult(attempt.token, attempt.bank.slug,
                         translation.title if translation else attempt.bank.title,
                         translation.language if translation else attempt.bank.language,
                         attempt.score, attempt.max_score, attempt.started_at,
                         attempt.submitted_at, questions, attempt.review)


def _question_result(item: AttemptItem, answer: Answer | None, evidence: list[Evidence],
                     translation: BankTranslation | None, bank_language: str) -> QuestionResult:
    version = item.question_version
    slug = version.question.slug
    words = current_words(translation.questions.get(slug) if translation else None,
                          version.text_fingerprint)
    entries = list(words["entries"]) if words else []
    response = answer.response if answer else None
    right = right_answer(version.type, version.key)
    if words:
        glosses = words.get("quote_translations") or []
        evidence = [replace(shown, quote_translation=glosses[index] if index < len(glosses) else None)
                    for index, shown in enumerate(evidence)]
    return QuestionResult(
        position=item.position, type=version.type,
        prompt=words["prompt"] if words else version.prompt,
        unit=(words.get("unit") if words else None) or version.key.get("unit"),
        response=translated_response(version.type, version.key, response, entries),
        right=translated_response(version.type, version.key, right, entries),
        correct=bool(answer and answer.correct),
        points_awarded=answer.points_awarded if answer else 0,
        points=version.points, explanation=words["explanation"] if words else version.explanation,
        evidence=evidence,
        language=translation.language if words and translation else bank_language)


_STATE = HotQuery(select(Attempt.submitted_at, Attempt.account_id, Attempt.answers_saved_at)
                  .where(Attempt.token == bindparam("token")))
_QUESTION_COUNT = HotQuery(select(func.count()).select_from(AttemptItem)
                           .join(Attempt, Attempt.id == AttemptItem.attempt_id)
                           .where(Attempt.token == bindparam("token")))


@dataclass(frozen=True)
class AttemptState:
    """Whether an attempt is submitted, whose it is (None for practice without an account),
    and whether answers were saved before submitting."""

    submitted: bool
    account_id: int | None
    has_saved_answers: bool = False


def attempt_state(engine: Engine, token: str) -> AttemptState | None:
    """The attempt's state, or None if there is no such attempt.

    Every view of a quiz page asks this, so it runs straight on the driver.
    """
    row = _STATE.first(engine, token=token)
    return None if row is None else AttemptState(row[0] is not None, row[1], row[2] is not None)


def question_count(engine: Engine, token: str) -> int:
    """How many questions the attempt shows (0 if there is no such attempt).

    Asked only when a page number must be checked or chosen: a view of a cached first page
    needs no count.
    """
    row = _QUESTION_COUNT.first(engine, token=token)
    return int(row[0]) if row else 0

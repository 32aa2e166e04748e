"""Teachers' own banks and articles: check, preview, publish, download; who may see them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.database import write_transaction
from quizapp.domain import bank_format, clock
from quizapp.domain.articles import Article, parse_article
from quizapp.domain.bank_translation import (
    Translation,
    declares_translation,
    parse_translation,
    stale_questions,
    translated_response,
    translation_template,
)
from quizapp.domain.catalog import citation_checker
from quizapp.domain.curriculum import Shelves, placement_tags, shelve
from quizapp.domain.grading import right_answer, shown_entries
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem, in_file_order
from quizapp.models import (
    Bank,
    BankTranslation,
    Citation,
    Question,
    QuestionVersion,
    Source,
)
from quizapp.services.bank_access import (
    assignable_by,
    on_owners_list,
    own_or_bundled,
    published_by,
    visible_to,
)
from quizapp.services.bank_words import title_in
from quizapp.services.catalog_loading import LoadReport, store_article, store_bank, store_translation


@dataclass(frozen=True)
class PreviewCitation:
    """A cited passage as the preview shows it."""

    source_id: str
    source_title: str
    quote: str
    language: str = "en"  # the article's
    quote_translation: str | None = None


@dataclass(frozen=True)
class PreviewQuestion:
    """A question as learners will see it, with its answer, explanation and evidence."""

    position: int
    type: str
    prompt: str
    entries: list[str]
    unit: str | None
    right: object
    explanation: str
    points: int
    citations: list[PreviewCitation]


@dataclass(frozen=True)
class BankCheck:
    """The outcome of checking a bank's text: a preview when it passed, problems when not."""

    text: str
    problems: list[Problem]
    bank: bank_format.Bank | None
    questions: list[PreviewQuestion]
    replaces_own: bool = False  # the teacher already has a bank with this id (or translation)
    translation: Translation | None = None  # set when the file translates one of their banks

    @property
    def passed(self) -> bool:
        """True when the bank can be published."""
        return self.bank is not None and not self.problems


def _articles(session: Session, teacher_id: int) -> dict[str, Article]:
    rows = session.scalars(select(Source).where(own_or_bundled(Source.owner_id, teacher_id)))
    return {row.id: Article(row.id, row.title, row.body, row.publisher, row.published, row.url,
                            row.language) for row in rows}


def check_bank_text(session: Session, teacher_id: int, data: bytes, name: str) -> BankCheck:
    """Check a bank with the same code as ``quizapp validate``; nothing is written.

    Citations may quote the bundled articles and the teacher's own. The file name does
    not matter here; an id already used by a bundled bank or another teacher's is refused.
    The bank format's own checks refuse files over 1 MiB.
    """
    text = data.decode("utf-8-sig", errors="replace")
    if declares_translation(data):
        return _check_translation_text(session, teacher_id, data, name, text)
    articles = _articles(session, teacher_id)
    bank, problems = bank_format.parse_bank(name, "bank", data, citation_checker(articles))
    replaces_own = False
    if bank is not None:
        owner = session.execute(select(Bank.owner_id).where(Bank.slug == bank.id)).first()
        if owner is not None and owner[0] != teacher_id:
            problems.append(_id_taken(name, bank))
        replaces_own = owner is not None and owner[0] == teacher_id
    if problems or bank is None:
        return BankCheck(text, in_file_order(problems), None, [])
    return BankCheck(text, [], bank, _preview(bank, articles), replaces_own)


def _check_translation_text(session: Session, teacher_id: int, data: bytes, name: str,
                            text: str) -> BankCheck:
    """Check a translation of one of the teacher's own banks, as published."""
    own = {row.slug: row.yaml_text for row in session.execute(
        select(Bank.slug, Bank.yaml_text).where(*published_by(teacher_id)))}
    banks = {}
    for slug, yaml_text in own.items():
        bank, _ = bank_format.parse_bank(slug, slug, (yaml_text or "").encode("utf-8"))
        if bank is not None:
            banks[slug] = bank
    stem = name.rsplit(".", 1)[0] if name != "pasted.yaml" else None
    translation, problems, _ = parse_translation(name, stem, data, banks)
    if translation is None:
        return BankCheck(text, in_file_order(problems), None, [])
    bank = banks[translation.bank_id]
    exists = session.scalar(select(BankTranslation.id).join(Bank).where(
        Bank.slug == bank.id, BankTranslation.language == translation.language)) is not None
    articles = _articles(session, teacher_id)
    return BankCheck(text, [], bank, _translated_preview(bank, translation, articles), exists,
                     translation)


def _translated_preview(bank: bank_format.Bank, translation: Translation,
                        articles: dict[str, Article]) -> list[PreviewQuestion]:
    words = {question.id: question for question in translation.questions}
    preview = []
    for number, question in enumerate(bank.questions, start=1):
        translated = words[question.id]
        entries = list(translated.entries) or shown_entries(question.type, question.key)
        right = right_answer(question.type, question.key)
        preview.append(PreviewQuestion(
            position=number, type=question.type, prompt=translated.prompt, entries=entries,
            unit=translated.unit or question.key.get("unit"),
            right=translated_response(question.type, question.key, right, list(translated.entries)),
            explanation=translated.explanation, points=question.points,
            citations=[PreviewCitation(c.source, articles[c.source].title, c.quote,
                                       articles[c.source].language, gloss)
                       for c, gloss in zip(question.citations, translated.quote_translations,
                                           strict=True)]))
    return preview


def _preview(bank: bank_format.Bank, articles: dict[str, Article]) -> list[PreviewQuestion]:
    return [PreviewQuestion(
        position=number, type=question.type, prompt=question.prompt,
        entries=shown_entries(question.type, question.key), unit=question.key.get("unit"),
        right=right_answer(question.type, question.key), explanation=question.explanation,
        points=question.points,
        citations=[PreviewCitation(c.source, articles[c.source].title, c.quote,
                                         articles[c.source].language or "en")
                   for c in question.citations],
    ) for number, question in enumerate(bank.questions, start=1)]


def publish_bank(session: Session, teacher_id: int, data: bytes, name: str) -> BankCheck:
    """Check the bank again and, if it passes, store it as the teacher's; commits.

    A bank the teacher published before gets new versions of changed questions only, so
    past attempts and scores never change.
    """
    checked = check_bank_text(session, teacher_id, data, name)  # parse_bank: before the lock
    if checked.bank is None:
        return checked
    bank = checked.bank
    with write_transaction(session):
        if checked.translation is not None:
            store_translation(session, checked.translation, checked.text)
            return checked
        owner = session.execute(select(Bank.owner_id).where(Bank.slug == bank.id)).first()
        if owner is not None and owner[0] != teacher_id:  # taken since the check above
            session.rollback()
            return BankCheck(checked.text, [_id_taken(name, bank)], None, [])
        store_bank(session, bank, LoadReport(), owner_id=teacher_id, yaml_text=checked.text)
    return checked


def _id_taken(name: str, bank: bank_format.Bank) -> Problem:
    return Problem(name, bank.line, bank.id,
                   msg("the bank id %(id)r is already used by another bank: give yours its own "
                       "id in 'bank:'", id=bank.id))


@dataclass(frozen=True)
class OwnBank:
    """One of a teacher's banks, for their list."""

    slug: str
    title: str
    questions: int
    mine: bool
    language: str = "en"
    # Per other language: how many questions it lacks or has out of date; None: no translation.
    translations: tuple[tuple[str, int | None], ...] = ()
    listed: bool = True  # False: the teacher unpublished it (it stays on their list only)


def teacher_banks(session: Session, teacher_id: int, languages: list[str],
                  reading: str | None = None) -> list[OwnBank]:
    """The teacher's own banks (unpublished ones too), then the bundled ones, by title, with where
    their translations stand; titles in ``reading`` where a translation has one. Deleted banks
    are left out."""
    rows = session.scalars(select(Bank).where(on_owners_list(teacher_id),
                                              own_or_bundled(Bank.owner_id, teacher_id))
                           .options(selectinload(Bank.questions).selectinload(Question.current_version))
                           .order_by(Bank.owner_id.is_(None), Bank.title)).all()
    translated = session.execute(
        select(BankTranslation.bank_id, BankTranslation.language, BankTranslation.questions,
               BankTranslation.title)
        .where(BankTranslation.bank_id.in_([row.id for row in rows]))).all()
    stored: dict[tuple[int, str], dict] = {  # type: ignore[type-arg]
        (row.bank_id, row.language): row.questions for row in translated}
    titles = {row.bank_id: row.title for row in translated if row.language == reading}
    banks = []
    for row in rows:
        current = {q.slug: q.current_version.text_fingerprint if q.current_version else None
                   for q in row.questions if not q.retired}
        translations = tuple(
            (language, len(stale_questions(current, stored[(row.id, language)]))
             if (row.id, language) in stored else None)
            for language in languages if language != row.language)
        title = titles.get(row.id) if row.language != reading else None
        banks.append(OwnBank(row.slug, title or row.title, len(current), row.owner_id == teacher_id,
                             row.language, translations, row.listed))
    return banks


@dataclass(frozen=True)
class AssignableBank:
    """A bank a teacher may assign, its title in the teacher's language where it has one."""

    slug: str
    title: str
    tags: tuple[str, ...]  # its curriculum placement, to list it where the library does
    language: str = "en"  # of ``title``: the translation's, or the bank's own


def assignable_banks(session: Session, teacher_id: int, language: str = "en") -> Shelves[AssignableBank]:
    """The published banks a teacher may assign (bundled and their own), shelved as the library
    shelves them: by concept in teaching order, then case studies, then the rest, by title."""
    words = title_in(language)
    banks = [AssignableBank(slug, title, tuple(tags), title_language)
             for slug, title, tags, title_language in session.execute(
                 select(Bank.slug, words.title, Bank.tags, words.language)
                 .outerjoin(words.translation, words.on)
                 .where(*assignable_by(teacher_id)).order_by(words.title))]
    return shelve(banks, lambda bank: placement_tags(bank.tags))


def bank_yaml(session: Session, viewer_id: int | None, slug: str) -> str | None:
    """A bank's YAML as last published, if the viewer may see the bank (or unpublished it)."""
    return session.scalar(select(Bank.yaml_text).where(
        Bank.slug == slug, on_owners_list(viewer_id), visible_to(Bank.owner_id, viewer_id)))


def translation_file(session: Session, teacher_id: int, slug: str, language: str) -> str | None:
    """The teacher's translation of their bank as published, or a file to fill in; None if not theirs."""
    row = session.execute(select(Bank.id, Bank.yaml_text, Bank.language).where(
        Bank.slug == slug, *published_by(teacher_id))).first()
    if row is None or row.language == language:
        return None
    published = session.scalar(select(BankTranslation.yaml_text).where(
        BankTranslation.bank_id == row.id, BankTranslation.language == language))
    if published:
        return published
    bank, _ = bank_format.parse_bank(slug, slug, (row.yaml_text or "").encode("utf-8"))
    return translation_template(bank, language) if bank is not None else None


@dataclass(frozen=True)
class ArticleSaved:
    """The outcome of saving an article: problems to fix, or none."""

    problems: list[Problem]


def save_article(session: Session, teacher_id: int, source_id: str, markdown: str) -> ArticleSaved:
    """Check an article in the ``seeds/`` format and store it as the teacher's; commits.

    A teacher may correct their own article by saving it again under the same id; ids of
    bundled articles and other teachers' are refused.
    """
    article, problems = parse_article("article", source_id, markdown.encode("utf-8"))
    if article is None or problems:
        return ArticleSaved(problems)
    with write_transaction(session):
        owner = session.execute(select(Source.owner_id).where(Source.id == source_id)).first()
        if owner is not None and owner[0] != teacher_id:
            return ArticleSaved([Problem("article", 1, source_id,
                                         msg("the source id %(id)r is already used by another "
                                             "article: choose another", id=source_id))])
        store_article(session, article, owner_id=teacher_id)
    return ArticleSaved([])


@dataclass(frozen=True)
class OwnArticle:
    """One of the articles a teacher can cite."""

    id: str
    title: str
    publisher: str | None
    mine: bool


def citable_articles(session: Session, teacher_id: int) -> list[OwnArticle]:
    """The articles a teacher's banks may cite: their own first, then the bundled ones."""
    rows = session.scalars(select(Source).where(own_or_bundled(Source.owner_id, teacher_id))
                           .order_by(Source.owner_id.is_(None), Source.title))
    return [OwnArticle(row.id, row.title, row.publisher, row.owner_id == teacher_id)
            for row in rows]



def own_bank(session: Session, teacher_id: int, slug: str) -> Bank | None:
    """One of the teacher's own banks, not deleted; None for bundled banks and others'."""
    return session.scalar(select(Bank).where(Bank.slug == slug, Bank.owner_id == teacher_id,
                                             Bank.deleted_at.is_(None)))


def unpublish_bank(session: Session, bank: Bank) -> None:
    """Take a bank out of the library: it can no longer be started, by practice or assignment.

    Nothing is deleted: results of past attempts stay readable, scores stay recorded, and
    uploading the bank again publishes it again.
    """
    with write_transaction(session):
        bank.listed = False


def delete_bank(session: Session, bank: Bank) -> None:
    """Unpublish a bank and take it off its teacher's list.

    Its rows are kept (never deleted): attempts point at its questions, and their results
    stay readable. Uploading a bank with the same id brings it back.
    """
    with write_transaction(session):
        bank.listed = False
        bank.deleted_at = clock.now()


def own_article(session: Session, teacher_id: int, source_id: str) -> Source | None:
    """One of the teacher's own articles; None for bundled articles and others'."""
    return session.scalar(select(Source).where(Source.id == source_id,
                                               Source.owner_id == teacher_id))


def banks_citing(session: Session, source_id: str) -> list[str]:
    """The titles of the banks whose questions (any version) quote the article, by title."""
    return list(session.scalars(
        select(Bank.title).distinct()
        .join(Question, Question.bank_id == Bank.id)
        .join(QuestionVersion, QuestionVersion.question_id == Question.id)
        .join(Citation, Citation.question_version_id == QuestionVersion.id)
        .where(Citation.source_id == source_id).order_by(Bank.title)))


def delete_article(session: Session, article: Source) -> list[str]:
    """Delete an article no question quotes; else nothing, and the titles of the banks that do.

    Any version counts, even of a bank since unpublished: past results show their quotes.
    """
    with write_transaction(session):
        citing = banks_citing(session, article.id)
        if not citing:
            session.delete(article)
    return citing

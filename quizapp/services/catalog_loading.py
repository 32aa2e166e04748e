"""Load checked articles and banks into the database, keeping every version a learner was shown."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from quizapp.database import write_transaction
from quizapp.domain import bank_format, source_translation
from quizapp.domain.articles import Article
from quizapp.domain.bank_translation import Translation, fingerprint_of
from quizapp.domain.catalog import Catalog
from quizapp.domain.messages import Translate, untranslated
from quizapp.models import (
    Bank,
    BankTranslation,
    Citation,
    Question,
    QuestionVersion,
    Source,
    SourceTranslation,
)


@dataclass
class LoadReport:
    """What a load changed, for the command line to print."""

    banks_loaded: list[str] = field(default_factory=list)
    new_versions: int = 0
    retired_questions: int = 0
    unlisted_banks: list[str] = field(default_factory=list)
    translations_loaded: list[str] = field(default_factory=list)  # "bank.lang"
    skipped_banks: list[str] = field(default_factory=list)  # ids a teacher's bank already has

    def summary(self, gettext: Translate = untranslated) -> str:
        """One line for the command line, in the language of ``gettext``."""
        line = gettext("loaded %(banks)d banks (%(versions)d new question versions, %(retired)d "
                       "questions retired)") % {"banks": len(self.banks_loaded),
                                                "versions": self.new_versions,
                                                "retired": self.retired_questions}
        if self.translations_loaded:
            line += gettext(" and %(count)d translations") % {"count": len(self.translations_loaded)}
        if self.unlisted_banks:
            line += gettext("; no longer listed: %(banks)s") % {"banks": ", ".join(self.unlisted_banks)}
        if self.skipped_banks:
            line += gettext("; not loaded, a teacher's bank already has the id: %(banks)s (rename the "
                            "file and its 'bank:')") % {"banks": ", ".join(self.skipped_banks)}
        return line


def content_hash(question: bank_format.Question) -> str:
    """A stable fingerprint of everything a learner sees or is scored on."""
    canonical = json.dumps(question.content(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_catalog(session: Session, catalog: Catalog, present: Collection[str]) -> LoadReport:
    """Store the catalog's articles and valid banks in one transaction and commit.

    Banks that failed their checks are not in ``catalog.banks`` and stay exactly as they
    were. ``present`` names every bank file that exists, valid or not: a listed bank whose
    file is gone stops being listed, but its questions and attempts stay.
    """
    report = LoadReport()
    with write_transaction(session):
        teachers_articles = set(session.scalars(select(Source.id).where(Source.owner_id.is_not(None))))
        for article in catalog.articles.values():
            if article.id not in teachers_articles:  # a teacher's own article keeps its text
                store_article(session, article)
        session.flush()
        for translated in catalog.source_translations:
            if translated.source_id not in teachers_articles:
                store_source_translation(session, translated)
        teachers_ids = set(session.scalars(select(Bank.slug).where(Bank.owner_id.is_not(None))))
        for bank in catalog.banks:
            if bank.id in teachers_ids:
                report.skipped_banks.append(bank.id)
                continue
            store_bank(session, bank, report, yaml_text=catalog.bank_texts.get(bank.id))
        session.flush()
        for translation in catalog.translations:
            if translation.bank_id not in teachers_ids:
                store_translation(session, translation, catalog.translation_texts.get(
                    (translation.bank_id, translation.language)))
                report.translations_loaded.append(f"{translation.bank_id}.{translation.language}")
        gone = session.scalars(select(Bank).where(Bank.listed, Bank.owner_id.is_(None),
                                                  Bank.slug.not_in(list(present))))
        for bank_row in gone:
            bank_row.listed = False
            report.unlisted_banks.append(bank_row.slug)
    return report


def store_article(session: Session, article: Article, owner_id: int | None = None) -> None:
    """Add or update an article (not committed)."""
    row = session.get(Source, article.id) or Source(id=article.id, owner_id=owner_id)
    row.title = article.title
    row.publisher = article.publisher
    row.published = article.published
    row.url = article.url
    row.language = article.language
    row.body = article.body
    row.kind = article.kind
    row.references = [{"title": reference.title, "publisher": reference.publisher,
                       "url": reference.url, "accessed": reference.accessed.isoformat()}
                      for reference in article.references]
    session.add(row)


def store_source_translation(session: Session, translated: source_translation.SourceTranslation) -> None:
    """Add or update a source's translation into one language (not committed)."""
    row = session.scalar(select(SourceTranslation).where(
        SourceTranslation.source_id == translated.source_id,
        SourceTranslation.language == translated.language)) or SourceTranslation(
        source_id=translated.source_id, language=translated.language)
    row.title, row.body, row.translates = translated.title, translated.body, translated.translates
    session.add(row)


def store_bank(session: Session, bank: bank_format.Bank, report: LoadReport,
               owner_id: int | None = None, yaml_text: str | None = None) -> None:
    """Add or update a bank (not committed): changed questions get a new version."""
    row = session.scalar(
        select(Bank).where(Bank.slug == bank.id)
        .options(selectinload(Bank.questions).selectinload(Question.current_version))
    )
    if row is None:
        row = Bank(slug=bank.id, owner_id=owner_id, questions=[])
        session.add(row)
    row.yaml_text = yaml_text
    row.title = bank.title
    row.description = bank.description
    row.language = bank.language
    row.tags = list(bank.tags)
    row.listed = True
    row.deleted_at = None  # a teacher's deleted bank, uploaded again, is back on their list

    existing = {question.slug: question for question in row.questions}
    for position, question in enumerate(bank.questions):
        question_row = existing.pop(question.id, None)
        if question_row is None:
            question_row = Question(slug=question.id, position=position)
            row.questions.append(question_row)
        question_row.position = position
        question_row.retired = False
        digest = content_hash(question)
        current = question_row.current_version
        if current is None or current.content_hash != digest:
            version = _new_version(question, digest, (current.number + 1) if current else 1)
            version.question = question_row
            question_row.current_version = version
            report.new_versions += 1
    for leftover in existing.values():
        if not leftover.retired:
            leftover.retired = True
            report.retired_questions += 1
    report.banks_loaded.append(bank.id)


def store_translation(session: Session, translation: Translation, yaml_text: str | None) -> None:
    """Add or replace a bank's translation into one language (not committed)."""
    bank_id = session.scalar(select(Bank.id).where(Bank.slug == translation.bank_id))
    assert bank_id is not None, "a translation is checked against a loaded bank"
    row = session.scalar(select(BankTranslation).where(BankTranslation.bank_id == bank_id,
                                                       BankTranslation.language == translation.language))
    if row is None:
        row = BankTranslation(bank_id=bank_id, language=translation.language)
        session.add(row)
    row.title = translation.title
    row.description = translation.description
    row.tags = list(translation.tags)
    row.questions = {question.id: question.as_json() for question in translation.questions}
    row.yaml_text = yaml_text


def _new_version(question: bank_format.Question, digest: str, number: int) -> QuestionVersion:
    return QuestionVersion(
        number=number,
        content_hash=digest,
        text_fingerprint=fingerprint_of(question),
        type=question.type,
        prompt=question.prompt,
        explanation=question.explanation,
        points=question.points,
        difficulty=question.difficulty,
        tags=list(question.tags),
        key=question.key,
        citations=[
            Citation(position=index, source_id=citation.source, quote=citation.quote)
            for index, citation in enumerate(question.citations)
        ],
    )

"""Translations of a teacher's own articles: where each stands, and saving one checked like a bank's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain.articles import Article
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem
from quizapp.domain.source_translation import parse_source_translation, source_fingerprint
from quizapp.models import Source, SourceTranslation
from quizapp.services.caches import CURRENT_TRANSLATIONS
from quizapp.services.catalog_loading import store_source_translation


@dataclass(frozen=True)
class TranslationStatus:
    """One language of an article: its translation is missing, out of date or up to date."""

    language: str
    state: str  # "missing", "out_of_date" or "current"

    @property
    def missing(self) -> bool:
        """No translation into this language yet."""
        return self.state == "missing"

    @property
    def current(self) -> bool:
        """The translation translates the article as it is today."""
        return self.state == "current"


def as_article(source: Source) -> Article:
    """A stored source as the domain reads one (its words; what a fingerprint is made of)."""
    return Article(source.id, source.title, source.body, source.publisher, source.published,
                   source.url, source.language, source.kind)


def current_titles(session: Session, source_ids: Iterable[str], language: str | None) -> dict[str, str]:
    """The titles these sources have in ``language``, where a translation of today's words has one:
    a reader meets an explainer under the title of the page its link opens."""
    ids = set(source_ids)
    if not language or not ids:
        return {}
    rows = session.execute(
        select(SourceTranslation.source_id, SourceTranslation.title, SourceTranslation.translates,
               Source.updated_at, func.length(Source.body))
        .join(Source, Source.id == SourceTranslation.source_id)
        .where(SourceTranslation.source_id.in_(ids), SourceTranslation.language == language,
               Source.language != language)).all()
    return {source_id: title for source_id, title, translates, updated, length in rows
            if _translates_today(session, source_id, (updated, length), translates)}


def _translates_today(session: Session, source_id: str, updated: object, translates: str) -> bool:
    """Whether ``translates`` is the fingerprint of the source's words as they are now. Kept by the
    source's last change and length (``updated``), so a learn-mode answer does not hash the whole
    source each time."""
    key = (source_id, updated, translates)
    kept = CURRENT_TRANSLATIONS.get(key)
    if kept is None:
        source = session.get(Source, source_id)
        kept = source is not None and translates == source_fingerprint(as_article(source))
        CURRENT_TRANSLATIONS.put(key, kept)
    return kept


def own_article(session: Session, teacher_id: int, source_id: str) -> Article | None:
    """One of the teacher's own articles, as the domain reads it; None for others' and bundled ones."""
    source = session.scalar(select(Source).where(Source.id == source_id, Source.owner_id == teacher_id))
    return as_article(source) if source is not None else None


def translation_statuses(session: Session, teacher_id: int,
                         languages: Iterable[str]) -> dict[str, tuple[TranslationStatus, ...]]:
    """For each of the teacher's own articles, where its translation into each other language stands."""
    languages = list(languages)
    sources = list(session.scalars(select(Source).where(Source.owner_id == teacher_id)))
    stored = {(row.source_id, row.language): row.translates for row in session.scalars(
        select(SourceTranslation).where(SourceTranslation.source_id.in_([s.id for s in sources])))}
    statuses = {}
    for source in sources:
        current = source_fingerprint(as_article(source))
        statuses[source.id] = tuple(
            TranslationStatus(language, "missing" if (source.id, language) not in stored
                              else "current" if stored[(source.id, language)] == current
                              else "out_of_date")
            for language in languages if language.split("-")[0] != source.language.split("-")[0])
    return statuses


def save_translation(session: Session, teacher_id: int, source_id: str,
                     data: bytes, name: str | None) -> tuple[list[Problem], list[Problem]]:
    """Check a translation of one of the teacher's articles and store it: (problems, notices).

    Nothing is stored when there is a problem. It is checked as ``quizapp validate`` checks a
    ``seeds/<id>.<lang>.md`` file, against the article as the teacher saved it last. ``name`` is
    the uploaded file's (which must be ``<id>.<lang>.md``); None for pasted text.
    """
    path = name or "pasted.md"
    source = session.scalar(select(Source).where(Source.id == source_id, Source.owner_id == teacher_id))
    if source is None:
        return [Problem(path, 1, source_id, msg("there is no article %(source)r of yours to "
                                                "translate", source=source_id))], []
    stem = name.rsplit(".", 1)[0] if name else None
    translation, problems, notices = parse_source_translation(path, stem, data,
                                                              {source_id: as_article(source)})
    if translation is None or problems:
        return problems, notices
    with write_transaction(session):
        store_source_translation(session, translation)
    return [], notices

"""What learners browse: the list of banks and the source articles with cited passages marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from quizapp.domain.articles import Article
from quizapp.domain.bank_translation import current_words
from quizapp.domain.citations import find_quote
from quizapp.domain.curriculum import Shelves, placement_tags, shelve, topic_tags
from quizapp.domain.source_translation import source_fingerprint
from quizapp.models import (
    Bank,
    BankTranslation,
    Citation,
    Question,
    QuestionVersion,
    Source,
    SourceTranslation,
)
from quizapp.services.bank_access import visible_to


@dataclass(frozen=True)
class BankSummary:
    """A bank as the home page lists it."""

    slug: str
    title: str
    description: str | None
    language: str
    tags: list[str]
    question_count: int
    curriculum_tags: tuple[str, ...] = ()  # place it in the curriculum; not shown


@dataclass(frozen=True)
class Segment:
    """A run of an article's text; ``marked`` when it is part of the cited passage."""

    text: str
    marked: bool = False
    anchor: bool = False


@dataclass(frozen=True)
class SourcePage:
    """An article split into paragraphs, with the cited passage (if any) marked."""

    id: str
    title: str
    publisher: str | None
    published: dt.date | None
    url: str | None
    language: str
    paragraphs: list[list[Segment]]
    cited_quote: str | None
    cited_found: bool
    kind: str = "article"  # or "explainer", written for quizapp
    references: tuple[SourceReference, ...] = ()
    original_language: str = "en"  # the source's own; ``language`` is the text's shown here
    translation_language: str | None = None  # an up-to-date translation in the reader's language
    cited_gloss: str | None = None  # the cited passage in the reader's language, where a bank glosses it

    @property
    def translated(self) -> bool:
        """Whether the page shows the source's translation rather than its original."""
        return self.language != self.original_language

    @property
    def is_explainer(self) -> bool:
        """Written for quizapp in its own words, rather than a news article."""
        return self.kind == "explainer"


@dataclass(frozen=True)
class SourceReference:
    """Where an explainer's facts come from, as its page lists it."""

    title: str
    publisher: str
    url: str
    accessed: dt.date


def _summaries(session: Session, language: str, *conditions: object) -> list[BankSummary]:
    counts = (
        select(Question.bank_id, func.count().label("n"))
        .where(Question.retired.is_(False)).group_by(Question.bank_id).subquery()
    )
    rows = session.execute(
        select(Bank, counts.c.n, BankTranslation.title, BankTranslation.description,
               BankTranslation.tags)
        .join(counts, counts.c.bank_id == Bank.id)
        .outerjoin(BankTranslation, (BankTranslation.bank_id == Bank.id)
                   & (BankTranslation.language == language) & (Bank.language != language))
        .where(Bank.listed, *conditions)
    )
    summaries = [
        # A translated summary shows the translation's topics; one without them leaves the
        # bank's out rather than show words of another language.
        BankSummary(bank.slug, title or bank.title, description if title else bank.description,
                    language if title else bank.language,
                    list(tags or []) if title else topic_tags(bank.tags or []), count,
                    placement_tags(bank.tags or []))
        for bank, count, title, description, tags in rows]
    return sorted(summaries, key=lambda summary: summary.title.casefold())


def list_banks(session: Session, viewer_id: int | None = None,
               language: str = "en") -> list[BankSummary]:
    """Every listed bank with questions that the viewer may see, by title, in ``language`` if translated."""
    return _summaries(session, language, visible_to(Bank.owner_id, viewer_id))


def library_shelves(session: Session, viewer_id: int | None = None,
                    language: str = "en") -> Shelves[BankSummary]:
    """The banks a viewer may see, grouped by curriculum concept in the suggested order."""
    return shelve(list_banks(session, viewer_id, language), lambda summary: summary.curriculum_tags)


def bank_summary(session: Session, slug: str, viewer_id: int | None = None,
                 language: str = "en") -> BankSummary | None:
    """One listed bank the viewer may see, or None."""
    found = _summaries(session, language, Bank.slug == slug, visible_to(Bank.owner_id, viewer_id))
    return found[0] if found else None


def source_page(session: Session, source_id: str, citation_id: int | None,
                viewer_id: int | None = None, language: str | None = None,
                original: bool = False) -> SourcePage | None:
    """A source the viewer may see, with the passage of ``citation_id`` marked.

    A reader of ``language`` reads its up-to-date translation into that language, if it has
    one (unless ``original``), with the gloss of the cited passage marked in it.
    """
    source = session.scalar(select(Source).where(Source.id == source_id,
                                                 visible_to(Source.owner_id, viewer_id)))
    if source is None:
        return None
    citation = session.execute(select(Citation.quote, Citation.question_version_id, Citation.position)
                               .where(Citation.id == citation_id, Citation.source_id == source_id)
                               ).first() if citation_id is not None else None
    quote = citation.quote if citation else None
    other_language = language is not None and language.split("-")[0] != source.language.split("-")[0]
    gloss = _gloss(session, citation, language) if citation and other_language and language else None
    translation = _current_translation(session, source, language) if other_language else None
    title, body, shown_language, marked = source.title, source.body, source.language, quote
    if translation is not None and not original:
        title, body, shown_language, marked = translation.title, translation.body, translation.language, gloss
    match = find_quote(body, marked) if marked else None
    span = (match.start, match.end) if match else (0, 0)
    references = tuple(SourceReference(r["title"], r["publisher"], r["url"],
                                       dt.date.fromisoformat(r["accessed"]))
                       for r in source.references or [])
    return SourcePage(source.id, title, source.publisher, source.published, source.url,
                      shown_language, _paragraphs(body, span), marked, match is not None,
                      source.kind, references, source.language,
                      translation.language if translation is not None else None, gloss)


def _current_translation(session: Session, source: Source,
                         language: str | None) -> SourceTranslation | None:
    """The source's translation into ``language``, if it translates the source's words of today."""
    translation = session.scalar(select(SourceTranslation).where(
        SourceTranslation.source_id == source.id, SourceTranslation.language == language))
    if translation is None:
        return None
    words = Article(source.id, source.title, source.body)
    return translation if translation.translates == source_fingerprint(words) else None


def _gloss(session: Session, citation: Row[Any], language: str) -> str | None:
    """The cited passage as the bank's translation into ``language`` glosses it, if it does."""
    row = session.execute(
        select(BankTranslation.questions, Question.slug, QuestionVersion.text_fingerprint)
        .join(Question, Question.bank_id == BankTranslation.bank_id)
        .join(QuestionVersion, QuestionVersion.question_id == Question.id)
        .where(QuestionVersion.id == citation.question_version_id,
               BankTranslation.language == language)).first()
    if row is None:
        return None
    words = current_words(row.questions.get(row.slug), row.text_fingerprint)
    glosses = (words or {}).get("quote_translations") or []
    return glosses[citation.position] if citation.position < len(glosses) else None


def _paragraphs(body: str, span: tuple[int, int]) -> list[list[Segment]]:
    """Split at line breaks; cut each paragraph where the marked span begins and ends."""
    start, end = span
    paragraphs: list[list[Segment]] = []
    offset = 0
    anchored = False
    for line in body.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip():
            continue
        cut_start, cut_end = max(start, line_start), min(end, line_end)
        if cut_start >= cut_end:
            paragraphs.append([Segment(line)])
            continue
        segments = [
            Segment(line[: cut_start - line_start]),
            Segment(line[cut_start - line_start: cut_end - line_start], True, not anchored),
            Segment(line[cut_end - line_start:]),
        ]
        anchored = True
        paragraphs.append([segment for segment in segments if segment.text])
    return paragraphs

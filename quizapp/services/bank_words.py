"""A bank's words in the reader's language: the SQL that gives its title from its translation, if any."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import AliasedClass

from quizapp.models import Bank, BankTranslation


@dataclass(frozen=True)
class TitleIn:
    """Outer-join ``translation`` on ``on`` to select ``title`` in a language, and ``language``:
    the language that title is written in (the translation's, or the bank's own)."""

    translation: AliasedClass[Any]
    on: ColumnElement[bool]
    title: ColumnElement[str]
    language: ColumnElement[str]


def title_in(language: str) -> TitleIn:
    """A bank's title in ``language`` where its translation has one, else the bank's own."""
    translation = aliased(BankTranslation)
    on = ((translation.bank_id == Bank.id) & (translation.language == language)
          & (Bank.language != language))
    return TitleIn(translation, on, func.coalesce(translation.title, Bank.title),
                   case((translation.title.is_(None), Bank.language), else_=translation.language))


def translated_questions(session: Session, bank_ids: set[int],
                         language: str | None) -> dict[int, dict[str, Any]]:
    """The stored translated questions of these banks into ``language``, by bank id (each maps
    question slugs to their words; ``current_words`` says which translate today's version)."""
    if not bank_ids or not language:
        return {}
    rows = session.execute(select(BankTranslation.bank_id, BankTranslation.questions).where(
        BankTranslation.bank_id.in_(bank_ids), BankTranslation.language == language))
    return {bank_id: questions for bank_id, questions in rows}

"""The bundled banks load and meet the quality bars a program can check."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizapp.domain.bank_format import QUESTION_TYPES, Bank
from quizapp.domain.catalog import read_catalog

PROJECT = Path(__file__).resolve().parent.parent
CATALOG = read_catalog(PROJECT / "questions", PROJECT / "seeds")
BANKS = {bank.id: bank for bank in CATALOG.banks}
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def test_every_bundled_bank_and_article_passes_validation() -> None:
    assert [str(problem) for problem in CATALOG.problems] == []
    files = list((PROJECT / "questions").glob("*.yaml"))
    assert len(BANKS) == len([path for path in files if "." not in path.stem])
    assert len(CATALOG.translations) == len(files) - len(BANKS)


@pytest.mark.parametrize("language", ["es", "ur"])
def test_every_bundled_bank_is_translated_up_to_date_with_every_quote_glossed(language: str) -> None:
    translated = {t.bank_id: t for t in CATALOG.translations if t.language == language}
    assert sorted(translated) == sorted(BANKS)
    assert CATALOG.notices == []
    for bank_id, translation in translated.items():
        for question, original in zip(translation.questions, BANKS[bank_id].questions, strict=True):
            assert question.id == original.id
            assert len(question.quote_translations) == len(original.citations)
            assert all(question.quote_translations), f"{bank_id}/{question.id}: a quote has no gloss"


def test_there_are_enough_banks_and_questions() -> None:
    assert len(BANKS) >= 7
    assert sum(len(bank.questions) for bank in BANKS.values()) >= 80


@pytest.mark.parametrize("bank", BANKS.values(), ids=BANKS.keys())
def test_each_bank_has_at_least_ten_questions(bank: Bank) -> None:
    assert len(bank.questions) >= 10


def test_every_type_is_used_at_least_six_times() -> None:
    used = Counter(q.type for bank in BANKS.values() for q in bank.questions)
    assert {t: used[t] for t in QUESTION_TYPES if used[t] < 6} == {}


def test_every_article_is_cited_by_at_least_ten_questions() -> None:
    cited = Counter(source for bank in BANKS.values() for q in bank.questions
                    for source in {c.source for c in q.citations})
    assert {a: cited[a] for a in CATALOG.articles if cited[a] < 10} == {}


@pytest.mark.parametrize("bank", BANKS.values(), ids=BANKS.keys())
def test_the_right_answer_is_rarely_the_longest_choice(bank: Bank) -> None:
    singles = [q for q in bank.questions if q.type == "single"]
    longest = [q.id for q in singles
               if all(len(q.key["answer"]) > len(c) for c in q.key["choices"] if c != q.key["answer"])]
    assert len(longest) <= 0.4 * len(singles), longest


def test_no_all_or_none_of_the_above() -> None:
    offending = [f"{bank.id}/{q.id}" for bank in BANKS.values() for q in bank.questions
                 for entry in q.key.get("choices", []) + q.key.get("items", [])
                 if re.search(r"\b(all|none) of the above\b", entry, re.IGNORECASE)]
    assert offending == []


def test_explanations_are_one_to_three_sentences() -> None:
    lengths = {f"{bank.id}/{q.id}": len(SENTENCE_END.findall(q.explanation))
               for bank in BANKS.values() for q in bank.questions}
    assert {name: n for name, n in lengths.items() if not 1 <= n <= 3} == {}


def test_where_sources_disagree_the_question_names_its_source() -> None:
    """Figures the articles disagree on never appear in a prompt without a named source."""
    disputed = re.compile(r"how much bitcoin|how many bitcoins|regulat|Saqib's title", re.IGNORECASE)
    sources = re.compile(r"CoinDesk|AInvest|report from Islamabad|Forge Bitcoin Collaboration|"
                         r"articles|sources", re.IGNORECASE)
    unnamed = [f"{bank.id}/{q.id}" for bank in BANKS.values() for q in bank.questions
               if disputed.search(q.prompt) and not sources.search(q.prompt)]
    assert unnamed == []

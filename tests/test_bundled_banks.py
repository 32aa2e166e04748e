"""The bundled banks load and meet the quality bars a program can check."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizapp.domain.answer_cues import CueFigures, measure_catalog
from quizapp.domain.bank_format import QUESTION_TYPES, Bank
from quizapp.domain.catalog import read_catalog
from quizapp.domain.citations import normalise
from quizapp.domain.curriculum import CONCEPTS, concept_of, is_case_study, skill_of

PROJECT = Path(__file__).resolve().parent.parent
CATALOG = read_catalog(PROJECT / "questions", PROJECT / "seeds")
BANKS = {bank.id: bank for bank in CATALOG.banks}
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
QUESTIONS = [(bank, q) for bank in BANKS.values() for q in bank.questions]
EXPLAINERS = {id_: a for id_, a in CATALOG.articles.items() if a.kind == "explainer"}
NEWS = {id_: a for id_, a in CATALOG.articles.items() if a.kind == "article"}


def questions_of(concept_id: str) -> list:
    return [q for _, q in QUESTIONS if (found := concept_of(q.tags)) and found.id == concept_id]


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
    assert len(BANKS) >= 15
    assert len(QUESTIONS) >= 150


def test_every_bank_and_question_has_its_place_in_the_curriculum() -> None:
    unplaced_banks = [b.id for b in BANKS.values()
                      if concept_of(b.tags) is None and not is_case_study(b.tags)]
    assert unplaced_banks == []
    unplaced = [f"{b.id}/{q.id}" for b, q in QUESTIONS
                if concept_of(q.tags) is None or skill_of(q.tags) is None]
    assert unplaced == []


@pytest.mark.parametrize("concept", CONCEPTS, ids=[c.id for c in CONCEPTS])
def test_every_concept_has_its_minimum_of_questions_and_an_explainer(concept) -> None:
    questions = questions_of(concept.id)
    assert len(questions) >= (8 if concept.core else 4)
    assert any(c.source in EXPLAINERS for q in questions for c in q.citations)


@pytest.mark.parametrize("concept", [c for c in CONCEPTS if c.core], ids=[c.id for c in CONCEPTS if c.core])
def test_core_concepts_define_apply_and_judge_about_a_third_each(concept) -> None:
    skills = Counter(skill_of(q.tags) for q in questions_of(concept.id) if skill_of(q.tags) != "recall")
    total = sum(skills.values())
    too_few = {skill: skills[skill] for skill in ("define", "apply", "judge") if skills[skill] < 0.25 * total}
    assert too_few == {}


def test_event_recall_is_at_most_a_fifth_of_all_questions() -> None:
    recall = [q for _, q in QUESTIONS if skill_of(q.tags) == "recall"]
    assert len(recall) <= 0.2 * len(QUESTIONS)


def test_no_two_questions_cite_the_same_passage_for_the_same_answer() -> None:
    seen: dict[tuple, str] = {}
    twice = []
    for bank, q in QUESTIONS:
        answer = str(q.key.get("answer", q.key.get("items")))
        for citation in q.citations:
            key = (citation.source, normalise(citation.quote), answer)
            if key in seen and seen[key] != f"{bank.id}/{q.id}":
                twice.append((seen[key], f"{bank.id}/{q.id}"))
            seen.setdefault(key, f"{bank.id}/{q.id}")
    assert twice == []


@pytest.mark.parametrize("explainer", EXPLAINERS.values(), ids=EXPLAINERS.keys())
def test_every_explainer_names_its_references_and_is_read_in_three_minutes(explainer) -> None:
    assert explainer.references
    for reference in explainer.references:
        assert reference.title and reference.publisher and reference.accessed
        assert reference.url.startswith("https://")
    assert len(explainer.body.split()) <= 650  # about three minutes at a young reader's pace


@pytest.mark.parametrize("bank", BANKS.values(), ids=BANKS.keys())
def test_each_bank_has_at_least_ten_questions(bank: Bank) -> None:
    assert len(bank.questions) >= 10


def test_every_type_is_used_at_least_six_times() -> None:
    used = Counter(q.type for bank in BANKS.values() for q in bank.questions)
    assert {t: used[t] for t in QUESTION_TYPES if used[t] < 6} == {}


def test_every_article_is_cited_by_at_least_ten_questions_and_every_explainer_by_four() -> None:
    cited = Counter(source for bank in BANKS.values() for q in bank.questions
                    for source in {c.source for c in q.citations})
    assert {a: cited[a] for a in NEWS if cited[a] < 10} == {}
    assert {a: cited[a] for a in EXPLAINERS if cited[a] < 4} == {}


@pytest.mark.parametrize("bank", BANKS.values(), ids=BANKS.keys())
def test_the_right_answer_is_rarely_the_longest_choice(bank: Bank) -> None:
    singles = [q for q in bank.questions if q.type == "single"]
    longest = [q.id for q in singles
               if all(len(q.key["answer"]) > len(c) for c in q.key["choices"] if c != q.key["answer"])]
    assert len(longest) <= 0.3 * len(singles), longest


def test_a_multiple_questions_key_is_never_the_longest_choices() -> None:
    giveaways = [f"{bank.id}/{q.id}" for bank, q in QUESTIONS if q.type == "multiple"
                 and (rest := [c for c in q.key["choices"] if c not in q.key["answer"]])
                 and min(map(len, q.key["answer"])) > max(map(len, rest))]
    assert giveaways == []


@pytest.mark.parametrize("figures", [figures for _, figures in measure_catalog(CATALOG)],
                         ids=lambda figures: figures.language)
def test_every_language_meets_the_answer_cue_goals(figures: CueFigures) -> None:
    """As learners read them, in each language: the key rarely the longest, keys never set apart by
    length, and no one count of right answers in more than a third of multiple-answer questions."""
    assert figures.goals_met, figures


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
    unnamed = [f"{bank.id}/{q.id}" for bank, q in QUESTIONS
               if any(c.source in NEWS for c in q.citations)
               and disputed.search(q.prompt) and not sources.search(q.prompt)]
    assert unnamed == []


def test_the_curriculum_page_lists_every_question_as_the_banks_tag_it() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("curriculum_doc", PROJECT / "scripts" / "curriculum_doc.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    page = (PROJECT / "docs" / "curriculum.md").read_text(encoding="utf-8")
    assert page == script.render(), "docs/curriculum.md is out of date: run scripts/curriculum_doc.py"
    assert [f"{b.id}/{q.id}" for b, q in QUESTIONS if f"`{b.id}/{q.id}`" not in page] == []

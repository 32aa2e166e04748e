"""The curriculum's rules: which tags place a bank or question, and the order banks are shown in."""

from __future__ import annotations

import pytest

from quizapp.domain.curriculum import (
    CONCEPTS,
    concept_of,
    is_case_study,
    placement_tags,
    shelve,
    skill_of,
    topic_tags,
)


def test_there_are_six_core_and_six_supporting_concepts_with_distinct_ids() -> None:
    assert sum(concept.core for concept in CONCEPTS) == 6
    assert len({concept.id for concept in CONCEPTS}) == len(CONCEPTS) == 12
    assert CONCEPTS[0].id == "money" and CONCEPTS[-1].id == "news"


@pytest.mark.parametrize(("tags", "concept"), [
    (["concept:custody"], "custody"),
    (["keys", "concept:custody", "concept:scams"], "custody"),
    (["concept:unknown"], None),
    (["custody"], None),
    ([], None),
])
def test_a_concept_tag_places_a_bank(tags: list[str], concept: str | None) -> None:
    found = concept_of(tags)
    assert (found.id if found else None) == concept


@pytest.mark.parametrize(("tags", "skill"), [
    (["skill:apply"], "apply"), (["skill:recall", "x"], "recall"), (["skill:guess"], None),
    (["apply"], None)])
def test_a_skill_tag_says_what_a_question_asks(tags: list[str], skill: str | None) -> None:
    assert skill_of(tags) == skill


def test_placement_tags_are_kept_apart_from_topics() -> None:
    tags = ["IMF", "concept:imf", "skill:define", "case-study", "loans"]
    assert topic_tags(tags) == ["IMF", "loans"]
    assert placement_tags(tags) == ("concept:imf", "skill:define", "case-study")
    assert is_case_study(tags) and not is_case_study(["case study"])


def test_shelves_follow_the_teaching_order_and_number_only_the_concepts_present() -> None:
    banks = [("n", ["concept:news"]), ("c", ["case-study"]), ("m", ["concept:money"]), ("x", []),
             ("m2", ["concept:money"])]
    shelves = shelve(banks, lambda bank: bank[1])
    assert [(step.number, step.concept.id, [b[0] for b in step.items]) for step in shelves.steps] == [
        (1, "money", ["m", "m2"]), (2, "news", ["n"])]
    assert [b[0] for b in shelves.case_studies] == ["c"]
    assert [b[0] for b in shelves.others] == ["x"]

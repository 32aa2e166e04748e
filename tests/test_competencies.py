"""The competency map: its ids, the stars, and the bank check of ``competency:<id>`` tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.catalog import check_banks, read_articles
from quizapp.domain.competencies import (
    COMPETENCIES,
    COMPETENCY_IDS,
    STARRED_IDS,
    Balance,
    balance,
    competency_of,
    is_known,
)
from quizapp.domain.curriculum import placement_tags, topic_tags

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES, _ = read_articles(SEEDS)
BANK = """\
bank: b
title: T
tags: [concept:scams, phishing]
questions:
  - id: q
    type: single
    prompt: P
    explanation: E
    choices: [x, y]
    answer: x
    tags:
      - concept:scams
      - competency:red-flags
    cite:
      - source: coindesk
        quote: "doing so in 2021."
"""


def test_the_map_has_twenty_competencies_fourteen_starred() -> None:
    assert len(COMPETENCIES) == len(set(COMPETENCY_IDS)) == 20
    assert len(STARRED_IDS) == 14
    assert set(COMPETENCY_IDS) - set(STARRED_IDS) == {
        "money", "inflation", "ledger", "asset-kinds", "remittances", "duties"}
    assert is_known("p2p") and not is_known("P2P")


@pytest.mark.parametrize(("tags", "found"), [
    (["skill:apply", "competency:keys"], "keys"),
    (["competency:nope", "competency:mules"], "mules"),
    (["competency:"], None),
    (["keys"], None),
])
def test_a_competency_tag_names_what_a_question_teaches(tags: list[str], found: str | None) -> None:
    competency = competency_of(tags)
    assert (competency.id if competency else None) == found


def test_competency_tags_place_a_question_and_are_no_topic() -> None:
    tags = ["phishing", "competency:red-flags", "concept:scams"]
    assert topic_tags(tags) == ["phishing"]
    assert placement_tags(tags) == ("competency:red-flags", "concept:scams")


def test_a_bank_with_known_competencies_loads() -> None:
    catalog = check_banks([("b.yaml", "b", BANK.encode())], ARTICLES)
    assert catalog.problems == []
    assert catalog.banks[0].questions[0].tags == ("concept:scams", "competency:red-flags")


def test_an_unknown_competency_is_refused_with_its_line_and_the_known_ids() -> None:
    text = BANK.replace("competency:red-flags", "competency:red-flag").replace(
        "tags: [concept:scams, phishing]", "tags: [concept:scams, competency:scams]")
    catalog = check_banks([("b.yaml", "b", text.encode())], ARTICLES)
    assert catalog.banks == []
    known = ", ".join(COMPETENCY_IDS)
    assert [str(problem) for problem in catalog.problems] == [
        f"b.yaml:3: b: the tag 'competency:scams' names no competency of the map (did you mean "
        f"'scam-types'?): write 'competency:' and one of {known}",
        f"b.yaml:13: b/q: the tag 'competency:red-flag' names no competency of the map (did you mean "
        f"'red-flags'?): write 'competency:' and one of {known}",
    ]


def test_the_balance_counts_the_news_and_national_context_once_and_the_starred() -> None:
    weights = balance([
        (True, "imf", ["competency:duties"]),  # a case study about the IMF: counted once
        (False, "reserves", []),
        (False, "scams", ["competency:p2p"]),
        (False, "custody", ["competency:keys"]),
        (False, "money", ["competency:money"]),
    ])
    assert weights == Balance(active=5, news_and_national=2, starred=2)
    assert weights.news_and_national_share == 0.4 and weights.starred_share == 0.4
    assert balance([]).starred_share == 0.0

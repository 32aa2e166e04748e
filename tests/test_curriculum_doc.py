"""scripts/curriculum_doc.py: the competency map it writes, counted per skill and per language."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from quizapp.domain.bank_translation import with_fingerprints
from quizapp.domain.catalog import check_banks, read_articles

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES, _ = read_articles(PROJECT / "seeds")
_spec = importlib.util.spec_from_file_location("curriculum_doc", PROJECT / "scripts" / "curriculum_doc.py")
assert _spec is not None and _spec.loader is not None
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)


def question(qid: str, tags: str) -> str:
    return f"""
  - id: {qid}
    type: true_false
    prompt: P {qid}
    explanation: E.
    answer: true
    tags: {tags}
    cite:
      - source: coindesk
        quote: "doing so in 2021."
"""


def bank(bank_id: str, bank_tags: str, *questions: str) -> bytes:
    return (f"bank: {bank_id}\ntitle: T\ntags: {bank_tags}\nquestions:" + "".join(questions)).encode()


def test_the_map_counts_each_competency_by_skill_and_by_language_and_weighs_the_balance() -> None:
    scams = bank("scams", "[concept:scams]", question("a", "[skill:apply, competency:p2p]"),
                 question("b", "[skill:judge, competency:p2p]"), question("c", "[skill:define]"))
    news = bank("news", "[case-study]", question("d", "[concept:imf, skill:recall, competency:duties]"))
    first = check_banks([("scams.yaml", "scams", scams), ("news.yaml", "news", news)], ARTICLES)
    spanish = with_fingerprints(
        "translation_of: scams\nlanguage: es\ntitle: T\nquestions:\n"
        + "".join(f"  - id: {q}\n    prompt: P\n    explanation: E.\n" for q in "abc"),
        {b.id: b for b in first.banks})
    catalog = check_banks([("scams.yaml", "scams", scams), ("news.yaml", "news", news),
                           ("scams.es.yaml", "scams.es", spanish.encode())], ARTICLES)
    assert catalog.problems == []
    lines = script._competency_lines(catalog)
    assert ("| Person-to-person trading | `p2p` | ★ | 0 | 1 | 1 | 0 | 2 | 2 | no: 2 of 10 |") in lines
    assert "| Taxes and the national context | `duties` |  | 0 | 0 | 0 | 1 | 1 | 0 | no: 0 of 5 |" in lines
    assert "| *No competency tag yet* | | | | | | | 1 | 1 | |" in lines
    assert ("| the three case-study banks and the IMF, reserves and mining concepts together "
            "| 1 of 4 (25 %) | at most 30 % |") in lines
    assert "| questions teaching a starred competency | 2 of 4 (50 %) | at least half |" in lines
    assert "- **Person-to-person trading** ★ (`p2p`, 2): `scams/a`, `scams/b`" in lines

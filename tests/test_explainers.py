"""Explainers: sources the team writes for quizapp, each naming the references its facts come from."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.domain.articles import Reference, parse_article

EXPLAINER = """---
title: What "legal tender" means
kind: explainer
language: en
references:
  - title: Ley Bitcoin (Decreto Legislativo No. 57, 2021)
    publisher: Asamblea Legislativa de El Salvador
    url: https://www.asamblea.gob.sv/
    accessed: 2026-11-24
---
Legal tender is money that, by law, must be accepted to pay a debt.
"""
# Lines: kind 3, references 5, title 6, publisher 7, url 8, accessed 9.


def problems(text: str) -> list[str]:
    article, found = parse_article("seeds/x.md", "x", text.encode())
    assert (article is None) == bool(found)
    return [str(problem) for problem in found]


def test_an_explainer_keeps_its_kind_and_references() -> None:
    article, found = parse_article("seeds/x.md", "x", EXPLAINER.encode())
    assert found == [] and article is not None
    assert article.kind == "explainer"
    assert article.references == (Reference("Ley Bitcoin (Decreto Legislativo No. 57, 2021)",
                                            "Asamblea Legislativa de El Salvador",
                                            "https://www.asamblea.gob.sv/", dt.date(2026, 11, 24)),)


def test_an_article_is_a_news_article_by_default() -> None:
    article, _ = parse_article("seeds/x.md", "x", b"---\ntitle: A\n---\nBody.\n")
    assert article is not None and (article.kind, article.references) == ("article", ())


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("kind: explainer", "kind: essay", ["seeds/x.md:3: x: 'kind' 'essay' must be article (a news "
                                        "article, the default) or explainer (a text written for "
                                        "quizapp)"]),
    ("kind: explainer\n", "", ["seeds/x.md:4: x: 'references' belong to an explainer: add 'kind: "
                               "explainer', or remove them from a news article"]),
    ("references:\n  - title: Ley Bitcoin (Decreto Legislativo No. 57, 2021)\n"
     "    publisher: Asamblea Legislativa de El Salvador\n    url: https://www.asamblea.gob.sv/\n"
     "    accessed: 2026-11-24\n", "", ["seeds/x.md:3: x: an explainer needs 'references': list "
                                       "where its facts come from, each with title, publisher, url "
                                       "and accessed"]),
    ("    publisher: Asamblea Legislativa de El Salvador\n", "",
     ["seeds/x.md:6: x: the key 'publisher' is missing: add it"]),
    ("url: https://www.asamblea.gob.sv/", "url: asamblea.gob.sv",
     ["seeds/x.md:8: x: 'url' 'asamblea.gob.sv' must be a web address starting with https://"]),
    ("accessed: 2026-11-24", "accessed: last week",
     ["seeds/x.md:9: x: 'accessed' 'last week' is not a date: write it as YYYY-MM-DD"]),
    ("    accessed: 2026-11-24\n", "    accessed: 2026-11-24\n    note: good\n",
     ["seeds/x.md:10: x: unknown key 'note' in a reference: the keys allowed are title, publisher, "
      "url, accessed"]),
])
def test_each_explainer_mistake_is_reported_at_its_line(old: str, new: str, expected: list[str]) -> None:
    assert old in EXPLAINER
    assert problems(EXPLAINER.replace(old, new, 1)) == expected


def test_learners_see_an_explainer_as_written_for_quizapp_with_its_references(
        app, client, tmp_path, write_bank, load_banks) -> None:
    import shutil

    from tests.conftest import SEEDS
    from tests.helpers import csrf, soup, whole_quiz_form

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "legal-tender.md").write_text(EXPLAINER, encoding="utf-8")
    app.config["SEEDS_DIR"] = str(seeds)
    write_bank("""bank: money
title: Money
questions:
  - id: legal-tender
    type: true_false
    prompt: By law, legal tender must be accepted to pay a debt.
    explanation: That is what legal tender means.
    answer: true
    cite:
      - source: legal-tender
        quote: "Legal tender is money that, by law, must be accepted to pay a debt."
""")
    load_banks()
    start = client.post("/banks/money", data={"csrf_token": csrf(soup(client.get("/banks/money"))),
                                             "start": "Start"})
    whole_quiz_form(client, start.headers["Location"])
    quiz = soup(client.get(start.headers["Location"]))
    result = soup(client.post(start.headers["Location"], data={
        "csrf_token": csrf(quiz), "q1": "true", "submit": "Submit"}, follow_redirects=True))
    caption = " ".join(result.select_one(".evidence figcaption").get_text().split())
    assert caption.startswith('From the explainer What "legal tender" means, written for quizapp.')
    source = soup(client.get("/sources/legal-tender"))
    assert source.select_one(".source-kind").get_text(strip=True) == "Explainer written for quizapp"
    assert "Publisher" not in source.select_one(".source-meta").get_text()
    reference = source.select_one(".references li")
    assert reference.select_one("a")["href"] == "https://www.asamblea.gob.sv/"
    assert "Asamblea Legislativa de El Salvador" in reference.get_text()
    assert "November 24, 2026" in " ".join(reference.get_text().split())

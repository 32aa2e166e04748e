"""Every rule of translation files: one bad file each, with the file, line and message reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.bank_format import parse_bank
from quizapp.domain.bank_translation import (
    fingerprint_of,
    translated_response,
    translation_template,
    with_fingerprints,
)
from quizapp.domain.catalog import check_banks, read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES, _ = read_articles(SEEDS)

BANK = """\
bank: b
title: T
questions:
  - id: q
    type: single
    prompt: P
    explanation: E
    choices: [x, y]
    answer: x
    cite:
      - source: coindesk
        quote: "doing so in 2021."
  - id: n
    type: number
    prompt: How many?
    explanation: E
    answer: 6238
    unit: BTC
    cite:
      - source: coindesk
        quote: "doing so in 2021."
"""
BANK_QUESTIONS = parse_bank("b.yaml", "b", BANK.encode())[0].questions  # type: ignore[union-attr]
Q_PRINT, N_PRINT = (fingerprint_of(question) for question in BANK_QUESTIONS)

GOOD = f"""\
translation_of: b
language: es
title: T en español
questions:
  - id: q
    translates: {Q_PRINT}
    prompt: P en español
    choices: [equis, ye]
    explanation: E en español
    cite:
      - quote_translation: "haciéndolo en 2021."
  - id: n
    translates: {N_PRINT}
    prompt: ¿Cuántos?
    unit: BTC
    explanation: E
"""
# Lines of GOOD: translation_of 1, language 2, title 3, questions 4, id q 5, translates 6,
# prompt 7, choices 8, explanation 9, cite 10, quote_translation 11, id n 12, translates 13.


def check(text: str, name: str = "b.es") -> tuple[list[str], list[str], list]:  # type: ignore[type-arg]
    catalog = check_banks([("b.yaml", "b", BANK.encode()), (f"{name}.yaml", name, text.encode())],
                          ARTICLES)
    return [str(p) for p in catalog.problems], [str(n) for n in catalog.notices], catalog.translations


def swap(old: str, new: str, base: str = GOOD) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def test_a_good_translation_loads_with_every_question() -> None:
    problems, notices, translations = check(GOOD)
    assert (problems, notices) == ([], [])
    (translation,) = translations
    assert (translation.bank_id, translation.language, translation.title) == ("b", "es", "T en español")
    assert [q.entries for q in translation.questions] == [("equis", "ye"), ()]
    assert translation.questions[0].quote_translations == ("haciéndolo en 2021.",)
    assert translation.questions[1].quote_translations == (None,)


CASES = {
    "unknown bank": (swap("translation_of: b", "translation_of: bb"), "b.es",
                     ["b.es.yaml:1: bb.es: there is no bank 'bb' (did you mean 'b'?) to translate: "
                      "write the id of a bank that passes its checks"]),
    "same language as the bank": (swap("language: es", "language: en"), "b.en",
                                  ["b.en.yaml:2: b.en: the bank 'b' is already in 'en': a translation "
                                   "is in another language"]),
    "file name not bank.lang": (GOOD, "b.ur",
                                ["b.ur.yaml:1: b.es: the file name must be the bank id and the "
                                 "language: rename the file to b.es.yaml"]),
    "title missing": (swap("title: T en español\n", ""), "b.es",
                      ["b.es.yaml:1: b.es: the key 'title' is missing: add it"]),
    "unknown question id": (swap("  - id: n\n", "  - id: nn\n"), "b.es",
                            ["b.es.yaml:4: b.es: the bank's questions n are not translated: add them, "
                             "with the same ids",
                             "b.es.yaml:12: b.es/nn: the bank has no question 'nn' (did you mean 'n'?): "
                             "use the ids of the bank's questions"]),
    "question translated twice": (GOOD + f"  - id: q\n    translates: {Q_PRINT}\n    prompt: P\n"
                                  "    choices: [a, b]\n    explanation: E\n", "b.es",
                                  ["b.es.yaml:17: b.es/q: the id 'q' is already translated on line 5: "
                                   "translate each question once"]),
    "fewer choices than the bank": (swap("choices: [equis, ye]", "choices: [equis]"), "b.es",
                                    ["b.es.yaml:8: b.es/q: 'choices' has 1 entries and the bank's "
                                     "question 2: translate each entry of the bank, in the same order"]),
    "an answer given": (swap("    explanation: E en español\n", "    explanation: E\n    answer: equis\n"),
                        "b.es", ["b.es.yaml:10: b.es/q: 'answer' comes from the bank, not from its "
                                 "translation: remove it"]),
    "choices on a number question": (swap("    unit: BTC\n", "    unit: BTC\n    choices: [a, b]\n"),
                                     "b.es", ["b.es.yaml:16: b.es/n: unknown key 'choices' in a "
                                              "translated number question: the keys allowed are id, "
                                              "translates, prompt, explanation, cite, unit"]),
    "a quote instead of its translation": (swap('      - quote_translation: "haciéndolo en 2021."',
                                                '      - quote: "haciéndolo en 2021."'), "b.es",
                                           ["b.es.yaml:11: b.es/q: 'quote' comes from the bank: a "
                                            "translation gives only quote_translation"]),
    "more glosses than citations": (swap('      - quote_translation: "haciéndolo en 2021."',
                                         '      - quote_translation: "a"\n      - quote_translation: "b"'),
                                    "b.es", ["b.es.yaml:10: b.es/q: 'cite' has 2 entries and the bank's "
                                             "question cites 1 passages: give one quote_translation "
                                             "per citation, in the bank's order"]),
    "fingerprint missing": (swap(f"    translates: {Q_PRINT}\n", ""), "b.es",
                            [f"b.es.yaml:5: b.es/q: add 'translates: {Q_PRINT}' under the id: it "
                             "records which words of the bank's question this translates (quizapp "
                             "validate --fill-fingerprints adds it)"]),
    "not a mapping": ("- a\n", "b.es", ["b.es.yaml:1: b.es: a translation must be a mapping of keys "
                                        "(translation_of:, language:, title:, questions:), not a list"]),
}


@pytest.mark.parametrize(("text", "name", "expected"), CASES.values(), ids=CASES.keys())
def test_each_mistake_is_reported_at_its_line(text: str, name: str, expected: list[str]) -> None:
    problems, _, translations = check(text, name)
    assert problems == expected
    assert translations == []


def test_a_changed_bank_question_makes_its_translation_out_of_date_not_wrong() -> None:
    stale = swap(f"translates: {Q_PRINT}", "translates: 00000000")
    problems, notices, translations = check(stale)
    assert problems == []
    assert notices == [f"b.es.yaml:6: b.es/q: out of date: the bank's question has changed since it was "
                       "translated, so learners see the bank's own words for it. Bring the translation "
                       f"up to date, then change 'translates' to {Q_PRINT}"]
    (translation,) = translations
    assert translation.out_of_date == ("q",)
    assert list(translation.current_questions()) == ["n"]


def test_fingerprints_change_with_the_words_only() -> None:
    reworded = parse_bank("b.yaml", "b", BANK.replace("prompt: P\n", "prompt: P!\n").encode())[0]
    worth_more = BANK.replace("answer: x\n", "answer: x\n    points: 3\n")
    more_points = parse_bank("b.yaml", "b", worth_more.encode())[0]
    assert fingerprint_of(reworded.questions[0]) != Q_PRINT  # type: ignore[union-attr]
    assert fingerprint_of(more_points.questions[0]) == Q_PRINT  # type: ignore[union-attr]


def test_fill_fingerprints_adds_them_under_each_id() -> None:
    bare = GOOD.replace(f"    translates: {Q_PRINT}\n", "").replace(f"    translates: {N_PRINT}\n", "")
    banks = {"b": parse_bank("b.yaml", "b", BANK.encode())[0]}
    assert with_fingerprints(bare, banks) == GOOD  # type: ignore[arg-type]


def test_responses_are_shown_in_the_translation_s_words() -> None:
    key = {"choices": ["x", "y"], "answer": "x"}
    assert translated_response("single", key, "y", ["equis", "ye"]) == "ye"
    assert translated_response("multiple", key, ["x", "y"], ["equis", "ye"]) == ["equis", "ye"]
    assert translated_response("true_false", {"answer": True}, True, []) is True


def test_a_translation_template_passes_the_checks_as_it_is() -> None:
    bank = parse_bank("b.yaml", "b", BANK.encode())[0]
    template = translation_template(bank, "ur")  # type: ignore[arg-type]
    problems, notices, translations = check(template, "b.ur")
    assert (problems, notices) == ([], [])
    assert translations[0].questions[0].entries == ("x", "y")


TAGGED = BANK.replace("title: T\n", "title: T\ntags: [concept:scams, phishing, SIM swap]\n", 1)


def check_tagged(text: str) -> tuple[list[str], list]:  # type: ignore[type-arg]
    catalog = check_banks([("b.yaml", "b", TAGGED.encode()), ("b.es.yaml", "b.es", text.encode())],
                          ARTICLES)
    return [str(p) for p in catalog.problems], catalog.translations


def test_a_translation_gives_the_bank_s_topics_in_its_language_in_order() -> None:
    problems, (translation,) = check_tagged(swap("title: T en español\n",
                                                 "title: T en español\ntags: [phishing, cambio de SIM]\n"))
    assert problems == []
    assert translation.tags == ("phishing", "cambio de SIM")  # the concept tag is the bank's


@pytest.mark.parametrize("tags", ["[phishing]", "[phishing, cambio de SIM, otra]", "[concept:scams, a, b]"])
def test_translated_topics_must_match_the_bank_s_topics_one_for_one(tags: str) -> None:
    problems, _ = check_tagged(swap("title: T en español\n", f"title: T en español\ntags: {tags}\n"))
    count = len(tags.split(","))
    assert problems == [f"b.es.yaml:4: b.es: 'tags' has {count} entries and the bank's topics are 2 "
                        "(phishing, SIM swap): translate each topic, in the same order"]

"""Every rule of the bank format: one bad file each, with the exact line and message reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.articles import parse_article
from quizapp.domain.bank_format import parse_bank
from quizapp.domain.catalog import check_banks, read_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES, _ = read_articles(SEEDS)

GOOD = """\
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
"""
# Line numbers in GOOD: bank 1, title 2, questions 3, id 4, type 5, prompt 6,
# explanation 7, choices 8, answer 9, cite 10, source 11, quote 12.


def problems_of(text: str | bytes, stem: str = "b") -> list[str]:
    """Check one bank file named ``<stem>.yaml`` and return its problems as printed."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [str(p) for p in check_banks([(f"{stem}.yaml", stem, data)], ARTICLES).problems]


def swap(old: str, new: str, base: str = GOOD) -> str:
    """GOOD with one piece replaced; fails loudly if the piece is not there."""
    assert old in base, old
    return base.replace(old, new, 1)


def question(body: str) -> str:
    """A bank with one question whose keys (after id, before cite) are ``body``."""
    return ("bank: b\ntitle: T\nquestions:\n  - id: q\n" + body
            + "    cite:\n      - source: coindesk\n        quote: \"doing so in 2021.\"\n")


KEYS = "id, type, prompt, explanation, cite, points, difficulty, tags"

FILE_CASES = {
    "empty file": ("", ["b.yaml:1: b: the file is empty: write the bank's keys (bank, title, questions)"]),
    "only a comment": ("# nothing\n", ["b.yaml:1: b: the file is empty: write the bank's keys "
                                       "(bank, title, questions)"]),
    "not UTF-8": (b"bank: b\ntitle: caf\xe9\n", ["b.yaml:2: b: the file is not UTF-8 text: save it "
                                                "again with the UTF-8 encoding"]),
    "over 1 MiB": ("bank: b\n" + "#" * (1024 * 1024) + "\n",
                   ["b.yaml:1: b: the file is larger than 1,048,576 bytes (1 MiB): split it into "
                    "smaller files"]),
    "malformed YAML": ("bank: b\ntitle: [unclosed\nquestions: []\n",
                       ["b.yaml:3: b: this is not valid YAML (did not find expected ',' or ']'): "
                        "check the indentation, colons and quotes"]),
    "bad indentation": ("bank: b\n  title: T\n",
                        ["b.yaml:2: b: this is not valid YAML (mapping values are not allowed in "
                         "this context): check the indentation, colons and quotes"]),
    "not a mapping": ("- a\n- b\n", ["b.yaml:1: b: a bank must be a mapping of keys (bank:, title:, "
                                     "questions:), not a list"]),
    "plain text": ("hello\n", ["b.yaml:1: b: a bank must be a mapping of keys (bank:, title:, "
                               "questions:), not text"]),
    "two documents": (GOOD + "---\nbank: c\n", ["b.yaml:13: b: the file holds more than one YAML "
                                                "document: put one bank per file and remove the "
                                                "extra '---'"]),
    "python object tag": ("bank: !!python/object/apply:os.system ['echo hi']\n",
                          ["b.yaml:1: b: the tag tag:yaml.org,2002:python/object/apply:os.system is "
                           "not allowed: a bank holds only text, numbers, lists and mappings, so "
                           "remove the tag"]),
    "anchor": ("bank: &x b\n", ["b.yaml:1: b: anchors (&x) are not allowed: write the content "
                                "out in full"]),
    "billion laughs": ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
                       ["b.yaml:1: b: anchors (&a) are not allowed: write the content out in full"]),
    "nested too deep": ("bank: " + "[" * 40 + "]" * 40 + "\n",
                        ["b.yaml:1: b: lists and mappings are nested more than 32 deep: a bank "
                         "never needs that"]),
    "duplicate key": (swap("title: T\n", "title: T\ntitle: U\n"),
                      ["b.yaml:3: b: the key 'title' appears twice (first on line 2): keep only one"]),
}

BANK_CASES = {
    "bank missing": (swap("bank: b\n", ""), ["b.yaml:1: b: the key 'bank' is missing: add it"]),
    "bank id bad characters": (swap("bank: b\n", "bank: My Bank\n"),
                               ["b.yaml:1: b: the bank id 'My Bank' may use only lower-case letters "
                                "a-z, digits and '-', and must start with a letter or digit"]),
    "bank id too long": (swap("bank: b\n", f"bank: {'a' * 65}\n"),
                         [f"b.yaml:1: b: the bank id '{'a' * 65}' is 65 characters long: shorten it "
                          "to at most 64"]),
    "file name differs from bank id": (swap("bank: b\n", "bank: c\n"),
                                       ["b.yaml:1: c: the file name must match the bank id: rename "
                                        "the file to c.yaml or change 'bank:' to 'b'"]),
    "title missing": (swap("title: T\n", ""), ["b.yaml:1: b: the key 'title' is missing: add it"]),
    "title empty": (swap("title: T\n", "title:\n"),
                    ["b.yaml:2: b: 'title' is empty: write its text or remove the key"]),
    "title too long": (swap("title: T\n", f"title: {'t' * 121}\n"),
                       ["b.yaml:2: b: 'title' is 121 characters long: shorten it to at most 120"]),
    "title a list": (swap("title: T\n", "title: [a, b]\n"),
                     ["b.yaml:2: b: 'title' must be text, not a list"]),
    "description a mapping": (swap("title: T\n", "title: T\ndescription: {a: b}\n"),
                              ["b.yaml:3: b: 'description' must be text, not a mapping"]),
    "language not a tag": (swap("title: T\n", "title: T\nlanguage: English language\n"),
                           ["b.yaml:3: b: 'language' 'English language' is not a BCP 47 language "
                            "tag: write one such as en, es, ur or pt-BR"]),
    "tags not a list": (swap("title: T\n", "title: T\ntags: bitcoin\n"),
                        ["b.yaml:3: b: 'tags' must be a list (entries starting with '- '), not text"]),
    "tag too long": (swap("title: T\n", f"title: T\ntags: [{'x' * 41}]\n"),
                     [f"b.yaml:3: b: the tag '{'x' * 41}' is 41 characters long: keep tags to at "
                      "most 40"]),
    "unknown bank key": (swap("title: T\n", "title: T\nauthor: me\n"),
                         ["b.yaml:3: b: unknown key 'author' in a bank: the keys allowed are bank, "
                          "title, description, language, tags, questions"]),
    "question key on the bank": (swap("title: T\n", "title: T\nprompt: P\n"),
                                 ["b.yaml:3: b: 'prompt' belongs to a question, not to the bank: "
                                  "move it into a question"]),
    "questions missing": ("bank: b\ntitle: T\n",
                          ["b.yaml:1: b: the key 'questions' is missing: add a list of questions"]),
    "questions empty": ("bank: b\ntitle: T\nquestions: []\n",
                        ["b.yaml:3: b: 'questions' is empty: write at least one question"]),
    "questions not a list": ("bank: b\ntitle: T\nquestions: many\n",
                             ["b.yaml:3: b: 'questions' must be a list of questions (each starting "
                              "with '- id: ...'), not text"]),
    "question not a mapping": ("bank: b\ntitle: T\nquestions:\n  - just text\n",
                               ["b.yaml:4: b/#1: each question must be a mapping of keys (id:, "
                                "type:, ...), not text"]),
}

QUESTION_CASES = {
    "id missing": (swap("  - id: q\n    type: single\n", "  - type: single\n"),
                   ["b.yaml:4: b/#1: the key 'id' is missing: add it"]),
    "id bad": (swap("id: q\n", "id: Q_1\n"),
               ["b.yaml:4: b/#1: the question id 'Q_1' may use only lower-case letters a-z, digits "
                "and '-', and must start with a letter or digit"]),
    "id repeated": (GOOD + GOOD.split("questions:\n", 1)[1],
                    ["b.yaml:13: b/q: the id 'q' is already used on line 4: give each question of "
                     "a bank its own id"]),
    "type missing": (swap("    type: single\n", ""), ["b.yaml:4: b/q: the key 'type' is missing: add it"]),
    "type unknown": (swap("type: single", "type: essay"),
                     ["b.yaml:5: b/q: unknown type 'essay': use one of single, multiple, true_false, "
                      "number, order"]),
    "prompt missing": (swap("    prompt: P\n", ""), ["b.yaml:4: b/q: the key 'prompt' is missing: add it"]),
    "prompt empty": (swap("prompt: P", "prompt: ''"),
                     ["b.yaml:6: b/q: 'prompt' is empty: write its text or remove the key"]),
    "explanation missing": (swap("    explanation: E\n", ""),
                            ["b.yaml:4: b/q: the key 'explanation' is missing: add it"]),
    "cite missing": (GOOD.split("    cite:")[0],
                     ["b.yaml:4: b/q: the key 'cite' is missing: quote the passage of an article that "
                      "supports the answer (cite: - source: ... quote: ...)"]),
    "cite empty": (GOOD.split("    cite:")[0] + "    cite: []\n",
                   ["b.yaml:10: b/q: 'cite' must be a list of at least one citation (- source: ... "
                    "quote: ...), not empty"]),
    "cite not a list": (GOOD.split("    cite:")[0] + "    cite: coindesk\n",
                        ["b.yaml:10: b/q: 'cite' must be a list of at least one citation (- source: "
                         "... quote: ...), not text"]),
    "citation not a mapping": (GOOD.split("    cite:")[0] + "    cite:\n      - coindesk\n",
                               ["b.yaml:11: b/q: each citation must have 'source:' and 'quote:' keys, "
                                "not be text"]),
    "citation source missing": (swap("      - source: coindesk\n        quote:", "      - quote:"),
                                ["b.yaml:11: b/q: the key 'source' is missing: add it"]),
    "citation quote missing": (swap('\n        quote: "doing so in 2021."', ""),
                               ["b.yaml:11: b/q: the key 'quote' is missing: add it"]),
    "citation unknown key": (swap("        quote:", "        page: 2\n        quote:"),
                             ["b.yaml:12: b/q: unknown key 'page' in a citation: the keys allowed "
                              "are source, quote"]),
    "citation unknown source": (swap("source: coindesk", "source: coindsk"),
                                ["b.yaml:11: b/q: there is no article 'coindsk' (did you mean "
                                 "'coindesk'?): the articles are " + ", ".join(sorted(ARTICLES))]),
    "quote not in the article": (swap('"doing so in 2021."', '"doing so in 2012."'),
                                 ["b.yaml:12: b/q: the quote is not in the article 'coindesk'; its "
                                  "closest passage is \"doing so in 2021.\": copy the passage exactly "
                                  "as the article prints it"]),
    "quote with different case": (swap('"doing so in 2021."', '"Doing so in 2021."'),
                                  ["b.yaml:12: b/q: the quote is not in the article 'coindesk'; its "
                                   "closest passage is \"doing so in 2021.\": copy the passage "
                                   "exactly as the article prints it"]),
    "points not whole": (swap("    answer: x\n", "    answer: x\n    points: 1.5\n"),
                         ["b.yaml:10: b/q: 'points' '1.5' must be a whole number from 1 to 100"]),
    "points zero": (swap("    answer: x\n", "    answer: x\n    points: 0\n"),
                    ["b.yaml:10: b/q: 'points' '0' must be a whole number from 1 to 100"]),
    "points over 100": (swap("    answer: x\n", "    answer: x\n    points: 101\n"),
                        ["b.yaml:10: b/q: 'points' '101' must be a whole number from 1 to 100"]),
    "difficulty unknown": (swap("    answer: x\n", "    answer: x\n    difficulty: tricky\n"),
                           ["b.yaml:10: b/q: 'difficulty' 'tricky' must be one of easy, medium, hard"]),
    "question tags not a list": (swap("    answer: x\n", "    answer: x\n    tags: {a: b}\n"),
                                 ["b.yaml:10: b/q: 'tags' must be a list (entries starting with "
                                  "'- '), not a mapping"]),
    "unknown question key": (swap("    answer: x\n", "    answer: x\n    anwser: x\n"),
                             ["b.yaml:10: b/q: unknown key 'anwser' (did you mean 'answer'?) in a "
                              f"question: the keys allowed are {KEYS}, choices, answer"]),
    "key of another type": (swap("    answer: x\n", "    answer: x\n    tolerance: 1\n"),
                            ["b.yaml:10: b/q: 'tolerance' does not belong to a single question: "
                             "remove it"]),
}

SINGLE_CASES = {
    "choices missing": (question("    type: single\n    prompt: P\n    explanation: E\n    answer: x\n"),
                        ["b.yaml:4: b/q: the key 'choices' is missing: add it"]),
    "one choice": (swap("choices: [x, y]", "choices: [x]"),
                   ["b.yaml:8: b/q: 'choices' has 1 entries: write from 2 to 8"]),
    "nine choices": (swap("choices: [x, y]", "choices: [a, b, c, d, e, f, g, h, x]"),
                     ["b.yaml:8: b/q: 'choices' has 9 entries: write from 2 to 8"]),
    "choices repeated": (swap("    choices: [x, y]\n", "    choices:\n      - x\n      - x\n"),
                         ["b.yaml:10: b/q: 'x' is already in 'choices' on line 9: every entry must "
                          "be different"]),
    "thousands comma in a [a, b] list": (
        swap("choices: [x, y]\n    answer: x", "choices: [over 6,200 BTC, 6,238 BTC]\n    answer: 6,238 BTC"),
        ["b.yaml:8: b/q: in 'choices' written as [a, b], every comma starts a new entry, so a number "
         "such as 6,200 became two: put each entry on its own line ('- 6,200') or in quotes"]),
    "choice empty": (swap("choices: [x, y]", "choices: [x, '']"),
                     ["b.yaml:8: b/q: an entry of 'choices' is empty: write it or remove it"]),
    "choice a list": (swap("choices: [x, y]", "choices: [x, [y, z]]"),
                      ["b.yaml:8: b/q: each entry of 'choices' must be text, not a list"]),
    "answer missing": (swap("    answer: x\n", ""),
                       ["b.yaml:4: b/q: the key 'answer' is missing: add the right answer"]),
    "answer not a choice": (swap("answer: x", "answer: z"),
                            ["b.yaml:9: b/q: the answer 'z' is not one of the choices: copy it "
                             "exactly from the list of choices"]),
    "answer a list": (swap("answer: x", "answer: [x]"),
                      ["b.yaml:9: b/q: a single question has one answer, not a list: write one of "
                       "the choices, or use type: multiple"]),
    "1.10 is not 1.1": (swap("choices: [x, y]\n    answer: x", "choices: [1.10, 2]\n    answer: 1.1"),
                        ["b.yaml:9: b/q: the answer '1.1' is not one of the choices: copy it exactly "
                         "from the list of choices"]),
}

MULTIPLE_CASES = {
    "answer not a list": (swap("type: single\n", "type: multiple\n"),
                          ["b.yaml:9: b/q: a multiple question's answer must be a list of the right "
                           "choices (- ...), even when only one is right"]),
    "answer empty": (swap("type: single\n", "type: multiple\n", swap("answer: x", "answer: []")),
                     ["b.yaml:9: b/q: the answer list is empty: list the right choices"]),
    "answer entry not a choice": (swap("type: single\n", "type: multiple\n",
                                       swap("answer: x", "answer: [x, z]")),
                                  ["b.yaml:9: b/q: the answer 'z' is not one of the choices: copy "
                                   "it exactly from the list of choices"]),
    "answer entry repeated": (swap("type: single\n", "type: multiple\n",
                                   swap("answer: x", "answer: [x, x]")),
                              ["b.yaml:9: b/q: the answer 'x' is listed twice: keep it once"]),
    "items on a multiple": (swap("type: single\n", "type: multiple\n",
                                 swap("answer: x", "answer: [x]\n    items: [a, b]")),
                            ["b.yaml:10: b/q: 'items' does not belong to a multiple question: "
                             "remove it"]),
}

TRUE_FALSE_BODY = "    type: true_false\n    prompt: P\n    explanation: E\n"
TRUE_FALSE_CASES = {
    "yes is not true": (question(TRUE_FALSE_BODY + "    answer: yes\n"),
                        ["b.yaml:8: b/q: the answer of a true_false question must be true or false "
                         "(without quotes), not 'yes'"]),
    "quoted true": (question(TRUE_FALSE_BODY + "    answer: 'true'\n"),
                    ["b.yaml:8: b/q: the answer of a true_false question must be true or false "
                     "(without quotes), not 'true'"]),
    "answer missing": (question(TRUE_FALSE_BODY),
                       ["b.yaml:4: b/q: the key 'answer' is missing: add the right answer"]),
    "choices on true_false": (question(TRUE_FALSE_BODY + "    answer: true\n    choices: [a, b]\n"),
                              ["b.yaml:9: b/q: 'choices' does not belong to a true_false question: "
                               "remove it"]),
}

NUMBER_BODY = "    type: number\n    prompt: P\n    explanation: E\n"
NUMBER_CASES = {
    "answer not a number": (question(NUMBER_BODY + "    answer: many\n"),
                            ["b.yaml:8: b/q: 'answer' must be a number, not 'many'"]),
    "answer with a comma": (question(NUMBER_BODY + "    answer: 6,238\n"),
                            ["b.yaml:8: b/q: 'answer' must be a number, not '6,238' (write it "
                             "without thousands commas, such as 6238)"]),
    "answer missing": (question(NUMBER_BODY),
                       ["b.yaml:4: b/q: the key 'answer' is missing: add the right answer"]),
    "answer with a huge exponent": (question(NUMBER_BODY + "    answer: 1e999999999\n"),
                                    ["b.yaml:8: b/q: 'answer' must be a number, not '1e999999999'"]),
    "answer past 10^15": (question(NUMBER_BODY + "    answer: 1e999999\n"),
                          ["b.yaml:8: b/q: 'answer' must lie between -10^15 and 10^15: give it in "
                           "a larger unit (billions instead of units, say)"]),
    "answer just past 10^15": (question(NUMBER_BODY + "    answer: -1000000000000001\n"),
                               ["b.yaml:8: b/q: 'answer' has more than 15 significant digits: round "
                                "it, and give a tolerance if learners may round too"]),
    "answer of 16 digits": (question(NUMBER_BODY + "    answer: 0.1234567890123456\n"),
                            ["b.yaml:8: b/q: 'answer' has more than 15 significant digits: round "
                             "it, and give a tolerance if learners may round too"]),
    "answer of a million digits": (question(NUMBER_BODY + "    answer: " + "9" * 1_000_000 + "\n"),
                                   ["b.yaml:8: b/q: 'answer' must be a number, not '"
                                    + "9" * 60 + "…'"]),
    "tolerance with a huge exponent": (question(NUMBER_BODY + "    answer: 7\n    tolerance: 1e999999999\n"),
                                       ["b.yaml:9: b/q: 'tolerance' must be a number, not "
                                        "'1e999999999'"]),
    "tolerance past 10^15": (question(NUMBER_BODY + "    answer: 7\n    tolerance: 2e15\n"),
                             ["b.yaml:9: b/q: 'tolerance' must lie between -10^15 and 10^15: give "
                              "it in a larger unit (billions instead of units, say)"]),
    "tolerance negative": (question(NUMBER_BODY + "    answer: 7\n    tolerance: -1\n"),
                           ["b.yaml:9: b/q: 'tolerance' -1 must be 0 or more"]),
    "tolerance not a number": (question(NUMBER_BODY + "    answer: 7\n    tolerance: a bit\n"),
                               ["b.yaml:9: b/q: 'tolerance' must be a number, not 'a bit'"]),
    "unit a list": (question(NUMBER_BODY + "    answer: 7\n    unit: [BTC]\n"),
                    ["b.yaml:9: b/q: 'unit' must be text, not a list"]),
}

ORDER_BODY = "    type: order\n    prompt: P\n    explanation: E\n"
ORDER_CASES = {
    "items missing": (question(ORDER_BODY), ["b.yaml:4: b/q: the key 'items' is missing: add it"]),
    "one item": (question(ORDER_BODY + "    items: [a]\n"),
                 ["b.yaml:8: b/q: 'items' has 1 entries: write from 2 to 8"]),
    "nine items": (question(ORDER_BODY + "    items: [a, b, c, d, e, f, g, h, i]\n"),
                   ["b.yaml:8: b/q: 'items' has 9 entries: write from 2 to 8"]),
    "items repeated": (question(ORDER_BODY + "    items: [a, b, a]\n"),
                       ["b.yaml:8: b/q: 'a' is already in 'items' on line 8: every entry must be "
                        "different"]),
    "answer on order": (question(ORDER_BODY + "    items: [a, b]\n    answer: a\n"),
                        ["b.yaml:9: b/q: 'answer' does not belong to a order question: remove it"]),
}

ALL_CASES = {
    f"{group}: {name}": case
    for group, cases in [("file", FILE_CASES), ("bank", BANK_CASES), ("question", QUESTION_CASES),
                         ("single", SINGLE_CASES), ("multiple", MULTIPLE_CASES),
                         ("true_false", TRUE_FALSE_CASES), ("number", NUMBER_CASES),
                         ("order", ORDER_CASES)]
    for name, case in cases.items()
}


@pytest.mark.parametrize(("text", "expected"), ALL_CASES.values(), ids=ALL_CASES.keys())
def test_each_mistake_is_reported_at_its_line(text: str | bytes, expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_good_bank_has_no_problems() -> None:
    assert problems_of(GOOD) == []


def test_every_mistake_in_a_file_is_reported_at_once() -> None:
    text = swap("title: T\n", "title:\n", swap("type: single", "type: essay",
                swap("source: coindesk", "source: nowhere")))
    assert [line.split(": ", 1)[0] for line in problems_of(text)] == [
        "b.yaml:2", "b.yaml:5", "b.yaml:11"]


def test_two_files_with_one_bank_id() -> None:
    catalog = check_banks([("b.yaml", "b", GOOD.encode()), ("c.yaml", "c", GOOD.encode())], ARTICLES)
    assert [str(p) for p in catalog.problems] == [
        "c.yaml:1: b: the bank id 'b' is already used by b.yaml: give each bank its own id"]
    assert [bank.id for bank in catalog.banks] == ["b"]


def test_words_yaml_would_turn_into_booleans_stay_words() -> None:
    bank, problems = parse_bank("b.yaml", "b", swap(
        "choices: [x, y]\n    answer: x", "choices: [no, yes, on, off, 1.10, 2021]\n    answer: no"
    ).encode())
    assert problems == []
    assert bank is not None
    assert bank.questions[0].key == {"choices": ["no", "yes", "on", "off", "1.10", "2021"],
                                     "answer": "no"}


@pytest.mark.parametrize(("written", "stored"), [("true", True), ("false", False), ("True", True)])
def test_true_false_answer_is_a_boolean(written: str, stored: bool) -> None:
    bank, _ = parse_bank("b.yaml", "b", question(TRUE_FALSE_BODY + f"    answer: {written}\n").encode())
    assert bank is not None and bank.questions[0].key == {"answer": stored}


def test_number_answer_keeps_its_value_and_defaults() -> None:
    bank, _ = parse_bank("b.yaml", "b", question(NUMBER_BODY + "    answer: 6238\n").encode())
    assert bank is not None and bank.questions[0].key == {"answer": "6238", "tolerance": "0",
                                                          "unit": None}


def test_defaults_of_optional_keys() -> None:
    bank, _ = parse_bank("b.yaml", "b", GOOD.encode())
    assert bank is not None
    assert (bank.language, bank.tags, bank.description) == ("en", (), None)
    assert (bank.questions[0].points, bank.questions[0].difficulty) == (1, None)


def test_a_byte_order_mark_is_accepted() -> None:
    assert problems_of(b"\xef\xbb\xbf" + GOOD.encode()) == []


def test_article_front_matter_problems_are_reported() -> None:
    text = b"---\ntitle: A\npublished: July 2025\nurl: example.com\nauthor: me\n---\nBody.\n"
    article, problems = parse_article("seeds/a.md", "a", text)
    assert article is None
    assert [str(p) for p in problems] == [
        "seeds/a.md:3: a: 'published' 'July 2025' is not a date: write it as YYYY-MM-DD, or leave "
        "the key out when the date is unknown",
        "seeds/a.md:4: a: 'url' 'example.com' must be a web address starting with https://",
        "seeds/a.md:5: a: unknown key 'author' in an article's front matter: the keys allowed are "
        "title, kind, publisher, published, url, language, references",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    (b"title: A\nBody\n", "seeds/a.md:1: a: the article must start with a line '---', then its "
                          "front matter (title: ...), then another '---' line, then the text"),
    (b"---\ntitle: A\nBody\n", "seeds/a.md:1: a: the front matter is not closed: add a line '---' "
                               "after it"),
    (b"---\npublisher: X\n---\nBody\n", "seeds/a.md:2: a: the key 'title' is missing: add it"),
    (b"---\ntitle: A\n---\n\n", "seeds/a.md:3: a: the article has no text after the front matter: "
                                "paste it"),
])
def test_article_shape_problems(text: bytes, expected: str) -> None:
    article, problems = parse_article("seeds/a.md", "a", text)
    assert article is None
    assert [str(p) for p in problems] == [expected]


def test_article_metadata_is_read_and_unknown_fields_stay_empty() -> None:
    coindesk = ARTICLES["coindesk"]
    assert (coindesk.title, coindesk.publisher, str(coindesk.published)) == (
        "Pakistan, El Salvador Form Crypto-Focused Partnership", "CoinDesk", "2025-07-17")
    ainvest = ARTICLES["ainvest"]
    assert (ainvest.publisher, ainvest.published, ainvest.url) == ("AInvest", None, None)


@pytest.mark.parametrize("points", ["²", "٣", "1" * 5000, "0", "101"])
def test_points_outside_1_to_100_are_refused_with_a_message(points: str) -> None:
    assert problems_of(swap("    answer: x\n", f"    answer: x\n    points: \"{points}\"\n")) == [
        f"b.yaml:10: b/q: 'points' {points!r} must be a whole number from 1 to 100"]


def test_numbers_at_the_limits_are_accepted() -> None:
    for answer in ("1e15", "-1000000000000000", "123456789012345", "0.000000000000000123"):
        bank, problems = parse_bank("b.yaml", "b", question(NUMBER_BODY + f"    answer: {answer}\n").encode())
        assert problems == [] and bank is not None, answer


def test_a_quote_over_600_characters_is_refused_before_it_is_searched() -> None:
    quote = "El Salvador " * 51  # 612 characters
    assert problems_of(swap('quote: "doing so in 2021."', f'quote: "{quote}"')) == [
        "b.yaml:12: b/q: 'quote' is 612 characters long: shorten it to at most 600"]


def test_a_bank_of_more_than_500_questions_is_refused() -> None:
    one = GOOD.split("questions:\n", 1)[1]
    text = "bank: b\ntitle: T\nquestions:\n" + "".join(
        one.replace("id: q", f"id: q{n}") for n in range(501))
    assert problems_of(text) == ["b.yaml:3: b: the bank has 501 questions: a bank may have at most "
                                 "500, so split it into two banks"]


def test_only_the_first_fifty_wrong_quotes_are_given_their_closest_passage() -> None:
    wrong = "".join(f"  - id: q{n}\n    type: true_false\n    prompt: P\n    explanation: E\n"
                    f"    answer: true\n    cite:\n      - source: coindesk\n"
                    f"        quote: \"doing so in {3000 + n}.\"\n" for n in range(60))
    problems = problems_of(f"bank: b\ntitle: T\nquestions:\n{wrong}")
    assert len(problems) == 60
    assert all("closest passage is \"doing so in 2021.\"" in p for p in problems[:50])
    assert problems[50:] == [f"b.yaml:{11 + 8 * n}: b/q{n}: the quote is not in the article 'coindesk': "
                             "copy the passage exactly as the article prints it" for n in range(50, 60)]

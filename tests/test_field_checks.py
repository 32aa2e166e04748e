"""FieldReader on its own: each check with a good value, then bad ones, with the line and the
words a teacher reads in ``quizapp validate`` (``PATH:LINE: SUBJECT: MESSAGE``)."""

from __future__ import annotations

import pytest

from quizapp.domain.field_checks import MAX_TAG_LENGTH, FieldReader, describe, is_null
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem
from quizapp.domain.yaml_reader import Mapping, Scalar, Sequence, read_yaml

BANK_KEYS = ["bank", "title", "description", "language", "tags", "questions"]


def read(text: str) -> Mapping:
    root = read_yaml(text)
    assert isinstance(root, Mapping), root
    return root


def new_reader() -> tuple[FieldReader, list[Problem]]:
    problems: list[Problem] = []
    return FieldReader("b.yaml", "b/q", problems), problems


def shown(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def first_question(text: str) -> Mapping:
    """The first entry of ``questions:`` in ``text``, a mapping."""
    found = read(text).get("questions")
    assert found is not None and isinstance(found[1], Sequence)
    question = found[1].items[0]
    assert isinstance(question, Mapping)
    return question


# describe and is_null -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [("a: {b: c}\n", "a mapping"), ("a: [b]\n", "a list"),
                                            ("a: b\n", "text"), ("a: 12\n", "text"), ("a:\n", "text")])
def test_describe_names_a_value_as_a_teacher_would(text: str, kind: str) -> None:
    found = read(text).get("a")
    assert found is not None
    assert str(describe(found[1])) == kind


@pytest.mark.parametrize(("written", "null"), [
    ("", True), ("~", True), ("null", True), ("Null", True), ("NULL", True),
    ("nULL", False), ("none", False), ("None", False), ("0", False), ("false", False),
    ("''", False), ('""', False), ("'~'", False), ('"null"', False),  # quoted: text the teacher wrote
    ("[]", False), ("{}", False),
])
def test_is_null_is_only_an_unquoted_empty_value(written: str, null: bool) -> None:
    found = read(f"a: {written}\n").get("a")
    assert found is not None
    assert is_null(found[1]) is null


# text --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "text"), [
    ("Bitcoin basics", "Bitcoin basics"), ("'null'", "null"), ('"~"', "~"), ("1.10", "1.10"),
    ("no", "no"), ("¿Qué año?", "¿Qué año?"), ("|\n  Two\n  lines", "Two\nlines\n"),
])
def test_text_returns_the_value_as_written(written: str, text: str) -> None:
    reader, problems = new_reader()
    assert reader.text(read(f"bank: b\ntitle: {written}\n"), "title", required=True) == text
    assert problems == []


def test_an_optional_text_that_is_absent_is_none_without_a_problem() -> None:
    reader, problems = new_reader()
    assert reader.text(read("bank: b\n"), "description", required=False) is None
    assert problems == []


def test_a_required_text_that_is_absent_is_reported_at_its_mapping() -> None:
    reader, problems = new_reader()
    question = first_question("bank: b\nquestions:\n  - id: q\n    type: single\n")
    assert reader.text(question, "prompt", required=True) is None
    assert shown(problems) == ["b.yaml:3: b/q: the key 'prompt' is missing: add it"]


@pytest.mark.parametrize(("written", "message"), [
    ("", "'title' is empty: write its text or remove the key"),
    ("~", "'title' is empty: write its text or remove the key"),
    ("null", "'title' is empty: write its text or remove the key"),
    ("''", "'title' is empty: write its text or remove the key"),
    ("'   '", "'title' is empty: write its text or remove the key"),
    ('"\\t"', "'title' is empty: write its text or remove the key"),
    ("[a, b]", "'title' must be text, not a list"),
    ("{en: Bitcoin}", "'title' must be text, not a mapping"),
    ("\n  - Bitcoin", "'title' must be text, not a list"),  # the list is on line 3: the key's line counts
    ("\n  en: Bitcoin", "'title' must be text, not a mapping"),
])
def test_a_bad_text_is_reported_at_its_key(written: str, message: str) -> None:
    reader, problems = new_reader()
    assert reader.text(read(f"bank: b\ntitle: {written}\n"), "title", required=True) is None
    assert shown(problems) == [f"b.yaml:2: b/q: {message}"]


def test_a_text_longer_than_its_limit_is_reported_with_both_lengths() -> None:
    reader, problems = new_reader()
    root = read(f"bank: b\n\ntitle: {'t' * 121}\nunit: {'u' * 120}\n")
    assert reader.text(root, "title", required=True, max_length=120) is None
    assert reader.text(root, "unit", required=True, max_length=120) == "u" * 120
    assert shown(problems) == ["b.yaml:3: b/q: 'title' is 121 characters long: shorten it to at most 120"]


def test_a_text_is_measured_in_characters_not_bytes() -> None:
    reader, problems = new_reader()
    assert reader.text(read("title: بٹ کوائن\n"), "title", required=True, max_length=9) == "بٹ کوائن"
    assert problems == []


# identifier --------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["legal-tender", "q1", "2021-law", "a", "a" * 64])
def test_a_well_formed_id_is_returned(written: str) -> None:
    reader, problems = new_reader()
    assert reader.identifier(read(f"id: {written}\n"), "id", msg("the question id")) == written
    assert problems == []


@pytest.mark.parametrize(("written", "message"), [
    ("Legal-Tender", "the question id 'Legal-Tender' may use only lower-case letters a-z, digits and '-', "
                     "and must start with a letter or digit"),
    ("q_1", "the question id 'q_1' may use only lower-case letters a-z, digits and '-', and must start "
            "with a letter or digit"),
    ("-q", "the question id '-q' may use only lower-case letters a-z, digits and '-', and must start "
           "with a letter or digit"),
    ("año", "the question id 'año' may use only lower-case letters a-z, digits and '-', and must start "
            "with a letter or digit"),
    ("'legal tender'", "the question id 'legal tender' may use only lower-case letters a-z, digits and "
                       "'-', and must start with a letter or digit"),
    ("a" * 65, f"the question id '{'a' * 65}' is 65 characters long: shorten it to at most 64"),
    ("", "'id' is empty: write its text or remove the key"),
    ("[q1]", "'id' must be text, not a list"),
])
def test_a_bad_id_is_reported_at_its_line(written: str, message: str) -> None:
    reader, problems = new_reader()
    question = first_question(f"bank: b\nquestions:\n  - type: single\n    id: {written}\n")
    assert reader.identifier(question, "id", msg("the question id")) is None
    assert shown(problems) == [f"b.yaml:4: b/q: {message}"]


def test_a_missing_id_is_reported_at_the_start_of_its_question() -> None:
    reader, problems = new_reader()
    question = first_question("bank: b\nquestions:\n  - type: single\n    prompt: P\n")
    assert reader.identifier(question, "id", msg("the question id")) is None
    assert shown(problems) == ["b.yaml:3: b/q: the key 'id' is missing: add it"]


# language ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["en", "es", "ur", "pt-BR", "zh-Hant-TW", "fil", "es-419"])
def test_a_language_tag_is_returned(written: str) -> None:
    reader, problems = new_reader()
    assert reader.language(read(f"bank: b\nlanguage: {written}\n")) == written
    assert problems == []


def test_an_absent_language_is_english_without_a_problem() -> None:
    reader, problems = new_reader()
    assert reader.language(read("bank: b\n")) == "en"
    assert problems == []


@pytest.mark.parametrize(("written", "message"), [
    ("English", "'language' 'English' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("en_GB", "'language' 'en_GB' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("en-", "'language' 'en-' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("e", "'language' 'e' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("español", "'language' 'español' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("' es'", "'language' ' es' is not a BCP 47 language tag: write one such as en, es, ur or pt-BR"),
    ("", "'language' is empty: write its text or remove the key"),
    ("[en, es]", "'language' must be text, not a list"),
])
def test_a_bad_language_is_reported_and_english_is_used(written: str, message: str) -> None:
    reader, problems = new_reader()
    assert reader.language(read(f"bank: b\ntitle: T\nlanguage: {written}\n")) == "en"
    assert shown(problems) == [f"b.yaml:3: b/q: {message}"]


# tags and text_list ------------------------------------------------------------------------------

def test_tags_are_returned_in_order() -> None:
    reader, problems = new_reader()
    root = read("bank: b\ntags:\n  - concept:money\n  - skill:recall\n  - 'ñandú'\n")
    assert reader.tags(root) == ("concept:money", "skill:recall", "ñandú")
    assert problems == []


@pytest.mark.parametrize("text", ["bank: b\n", "bank: b\ntags: []\n"])
def test_no_tags_is_an_empty_tuple_without_a_problem(text: str) -> None:
    reader, problems = new_reader()
    assert reader.tags(read(text)) == ()
    assert problems == []


def test_a_tag_over_forty_characters_is_reported_at_its_own_line_and_the_others_are_kept() -> None:
    assert MAX_TAG_LENGTH == 40
    reader, problems = new_reader()
    root = read(f"bank: b\ntags:\n  - {'a' * 40}\n  - {'b' * 41}\n  - short\n")
    assert reader.tags(root) == ("a" * 40, "short")
    assert shown(problems) == [f"b.yaml:4: b/q: the tag '{'b' * 41}' is 41 characters long: keep tags to "
                               "at most 40"]


@pytest.mark.parametrize(("text", "line", "message", "kept"), [
    ("tags: bitcoin\n", 2, "'tags' must be a list (entries starting with '- '), not text", ()),
    ("tags: {a: b}\n", 2, "'tags' must be a list (entries starting with '- '), not a mapping", ()),
    ("tags:\n  - money\n  -\n", 4, "an entry of 'tags' is empty: write it or remove it", ("money",)),
    ("tags: [money, '  ']\n", 2, "an entry of 'tags' is empty: write it or remove it", ("money",)),
    ("tags:\n  - money\n  - [a, b]\n", 4, "each entry of 'tags' must be text, not a list", ("money",)),
    ("tags:\n  - level: easy\n  - money\n", 3, "each entry of 'tags' must be text, not a mapping",
     ("money",)),
])
def test_bad_tags_are_reported_at_their_line_and_the_good_ones_kept(text: str, line: int, message: str,
                                                                     kept: tuple[str, ...]) -> None:
    reader, problems = new_reader()
    assert reader.tags(read("bank: b\n" + text)) == kept
    assert shown(problems) == [f"b.yaml:{line}: b/q: {message}"]


def test_text_list_returns_each_entry_with_its_line() -> None:
    reader, problems = new_reader()
    root = read("prompt: P\nitems:\n  - First\n  - 2021\n  - 'no'\n")
    entries = reader.text_list(root, "items", required=True)
    assert entries == [Scalar("First", 3, True), Scalar("2021", 4, True), Scalar("no", 5, False)]
    assert problems == []


def test_text_list_reports_every_bad_entry_and_keeps_the_good_ones() -> None:
    reader, problems = new_reader()
    root = read("items:\n  - a\n  - ~\n  - [b]\n  - c\n  - {d: e}\n")
    entries = reader.text_list(root, "items", required=True)
    assert [entry.text for entry in entries or []] == ["a", "c"]
    assert shown(problems) == ["b.yaml:3: b/q: an entry of 'items' is empty: write it or remove it",
                               "b.yaml:4: b/q: each entry of 'items' must be text, not a list",
                               "b.yaml:6: b/q: each entry of 'items' must be text, not a mapping"]


def test_a_required_list_that_is_absent_is_reported_and_an_optional_one_is_not() -> None:
    reader, problems = new_reader()
    question = first_question("bank: b\nquestions:\n  - id: q\n    type: order\n")
    assert reader.text_list(question, "choices", required=False) is None
    assert reader.text_list(question, "items", required=True) is None
    assert shown(problems) == ["b.yaml:3: b/q: the key 'items' is missing: add it"]


# check_keys ----------------------------------------------------------------------------------------

def test_allowed_keys_raise_no_problem() -> None:
    reader, problems = new_reader()
    reader.check_keys(read("bank: b\ntitle: T\nquestions: []\n"), BANK_KEYS, msg("a bank"))
    assert problems == []


@pytest.mark.parametrize(("key", "hint"), [("titel", " (did you mean 'title'?)"),
                                           ("Bank", " (did you mean 'bank'?)"),
                                           ("question", " (did you mean 'questions'?)"),
                                           ("author", ""), ("título", "")])
def test_an_unknown_key_is_reported_at_its_line_with_the_allowed_keys(key: str, hint: str) -> None:
    reader, problems = new_reader()
    reader.check_keys(read(f"bank: b\n{key}: x\n"), BANK_KEYS, msg("a bank"))
    assert shown(problems) == [f"b.yaml:2: b/q: unknown key '{key}'{hint} in a bank: the keys allowed are "
                               "bank, title, description, language, tags, questions"]


def test_a_key_that_belongs_elsewhere_gets_its_own_message() -> None:
    reader, problems = new_reader()
    misplaced = {"prompt": msg("'prompt' belongs to a question, not to the bank: move it into a question")}
    reader.check_keys(read("bank: b\ntitle: T\nprompt: P\nauthor: me\n"), BANK_KEYS, msg("a bank"),
                      misplaced=misplaced)
    assert shown(problems) == [
        "b.yaml:3: b/q: 'prompt' belongs to a question, not to the bank: move it into a question",
        "b.yaml:4: b/q: unknown key 'author' in a bank: the keys allowed are bank, title, description, "
        "language, tags, questions"]


def test_a_key_written_twice_is_reported_at_the_second_with_the_line_of_the_first() -> None:
    reader, problems = new_reader()
    reader.check_keys(read("bank: b\ntitle: T\n\ntitle: U\nauthor: a\nauthor: b\n"), BANK_KEYS,
                      msg("a bank"))
    assert shown(problems) == [
        "b.yaml:4: b/q: the key 'title' appears twice (first on line 2): keep only one",
        "b.yaml:6: b/q: the key 'author' appears twice (first on line 5): keep only one",
        "b.yaml:5: b/q: unknown key 'author' in a bank: the keys allowed are bank, title, description, "
        "language, tags, questions"]  # reported once, not once per copy


def test_the_place_named_in_a_problem_is_translated_with_the_message() -> None:
    reader, problems = new_reader()
    reader.check_keys(read("author: me\n"), ["bank"], msg("a bank"))
    catalog = {"unknown key %(key)r%(hint)s in %(where)s: the keys allowed are %(allowed)s":
               "clave desconocida %(key)r en %(where)s: se permiten %(allowed)s",
               "a bank": "un banco"}
    assert problems[0].render(lambda text: catalog.get(text, text)) == (
        "b.yaml:1: b/q: clave desconocida 'author' en un banco: se permiten bank")


# find, line_of, question_list ------------------------------------------------------------------

def test_find_returns_the_key_and_its_value() -> None:
    reader, problems = new_reader()
    found = reader.find(read("bank: b\nanswer: 2021\n"), "answer", required=True)
    assert found == (Scalar("answer", 2, True), Scalar("2021", 2, True))
    assert problems == []


def test_find_says_what_to_add_when_a_required_key_is_absent() -> None:
    reader, problems = new_reader()
    question = first_question("bank: b\nquestions:\n  - id: q\n")
    assert reader.find(question, "cite", required=False) is None
    assert reader.find(question, "answer", required=True,
                       missing=msg("the key 'answer' is missing: add the right answer")) is None
    assert reader.find(question, "type", required=True) is None
    assert shown(problems) == ["b.yaml:3: b/q: the key 'answer' is missing: add the right answer",
                               "b.yaml:3: b/q: the key 'type' is missing: add it"]


def test_line_of_is_the_keys_line_or_else_the_mappings() -> None:
    reader, _ = new_reader()
    question = first_question("bank: b\nquestions:\n  - id: q\n\n    answer: x\n")
    assert (reader.line_of(question, "answer"), reader.line_of(question, "points")) == (5, 3)


def test_question_list_returns_the_key_and_its_list() -> None:
    reader, problems = new_reader()
    found = reader.question_list(read("bank: b\nquestions:\n  - id: q\n"), msg("add questions"))
    assert found is not None
    key, questions = found
    assert (key.line, questions.line, len(questions.items)) == (2, 3, 1)
    assert problems == []


@pytest.mark.parametrize(("text", "line", "message"), [
    ("bank: b\ntitle: T\n", 1, "the key 'questions' is missing: add a list of questions"),
    ("bank: b\nquestions: many\n", 2,
     "'questions' must be a list of questions (each starting with '- id: ...'), not text"),
    ("bank: b\nquestions:\n", 2,
     "'questions' must be a list of questions (each starting with '- id: ...'), not text"),
    ("bank: b\nquestions:\n  id: q\n", 2,
     "'questions' must be a list of questions (each starting with '- id: ...'), not a mapping"),
])
def test_question_list_reports_a_missing_or_wrong_list(text: str, line: int, message: str) -> None:
    reader, problems = new_reader()
    missing = msg("the key 'questions' is missing: add a list of questions")
    assert reader.question_list(read(text), missing) is None
    assert shown(problems) == [f"b.yaml:{line}: b/q: {message}"]


# Many checks, one list ----------------------------------------------------------------------------

def test_every_problem_of_a_mapping_is_collected_in_the_order_checked() -> None:
    problems: list[Problem] = []
    reader = FieldReader("banks/b.yaml", "b", problems)
    root = read("bank: B\ntitle:\nlanguage: Urdu\ntags: [ok, '']\nauthor: x\n")
    reader.check_keys(root, BANK_KEYS, msg("a bank"))
    values: list[object] = [reader.identifier(root, "bank", msg("the bank id")),
                            reader.text(root, "title", required=True), reader.language(root),
                            reader.tags(root)]
    assert values == [None, None, "en", ("ok",)]
    assert [(problem.path, problem.line, problem.subject) for problem in problems] == [
        ("banks/b.yaml", 5, "b"), ("banks/b.yaml", 1, "b"), ("banks/b.yaml", 2, "b"),
        ("banks/b.yaml", 3, "b"), ("banks/b.yaml", 4, "b")]


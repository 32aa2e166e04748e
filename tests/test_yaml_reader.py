"""The safe YAML reader on its own: what a teacher writes, the nodes (and lines) it gives back,
or the one problem (line and message) that stops the file from being read at all."""

from __future__ import annotations

import pytest

from quizapp.domain.yaml_reader import (
    MAX_FILE_BYTES,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlProblem,
    decode_text,
    read_yaml,
)

EMPTY = "the file is empty: write the bank's keys (bank, title, questions)"
NOT_UTF8 = "the file is not UTF-8 text: save it again with the UTF-8 encoding"
TOO_LARGE = "the file is larger than 1,048,576 bytes (1 MiB): split it into smaller files"


def problem(text: str) -> tuple[int, str]:
    """The (line, message) read_yaml reports for ``text``; fails when it reads it."""
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text)
    return caught.value.line, str(caught.value.message)


def decode_problem(data: bytes) -> tuple[int, str]:
    """The (line, message) decode_text reports for ``data``; fails when it decodes it."""
    with pytest.raises(YamlProblem) as caught:
        decode_text(data)
    return caught.value.line, str(caught.value.message)


def mapping(text: str) -> Mapping:
    root = read_yaml(text)
    assert isinstance(root, Mapping), root
    return root


def value(root: Mapping, key: str) -> Node:
    found = root.get(key)
    assert found is not None, key
    return found[1]


def shape(node: Node) -> object:
    """A node as plain Python with its lines: ('text', line, plain), [line, ...], {key@line: ...}."""
    if isinstance(node, Scalar):
        return (node.text, node.line, node.plain)
    if isinstance(node, Sequence):
        return [node.line, *(shape(item) for item in node.items)]
    return {f"{key.text}@{key.line}": shape(item) for key, item in node.entries}


# Reading ---------------------------------------------------------------------------------

A_BANK = """\
# Bitcoin in El Salvador
bank: el-salvador
title: "Bitcoin: the basics"
questions:
  - id: legal-tender
    choices: [2019, 2021]
    answer: 2021
    explanation: |
      CoinDesk says so.
      In 2021.
  - id: held
    answer: 6238
"""


def test_a_bank_is_read_into_nodes_that_keep_every_line() -> None:
    assert shape(read_yaml(A_BANK)) == {
        "bank@2": ("el-salvador", 2, True),
        "title@3": ("Bitcoin: the basics", 3, False),
        "questions@4": [5,  # the list starts at its first '- ', not at 'questions:'
                        {"id@5": ("legal-tender", 5, True),
                         "choices@6": [6, ("2019", 6, True), ("2021", 6, True)],
                         "answer@7": ("2021", 7, True),
                         "explanation@8": ("CoinDesk says so.\nIn 2021.\n", 8, False)},
                        {"id@11": ("held", 11, True), "answer@12": ("6238", 12, True)}],
    }


def test_the_root_and_each_question_remember_where_they_start() -> None:
    root = mapping(A_BANK)
    questions = value(root, "questions")
    assert isinstance(questions, Sequence)
    assert (root.line, [question.line for question in questions.items]) == (2, [5, 11])


def test_a_list_remembers_whether_it_was_written_in_brackets() -> None:
    root = mapping("inline: [a, b]\nblock:\n  - a\n  - b\n")
    inline, block = value(root, "inline"), value(root, "block")
    assert isinstance(inline, Sequence) and isinstance(block, Sequence)
    assert (inline.flow, block.flow) == (True, False)


@pytest.mark.parametrize("written", ["no", "yes", "on", "off", "true", "False", "1.10", "007", "0x1F",
                                     "1e3", "6,238", "2021-09-07", "12:30", ".inf", "~", "null"])
def test_a_plain_scalar_keeps_its_text_exactly_as_written(written: str) -> None:
    assert value(mapping(f"answer: {written}\n"), "answer") == Scalar(written, 1, True)


@pytest.mark.parametrize(("written", "text"), [("'no'", "no"), ('"1.10"', "1.10"), ("''", ""),
                                               ('"say \\"hi\\""', 'say "hi"'), ("'it''s'", "it's"),
                                               ("!!str 1", "1"), ("|\n  x", "x\n")])
def test_quoted_or_tagged_text_is_not_plain(written: str, text: str) -> None:
    assert value(mapping(f"answer: {written}\n"), "answer") == Scalar(text, 1, False)


def test_a_key_with_nothing_after_it_is_plain_empty_text() -> None:
    assert value(mapping("title:\nbank: b\n"), "title") == Scalar("", 1, True)


def test_folded_text_joins_its_lines_and_plain_text_over_two_lines_too() -> None:
    root = mapping("a: >\n  one\n  two\nb: three\n  four\n")
    assert (value(root, "a"), value(root, "b")) == (Scalar("one two\n", 1, False),
                                                    Scalar("three four", 4, True))


def test_windows_line_endings_count_one_line_each_and_leave_no_carriage_return() -> None:
    assert shape(read_yaml("bank: b\r\ntitle: T\r\ntags:\r\n  - x\r\n")) == {
        "bank@1": ("b", 1, True), "title@2": ("T", 2, True), "tags@3": [4, ("x", 4, True)]}


def test_text_in_any_script_is_kept() -> None:
    root = mapping("title: بٹ کوائن کیا ہے؟\nprompt: ¿Qué año?\n")
    assert [item.text for _, item in root.entries if isinstance(item, Scalar)] == [
        "بٹ کوائن کیا ہے؟", "¿Qué año?"]


def test_one_document_may_be_marked_with_its_start_and_end() -> None:
    assert shape(read_yaml("---\nbank: b\n...\n")) == {"bank@2": ("b", 2, True)}


def test_a_file_that_is_one_scalar_or_list_is_returned_as_it_is() -> None:
    assert read_yaml("just text\n") == Scalar("just text", 1, True)
    assert shape(read_yaml("- a\n- b\n")) == [1, ("a", 1, True), ("b", 2, True)]


def test_a_merge_key_is_an_ordinary_key_and_merges_nothing() -> None:
    assert shape(read_yaml("<<: {a: b}\n")) == {"<<@1": {"a@1": ("b", 1, True)}}


# Duplicate keys ---------------------------------------------------------------------------

def test_a_key_written_twice_keeps_its_first_value_and_remembers_both_lines() -> None:
    root = mapping("title: First\nbank: b\ntitle: Second\n")
    assert [key.text for key, _ in root.entries] == ["title", "bank"]
    assert value(root, "title") == Scalar("First", 1, True)
    assert [(key.text, key.line, first) for key, first in root.duplicate_keys] == [("title", 3, 1)]


def test_a_quoted_key_is_the_same_key_as_a_plain_one() -> None:
    root = mapping("'1': a\n1: b\n\"1\": c\n")
    assert [(key.line, first) for key, first in root.duplicate_keys] == [(2, 1), (3, 1)]
    assert value(root, "1") == Scalar("a", 1, True)


def test_duplicates_are_kept_on_the_mapping_they_belong_to() -> None:
    root = mapping("questions:\n  - id: a\n    id: b\n  - id: c\n")
    questions = value(root, "questions")
    assert isinstance(questions, Sequence)
    first, second = questions.items
    assert isinstance(first, Mapping) and isinstance(second, Mapping)
    assert root.duplicate_keys == [] and second.duplicate_keys == []
    assert [(key.text, key.line, line) for key, line in first.duplicate_keys] == [("id", 3, 2)]


def test_get_of_an_absent_key_is_none() -> None:
    assert mapping("bank: b\n").get("title") is None


# Empty files --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n", "   \n  \n", "# only a comment\n# and another\n", "---\n",
                                  "---\n...\n"])
def test_a_file_with_nothing_in_it_is_empty(text: str) -> None:
    assert problem(text) == (1, EMPTY)


@pytest.mark.parametrize(("text", "read"), [("~\n", Scalar("~", 1, True)), ("''\n", Scalar("", 1, False)),
                                            ("[]\n", Sequence([], 1, True))])
def test_a_file_holding_only_an_empty_value_is_read_for_the_bank_checks_to_judge(text: str,
                                                                                  read: Node) -> None:
    assert read_yaml(text) == read


# What a bank may not use --------------------------------------------------------------------

TAG = "the tag %s is not allowed: a bank holds only text, numbers, lists and mappings, so remove the tag"


@pytest.mark.parametrize(("text", "line", "tag"), [
    ("bank: b\nrun: !!python/object/apply:os.system ['ls']\n", 2,
     "tag:yaml.org,2002:python/object/apply:os.system"),
    ("bank: b\ntitle: T\nimage: !!binary aGk=\n", 3, "tag:yaml.org,2002:binary"),
    ("when: !!timestamp 2021-09-07\n", 1, "tag:yaml.org,2002:timestamp"),
    ("answer: !!null ''\n", 1, "tag:yaml.org,2002:null"),
    ("set: !!set {a: null}\n", 1, "tag:yaml.org,2002:set"),
    ("bank: b\nquestions: !custom\n  - a\n", 2, "!custom"),
    ("%TAG !e! tag:example.com,2000:\n---\nbank: !e!thing b\n", 3, "tag:example.com,2000:thing"),
])
def test_a_tag_that_could_build_an_object_is_refused_at_its_line(text: str, line: int, tag: str) -> None:
    assert problem(text) == (line, TAG % tag)


@pytest.mark.parametrize("text", ["a: !!int 5\n", "a: !!float 1.5\n", "a: !!bool true\n", "a: !!seq [x]\n",
                                  "a: !!map {x: y}\n", "a: !!str text\n", "a: ! text\n"])
def test_a_tag_that_only_restates_plain_yaml_is_allowed(text: str) -> None:
    assert isinstance(read_yaml(text), Mapping)


@pytest.mark.parametrize(("text", "line", "refused"), [
    ("bank: b\ntitle: &t T\n", 2, "anchors (&t)"),
    ("bank: b\nchoices: &list\n  - a\n", 2, "anchors (&list)"),
    ("bank: b\nquestions:\n  - &q\n    id: a\n", 3, "anchors (&q)"),
    ("bank: b\n\ntitle: *t\n", 3, "aliases (*t)"),  # an alias with no anchor is refused too
    ("a: [x, *y]\n", 1, "aliases (*y)"),
])
def test_anchors_and_aliases_are_refused_at_their_line(text: str, line: int, refused: str) -> None:
    assert problem(text) == (line, f"{refused} are not allowed: write the content out in full")


@pytest.mark.parametrize(("text", "line"), [("bank: b\n? [a, b]\n: c\n", 2), ("x: {[a]: b}\n", 1),
                                            ("bank: b\ncite:\n  ? {source: x}\n  : y\n", 3)])
def test_a_key_that_is_a_list_or_mapping_is_refused(text: str, line: int) -> None:
    assert problem(text) == (line, "a key must be plain text, not a list or mapping")


def test_a_second_document_is_refused_at_its_dashes() -> None:
    assert problem("bank: a\ntitle: A\n---\nbank: b\n") == (
        3, "the file holds more than one YAML document: put one bank per file and remove the extra '---'")


def test_thirty_two_levels_of_nesting_are_read_and_thirty_three_are_refused() -> None:
    node = read_yaml("[" * 32 + "x" + "]" * 32)
    for _ in range(32):
        assert isinstance(node, Sequence)
        node = node.items[0]
    assert node == Scalar("x", 1, True)
    assert problem("a:\n  b: " + "[" * 33 + "]" * 33 + "\n") == (
        2, "lists and mappings are nested more than 32 deep: a bank never needs that")


@pytest.mark.parametrize(("text", "line", "problem_words"), [
    ("bank: b\ntitle: \"unclosed\nquestions: []\n", 4, "found unexpected end of stream"),
    ("bank: b\ntitle:\n\tT\n", 3, "found character that cannot start any token"),
    ("bank: b\n- a\n", 2, "did not find expected key"),
    ("choices: [a, b\nanswer: a\n", 2, "did not find expected ',' or ']'"),
])
def test_broken_yaml_is_reported_at_the_line_the_parser_stopped(text: str, line: int,
                                                                problem_words: str) -> None:
    assert problem(text) == (line, f"this is not valid YAML ({problem_words}): check the indentation, "
                                   "colons and quotes")


def test_a_control_character_is_refused() -> None:
    line, message = problem("bank: b\ntitle: T\x07\n")
    assert line == 2
    assert message == ("the line holds a character YAML does not allow (U+0007): delete it, or type "
                       "the text again")


def test_a_control_character_is_reported_at_its_own_line() -> None:
    assert problem("bank: b\ntitle: T\n\nprompt: bell\x07\n")[0] == 4


def test_a_problem_keeps_its_message_untranslated_with_its_values_apart() -> None:
    with pytest.raises(YamlProblem) as caught:
        read_yaml("title: &t T\n")
    message = caught.value.message
    assert message.template == "anchors (&%(name)s) are not allowed: write the content out in full"
    assert dict(message.values) == {"name": "t"}
    assert str(caught.value) == "anchors (&t) are not allowed: write the content out in full"
    assert message.render({message.template: "anclas (&%(name)s) no"}.get) == "anclas (&t) no"


# Decoding the file's bytes -------------------------------------------------------------------

@pytest.mark.parametrize(("data", "text"), [
    (b"bank: b\n", "bank: b\n"),
    ("title: ¿Qué es bitcoin? بٹ کوائن\n".encode(), "title: ¿Qué es bitcoin? بٹ کوائن\n"),
    (b"\xef\xbb\xbfbank: b\n", "bank: b\n"),  # the byte order mark Notepad writes is dropped
    (b"", ""),
])
def test_utf8_is_decoded(data: bytes, text: str) -> None:
    assert decode_text(data) == text


@pytest.mark.parametrize(("data", "line"), [
    (b"bank: b\ntitle: caf\xe9\n", 2),                          # Latin-1
    (b"bank: b\ntitle: T\nprompt: \x93Why?\x94\n", 3),          # Windows-1252 curly quotes
    (b"bank: b\n\n\n\ntitle: \xc3\n", 5),                       # a character cut in half
    (b"title: \xc0\xaf\n", 1),                                  # an overlong '/'
    (b"title: \xed\xa0\x80\n", 1),                              # an encoded surrogate
    ("bank: b\n".encode("utf-16"), 1),                          # UTF-16, as some editors save
])
def test_text_not_in_utf8_is_refused_at_the_line_of_its_first_bad_byte(data: bytes, line: int) -> None:
    assert decode_problem(data) == (line, NOT_UTF8)


def test_a_bad_byte_after_a_byte_order_mark_is_reported_at_its_own_line() -> None:
    assert decode_problem(b"\xef\xbb\xbfbank: b\n\xfftitle: T\n") == (2, NOT_UTF8)


def test_a_file_of_exactly_one_mib_is_read_and_one_byte_more_is_refused() -> None:
    assert MAX_FILE_BYTES == 1024 * 1024
    exactly = b"bank: b\n#" + b"x" * (MAX_FILE_BYTES - 10) + b"\n"
    assert len(exactly) == MAX_FILE_BYTES
    assert decode_text(exactly).startswith("bank: b\n#x")
    assert decode_problem(exactly + b"\n") == (1, TOO_LARGE)


def test_the_size_is_checked_before_the_encoding() -> None:
    assert decode_problem(b"\xff" * (MAX_FILE_BYTES + 1)) == (1, TOO_LARGE)

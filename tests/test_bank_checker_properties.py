"""Property-based checks of the bank checker: whatever a file holds, it answers quickly, with messages."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.domain.catalog import check_banks, read_articles

ARTICLES, _ = read_articles(Path(__file__).resolve().parent.parent / "seeds")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made mostly of what YAML gives meaning to, so the parser meets its edge cases.
YAML_MARKS = list("ab-:[]{}#&*!|>'\"\n ,?%@`\t0e1.²٣\u200b\u202e")
yaml_text = st.text(alphabet=st.sampled_from(YAML_MARKS) | st.characters(), max_size=400)
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(max_size=80) | st.sampled_from(["1e999999999", "²", "9" * 400, "-0", "1e15", "6,238"]))
values: st.SearchStrategy[Any] = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                          max_size=5), max_leaves=20)
KEYS = ["id", "type", "prompt", "explanation", "choices", "answer", "tolerance", "unit", "items",
        "points", "difficulty", "tags", "cite", "anwser"]
questions = st.dictionaries(st.sampled_from(KEYS), values, max_size=8) | st.fixed_dictionaries({
    "id": st.text(max_size=20),
    "type": st.sampled_from(["single", "multiple", "true_false", "number", "order"]),
    "prompt": values, "explanation": values, "answer": values, "choices": values, "tolerance": values,
    "cite": st.lists(st.fixed_dictionaries({"source": st.sampled_from(["coindesk", "nowhere"]),
                                            "quote": st.text(max_size=700)}), max_size=3)})
banks = st.fixed_dictionaries({"bank": values, "title": values, "questions": st.lists(questions, max_size=4)},
                              optional={"language": values, "tags": values, "description": values})


def assert_answers_with_messages(data: bytes) -> None:
    started = time.perf_counter()
    catalog = check_banks([("b.yaml", "b", data)], ARTICLES)
    assert time.perf_counter() - started < 1.0
    if not catalog.banks:
        assert catalog.problems, "a refused bank must say why"
    for problem in catalog.problems:
        assert problem.line >= 1 and str(problem).startswith(f"b.yaml:{problem.line}: ")


@SETTINGS
@given(yaml_text)
def test_any_text_gets_messages_with_lines_never_an_exception(text: str) -> None:
    assert_answers_with_messages(text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(banks)
def test_any_bank_shaped_file_gets_messages_with_lines_never_an_exception(bank: dict[str, Any]) -> None:
    assert_answers_with_messages(yaml.safe_dump(bank, allow_unicode=True).encode())


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_get_messages_never_an_exception(data: bytes) -> None:
    assert_answers_with_messages(data)

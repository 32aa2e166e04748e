"""The lines shown around a bank's mistakes."""

from __future__ import annotations

from quizapp.domain.problems import Problem
from quizapp.teacher.problem_listing import lines_around_problems

TEXT = "\n".join(f"line {n}" for n in range(1, 21)) + "\n"


def shown(listing) -> list[int]:  # type: ignore[no-untyped-def]
    return [line.number for line in listing]


def test_each_problem_gets_two_lines_either_side_and_gaps_between() -> None:
    listing = lines_around_problems(TEXT, [Problem("b.yaml", 5, "b", "x"), Problem("b.yaml", 15, "b", "y")])
    assert shown(listing) == [0, 3, 4, 5, 6, 7, 0, 13, 14, 15, 16, 17, 0]
    assert [p.message for p in listing[3].problems] == ["x"]


def test_problems_near_the_edges_and_on_one_line() -> None:
    problems = [Problem("b.yaml", 1, "b", "first"), Problem("b.yaml", 1, "b", "second"),
                Problem("b.yaml", 20, "b", "last")]
    listing = lines_around_problems(TEXT, problems)
    assert shown(listing) == [1, 2, 3, 0, 18, 19, 20]
    assert [p.message for p in listing[0].problems] == ["first", "second"]


def test_a_line_past_the_end_is_shown_on_the_last_line() -> None:
    listing = lines_around_problems("bank: b", [Problem("b.yaml", 9, "b", "missing questions")])
    assert shown(listing) == [1] and listing[0].problems[0].message == "missing questions"

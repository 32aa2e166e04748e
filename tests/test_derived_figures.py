"""What a stored best score, attempt count and class total must be, with worked examples."""

from __future__ import annotations

import pytest

from quizapp.domain.derived_figures import (
    Best,
    CountedAttempt,
    Learner,
    best_differences,
    best_of,
    total_differences,
    total_of,
)

ALI = Learner(7, "ali-1234")


@pytest.mark.parametrize(("attempts", "best"), [
    ([], None),
    ([(0, 6)], Best(0, 6, 1)),  # a blank first attempt still counts as one
    ([(3, 6), (5, 6), (4, 6)], Best(5, 6, 3)),
    ([(5, 6), (5, 7)], Best(5, 6, 2)),  # out of what the first to reach the best was out of
    ([(2, 6), (6, 7)], Best(6, 7, 2)),  # the bank grew before the better attempt
])
def test_a_best_is_the_highest_score_of_the_attempts_that_counted(
        attempts: list[tuple[int, int]], best: Best | None) -> None:
    assert best_of(CountedAttempt(score, out_of) for score, out_of in attempts) == best


def test_a_total_is_the_sum_of_the_best_scores() -> None:
    assert total_of([6, 5, 0]) == 11
    assert total_of([]) == 0


@pytest.mark.parametrize(("stored", "derived", "said"), [
    (Best(5, 6, 2), Best(5, 6, 2), []),
    (None, None, []),
    (Best(5, 6, 2), Best(5, 6, 1), ["assignment 3, learner ali-1234 (7): 2 attempts recorded, "
                                    "1 attempts counted"]),
    (Best(6, 6, 2), Best(3, 6, 2), ["assignment 3, learner ali-1234 (7): best score 6, the "
                                    "attempts that counted give 3"]),
    (Best(6, 7, 2), Best(6, 6, 2), ["assignment 3, learner ali-1234 (7): best score out of 7, "
                                    "the attempts that counted give out of 6"]),
    (None, Best(3, 6, 1), ["assignment 3, learner ali-1234 (7): no best score is stored, but 1 "
                           "attempts counted (best 3)"]),
    (Best(3, 6, 1), None, ["assignment 3, learner ali-1234 (7): a best score is stored, but no "
                           "attempt counted"]),
])
def test_a_stored_best_is_compared_with_the_attempts(stored: Best | None, derived: Best | None,
                                                     said: list[str]) -> None:
    assert [str(message) for message in best_differences(3, ALI, stored, derived)] == said


def test_a_stored_total_is_compared_with_the_best_scores() -> None:
    assert total_differences(2, ALI, 32, 32) == []
    assert [str(m) for m in total_differences(2, ALI, 19, 32)] == [
        "class 2, learner ali-1234 (7): total 19, their best scores add up to 32"]

"""FSRS scheduling through the library, with worked examples on a clock the test passes in.

With a target retention of 0.9 FSRS makes the interval equal to the stability, in whole
days (at least one): that is how each due date below is checked by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.domain.review_schedule import (
    MASTERED_STABILITY_DAYS,
    CardState,
    is_due,
    is_mastered,
    review,
)

MONDAY = dt.datetime(2026, 1, 5, 9, 0)


def test_a_first_right_answer_rates_good_and_comes_back_in_two_days() -> None:
    card = review(None, True, MONDAY)
    # A new card rated Good starts at FSRS's initial stability for Good, w[2] = 2.3065 days.
    assert card.stability == pytest.approx(2.3065)
    assert card.due == MONDAY + dt.timedelta(days=2)  # round(2.3065) = 2
    assert (card.last_review, card.reviews, card.lapses) == (MONDAY, 1, 0)


def test_a_first_wrong_answer_rates_again_and_comes_back_tomorrow() -> None:
    card = review(None, False, MONDAY)
    assert card.stability == pytest.approx(0.212)  # w[0], Again's initial stability
    assert card.due == MONDAY + dt.timedelta(days=1)  # never sooner than a day
    assert card.lapses == 1
    assert card.difficulty > review(None, True, MONDAY).difficulty


def test_right_answers_on_their_due_days_grow_the_interval_until_mastered() -> None:
    first = review(None, True, MONDAY)
    second = review(first, True, first.due)
    assert second.stability == pytest.approx(10.96, abs=0.01)
    assert second.due == first.due + dt.timedelta(days=11)
    assert not is_mastered(second.stability)
    third = review(second, True, second.due)
    assert third.stability == pytest.approx(46.28, abs=0.01)
    assert third.due == dt.datetime(2026, 3, 5, 9, 0)  # 7 January + 11 days = 18 January, + 46 days
    assert is_mastered(third.stability)
    assert third.reviews == 3


def test_a_wrong_answer_after_a_long_interval_brings_the_card_back_soon() -> None:
    second = review(review(None, True, MONDAY), True, MONDAY + dt.timedelta(days=2))
    lapsed = review(second, False, second.due)
    assert lapsed.stability < second.stability
    assert lapsed.due == second.due + dt.timedelta(days=2)  # stability 1.54 rounds to 2
    assert (lapsed.reviews, lapsed.lapses) == (3, 1)


def test_a_lower_target_retention_spaces_reviews_further_apart() -> None:
    assert review(None, True, MONDAY, retention=0.8).due == MONDAY + dt.timedelta(days=8)
    with pytest.raises(ValueError):
        review(None, True, MONDAY, retention=1.0)


def test_a_card_is_due_from_its_due_time_on() -> None:
    card = review(None, True, MONDAY)
    assert not is_due(card, MONDAY + dt.timedelta(days=1, hours=23))
    assert is_due(card, MONDAY + dt.timedelta(days=2))
    assert is_due(card, MONDAY + dt.timedelta(days=7))


def test_mastery_starts_at_three_weeks_of_stability() -> None:
    assert MASTERED_STABILITY_DAYS == 21
    assert not is_mastered(20.99)
    assert is_mastered(21.0)
    assert not is_mastered(None)


def test_the_clock_may_be_aware_or_naive_utc() -> None:
    aware = MONDAY.replace(tzinfo=dt.UTC)
    assert review(None, True, aware) == review(None, True, MONDAY)
    state = CardState(2.3065, 2.1181, MONDAY + dt.timedelta(days=2), MONDAY)
    assert review(state, True, state.due).due.tzinfo is None


def test_scheduling_never_waits_on_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cards are scheduled inside a submission's write lock: nothing there may sleep."""
    import time

    def no_sleep(seconds: float) -> None:
        raise AssertionError(f"review() slept {seconds} s")

    monkeypatch.setattr(time, "sleep", no_sleep)
    state = review(None, True, MONDAY)
    assert review(state, False, state.due).lapses == 1

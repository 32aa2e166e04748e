"""The live game's rules: phases with the clock moved, timing, scoring (accuracy first), standings."""

from __future__ import annotations

import datetime as dt

from quizapp.domain.live_game import (
    MAX_BONUS_UNITS,
    MAX_QUESTIONS,
    RIGHT_ANSWER_UNITS,
    Clock,
    Move,
    Offered,
    Pacing,
    Phase,
    Player,
    Stage,
    answer_points,
    answer_timing,
    bar_percent,
    concept_questions,
    concept_sizes,
    option_counts,
    phase,
    pick,
    resumed,
    seconds_left,
    standings,
    valid_seconds,
)

T0 = dt.datetime(2026, 12, 6, 9, 0, 0)
PACING = Pacing(seconds=20, intro_seconds=5)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_a_question_is_shown_alone_then_open_then_time_is_up() -> None:
    clock = Clock(asked_at=T0)
    assert phase(Stage.ASKED, clock, PACING, at(0)) is Phase.INTRO
    assert phase(Stage.ASKED, clock, PACING, at(4.9)) is Phase.INTRO
    assert phase(Stage.ASKED, clock, PACING, at(5)) is Phase.OPEN
    assert phase(Stage.ASKED, clock, PACING, at(24.9)) is Phase.OPEN
    assert phase(Stage.ASKED, clock, PACING, at(25)) is Phase.TIME_UP
    assert phase(Stage.REVEALED, clock, PACING, at(6)) is Phase.REVEALED
    assert phase(Stage.LOBBY, Clock(), PACING, at(6)) is Phase.LOBBY
    assert phase(Stage.ENDED, clock, PACING, at(6)) is Phase.ENDED


def test_without_a_timer_the_question_stays_open_until_the_teacher_moves_on() -> None:
    pacing = Pacing(seconds=None)
    assert phase(Stage.ASKED, Clock(asked_at=T0), pacing, at(3600)) is Phase.OPEN
    assert seconds_left(Clock(asked_at=T0), pacing, at(10)) is None


def test_the_countdown_rounds_up_and_stops_while_paused() -> None:
    assert seconds_left(Clock(asked_at=T0), PACING, at(5)) == 20
    assert seconds_left(Clock(asked_at=T0), PACING, at(14.5)) == 11
    assert seconds_left(Clock(asked_at=T0), PACING, at(40)) == 0
    paused = Clock(asked_at=T0, paused_at=at(15))
    assert phase(Stage.ASKED, paused, PACING, at(100)) is Phase.PAUSED
    assert seconds_left(paused, PACING, at(100)) == 10
    # Resumed 85 s later: the question is asked 85 s later, so 10 s are left again.
    again = resumed(paused, at(100))
    assert again == Clock(asked_at=at(85))
    assert seconds_left(again, PACING, at(100)) == 10
    assert phase(Stage.ASKED, again, PACING, at(100)) is Phase.OPEN


def test_seconds_per_question_are_10_to_120_or_no_timer() -> None:
    assert [valid_seconds(s) for s in (None, 9, 10, 120, 121)] == [True, False, True, True, False]


def test_time_runs_from_when_the_players_page_showed_the_choices() -> None:
    clock = Clock(asked_at=T0)
    # Choices at 5 s for everyone; this page showed them at 12 s, answered at 30 s: 18 s taken.
    late_page = answer_timing(clock, PACING, at(12), at(30))
    assert late_page.counts and late_page.seconds_taken == 18
    # Everyone's page: answered at 26 s, 21 s after the choices: too late.
    assert not answer_timing(clock, PACING, at(5), at(26)).counts
    # A page that claims it showed the choices before they appeared gets no extra time.
    assert answer_timing(clock, PACING, at(0), at(10)).seconds_taken == 5
    # A page kept open past everyone's close plus the grace cannot answer at leisure.
    assert not answer_timing(clock, PACING, at(33), at(36)).counts
    # Before the choices appear, and while paused, nothing counts.
    assert not answer_timing(clock, PACING, None, at(3)).counts
    assert not answer_timing(Clock(T0, at(8)), PACING, None, at(9)).counts
    assert answer_timing(Clock(T0), Pacing(seconds=None), None, at(999)).counts


def test_a_right_answer_is_worth_its_points_and_a_wrong_one_nothing() -> None:
    assert answer_points(2, True, False, 1.0, 20) == 2 * RIGHT_ANSWER_UNITS
    assert answer_points(2, False, True, 0.0, 20) == 0
    assert answer_points(1, True, True, 0.0, None) == RIGHT_ANSWER_UNITS


def test_accuracy_first_the_whole_speed_bonus_is_less_than_a_right_answer() -> None:
    fastest = answer_points(1, True, True, 0.0, 20)
    slowest = answer_points(1, True, True, 20.0, 20)
    assert fastest == RIGHT_ANSWER_UNITS + MAX_BONUS_UNITS
    assert slowest == RIGHT_ANSWER_UNITS
    assert fastest - slowest < RIGHT_ANSWER_UNITS
    # Two questions: the fastest player, right once and wrong once, never beats a slow player
    # right twice.
    fast = answer_points(1, True, True, 0.0, 20) + answer_points(1, False, True, 0.0, 20)
    slow = 2 * answer_points(1, True, True, 19.9, 20)
    assert fast < slow


def test_standings_share_places_on_ties_and_say_who_moved() -> None:
    board = standings([Player(1, "Ali", 300, 100), Player(2, "Bina", 300, 200),
                       Player(3, "Chen", 100, 0), Player(4, "Dara", 0, None)])
    assert [(p.place, p.name, p.score) for p in board] == [
        (1, "Ali", 300), (1, "Bina", 300), (3, "Chen", 100), (4, "Dara", 0)]
    assert [p.move for p in board] == [Move.UP, Move.SAME, Move.SAME, Move.NEW]
    assert board[0].moved_up and not board[1].moved_down


def test_the_reveals_bars_count_each_choice_once_per_player() -> None:
    assert option_counts(4, [[2], [2, 2], [0, 2], [9]]) == [1, 0, 3, 0]
    assert bar_percent(3, 4) == 75
    assert bar_percent(0, 0) == 0


def test_a_concepts_game_takes_its_questions_in_the_order_offered_up_to_the_limit() -> None:
    offered = [Offered(1, "money"), Offered(2, "custody"), Offered(3, "money"), Offered(4, None)]
    assert concept_questions(offered, "money") == [1, 3]
    assert concept_questions(offered, "scams") == []
    many = [Offered(n, "money") for n in range(100, 140)]
    assert concept_questions(many, "money") == list(range(100, 100 + MAX_QUESTIONS))
    assert concept_sizes([*offered, *many]) == {"money": MAX_QUESTIONS, "custody": 1}


def test_picked_questions_come_in_the_order_shown_and_too_many_or_unknown_are_refused() -> None:
    offered = list(range(10, 50))
    assert pick(offered, ["30", "12", "12", "11"]).questions == (11, 12, 30)
    assert pick(offered, []).problem is not None and pick(offered, []).questions == ()
    too_many = pick(offered, [str(n) for n in range(10, 41)])
    assert too_many.questions == () and too_many.problem is not None
    assert str(too_many.problem) == "You ticked 31 questions: a game holds at most 30. Untick some."
    assert len(pick(offered, [str(n) for n in range(10, 40)]).questions) == MAX_QUESTIONS
    for forged in (["10", "99"], ["10", "ten"], ["10", "١٢"], ["10", "-1"]):
        refused = pick(offered, forged)
        assert refused.questions == () and "cannot be played" in str(refused.problem)

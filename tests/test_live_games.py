"""The live game's service: seats, controls, answers counted once, standings, attempts kept."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest
from flask import Flask
from sqlalchemy import func, select

from quizapp.domain import clock
from quizapp.domain.live_game import INTRO_SECONDS, Phase
from quizapp.extensions import db
from quizapp.models import Answer, AssignmentScore, Attempt, LiveAnswer, LiveGame, Membership
from quizapp.services import live_games, live_screens
from quizapp.services.live_games import AnswerStatus, Control, JoinOutcome, Options
from tests.conftest import People

# The sample bank's questions, in its order: single, true_false, number, multiple, order.
RIGHT = {1: "2021", 2: "false", 3: "6238"}


@pytest.fixture
def game_world(app: Flask, people: People, sample_bank: str) -> dict[str, int]:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(3)]
    people.join(classroom, *learners)
    outsider = people.account("outsider")
    assignment = people.assign(classroom)
    return {"teacher": teacher, "classroom": classroom, "assignment": assignment,
            "outsider": outsider, **{f"learner{n}": a for n, a in enumerate(learners)}}


def new_game(app: Flask, world: dict[str, int], **options: object) -> int:
    with app.test_request_context():
        game_id = live_games.create_game(db.session, world["teacher"], world["classroom"],
                                         Options(**options),  # type: ignore[arg-type]
                                         assignment_id=world["assignment"], rng=random.Random(1))
        assert game_id is not None
        return game_id


def game(game_id: int) -> LiveGame:
    found = db.session.get(LiveGame, game_id, populate_existing=True)
    assert found is not None
    return found


def press(game_id: int, action: Control, now: dt.datetime) -> bool:
    current = game(game_id)
    return live_games.control(db.session, current, action, current.version, now)


def values_for(game_id: int, position: int, right: bool = True) -> list[str]:
    """The form values of the right (or a wrong) answer at ``position``, in the game's shown order."""
    current = game(game_id)
    shown = current.questions[position - 1]["shown"]
    version_type = ["single", "true_false", "number", "multiple", "order"][position - 1]
    if version_type == "single":
        return [str(shown.index(2 if right else 0))]
    if version_type == "true_false":
        return ["false" if right else "true"]
    if version_type == "number":
        return ["6238" if right else "1"]
    if version_type == "multiple":
        return [str(shown.index(i)) for i in ((0, 1, 2) if right else (3,))]
    values = [str(written + 1) for written in shown]  # each shown item's right place
    return values if right else list(reversed(values))


def ask_open(game_id: int, start: dt.datetime) -> dt.datetime:
    """The moment the current question's choices appear."""
    del game_id
    return start + dt.timedelta(seconds=INTRO_SECONDS)


def test_learners_of_the_class_join_once_and_outsiders_never_see_the_game(
        app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world)
    with app.test_request_context():
        assert live_games.learners_game(db.session, game_world["outsider"], game_id) is None
        current = live_games.learners_game(db.session, game_world["learner0"], game_id)
        assert current is not None
        assert live_games.join(db.session, current, game_world["learner0"]) is JoinOutcome.JOINED
        assert live_games.join(db.session, game(game_id), game_world["learner0"]) is JoinOutcome.JOINED
        shown = live_screens.screen(db.session, game(game_id), clock.now(), "en")
        assert [name for _, name in shown.players] == ["Learner 0"]
        assert [g.id for g in live_screens.running_games(db.session, game_world["learner1"])] == [game_id]
        assert live_screens.running_games(db.session, game_world["outsider"]) == []


def test_late_joining_off_closes_the_game_once_it_started(app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, late_join=False)
    with app.test_request_context():
        assert live_games.join(db.session, game(game_id), game_world["learner0"]) is JoinOutcome.JOINED
        assert press(game_id, Control.START, clock.now())
        assert live_games.join(db.session, game(game_id), game_world["learner1"]) is JoinOutcome.CLOSED
        # Coming back is never joining late: the seat is theirs.
        assert live_games.join(db.session, game(game_id), game_world["learner0"]) is JoinOutcome.JOINED


def test_late_joining_on_lets_a_learner_in_during_the_game(app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, late_join=True)
    with app.test_request_context():
        assert press(game_id, Control.START, clock.now())
        assert live_games.join(db.session, game(game_id), game_world["learner1"]) is JoinOutcome.JOINED


def test_a_button_pressed_twice_acts_once(app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world)
    with app.test_request_context():
        seen = game(game_id).version
        now = clock.now()
        assert live_games.control(db.session, game(game_id), Control.START, seen, now)
        assert not live_games.control(db.session, game(game_id), Control.START, seen, now)
        seen = game(game_id).version
        assert live_games.control(db.session, game(game_id), Control.NEXT, seen, now)
        assert not live_games.control(db.session, game(game_id), Control.NEXT, seen, now)
        assert game(game_id).position == 2


def test_the_first_answer_counts_and_a_resent_one_changes_nothing(
        app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=20)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(game_id), learner)
        start = clock.now()
        press(game_id, Control.START, start)
        early = live_games.answer(db.session, game(game_id), learner, 1, values_for(game_id, 1), None,
                                  start + dt.timedelta(seconds=1))
        assert early.status is AnswerStatus.CLOSED  # the question alone: no answers yet
        opened = ask_open(game_id, start)
        first = live_games.answer(db.session, game(game_id), learner, 1, values_for(game_id, 1, False),
                                  opened, opened + dt.timedelta(seconds=3))
        again = live_games.answer(db.session, game(game_id), learner, 1, values_for(game_id, 1), opened,
                                  opened + dt.timedelta(seconds=4))
        assert (first.status, again.status) == (AnswerStatus.RECORDED, AnswerStatus.ALREADY)
        answers = db.session.scalars(select(LiveAnswer)).all()
        assert [(a.correct, a.points) for a in answers] == [(False, 0)]
        wrong_question = live_games.answer(db.session, game(game_id), learner, 2, ["true"], opened,
                                           opened + dt.timedelta(seconds=4))
        assert wrong_question.status is AnswerStatus.CLOSED
        late = live_games.answer(db.session, game(game_id), game_world["learner1"], 1, ["0"], opened,
                                 opened + dt.timedelta(seconds=21))
        assert late.status is AnswerStatus.NOT_PLAYING
        live_games.join(db.session, game(game_id), game_world["learner1"])
        late = live_games.answer(db.session, game(game_id), game_world["learner1"], 1,
                                 values_for(game_id, 1), opened, opened + dt.timedelta(seconds=21))
        assert late.status is AnswerStatus.CLOSED


def test_an_unreadable_answer_is_refused_with_its_reason(app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=None)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(game_id), learner)
        start = clock.now() - dt.timedelta(seconds=60)
        press(game_id, Control.START, start)
        press(game_id, Control.NEXT, start)
        press(game_id, Control.NEXT, start)  # the number question
        outcome = live_games.answer(db.session, game(game_id), learner, 3, ["six"], None, clock.now())
        assert outcome.status is AnswerStatus.NEEDS_CORRECTION
        blank = live_games.answer(db.session, game(game_id), learner, 3, [""], None, clock.now())
        assert blank.status is AnswerStatus.BLANK
        assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


def test_accuracy_first_the_fastest_wrong_player_never_outscores_a_slow_right_one(
        app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=20, speed_bonus=True)
    fast, slow = game_world["learner0"], game_world["learner1"]
    with app.test_request_context():
        for learner in (fast, slow):
            live_games.join(db.session, game(game_id), learner)
        start = clock.now() - dt.timedelta(seconds=200)
        for position in (1, 2):
            asked = start + dt.timedelta(seconds=100 * position)
            press(game_id, Control.START if position == 1 else Control.NEXT, asked)
            opened = ask_open(game_id, asked)
            live_games.answer(db.session, game(game_id), fast, position,
                              values_for(game_id, position, right=position == 1), opened, opened)
            live_games.answer(db.session, game(game_id), slow, position, values_for(game_id, position),
                              opened, opened + dt.timedelta(seconds=19))
        press(game_id, Control.REVEAL, clock.now())
        board = live_screens.standings(db.session, game(game_id))
        assert [place.name for place in board] == ["Learner 1", "Learner 0"]
        assert board[0].score > board[1].score > 100


def test_pause_stops_the_clock_and_skip_scores_nothing(app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=20)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(game_id), learner)
        start = clock.now() - dt.timedelta(seconds=300)
        press(game_id, Control.START, start)
        press(game_id, Control.PAUSE, start + dt.timedelta(seconds=10))
        assert live_games.game_phase(game(game_id), clock.now()) is Phase.PAUSED
        press(game_id, Control.RESUME, clock.now())
        assert live_games.game_phase(game(game_id), clock.now()) is Phase.OPEN
        assert live_games.answer(db.session, game(game_id), learner, 1, values_for(game_id, 1), None,
                                 clock.now()).status is AnswerStatus.RECORDED
        press(game_id, Control.SKIP, clock.now())
        assert game(game_id).position == 2
        assert db.session.scalar(select(LiveAnswer.points)) == 0


def test_a_removed_player_leaves_the_board_and_cannot_come_back(app: Flask,
                                                                game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(game_id), learner)
        player_id = live_screens.screen(db.session, game(game_id), clock.now(), "en").players[0][0]
        assert live_games.remove_player(db.session, game(game_id), player_id, clock.now())
        assert live_games.join(db.session, game(game_id), learner) is JoinOutcome.REMOVED
        assert live_screens.screen(db.session, game(game_id), clock.now(), "en").players == []


def test_the_end_keeps_each_players_answers_as_an_attempt_on_the_class_board(
        app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=None, counts=True)
    learners = [game_world["learner0"], game_world["learner1"]]
    with app.test_request_context():
        for learner in learners:
            live_games.join(db.session, game(game_id), learner)
        start = clock.now() - dt.timedelta(seconds=100)
        press(game_id, Control.START, start)
        for position in range(1, 6):
            for n, learner in enumerate(learners):
                outcome = live_games.answer(db.session, game(game_id), learner, position,
                                            values_for(game_id, position, right=n == 0 or position == 1),
                                            None, clock.now())
                assert outcome.status is AnswerStatus.RECORDED, (position, outcome)
            press(game_id, Control.REVEAL, clock.now())
            press(game_id, Control.NEXT, clock.now() - dt.timedelta(seconds=30))
        assert live_games.game_phase(game(game_id), clock.now()) is Phase.ENDED
        scores = dict(db.session.execute(select(Attempt.account_id, Attempt.score)).all())
        assert scores == {learners[0]: 6, learners[1]: 1}
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 10
        assert set(db.session.scalars(select(Attempt.counts))) == {True}
        totals = dict(db.session.execute(select(Membership.account_id, Membership.total)).all())
        assert totals[learners[0]] == 6 and totals[learners[1]] == 1
        assert db.session.scalar(select(func.count()).select_from(AssignmentScore)) == 2


def test_fifty_players_answering_at_once_each_twice_count_once(
        app: Flask, people: People, game_world: dict[str, int]) -> None:
    players = [people.account(f"player-{n}") for n in range(50)]
    people.join(game_world["classroom"], *players)
    game_id = new_game(app, game_world, seconds=None)
    with app.test_request_context():
        for player in players:
            live_games.join(db.session, game(game_id), player)
        press(game_id, Control.START, clock.now() - dt.timedelta(seconds=30))
        values = values_for(game_id, 1)
    with app.app_context():
        current = db.session.get(LiveGame, game_id)  # read once: the threads share its values
        assert current is not None
        db.session.close()
    barrier = threading.Barrier(100)
    outcomes: list[AnswerStatus] = []
    errors: list[BaseException] = []

    def send(player: int) -> None:
        try:
            barrier.wait(timeout=60)
            with app.app_context():
                outcomes.append(live_games.answer(db.session, current, player, 1, values, None,
                                                  clock.now()).status)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=send, args=(p,)) for p in players for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count(AnswerStatus.RECORDED) == 50
    assert outcomes.count(AnswerStatus.ALREADY) == 50
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 50


def test_a_new_game_ends_the_one_left_running_and_keeps_its_answers(
        app: Flask, game_world: dict[str, int]) -> None:
    first = new_game(app, game_world, seconds=None)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(first), learner)
        press(first, Control.START, clock.now() - dt.timedelta(seconds=30))
        live_games.answer(db.session, game(first), learner, 1, values_for(first, 1), None, clock.now())
    second = new_game(app, game_world)
    with app.test_request_context():
        assert live_games.game_phase(game(first), clock.now()) is Phase.ENDED
        assert live_games.game_phase(game(second), clock.now()) is Phase.LOBBY
        assert db.session.execute(select(Attempt.account_id, Attempt.score, Attempt.counts)).all() == [
            (learner, 1, False)]
        assert [g.id for g in live_screens.running_games(db.session, learner)] == [second]


def test_a_phones_tag_stops_moving_with_the_countdown_once_it_answered(
        app: Flask, game_world: dict[str, int]) -> None:
    game_id = new_game(app, game_world, seconds=60)
    learner = game_world["learner0"]
    with app.test_request_context():
        live_games.join(db.session, game(game_id), learner)
        start = clock.now() - dt.timedelta(seconds=10)
        press(game_id, Control.START, start)
        now = clock.now()
        later = now + dt.timedelta(seconds=2)
        assert live_screens.poll_tag(db.session, game_id, now, learner) != \
            live_screens.poll_tag(db.session, game_id, later, learner)  # its countdown moves
        live_games.answer(db.session, game(game_id), learner, 1, values_for(game_id, 1), None, now)
        assert live_screens.poll_tag(db.session, game_id, now, learner) == \
            live_screens.poll_tag(db.session, game_id, later, learner)  # "Answer received" stays
        teacher = game_world["teacher"]
        host_now, host_later = (live_screens.poll_tag(db.session, game_id, at, teacher_id=teacher)
                                for at in (now, later))
        assert host_now != host_later  # the projector's countdown goes on

"""Levels of a concept: not started, attempted, familiar, proficient, mastered, by worked examples."""

from __future__ import annotations

from quizapp.domain.levels import (
    Level,
    QuestionRecord,
    concept_level,
    level_of,
    record_of,
    try_next,
)

NEW = QuestionRecord()
WRONG = QuestionRecord(answered=True)
RIGHT = QuestionRecord(answered=True, right_first=True)
AGAIN = QuestionRecord(answered=True, right_first=True, right_again=True)
KEPT = QuestionRecord(answered=True, right_first=True, right_again=True, mastered=True)


def test_nothing_answered_is_not_started() -> None:
    assert level_of([NEW, NEW, NEW]) is Level.NOT_STARTED
    assert level_of([]) is Level.NOT_STARTED


def test_any_answer_is_attempted_even_a_wrong_one() -> None:
    assert level_of([WRONG, NEW, NEW]) is Level.ATTEMPTED
    assert level_of([RIGHT, WRONG, NEW, NEW]) is Level.ATTEMPTED  # half right is not most


def test_most_first_answers_right_is_familiar_after_one_quiz() -> None:
    assert level_of([RIGHT, RIGHT, WRONG, NEW, NEW, NEW]) is Level.FAMILIAR
    assert level_of([RIGHT]) is Level.FAMILIAR
    # A bad first go is not held forever: questions right again since count too.
    corrected = QuestionRecord(answered=True, right_first=False, right_again=True)
    assert level_of([corrected, WRONG, NEW, NEW]) is Level.ATTEMPTED
    assert level_of([corrected, corrected, WRONG, NEW, NEW, NEW, NEW]) is Level.FAMILIAR


def test_right_again_in_a_later_attempt_is_proficient_once_half_the_concept_is_answered() -> None:
    assert level_of([AGAIN, AGAIN, RIGHT, NEW]) is Level.PROFICIENT
    # A first answer wrong, then right twice in later goes (a redo, a review), counts as right again.
    corrected = QuestionRecord(answered=True, right_first=False, right_again=True)
    assert level_of([AGAIN, RIGHT, corrected, RIGHT]) is Level.FAMILIAR  # 2 of 4 again: not most
    assert level_of([AGAIN, AGAIN, corrected, RIGHT]) is Level.PROFICIENT
    # Right again on the few answered, but most of the concept untouched: still familiar.
    assert level_of([AGAIN, NEW, NEW, NEW, NEW]) is Level.FAMILIAR


def test_mastered_needs_most_of_the_concepts_questions_remembered_weeks_on() -> None:
    assert level_of([KEPT, KEPT, AGAIN]) is Level.MASTERED
    assert level_of([KEPT, AGAIN, AGAIN]) is Level.PROFICIENT
    assert level_of([KEPT, KEPT, NEW, NEW]) is Level.PROFICIENT  # two of four is not most


def test_a_learner_climbs_in_one_sitting_and_keeps_climbing() -> None:
    """Day one: a quiz (3 of 4 right), then a review of the same four: from nothing to proficient."""
    questions = 4
    start = [record_of(None, 0, None, False)] * questions
    after_quiz = [record_of(True, 1, True, False)] * 3 + [record_of(False, 0, False, False)]
    after_review = [record_of(True, 2, True, False)] * 3 + [record_of(False, 1, True, False)]
    weeks_later = [record_of(True, 5, True, True)] * 3 + [record_of(False, 3, True, False)]
    assert [level_of(records) for records in (start, after_quiz, after_review, weeks_later)] \
        == [Level.NOT_STARTED, Level.FAMILIAR, Level.PROFICIENT, Level.MASTERED]


def test_a_record_is_right_again_only_when_right_in_two_attempts_and_last_right() -> None:
    assert record_of(True, 2, True, False).right_again
    assert not record_of(True, 2, False, False).right_again  # wrong since
    assert not record_of(True, 1, True, False).right_again
    assert record_of(None, 0, None, False) == QuestionRecord()


def test_a_concepts_bar_and_counts() -> None:
    shown = concept_level("money", [AGAIN, AGAIN, RIGHT, NEW])
    assert (shown.level, shown.answered, shown.mastered, shown.total) == (Level.PROFICIENT, 3, 0, 4)
    assert shown.steps == [True, True, True, False]
    assert str(shown.words) == "Proficient"
    assert concept_level("news", [NEW]).steps == [False] * 4


def test_the_next_concept_to_try_is_the_first_not_yet_familiar() -> None:
    levels = [concept_level("money", [AGAIN, AGAIN]), concept_level("blockchain", [RIGHT, NEW]),
              concept_level("mining", [WRONG, NEW]), concept_level("custody", [NEW])]
    assert try_next(levels) == "mining"
    assert try_next(levels[:2]) is None

"""Item analysis, with examples worked by hand."""

from __future__ import annotations

import random

import pytest

from quizapp.domain.item_analysis import (
    MIN_ATTEMPTS,
    ChoiceCount,
    GivenAnswer,
    Hint,
    ItemFlag,
    ItemQuestion,
    LearnerAnswers,
    QuestionTallies,
    Tally,
    analyse,
    analyse_tallies,
    discrimination_index,
    group_size,
)

SINGLE = ItemQuestion("capital", "single", {"choices": ["Lahore", "Islamabad", "Karachi", "Quetta"],
                                             "answer": "Islamabad"})


def learners(totals: list[float], right: list[bool], responses: list[object] | None = None,
             question: ItemQuestion = SINGLE) -> list[LearnerAnswers]:
    given = responses or [None] * len(totals)
    return [LearnerAnswers(total, {question.key: GivenAnswer(ok, response)})
            for total, ok, response in zip(totals, right, given, strict=True)]


def test_each_group_is_27_percent_of_the_learners_halves_rounded_up() -> None:
    assert [group_size(n) for n in (0, 1, 3, 10, 12, 13, 40, 50)] == [0, 1, 1, 3, 3, 4, 11, 14]


def test_distinct_totals_top_three_minus_bottom_three() -> None:
    # 10 learners, totals 10 down to 1; right: the totals 10, 9, 8 and 5.
    # Upper group (10, 9, 8): 3 of 3 right; lower group (1, 2, 3): 0 of 3. D = 1 - 0.
    totals = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    right = [True, True, True, False, False, True, False, False, False, False]
    item = analyse([SINGLE], learners(totals, right)).items[0]
    assert item.facility == pytest.approx(0.4)
    assert item.discrimination == pytest.approx(1.0)
    assert (item.answered, item.right) == (10, 4)


def test_learners_tied_at_the_cut_share_its_places() -> None:
    # Totals 9, 8, 7, 7, 7, 5, 4, 3, 2, 1: the top group of 3 is the 9, the 8, and the three
    # 7s counting a third each. Right: the 9, one of the 7s, and the 1.
    # Upper: (1 + 0 + 1/3 * 1) / 3 = 4/9. Lower (1, 2, 3): 1/3. D = 4/9 - 3/9 = 1/9.
    totals = [9, 8, 7, 7, 7, 5, 4, 3, 2, 1]
    right = [True, False, True, False, False, False, False, False, False, True]
    assert discrimination_index(list(zip(totals, right, strict=True))) == pytest.approx(1 / 9)
    # Which 7 was right, and the order learners come in, change nothing.
    moved = [True, False, False, False, True, False, False, False, False, True]
    pairs = list(zip(totals, moved, strict=True))
    random.Random(4).shuffle(pairs)
    assert discrimination_index(pairs) == pytest.approx(1 / 9)


def test_everyone_tied_tells_nobody_apart() -> None:
    pairs = [(5.0, index % 2 == 0) for index in range(12)]
    assert discrimination_index(pairs) == pytest.approx(0.0)


def test_a_class_where_everyone_is_right_is_only_flagged_as_easy() -> None:
    totals = list(range(12, 0, -1))
    item = analyse([SINGLE], learners(totals, [True] * 12, ["Islamabad"] * 12)).items[0]
    assert (item.facility, item.discrimination) == (1.0, 0.0)
    assert item.hints == [Hint(ItemFlag.UNCHOSEN_DISTRACTOR, "Lahore"),
                          Hint(ItemFlag.UNCHOSEN_DISTRACTOR, "Karachi"),
                          Hint(ItemFlag.UNCHOSEN_DISTRACTOR, "Quetta"),
                          Hint(ItemFlag.TOO_EASY)]


def test_too_few_learners_give_counts_but_no_statistics() -> None:
    totals = list(range(MIN_ATTEMPTS - 1))
    analysis = analyse([SINGLE], learners(totals, [True] * len(totals), ["Islamabad"] * len(totals)))
    assert (analysis.enough, analysis.more_needed, analysis.learners) == (False, 1, 9)
    item = analysis.items[0]
    assert (item.facility, item.discrimination, item.hints) == (None, None, [])
    assert item.choices[1] == ChoiceCount("Islamabad", 9, right=True)
    assert analyse([SINGLE], []).more_needed == MIN_ATTEMPTS


def test_a_bad_key_strong_learners_choose_another_answer() -> None:
    # The strong half all chose Lahore (marked wrong); the weak half chose the key.
    totals = [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    right = [False] * 6 + [True] * 6
    responses = ["Lahore"] * 6 + ["Islamabad"] * 4 + ["Karachi"] * 2
    item = analyse([SINGLE], learners(totals, right, responses)).items[0]
    assert item.discrimination == pytest.approx(-1.0)
    assert item.facility == pytest.approx(0.5)
    assert [(c.choice, c.picked, c.right) for c in item.choices] == [
        ("Lahore", 6, False), ("Islamabad", 4, True), ("Karachi", 2, False), ("Quetta", 0, False)]
    assert item.hints == [Hint(ItemFlag.NEGATIVE_DISCRIMINATION),
                          Hint(ItemFlag.UNCHOSEN_DISTRACTOR, "Quetta")]


def test_a_question_that_tells_nobody_apart_and_one_too_hard() -> None:
    # Right: the 12 and the 1 only. Upper (12, 11, 10): 1/3; lower (1, 2, 3): 1/3. D = 0.
    totals = list(range(12, 0, -1))
    right = [True] + [False] * 10 + [True]
    item = analyse([SINGLE], learners(totals, right)).items[0]
    assert item.discrimination == pytest.approx(0.0)
    assert item.facility == pytest.approx(2 / 12)
    assert [hint.flag for hint in item.hints] == [ItemFlag.NO_DISCRIMINATION, ItemFlag.TOO_HARD]


def test_multiple_and_true_false_choices_map_back_to_the_bank() -> None:
    multiple = ItemQuestion("areas", "multiple", {"choices": ["mining", "reserves", "football"],
                                                  "answer": ["mining", "reserves"]})
    true_false = ItemQuestion("imf", "true_false", {"answer": False})
    people = [LearnerAnswers(3, {"areas": GivenAnswer(True, ["mining", "reserves"]),
                                 "imf": GivenAnswer(True, False)}),
              LearnerAnswers(1, {"areas": GivenAnswer(False, ["mining", "football"]),
                                 "imf": GivenAnswer(False, True)}),
              LearnerAnswers(0, {"areas": GivenAnswer(False, []), "imf": GivenAnswer(False, None)})]
    areas, imf = analyse([multiple, true_false], people).items
    assert areas.choices == [ChoiceCount("mining", 2, True), ChoiceCount("reserves", 1, True),
                             ChoiceCount("football", 1, False)]
    assert areas.blank == 1
    assert imf.choices == [ChoiceCount(True, 1, False), ChoiceCount(False, 1, True)]
    assert imf.blank == 1


def test_questions_a_learner_was_not_shown_are_left_out_of_its_counts() -> None:
    other = ItemQuestion("other", "number", {"answer": "7", "tolerance": "0"})
    people = learners(list(range(10)), [True] * 10)
    people.append(LearnerAnswers(4, {"other": GivenAnswer(True, "7")}))
    capital, counted = analyse([SINGLE, other], people).items
    assert (capital.answered, counted.answered, counted.choices) == (10, 1, [])


def test_answers_counted_by_total_give_the_same_analysis() -> None:
    # The tie example again, as a database's GROUP BY returns it: (total, answered, right).
    totals = [9, 8, 7, 7, 7, 5, 4, 3, 2, 1]
    right = [True, False, True, False, False, False, False, False, False, True]
    counted = {"capital": QuestionTallies(
        [Tally(9, 1, 1), Tally(8, 1, 0), Tally(7, 2, 0), Tally(7, 1, 1), Tally(5, 1, 0),
         Tally(4, 1, 0), Tally(3, 1, 0), Tally(2, 1, 0), Tally(1, 1, 1)],
        [("Islamabad", 3), ("Lahore", 7)])}
    by_learner = analyse([SINGLE], learners(totals, right, ["Islamabad" if ok else "Lahore"
                                                            for ok in right])).items[0]
    by_total = analyse_tallies([SINGLE], 10, counted).items[0]
    assert by_total == by_learner
    assert by_total.discrimination == pytest.approx(1 / 9)

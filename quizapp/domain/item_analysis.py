"""Item analysis: how well each question of a quiz works, from the learners' answers.

Plain values in and out; no Flask, no database. For each question:

- **facility**: the share of answers that were right, from 0 to 1;
- **discrimination**, the *upper-minus-lower 27% index*: the learners are ranked by their
  total score; the share right in the top 27% minus the share right in the bottom 27%,
  from -1 to 1. A good question is answered right more often by the strong learners;
- for single, multiple and true_false questions, how often each choice was picked.

Each group holds ``round(0.27 * n)`` learners (halves rounded up), n being the learners who
answered the question. **Ties at the cut**: when learners with the same total straddle a
group's edge, all of them are in the group with an equal share of the places left, so the
group still counts ``round(0.27 * n)`` learners and the result does not depend on the order
in which tied learners happen to be listed. With 10 learners, a top group of 3 and totals
9, 8, 7, 7, 7, ...: the 9 and the 8 count fully, each 7 counts for a third.

Below MIN_ATTEMPTS learners the statistics are not given: the page says how many more are
needed. Flags are hints for the teacher, returned as values for the edge to put into words.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain.question_types import TYPES

MIN_ATTEMPTS = 10  # learners needed before any statistic is shown
GROUP_SHARE = 0.27  # of the learners, in each of the upper and lower groups
UNCHOSEN_MIN_ANSWERS = 10  # answers needed before an unchosen distractor is flagged
EASY_ABOVE = 0.95
HARD_BELOW = 0.2
WEAK_DISCRIMINATION = 0.1
# The types whose responses name choices, counted one by one.
CHOICE_TYPES = tuple(name for name, kind in TYPES.items() if kind.counts_choices)


class ItemFlag(enum.Enum):
    """Why a question may need a look; the edge turns each into a hint in words."""

    NEGATIVE_DISCRIMINATION = "negative_discrimination"
    NO_DISCRIMINATION = "no_discrimination"
    UNCHOSEN_DISTRACTOR = "unchosen_distractor"
    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"


@dataclass(frozen=True)
class Hint:
    """A flag, with the choice it is about (unchosen distractors only)."""

    flag: ItemFlag
    choice: str | bool | None = None


@dataclass(frozen=True)
class ItemQuestion:
    """A question as the bank wrote it: its type and key (choices and answer)."""

    key: Hashable  # the caller's id for the question, such as a question version id
    type: str
    answer_key: Mapping[str, Any]


@dataclass(frozen=True)
class GivenAnswer:
    """One learner's answer to one question: right or not, and the stored response."""

    correct: bool
    response: Any = None


@dataclass(frozen=True)
class LearnerAnswers:
    """One learner's total score and their answers, keyed by question."""

    total: float
    answers: Mapping[Hashable, GivenAnswer]


@dataclass(frozen=True)
class ChoiceCount:
    """How many learners picked one choice; ``right`` marks a choice of the key."""

    choice: str | bool
    picked: int
    right: bool


@dataclass(frozen=True)
class ItemStats:
    """The analysis of one question; facility and discrimination are None below the minimum."""

    key: Hashable
    answered: int
    right: int
    facility: float | None
    discrimination: float | None
    choices: list[ChoiceCount] = field(default_factory=list)
    blank: int = 0  # answers left blank, counted apart from the choices
    hints: list[Hint] = field(default_factory=list)


@dataclass(frozen=True)
class Analysis:
    """Every question's analysis, and how many learners it rests on."""

    learners: int
    items: list[ItemStats]
    minimum: int = MIN_ATTEMPTS

    @property
    def enough(self) -> bool:
        """True when there are enough learners for the statistics."""
        return self.learners >= self.minimum

    @property
    def more_needed(self) -> int:
        """How many more learners' attempts the statistics need (0 when enough)."""
        return max(0, self.minimum - self.learners)


def group_size(learners: int) -> int:
    """The number of learners in each of the upper and lower groups: 27%, halves rounded up."""
    return max(1, math.floor(GROUP_SHARE * learners + 0.5)) if learners else 0


@dataclass(frozen=True)
class Tally:
    """The learners of one total who answered a question: how many, and how many were right."""

    total: float
    answered: int
    right: int


def merged(tallies: Iterable[Tally]) -> list[Tally]:
    """One tally per total, best total first."""
    by_total: dict[float, tuple[int, int]] = {}
    for tally in tallies:
        answered, right = by_total.get(tally.total, (0, 0))
        by_total[tally.total] = (answered + tally.answered, right + tally.right)
    return [Tally(total, answered, right)
            for total, (answered, right) in sorted(by_total.items(), reverse=True) if answered]


def group_share_right(ranked: Sequence[Tally], size: int) -> float:
    """The share right among the first ``size`` learners of tallies ranked (one per total, best
    first for the upper group, worst first for the lower); the tally at the cut shares its places."""
    taken, right = 0, 0.0
    for tally in ranked:
        weight = min(1.0, (size - taken) / tally.answered)
        right += weight * tally.right
        taken += tally.answered
        if taken >= size:
            break
    return right / size


def index_of_tallies(tallies: Iterable[Tally]) -> float:
    """Upper-minus-lower 27% index of a question's tallies."""
    upper = merged(tallies)
    size = group_size(sum(tally.answered for tally in upper))
    return group_share_right(upper, size) - group_share_right(upper[::-1], size)


def discrimination_index(pairs: Sequence[tuple[float, bool]]) -> float:
    """Upper-minus-lower 27% index of (total score, right) pairs, one per learner."""
    return index_of_tallies(Tally(total, 1, int(right)) for total, right in pairs)


def choice_counts(question: ItemQuestion,
                  responses: Iterable[tuple[Any, int]]) -> tuple[list[ChoiceCount], int]:
    """How often each choice was picked, in the bank's order, and how many left it blank,
    from each distinct stored response and how many gave it.

    Stored responses are the chosen text (single), the chosen texts (multiple) or a bool
    (true_false); anything that names no choice of the key is left out.
    """
    analysed = TYPES[question.type].analysed_choices(question.answer_key)
    choices, answer = analysed.choices, analysed.right
    picked = dict.fromkeys(range(len(choices)), 0)
    blank = 0
    for response, times in responses:
        if response is None or response == []:
            blank += times
            continue
        for given in response if isinstance(response, list) else [response]:
            if given in choices:
                picked[choices.index(given)] += times
    return [ChoiceCount(choice, picked[index], choice in answer)
            for index, choice in enumerate(choices)], blank


def hints_for(question: ItemQuestion, facility: float, discrimination: float,
              choices: Sequence[ChoiceCount], answered: int) -> list[Hint]:
    """The flags of one question with enough learners; ``answered`` counts answers not blank.

    When everyone or no one is right, no question can tell learners apart: the facility
    hint says so, and the discrimination hints are left out.
    """
    hints: list[Hint] = []
    if 0 < facility < 1:
        if discrimination < 0:
            hints.append(Hint(ItemFlag.NEGATIVE_DISCRIMINATION))
        elif discrimination < WEAK_DISCRIMINATION:
            hints.append(Hint(ItemFlag.NO_DISCRIMINATION))
    if TYPES[question.type].flags_unchosen and answered >= UNCHOSEN_MIN_ANSWERS:
        hints += [Hint(ItemFlag.UNCHOSEN_DISTRACTOR, count.choice) for count in choices
                  if not count.right and count.picked == 0]
    if facility > EASY_ABOVE:
        hints.append(Hint(ItemFlag.TOO_EASY))
    elif facility < HARD_BELOW:
        hints.append(Hint(ItemFlag.TOO_HARD))
    return hints


@dataclass(frozen=True)
class QuestionTallies:
    """What one question's answers come to: tallies by total, and each distinct response's count."""

    tallies: list[Tally] = field(default_factory=list)
    responses: list[tuple[Any, int]] = field(default_factory=list)


def analyse(questions: Sequence[ItemQuestion], learners: Sequence[LearnerAnswers],
            minimum: int = MIN_ATTEMPTS) -> Analysis:
    """Analyse each question from one attempt per learner, in the order the questions are given.

    Facility and discrimination use the learners who answered the question (a blank
    answer counts as wrong); below ``minimum`` learners they are None and no hint is given.
    """
    counted: dict[Hashable, QuestionTallies] = {}
    for question in questions:
        tallies = counted.setdefault(question.key, QuestionTallies())
        for learner in learners:
            answer = learner.answers.get(question.key)
            if answer is not None:
                tallies.tallies.append(Tally(learner.total, 1, int(answer.correct)))
                tallies.responses.append((answer.response, 1))
    return analyse_tallies(questions, len(learners), counted, minimum)


def analyse_tallies(questions: Sequence[ItemQuestion], learners: int,
                    counted: Mapping[Hashable, QuestionTallies],
                    minimum: int = MIN_ATTEMPTS) -> Analysis:
    """``analyse`` from answers already counted by total (as a database's GROUP BY gives them)."""
    items = []
    for question in questions:
        tallies = counted.get(question.key, QuestionTallies())
        answered = sum(tally.answered for tally in tallies.tallies)
        right = sum(tally.right for tally in tallies.tallies)
        counts: list[ChoiceCount] = []
        blank = 0
        if question.type in CHOICE_TYPES:
            counts, blank = choice_counts(question, tallies.responses)
        if learners < minimum or not answered:
            items.append(ItemStats(question.key, answered, right, None, None, counts, blank))
            continue
        facility = right / answered
        discrimination = index_of_tallies(tallies.tallies)
        items.append(ItemStats(question.key, answered, right, facility, discrimination, counts,
                               blank, hints_for(question, facility, discrimination, counts,
                                                answered - blank)))
    return Analysis(learners, items, minimum)

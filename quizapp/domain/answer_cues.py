"""Answer cues: what lets a test-wise learner find the right answer without knowing it.

Item writers avoid three cues a program can measure, in every language a learner reads:

- a single-choice key that is the longest option by 20 % or more;
- a multiple-answer question whose keys are all shorter, or all longer, than all its distractors;
- a key that repeats a word of the stem (four letters or more, not a stop word) when no
  distractor does.

A cue is a warning, never an error: the bank still loads. The figures per language are the share
of single-choice questions whose key is the longest option (goal: at most 30 %) and the number of
multiple-answer questions with their keys all shorter or all longer (goal: 0).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.domain.bank_format import Question
from quizapp.domain.catalog import Catalog
from quizapp.domain.messages import Message, msg
from quizapp.domain.problems import Problem

LONGER_BY = 1.2  # a key at least 20 % longer than every distractor stands out
LONGEST_SHARE_GOAL = 0.3
# "Tick three of five" every time teaches a test-wise learner to tick three: no one count of
# right answers among so many choices may be more than a third of the multiple-answer questions.
PATTERN_SHARE_GOAL = 1 / 3
MIN_WORD_LETTERS = 4
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: numbers are not words here
# Vowel marks and joiners (Urdu's zer and zabar, the zero-width non-joiner) sit inside words:
# dropped, so they neither split a word nor make two spellings of it differ.
_MARK_CHARS = "".join(
    chr(code) for block in (range(0x0300, 0x0370), range(0x0591, 0x0700), range(0x200B, 0x2010),
                            range(0xFE00, 0xFE10), range(0xFEFF, 0xFF00))
    for code in block if unicodedata.category(chr(code)) in ("Mn", "Cf"))
_MARKS = re.compile(f"[{_MARK_CHARS}]")


def _word_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of four letters or more that say nothing about the answer: repeating them is no cue.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _word_list("""
        about above after again against also among another because been before being below
        between both cannot could does doing done down during each either else even every from
        have having here into just know like made make many more most much must need never only
        other over same should since some such than that their them then there these they this
        those though through under until upon very want were what when where whether which while
        with within without would your yours will shall might says said true false"""),
    "es": _word_list("""
        algo alguien algún alguna algunas alguno algunos ante antes aquí cada como cómo con
        contra cual cuál cuales cuáles cuando cuándo desde después donde dónde durante ella ellas
        ellos entre esta está estaba estado están estar estas este esto estos hace hacer hacia
        hasta nada nadie ningún ninguna ninguno nuestra nuestro otra otras otro otros para pero
        poco por porque puede pueden qué quien quién quienes según sido sobre solo sólo también
        tanto tiene tienen toda todas todo todos tras usted ustedes verdadero falso mismo misma
        muchos mucho debe deben cuánto cuánta cuántos cuántas"""),
    "ur": _word_list("""
        کرنا کرتے کرتا کرتی کریں کرے والا والی والے سکتا سکتی سکتے چاہیے ساتھ بارے کیوں کونسا
        کونسی کیونکہ لیکن یعنی پہلے اپنے اپنا اپنی کوئی ایسا ایسی ایسے جاتا جاتی جاتے دیتا دیتی دیتے
        ہوگا ہوگی ہوگے کہاں کتنا کتنی کتنے کیسے درمیان مطابق جیسے تاکہ جبکہ ہوتا ہوتی ہوتے رہتا
        رہتی رہتے"""),
}


@dataclass(frozen=True)
class Shown:
    """A choice question as learners read it in one language: its options in the bank's order."""

    path: str
    line: int
    subject: str  # bank/question
    type: str  # single or multiple
    prompt: str
    choices: tuple[str, ...]
    keys: tuple[int, ...]  # positions of the right answers among the choices


@dataclass(frozen=True)
class CueFigures:
    """The cue figures of one language."""

    language: str
    single: int = 0
    key_longest: int = 0  # single-choice questions whose key is longer than every distractor
    multiple: int = 0
    keys_apart: int = 0  # multiple-answer questions with keys all shorter or all longer
    warnings: int = 0
    pattern: tuple[int, int] = (0, 0)  # the commonest (right answers, choices) of multiple questions
    pattern_count: int = 0  # how many multiple-answer questions have it

    @property
    def pattern_share(self) -> float:
        """The share of multiple-answer questions with the commonest count of right answers."""
        return self.pattern_count / self.multiple if self.multiple else 0.0

    @property
    def longest_share(self) -> float:
        """The share of single-choice questions whose key is the longest option."""
        return self.key_longest / self.single if self.single else 0.0

    @property
    def goals_met(self) -> bool:
        """Whether the language meets both goals."""
        return (self.longest_share <= LONGEST_SHARE_GOAL and self.keys_apart == 0
                and self.pattern_share <= PATTERN_SHARE_GOAL)

    def summary(self) -> Message:
        """One line of figures for the language."""
        return msg("answer cues in %(language)s: the right answer is the longest choice in "
                   "%(longest)d of %(single)d single-choice questions (%(share)d %%, goal at most "
                   "30 %%); the right answers are all shorter or all longer than the wrong ones in "
                   "%(apart)d of %(multiple)d multiple-answer questions (goal 0); warnings: "
                   "%(warnings)d", language=self.language, longest=self.key_longest,
                   single=self.single, share=round(100 * self.longest_share),
                   apart=self.keys_apart, multiple=self.multiple, warnings=self.warnings)


    def pattern_summary(self) -> Message:
        """One line on the commonest count of right answers of the multiple-answer questions."""
        return msg("answer patterns in %(language)s: the commonest is %(right)d right answers of "
                   "%(choices)d choices, in %(count)d of %(multiple)d multiple-answer questions "
                   "(goal at most a third)", language=self.language, right=self.pattern[0],
                   choices=self.pattern[1], count=self.pattern_count, multiple=self.multiple)


def commonest_pattern(questions: Iterable[Shown]) -> tuple[tuple[int, int], int]:
    """The commonest (right answers, choices) among multiple-answer questions, and its count;
    ties go to the most right answers, then the most choices (a stable figure to print)."""
    counts = Counter((len(q.keys), len(q.choices)) for q in questions if q.type == "multiple")
    if not counts:
        return (0, 0), 0
    pattern = max(counts, key=lambda found: (counts[found], found))
    return pattern, counts[pattern]


def _length(text: str) -> int:
    """Characters as a learner sees them: runs of white space count as one."""
    return len(" ".join(text.split()))


def words(text: str, language: str) -> set[str]:
    """The words of ``text`` that could give an answer away: four letters or more, no stop words."""
    stop = STOP_WORDS.get(language.split("-")[0].lower(), frozenset())
    # In ASCII text (most banks) NFKC and the marks change nothing: skip them.
    plain = (text.lower() if text.isascii()
             else _MARKS.sub("", unicodedata.normalize("NFKC", text).casefold()))
    return {word for word in _WORD.findall(plain) if len(word) >= MIN_WORD_LETTERS and word not in stop}


def key_is_longest(shown: Shown) -> bool:
    """Whether a single-choice key is longer than every distractor (the figure's count)."""
    key = _length(shown.choices[shown.keys[0]])
    return all(key > _length(choice) for i, choice in enumerate(shown.choices) if i not in shown.keys)


def keys_apart(shown: Shown) -> str | None:
    """``"shorter"`` or ``"longer"`` when every key is shorter (or longer) than every distractor."""
    keys = [_length(shown.choices[i]) for i in shown.keys]
    others = [_length(choice) for i, choice in enumerate(shown.choices) if i not in shown.keys]
    if not keys or not others:
        return None
    if max(keys) < min(others):
        return "shorter"
    if min(keys) > max(others):
        return "longer"
    return None


def cues_of(shown: Shown, language: str) -> list[Message]:
    """The cues a question gives away, as messages for its author."""
    found: list[Message] = []
    others = [choice for i, choice in enumerate(shown.choices) if i not in shown.keys]
    if not others or not shown.keys:
        return found
    if shown.type == "single":
        key, longest = _length(shown.choices[shown.keys[0]]), max(map(_length, others))
        if key >= LONGER_BY * longest:
            found.append(msg("warning: the right answer is the longest choice by 20 %% or more "
                             "(%(key)d characters, the next longest %(next)d): a learner can "
                             "guess it; shorten it or give a wrong choice as much detail",
                             key=key, next=longest))
    else:
        apart = keys_apart(shown)
        if apart == "shorter":
            found.append(msg("warning: every right answer is shorter than every wrong one: a "
                             "learner can guess them; make some right answers longer or some "
                             "wrong ones shorter"))
        elif apart == "longer":
            found.append(msg("warning: every right answer is longer than every wrong one: a "
                             "learner can guess them; make some right answers shorter or some "
                             "wrong ones longer"))
    stem = words(shown.prompt, language)
    if stem and not any(stem & words(choice, language) for choice in others):
        repeated = sorted({word for i in shown.keys for word in stem & words(shown.choices[i], language)})
        if repeated:
            found.append(msg("warning: the right answer repeats %(words)s from the question and no "
                             "wrong choice does: a learner can match the words; reword the answer "
                             "or use the word in a wrong choice too",
                             words=", ".join(f"'{word}'" for word in repeated)))
    return found


def measure(language: str, questions: Iterable[Shown]) -> tuple[list[Problem], CueFigures]:
    """The warnings of one language's choice questions, in file order, and its figures."""
    questions = list(questions)
    warnings: list[Problem] = []
    single = longest = multiple = apart = 0
    for shown in questions:
        if shown.type == "single":
            single += 1
            longest += key_is_longest(shown)
        elif shown.type == "multiple":
            multiple += 1
            apart += keys_apart(shown) is not None
        else:
            continue
        warnings.extend(Problem(shown.path, shown.line, shown.subject, message)
                        for message in cues_of(shown, language))
    pattern, pattern_count = commonest_pattern(questions)
    figures = CueFigures(language, single, longest, multiple, apart, len(warnings), pattern, pattern_count)
    return sorted(warnings, key=lambda w: (w.path, w.line)), figures


def _keys(question: Question) -> tuple[int, ...]:
    choices = question.key["choices"]
    answers = question.key["answer"]
    answers = answers if isinstance(answers, list) else [answers]
    return tuple(i for i, choice in enumerate(choices) if choice in answers)


def shown_by_language(catalog: Catalog) -> dict[str, list[Shown]]:
    """Every loaded choice question as learners read it, per language: the bank's own words in the
    bank's language, and each translation's up-to-date questions in the translation's language
    (an out-of-date one is shown in the bank's words, so it is counted there only)."""
    by_language: dict[str, list[Shown]] = {}
    banks = {bank.id: bank for bank in catalog.banks}
    for bank in catalog.banks:
        path = catalog.bank_files.get(bank.id, bank.id)
        by_language.setdefault(bank.language, []).extend(
            Shown(path, q.line, f"{bank.id}/{q.id}", q.type, q.prompt, tuple(q.key["choices"]), _keys(q))
            for q in bank.questions if q.type in ("single", "multiple"))
    for translation in catalog.translations:
        bank = banks.get(translation.bank_id)
        if bank is None:
            continue
        path = catalog.translation_files.get((bank.id, translation.language), bank.id)
        words_of = translation.current_questions()
        by_language.setdefault(translation.language, []).extend(
            Shown(path, words_of[q.id].line, f"{bank.id}/{q.id}", q.type, words_of[q.id].prompt,
                  words_of[q.id].entries, _keys(q))
            for q in bank.questions if q.type in ("single", "multiple") and q.id in words_of)
    return by_language


def measure_catalog(catalog: Catalog) -> list[tuple[list[Problem], CueFigures]]:
    """The warnings and figures of every language the catalog's questions are read in, by language."""
    return [measure(language, shown) for language, shown in sorted(shown_by_language(catalog).items())]

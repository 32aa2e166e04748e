#!/usr/bin/env python3
"""Print every bundled multiple-answer question with its key pattern ("3 of 5": right answers of
choices) and the count of each pattern, to check that no pattern can be learnt (issue #20).

Run it from the repository: PYTHONPATH=$PWD .venv/bin/python scripts/multiple_patterns.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from quizapp.domain.catalog import read_catalog

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print the table of multiple-answer questions and the count of each pattern."""
    catalog = read_catalog(ROOT / "questions", ROOT / "seeds")
    patterns: Counter[str] = Counter()
    print("| question | pattern |\n|---|---|")
    for bank in sorted(catalog.banks, key=lambda b: b.id):
        for question in bank.questions:
            if question.type != "multiple":
                continue
            pattern = f"{len(question.key['answer'])} of {len(question.key['choices'])}"
            patterns[pattern] += 1
            print(f"| {bank.id}/{question.id} | {pattern} |")
    total = sum(patterns.values())
    print(f"\n| pattern | questions (of {total}) |\n|---|---|")
    for pattern, count in sorted(patterns.items()):
        print(f"| {pattern} | {count} |")
    by_right = Counter({right: 0 for right in range(1, 5)})
    for pattern, count in patterns.items():
        by_right[int(pattern.split()[0])] += count
    print("\nright answers: " + ", ".join(f"{right}: {count}" for right, count in sorted(by_right.items())))


if __name__ == "__main__":
    main()

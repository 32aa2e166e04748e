"""The worst banks a teacher can send: time and peak memory of checking each (goal: well under a second).

Each is near the 1 MiB limit or built to blow something up: numbers with huge exponents
or a million digits, 500 questions of 600-character wrong quotes, 8 long choices per
question, deep nesting. The check is what `quizapp validate` and the upload page run.
Run: .venv/bin/python bench/worst_banks.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from quizapp.domain.catalog import check_banks, read_articles  # noqa: E402

HEAD = "bank: worst\ntitle: Worst\nquestions:\n"
CITE = '    cite:\n      - source: coindesk\n        quote: "doing so in 2021."\n'


def number_bank(answer: str, count: int, tolerance: bool = True) -> str:
    extra = f"    tolerance: {answer}\n" if tolerance else ""
    return HEAD + "".join(f"  - id: q{n}\n    type: number\n    prompt: P\n    explanation: E\n"
                          f"    answer: {answer}\n{extra}{CITE}" for n in range(count))


def wrong_quotes_bank() -> str:
    quote = "the quote that is not there " * 21  # 588 characters
    return HEAD + "".join(f"  - id: q{n}\n    type: true_false\n    prompt: P\n    explanation: E\n"
                          f"    answer: true\n    cite:\n      - source: coindesk\n"
                          f"        quote: \"{n} {quote}\"\n" for n in range(500))


def long_choices_bank() -> str:
    choice = "x" * 240
    choices = "".join(f"      - \"{n} {choice}\"\n" for n in range(8))
    return HEAD + "".join(f"  - id: q{n}\n    type: single\n    prompt: P\n    explanation: E\n"
                          f"    choices:\n{choices}    answer: \"0 {choice}\"\n{CITE}" for n in range(400))


CASES = {
    "200 answers of 1e999999 (the probe's 37 KB bank)": number_bank("1e999999", 200),
    "500 answers of 1e999999999": number_bank("1e999999999", 500),
    "1 answer of 1,000,000 digits": number_bank("9" * 1_000_000, 1, tolerance=False),
    "500 wrong quotes of 590 characters": wrong_quotes_bank(),
    "400 questions of 8 choices of 240 characters": long_choices_bank(),
    "lists nested 10,000 deep": HEAD + "[" * 10_000 + "]" * 10_000 + "\n",
}


def main() -> None:
    """Print, per bank, its size, the check's time, its peak memory and the problems found."""
    articles, _ = read_articles(PROJECT / "seeds")
    for name, text in CASES.items():
        data = text.encode()
        tracemalloc.start()
        started = time.perf_counter()
        catalog = check_banks([("worst.yaml", "worst", data)], articles)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:48} {len(data) / 1024:7.0f} KiB  {elapsed * 1000:7.0f} ms  "
              f"peak {peak / 2**20:6.1f} MiB  {len(catalog.problems)} problems")


if __name__ == "__main__":
    main()

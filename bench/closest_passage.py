"""The closest-passage search behind "the quote is not in the article" (goal: at most 100 ms).

Builds articles of up to 5 MiB (the largest saved page) from the bundled seeds and
random words, and times the search for wrong quotes of up to 600 characters (the
format's limit): a near miss, random words, one word repeated, and non-Latin text.
Prints the worst time of each, with the article's one-time normalisation timed apart,
and the peak memory of a bank check with 500 wrong quotes.
Run: .venv/bin/python bench/closest_passage.py
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from quizapp.domain.catalog import check_banks, read_articles  # noqa: E402
from quizapp.domain.citations import closest_passage, searchable_text  # noqa: E402

MIB = 1024 * 1024


def article_of(size: int, rng: random.Random) -> str:
    """Seed text and random words, about ``size`` characters."""
    articles, _ = read_articles(PROJECT / "seeds")
    seed_text = " ".join(article.body for article in articles.values())
    words = seed_text.split()
    parts = [seed_text]
    total = len(seed_text)
    while total < size:
        chunk = " ".join(rng.choice(words) for _ in range(200))
        parts.append(chunk)
        total += len(chunk) + 1
    return "\n\n".join(parts)[:size]


def quotes(article: str, rng: random.Random) -> dict[str, str]:
    """Wrong quotes of up to 600 characters, of several shapes."""
    start = rng.randrange(0, len(article) - 700)
    near = article[start:start + 600]
    near = near[:300] + "X" + near[301:]  # one typo in the middle
    return {
        "near miss, 600 chars": near,
        "random letters, 600 chars": "".join(rng.choice("abcdefghij klmnop") for _ in range(600)),
        "one word repeated": ("bitcoin " * 80)[:600],
        "Urdu, 600 chars": ("بٹ کوائن ایک ڈیجیٹل کرنسی ہے " * 30)[:600],
        "short typo": "El Salvador was the frist country",
    }


def main() -> None:
    """Print the worst search time per quote shape, per article size."""
    rng = random.Random(7)
    for size in (100_000, MIB, 5 * MIB):
        article = article_of(size, rng)
        started = time.perf_counter()
        searchable_text(article)
        normalising = time.perf_counter() - started
        print(f"article of {size / MIB:.2f} MiB: normalised once in {normalising * 1000:.0f} ms")
        for name, quote in quotes(article, rng).items():
            times = []
            for _ in range(5):
                started = time.perf_counter()
                closest_passage(article, quote)
                times.append(time.perf_counter() - started)
            print(f"  {name:28} worst {max(times) * 1000:6.1f} ms")
    articles, _ = read_articles(PROJECT / "seeds")
    questions = "".join(
        f"  - id: q{n}\n    type: true_false\n    prompt: p\n    explanation: e\n    answer: true\n"
        f"    cite:\n      - source: coindesk\n        quote: \"{'wrong words ' * 49}\"\n"
        for n in range(500))
    bank = f"bank: b\ntitle: t\nquestions:\n{questions}".encode()
    tracemalloc.start()
    started = time.perf_counter()
    catalog = check_banks([("b.yaml", "b", bank)], articles)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"bank of {len(bank) / 1024:.0f} KiB with 500 wrong 588-character quotes: "
          f"{len(catalog.problems)} problems in {elapsed:.2f} s, peak {peak / MIB:.1f} MiB")


if __name__ == "__main__":
    main()

"""How much article text the extractor keeps, and how much page clutter gets through.

For each saved page in tests/fixtures/articles that has an expected article beside it
(``<name>.md``), words are compared as multisets: "kept" is the share of the expected
article's words that the extractor returned; "clutter" is the share of returned words that
are not in the expected article. The page's own visible words are printed for scale.
Run: .venv/bin/python bench/extraction.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bs4 import BeautifulSoup  # noqa: E402

from quizapp.domain.article_extraction import NotAnArticle, extract_article  # noqa: E402
from quizapp.domain.articles import parse_article  # noqa: E402

FIXTURES = PROJECT / "tests" / "fixtures" / "articles"


def words(text: str) -> Counter[str]:
    return Counter(text.split())


def page_words(html: bytes) -> int:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(("script", "style")):
        tag.decompose()
    return len(soup.get_text(" ").split())


def main() -> None:
    total_expected = total_kept = total_returned = total_clutter = 0
    print(f"{'page':<26}{'page words':>11}{'article':>9}{'kept':>8}{'clutter':>9}{'ms':>7}")
    for page in sorted(FIXTURES.glob("*.html")):
        html = page.read_bytes()
        start = time.perf_counter()
        try:
            article = extract_article(html)
        except NotAnArticle:
            print(f"{page.stem:<26}{page_words(html):>11}   refused: not an article")
            continue
        elapsed = (time.perf_counter() - start) * 1000
        expected_file = page.with_suffix(".md")
        expected, _ = parse_article(expected_file.name, "expected", expected_file.read_bytes())
        assert expected is not None
        want, got = words(expected.body), words(article.body)
        kept = sum((want & got).values())
        clutter = sum((got - want).values())
        total_expected += sum(want.values())
        total_kept += kept
        total_returned += sum(got.values())
        total_clutter += clutter
        print(f"{page.stem:<26}{page_words(html):>11}{sum(want.values()):>9}"
              f"{kept / sum(want.values()):>8.1%}{clutter / max(1, sum(got.values())):>9.1%}"
              f"{elapsed:>7.1f}")
    print(f"{'all pages':<26}{'':>11}{total_expected:>9}{total_kept / total_expected:>8.1%}"
          f"{total_clutter / max(1, total_returned):>9.1%}")


if __name__ == "__main__":
    main()

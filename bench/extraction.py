"""Article text on 990 real web pages, quizapp beside trafilatura and readability-lxml; and our fixtures.

The pages and their expectations are ../shared/extraction-corpus (its README gives the metric):
each page lists passages its main text must contain ("with") and boilerplate it must not
("without"). Over all pages a "with" passage found is a true positive, one missing a false
negative; a "without" passage found is a false positive, one absent a true negative. Passages
are compared after collapsing white space. A page an extractor refuses counts as empty.

The pages are split once, by a hash of their address, into a development part (four fifths:
look at these when changing the extractor) and a held-out part (one fifth: only ever measured,
never looked at page by page), so that the held-out figure says how the rules carry to pages
nobody tuned for. The other extractors run in the same process on the same pages.

Then the project's own saved pages (tests/fixtures/articles), as before: for each page with an
expected article beside it (``<name>.md``), words are compared as multisets: "kept" is the share
of the expected article's words that the extractor returned; "clutter" is the share of returned
words that are not in the expected article.

Run: .venv/bin/python bench/extraction.py [--corpus PATH] [--part all|dev|held-out]
     [--only quizapp,trafilatura,readability] [--show-misses N] [--fixtures-only]
readability-lxml comes with the bench extra: .venv/bin/pip install -e '.[bench]' (after
upgrading pip: pip 23 cannot resolve it beside lxml_html_clean).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from collections import Counter  # noqa: E402

from quizapp.domain.article_extraction import NotAnArticle, extract_article  # noqa: E402
from quizapp.domain.articles import parse_article  # noqa: E402

CORPUS = PROJECT.parent / "shared" / "extraction-corpus"
FIXTURES = PROJECT / "tests" / "fixtures" / "articles"


def held_out(url: str) -> bool:
    """One page in five, chosen by its address, is kept for checking only."""
    return hashlib.sha256(url.encode()).digest()[0] % 5 == 0


def collapsed(text: str) -> str:
    return " ".join(text.split())


def quizapp_text(html: bytes) -> str:
    """The text as imported (the headline goes to the title field, and is not counted)."""
    try:
        return extract_article(html).body
    except NotAnArticle:
        return ""


# Each extractor gets the page's bytes as saved and decodes them its own way.
def trafilatura_text(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def readability_text(html: bytes) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "quizapp": quizapp_text, "trafilatura": trafilatura_text, "readability": readability_text}


@dataclass
class Score:
    """Counts of one extractor over some pages."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    failures: int = 0
    misses: list[tuple[str, int, int]] = field(default_factory=list)  # (url, missed, clutter)

    def add(self, url: str, text: str, with_: list[str], without: list[str], seconds: float) -> None:
        body = collapsed(text)
        found = [collapsed(passage) in body for passage in with_]
        leaked = [collapsed(passage) in body for passage in without]
        self.tp += sum(found)
        self.fn += len(found) - sum(found)
        self.fp += sum(leaked)
        self.tn += len(leaked) - sum(leaked)
        self.seconds += seconds
        self.pages += 1
        if not all(found) or any(leaked):
            self.misses.append((url, len(found) - sum(found), sum(leaked)))

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn,
                     self.seconds + other.seconds, self.pages + other.pages,
                     self.failures + other.failures, self.misses + other.misses)

    def figures(self) -> tuple[float, float, float, float]:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        accuracy = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return precision, recall, f1, accuracy


def read_page(corpus: Path, name: str) -> bytes:
    plain, packed = corpus / "pages" / name, corpus / "pages" / (name + ".gz")
    if packed.exists():
        return gzip.decompress(packed.read_bytes())
    return plain.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--only", default=",".join(EXTRACTORS))
    parser.add_argument("--show-misses", type=int, default=0, help="list this many worst dev pages")
    parser.add_argument("--fixtures-only", action="store_true")
    options = parser.parse_args()
    if not options.fixtures_only:
        corpus(options)
    fixtures()
    worst_pages()


def corpus(options: argparse.Namespace) -> None:
    """The side-by-side table on the corpus."""
    names = [name for name in options.only.split(",") if name]
    expectations = json.loads((options.corpus / "evaldata.json").read_text(encoding="utf-8"))
    parts = {"dev": {name: Score() for name in names}, "held-out": {name: Score() for name in names}}
    for url, expected in expectations.items():
        part = "held-out" if held_out(url) else "dev"
        if options.part not in ("all", part):
            continue
        html = read_page(options.corpus, expected["file"])
        for name in names:
            started = time.perf_counter()
            try:
                text = EXTRACTORS[name](html)
            except Exception:  # another project's failure on one page is its empty output
                text = ""
                parts[part][name].failures += 1
            parts[part][name].add(url, text, expected["with"], expected["without"],
                                  time.perf_counter() - started)

    print(f"{'part':<10}{'extractor':<13}{'pages':>6}{'precision':>10}{'recall':>8}{'F1':>7}"
          f"{'accuracy':>9}{'ms/page':>9}{'errors':>7}")
    for part in ("dev", "held-out", "all"):
        for name in names:
            score = (parts["dev"][name] + parts["held-out"][name]) if part == "all" else parts[part][name]
            if not score.pages:
                continue
            precision, recall, f1, accuracy = score.figures()
            print(f"{part:<10}{name:<13}{score.pages:>6}{precision:>10.3f}{recall:>8.3f}{f1:>7.3f}"
                  f"{accuracy:>9.3f}{score.seconds / score.pages * 1000:>9.1f}{score.failures:>7}")
    if options.show_misses and "quizapp" in names:
        worst = sorted(parts["dev"]["quizapp"].misses, key=lambda miss: -(miss[1] + miss[2]))
        print("\nquizapp's worst development pages (missed passages, clutter kept):")
        for url, missed, clutter in worst[:options.show_misses]:
            print(f"  {missed:>2} {clutter:>2}  {url}  {expectations[url]['file']}")


def fixtures() -> None:
    """Words kept and clutter let through on the project's own saved pages."""
    total_expected = total_kept = total_returned = total_clutter = 0
    print(f"\n{'page':<26}{'article':>9}{'kept':>8}{'clutter':>9}{'ms':>7}  notes")
    for page in sorted(FIXTURES.glob("*.html")):
        html = page.read_bytes()
        start = time.perf_counter()
        try:
            article = extract_article(html)
        except NotAnArticle as refused:
            print(f"{page.stem:<26} refused: {refused.message}")
            continue
        elapsed = (time.perf_counter() - start) * 1000
        notes = "; ".join(str(note) for note in article.notes)
        expected_file = page.with_suffix(".md")
        if not expected_file.exists():
            print(f"{page.stem:<26}{'-':>9}{'-':>8}{'-':>9}{elapsed:>7.1f}  {notes}")
            continue
        expected, _ = parse_article(expected_file.name, "expected", expected_file.read_bytes())
        assert expected is not None
        want, got = Counter(expected.body.split()), Counter(article.body.split())
        kept = sum((want & got).values())
        clutter = sum((got - want).values())
        total_expected += sum(want.values())
        total_kept += kept
        total_returned += sum(got.values())
        total_clutter += clutter
        print(f"{page.stem:<26}{sum(want.values()):>9}{kept / sum(want.values()):>8.1%}"
              f"{clutter / max(1, sum(got.values())):>9.1%}{elapsed:>7.1f}  {notes}")
    print(f"{'all pages':<26}{total_expected:>9}{total_kept / total_expected:>8.1%}"
          f"{total_clutter / max(1, total_returned):>9.1%}")


def worst_pages() -> None:
    """Pages of the worst shapes, 5 MiB each (the upload limit): the time to an answer."""
    mib = 5 * 1024 * 1024
    paragraph = "<p>El Salvador adopted bitcoin as legal tender in 2021 and Pakistan followed.</p>"
    pages = {
        "paragraphs": ("<html><body><article>" + paragraph * (mib // len(paragraph))
                       + "</article></body></html>"),
        "tiny divs": "<html><body>" + "<div>a</div>" * (mib // 12) + "</body></html>",
        "one text node": "<html><body><p>" + "word " * (mib // 5) + "</p></body></html>",
        "nested divs": ("<html><body>" + "<div>" * (mib // 11) + "x" + "</div>" * (mib // 11)
                        + "</body></html>"),
        "links": "<html><body>" + "<a href='/x'>story</a> " * (mib // 24) + "</body></html>",
        "29,000 divs": "<html><body>" + "<div>a</div>" * 29_000 + "</body></html>",
    }
    print(f"\n{'worst page':<16}{'seconds':>8}  answer")
    for name, page in pages.items():
        started = time.perf_counter()
        try:
            answer = f"{len(extract_article(page).body.split()):,} words"
        except NotAnArticle as refused:
            answer = f"refused: {str(refused.message)[:60]}..."
        print(f"{name:<16}{time.perf_counter() - started:>8.2f}  {answer}")


if __name__ == "__main__":
    main()

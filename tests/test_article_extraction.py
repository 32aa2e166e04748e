"""The article extractor on saved pages of several news-site layouts (tests/fixtures/articles)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quizapp.domain.article_extraction import (
    ExtractedArticle,
    NotAnArticle,
    article_markdown,
    extract_article,
    suggested_source_id,
)
from quizapp.domain.articles import parse_article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
LAYOUTS = ["jsonld-news", "opengraph-only", "no-metadata", "clutter-inside-article", "spanish",
           "urdu-rtl", "blog-layout"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_saved_page_becomes_the_article_a_person_would_copy(layout: str) -> None:
    article = extract_article((FIXTURES / f"{layout}.html").read_bytes())
    expected = (FIXTURES / f"{layout}.md").read_text(encoding="utf-8")
    assert article_markdown(article) == expected


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_result_is_a_valid_seeds_article(layout: str) -> None:
    article = extract_article((FIXTURES / f"{layout}.html").read_bytes())
    parsed, problems = parse_article("page.md", "page", article_markdown(article).encode())
    assert problems == [] and parsed is not None
    assert (parsed.title, parsed.body) == (article.title, article.body)
    assert parsed.published == article.published and parsed.url == article.url


def test_fields_a_page_does_not_declare_stay_empty() -> None:
    article = extract_article((FIXTURES / "no-metadata.html").read_bytes())
    assert article.missing == ["publisher", "url", "language"]
    assert article.published == dt.date(2025, 7, 17)  # from its <time> element


def test_paragraph_breaks_are_kept() -> None:
    article = extract_article((FIXTURES / "no-metadata.html").read_bytes())
    assert article.body.count("\n\n") == 6  # seven paragraphs written between <br><br>


@pytest.mark.parametrize("clutter", [
    "Sign up for our weekly newsletter",  # newsletter box inside the body
    "More For You", "Bitcoin Slides",  # related stories
    "We use cookies",  # cookie banner
    "Share on X", "Advertisement", "Markets", "All rights reserved", "window.dataLayer",
])
def test_page_furniture_is_left_out(clutter: str) -> None:
    article = extract_article((FIXTURES / "jsonld-news.html").read_bytes())
    assert clutter not in article.body


@pytest.mark.parametrize("clutter", ["Related stories", "IMF rejects Pakistan's plan", "Read more",
                                     "Crypto Daybook", "Copy link", "Disclosure"])
def test_clutter_inside_the_article_container_is_left_out(clutter: str) -> None:
    article = extract_article((FIXTURES / "clutter-inside-article.html").read_bytes())
    assert clutter not in article.body


def test_comments_are_not_the_article() -> None:
    article = extract_article((FIXTURES / "opengraph-only.html").read_bytes())
    assert "Karachi" not in article.body and "Leave a Reply" not in article.body


@pytest.mark.parametrize("page", [
    (FIXTURES / "not-an-article.html").read_bytes(),
    b"",
    b"just some words, not a web page",
    b"<html><body><p>Short.</p></body></html>",
    bytes(range(256)) * 4,
])
def test_a_page_that_is_not_an_article_gets_a_clear_message(page: bytes) -> None:
    with pytest.raises(NotAnArticle) as raised:
        extract_article(page)
    message = str(raised.value)
    assert "article" in message and ("Save" in message or "save" in message)


@pytest.mark.parametrize(("title", "published", "expected"), [
    ("Pakistan, El Salvador Form Crypto-Focused Partnership", dt.date(2025, 7, 17),
     "pakistan-el-salvador-form-crypto-focused-2025-07-17"),
    ("El Salvador y Pakistán firman carta", None, "el-salvador-y-pakistan-firman-carta"),
    ("پاکستان اور ایل سلواڈور", None, "article"),
    (None, None, "article"),
])
def test_suggested_source_id(title: str | None, published: dt.date | None, expected: str) -> None:
    assert suggested_source_id(title, published) == expected


def test_markdown_quotes_titles_that_yaml_would_misread() -> None:
    article = ExtractedArticle("Bitcoin: yes or no? #1", None, None, None, None, "Text.")
    parsed, problems = parse_article("a.md", "a", article_markdown(article).encode())
    assert problems == [] and parsed is not None and parsed.title == "Bitcoin: yes or no? #1"


_PARAGRAPH = ("<p>" + "El Salvador adopted bitcoin as legal tender in 2021 and Pakistan followed. " * 10
              + "</p>")


@pytest.mark.parametrize("page", [
    "<html><body><article>" + "<b>" * 1000 + _PARAGRAPH * 3 + "</b>" * 1000 + "</article></body></html>",
    "<html><body>" + "<article>" * 2000 + _PARAGRAPH * 3 + "</article>" * 2000 + "</body></html>",
    "<html><body>" + '<div class="article">' * 2000 + _PARAGRAPH * 3 + "</div>" * 2000 + "</body></html>",
    '<html><head><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000
    + "</script></head><body><article>" + _PARAGRAPH * 3 + "</article></body></html>",
    '<html><head><script type="application/ld+json">' + '{"@graph":[' * 5000 + "1" + "]}" * 5000
    + "</script></head><body><article>" + _PARAGRAPH * 3 + "</article></body></html>",
], ids=["1000 nested b", "2000 nested articles", "2000 nested article divs", "deep JSON-LD list",
        "deep JSON-LD graph"])
def test_pathologically_nested_pages_still_give_their_text(page: str) -> None:
    article = extract_article(page)
    assert article.body.split("\n\n")[0].startswith("El Salvador adopted bitcoin as legal tender")
    assert len(article.body.split()) == 360

"""The article extractor on saved pages of several news-site layouts (tests/fixtures/articles)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quizapp.domain.article_extraction import (
    ExtractedArticle,
    NotAnArticle,
    TextSize,
    article_markdown,
    extract_article,
    suggested_source_id,
    text_size,
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
    # Eight lines written between <br> tags: each is a paragraph, as a reader sees them.
    assert article.body.count("\n\n") == 7


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
    b"",
    b"just some words, not a web page",
    b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
    bytes(range(256)) * 4,
])
def test_a_page_with_no_text_gets_a_clear_message(page: bytes) -> None:
    with pytest.raises(NotAnArticle) as raised:
        extract_article(page)
    message = str(raised.value)
    assert "article" in message and ("Save" in message or "save" in message)


def test_a_short_article_is_taken_with_a_note() -> None:
    article = extract_article(b"<html><body><article><h1>Rates</h1><p>The State Bank kept its "
                              b"policy rate unchanged on Monday.</p></article></body></html>")
    assert article.body == "The State Bank kept its policy rate unchanged on Monday."
    assert article.size == TextSize(10, "words")
    assert [str(note) for note in article.notes] == [
        "the text looks short for a news article (words: 10; most have at least 120): check that it "
        "is the whole article"]


def test_a_list_of_stories_is_taken_with_a_note() -> None:
    article = extract_article((FIXTURES / "not-an-article.html").read_bytes())
    notes = " ".join(str(note) for note in article.notes)
    assert "looks short" in notes and "list of stories" in notes


@pytest.mark.parametrize(("text", "size"), [
    ("El Salvador adopted bitcoin in 2021.", TextSize(6, "words")),
    ("エルサルバドルは2021年にビットコインを法定通貨にした。", TextSize(24, "characters")),
    ("萨尔瓦多于2021年将比特币定为法定货币。", TextSize(16, "characters")),
    ("엘살바도르는 2021년 비트코인을 법정화폐로 채택했다.", TextSize(21, "characters")),
    ("ایل سلواڈور نے 2021 میں بٹ کوائن کو قانونی کرنسی بنایا۔", TextSize(11, "words")),
])
def test_text_length_suits_the_script(text: str, size: TextSize) -> None:
    assert text_size(text) == size


def test_three_hundred_japanese_characters_are_not_short() -> None:
    assert not text_size("ビットコイン" * 50).short and text_size("ビットコイン" * 40).short


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


# Three different paragraphs: a paragraph repeated word for word is dropped as a duplicate.
_PARAGRAPHS = "".join(f"<p>El Salvador adopted bitcoin as legal tender in {2021 + n} and Pakistan "
                      + "followed. El Salvador adopted bitcoin as legal tender and Pakistan followed. " * 10
                      + "</p>" for n in range(3))


@pytest.mark.parametrize("page", [
    "<html><body><article>" + "<b>" * 1000 + _PARAGRAPHS + "</b>" * 1000 + "</article></body></html>",
    "<html><body>" + "<article>" * 2000 + _PARAGRAPHS + "</article>" * 2000 + "</body></html>",
    "<html><body>" + '<div class="article">' * 2000 + _PARAGRAPHS + "</div>" * 2000 + "</body></html>",
    '<html><head><script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000
    + "</script></head><body><article>" + _PARAGRAPHS + "</article></body></html>",
    '<html><head><script type="application/ld+json">' + '{"@graph":[' * 5000 + "1" + "]}" * 5000
    + "</script></head><body><article>" + _PARAGRAPHS + "</article></body></html>",
], ids=["1000 nested b", "2000 nested articles", "2000 nested article divs", "deep JSON-LD list",
        "deep JSON-LD graph"])
def test_pathologically_nested_pages_still_give_their_text(page: str) -> None:
    article = extract_article(page)
    assert article.body.split("\n\n")[0].startswith("El Salvador adopted bitcoin as legal tender")
    assert len(article.body.split()) == 363


def _news_page(inner: str) -> str:
    return ("<html lang='en'><head><title>T</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/world'>World</a></nav>" + inner + "<footer>© 2025 The Daily Ledger. All rights "
            "reserved.</footer></body></html>")


_STORY = "".join(f"<p>Paragraph {n}: the State Bank of Pakistan said on Monday that it would keep the "
                 f"policy rate unchanged, citing inflation that has slowed for {n + 2} months in a row "
                 "and a current account that is close to balance.</p>" for n in range(6))


@pytest.mark.parametrize(("wrapper", "name"), [
    ("<form action='/subscribe'>{}</form>", "inside a form"),
    ("<div class='content-with-sidebar-wrp'>{}</div>", "a wrapper named with a sidebar word"),
    ("<div class='paywall'>{}</div>", "a wrapper named paywall"),
    ("<div id='articleBody'></div><div class='story'>{}</div>", "beside an empty articleBody"),
])
def test_the_article_is_kept_whatever_the_site_wraps_it_in(wrapper: str, name: str) -> None:
    article = extract_article(_news_page("<main><h1>Rates held</h1>" + wrapper.format(_STORY) + "</main>"))
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Paragraph 0:") and paragraphs[-1].startswith("Paragraph 5:"), name


@pytest.mark.parametrize("furniture", [
    "Lesen Sie auch: Die Zentralbank und der Bitcoin", "Lee también: El BCR y el bitcoin",
    "Read more: Why the IMF worries", "یہ بھی پڑھیں: آئی ایم ایف کی تشویش", "Publicidad", "Image 1 of 8",
    "Published:", "© 2025 Diario Centroamérica", "17.07.2025",
])
def test_furniture_lines_between_paragraphs_are_left_out(furniture: str) -> None:
    paragraphs = _STORY.split("</p>")
    story = "</p>".join(paragraphs[:3]) + f"</p><p>{furniture}</p>" + "</p>".join(paragraphs[3:])
    article = extract_article(_news_page(f"<article><h1>Rates held</h1>{story}</article>"))
    assert furniture not in article.body
    assert article.body.count("Paragraph ") == 6


@pytest.mark.parametrize(("page", "elements"), [
    ("<html><body>" + "<div>a</div>" * 40_000 + "</body></html>", "40,002"),
    ("<html><body>" + "<a href='/x'>story</a> " * 40_000 + "</body></html>", "40,002"),
    ("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>", "100,002"),
], ids=["40,000 divs", "40,000 links", "100,000 nested divs"])
def test_a_page_of_far_more_elements_than_an_article_is_refused_with_the_count(page: str,
                                                                                elements: str) -> None:
    with pytest.raises(NotAnArticle) as raised:
        extract_article(page)
    assert f"this page has {elements} HTML elements" in str(raised.value)
    assert "paste the article's text instead" in str(raised.value)

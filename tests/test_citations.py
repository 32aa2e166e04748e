"""Finding quotes in articles with the bank format's normalisation, and the closest passage."""

from __future__ import annotations

import pytest

from quizapp.domain.citations import closest_passage, find_quote, normalise

ARTICLE = ("Saqib described Bukele as \u201ca leader from the future,\u201d\n"
           "emphasizing that leadership doesn\u2019t require\u00a0resources\u2014only  conviction.\n"
           "The Authority is tasked with licensing exchanges, and other\nservices.")


@pytest.mark.parametrize("quote", [
    '"a leader from the future,"',                       # straight quotes for curly ones
    "leadership doesn't require resources-only conviction",  # apostrophe, no-break space, em dash
    "and other services.",                               # a line break in the article
    "  exchanges,   and other\tservices. ",              # runs of white space in the quote
    "\uff33aqib described",                              # NFKC: a full-width letter
])
def test_quote_is_found_after_normalising_both_sides(quote: str) -> None:
    match = find_quote(ARTICLE, quote)
    assert match is not None
    assert normalise(ARTICLE[match.start:match.end]) == normalise(quote)


@pytest.mark.parametrize("quote", ["A leader from the future", "leader of the future", "", "   "])
def test_case_and_wording_matter(quote: str) -> None:
    assert find_quote(ARTICLE, quote) is None


def test_match_spans_the_original_text_exactly() -> None:
    match = find_quote(ARTICLE, "doesn't require resources-only")
    assert match is not None
    assert ARTICLE[match.start:match.end] == "doesn\u2019t require\u00a0resources\u2014only"


def test_combining_accents_compose_like_the_quote() -> None:
    article = "El Salvador\u2019s Presidente Bukele\u0301 spoke."  # e + combining acute
    match = find_quote(article, "Bukel\u00e9 spoke")
    assert match is not None
    assert article[match.start:match.end] == "Bukele\u0301 spoke"


def test_closest_passage_points_at_the_typo() -> None:
    assert closest_passage(ARTICLE, "tasked with licencing exchanges") == \
        "tasked with licensing exchanges,"


def test_en_dash_and_hyphen_are_the_same() -> None:
    assert normalise("2024\u20132027") == normalise("2024-2027") == "2024-2027"


def test_closest_passage_finds_a_long_misquoted_passage_in_a_large_article() -> None:
    filler = " ".join(f"word{n}" for n in range(200_000))
    passage = ("Pakistan and El Salvador have launched their first formal bilateral talks on "
               "digital assets, with both sides promising more cooperation on regulation")
    article = filler + " " + passage + " " + filler
    typo = passage.replace("formal bilateral", "formel bilateral")
    assert closest_passage(article, typo) == passage


def test_closest_passage_of_a_quote_sharing_no_words_still_answers() -> None:
    assert closest_passage("El Salvador adopted bitcoin in 2021.", "بٹ کوائن ایک ڈیجیٹل کرنسی ہے") != ""

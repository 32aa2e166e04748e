"""Translations of a source (``seeds/<id>.<lang>.md``): each rule with one bad file; the bundled ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quizapp.domain.articles import Article
from quizapp.domain.catalog import read_catalog
from quizapp.domain.source_translation import (
    gloss_found,
    paragraphs,
    parse_source_translation,
    source_fingerprint,
)
from tests.helpers import linked_stylesheets_bytes
from tests.test_source_translation_browser import submitted_blank

PROJECT = Path(__file__).resolve().parent.parent
ORIGINAL = Article("explainer-x", "Who holds your keys?", "First paragraph.\n\nSecond one, longer.",
                   kind="explainer")
SOURCES = {ORIGINAL.id: ORIGINAL}
GOOD = f"""\
---
translation_of: explainer-x
language: es
title: ¿Quién tiene tus claves?
translates: {source_fingerprint(ORIGINAL)}
---
Primer párrafo.

El segundo, más largo.
"""


def parse(text: str, stem: str = "explainer-x.es"):  # type: ignore[no-untyped-def]
    return parse_source_translation(f"seeds/{stem}.md", stem, text.encode(), SOURCES)


def test_a_good_translation_is_read_with_its_title_and_text() -> None:
    translation, problems, notices = parse(GOOD)
    assert problems == [] and notices == []
    assert translation is not None
    assert (translation.source_id, translation.language, translation.title) == (
        "explainer-x", "es", "¿Quién tiene tus claves?")
    assert paragraphs(translation.body) == ["Primer párrafo.", "El segundo, más largo."]
    assert not translation.out_of_date


def test_the_fingerprint_follows_the_words_not_the_spacing() -> None:
    respaced = Article("explainer-x", "Who holds  your keys?",
                       "First   paragraph.\n\n\nSecond one, longer.\n")
    reworded = Article("explainer-x", "Who holds your keys?", "First paragraph.\n\nSecond one, shorter.")
    assert source_fingerprint(respaced) == source_fingerprint(ORIGINAL)
    assert source_fingerprint(reworded) != source_fingerprint(ORIGINAL)


def test_a_changed_source_makes_the_translation_out_of_date_with_the_new_fingerprint() -> None:
    stale = GOOD.replace(source_fingerprint(ORIGINAL), "00000000")
    translation, problems, notices = parse(stale)
    assert problems == []
    assert translation is not None and translation.out_of_date
    assert len(notices) == 1 and notices[0].line == 5
    assert source_fingerprint(ORIGINAL) in str(notices[0])


@pytest.mark.parametrize(("edit", "stem", "line", "words"), [
    (lambda t: t.replace("translation_of: explainer-x", "translation_of: explainer-y"),
     "explainer-x.es", 2, "there is no source 'explainer-y'"),
    (lambda t: t.replace("language: es\n", ""), "explainer-x.es", 1, "add 'language:'"),
    (lambda t: t.replace("language: es", "language: en"), "explainer-x.es", 1,
     "is written in en already"),
    (lambda t: t, "explainer-x.ur", 1, "the file name must be explainer-x.es.md"),
    (lambda t: t.replace("title: ¿Quién tiene tus claves?\n", ""), "explainer-x.es", 2,
     "'title'"),
    (lambda t: t.replace(f"translates: {source_fingerprint(ORIGINAL)}\n", ""), "explainer-x.es", 1,
     f"add 'translates: {source_fingerprint(ORIGINAL)}'"),
    (lambda t: t.replace("\n\nEl segundo", " El segundo"), "explainer-x.es", 6,
     "1 paragraphs and the source 2"),
    (lambda t: t.replace("title:", "publisher: X\ntitle:"), "explainer-x.es", 4,
     "'publisher' comes from the original source"),
    (lambda t: t.replace("---\nPrimer", "Primer"), "explainer-x.es", 1, "front matter is not closed"),
])
def test_each_mistake_is_reported_with_its_line(edit, stem, line, words) -> None:  # type: ignore[no-untyped-def]
    translation, problems, _ = parse(edit(GOOD), stem)
    assert translation is None
    assert any(p.line == line and words in str(p) for p in problems), [str(p) for p in problems]


def test_a_gloss_is_found_after_the_quote_normalisation() -> None:
    translation, _, _ = parse(GOOD.replace("El segundo, más largo.", "El “segundo”,  más largo."))
    assert translation is not None
    assert gloss_found(translation, 'El "segundo", más largo.')
    assert not gloss_found(translation, "El segundo, más corto.")
    assert not gloss_found(translation, "  ")


def test_a_gloss_missing_from_the_source_translation_is_reported_on_its_bank_translation(
        tmp_path: Path) -> None:
    questions, seeds = tmp_path / "questions", tmp_path / "seeds"
    shutil.copytree(PROJECT / "questions", questions)
    shutil.copytree(PROJECT / "seeds", seeds)
    translation = seeds / "explainer-custody.es.md"
    text = translation.read_text(encoding="utf-8")
    catalog = read_catalog(questions, seeds)
    assert catalog.problems == []
    glossed = next(gloss for t in catalog.translations if t.language == "es"
                   for q in t.questions for gloss in q.quote_translations
                   if gloss and gloss_found(next(s for s in catalog.source_translations
                                                 if s.source_id == "explainer-custody"
                                                 and s.language == "es"), gloss))
    translation.write_text(text.replace(glossed, "Otra frase."), encoding="utf-8")
    problems = read_catalog(questions, seeds).problems
    assert problems and all("is not in the es translation of 'explainer-custody'" in str(p)
                            for p in problems)
    assert all(p.path.endswith(".es.yaml") and p.line > 1 for p in problems)


def test_every_bundled_explainer_has_an_up_to_date_spanish_and_urdu_translation() -> None:
    catalog = read_catalog(PROJECT / "questions", PROJECT / "seeds")
    assert catalog.problems == []
    explainers = sorted(a.id for a in catalog.articles.values() if a.kind == "explainer")
    current = {(t.source_id, t.language) for t in catalog.source_translations if not t.out_of_date}
    missing = [(source, language) for source in explainers for language in ("es", "ur")
               if (source, language) not in current]
    assert missing == []


@pytest.mark.parametrize("language", ["es", "ur"])
def test_every_translated_explainer_page_is_light_with_its_stylesheet(client, sample_bank,
                                                                     language: str) -> None:
    pages = [client.get(f"/sources/{path.name.split('.')[0]}", headers={"Accept-Language": language}).data
             for path in (PROJECT / "seeds").glob(f"explainer-*.{language}.md")]
    for page in pages:  # each with the stylesheets it links; the phone's own fonts, none to download
        styles = [(PROJECT / "quizapp" / "static" / link["href"].removeprefix("/static/").split("?")[0])
                  for link in BeautifulSoup(page, "html.parser").select('link[rel="stylesheet"]')]
        assert all(b"@font-face" not in style.read_bytes() for style in styles)
        assert len(page) + linked_stylesheets_bytes(page) <= 30 * 1024


@pytest.mark.parametrize("language", ["es", "ur"])
def test_a_result_names_the_explainer_by_the_title_of_the_page_its_link_opens(
        app, questions_dir, load_banks, language: str) -> None:  # type: ignore[no-untyped-def]
    for suffix in ["", ".es", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"custody-and-keys{suffix}.yaml",
                        questions_dir / f"custody-and-keys{suffix}.yaml")
    load_banks()
    result = submitted_blank(app, "custody-and-keys")
    catalog = read_catalog(PROJECT / "questions", PROJECT / "seeds")
    title = next(t.title for t in catalog.source_translations
                 if (t.source_id, t.language) == ("explainer-custody", language))
    page = BeautifulSoup(app.test_client().get(result, headers={"Accept-Language": language}).data,
                         "html.parser")
    cites = [figure.cite for figure in page.select("figure.evidence")
             if figure.select_one("a[href*='/sources/explainer-custody']")]
    assert cites and all(cite["lang"] == language and cite.get_text() == title for cite in cites)

"""Learners take a bank in their language where a translation has it; answers and scores stay the bank's."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import bank_yaml
from tests.helpers import csrf, soup, whole_quiz_form

SPANISH = """\
translation_of: sample
language: es
title: Banco de ejemplo
questions:
  - id: legal-tender
    prompt: ¿En qué año adoptó El Salvador el bitcoin como moneda de curso legal?
    choices: ["2019", "2020", "2021", "2022"]
    explanation: CoinDesk dice que lo hizo en 2021.
    cite:
      - quote_translation: >-
          El Salvador fue el primer país en adoptar el bitcoin como moneda de curso legal, en 2021.
  - id: imf-subsidy
    prompt: El FMI aceptó dar electricidad subsidiada a los mineros de criptomonedas.
    explanation: El FMI rechazó la solicitud.
  - id: btc-held
    prompt: ¿Cuántos BTC tenía El Salvador en julio de 2025, según el reporte desde Islamabad?
    unit: BTC
    explanation: El reporte da 6,238 BTC.
  - id: areas
    prompt: ¿En qué áreas se centra la colaboración, según AInvest?
    choices: [minería de bitcoin, reservas estratégicas, programas educativos, clubes de fútbol]
    explanation: AInvest nombra la minería, las reservas estratégicas y los programas educativos.
  - id: sequence
    prompt: Ordena estos hechos del más antiguo al más reciente.
    explanation: Primero la moneda de curso legal (2021), luego la conferencia y después la autoridad.
    items:
      - El Salvador adopta el bitcoin como moneda de curso legal
      - Saqib habla en The Bitcoin Conference
      - Pakistán crea su Autoridad Reguladora de Activos Virtuales
"""


@pytest.fixture
def translated_bank(write_bank, load_banks, questions_dir, runner) -> None:  # type: ignore[no-untyped-def]
    write_bank(bank_yaml())
    (questions_dir / "sample.es.yaml").write_text(SPANISH, encoding="utf-8")
    result = runner.invoke(args=["validate", "--fill-fingerprints", str(questions_dir)])
    assert "added 5 fingerprints" in result.output, result.output
    load_banks()


def take_quiz(client: FlaskClient) -> tuple[str, object]:
    bank_page = soup(client.get("/banks/sample"))
    response = client.post("/banks/sample", data={"csrf_token": csrf(bank_page), "start": "Start"})
    location = response.headers["Location"]
    whole_quiz_form(client, location)
    return location, soup(client.get(location))


def test_a_spanish_reader_sees_the_translated_bank_in_its_language(client, translated_bank) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    card = soup(client.get("/")).select_one(".card")
    assert "Banco de ejemplo" in card.get_text(" ", strip=True)
    _, quiz = take_quiz(client)
    prompts = {p.get_text(" ", strip=True) for p in quiz.select(".prompt")}
    assert "Ordena estos hechos del más antiguo al más reciente." in prompts
    assert {p["lang"] for p in quiz.select(".prompt")} == {"es"}
    labels = {label.get_text(strip=True) for label in quiz.select("#q4 label, fieldset label")}
    assert "clubes de fútbol" in labels


def test_the_result_shows_the_quote_as_published_and_its_translation(client, translated_bank) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    location, quiz = take_quiz(client)
    data: dict[str, object] = {"csrf_token": csrf(quiz), "submit_with_blanks": "1"}
    single = next(f for f in quiz.select("fieldset.question") if f.select("input[type=radio]")
                  and "2021" in f.get_text())
    value = next(i["value"] for i in single.select("input") if i.parent.get_text(strip=True) == "2021")
    data[single["id"]] = value
    result = soup(client.post(location, data=data, follow_redirects=True))
    quote = result.select_one("blockquote")
    assert quote.get_text(strip=True).startswith("El Salvador was the first country")
    assert quote["lang"] == "en"
    gloss = result.select_one(".quote-translation span[lang=es]")
    assert gloss.get_text(strip=True).startswith("El Salvador fue el primer país")
    assert result.select_one(".quote-translation .label") is not None
    assert re.findall(r"\d+", result.select_one(".score-line").get_text()) == ["1", "6"]


def test_an_out_of_date_question_shows_the_bank_s_own_words(client, translated_bank, write_bank,
                                                            load_banks) -> None:
    write_bank(bank_yaml().replace("Put these events in the order they happened, earliest first.",
                                   "Put these three events in order, earliest first."))
    load_banks()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    _, quiz = take_quiz(client)
    prompts = {p.get_text(" ", strip=True): p["lang"] for p in quiz.select(".prompt")}
    assert prompts["Put these three events in order, earliest first."] == "en"
    assert "Ordena estos hechos del más antiguo al más reciente." not in prompts
    spanish = "¿Cuántos BTC tenía El Salvador en julio de 2025, según el reporte desde Islamabad?"
    assert prompts[spanish] == "es"


def test_an_english_reader_sees_the_bank_itself(client, translated_bank) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    _, quiz = take_quiz(client)
    assert {p["lang"] for p in quiz.select(".prompt")} == {"en"}


def test_a_translated_summary_leaves_out_the_bank_s_untranslated_topics(client, write_bank, load_banks,
                                                                       questions_dir, runner) -> None:
    write_bank(bank_yaml(tags="[legal tender, IMF]"))
    (questions_dir / "sample.es.yaml").write_text(SPANISH, encoding="utf-8")
    runner.invoke(args=["validate", "--fill-fingerprints", str(questions_dir)])
    load_banks()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert "legal tender" in soup(client.get("/banks/sample")).get_text()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    page = soup(client.get("/banks/sample")).get_text()
    assert "Banco de ejemplo" in page and "legal tender" not in page


def test_a_translated_bank_lists_its_topics_in_the_reader_s_language(
        write_bank, load_banks, questions_dir, runner, client: FlaskClient) -> None:
    write_bank(bank_yaml(tags="[IMF, mining]"))
    (questions_dir / "sample.es.yaml").write_text(
        SPANISH.replace("title: Banco de ejemplo\n", "title: Banco de ejemplo\ntags: [FMI, minería]\n"),
        encoding="utf-8")
    runner.invoke(args=["validate", "--fill-fingerprints", str(questions_dir)])
    load_banks()
    spanish = soup(client.get("/banks/sample", headers={"Accept-Language": "es"}))
    assert "FMI, minería" in spanish.get_text(" ", strip=True)
    assert "IMF" not in spanish.get_text(" ", strip=True)
    english = soup(client.get("/banks/sample", headers={"Accept-Language": "en"}))
    assert "IMF, mining" in english.get_text(" ", strip=True)

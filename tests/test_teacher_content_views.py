"""Teachers bring their own banks and articles through the browser."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.domain.article_extraction import article_markdown, extract_article
from quizapp.extensions import db
from quizapp.models import Bank, QuestionVersion, Source
from quizapp.teacher.starter import STARTER_BANK
from tests.conftest import People
from tests.helpers import csrf, post_form, soup

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
QUOTE = "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."


def own_bank(bank: str = "class-7", prompt: str = "Who adopted bitcoin first?", quote: str = QUOTE,
             source: str = "coindesk") -> str:
    return f"""bank: {bank}
title: Class 7 quiz
questions:
  - id: first
    type: single
    prompt: {prompt}
    choices: [El Salvador, Pakistan]
    answer: El Salvador
    explanation: It did so in 2021.
    cite:
      - source: {source}
        quote: "{quote}"
"""


@pytest.fixture
def teacher(app: Flask, people: People, sample_bank: str) -> FlaskClient:
    """Ms Rana, signed in, with the bundled articles and the sample bank loaded."""
    account = people.account("ms-rana", "teacher", "Ms Rana")
    return people.sign_in(app.test_client(), account, "ms-rana")


def check(client: FlaskClient, text: str | None = None, upload: tuple[bytes, str] | None = None):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"text": text or "", "submit": "Check the bank"}
    if upload:
        data["file"] = (io.BytesIO(upload[0]), upload[1])
    token = csrf(soup(client.get("/teach/banks/new")))
    return client.post("/teach/banks/new", data={"csrf_token": token, **data},
                       content_type="multipart/form-data")


def publish(client: FlaskClient, text: str):  # type: ignore[no-untyped-def]
    preview = check(client, text)
    assert preview.status_code == 200, preview.get_data(as_text=True)
    page = soup(preview)
    form = page.select_one("form[action='/teach/banks/publish']")
    return client.post("/teach/banks/publish", data={
        "csrf_token": csrf(page), "text": form.select_one("input[name=text]")["value"],
        "submit": "Publish the bank"})


def publish_previewed(client: FlaskClient, preview):  # type: ignore[no-untyped-def]
    """Press Publish on a preview page: post every field its form holds, as a browser does."""
    assert preview.status_code == 200, preview.get_data(as_text=True)
    form = soup(preview).select_one("form[action='/teach/banks/publish']")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return client.post("/teach/banks/publish", data=fields)


def banks_in_database(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Bank)) or 0


def test_an_uploaded_bank_is_previewed_as_learners_will_see_it_and_nothing_is_saved(
        app, teacher) -> None:
    before = banks_in_database(app)
    response = check(teacher, upload=(own_bank().encode(), "class-7.yaml"))
    assert response.status_code == 200
    page = soup(response).get_text(" ", strip=True)
    assert "Preview: Class 7 quiz" in page and "passed every check: 1 question" in page
    assert "Who adopted bitcoin first?" in page and "Right answer El Salvador" in page
    assert "It did so in 2021." in page and QUOTE in page
    assert "Pakistan, El Salvador Form Crypto-Focused Partnership" in page  # the cited article
    assert banks_in_database(app) == before


def test_publishing_makes_the_bank_the_teachers_own(app, teacher) -> None:
    response = publish(teacher, own_bank())
    assert response.status_code == 303 and response.headers["Location"] == "/teach/banks"
    listing = soup(teacher.get("/teach/banks"))
    row = next(tr for tr in listing.select("tr") if "class-7" in tr.get_text())
    assert "Yours" in row.get_text()
    download = teacher.get("/teach/banks/class-7.yaml")
    assert download.get_data(as_text=True) == own_bank()
    assert 'filename="class-7.yaml"' in download.headers["Content-Disposition"]
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "class-7"))
        assert bank is not None and bank.owner_id is not None


def test_an_uploaded_file_is_published_from_its_preview(app, teacher) -> None:
    preview = check(teacher, upload=(own_bank().encode(), "class-7.yaml"))
    response = publish_previewed(teacher, preview)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert "“Class 7 quiz” is published." in soup(teacher.get("/teach/banks")).get_text()
    assert teacher.get("/teach/banks/class-7.yaml").get_data(as_text=True) == own_bank()


def test_an_uploaded_file_with_windows_line_ends_and_a_byte_order_mark_is_published(
        app, teacher) -> None:
    data = b"\xef\xbb\xbf" + own_bank().replace("\n", "\r\n").encode()
    response = publish_previewed(teacher, check(teacher, upload=(data, "class-7.yaml")))
    assert response.status_code == 303, response.get_data(as_text=True)
    assert teacher.get("/teach/banks/class-7.yaml").get_data(as_text=True) == own_bank()


@pytest.mark.parametrize(("text", "line", "message"), [
    (own_bank(quote="El Salvador was the first country to adopt bitcoin in 2021."), 12,
     "the quote is not in the article 'coindesk'"),
    (own_bank(source="coindeks"), 11, "there is no article 'coindeks' (did you mean 'coindesk'?)"),
    (own_bank().replace("type: single", "type: singel"), 5, "unknown type 'singel'"),
    (own_bank().replace("choices: [El Salvador, Pakistan]", "choices: [El Salvador, Pakistan"),
     8, "this is not valid YAML"),
    (own_bank(bank="sample"), 1, "the bank id 'sample' is already used by another bank"),
])
def test_mistakes_are_shown_beside_their_lines_and_nothing_is_saved(
        app, teacher, text: str, line: int, message: str) -> None:
    before = banks_in_database(app)
    response = check(teacher, text)
    assert response.status_code == 422
    page = soup(response)
    mistake = page.select_one(f"#line-{line}")
    assert mistake is not None and "has-error" in mistake["class"], page.select(".problem-listing")
    assert message in mistake.get_text(" ")
    # kept to fix in place (browsers drop the newline that starts a textarea)
    assert page.select_one("textarea[name=text]").get_text().removeprefix("\r\n") == text
    assert "Nothing was saved" in page.get_text()
    assert banks_in_database(app) == before


@pytest.mark.parametrize(("upload", "message"), [
    ((b"bank: b\ntitle: \xff\xfe\n", "bad.yaml"), "the file is not UTF-8 text"),
    ((b"", "empty.yaml"), "Choose a .yaml file or paste the bank's text."),
])
def test_unreadable_or_empty_files_are_explained(teacher, upload: tuple[bytes, str],
                                                 message: str) -> None:
    response = check(teacher, upload=upload)
    assert response.status_code == 422
    assert message in " ".join(error.get_text(" ") for error in soup(response).select(".error"))


def test_a_file_that_is_not_yaml_is_refused_by_its_name(teacher) -> None:
    response = check(teacher, upload=(b"bank: x", "notes.docx"))
    assert response.status_code == 422
    assert "Choose a .yaml file" in soup(response).get_text()


def test_another_teachers_bank_id_is_taken(app, people, teacher) -> None:
    assert publish(teacher, own_bank()).status_code == 303
    other = people.sign_in(app.test_client(), people.account("mr-khan", "teacher"), "mr-khan")
    response = check(other, own_bank())
    assert response.status_code == 422
    assert "the bank id 'class-7' is already used by another bank" in soup(response).get_text()
    assert other.get("/teach/banks/class-7.yaml").status_code == 404
    assert "class-7" not in soup(other.get("/teach/banks")).get_text()


def test_republishing_adds_versions_and_keeps_past_attempts(app, people, teacher) -> None:
    assert publish(teacher, own_bank()).status_code == 303
    with app.app_context():
        bank_teacher = db.session.scalar(select(Bank.owner_id).where(Bank.slug == "class-7"))
    classroom = people.classroom(bank_teacher)
    learner = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner)
    assignment = people.assign(classroom, bank="class-7")
    ayesha = people.sign_in(app.test_client(), learner, "ayesha")
    started = post_form(ayesha, f"/assignments/{assignment}/start", {"start": "Start"}, "/")
    quiz = soup(ayesha.get(started.headers["Location"]))
    choice = next(label.input["value"] for label in quiz.select("fieldset label")
                  if "El Salvador" in label.get_text())
    done = ayesha.post(started.headers["Location"],
                       data={"csrf_token": csrf(quiz), "q1": choice, "submit": "Submit"})
    result_url = done.headers["Location"]
    assert "You scored 1 out of 1." in soup(ayesha.get(result_url)).get_text()

    response = publish(teacher, own_bank(prompt="Which country adopted bitcoin first?"))
    assert response.status_code == 303
    with app.app_context():
        versions = db.session.scalar(select(func.count()).select_from(QuestionVersion)
                                     .where(QuestionVersion.prompt.contains("adopted bitcoin first")))
    assert versions == 2
    result = soup(ayesha.get(result_url)).get_text()
    assert "Who adopted bitcoin first?" in result and "You scored 1 out of 1." in result


def test_uploads_over_one_mebibyte_are_refused_before_reading(app, teacher) -> None:
    big = own_bank().encode() + b"#" * (1024 * 1024)
    response = check(teacher, upload=(big, "class-7.yaml"))
    assert response.status_code == 413
    assert "A question bank may be at most 1 MiB" in soup(response).get_text()
    huge = check(teacher, upload=(big * 2, "class-7.yaml"))
    assert huge.status_code == 413
    assert banks_in_database(app) == 1


def test_the_starter_bank_explains_the_format_and_passes_once_renamed(teacher) -> None:
    response = teacher.get("/teach/starter-bank.yaml")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and text == STARTER_BANK
    assert "# " in text and "type: order" in text and "tolerance" in text
    preview = check(teacher, text.replace("bank: my-first-bank", "bank: rana-first"))
    assert preview.status_code == 200
    assert "passed every check: 5 questions" in soup(preview).get_text()


def test_bundled_banks_download_as_their_files(teacher, questions_dir: Path) -> None:
    response = teacher.get("/teach/banks/sample.yaml")
    assert response.get_data(as_text=True) == (questions_dir / "sample.yaml").read_text("utf-8")


def read_page(client: FlaskClient, name: str, data: bytes | None = None):  # type: ignore[no-untyped-def]
    token = csrf(soup(client.get("/teach/articles/new")))
    page = data if data is not None else (FIXTURES / name).read_bytes()
    return client.post("/teach/articles/new", content_type="multipart/form-data", data={
        "csrf_token": token, "page": (io.BytesIO(page), name), "read": "Fill in from the page"})


def field_values(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    values = {field["name"]: field.get("value", "") for field in page.select("input[name]")}
    values["text"] = page.select_one("textarea[name=text]").get_text().removeprefix("\r\n")
    return values


def test_a_saved_page_fills_the_article_form_for_review(app, teacher) -> None:
    response = read_page(teacher, "jsonld-news.html")
    assert response.status_code == 200
    page = soup(response)
    values = field_values(page)
    assert values["title"] == "Pakistan, El Salvador Form Crypto-Focused Partnership"
    assert values["publisher"] == "Daily Ledger" and values["published"] == "2025-07-17"
    assert values["source_id"] == "pakistan-el-salvador-form-crypto-focused-2025-07-17"
    assert values["text"].strip().startswith("What to know:")
    assert "Check every field" in page.get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Source)
                                 .where(Source.owner_id.is_not(None))) == 0


def test_fields_a_page_does_not_declare_are_named_and_left_empty(teacher) -> None:
    page = soup(read_page(teacher, "no-metadata.html"))
    assert "The page did not say: publisher, web address, language" in page.get_text()
    values = field_values(page)
    assert values["publisher"] == "" and values["url"] == "" and values["language"] == ""


def test_a_short_page_fills_the_form_with_a_note_and_the_teacher_decides(app, teacher) -> None:
    response = read_page(teacher, "not-an-article.html")
    assert response.status_code == 200
    page = soup(response)
    notice = page.select_one("[role=status]").get_text(" ")
    assert "Check before saving: the text looks short for a news article (words: " in notice
    assert "list of stories" in notice
    assert field_values(page)["text"].strip() != ""
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Source)
                                 .where(Source.owner_id.is_not(None))) == 0


def test_a_page_with_no_text_gets_a_clear_message(teacher) -> None:
    response = read_page(teacher, "empty.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert response.status_code == 422
    assert "this page has no running text to take as an article" in soup(response).get_text()


def test_saved_pages_over_five_mebibytes_are_refused(teacher) -> None:
    response = read_page(teacher, "big.html", b"<p>" + b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 413


def save_article(client: FlaskClient, **fields: str):  # type: ignore[no-untyped-def]
    token = csrf(soup(client.get("/teach/articles/new")))
    return client.post("/teach/articles/new", content_type="multipart/form-data",
                       data={"csrf_token": token, "save": "Save the article", **fields})


def test_a_saved_article_can_be_cited_by_the_teachers_banks(app, people, teacher) -> None:
    article = extract_article((FIXTURES / "spanish.html").read_bytes())
    response = save_article(teacher, source_id="diario-2025-07-17", title=article.title or "",
                            publisher="Diario Centroamérica", published="2025-07-17",
                            url=article.url or "", language="es", text=article.body)
    assert response.status_code == 303
    assert "diario-2025-07-17" in soup(teacher.get("/teach/banks")).get_text()
    quote = "El Salvador fue el primer país en adoptar el bitcoin como moneda de curso legal"
    assert publish(teacher, own_bank(source="diario-2025-07-17", quote=quote)).status_code == 303
    source = soup(teacher.get("/sources/diario-2025-07-17")).get_text()
    assert "Diario Centroamérica" in source and quote in source
    other = people.sign_in(app.test_client(), people.account("mr-khan", "teacher"), "mr-khan")
    assert other.get("/sources/diario-2025-07-17").status_code == 404
    assert "no article 'diario-2025-07-17'" in soup(check(other, own_bank(
        bank="khan", source="diario-2025-07-17", quote=quote))).get_text()


def test_pasted_text_with_typed_metadata_is_an_article(app, teacher) -> None:
    response = save_article(teacher, source_id="my-notes", title="Notes from class",
                            text="First paragraph.\r\n\r\nSecond paragraph.")
    assert response.status_code == 303
    with app.app_context():
        source = db.session.get(Source, "my-notes")
        assert source is not None and source.body == "First paragraph.\n\nSecond paragraph."
        assert source.publisher is None and source.published is None and source.url is None


@pytest.mark.parametrize(("fields", "message"), [
    ({"source_id": "coindesk", "title": "Mine", "text": "Words."}, "already used by another"),
    ({"source_id": "Bad Id", "title": "Mine", "text": "Words."}, "Use lower-case letters"),
    ({"source_id": "mine", "title": "", "text": "Words."}, "a source id and a headline"),
    ({"source_id": "mine", "title": "Mine", "text": "  "}, "no text"),
    ({"source_id": "mine", "title": "Mine", "text": "Words.", "url": "example.com"},
     "starting with https://"),
    ({"source_id": "mine", "title": "Mine", "text": "Words.", "published": "17/07/2025"},
     "date"),
    ({"source_id": "mine", "title": "Mine", "text": "Words.", "language": "english!"},
     "language tag"),
])
def test_article_mistakes_are_explained_and_nothing_is_saved(app, teacher, fields, message) -> None:
    response = save_article(teacher, **fields)
    assert response.status_code == 422
    assert message in soup(response).get_text()
    with app.app_context():
        assert db.session.get(Source, "mine") is None
        assert db.session.get(Source, "coindesk").owner_id is None  # type: ignore[union-attr]


def test_import_article_command_writes_a_seeds_article(runner, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    result = runner.invoke(args=["import-article", str(FIXTURES / "opengraph-only.html"),
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    expected = article_markdown(extract_article((FIXTURES / "opengraph-only.html").read_bytes()))
    assert target.read_text("utf-8") == expected
    again = runner.invoke(args=["import-article", str(FIXTURES / "opengraph-only.html"),
                                "-o", str(target)])
    assert again.exit_code == 1 and "exists" in again.output
    short = runner.invoke(args=["import-article", str(FIXTURES / "not-an-article.html"),
                                "-o", str(tmp_path / "short.md")])
    assert short.exit_code == 0 and "check: the text looks short for a news article" in short.output
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    refused = runner.invoke(args=["import-article", str(empty)])
    assert refused.exit_code == 1 and "no running text" in refused.output


def test_loading_bundled_banks_leaves_teachers_banks_alone(app, teacher, write_bank, runner) -> None:
    assert publish(teacher, own_bank()).status_code == 303
    write_bank(own_bank(prompt="A bundled question with the same id?"), "class-7")
    result = runner.invoke(args=["load-banks"])
    assert result.exit_code == 0, result.output
    assert "not loaded, a teacher's bank already has the id: class-7" in result.output
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "class-7"))
        assert bank is not None and bank.listed and bank.owner_id is not None
        assert "bundled question" not in (bank.yaml_text or "")


def own_translation(fingerprint: str | None) -> str:
    translates = f"    translates: {fingerprint}\n" if fingerprint else ""
    return (f"translation_of: class-7\nlanguage: ur\ntitle: ساتویں جماعت کا کوئز\nquestions:\n"
            f"  - id: first\n{translates}    prompt: بٹ کوائن سب سے پہلے کس نے اپنایا؟\n"
            "    choices: [ایل سلواڈور, پاکستان]\n    explanation: اس نے یہ 2021 میں کیا۔\n"
            "    cite:\n      - quote_translation: ایل سلواڈور پہلا ملک تھا۔\n")


def translation_row(listing) -> str:  # type: ignore[no-untyped-def]
    return next(tr for tr in listing.select("tr") if "class-7" in tr.get_text()).get_text(" ", strip=True)


def test_a_teacher_translates_their_bank_in_the_browser(app, teacher) -> None:
    publish(teacher, own_bank())
    assert "Urdu: missing" in translation_row(soup(teacher.get("/teach/banks")))
    missing = soup(check(teacher, upload=(own_translation(None).encode(), "class-7.ur.yaml")))
    message = missing.select_one(".error").get_text(" ", strip=True)
    fingerprint = message.split("add 'translates: ", 1)[1][:8]
    preview = check(teacher, upload=(own_translation(fingerprint).encode(), "class-7.ur.yaml"))
    assert preview.status_code == 200
    page = soup(preview)
    assert "A translation of “Class 7 quiz” into Urdu" in page.get_text(" ", strip=True)
    assert page.select_one(".prompt")["dir"] == "rtl"
    assert "ایل سلواڈور" in page.select_one(".answers").get_text()  # the right answer, translated
    assert QUOTE in page.get_text() and "ایل سلواڈور پہلا ملک تھا۔" in page.get_text()
    response = publish(teacher, own_translation(fingerprint))
    assert response.status_code == 303
    assert "Urdu: up to date" in translation_row(soup(teacher.get("/teach/banks")))
    download = teacher.get("/teach/banks/class-7/translations/ur.yaml")
    assert download.get_data(as_text=True) == own_translation(fingerprint)
    assert 'filename="class-7.ur.yaml"' in download.headers["Content-Disposition"]
    publish(teacher, own_bank(prompt="Which country adopted bitcoin first?"))
    assert "Urdu: missing" not in translation_row(soup(teacher.get("/teach/banks")))
    assert "Urdu: 1 question out of date" in translation_row(soup(teacher.get("/teach/banks")))


def test_an_uploaded_translation_file_is_published_from_its_preview(teacher) -> None:
    publish(teacher, own_bank())
    template = teacher.get("/teach/banks/class-7/translations/ur.yaml").get_data(as_text=True)
    translated = template.replace("Who adopted bitcoin first?", "بٹ کوائن سب سے پہلے کس نے اپنایا؟")
    preview = check(teacher, upload=(translated.encode(), "class-7.ur.yaml"))
    response = publish_previewed(teacher, preview)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert "Urdu: up to date" in translation_row(soup(teacher.get("/teach/banks")))
    download = teacher.get("/teach/banks/class-7/translations/ur.yaml").get_data(as_text=True)
    assert "بٹ کوائن سب سے پہلے کس نے اپنایا؟" in download


def test_a_file_to_translate_is_offered_for_each_language(teacher) -> None:
    publish(teacher, own_bank())
    listing = soup(teacher.get("/teach/banks"))
    link = listing.select_one("a[href='/teach/banks/class-7/translations/es.yaml']")
    assert link is not None
    template = teacher.get(link["href"]).get_data(as_text=True)
    assert "translation_of: class-7\nlanguage: es\n" in template and "translates: " in template
    preview = check(teacher, upload=(template.encode(), "class-7.es.yaml"))
    assert preview.status_code == 200
    assert teacher.get("/teach/banks/sample/translations/es.yaml").status_code == 404  # not hers
    assert teacher.get("/teach/banks/class-7/translations/fr.yaml").status_code == 404


def test_only_ones_own_banks_are_translated_in_the_browser(teacher) -> None:
    text = own_translation("00000000").replace("translation_of: class-7", "translation_of: sample")
    page = soup(check(teacher, text))
    assert "there is no bank 'sample'" in page.select_one(".error").get_text(" ", strip=True)

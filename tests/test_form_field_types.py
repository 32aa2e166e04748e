"""Every field of every POST form gets a value of the wrong kind: a file part where text is
expected, text where a file is expected. Never a 500: the form says what is wrong.

The forms and their fields are those test_form_fuzzing's FORMS lists (it checks that FORMS
covers every POST route in the URL map), together with every field of each form the view
actually builds, recorded as the request runs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from flask import Flask
from flask_wtf.file import FileField

from quizapp.web.forms import QuizappForm
from tests.conftest import People
from tests.helpers import post_form, soup
from tests.test_form_fuzzing import FORMS, world  # noqa: F401  (world: the fixture)


@pytest.fixture
def built_fields(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bool]]:
    """Every field of every form built while the test runs: its name, and if it takes a file."""
    fields: dict[str, bool] = {}
    process = QuizappForm.process

    def recording(form: QuizappForm, *args: object, **kwargs: object) -> None:
        for field in form:
            fields[field.name] = isinstance(field, FileField)
        process(form, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(QuizappForm, "process", recording)
    yield fields


def a_file() -> tuple[io.BytesIO, str]:
    return io.BytesIO(b"bank: b\ntitle: T\n"), "part.yaml"


@pytest.mark.parametrize(("endpoint", "path", "who", "fields"), FORMS,
                         ids=[f"{form[0]}-{form[2]}" for form in FORMS])
def test_a_value_of_the_wrong_kind_in_any_field_never_gives_a_500(
        app: Flask, people: People, world: dict, built_fields: dict[str, bool],  # noqa: F811
        endpoint: str, path: str, who: str | None, fields: list[str]) -> None:
    client = app.test_client()
    if who is not None:
        people.sign_in(client, *world["accounts"][who])
    url = path.format(**world["values"])
    client.post(url, data={})  # the forms this view builds
    text_fields = sorted({*fields, *(name for name, takes_file in built_fields.items()
                                     if not takes_file)})
    file_fields = sorted(name for name, takes_file in built_fields.items() if takes_file)
    sent = [{name: a_file()} for name in text_fields]
    sent += [{name: a_file() for name in text_fields}]
    sent += [{name: "not a file"} for name in file_fields]
    sent += [{name: [a_file(), "and text"]} for name in text_fields]
    failures = []
    for form in sent:
        response = client.post(url, data=form, content_type="multipart/form-data")
        if response.status_code >= 500:
            failures.append(sorted(form))
    assert failures == []


def test_a_file_where_text_belongs_is_named_on_the_page(app: Flask, people: People) -> None:
    app.config["RATELIMIT_ENABLED"] = False
    response = post_form(app.test_client(), "/join", {"code": a_file(), "display_name": "Ali",
                                                      "password": "long enough"})
    assert response.status_code == 422
    page = soup(response)
    assert page.select_one("#code-error").get_text(" ", strip=True) == (
        "This field takes text, not a file.")


def test_text_where_a_file_belongs_is_named_on_the_page(app: Flask, people: People,
                                                        sample_bank: str) -> None:
    teacher = people.sign_in(app.test_client(), people.account("ms-rana", "teacher"), "ms-rana")
    response = post_form(teacher, "/teach/banks/new", {"file": "bank: b", "text": ""})
    assert response.status_code == 422
    assert "This field takes a file, not text." in soup(response).get_text(" ", strip=True)

"""The stylesheet and script URLs name their content, and such URLs are cached for a year."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from quizapp.web.static_files import content_versions, read_versions
from tests.helpers import whole_quiz_form

STATIC = Path(__file__).resolve().parent.parent / "quizapp" / "static"
FOREVER = "public, max-age=31536000, immutable"


def _stylesheet_url(client: FlaskClient) -> str:
    page = client.get("/login").get_data(as_text=True)
    found = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert len(found) == 1
    return found[0]


def test_the_stylesheet_url_names_its_content(client: FlaskClient) -> None:
    digest = hashlib.sha256((STATIC / "style.css").read_bytes()).hexdigest()[:12]
    assert _stylesheet_url(client) == f"/static/style.css?v={digest}"


def test_the_stylesheet_url_changes_when_its_bytes_change(app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    app.static_folder = str(folder)
    read_versions(app)
    before = _stylesheet_url(app.test_client())
    stylesheet = folder / "style.css"
    stylesheet.write_bytes(stylesheet.read_bytes() + b"\n.new { margin-inline-start: 0; }\n")
    assert _stylesheet_url(app.test_client()) == before  # read once, at startup
    read_versions(app)  # the next start
    after = _stylesheet_url(app.test_client())
    assert after != before
    assert app.test_client().get(after).headers["Cache-Control"] == FOREVER
    assert app.test_client().get(before).headers["Cache-Control"] == "no-cache"


def test_content_versions_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_bytes(b"a")
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "b.js").write_bytes(b"b")
    assert content_versions(tmp_path) == {"a.css": hashlib.sha256(b"a").hexdigest()[:12],
                                          "js/b.js": hashlib.sha256(b"b").hexdigest()[:12]}


def test_versioned_files_are_kept_for_a_year_others_revalidated(client: FlaskClient) -> None:
    url = _stylesheet_url(client)
    kept = client.get(url)
    assert kept.status_code == 200
    assert kept.headers["Cache-Control"] == FOREVER
    for other in ("/static/style.css", "/static/style.css?v=000000000000"):
        response = client.get(other)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache", other
        assert "ETag" in response.headers  # a revalidation costs a 304, not the file


def test_the_quiz_script_url_names_its_content(app: Flask, client: FlaskClient,
                                               sample_bank: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    started = client.post(f"/banks/{sample_bank}")
    whole_quiz_form(client, started.headers["Location"])  # practice starts in learn mode
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    digest = hashlib.sha256((STATIC / "quiz.js").read_bytes()).hexdigest()[:12]
    assert f'<script src="/static/quiz.js?v={digest}" defer></script>' in page
    assert client.get(f"/static/quiz.js?v={digest}").headers["Cache-Control"] == FOREVER

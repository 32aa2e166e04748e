"""Security headers on every response of every route, for every role, and no-store on personal pages."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

from tests import test_access_control
from tests.conftest import People
from tests.test_access_control import MATRIX, MATRIX_ALSO, ROLES

world = test_access_control.world  # the access matrix's fixture: its accounts, class and attempts

TEMPLATES = Path(__file__).resolve().parent.parent / "quizapp" / "templates"
QUIZ_PAGE = re.compile(r"/attempts/[^/]+")
LIVE_POLLED = re.compile(r"/live/\d+(/host)?")
LIVE_SCRIPTED = re.compile(r"/live/\d+(/host|/remote|/answer)?")  # live.js
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def _every_request(world: dict) -> list[tuple[str, str]]:
    paths = [(method, template.format(**world["values"]))
             for (_, method), (template, _) in MATRIX.items() if template != "/logout"]
    paths += [(method, template.format(**world["values"])) for (_, method), template, _ in MATRIX_ALSO]
    return [*paths, ("GET", "/no-such-page"), ("GET", "/teach/classes/999/report")]


def test_every_response_carries_the_security_headers(app: Flask, people: People, world: dict) -> None:
    seen = []
    for role in ROLES:
        client = app.test_client()
        if world["ids"][role]:
            people.sign_in(client, *world["ids"][role])
        for method, path in _every_request(world):
            response = client.open(path, method=method)
            headers = response.headers
            policy = headers.get("Content-Security-Policy", "")
            problems = [name for name, value in ALWAYS.items()
                        if headers.get(name) != value and not (
                            name == "Referrer-Policy" and headers.get(name) == "no-referrer")]
            # The quiz page runs a script, its own file, which saves answers as they change; the
            # live game's phone, host screen and teacher's remote run live.js, which asks whether
            # they changed.
            own_script = (QUIZ_PAGE.fullmatch(path) or LIVE_SCRIPTED.fullmatch(path)) \
                and response.status_code in (200, 422)
            scripts = "script-src 'self'" if own_script else "script-src 'none'"
            if "frame-ancestors 'none'" not in policy or "style-src 'self'" not in policy \
                    or "'unsafe-inline'" in policy or f"{scripts};" not in policy:
                problems.append(f"CSP {policy!r}")
            if "Strict-Transport-Security" in headers:
                problems.append("HSTS over plain HTTP")
            # The live game's polled pages (a phone, the host screen) are kept by the viewer's
            # own browser, which asks again with their ETag each time: never by a proxy.
            polled = LIVE_POLLED.fullmatch(path) and response.status_code == 200
            if polled and headers.get("Cache-Control") != "private, no-cache":
                problems.append(f"Cache-Control {headers.get('Cache-Control')!r}")
            if not polled and path != "/static/style.css" and headers.get("Cache-Control") != "no-store":
                problems.append(f"Cache-Control {headers.get('Cache-Control')!r}")
            if problems:
                seen.append(f"{method} {path} as {role}: {', '.join(problems)}")
    assert seen == [], "\n".join(seen)


def test_personal_pages_are_never_stored(app: Flask, people: People, world: dict) -> None:
    teacher = app.test_client()
    people.sign_in(teacher, *world["ids"]["teacher_a"])
    classroom = world["values"]["classroom"]
    for path in (f"/teach/classes/{classroom}/report", f"/teach/classes/{classroom}/report.csv",
                 f"/attempts/{world['values']['done']}/result"):
        assert teacher.get(path).headers["Cache-Control"] == "no-store", path
    cards = teacher.post(f"/teach/classes/{classroom}/roster", data={"names": "Amina\nBilal"})
    assert cards.status_code == 200
    assert cards.headers["Cache-Control"] == "no-store"
    learner = app.test_client()
    people.sign_in(learner, *world["ids"]["learner_a"])
    assert learner.get("/me/attempts").headers["Cache-Control"] == "no-store"


def test_hsts_over_https_only(app: Flask) -> None:
    secure = app.test_client().get("/", base_url="https://quiz.example")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in app.test_client().get("/").headers


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    inline = re.compile(r"<script(?!\s+src=\"[^\"]+\"(\s+data-[a-z]+=\"[^\"]*\")*\s+defer></script>)"
                        r"|<style|\sstyle=|\son[a-z]+="
                        r"|javascript:", re.IGNORECASE)
    found = [f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
             for path in TEMPLATES.rglob("*.html") for match in inline.finditer(path.read_text())]
    assert found == []
    with_scripts = sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")
                          if "<script" in path.read_text())
    assert with_scripts == ["learner/quiz.html", "macros.html"]  # macros: live.js

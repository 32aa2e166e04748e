"""Stylesheet and script URLs that name their content, so a browser may keep them for a year.

Each file's SHA-256 (its first 12 hex digits) is read once at startup and put in its URL as
``?v=``; a changed file gets a new URL, so no browser keeps an old stylesheet beside new pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, request

from quizapp.web import links

EXTENSION = "quizapp.static_versions"
# A year, and "immutable": the browser does not even revalidate on reload. Only a URL whose
# version matches the file's bytes gets it; any other (old page, hand-typed) revalidates.
FOREVER = "public, max-age=31536000, immutable"


def content_versions(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (by its URL name) and the first 12 hex digits of its SHA-256."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(folder.rglob("*")) if path.is_file()}


# Who reads a page decides its stylesheets: every page links style.css; learners' pages (and
# teachers', which show the same questions and boards) add learner.css; teachers' pages, the
# projector and the live game's host screen add teacher.css. Sign-in and the sources (the
# articles and explainers learners read on slow phones) need style.css alone.
_BASE_ONLY = ("auth.", "learner.source")
_TEACHERS = ("teacher.", "projector.", "live.new_game", "live.pick_game", "live.report", "live.host",
             "live.remote")


def page_stylesheets(endpoint: str | None) -> tuple[str, ...]:
    """The stylesheets a page of ``endpoint`` links, in order."""
    if endpoint is None or endpoint.startswith(_BASE_ONLY):
        return ("style.css",)
    if endpoint.startswith(_TEACHERS):
        return ("style.css", "learner.css", "teacher.css")
    return ("style.css", "learner.css")


def stylesheets() -> tuple[str, ...]:
    """This request's page's stylesheets (templates call it)."""
    return page_stylesheets(request.endpoint)


def register_static_versions(app: Flask) -> None:
    """Hash the static folder once, at startup, and give templates ``static_url`` and ``stylesheets``."""
    read_versions(app)
    app.add_template_global(static_url)
    app.add_template_global(stylesheets)


def read_versions(app: Flask) -> None:
    """Hash the files of the app's static folder."""
    folder = Path(app.static_folder) if app.static_folder else None
    app.extensions[EXTENSION] = content_versions(folder) if folder and folder.is_dir() else {}


def static_url(filename: str) -> str:
    """The URL of a static file with its content's version; templates use it, not url_for('static')."""
    version = current_app.extensions[EXTENSION].get(filename)
    if version is None:
        return links.url_for("static", filename=filename)
    return links.url_for("static", filename=filename, v=version)


def is_current_version() -> bool:
    """True when this static request names the version of the file it asks for."""
    filename = (request.view_args or {}).get("filename")
    version = current_app.extensions.get(EXTENSION, {}).get(filename)
    return version is not None and request.args.get("v") == version

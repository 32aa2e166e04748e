"""quizapp: classroom quizzes on crypto literacy, every answer backed by a checked quotation."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.config import SECRET_KEY_FILE, DefaultConfig

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: configuration, extensions and blueprints; nothing is read or written."""
    from flask import Flask

    from quizapp.commands.group import register_commands
    from quizapp.web.errors import register_error_pages
    from quizapp.web.plumbing import (
        register_extensions,
        register_request_plumbing,
        register_template_helpers,
    )

    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.environ.get("QUIZAPP_INSTANCE") or None)
    configure(app, test_config)
    register_extensions(app)
    register_request_plumbing(app)  # after the limiter: its check runs before these
    register_template_helpers(app)
    register_sign_in(app)
    register_blueprints(app)
    register_error_pages(app)
    register_commands(app)
    return app


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Settings: the defaults, then the instance's config.py and QUIZAPP_* (or ``test_config``)."""
    from quizapp.database import normalise_database_url

    app.config.from_object(DefaultConfig)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("QUIZAPP")
        for name in ("SECRET_KEY", "DATABASE_URL"):
            if name in os.environ:
                app.config[name] = os.environ[name]
    else:
        app.config.from_mapping(test_config)
    app.config.setdefault(
        "DATABASE_URL", "sqlite:///" + str(Path(app.instance_path) / "quizapp.sqlite"))
    app.config["DATABASE_URL"] = normalise_database_url(app.config["DATABASE_URL"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app)
    app.config["REVIEW_RETENTION"] = _review_retention(app.config["REVIEW_RETENTION"])


def _review_retention(value: object) -> float:
    """REVIEW_RETENTION as a number FSRS accepts; a wrong one stops the start, not a submission."""
    try:
        retention = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        retention = -1.0
    if not 0.7 <= retention <= 0.99:
        raise RuntimeError(f"REVIEW_RETENTION must be a share from 0.7 to 0.99, not {value!r}")
    return retention


def _instance_secret_key(app: Flask) -> str:
    """The key ``quizapp init`` keeps in the instance folder, or a key for this process only."""
    path = Path(app.instance_path) / SECRET_KEY_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(32)


def register_sign_in(app: Flask) -> None:
    """Session cookies that die at sign-out, and the user each one names."""
    from quizapp.auth.session import SessionCookies

    app.session_interface = SessionCookies()


def register_blueprints(app: Flask) -> None:
    """One blueprint per audience, and the health check."""
    from quizapp.auth import auth
    from quizapp.learner import learner
    from quizapp.live import live
    from quizapp.projector import projector
    from quizapp.teacher import teacher
    from quizapp.web.health import health

    for blueprint in (learner, auth, teacher, projector, live, health):
        app.register_blueprint(blueprint)

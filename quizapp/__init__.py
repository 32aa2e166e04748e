"""quizapp: classroom quizzes on crypto literacy, every answer backed by a checked quotation."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.config import DefaultConfig

if TYPE_CHECKING:
    from flask import Flask

SECRET_KEY_FILE = "secret_key"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: configuration, extensions and blueprints; nothing is read or written."""
    from flask import Flask

    from quizapp.database import normalise_database_url

    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.environ.get("QUIZAPP_INSTANCE") or None)
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

    from werkzeug.middleware.proxy_fix import ProxyFix

    from quizapp.auth import auth
    from quizapp.auth.session import SessionCookies
    from quizapp.commands import server as cli
    from quizapp.extensions import babel, csrf, db, limiter, login_manager
    from quizapp.learner import learner
    from quizapp.projector import projector
    from quizapp.teacher import teacher
    from quizapp.web import errors, links
    from quizapp.web.headers import add_security_headers
    from quizapp.web.health import health
    from quizapp.web.i18n import install_template_gettext, isolated, select_locale, template_helpers
    from quizapp.web.ids import IdConverter
    from quizapp.web.input import refuse_nul_characters
    from quizapp.web.message_catalogs import in_page_language, language_name
    from quizapp.web.rate_limits import refuse_memory_storage_with_workers
    from quizapp.web.upload_limits import SizeLimitedRequest

    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    app.url_map.converters["id"] = IdConverter  # before the blueprints' rules use it
    app.session_interface = SessionCookies()
    app.request_class = SizeLimitedRequest
    app.jinja_env.trim_blocks = True  # no blank lines where block tags stood: lighter pages
    app.jinja_env.lstrip_blocks = True
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    login_manager.init_app(app)
    refuse_memory_storage_with_workers(app)
    limiter.init_app(app)
    app.context_processor(template_helpers)
    app.add_template_filter(in_page_language, "translated")
    app.add_template_filter(language_name, "language_name")
    app.add_template_filter(isolated, "isolated")
    for blueprint in (learner, auth, teacher, projector, health):
        app.register_blueprint(blueprint)
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
    app.jinja_env.globals["url_for"] = links.url_for  # absolute links for trusted hosts only
    errors.register(app)
    cli.register(app)
    return app


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

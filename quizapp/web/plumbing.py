"""The app's request plumbing, extensions and template helpers, each a register step."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quizapp.extensions import babel, compress, csrf, db, limiter, login_manager
from quizapp.web import links
from quizapp.web.answer_words import TEMPLATE_GLOBALS
from quizapp.web.forms import sign_form_token_once
from quizapp.web.headers import add_security_headers
from quizapp.web.i18n import install_template_gettext, isolated, select_locale, template_helpers
from quizapp.web.ids import IdConverter
from quizapp.web.input import refuse_nul_characters
from quizapp.web.message_catalogs import in_page_language, language_name
from quizapp.web.rate_limits import (
    bound_storage_waits,
    refuse_memory_storage_with_workers,
    start_on_reachable_storage,
)
from quizapp.web.report_words import TEMPLATE_GLOBALS as REPORT_GLOBALS
from quizapp.web.static_files import register_static_versions
from quizapp.web.upload_limits import SizeLimitedRequest


def register_request_plumbing(app: Flask) -> None:
    """Proxies, URL ids, size limits, input checks and response headers."""
    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    app.url_map.converters["id"] = IdConverter  # before the blueprints' rules use it
    app.request_class = SizeLimitedRequest
    app.before_request(refuse_nul_characters)
    app.before_request(sign_form_token_once)
    app.after_request(add_security_headers)


def register_extensions(app: Flask) -> None:
    """The database, CSRF, Babel, sign-in, rate limits and compression."""
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    refuse_memory_storage_with_workers(app)
    bound_storage_waits(app)
    limiter.init_app(app)
    start_on_reachable_storage(limiter)
    # Registered before the headers step: Flask runs after_request functions last-registered
    # first, so a response is compressed once its headers are final.
    compress.init_app(app)


def register_template_helpers(app: Flask) -> None:
    """Jinja settings, gettext, filters and the values every template uses."""
    app.jinja_env.trim_blocks = True  # no blank lines where block tags stood: lighter pages
    app.jinja_env.lstrip_blocks = True
    install_template_gettext(app)
    app.context_processor(template_helpers)
    app.add_template_filter(in_page_language, "translated")
    app.add_template_filter(language_name, "language_name")
    app.add_template_filter(isolated, "isolated")
    app.jinja_env.globals["url_for"] = links.url_for  # absolute links for trusted hosts only
    register_static_versions(app)  # static_url(): the stylesheet and script named by content
    for helper in TEMPLATE_GLOBALS + REPORT_GLOBALS:
        app.add_template_global(helper)

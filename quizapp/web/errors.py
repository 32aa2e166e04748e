"""Error pages that tell a learner what happened and what to do, never a traceback."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from quizapp.web.input import NulCharacter


def register_error_pages(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(CSRFError)
    def form_expired(error: CSRFError) -> tuple[str, int]:
        return _bad_request(_("This form has expired"), _(
            "Your page was open too long or your browser lost its session. Go back, reload the "
            "page, and send the form again. Your answers are not saved until you submit them."))

    @app.errorhandler(NulCharacter)
    def nul_character(error: NulCharacter) -> tuple[str, int]:
        return _bad_request(_("That text cannot be saved"), _(
            "What you sent holds an invisible NUL character (code 0), often left by copying from "
            "another program. Go back, type that text again instead of pasting it, and send the "
            "form again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        messages = {
            404: (_("Page not found"),
                  _("There is nothing at this address. Check the link, or start from the "
                    "list of quizzes.")),
            405: (_("That did not work"),
                  _("This page cannot be used that way. Start again from the list of quizzes.")),
            403: (_("This page is not for you"),
                  _("Your account cannot open this page. Sign in with another account, or "
                    "go back.")),
            413: (_("That is too large"),
                  _("What you sent is too large. A question bank may be at most 1 MiB: "
                    "split it into two banks. A saved web page may be at most 5 MiB: save it "
                    "as \"HTML only\", or paste the article's text instead.")),
            429: (_("Too many tries"),
                  _("There were too many tries in a short time. Wait a few minutes, then "
                    "try again.")),
        }
        title, message = messages.get(status, (_("Something went wrong"),
                                               _("Please try again in a moment.")))
        response = app.make_response((render_template("error.html", status=status, title=title,
                                                      message=message), status))
        response.headers.update(error.get_headers() if status == 429 else {})
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("unhandled error", exc_info=error)
        return render_template(
            "error.html", status=500, title=_("Something went wrong"),
            message=_("The problem is ours, not yours. Please try again in a moment."),
        ), 500


def _bad_request(title: str, message: str) -> tuple[str, int]:
    """A 400 page that says what happened and what to do."""
    return render_template("error.html", status=400, title=title, message=message), 400

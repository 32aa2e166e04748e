"""Learner views: parse the request, call a service, render."""

from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from quizapp.extensions import db
from quizapp.learner.forms import StartQuizForm, SubmitAttemptForm
from quizapp.services import attempts, library

learner = Blueprint("learner", __name__)

_ANSWER_FIELD = re.compile(r"q(\d{1,4})")


@learner.get("/")
def home() -> str:
    """The list of quizzes."""
    return render_template("learner/home.html", banks=library.list_banks(db.session))


@learner.get("/banks/<slug>")
def bank(slug: str) -> str:
    """A bank's description and the button that starts it."""
    summary = library.bank_summary(db.session, slug) or abort(404)
    return render_template("learner/bank.html", bank=summary, form=StartQuizForm())


@learner.post("/banks/<slug>")
def start(slug: str) -> Response:
    """Start an attempt and go to its questions."""
    form = StartQuizForm()
    if not form.validate_on_submit():
        abort(400)
    token = attempts.start_attempt(db.session, slug) or abort(404)
    return redirect(url_for(".attempt", token=token), code=303)


@learner.get("/attempts/<token>")
def attempt(token: str) -> str | Response:
    """The questions of an attempt; a submitted attempt shows its result instead."""
    page = attempts.quiz_page(db.session, token) or abort(404)
    if page.submitted:
        return redirect(url_for(".result", token=token), code=303)
    return render_template("learner/quiz.html", page=page, form=SubmitAttemptForm(), given={},
                           errors={}, blanks=[])


@learner.post("/attempts/<token>")
def submit(token: str) -> tuple[str, int] | Response:
    """Grade and record the answers once, then show the result."""
    form = SubmitAttemptForm()
    if not form.validate_on_submit():
        abort(400)
    given = {int(match.group(1)): request.form.getlist(name)
             for name in request.form if (match := _ANSWER_FIELD.fullmatch(name))}
    outcome = attempts.submit_attempt(db.session, token, given,
                                      allow_blanks=bool(form.submit_with_blanks.data))
    if outcome.status is attempts.SubmitStatus.NOT_FOUND:
        abort(404)
    if outcome.status in (attempts.SubmitStatus.RECORDED, attempts.SubmitStatus.ALREADY_SUBMITTED):
        return redirect(url_for(".result", token=token), code=303)
    page = attempts.quiz_page(db.session, token) or abort(404)
    return render_template("learner/quiz.html", page=page, form=form, given=given,
                           errors=outcome.errors, blanks=outcome.blanks), 422


@learner.get("/attempts/<token>/result")
def result(token: str) -> str | Response:
    """Score, answers, explanations and evidence of a submitted attempt."""
    outcome = attempts.attempt_result(db.session, token)
    if outcome is None:
        if attempts.attempt_status(db.session, token) is None:
            abort(404)
        return redirect(url_for(".attempt", token=token), code=303)
    return render_template("learner/result.html", result=outcome)


@learner.get("/sources/<source_id>")
def source(source_id: str) -> str:
    """A source article in full, with the cited passage highlighted."""
    citation = request.args.get("cite", type=int)
    page = library.source_page(db.session, source_id, citation) or abort(404)
    return render_template("learner/source.html", source=page)

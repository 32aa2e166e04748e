"""Learn mode: one question at a time, each answer checked at once, then its feedback."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from quizapp.extensions import db
from quizapp.learner.blueprint import learner, my_attempt, reading_language
from quizapp.learner.forms import (
    CheckAnswerForm,
    WholeQuizForm,
    answers_sent,
)
from quizapp.learner.quiz_rendering import (
    question_html,
)
from quizapp.services import (
    learn_mode,
    quiz_pages,
)


@learner.get("/attempts/<token>/questions/<id:position>")
def learn_question(token: str, position: int) -> str | Response:
    """One question of a learn-mode attempt on its own, with the button that checks it."""
    state = my_attempt(token)
    if position <= state.checked:
        return redirect(url_for(".feedback", token=token, position=position), code=303)
    if state.submitted or not state.learn or position != state.checked + 1:
        return redirect(url_for(".attempt", token=token), code=303)
    page = quiz_pages.quiz_page(db.session, token, reading_language(), position)
    if page is None:  # past the last question: its feedback finishes
        return redirect(url_for(".feedback", token=token, position=state.checked or abort(404)), code=303)
    return _render_learn(page, position)  # no script: the stricter policy of every other page


def _render_learn(page: quiz_pages.QuizPage, position: int, given: dict[int, list[str]] | None = None,
                  error: object = None, blank: bool = False) -> str:
    return render_template("learner/learn.html", page=page, q=page.question(position),
                           total=page.total, form=CheckAnswerForm(), given=given or {},
                           errors={position: error} if error else {}, blank=blank,
                           whole_form=None if page.assigned else WholeQuizForm(),
                           question_html=question_html)


# Its own address: a POST beside the question's GET would answer a bad id with 405, not 404.
@learner.post("/attempts/<token>/questions/<id:position>/answer")
def check_answer(token: str, position: int) -> Response | tuple[str, int]:
    """Keep the first answer to a learn-mode question and show whether it is right."""
    if not CheckAnswerForm().validate_on_submit():
        abort(400)
    my_attempt(token)
    values = answers_sent(request.form).get(position, [])
    checked = learn_mode.answer_question(db.session, token, position, values,
                                         retention=current_app.config["REVIEW_RETENTION"])
    status = checked.status
    if status is learn_mode.AnswerStatus.NOT_FOUND:
        abort(404)
    if status in (learn_mode.AnswerStatus.NEEDS_CORRECTION, learn_mode.AnswerStatus.BLANK):
        page = quiz_pages.quiz_page(db.session, token, reading_language(), position) or abort(404)
        return _render_learn(page, position, {position: values}, checked.error,
                             blank=status is learn_mode.AnswerStatus.BLANK), 422
    return redirect(url_for(".feedback", token=token, position=position), code=303)


@learner.get("/attempts/<token>/questions/<id:position>/feedback")
def feedback(token: str, position: int) -> str | Response:
    """Whether a checked answer is right, the right answer, why, and the evidence; then Next."""
    my_attempt(token)
    shown = learn_mode.feedback(db.session, token, position, reading_language())
    if shown is None:  # not answered yet: its right answer waits
        return redirect(url_for(".attempt", token=token), code=303)
    return render_template("learner/feedback.html", feedback=shown, form=CheckAnswerForm())


@learner.post("/attempts/<token>/whole")
def whole_quiz(token: str) -> Response:
    """Take a practice or review run on the whole-quiz form, checked at the end."""
    if not WholeQuizForm().validate_on_submit():
        abort(400)
    my_attempt(token)
    learn_mode.switch_to_whole_quiz(db.session, token)
    return redirect(url_for(".attempt", token=token), code=303)

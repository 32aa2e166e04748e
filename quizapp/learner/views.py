"""Learner views: parse the request, call a service, render."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.domain import clock
from quizapp.domain.articles import title_given_by_quizapp
from quizapp.domain.classroom_rules import AttemptKind, PracticeReason
from quizapp.domain.levels import try_next
from quizapp.domain.quiz_paging import QuizPageRange, page_of, quiz_page_range, resume_page
from quizapp.extensions import db, limiter
from quizapp.learner.blueprint import learner, my_attempt, reading_language, sign_in_first
from quizapp.learner.forms import (
    DailyGoalForm,
    FlagQuestionForm,
    StartQuizForm,
    SubmitAttemptForm,
    answer_field,
    answers_sent,
    flag_form,
)
from quizapp.learner.quiz_rendering import (
    ANSWERED_SLOT,
    answered_label,
    cached_quiz_response,
    question_html,
    quiz_response,
    remember_quiz_page,
)
from quizapp.services import (
    attempts,
    boards,
    classrooms,
    learner_progress,
    library,
    live_screens,
    problem_reports,
    quiz_pages,
    results,
    saved_answers,
)
from quizapp.web import rate_limits
from quizapp.web.ids import read_id
from quizapp.web.viewer import viewer_id


@learner.get("/")
def home() -> str:
    """The list of quizzes, and for a signed-in learner their classes, levels and streak."""
    return _home_page()


def _home_page(goal_form: DailyGoalForm | None = None) -> str:
    """The home page; a learner's shows their classes, level per concept, streak and what to do next."""
    classes, levels, habit, games = [], [], None, []
    if current_user.is_authenticated and current_user.is_learner:
        me = current_user.account_id
        games = live_screens.running_games(db.session, me)
        classes = classrooms.learner_classes(db.session, me, clock.now(), reading_language())
        levels = learner_progress.levels(db.session, me)
        habit = learner_progress.learner_streak(db.session, me)
        goal_form = goal_form or DailyGoalForm(formdata=None, goal=habit.goal)
    shelves = library.library_shelves(db.session, viewer_id(), reading_language())
    return render_template("learner/home.html", shelves=shelves, classes=classes, levels=levels,
                           try_next=try_next(levels), streak=habit, goal_form=goal_form,
                           start_form=StartQuizForm(), live_games=games)


@learner.post("/me/goal")
@login_required
def set_goal() -> str | Response | tuple[str, int]:
    """Set the learner's daily goal of questions, for their streak."""
    if not current_user.is_learner:
        abort(403)
    form = DailyGoalForm()
    if not form.validate_on_submit():
        return _home_page(form), 422
    learner_progress.set_daily_goal(db.session, current_user.account_id, form.goal.data)
    flash(ngettext("Your daily goal is now %(num)d question.", "Your daily goal is now %(num)d questions.",
                   form.goal.data))
    return redirect(url_for(".home", _anchor="streak"), code=303)


@learner.get("/me/attempts")
@login_required
def my_attempts() -> str:
    """The signed-in learner's attempts, to review or to finish."""
    me = current_user.account_id
    return render_template("learner/attempts.html",
                           attempts=[(a, False) for a in results.learner_attempts(db.session, me,
                                                                                  language=reading_language())],
                           zone=classrooms.learner_time_zone(db.session, me))


@learner.post("/assignments/<id:assignment_id>/start")
@login_required
def start_assignment(assignment_id: int) -> Response:
    """Start (or resume) an attempt on one of the learner's assignments."""
    if not StartQuizForm().validate_on_submit():
        abort(400)
    outcome = classrooms.start_assignment(db.session, current_user.account_id, assignment_id,
                                          clock.now())
    if outcome is None:
        abort(404)
    if isinstance(outcome, AttemptKind):
        flash(_("This quiz is not open yet.") if outcome is AttemptKind.NOT_OPEN
              else _("You have used every attempt that counts for this quiz."))
        return redirect(url_for(".home"), code=303)
    return redirect(url_for(".attempt", token=outcome), code=303)


@learner.get("/classes/<id:classroom_id>/board")
@login_required
def class_board(classroom_id: int) -> str:
    """A class board, for the class's learners, as the teacher chose to show it."""
    me = current_user.account_id
    page = boards.board_for_member(db.session, classroom_id, me, reading_language()) or abort(404)
    return render_template("learner/board.html", board=page, me=me)


@learner.get("/banks/<slug>")
def bank(slug: str) -> str:
    """A bank's description and the button that starts it."""
    summary = library.bank_summary(db.session, slug, viewer_id(), reading_language()) or abort(404)
    return render_template("learner/bank.html", bank=summary, form=StartQuizForm())


@learner.post("/banks/<slug>")
@limiter.limit(lambda: current_app.config["PRACTICE_LIMIT_PER_ADDRESS"], exempt_when=rate_limits.signed_in)
def start(slug: str) -> Response:
    """Start an attempt and go to its questions."""
    form = StartQuizForm()
    if not form.validate_on_submit():
        abort(400)
    if library.bank_summary(db.session, slug, viewer_id()) is None:
        abort(404)
    # Practice while signed in is the learner's own: it shows in My attempts, never on a board.
    token = attempts.start_attempt(db.session, slug, account_id=viewer_id(), learn=True) or abort(404)
    return redirect(url_for(".attempt", token=token), code=303)


def _may_review(owner: attempts.Ownership | None) -> bool:
    """Its learner, and the teacher of its assignment's class, may read an attempt's result."""
    return owner is not None and (owner.account_id is None
                                  or viewer_id() in (owner.account_id, owner.teacher_id))


@learner.get("/attempts/<token>")
def attempt(token: str) -> str | Response:
    """One page of an attempt's questions, with the answers saved so far; a submitted one shows its result."""
    state = my_attempt(token)
    if state.submitted:
        return redirect(url_for(".result", token=token), code=303)
    if state.learn:  # one question at a time: the first not yet checked
        return redirect(url_for(".learn_question", token=token, position=state.checked + 1), code=303)
    saved = saved_answers.saved_answers(db.session, token) if state.has_saved_answers else None
    asked = request.args.get("page", type=int)
    if saved is None:  # nothing saved: the page asked for (the first by default) as cached
        cached = cached_quiz_response(token, asked or 1)
        if cached is not None:
            return cached
    total = quiz_pages.question_count(db.session, token)
    answered = saved.answered if saved else set()
    shown = quiz_page_range(asked or (resume_page(total, answered) if saved else 1), total)
    blank = not answered.intersection(shown.positions)
    if blank and saved is not None:  # other pages saved, this one blank: cached, with the count
        cached = cached_quiz_response(token, shown.number, len(answered))
        if cached is not None:
            return cached
    page = quiz_pages.quiz_page(db.session, token, reading_language()) or abort(404)
    form = SubmitAttemptForm(page=shown.number)
    if blank:
        html = _render_quiz(page, shown, form, {}, answered=ANSWERED_SLOT)
        return quiz_response(remember_quiz_page(token, shown.number, html, len(answered)))
    return quiz_response(_render_quiz(page, shown, form, saved.values if saved else {},
                                      locked=saved.locked if saved else frozenset()))


def _render_quiz(page: quiz_pages.QuizPage, shown: QuizPageRange, form: SubmitAttemptForm,
                 given: dict[int, list[str]], errors: dict | None = None,
                 blanks: list[int] | None = None, answered: int | str | None = None,
                 locked: frozenset[int] = frozenset()) -> str:
    if answered is None:
        answered = len(saved_answers.SavedState(dict(given)).answered)
    return render_template("learner/quiz.html", page=page, shown=shown, form=form, given=given,
                           answered=answered, answered_text=answered_label(answered),
                           errors=errors or {}, blanks=blanks or [],
                           checked_here=bool(locked.intersection(shown.positions)),
                           question_html=question_html, page_of=page_of)


@learner.post("/attempts/<token>")
def submit(token: str) -> tuple[str, int] | Response:
    """Save this page's answers and go to another page, or grade and record the whole attempt once."""
    form = SubmitAttemptForm()
    if not form.validate_on_submit():
        abort(400)
    if my_attempt(token).submitted:
        return redirect(url_for(".result", token=token), code=303)
    given, total = answers_sent(request.form), quiz_pages.question_count(db.session, token)
    # Without a page number (a form holding every question), the page is the whole quiz.
    shown = (quiz_page_range(form.page.data, total) if form.page.data
             else quiz_page_range(1, total, per_page=max(1, total)))
    # Enter in a field sends the page's first button; a form with no button at all submits.
    if form.next_page.data or form.previous_page.data or form.save.data:
        saved_answers.save_answers(db.session, token, given, shown.positions)
        if form.save.data:
            return Response(status=204)
        number = shown.number - 1 if form.previous_page.data else shown.number + 1
        return redirect(url_for(".attempt", token=token, page=number), code=303)
    sent = attempts.submit_page(db.session, token, given, shown.positions,
                                allow_blanks=bool(form.submit_with_blanks.data),
                                retention=current_app.config["REVIEW_RETENTION"])
    if sent.submission.status is attempts.SubmitStatus.NOT_FOUND:
        abort(404)
    if sent.submission.status in (attempts.SubmitStatus.RECORDED, attempts.SubmitStatus.ALREADY_SUBMITTED):
        return redirect(url_for(".result", token=token), code=303)
    return _correction_page(token, form, shown, total, sent)


def _correction_page(token: str, form: SubmitAttemptForm, shown: QuizPageRange, total: int,
                     sent: attempts.PageSubmission) -> tuple[Response, int]:
    """The quiz again, at the first answer to correct or confirm, with everything sent kept."""
    outcome = sent.submission
    first_problem = min([*outcome.errors, *outcome.blanks])
    if first_problem not in shown.positions and form.page.data:
        shown = quiz_page_range(page_of(first_problem, total), total)
        form.page.data = shown.number
    page = quiz_pages.quiz_page(db.session, token, reading_language()) or abort(404)
    return quiz_response(_render_quiz(page, shown, form, sent.answers, outcome.errors, outcome.blanks)), 422


@learner.get("/attempts/<token>/result")
def result(token: str) -> str | Response:
    """Score, answers, explanations and evidence of a submitted attempt."""
    owner = attempts.ownership(db.session, token)
    if owner is not None and owner.account_id is not None and viewer_id() is None:
        sign_in_first()  # someone's result: after signing in, theirs or their teacher's
    if not _may_review(owner):
        abort(404)
    return _result_page(token)


def _result_page(token: str, failed: FlagQuestionForm | None = None,
                 failed_at: int = 0) -> str | Response:
    """The result, with a problem-report form per question for the attempt's own learner."""
    outcome = results.attempt_result(db.session, token, reading_language())
    if outcome is None:
        return redirect(url_for(".attempt", token=token), code=303)
    state = quiz_pages.attempt_state(db.session, token)
    may_flag = state is not None and state.open_to(viewer_id)
    flagged = problem_reports.flagged_positions(db.session, token, viewer_id()) if may_flag else set()
    reportable = problem_reports.reportable_positions(db.session, token, viewer_id()) if may_flag else set()
    forms = {q.position: failed if failed is not None and q.position == failed_at
             else flag_form(q.position, formdata=False)
             for q in outcome.questions if q.position in reportable - flagged}
    return render_template("learner/result.html", result=outcome, redo_form=StartQuizForm(),
                           flag_forms=forms, flagged=flagged, mine=may_flag,
                           practice_note=practice_note(outcome.practice))


def practice_note(reason: PracticeReason | None) -> str | None:
    """Why an attempt started to count was kept as practice, in the learner's words."""
    if reason is None:
        return None
    return {
        PracticeReason.CLASS_ARCHIVED: _(
            "Your teacher archived this class before you sent this quiz, so it is kept as "
            "practice: it does not count towards the assignment."),
        PracticeReason.BANK_WITHDRAWN: _(
            "Its author unpublished this quiz before you sent it, so it is kept as practice: it "
            "does not count towards the assignment."),
        PracticeReason.ASSIGNMENT_DELETED: _(
            "Your teacher removed this assignment before you sent this quiz, so it is kept as "
            "practice: it does not count."),
        PracticeReason.LATE: _(
            "You sent this quiz after its due date, so it is kept as practice: it does not count "
            "towards the assignment."),
        PracticeReason.NO_ATTEMPTS_LEFT: _(
            "You had used every attempt that counts before you sent this one, so it is kept as "
            "practice: it does not count towards the assignment."),
    }[reason]


@learner.post("/attempts/<token>/questions/<id:position>/flag")
@limiter.limit(lambda: current_app.config["REPORT_LIMIT_PER_ADDRESS"], exempt_when=rate_limits.signed_in)
def flag_question(token: str, position: int) -> str | Response | tuple[str | Response, int]:
    """Report a problem with one question of a submitted attempt: once per learner and question."""
    if not my_attempt(token).submitted:
        abort(404)
    form = flag_form(position)
    if not form.validate_on_submit():
        return _result_page(token, form, position), 422
    outcome = problem_reports.flag_question(db.session, token, position, viewer_id(),
                                         form.reason.data or "", form.comment.data)
    if outcome is problem_reports.FlagOutcome.NOT_FOUND:
        abort(404)
    if outcome is problem_reports.FlagOutcome.NO_READER:
        abort(403)  # the page offers no form for it: only a forged post gets here
    flash(_("Thank you: the quiz's author will look at your report.")
          if outcome is problem_reports.FlagOutcome.RECORDED
          else _("You have already reported this question. Thank you."))
    return redirect(url_for(".result", token=token, _anchor=answer_field(position)), code=303)


@learner.post("/attempts/<token>/redo")
def redo(token: str) -> Response:
    """Practise again just the questions answered wrongly."""
    if not StartQuizForm().validate_on_submit():
        abort(400)
    my_attempt(token)
    new_token = attempts.start_redo(db.session, token, viewer_id(), learn=True)
    if new_token is None:
        flash(_("There is nothing to redo: every answer was right."))
        return redirect(url_for(".result", token=token), code=303)
    return redirect(url_for(".attempt", token=new_token), code=303)


@learner.get("/sources/<source_id>")
def source(source_id: str) -> str:
    """A source in full, in the reader's language where it has a translation, the cited passage marked."""
    citation = request.args.get("cite", type=read_id)
    page = library.source_page(db.session, source_id, citation, viewer_id(), reading_language(),
                               original=request.args.get("original") == "1") or abort(404)
    # Opened from a result: link back to it, for whoever may read that result.
    attempt_token = request.args.get("attempt", "")[:64]
    back = (attempt_token if attempt_token
            and _may_review(attempts.ownership(db.session, attempt_token)) else None)
    return render_template("learner/source.html", source=page, back_to_result=back, cite=citation,
                           title_given=title_given_by_quizapp(page.title))


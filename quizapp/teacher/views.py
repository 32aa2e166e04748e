"""Teacher views: check the teacher owns the class, call a service, render."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp.domain import clock
from quizapp.domain.class_time import (
    DateProblem,
    assignment_date_problems,
    local_to_utc,
    suggested_zone,
)
from quizapp.domain.classroom_rules import report_filename
from quizapp.extensions import db
from quizapp.models import Classroom
from quizapp.services import (
    accounts,
    authoring,
    class_management,
    classrooms,
    item_reports,
    learner_progress,
    login_cards,
    problem_reports,
    reports,
    review_cards,
)
from quizapp.teacher.confirmation import confirm_page, confirmed, say
from quizapp.teacher.forms import (
    AssignForm,
    BoardForm,
    ButtonForm,
    ClassSettingsForm,
    EditAssignmentForm,
    NewClassForm,
    RenameClassForm,
    RenameLearnerForm,
    RosterForm,
    assign_choices,
)
from quizapp.web import links
from quizapp.web.form_responses import form_status
from quizapp.web.i18n import class_datetime, zone_label
from quizapp.web.item_words import item_views
from quizapp.web.qr_codes import qr_svg

teacher = Blueprint("teacher", __name__, url_prefix="/teach")


def teacher_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed-in teachers only; learners get 403."""

    @functools.wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_teacher:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def own_class(classroom_id: int) -> Classroom:
    """The class, if it is this teacher's; 404 otherwise, so others' classes stay unseen."""
    return classrooms.owned_classroom(db.session, current_user.account_id, classroom_id) or abort(404)


def _done(classroom_id: int, message: str) -> Response:
    flash(message)
    return redirect(url_for(".classroom", classroom_id=classroom_id), code=303)


@teacher.route("/", methods=["GET", "POST"])
@teacher_only
def dashboard() -> tuple[str, int] | Response:
    """The teacher's classes, and a form to create one, on the clock of their last class."""
    form = NewClassForm(timezone=suggested_zone(
        classrooms.last_class_zone(db.session, current_user.account_id), str(get_locale())))
    if form.validate_on_submit():
        classroom_id = classrooms.create_classroom(db.session, current_user.account_id,
                                                   form.name.data or "",
                                                   timezone=form.timezone.data or "UTC",
                                                   language=form.language.data or None)
        return _done(classroom_id, _("Your class is ready. Give your learners its code."))
    classes = classrooms.teacher_classes(db.session, current_user.account_id)
    return render_template("teacher/dashboard.html", form=form,
                           open_reports=problem_reports.open_counts(db.session, current_user.account_id),
                           classes=[c for c in classes if not c.archived],
                           archived=[c for c in classes if c.archived]), form_status(form)


def label_dates(form: AssignForm | EditAssignmentForm, zone: str) -> None:
    """Name the class's clock in the labels of the date fields."""
    where = zone_label(zone)
    form.opens_at.label.text = _("Opens (optional, %(zone)s)", zone=where)
    form.due_at.label.text = _("Due (optional, %(zone)s)", zone=where)


def _assign_form(zone: str) -> AssignForm:
    form = AssignForm()
    label_dates(form, zone)
    form.bank.choices = assign_choices(authoring.assignable_banks(
        db.session, current_user.account_id, str(get_locale())))
    return form


def class_page(classroom_row: Classroom, assign_form: AssignForm | None = None,
               settings_form: ClassSettingsForm | None = None,
               rename_form: RenameClassForm | None = None) -> str:
    page = classrooms.class_page(db.session, classroom_row, clock.now(), str(get_locale()))
    # _method: on a POST's page, Werkzeug would pick the POST rule, /join?code=...
    join_link = links.public_url("auth.join", code=page.join_code, _method="GET")
    return render_template(
        "teacher/classroom.html", page=page, join_link=join_link,
        join_qr=qr_svg(join_link, _("QR code of the join link")),
        share=links.share_links(
            _("Join my class %(name)s on quizapp: %(link)s (class code %(code)s)",
              name=page.name, link=join_link, code=page.join_code),
            _("Join my class %(name)s", name=page.name)),
        assign_form=assign_form or _assign_form(page.timezone),
        settings_form=settings_form or ClassSettingsForm(
            formdata=None, timezone=page.timezone, language=page.language or ""),
        board_form=BoardForm(mode=page.board_mode), roster_form=RosterForm(), button=ButtonForm(),
        rename_form=rename_form or RenameClassForm(formdata=None, name=page.name),
        open_reports=problem_reports.open_counts(db.session, current_user.account_id
                                                 ).by_class.get(page.id, 0))


@teacher.get("/classes/<id:classroom_id>")
@teacher_only
def classroom(classroom_id: int) -> str:
    """A class: its code and link, settings, members, assignments, board settings."""
    return class_page(own_class(classroom_id))


@teacher.post("/classes/<id:classroom_id>/settings")
@teacher_only
def settings(classroom_id: int) -> Response | tuple[str, int]:
    """Change the class's time zone and the language its learners see by default."""
    classroom_row = own_class(classroom_id)
    form = ClassSettingsForm()
    if not form.validate_on_submit():
        return class_page(classroom_row, settings_form=form), 422
    classrooms.set_settings(db.session, classroom_row, timezone=form.timezone.data or "UTC",
                            language=form.language.data or None)
    return _done(classroom_id, _("Class settings saved."))


@teacher.post("/classes/<id:classroom_id>/board")
@teacher_only
def board_mode(classroom_id: int) -> Response:
    """Choose who sees the class board."""
    classroom_row = own_class(classroom_id)
    form = BoardForm()
    if not form.validate_on_submit():
        abort(400)
    classrooms.set_board(db.session, classroom_row, form.mode.data or "shown")
    return _done(classroom_id, _("Board setting saved."))


@teacher.post("/classes/<id:classroom_id>/projector/<action>")
@teacher_only
def projector(classroom_id: int, action: str) -> Response:
    """Make a new secret projector link, or revoke it."""
    classroom_row = own_class(classroom_id)
    if action not in ("new", "revoke") or not ButtonForm().validate_on_submit():
        abort(400)
    had_link = classroom_row.projector_token is not None
    classrooms.set_projector(db.session, classroom_row, enabled=action == "new")
    if action == "revoke":
        return _done(classroom_id, _("Projector link revoked."))
    return _done(classroom_id, _("New projector link made: the old one no longer works.") if had_link
                 else _("Projector link made: open it on the classroom's screen."))


@teacher.post("/classes/<id:classroom_id>/assignments")
@teacher_only
def assign(classroom_id: int) -> str | Response | tuple[str, int]:
    """Assign a bank to the class."""
    classroom_row = own_class(classroom_id)
    zone = classroom_row.timezone
    form = _assign_form(zone)
    if form.validate_on_submit():
        opens_at, due_at = typed_dates(form, zone)
        now = clock.now()
        problems = assignment_date_problems(opens_at, due_at, now)
        show_date_problems(form, problems, now, zone)
        if not problems and classrooms.assign_bank(
                db.session, classroom_row, form.bank.data or "", opens_at, due_at,
                form.attempts_allowed.data, form.mode.data or "test") is not None:
            return _done(classroom_id, _("Quiz assigned."))
    return class_page(classroom_row, assign_form=form), 422


def typed_dates(form: AssignForm | EditAssignmentForm,
                zone: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The opening time and due date, typed on the class's clock, in UTC as they are judged."""
    opens_at, due_at = (local_to_utc(value, zone) if value else None
                        for value in (form.opens_at.data, form.due_at.data))
    return opens_at, due_at


def show_date_problems(form: AssignForm | EditAssignmentForm, problems: dict[str, DateProblem],
                       now: dt.datetime, zone: str) -> None:
    """Put what is wrong with the dates under their fields."""
    for name, problem in problems.items():
        form[name].errors = [_date_problem_text(problem, now, zone)]


def _date_problem_text(problem: DateProblem, now: dt.datetime, zone: str) -> str:
    """What is wrong with a date, with the time it is now on the class's clock."""
    if problem is DateProblem.DUE_BEFORE_OPENING:
        return _("The due date must come after the opening time.")
    values = {"now": class_datetime(now, zone, "long"), "zone": zone_label(zone)}
    if problem is DateProblem.DUE_IN_PAST:
        return _("That due date has already passed: it is now %(now)s (%(zone)s). "
                 "Choose a later one.", **values)
    return _("That opening time has already passed: it is now %(now)s (%(zone)s). "
             "Choose a later one, or leave it empty to open the quiz now.", **values)


@teacher.post("/classes/<id:classroom_id>/roster")
@teacher_only
def roster(classroom_id: int) -> str | Response:
    """Make learner accounts from pasted names and show their printable login cards."""
    classroom_row = own_class(classroom_id)
    form = RosterForm()
    if not form.validate_on_submit():
        return _done(classroom_id, _("Paste at least one name, one per line."))
    names = [line for line in (form.names.data or "").splitlines() if line.strip()][:200]
    roster = login_cards.create_roster(db.session, classroom_row.id, names)
    if roster.look_alikes:
        flash(_("No card was made for these names: each looks the same as a learner's already in "
                "the class, or as another name in your list: %(names)s. Add a family name or its "
                "first letter to tell them apart, and paste them again.",
                names=", ".join(roster.look_alikes)))
    return cards_page(classroom_row, roster.cards)


@teacher.get("/classes/<id:classroom_id>/report")
@teacher_only
def report(classroom_id: int) -> str:
    """Learners by assignments: not started, in progress, turned in or missing; best score, attempts."""
    classroom_row = own_class(classroom_id)
    table = reports.class_table(db.session, classroom_row.id, str(get_locale()))
    return render_template("teacher/report.html", classroom=classroom_row, table=table,
                           progress=reports.class_progress(db.session, table))


@teacher.get("/classes/<id:classroom_id>/report.csv")
@teacher_only
def report_csv(classroom_id: int) -> Response:
    """The class table as a CSV file for spreadsheets."""
    classroom_row = own_class(classroom_id)
    table = reports.class_table(db.session, classroom_row.id, str(get_locale()))
    zone = classroom_row.timezone
    body = reports.class_table_csv(table, _, reports.class_progress(db.session, table),
                                   zone=zone, zone_name=zone_label(zone))
    filename = report_filename(classroom_row.name, classroom_row.id)
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@teacher.get("/classes/<id:classroom_id>/assignments/<id:assignment_id>")
@teacher_only
def assignment_report(classroom_id: int, assignment_id: int) -> str:
    """Each question's share of right answers, its most common wrong answer, and its item analysis."""
    classroom_row = own_class(classroom_id)
    page = classrooms.class_page(db.session, classroom_row, clock.now(), str(get_locale()))
    assignment = next((a for a in page.assignments if a.id == assignment_id), None) or abort(404)
    items = item_reports.assignment_report(db.session, assignment_id, str(get_locale()))
    bank = item_reports.teacher_bank(db.session, current_user.account_id, assignment.bank_slug)
    editable = bank is not None and bank.owner_id == current_user.account_id
    return render_template("teacher/assignment.html", classroom=classroom_row,
                           assignment=assignment, items=items, editable=editable,
                           item_views=item_views(items, editable),
                           stats=reports.question_stats(db.session, assignment_id, str(get_locale())))


@teacher.get("/classes/<id:classroom_id>/learners/<id:account_id>")
@teacher_only
def learner_history(classroom_id: int, account_id: int) -> str:
    """A learner's attempts in this class."""
    return learner_page(own_class(classroom_id), account_id)


def learner_page(classroom_row: Classroom, account_id: int,
                 rename_form: RenameLearnerForm | None = None) -> str:
    """The teacher's page of one learner of the class, removed or not (404 if never in it)."""
    membership = class_management.membership(db.session, classroom_row.id, account_id) or abort(404)
    name = accounts.display_name_of(db.session, account_id)
    return render_template("teacher/learner.html", classroom=classroom_row, account_id=account_id,
                           name=name, username=accounts.username_of(db.session, account_id),
                           removed=membership.removed_at is not None,
                           history=reports.learner_history(db.session, classroom_row.id, account_id,
                                                           language=str(get_locale())),
                           activity=review_cards.activity(db.session, account_id),
                           progress=review_cards.progress(db.session, account_id),
                           levels=learner_progress.levels(db.session, account_id),
                           streak=learner_progress.learner_streak(db.session, account_id),
                           button=ButtonForm(),
                           rename_form=rename_form or RenameLearnerForm(formdata=None, name=name))


@teacher.route("/classes/<id:classroom_id>/learners/<id:account_id>/password",
               methods=["GET", "POST"])
@teacher_only
def new_password(classroom_id: int, account_id: int) -> str:
    """Give a learner a new password, once the teacher has read that the old one stops; show
    their new login card to print."""
    classroom_row = own_class(classroom_id)
    name = accounts.display_name_of(db.session, account_id)
    if name is None or class_management.membership(db.session, classroom_id, account_id) is None:
        abort(404)
    if not confirmed():
        return confirm_page(say(_("Give %(name)s a new password?"), name=name), [
            _("You get a new login card to print. Their old password stops working at once, and "
              "they are signed out everywhere: they sign in again with the card."),
            _("Their username, attempts and scores stay as they are.")],
            _("Give a new password"), url_for(".learner_history", classroom_id=classroom_id,
                                              account_id=account_id))
    card = login_cards.reset_learner_password(db.session, classroom_row.id, account_id) or abort(404)
    return cards_page(classroom_row, [card])


def cards_page(classroom_row: Classroom, cards: list[login_cards.LoginCard]) -> str:
    """Login cards to print: each with the class, the address to type and its QR code."""
    login_url = links.public_url("auth.login")
    return render_template("teacher/cards.html", classroom=classroom_row, cards=cards,
                           login_url=login_url, login_address=links.short_address(login_url),
                           login_qr=qr_svg(login_url, _("QR code of the sign-in address")))

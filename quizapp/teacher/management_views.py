"""A term's housekeeping, for teachers: rename and archive classes, rename and remove learners,
edit and delete assignments, a new join code. Each change that cannot be undone at a click is
asked first on a page that says what will happen."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from quizapp.domain import clock
from quizapp.domain.class_time import edited_assignment_date_problems, utc_to_local
from quizapp.extensions import db
from quizapp.models import Assignment, Classroom
from quizapp.services import accounts, class_management, classrooms
from quizapp.services.accounts import AccountProblem
from quizapp.teacher.confirmation import confirm_page, confirmed, say
from quizapp.teacher.forms import ButtonForm, EditAssignmentForm, RenameClassForm, RenameLearnerForm
from quizapp.teacher.views import (
    class_page,
    label_dates,
    learner_page,
    own_class,
    show_date_problems,
    teacher,
    teacher_only,
    typed_dates,
)


def _to_class(classroom_id: int, message: str | Markup) -> Response:
    flash(message)
    return redirect(url_for(".classroom", classroom_id=classroom_id), code=303)


def _class_link(classroom_id: int) -> str:
    return url_for(".classroom", classroom_id=classroom_id)


@teacher.route("/classes/<id:classroom_id>/code", methods=["GET", "POST"])
@teacher_only
def renew_code(classroom_id: int) -> str | Response:
    """Give the class a new join code, once the teacher has read that the old one stops."""
    classroom_row = own_class(classroom_id)
    if not confirmed():
        return confirm_page(say(_("Make a new code for %(name)s?"), name=classroom_row.name),
                            [_("The class gets a new join code and join link. The old code "
                               "stops working at once: learners who have not joined yet need "
                               "the new one. Learners already in the class stay in it.")],
                            _("Make a new code"), _class_link(classroom_id))
    classrooms.renew_join_code(db.session, classroom_row)
    return _to_class(classroom_id, _("The class has a new code. The old one no longer works."))


@teacher.post("/classes/<id:classroom_id>/name")
@teacher_only
def rename_class(classroom_id: int) -> Response | tuple[str, int]:
    """Give the class a new name."""
    classroom_row = own_class(classroom_id)
    form = RenameClassForm()
    if not form.validate_on_submit() or not class_management.rename_class(
            db.session, classroom_row, form.name.data or ""):
        if not form.name.errors:
            form.name.errors = [_("Write the class's name.")]
        return class_page(classroom_row, rename_form=form), 422
    return _to_class(classroom_id, say(_("The class is now called %(name)s."),
                                        name=classroom_row.name))


@teacher.route("/classes/<id:classroom_id>/archive", methods=["GET", "POST"])
@teacher_only
def archive_class(classroom_id: int) -> str | Response:
    """Archive the class at the end of its term, once the teacher has read what that does."""
    classroom_row = own_class(classroom_id)
    if not confirmed():
        return confirm_page(say(_("Archive %(name)s?"), name=classroom_row.name), [
            _("The class moves to your archived classes. Its learners no longer see it on their "
              "home page and can no longer start its quizzes. Its join code and projector link "
              "stop working: joining with the code says the class is closed."),
            _("Nothing is deleted: its learners, attempts, scores and reports stay, and you can "
              "restore the class at any time.")],
            _("Archive the class"), _class_link(classroom_id))
    class_management.archive_class(db.session, classroom_row, archived=True)
    flash(say(_("%(name)s is archived. You find it under Archived classes."),
              name=classroom_row.name))
    return redirect(url_for(".dashboard"), code=303)


@teacher.post("/classes/<id:classroom_id>/restore")
@teacher_only
def restore_class(classroom_id: int) -> Response:
    """Bring an archived class back: its code, projector link and quizzes work again."""
    classroom_row = own_class(classroom_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    class_management.archive_class(db.session, classroom_row, archived=False)
    return _to_class(classroom_id, _("The class is restored: its code and quizzes work again."))


def _learner_link(classroom_id: int, account_id: int) -> str:
    return url_for(".learner_history", classroom_id=classroom_id, account_id=account_id)


@teacher.post("/classes/<id:classroom_id>/learners/<id:account_id>/name")
@teacher_only
def rename_learner(classroom_id: int, account_id: int) -> Response | tuple[str, int]:
    """Change the name a learner is shown by; their username stays."""
    classroom_row = own_class(classroom_id)
    form = RenameLearnerForm()
    if form.validate_on_submit():
        problem = class_management.rename_learner(db.session, classroom_id, account_id,
                                                  form.name.data or "")
        if problem is AccountProblem.NOT_A_LEARNER:
            abort(404)
        if problem is None:
            flash(_("Name changed. Their username stays the same."))
            return redirect(_learner_link(classroom_id, account_id), code=303)
        form.name.errors = [{
            AccountProblem.NAME_EMPTY: _("Write the learner's name."),
            AccountProblem.NAME_NO_LETTER: _("Write the learner's name in letters: that one has "
                                             "none that shows (only blank or invisible "
                                             "characters, accents, numbers or signs)."),
        }.get(problem, _("Another learner of the class has a name that looks the same. "
                         "Add a family name or its first letter."))]
    return learner_page(classroom_row, account_id, rename_form=form), 422


@teacher.route("/classes/<id:classroom_id>/learners/<id:account_id>/remove", methods=["GET", "POST"])
@teacher_only
def remove_learner(classroom_id: int, account_id: int) -> str | Response:
    """Take a learner off the class, once the teacher has read what that does."""
    classroom_row = own_class(classroom_id)
    if not classrooms.is_member(db.session, classroom_id, account_id):
        abort(404)
    name = accounts.display_name_of(db.session, account_id) or ""
    if not confirmed():
        return confirm_page(say(_("Remove %(name)s from %(class)s?"), name=name,
                                **{"class": classroom_row.name}), [
            _("They leave the class and its board, the class total no longer includes them, and "
              "they can no longer open its quizzes."),
            _("Every attempt and score of theirs stays recorded: their page and the class report "
              "still show them, marked removed. If they join again with the class code, they "
              "come back with their history.")],
            _("Remove from the class"), _learner_link(classroom_id, account_id))
    class_management.remove_learner(db.session, classroom_id, account_id)
    return _to_class(classroom_id, say(_("%(name)s was removed from the class. Their attempts "
                                         "and scores stay recorded."), name=name))


def _assignment(classroom_id: int, assignment_id: int) -> tuple[Classroom, Assignment]:
    classroom_row = own_class(classroom_id)
    assignment = (class_management.live_assignment(db.session, classroom_id, assignment_id)
                  or abort(404))
    return classroom_row, assignment


@teacher.route("/classes/<id:classroom_id>/assignments/<id:assignment_id>/edit",
               methods=["GET", "POST"])
@teacher_only
def edit_assignment(classroom_id: int, assignment_id: int) -> str | Response | tuple[str, int]:
    """Change an assignment's opening time, due date and attempts; recorded scores stay."""
    classroom_row, assignment = _assignment(classroom_id, assignment_id)
    zone = classroom_row.timezone
    if request.method == "GET":
        form = EditAssignmentForm(formdata=None, attempts_allowed=assignment.attempts_allowed,
                                  opens_at=_on_clock(assignment.opens_at, zone),
                                  due_at=_on_clock(assignment.due_at, zone))
    else:
        form = EditAssignmentForm()
        if form.validate_on_submit() and _saved(form, assignment, zone):
            return _to_class(classroom_id, _("Assignment saved. Scores already recorded stay as "
                                             "they are."))
    label_dates(form, zone)
    return render_template("teacher/edit_assignment.html", classroom=classroom_row,
                           assignment_id=assignment_id, form=form,
                           title=classrooms.assignment_title(db.session, assignment, str(get_locale()))
                           ), 422 if request.method == "POST" else 200


def _saved(form: EditAssignmentForm, assignment: Assignment, zone: str) -> bool:
    """Save the edited dates and attempts if they pass the checks of a new assignment."""
    opens_at, due_at = typed_dates(form, zone)
    now = clock.now()
    problems = edited_assignment_date_problems(opens_at, due_at, now, assignment.opens_at,
                                               assignment.due_at)
    show_date_problems(form, problems, now, zone)
    if problems:
        return False
    class_management.edit_assignment(db.session, assignment, opens_at, due_at,
                                     form.attempts_allowed.data)
    return True


def _on_clock(moment: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A stored UTC time as the class's clock shows it, for a date field (None stays None)."""
    return utc_to_local(moment, zone).replace(tzinfo=None) if moment is not None else None


@teacher.route("/classes/<id:classroom_id>/assignments/<id:assignment_id>/delete",
               methods=["GET", "POST"])
@teacher_only
def delete_assignment(classroom_id: int, assignment_id: int) -> str | Response:
    """Delete an assignment, once the teacher has read what happens to its scores."""
    _classroom, assignment = _assignment(classroom_id, assignment_id)
    title = classrooms.assignment_title(db.session, assignment, str(get_locale()))
    if not confirmed():
        return confirm_page(say(_("Delete the assignment %(title)s?"), title=title), [
            _("It leaves your learners' lists, and its points are taken out of the class board "
              "totals."),
            _("No attempt is lost: each learner's attempts on it stay in their history, as "
              "practice that does not count. You can assign the quiz again at any time.")],
            _("Delete the assignment"), _class_link(classroom_id))
    class_management.delete_assignment(db.session, assignment)
    return _to_class(classroom_id, say(_("The assignment %(title)s is deleted. Its attempts "
                                         "stay in learners' histories, as practice."), title=title))


"""Account views: parse the form, call the accounts service, render."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

from quizapp.auth.forms import (
    ChangePasswordForm,
    JoinAnotherForm,
    JoinForm,
    LoginForm,
    TeacherSignupForm,
)
from quizapp.auth.session import idle_seconds, start_session
from quizapp.domain.names import clean_name
from quizapp.extensions import db, limiter
from quizapp.services import accounts
from quizapp.services.accounts import AccountProblem
from quizapp.web import rate_limits
from quizapp.web.form_responses import form_status
from quizapp.web.forms import LogoutForm
from quizapp.web.i18n import isolated

auth = Blueprint("auth", __name__)


def problem_text(problem: AccountProblem) -> str:
    """What went wrong, and what to do, in the learner's language."""
    # The join form says NAME_IN_CLASS with the name and what to do (_show_join_problem).
    looks_taken = _("Someone in this class already has a name that looks the same. Add your "
                    "family name, or its first letter (such as “Ali K.”), so your teacher can "
                    "tell you apart.")
    return {
        AccountProblem.USERNAME_TAKEN: _("That username is taken. Choose another one."),
        AccountProblem.USERNAME_INVALID: _("Choose a username of up to 64 characters, "
                                           "without spaces."),
        AccountProblem.EMAIL_TAKEN: _("An account with that e-mail exists. Sign in instead."),
        AccountProblem.NAME_EMPTY: _("Write your name."),
        AccountProblem.NAME_NO_LETTER: _("Write your name in letters: that one has none that "
                                         "shows (only blank or invisible characters, accents, "
                                         "numbers or signs)."),
        AccountProblem.NAME_LOOKS_TAKEN: looks_taken,
        AccountProblem.NAME_IN_CLASS: looks_taken,
        AccountProblem.PASSWORD_TOO_SHORT: _("Use a password of at least 8 characters."),
        AccountProblem.PASSWORD_TOO_LONG: _("Use a password of at most 256 characters."),
        AccountProblem.WRONG_PASSWORD: _("Your current password is not right. Try again."),
        AccountProblem.UNKNOWN_CODE: _("There is no class with that code. Check it with your "
                                       "teacher: codes have 6 letters and numbers."),
        AccountProblem.NOT_A_LEARNER: _("Only learner accounts join classes."),
        AccountProblem.CLASS_CLOSED: _("This class is closed: its teacher archived it. Ask your "
                                       "teacher for the code of your new class."),
    }[problem]


def home_for_user() -> str:
    """Where a signed-in user starts: teachers at their classes, learners at theirs."""
    return url_for("teacher.dashboard") if current_user.is_teacher else url_for("learner.home")


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@auth.route("/login", methods=["GET", "POST"])
@limiter.shared_limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], rate_limits.SIGN_IN_SCOPE,
                      key_func=rate_limits.login_key, methods=["POST"],
                      deduct_when=rate_limits.failed_sign_in)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=rate_limits.failed_sign_in)
def login() -> str | Response | tuple[str, int]:
    """Sign in; the same message for an unknown account and a wrong password."""
    form = LoginForm()
    if form.validate_on_submit():
        signed = accounts.authenticate(db.session, form.login.data or "", form.password.data or "",
                                       idle_seconds())
        if signed is None:
            form.password.errors = [_("That username or password is not right.")]
            return render_template("auth/login.html", form=form), 401
        start_session(signed)
        return redirect(_safe_next(request.args.get("next")) or home_for_user(), code=303)
    return render_template("auth/login.html", form=form), form_status(form)


@auth.post("/logout")
def logout() -> Response:
    """Sign out here and end every other session of the account."""
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        accounts.end_sessions(db.session, current_user.account_id)
        logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("learner.home"), code=303)


@auth.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response | tuple[str, int]:
    """Change one's password; other sessions end, this one goes on."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        outcome = accounts.change_password(db.session, current_user.account_id,
                                           form.current.data or "", form.new.data or "")
        if isinstance(outcome, AccountProblem):
            field = form.current if outcome is AccountProblem.WRONG_PASSWORD else form.new
            field.errors = [problem_text(outcome)]
            return render_template("auth/password.html", form=form), 422
        start_session(outcome)
        flash(_("Your password is changed."))
        return redirect(home_for_user(), code=303)
    return render_template("auth/password.html", form=form), form_status(form)


@auth.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response | tuple[str, int]:
    """Teacher sign-up, where the instance config turns it on (TEACHER_SIGNUP)."""
    if not current_app.config["TEACHER_SIGNUP"]:
        abort(404)
    form = TeacherSignupForm()
    if form.validate_on_submit():
        outcome = accounts.create_teacher(db.session, form.username.data or "",
                                          form.display_name.data or "", form.password.data or "",
                                          form.email.data)
        if isinstance(outcome, AccountProblem):
            fields = {AccountProblem.NAME_EMPTY: form.display_name,
                      AccountProblem.NAME_NO_LETTER: form.display_name,
                      AccountProblem.EMAIL_TAKEN: form.email}
            fields.get(outcome, form.password if "PASSWORD" in outcome.name else form.username
                       ).errors = [problem_text(outcome)]
            return render_template("auth/signup.html", form=form), 422
        start_session(outcome)
        return redirect(url_for("teacher.dashboard"), code=303)
    return render_template("auth/signup.html", form=form), form_status(form)


@auth.route("/join", methods=["GET", "POST"])
@auth.route("/join/<code>", methods=["GET"])
@limiter.limit(lambda: current_app.config["JOIN_LIMIT_PER_CLASS"], key_func=rate_limits.join_code_key,
               methods=["POST"], deduct_when=rate_limits.joined)
@limiter.limit(lambda: current_app.config["JOIN_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=rate_limits.unknown_join_code)
def join(code: str | None = None) -> str | Response | tuple[str, int]:
    """Join a class with its code: a new learner picks a name and password, no e-mail."""
    if current_user.is_authenticated:
        return _join_signed_in(code)
    form = JoinForm(code=code)
    if form.validate_on_submit():
        outcome = accounts.join_as_new_learner(db.session, form.code.data or "",
                                               form.display_name.data or "",
                                               form.password.data or "",
                                               idle_seconds=idle_seconds(),
                                               tries=rate_limits.SignInTries())
        if outcome is AccountProblem.TOO_MANY_TRIES:
            abort(429)
        if isinstance(outcome, AccountProblem):
            _show_join_problem(form, outcome)
            return render_template("auth/join.html", form=form), 422
        signed, class_name = outcome
        start_session(signed)
        username = accounts.username_of(db.session, signed.account_id)
        # The username reads left to right on any page, as it is typed.
        flash(escape(_("Welcome to %(name)s! Your username is %(username)s: write it down, you "
                       "need it with your password to sign in.", name=class_name,
                       username="\x00")).replace(
            "\x00", Markup('<bdi dir="ltr">{}</bdi>').format(username)))
        return redirect(url_for("learner.home"), code=303)
    return render_template("auth/join.html", form=form), form_status(form)


def _show_join_problem(form: JoinForm, problem: AccountProblem) -> None:
    """Put what went wrong under the field to change."""
    if problem is AccountProblem.UNKNOWN_CODE:
        rate_limits.note_unknown_join_code()
    if problem is AccountProblem.NAME_IN_CLASS:
        form.display_name.errors = [escape(_(
            "Someone in this class already has a name that looks the same: %(name)s. If that is "
            "you, type the password you chose when you joined (if you forgot it, your teacher can "
            "give you a new one). If it is not you, add your family name, or its first letter "
            "(such as “Ali K.”), so your teacher can tell you apart.")) % {
                "name": isolated(clean_name(form.display_name.data or ""))}]
        return
    field = {AccountProblem.UNKNOWN_CODE: form.code, AccountProblem.CLASS_CLOSED: form.code,
             AccountProblem.NAME_EMPTY: form.display_name,
             AccountProblem.NAME_NO_LETTER: form.display_name,
             AccountProblem.NAME_LOOKS_TAKEN: form.display_name}.get(problem, form.password)
    field.errors = [problem_text(problem)]


def _join_signed_in(code: str | None) -> str | Response | tuple[str, int]:
    form = JoinAnotherForm(code=code)
    if form.validate_on_submit():
        outcome = accounts.join_with_account(db.session, current_user.account_id,
                                             form.code.data or "")
        if isinstance(outcome, AccountProblem):
            if outcome is AccountProblem.UNKNOWN_CODE:
                rate_limits.note_unknown_join_code()
            form.code.errors = [problem_text(outcome)]
            return render_template("auth/join_another.html", form=form), 422
        flash(_("You joined %(name)s.", name=outcome))
        return redirect(url_for("learner.home"), code=303)
    return render_template("auth/join_another.html", form=form), form_status(form)

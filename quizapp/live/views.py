"""Live game views: the teacher's host screen and controls, the players' phones; parse, call, render.

The two pages that poll (the host screen every second, a phone every two) carry an ETag
of what they show (``live_screens.poll_tag``): the browser asks again with it and gets
``304 Not Modified``, with no page rendered, until something changed. With JavaScript,
``static/live.js`` replaces their meta refresh: it asks ``changed`` about once a second
(a 304 of a few bytes) and reloads the page only when the game moved.
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import SelectChoice

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.live.forms import AnswerForm, ControlForm, JoinForm, NewGameForm, PickGameForm, RemoveForm
from quizapp.models import Classroom, LiveGame
from quizapp.services import live_games, live_reports, live_screens, live_sources
from quizapp.services.live_games import AnswerStatus, JoinOutcome
from quizapp.teacher.forms import shelf_groups
from quizapp.teacher.views import own_class, teacher_only
from quizapp.web.answer_words import response_error_words, response_words
from quizapp.web.form_responses import form_status
from quizapp.web.headers import OWN_SCRIPT_POLICY
from quizapp.web.message_catalogs import in_page_language
from quizapp.web.qr_codes import qr_svg

live = Blueprint("live", __name__)

HOST_REFRESH_SECONDS = 1
PHONE_REFRESH_SECONDS = 2


@dataclass(frozen=True)
class Poll:
    """What live.js needs: where to ask, the tag the page was drawn with, the page to reload."""

    ask: str
    tag: str
    page: str


@live.route("/teach/classes/<id:classroom_id>/live", methods=["GET", "POST"])
@teacher_only
def new_game(classroom_id: int) -> Response | tuple[str, int]:
    """Choose the questions and the options of a game, and open its lobby."""
    classroom = own_class(classroom_id)
    form = NewGameForm()
    form.source.choices = _source_choices(classroom_id)
    if form.validate_on_submit():
        kind, _sep, value = (form.source.data or "").partition(":")
        game_id = live_games.create_game(
            db.session, current_user.account_id, classroom_id, form.options(bool(form.counts.data)),
            assignment_id=int(value) if kind == "a" and value.isascii() and value.isdigit() else None,
            bank_slug=value if kind == "b" else None, concept=value if kind == "c" else None,
            language=str(get_locale()))
        if game_id is not None:
            return redirect(url_for(".host", game_id=game_id), code=303)
        form.source.errors = [_("These questions cannot be played: choose others.")]
    return render_template("live/new.html", form=form, classroom=classroom,
                           games=live_reports.class_games(db.session, classroom_id)), form_status(form)


@live.route("/teach/classes/<id:classroom_id>/live/pick", methods=["GET", "POST"])
@teacher_only
def pick_game(classroom_id: int) -> Response | tuple[str, int]:
    """Tick up to 30 questions from several banks, choose the options, and open the game's lobby."""
    classroom = own_class(classroom_id)
    form = PickGameForm()
    shelves = live_sources.offered(db.session, current_user.account_id, str(get_locale()))
    if form.validate_on_submit():
        picking = live_sources.ticked(shelves, form.questions.data or [])
        game_id = None if picking.problem else live_games.create_game(
            db.session, current_user.account_id, classroom_id, form.options(),
            question_ids=picking.questions)
        if game_id is not None:
            return redirect(url_for(".host", game_id=game_id), code=303)
        form.questions.errors = [in_page_language(picking.problem) if picking.problem
                                 else _("These questions cannot be played: choose others.")]
    ticked = form.ticked()
    return render_template("live/pick.html", form=form, classroom=classroom, groups=shelf_groups(shelves),
                           ticked=ticked, opened=live_sources.banks_holding(shelves, ticked)
                           ), form_status(form)


@live.get("/live/<id:game_id>/report")
@teacher_only
def report(game_id: int) -> str:
    """Who answered what, per question, and their points."""
    game = _hosted(game_id)
    return render_template("live/report.html", game=game, rows=live_reports.report(db.session, game),
                           questions=live_reports.report_questions(db.session, game, str(get_locale())),
                           classroom=db.session.get(Classroom, game.classroom_id))


@live.get("/live/<id:game_id>/report.csv")
@teacher_only
def report_csv(game_id: int) -> Response:
    """The game's report as a CSV file for spreadsheets, its header in the teacher's language."""
    game = _hosted(game_id)
    header = [_("name"), *(_("question %(num)d", num=n) for n in range(1, len(game.questions) + 1)),
              _("points")]
    body = live_reports.report_csv(live_reports.report(db.session, game), header, response_words)
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="live-game-{game_id}.csv"'})


def _source_choices(classroom_id: int) -> list[SelectChoice]:
    """The class's assignments first (a game from one may count on the board), then each concept's
    questions, then every bank."""
    found = live_sources.sources(db.session, current_user.account_id, classroom_id, str(get_locale()))
    assigned, concepts, banks = _l("This class's assignments"), _l("Concepts"), _l("Every quiz")
    return ([SelectChoice(f"a:{id_}", title, optgroup=assigned) for id_, title in found.assignments]
            + [SelectChoice(f"c:{concept.id}", ngettext(
                "%(title)s (%(num)d question)", "%(title)s (%(num)d questions)", size,
                title=in_page_language(concept.title)), optgroup=concepts)
               for concept, size in found.concepts]
            + [SelectChoice(f"b:{slug}", title, optgroup=banks) for slug, title in found.banks])


def _hosted(game_id: int) -> LiveGame:
    return live_games.hosted_game(db.session, current_user.account_id, game_id) or abort(404)


def _class_language(game: LiveGame) -> str | None:
    classroom = db.session.get(Classroom, game.classroom_id)
    return classroom.language if classroom else None


@live.get("/live/<id:game_id>/host")
@teacher_only
def host(game_id: int) -> Response:
    """The projector: lobby, each question, its answer and the board, the podium; in the class's language."""
    # The tag's read checks the game is this teacher's: a poll answered 304 reads nothing else.
    tag = _tag(game_id, teacher_id=current_user.account_id)
    if _unchanged(tag):
        return _not_modified(tag)
    game = _hosted(game_id)
    language = _class_language(game)
    with force_locale(language) if language else nullcontext():
        poll = _poll(game_id, None, url_for(".host", game_id=game_id))  # before the page: see _poll
        view = live_screens.screen(db.session, game, clock.now(), str(get_locale()))
        link = url_for(".play", game_id=game_id, _external=True)
        back = "still" if "still" in request.args else "host"
        html = render_template("live/host.html", s=view, join_link=link,
                               join_qr=qr_svg(link, _("QR code of the join link")) if view.in_lobby else None,
                               controls=_controls(view.version, back),
                               refresh=_refresh(HOST_REFRESH_SECONDS),
                               poll=poll)
    return _tagged(html, tag)


@live.get("/live/<id:game_id>/remote")
@teacher_only
def remote(game_id: int) -> Response:
    """The teacher's phone: the same controls, who is playing, and a button to remove each."""
    game = _hosted(game_id)
    # With JavaScript it follows the game (live.js), without the countdown: a phone reloaded
    # each second would move the buttons under the teacher's thumb.
    poll = _poll(game_id, None, url_for(".remote", game_id=game_id), steady=True)
    view = live_screens.screen(db.session, game, clock.now(), str(get_locale()))
    return _page(render_template("live/remote.html", s=view, controls=_controls(view.version, "remote"),
                                 remove_form=RemoveForm(), poll=poll))


def _small_number(value: str | None) -> int | None:
    """A version sent back by a form: ASCII digits, a few of them ('²' is a digit to Python)."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 9 else None


def _controls(version: int, back: str) -> ControlForm:
    return ControlForm(formdata=None, version=str(version), back=back)


@live.post("/live/<id:game_id>/control")
@teacher_only
def control(game_id: int) -> Response:
    """Start, next, pause, go on, reveal, skip or end; a second press of the same button does nothing."""
    game = _hosted(game_id)
    form = ControlForm()
    action = form.pressed()
    seen = _small_number(form.version.data)
    if form.validate_on_submit() and action is not None and seen is not None and not live_games.control(
            db.session, game, action, seen, clock.now(),
            current_app.config["REVIEW_RETENTION"]):
        flash(_("The game had already moved on: nothing was changed."))
    if form.back.data == "remote":
        return redirect(url_for(".remote", game_id=game_id), code=303)
    # A host screen whose teacher stopped its refreshing stays stopped.
    still = {"still": 1} if form.back.data == "still" else {}
    return redirect(url_for(".host", game_id=game_id, **still), code=303)


@live.post("/live/<id:game_id>/players/<id:player_id>/remove")
@teacher_only
def remove_player(game_id: int, player_id: int) -> Response:
    """Take a player out of the game; they cannot come back to it."""
    game = _hosted(game_id)
    if RemoveForm().validate_on_submit():
        live_games.remove_player(db.session, game, player_id, clock.now())
    return redirect(url_for(".remote", game_id=game_id), code=303)


def _players_game(game_id: int) -> LiveGame:
    """The game for a learner of its class; its teacher goes to the host screen; others: 404."""
    if current_user.is_teacher and live_games.hosted_game(db.session, current_user.account_id, game_id):
        abort(redirect(url_for(".host", game_id=game_id)))
    return live_games.learners_game(db.session, current_user.account_id, game_id) or abort(404)


@live.get("/live/<id:game_id>")
@login_required
def play(game_id: int) -> Response:
    """A player's phone: join, the question, their answer, then right or wrong, points and place."""
    # The tag's read checks the learner is in the game's class now: a poll answered 304 (most
    # of them) reads nothing else. Its teacher, and anyone else, have no tag here.
    polled = live_screens.poll(db.session, game_id, clock.now(), current_user.account_id)
    if polled is None:  # its teacher goes to the host screen; anyone else: 404
        _players_game(game_id)
        abort(404)
    tag = _full_tag(polled.tag, str(get_locale()))
    if _unchanged(tag):
        return _not_modified(tag)
    return _tagged(_phone(live_screens.game_as_polled(db.session, polled)), tag)


def _phone(game: LiveGame, answer_form: AnswerForm | None = None, problem: str | None = None) -> str:
    poll = _poll(game.id, current_user.account_id, url_for(".play", game_id=game.id))
    now = clock.now()
    view = live_screens.player_view(db.session, game, current_user.account_id, now, str(get_locale()))
    form = answer_form or AnswerForm(formdata=None, position=view.screen.position,
                                     shown=_signed_shown(game.id, view.screen.position, now))
    waiting_for_answer = view.playing and view.screen.answering and not view.answered
    # While the player chooses, the page reloads only when time is up: a reload would lose
    # what they chose. Without a timer it waits for them (the Refresh link is there).
    seconds = ((view.screen.seconds_left + 1) if view.screen.seconds_left is not None else None) \
        if waiting_for_answer else PHONE_REFRESH_SECONDS
    return render_template("live/play.html", v=view, s=view.screen, join_form=JoinForm(),
                           answer_form=form, problem=problem, refresh=_refresh(seconds),
                           poll=poll,
                           chosen=request.form.getlist("answer") if problem else ())


@live.post("/live/<id:game_id>/join")
@login_required
def join(game_id: int) -> Response:
    """Take a seat, or find one's own again."""
    game = _players_game(game_id)
    if JoinForm().validate_on_submit():
        outcome = live_games.join(db.session, game, current_user.account_id)
        if outcome is JoinOutcome.CLOSED:
            flash(_("This game has started, and its teacher did not allow joining late."))
        elif outcome is JoinOutcome.REMOVED:
            flash(_("Your teacher took you out of this game."))
    return redirect(url_for(".play", game_id=game_id), code=303)


@live.post("/live/<id:game_id>/answer")
@login_required
def answer(game_id: int) -> Response | tuple[str, int]:
    """Send an answer; the first one counts, a second changes nothing."""
    polled = live_screens.poll(db.session, game_id, clock.now(), current_user.account_id)
    # The poll's read checked the learner is in the class; the game's row is kept per version.
    game = live_screens.game_as_polled(db.session, polled) if polled else _players_game(game_id)
    form = AnswerForm()
    if not form.validate_on_submit() or form.position.data is None:
        flash(_("Your answer could not be read: please send it again."))
        return redirect(url_for(".play", game_id=game_id), code=303)
    position = form.position.data
    outcome = live_games.answer(db.session, game, current_user.account_id, position,
                                request.form.getlist("answer"), _shown_at(game_id, position, form.shown.data),
                                clock.now())
    if outcome.status in (AnswerStatus.NEEDS_CORRECTION, AnswerStatus.BLANK):
        problem = (response_error_words(outcome.error) if outcome.error is not None
                   else _("Choose or type an answer first."))
        return _page(_phone(game, form, problem), 422)
    if outcome.status is AnswerStatus.CLOSED:
        flash(_("Time was up for that question: your answer did not count."))
    return redirect(url_for(".play", game_id=game_id), code=303)


# When a page showed the choices, signed so a player cannot claim more time.

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key or "", salt="live-game-shown")


def _signed_shown(game_id: int, position: int, now: dt.datetime) -> str:
    return _serializer().dumps([game_id, position, current_user.account_id, now.isoformat()])


def _shown_at(game_id: int, position: int, signed: str | None) -> dt.datetime | None:
    try:
        found = _serializer().loads(signed or "")
        if found[:3] == [game_id, position, current_user.account_id]:
            return dt.datetime.fromisoformat(found[3])
    except (BadSignature, ValueError, TypeError, IndexError):
        pass
    return None


# Polling: an ETag of what the page shows, and 304 until it changes.

def _tag(game_id: int, *, teacher_id: int) -> str:
    """The host screen's tag; 404 when the game is not this teacher's."""
    tag = live_screens.poll_tag(db.session, game_id, clock.now(), teacher_id=teacher_id)
    return _full_tag(tag or abort(404), str(get_locale()))


def _full_tag(tag: str, language: str) -> str:
    """The game's tag with what else changes the page: the viewer's language, a stopped refresh."""
    return f"{tag}-{language}-{'still' if 'still' in request.args else 'live'}"


def _unchanged(tag: str) -> bool:
    # Flask-Compress names a compressed page's ETag "<tag>:<encoding>": the browser sends that
    # back, and it is the same page. A message waiting to be shown needs the page rendered.
    sent = {etag.split(":", 1)[0] for etag in request.if_none_match.as_set()}
    return tag in sent and not session.get("_flashes")


def _not_modified(tag: str) -> Response:
    response = Response(status=304)
    # A 304's headers replace the kept page's: it must allow live.js as the page did.
    response.headers["Content-Security-Policy"] = OWN_SCRIPT_POLICY
    response.set_etag(tag)
    return response


def _tagged(html: str, tag: str) -> Response:
    response = _page(html)
    response.set_etag(tag)
    return response


def _page(html: str, status: int = 200) -> Response:
    """A host screen or phone page: it may run live.js, our own script."""
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = OWN_SCRIPT_POLICY
    return response


def _poll(game_id: int, account_id: int | None, page: str, *, steady: bool = False) -> Poll | None:
    """live.js's settings; none when the viewer stopped the refreshing (WCAG 2.2.1).

    A phone's tag leaves out the countdown (a learner's, or with ``steady`` the teacher's).
    Taken before the page is drawn: a tag older than the page costs at most one more reload,
    a newer one (the question opening in between) would leave the page as it was for good.
    """
    if "still" in request.args:
        return None
    steady = steady or account_id is not None
    tag = (live_screens.poll_tag(db.session, game_id, clock.now(), account_id, countdown=False)
           if account_id is not None else
           live_screens.poll_tag(db.session, game_id, clock.now(), teacher_id=current_user.account_id,
                                 countdown=not steady))
    ask = url_for(".changed", game_id=game_id, **({"steady": 1} if steady and account_id is None else {}))
    return Poll(ask, tag or "", page)


@live.get("/live/<id:game_id>/changed")
@login_required
def changed(game_id: int) -> Response:
    """Has the viewer's page changed? live.js asks with its tag: 304 while not, 200 when it has.

    The teacher asks for the host screen (``?steady``: their phone, without the countdown); a
    learner of the class for their phone, whose tag leaves out the countdown (a reload would
    lose what they are choosing); anyone else: 404.
    """
    now, me, steady = clock.now(), current_user.account_id, "steady" in request.args
    # Each read checks who may look: the game's teacher, then a learner of its class now.
    hosting = (live_screens.poll_tag(db.session, game_id, now, teacher_id=me, countdown=not steady)
               if current_user.is_teacher else None)
    tag = hosting or live_screens.poll_tag(db.session, game_id, now, me, countdown=False) or abort(404)
    response = _not_modified(tag) if _unchanged(tag) else Response(tag, mimetype="text/plain")
    response.set_etag(tag)
    return response


def _refresh(seconds: int | None) -> int | None:
    """Seconds until the page reloads itself; none when the viewer stopped it (WCAG 2.2.1)."""
    return None if "still" in request.args else seconds

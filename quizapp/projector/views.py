"""The projector view: large type, refreshes itself, opened by a link the teacher can revoke."""

from __future__ import annotations

from contextlib import nullcontext

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from quizapp.domain.standings import WallPage, wall_page
from quizapp.extensions import db
from quizapp.services import boards
from quizapp.web.ids import read_id
from quizapp.web.links import public_url
from quizapp.web.qr_codes import qr_svg

projector = Blueprint("projector", __name__)

REFRESH_SECONDS = 30
PAGE_SECONDS = 8  # each page of a wall that turns: 30 learners come round in under half a minute


@projector.get("/board/<token>")
def board(token: str) -> tuple[str, int, dict[str, str]]:
    """The class board for the wall: how to join, the podium, then everyone else by pages that
    turn by themselves; display names only.

    ``?page=`` is the page shown; ``?paused`` stops the refreshing and the turning. The wall
    shows the class's language when the teacher set one (the browser's otherwise).
    """
    classroom = boards.classroom_by_projector(db.session, token)
    if classroom is None:
        return _closed(token)
    paused = "paused" in request.args
    wall = wall_page(boards.board(db.session, classroom.id, classroom.language),
                     request.args.get("page", type=read_id) or 1)
    # The whole address, for the QR code: the school's PUBLIC_ADDRESS, else the host the wall's
    # own browser used (the page is never cached or shared, so a forged Host header could only
    # mislead the client that forged it).
    join_link = public_url("auth.join", code=classroom.join_code, _method="GET")
    with force_locale(classroom.language) if classroom.language else nullcontext():
        html = render_template("projector/board.html", name=classroom.name, token=token,
                               wall=wall, join_code=classroom.join_code, join_link=join_link,
                               join_qr=qr_svg(join_link, _("QR code of the join link")),
                               refresh=None if paused else _refresh(token, wall),
                               seconds=PAGE_SECONDS if wall.turns else REFRESH_SECONDS)
    return html, 200, {
        "Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex"}


def _refresh(token: str, wall: WallPage) -> str:
    """The meta refresh: the next page after a few seconds when the pages turn, else this page
    again after REFRESH_SECONDS (a plain refresh, so it works without JavaScript)."""
    if not wall.turns:
        return str(REFRESH_SECONDS)
    return f"{PAGE_SECONDS}; url={url_for('projector.board', token=token, page=wall.next_page)}"


def _closed(token: str) -> tuple[str, int, dict[str, str]]:
    """An archived class's board link: closed, said in the class's language; any other, not found."""
    language = boards.archived_projector_language(db.session, token)
    if language is False:
        abort(404)
    with force_locale(language) if isinstance(language, str) else nullcontext():
        html = render_template("error.html", status=410, title=_("This class board is closed"),
                               message=_("The class is archived, so its board is no longer shown. "
                                         "Its teacher can restore the class to open it again."))
    return html, 410, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}

"""The projector view: large type, refreshes itself, opened by a link the teacher can revoke."""

from __future__ import annotations

from contextlib import nullcontext

from flask import Blueprint, abort, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _

from quizapp.extensions import db
from quizapp.services import boards
from quizapp.web.links import public_url
from quizapp.web.qr_codes import qr_svg

projector = Blueprint("projector", __name__)

REFRESH_SECONDS = 30


@projector.get("/board/<token>")
def board(token: str) -> tuple[str, int, dict[str, str]]:
    """The class board for the wall: how to join, the podium, then everyone else; display names only.

    ``?paused`` stops the refreshing. The wall shows the class's language when the teacher set
    one (the browser's otherwise).
    """
    classroom = boards.classroom_by_projector(db.session, token)
    if classroom is None:
        return _closed(token)
    paused = "paused" in request.args
    rows = boards.board(db.session, classroom.id)
    # The whole address, for the QR code: the school's PUBLIC_ADDRESS, else the host the wall's
    # own browser used (the page is never cached or shared, so a forged Host header could only
    # mislead the client that forged it).
    join_link = public_url("auth.join", code=classroom.join_code, _method="GET")
    with force_locale(classroom.language) if classroom.language else nullcontext():
        html = render_template("projector/board.html", name=classroom.name, token=token,
                               podium=rows[:3], rest=rows[3:], join_code=classroom.join_code,
                               join_link=join_link,
                               join_qr=qr_svg(join_link, _("QR code of the join link")),
                               refresh=None if paused else REFRESH_SECONDS)
    return html, 200, {
        "Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex"}


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

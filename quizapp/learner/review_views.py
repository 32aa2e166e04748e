"""Review: the questions due for a learner (and those missed today), and starting a run of them."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.domain.curriculum import CONCEPTS, Concept
from quizapp.extensions import db
from quizapp.learner.blueprint import learner
from quizapp.learner.forms import (
    StartQuizForm,
)
from quizapp.services import (
    learner_progress,
    review_cards,
)


def _due() -> review_cards.Due:
    """The signed-in learner's due cards, counted once a request for the nav and the page."""
    if "review_due" not in g:
        me = current_user.account_id
        g.review_due = review_cards.due(db.session, me, learner_progress.today_starts(db.session, me))
    return g.review_due  # type: ignore[no-any-return]


def _due_count() -> int:
    """The nav's count of due cards: the page's own when it has them, else one query.

    Due now and missed today are apart (a missed card is one not due yet), so the count of
    due cards needs no start of today, nor the class's time zone that finds it: every page a
    signed-in learner opens in learn mode shows the count.
    """
    if "review_due" in g:
        return g.review_due.total  # type: ignore[no-any-return]
    return review_cards.due_count(db.session, current_user.account_id)


@learner.app_context_processor
def review_nav() -> dict[str, object]:
    """The nav's due count, asked only by pages that show it (a signed-in learner's)."""
    return {"review_due_count": _due_count, "review_due": _due}


def _asked_concept() -> Concept | None:
    """The concept ``?concept=`` names; 404 for one the curriculum does not have. Learners only."""
    if not current_user.is_learner:
        abort(403)
    asked = request.args.get("concept")
    if asked is None:
        return None
    return next((concept for concept in CONCEPTS if concept.id == asked), None) or abort(404)


@learner.get("/review")
@login_required
def review() -> str:
    """How many questions are due for review, in all and by concept, and the button that runs them."""
    concept, due = _asked_concept(), _due()
    return render_template("learner/review.html", concept=concept, due=due.of(concept and concept.id),
                           missed=due.missed_of(concept and concept.id), by_concept=due.by_concept,
                           form=StartQuizForm(), limit=review_cards.REVIEW_LENGTH)


@learner.post("/review")
@login_required
def start_review() -> Response:
    """Start a review run of the questions due now (of one concept, with ``?concept=``)."""
    if not StartQuizForm().validate_on_submit():
        abort(400)
    concept = _asked_concept()
    concept_id = concept and concept.id
    me = current_user.account_id
    token = review_cards.start_review(db.session, me, concept_id, learn=True,
                                      missed_since=learner_progress.today_starts(db.session, me))
    if token is None:
        flash(_("Nothing is due for review now. Come back later."))
        return redirect(url_for(".review", concept=concept_id), code=303)
    return redirect(url_for(".attempt", token=token), code=303)

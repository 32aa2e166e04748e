"""``quizapp check``: every stored best score, attempt count and class total against its rows."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import update

from quizapp.extensions import db
from quizapp.models import Assignment, AssignmentScore, Attempt, Membership
from quizapp.services import class_management
from quizapp.services.integrity import check_derived_figures
from tests.conftest import People
from tests.test_classroom_views import learner_client, take


def a_term(app: Flask, people: People) -> dict[str, int]:
    """Two learners who took two assignments (Ayesha twice), and a third assignment deleted."""
    classroom = people.classroom(people.account("ms-rana", "teacher"))
    ayesha, bilal = people.account("ayesha"), people.account("bilal")
    people.join(classroom, ayesha, bilal)
    first, second, gone = (people.assign(classroom) for _ in range(3))
    for account, name in ((ayesha, "ayesha"), (bilal, "bilal")):
        client = learner_client(app, people, account, name)
        for assignment in (first, second, gone):
            take(client, assignment, number="1")
    take(learner_client(app, people, ayesha, "ayesha"), first)
    with app.test_request_context():
        class_management.delete_assignment(db.session, db.session.get(Assignment, gone))
    return {"classroom": classroom, "ayesha": ayesha, "bilal": bilal, "first": first,
            "second": second}


def change(app: Flask, statement) -> None:  # type: ignore[no-untyped-def]
    """A figure drifts, as a lost update would make it."""
    with app.app_context(), db.writer() as session:
        session.execute(statement)
        session.commit()


def test_a_database_whose_figures_match_says_so_in_one_line(
        app: Flask, people: People, runner: FlaskCliRunner, sample_bank: str) -> None:
    a_term(app, people)
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert result.output == "every figure matches: 4 best scores and 2 class totals checked\n"


def test_every_figure_that_drifted_is_named(app: Flask, people: People, runner: FlaskCliRunner,
                                            sample_bank: str) -> None:
    term = a_term(app, people)
    change(app, update(Membership).where(Membership.account_id == term["bilal"]).values(total=3))
    change(app, update(AssignmentScore).where(AssignmentScore.account_id == term["ayesha"],
                                              AssignmentScore.assignment_id == term["first"])
           .values(best_score=5, attempts=3))
    change(app, update(Attempt).where(Attempt.account_id == term["bilal"],
                                      Attempt.assignment_id == term["second"]).values(counts=False))
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    a, b, c = term["first"], term["second"], term["classroom"]
    assert result.output.splitlines() == [
        f"assignment {a}, learner ayesha ({term['ayesha']}): best score 5, the attempts that "
        "counted give 6",
        f"assignment {a}, learner ayesha ({term['ayesha']}): 3 attempts recorded, 2 attempts "
        "counted",
        f"assignment {b}, learner bilal ({term['bilal']}): a best score is stored, but no attempt "
        "counted",
        f"class {c}, learner ayesha ({term['ayesha']}): total 11, their best scores add up to 10",
        f"class {c}, learner bilal ({term['bilal']}): total 3, their best scores add up to 10",
        "5 stored figures differ from the rows they come from",
    ]
    with app.app_context():
        assert len(check_derived_figures(db.session).differences) == 5

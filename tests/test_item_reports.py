"""Item analysis on the teacher's pages, and problems learners report with questions."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import Attempt, AttemptItem, QuestionFlag
from quizapp.services import (
    attempts,
    authoring,
    caches,
    class_management,
    classrooms,
    item_reports,
    problem_reports,
)
from tests.conftest import People, bank_yaml
from tests.helpers import soup

CITE = """    cite:
      - source: coindesk
        quote: "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
"""
# Four questions; "bad-key" is keyed 2020, while the right answer (2021) is what strong
# learners choose.
QUESTIONS = "".join(f"""  - id: {slug}
    type: single
    prompt: {prompt}
    explanation: CoinDesk says so.
    choices: [2019, 2020, 2021, 2022]
    answer: {answer}
{CITE}""" for slug, prompt, answer in [
    ("first", "When did El Salvador adopt bitcoin?", 2021),
    ("second", "In which year did bitcoin become legal tender there?", 2021),
    ("bad-key", "Which year does CoinDesk give for the adoption?", 2020),
]) + f"""  - id: easy
    type: true_false
    prompt: CoinDesk wrote about El Salvador.
    explanation: It did.
    answer: true
{CITE}"""


def answers_of(ability: int) -> dict[str, object]:
    """What a learner of this ability (0 weakest, 11 strongest) answers to each question."""
    return {"first": "2021" if ability >= 4 else "2019",
            "second": "2021" if ability >= 6 else "2022",
            "bad-key": "2021" if ability >= 6 else "2020",  # the strong are marked wrong
            "easy": ability >= 2}


def submit(app: Flask, learner: int, assignment: int, ability: int) -> str:
    """Start the assignment as the learner and submit this ability's answers; the token."""
    return send_answers(app, start(app, learner, assignment), ability)


def start(app: Flask, learner: int, assignment: int) -> str:
    """Start the assignment as the learner; the attempt's token."""
    with app.test_request_context(method="POST"):
        token = classrooms.start_assignment(db.session, learner, assignment, clock.now())
        assert isinstance(token, str)
        return token


def send_answers(app: Flask, token: str, ability: int) -> str:
    """Submit this ability's answers to a started attempt; its token."""
    chosen = answers_of(ability)
    with app.test_request_context(method="POST"):
        items = db.session.scalars(select(AttemptItem).join(Attempt)
                                   .where(Attempt.token == token)).all()
        raw = {}
        for item in items:
            version = item.question_version
            given = chosen[version.question.slug]
            if version.type == "true_false":
                raw[item.position] = ["true" if given else "false"]
            else:
                written = version.key["choices"].index(given)
                raw[item.position] = [str(item.shown_order.index(written))]
        outcome = attempts.submit_attempt(db.session, token, raw)
        assert outcome.status is attempts.SubmitStatus.RECORDED
    return token


@pytest.fixture
def quality(app: Flask, people: People, write_bank, load_banks) -> dict[str, object]:  # type: ignore[no-untyped-def]
    write_bank(bank_yaml("quality", QUESTIONS))
    load_banks()
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher)
    assignment = people.assign(classroom, bank="quality")
    return {"teacher": teacher, "classroom": classroom, "assignment": assignment}


def class_of(app: Flask, people: People, world: dict, count: int, start: int = 0,
             assignment: int | None = None, classroom: int | None = None) -> list[tuple[int, str]]:
    """``count`` learners joined to the class, each of whom submits once by ability."""
    made = []
    for ability in range(start, start + count):
        username = f"learner-{ability}"
        learner = people.account(username, name=f"Learner {ability}")
        people.join(classroom or world["classroom"], learner)
        made.append((learner, submit(app, learner, assignment or world["assignment"], ability)))
    return made


def card(page, words: str):  # type: ignore[no-untyped-def]
    """The item card whose question says ``words``."""
    found = [section for section in page.select("section.item") if words in section.get_text()]
    assert len(found) == 1, words
    return found[0]


def report_page(app: Flask, people: People, world: dict) -> object:
    client = people.sign_in(app.test_client(), world["teacher"], "ms-rana")
    response = client.get(f"/teach/classes/{world['classroom']}/assignments/{world['assignment']}")
    assert response.status_code == 200
    return soup(response)


def test_the_report_flags_a_question_strong_learners_get_wrong(app, people, quality) -> None:
    class_of(app, people, quality, 12)
    page = report_page(app, people, quality)
    text = page.get_text(" ", strip=True)
    assert "upper-minus-lower 27% index" in text
    bad = card(page, "Which year does CoinDesk give")
    assert ("Strong learners chose another answer more often than weak ones: check the key and the "
            "wording.") in bad.get_text(" ", strip=True)
    # 12 learners, groups of 3. Totals: abilities 0 and 1 score 1, 2 and 3 score 2, 4 to 11
    # score 3. Right here: abilities 0 to 5. Upper: the eight 3s share 3 places, 2 of them
    # right: 3 * 2/8 / 3 = 0.25. Lower: 0, 1 and the two 2s sharing a place, all right: 1.
    assert "Share right (facility): 50%." in bad.get_text(" ", strip=True)
    assert "Discrimination (upper-minus-lower 27% index): -0.75." in bad.get_text(" ", strip=True)
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in bad.select("table tbody tr")]
    assert rows == [["2019", "0"], ["2020 (right answer)", "6"], ["2021", "6"], ["2022", "0"]]
    # A bundled bank: the teacher cannot replace a choice, so the hint says what they can do.
    assert ("No one chose “2019”, so the question is easier than it looks. You cannot replace "
            "the choice in this bank: report it, or leave the question out (see above).") in bad.get_text()
    assert ("You cannot edit this bank: if either is wrong, report the question or leave it out "
            "(see above).") in bad.get_text()
    assert "replace it with" not in text
    assert bad.select_one(".table-wrap table") is not None
    good = card(page, "When did El Salvador adopt")
    # Right: abilities 4 to 11, 8 of 12; upper (the 3s) all right, lower (1s and 2s) none.
    assert "Share right (facility): 67%." in good.get_text(" ", strip=True)
    assert "Discrimination (upper-minus-lower 27% index): 1.00." in good.get_text(" ", strip=True)
    assert [hint.get_text().split(",")[0] for hint in good.select(".notice")] == [
        "No one chose “2020”", "No one chose “2022”"]
    cannot_edit = page.select_one("#cannot-edit").get_text(" ", strip=True)
    assert "You cannot edit this bank: it comes with quizapp." in cannot_edit
    assert "Report it to whoever runs quizapp at your school" in cannot_edit
    assert "Leave it out: download the bank, delete the question" in cannot_edit
    assert page.select_one("#cannot-edit a[href='/teach/banks/quality.yaml']") is not None
    # The hint comes before the figures: text first.
    assert bad.get_text().index("Strong learners") < bad.get_text().index("Share right")


def test_each_figure_says_which_attempts_it_counts(app, people, quality) -> None:
    made = class_of(app, people, quality, 12)
    submit(app, made[0][0], quality["assignment"], 11)  # a second attempt that counts
    page = report_page(app, people, quality)
    caption = page.select_one("table caption").get_text(" ", strip=True)
    assert caption.startswith("How the class answered each question, in every attempt that counts")
    assert "counted twice" in caption and "first attempt that counts only" in caption
    first = next(row for row in page.select("table tbody tr") if "When did El Salvador" in row.get_text())
    assert first.select("td")[1].get_text(strip=True) == "69% (9/13)"  # 13: the second one too
    good = card(page, "When did El Salvador adopt")
    assert ("Answers, one per learner (their first attempt that counts): 12. Share right "
            "(facility): 67%.") in " ".join(good.get_text(" ").split())
    assert "in each learner’s first attempt that counts" in good.select_one("caption").get_text()
    # Enough learners: the page does not say that more are needed.
    assert "need at least" not in page.get_text(" ", strip=True)


def test_too_few_attempts_say_how_many_more_are_needed(app, people, quality) -> None:
    class_of(app, people, quality, 7)
    page = report_page(app, people, quality)
    text = page.get_text(" ", strip=True)
    assert ("Item statistics need at least 10 learners’ attempts that count (one per learner): "
            "3 more are needed.") in text
    assert not page.select("section.item")
    assert "Strong learners" not in text


def test_only_each_learners_first_counted_attempt_is_analysed(app, people, quality) -> None:
    made = class_of(app, people, quality, 9)
    submit(app, made[0][0], quality["assignment"], 11)  # a second, better attempt
    text = report_page(app, people, quality).get_text(" ", strip=True)
    assert "1 more is needed" in text


OWN = QUESTIONS.replace("legal tender there", "legal tender in El Salvador")


def publish_own_bank(app, owner: int) -> None:  # type: ignore[no-untyped-def]
    """The owner publishes "own-quality", the bank with the badly keyed question, as their own."""
    with app.test_request_context(method="POST"):
        published = authoring.publish_bank(db.session, owner, bank_yaml("own-quality", OWN).encode(),
                                           "own-quality.yaml")
        assert published.passed, published.problems


def test_the_owner_sees_their_bank_across_classes_and_others_do_not(app, people, quality) -> None:
    owner = quality["teacher"]
    other = people.account("mr-khan", "teacher", "Mr Khan")
    publish_own_bank(app, owner)
    first = people.classroom(owner, "Class 8A", "AAAAAA")
    second = people.classroom(owner, "Class 8B", "BBBBBB")
    world = {"teacher": owner}
    first_assignment = people.assign(first, bank="own-quality")
    class_of(app, people, world, 6, 0, first_assignment, first)
    class_of(app, people, world, 6, 6, people.assign(second, bank="own-quality"), second)
    client = people.sign_in(app.test_client(), owner, "ms-rana")
    banks = soup(client.get("/teach/banks"))
    link = banks.find("a", string=lambda s: s and "How its questions work" in s)
    assert link["href"] == "/teach/banks/own-quality/questions"
    page = soup(client.get(link["href"]))
    text = page.get_text(" ", strip=True)
    assert "12 learners’ attempts counted." in text
    assert "every class it was assigned to" in text
    bad = card(page, "Which year does CoinDesk give")
    assert "Strong learners chose another answer" in bad.get_text()
    # Their own bank: they can replace the choice no one picks, and are told to.
    assert "No one chose “2019”: replace it with a mistake learners really make." in bad.get_text()
    assert "You cannot edit" not in text and page.select_one("#cannot-edit") is None
    # Each class alone has too few.
    one_class = soup(client.get(f"/teach/classes/{first}/assignments/{first_assignment}"))
    assert "4 more are needed" in one_class.get_text(" ", strip=True)
    stranger = people.sign_in(app.test_client(), other, "mr-khan")
    assert stranger.get("/teach/banks/own-quality/questions").status_code == 404


def position_of(app: Flask, token: str, slug: str) -> int:
    with app.app_context():
        items = db.session.scalars(select(AttemptItem).join(Attempt).where(Attempt.token == token))
        return next(item.position for item in items if item.question_version.question.slug == slug)


def send_flag(client: FlaskClient, token: str, position: int, reason: str, comment: str = ""):  # type: ignore[no-untyped-def]
    page = soup(client.get(f"/attempts/{token}/result"))
    prefix = f"flag{position}"
    field = page.find("input", {"name": f"{prefix}-csrf_token"})
    assert field is not None, "no report form for this question"
    return client.post(f"/attempts/{token}/questions/{position}/flag",
                       data={field["name"]: field["value"], f"{prefix}-reason": reason,
                             f"{prefix}-comment": comment})


def test_a_learner_reports_a_problem_once_and_the_owner_closes_it(app, people, quality) -> None:
    owner = quality["teacher"]
    publish_own_bank(app, owner)
    classroom = people.classroom(owner, "Class 8C", "CCCCCC")
    assignment = people.assign(classroom, bank="own-quality")
    world = {"teacher": owner, "classroom": classroom, "assignment": assignment}
    (ayesha, token), (bilal, bilal_token) = class_of(app, people, world, 2, 8)
    client = people.sign_in(app.test_client(), ayesha, "learner-8")
    position = position_of(app, token, "bad-key")
    sent = send_flag(client, token, position, "wrong_key", "2021 is what the article says.")
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"#q{position}")
    result = soup(client.get(sent.headers["Location"]))
    assert "Thank you: the quiz's author will look at your report." in result.get_text()
    assert "You reported a problem with this question. Thank you." in result.select_one(
        f"#q{position}").get_text()
    assert result.select_one(f"#q{position} form[action$='/flag']") is None
    # A second attempt shows the same version: no second report.
    second = submit(app, ayesha, assignment, 8)
    assert soup(client.get(f"/attempts/{second}/result")).select_one(
        f"#q{position_of(app, second, 'bad-key')} details.report-problem") is None
    # Bilal sees nothing of Ayesha's report, and his own form is there.
    bilal_client = people.sign_in(app.test_client(), bilal, "learner-9")
    bilal_page = soup(bilal_client.get(f"/attempts/{bilal_token}/result")).get_text()
    assert "2021 is what the article says." not in bilal_page
    assert "Report a problem with this question" in bilal_page
    # The owner sees it beside the question's analysis, and closes it.
    teacher = people.sign_in(app.test_client(), owner, "ms-rana")
    page = soup(teacher.get("/teach/banks/own-quality/questions"))
    bad = card(page, "Which year does CoinDesk give")
    assert "The answer looks wrong" in bad.get_text()
    assert "2021 is what the article says." in bad.get_text()
    assert "Learner 8" in bad.get_text()
    form = bad.select_one("form[action*='/flags/']")
    closed = teacher.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    assert closed.status_code == 303
    page = soup(teacher.get(closed.headers["Location"]))
    assert "The report is closed." in page.get_text()
    assert "2021 is what the article says." not in page.get_text()
    with app.app_context():
        flag = db.session.scalar(select(QuestionFlag))
        assert flag.closed_by == owner and flag.closed_at is not None


def test_a_report_needs_a_reason_and_a_short_comment(app, people, quality) -> None:
    ((learner, token),) = class_of(app, people, quality, 1)
    client = people.sign_in(app.test_client(), learner, "learner-0")
    position = position_of(app, token, "first")
    refused = send_flag(client, token, position, "", "")
    assert refused.status_code == 422
    assert "This field is required." in soup(refused).select_one(f"#q{position}").get_text()
    too_long = send_flag(client, token, position, "unclear", "x" * 501)
    assert too_long.status_code == 422
    assert "Field cannot be longer than 500 characters." in soup(too_long).get_text()
    assert send_flag(client, token, position, "made_up").status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QuestionFlag)) == 0
    # The class's teacher may read the result, but reports nothing in the learner's name.
    teacher = people.sign_in(app.test_client(), quality["teacher"], "ms-rana")
    seen = soup(teacher.get(f"/attempts/{token}/result"))
    assert seen.select("details.report-problem") == []
    token_value = seen.find("input", {"name": "csrf_token"})["value"]
    assert teacher.post(f"/attempts/{token}/questions/{position}/flag", data={
        f"flag{position}-csrf_token": token_value, f"flag{position}-reason": "unclear"}).status_code == 404


def test_bundled_bank_flags_reach_only_the_teachers_of_the_learner(app, people, quality) -> None:
    other = people.account("mr-khan", "teacher", "Mr Khan")
    other_class = people.classroom(other, "Class 9", "CCCCCC")
    ((ayesha, token),) = class_of(app, people, quality, 1)
    ((bilal, bilal_token),) = class_of(app, people, {"teacher": other}, 1, 5,
                                       people.assign(other_class, bank="quality"), other_class)
    for learner, username, attempt, words in [(ayesha, "learner-0", token, "Ayesha's doubt"),
                                              (bilal, "learner-5", bilal_token, "Bilal's doubt")]:
        client = people.sign_in(app.test_client(), learner, username)
        assert send_flag(client, attempt, position_of(app, attempt, "bad-key"), "two_right",
                         words).status_code == 303
    rana = people.sign_in(app.test_client(), quality["teacher"], "ms-rana")
    khan = people.sign_in(app.test_client(), other, "mr-khan")
    rana_page = soup(rana.get("/teach/banks/quality/questions")).get_text()
    khan_page = soup(khan.get("/teach/banks/quality/questions")).get_text()
    assert "Ayesha's doubt" in rana_page and "Bilal's doubt" not in rana_page
    assert "Bilal's doubt" in khan_page and "Ayesha's doubt" not in khan_page
    assert "the problems reported by your own learners" in rana_page
    with app.app_context():
        ayesha_flag = db.session.scalar(select(QuestionFlag.id).where(QuestionFlag.account_id == ayesha))
    page = soup(rana.get("/teach/banks/quality/questions"))
    token_value = page.select_one("form[action*='/flags/'] input")["value"]
    assert khan.post(f"/teach/flags/{ayesha_flag}/close",
                     data={"csrf_token": token_value}).status_code in (400, 404)
    with app.test_request_context():
        assert problem_reports.close_flag(db.session, other, ayesha_flag) is None
        assert problem_reports.close_flag(db.session, quality["teacher"], ayesha_flag) == "quality"


def test_practice_without_an_account_reports_only_where_a_teacher_reads_it(app, people, quality) -> None:
    # A teacher's own bank: its teacher reads every report on it, so a signed-out learner may send one.
    publish_own_bank(app, quality["teacher"])
    client = app.test_client()
    with app.test_request_context(method="POST"):
        own = attempts.start_attempt(db.session, "own-quality")
        bundled = attempts.start_attempt(db.session, "quality")
        assert own is not None and bundled is not None
        for token in (own, bundled):
            attempts.submit_attempt(db.session, token, {}, allow_blanks=True)
    position = position_of(app, own, "easy")
    assert send_flag(client, own, position, "unclear").status_code == 303
    page = soup(client.get(f"/attempts/{own}/result"))
    assert "You reported a problem with this question. Thank you." in page.get_text()
    with app.app_context():
        flag = db.session.scalar(select(QuestionFlag))
        assert flag.account_id is None and flag.reason == "unclear" and flag.comment is None
    # A bundled bank's reports are read by the teachers of the reporter's classes: signed out, none.
    assert soup(client.get(f"/attempts/{bundled}/result")).select("form[action*='/flag']") == []


@pytest.fixture
def keep_every_scope(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts kept for scopes of any size; returns a list that says how each bank page was counted:
    "all" (every answer read) or "changes" (the kept counts, with the attempts in or out since)."""
    monkeypatch.setattr(item_reports, "KEEP_FROM", 1)
    caches.forget_item_counts()
    how: list[str] = []
    counted_all, counted_some = item_reports._ids_and_counts, item_reports._counts_of
    monkeypatch.setattr(item_reports, "_ids_and_counts",
                        lambda *args: how.append("all") or counted_all(*args))
    monkeypatch.setattr(item_reports, "_counts_of",
                        lambda *args: how.append("changes") or counted_some(*args))
    return how


def kept_and_afresh(app: Flask, teacher: int, slug: str = "quality") -> tuple[object, object]:
    """The bank page's analysis as the teacher sees it, from the kept counts, and counted afresh."""
    with app.test_request_context():
        bank = item_reports.teacher_bank(db.session, teacher, slug)
        assert bank is not None
        kept = item_reports.bank_page(db.session, teacher, bank).report
        with pytest.MonkeyPatch.context() as nothing_kept:
            nothing_kept.setattr(caches, "item_counts", lambda engine: caches.Shared(1))
            afresh = item_reports.bank_page(db.session, teacher, bank).report
    return kept, afresh


def test_kept_counts_take_in_a_new_submission(app, people, quality, keep_every_scope) -> None:
    class_of(app, people, quality, 10)
    kept, _ = kept_and_afresh(app, quality["teacher"])
    assert kept.learners == 10 and keep_every_scope == ["all", "all"]
    keep_every_scope.clear()
    assert kept_and_afresh(app, quality["teacher"])[0] == kept
    assert keep_every_scope == ["all"]  # the kept counts served; only the fresh count read all
    keep_every_scope.clear()
    class_of(app, people, quality, 2, start=10)
    kept, afresh = kept_and_afresh(app, quality["teacher"])
    assert keep_every_scope == ["changes", "all"]
    assert kept == afresh and kept.learners == 12
    assert kept.questions[0].stats.answered == 12


def test_kept_counts_let_go_of_a_deleted_assignment(app, people, quality, keep_every_scope) -> None:
    teacher = quality["teacher"]
    second_class = people.classroom(teacher, "Class 8C", "CCCCCC")
    second = people.assign(second_class, bank="quality")
    class_of(app, people, quality, 6)
    class_of(app, people, quality, 6, start=6, assignment=second, classroom=second_class)
    kept, _ = kept_and_afresh(app, teacher)
    assert kept.learners == 12
    with app.test_request_context(method="POST"):
        assignment = class_management.live_assignment(db.session, second_class, second)
        assert assignment is not None
        class_management.delete_assignment(db.session, assignment)
    keep_every_scope.clear()
    kept, afresh = kept_and_afresh(app, teacher)
    assert keep_every_scope == ["changes", "all"]
    assert kept == afresh and kept.learners == 6 and kept.more_needed == 4


def test_kept_counts_follow_a_learners_second_and_earlier_started_attempts(
        app, people, quality, keep_every_scope) -> None:
    teacher = quality["teacher"]
    made = class_of(app, people, quality, 11)
    kept, _ = kept_and_afresh(app, teacher)
    # A second attempt on the same assignment is not their first: nothing changes.
    submit(app, made[0][0], quality["assignment"], 11)
    keep_every_scope.clear()
    assert kept_and_afresh(app, teacher) == (kept, kept) and keep_every_scope == ["all"]
    # A learner in two of the teacher's classes starts the bank in one, then in the other,
    # and submits the later one first: it counts, until the earlier one is submitted.
    second_class = people.classroom(teacher, "Class 8C", "CCCCCC")
    second = people.assign(second_class, bank="quality")
    learner = people.account("learner-both", name="Learner Both")
    people.join(quality["classroom"], learner)
    people.join(second_class, learner)
    earlier = start(app, learner, quality["assignment"])
    send_answers(app, start(app, learner, second), 11)
    keep_every_scope.clear()
    kept, afresh = kept_and_afresh(app, teacher)
    assert keep_every_scope == ["changes", "all"] and kept == afresh and kept.learners == 12
    send_answers(app, earlier, 0)
    keep_every_scope.clear()
    changed, afresh = kept_and_afresh(app, teacher)
    assert keep_every_scope == ["changes", "changes", "all"]  # one attempt in, one out
    assert changed == afresh and changed.learners == 12 and changed != kept

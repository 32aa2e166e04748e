"""A whole live game in a real Chromium: five questions, one of each type, on the host screen and four
phones at 360 px: one without JavaScript, one in Urdu, one that reloads during a question, and one
that loses its connection for 10 s and comes back. Everyone ends with the right score and place."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import Account
from tests.conftest import People
from tests.helpers import RIGHT_ORDER
from tests.test_accessibility import violations
from tests.test_languages_browser import PHONE, _sign_in, sideways_scroll

pytestmark = pytest.mark.browser

AREAS = ["Bitcoin mining", "strategic reserves", "educational programs"]
# Each player's answers to the sample bank's five questions (single, true/false, number,
# multiple, order; the order question is worth 2 points, so 200).
ANSWERS: dict[str, list[object]] = {
    "ali": ["2021", "false", "6238", AREAS, RIGHT_ORDER],  # all right: 600
    "ayesha": ["2021", "false", "6238", AREAS[:2], RIGHT_ORDER],  # 500
    "bilal": ["2021", "true", "6000", ["football clubs"], RIGHT_ORDER],  # 300
    "dana": ["2019", "false", "6238", [*AREAS, "football clubs"], RIGHT_ORDER[::-1]],  # 200
}
# What the host's bars show at each reveal, in percent of the four answers (the bank's order of
# choices; True then False; right then wrong for the number and the order).
BARS = [["25", "0", "75", "0"], ["25", "75"], ["75", "25"], ["75", "75", "50", "50"], ["75", "25"]]
PLACES = {"ali": (1, 600), "ayesha": (2, 500), "bilal": (3, 300), "dana": (4, 200)}
WAIT = 15_000  # ms: a phone without JavaScript reloads every 2 s; live.js asks every second


@pytest.fixture
def moved_clock() -> Iterator[None]:
    yield
    clock.move(dt.timedelta(0))


def answer(phone: Page, position: int, given: object) -> None:
    """Fill in the phone's answer to the question at ``position`` and send it."""
    form = phone.locator("form.live-answer-form")
    if position in (1, 4):  # single, multiple: the choices' own words
        for words in given if isinstance(given, list) else [given]:
            form.locator("label", has_text=str(words)).locator("input").check()
    elif position == 2:
        form.locator(f"input[name=answer][value={given}]").check()
    elif position == 3:
        form.locator("input[name=answer]").fill(str(given))
    else:
        assert isinstance(given, list)
        for item in form.locator("ul.order li").all():
            item.locator("select").select_option(str(given.index(item.locator("label").inner_text()) + 1))
    form.locator("input[name=send]").click()
    expect(phone.locator(".live-status[role=status]")).to_be_visible()  # "Answer received."


def test_a_whole_game_on_the_projector_and_four_phones(app, browser, live_server: str, people: People,
                                                       moved_clock: None) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    asked: list[int] = []

    @app.after_request
    def count(response):  # type: ignore[no-untyped-def]
        from flask import request

        if request.endpoint == "live.changed":
            asked.append(response.status_code)
        return response

    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    # The phone without JavaScript (Ali's) last: its 2 s reloads run while the others answer.
    names = {"ayesha": "عائشہ", "bilal": "Bilal", "dana": "Dana", "ali": "Ali"}
    learners = {username: people.account(username, name=name) for username, name in names.items()}
    people.join(classroom, *learners.values())
    people.assign(classroom)
    with app.app_context():
        db.session.get(Account, learners["ayesha"]).language = "ur"
        db.session.commit()

    host = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    _sign_in(host, live_server, "ms-rana")
    host.goto(f"{live_server}/teach/classes/{classroom}/live")
    host.get_by_label("No timer: I move on myself").check()  # the teacher moves on: no waiting
    host.get_by_role("button", name="Open the game").click()
    expect(host.locator(".wall-join")).to_contain_text("Join the live game")

    contexts = {username: browser.new_context(viewport=PHONE, java_script_enabled=username != "ali")
                for username in names}
    phones = {username: context.new_page() for username, context in contexts.items()}
    for username, phone in phones.items():
        _sign_in(phone, live_server, username)
        phone.goto(live_server + "/")
        phone.locator(".live-invite a").click()
        phone.locator("input[name=join]").click()
        expect(phone.locator(".live-status")).to_be_visible()
    assert phones["ayesha"].locator("html").get_attribute("dir") == "rtl"
    expect(host.locator(".live-names li")).to_have_count(4, timeout=WAIT)  # the host screen reloads itself

    offset = dt.timedelta(0)
    went_offline = 0.0
    for position in range(1, 6):
        host.locator("input[name=start]" if position == 1 else "input[name=next]").click()
        # The click went through before the clock moves, so the question is asked at the old time.
        expect(host.locator(".live-progress")).to_have_text(f"Question {position} of 5")
        offset += dt.timedelta(seconds=6)  # past the question shown alone
        clock.move(offset)
        offline_since = None
        if position == 3:  # Dana's phone lost its connection at the last reveal (below)
            offline_since = went_offline
        for username, phone in phones.items():
            if username == "dana" and offline_since is not None:
                continue
            expect(phone.locator("form.live-answer-form")).to_be_visible(timeout=WAIT)
            assert sideways_scroll(phone) == 0
            if username == "ayesha" and position == 4:  # a page stays put while its learner chooses
                assert violations(phone) == []
            if username == "bilal" and position == 2:  # a reload in the middle of the question
                answer_field = phone.locator("input[name=answer][value=false]")
                answer_field.check()
                phone.reload()
                expect(phone.locator("form.live-answer-form")).to_be_visible()
            answer(phone, position, ANSWERS[username][position - 1])
        if offline_since is not None:
            expect(host.locator(".live-answered")).to_contain_text("3 of 4 have answered", timeout=WAIT)
            # Offline, the phone keeps the page it had (no error page), however the game moved.
            expect(phones["dana"].locator(".live-verdict")).to_be_visible()
            # Nothing changes for Ayesha now ("Answer received"): with JavaScript her page stays
            # put (live.js gets 304s), while Ali's, without, reloads itself every 2 s.
            reloads: list[int] = []
            phones["ayesha"].on("load", lambda _page, seen=reloads: seen.append(1))
            for _ in range(2):
                phones["ali"].wait_for_event("load", timeout=WAIT)
            assert reloads == []
            time.sleep(max(0.0, 10 - (time.monotonic() - offline_since)))  # the 10 s the issue names
            contexts["dana"].set_offline(False)
            back = time.monotonic()
            expect(phones["dana"].locator("form.live-answer-form")).to_be_visible(timeout=WAIT)
            assert time.monotonic() - back < 3  # asked again as soon as it was online, not after a back-off
            answer(phones["dana"], position, ANSWERS["dana"][position - 1])
        expect(host.locator(".live-answered")).to_contain_text("4 of 4 have answered", timeout=WAIT)
        host.locator("input[name=reveal]").click()
        meters = host.locator("meter.live-bar")
        expect(meters).to_have_count(len(BARS[position - 1]))
        assert [m.get_attribute("value") for m in meters.all()] == BARS[position - 1], position
        expect(host.locator(".live-evidence")).to_be_visible()
        if position == 4:
            assert violations(host) == []
        for username, phone in phones.items():
            right = ANSWERS[username][position - 1] == ANSWERS["ali"][position - 1]
            expect(phone.locator(".live-verdict.hit" if right else ".live-verdict.miss")).to_be_visible(
                timeout=WAIT)
        if position == 2:
            contexts["dana"].set_offline(True)
            went_offline = time.monotonic()

    host.locator("input[name=next]").click()  # "Show the podium"
    for place, username in enumerate(["ali", "ayesha", "bilal"], start=1):
        expect(host.locator(f".podium .place-{place}")).to_contain_text(names[username])
    expect(host.locator(".live-board li")).to_contain_text(["Dana"])
    for username, phone in phones.items():
        expect(phone.locator(".live-status")).to_be_visible(timeout=WAIT)
        place, points = PLACES[username]
        with app.test_request_context(), _locale(username):
            expected = _finished(place, points)
        expect(phone.locator(".live-status")).to_have_text(expected)
    # The phones with JavaScript (and the host screen) asked whether anything changed: 304 while
    # nothing had, and they reloaded when something had.
    assert 304 in asked and 200 in asked
    for context in contexts.values():
        context.close()
    host.context.close()


def _locale(username: str):  # type: ignore[no-untyped-def]
    from flask_babel import force_locale

    return force_locale("ur" if username == "ayesha" else "en")


def _finished(place: int, points: int) -> str:
    """The end's sentence on a phone, in the phone's language, as play.html writes it."""
    from flask import render_template_string

    return render_template_string(
        "{{ _('You finished in place %(place)s of %(players)s, with %(points)s.', place=number(place),"
        " players=number(4),"
        " points=ngettext('%(num)s point', '%(num)s points', points, num=number(points))) }}",
        place=place, points=points)

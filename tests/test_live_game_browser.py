"""A live game in a real Chromium: the host screen, a phone without JavaScript, a phone in Urdu."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import Account
from tests.conftest import People
from tests.test_languages_browser import PHONE, _sign_in, sideways_scroll

pytestmark = pytest.mark.browser


@pytest.fixture
def moved_clock() -> Iterator[None]:
    yield
    clock.move(dt.timedelta(0))


def test_a_question_played_on_the_projector_and_two_phones(app, browser, live_server: str, people: People,
                                                           moved_clock: None) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    not_modified: list[str] = []

    @app.after_request
    def count(response):  # type: ignore[no-untyped-def]
        if response.status_code == 304:
            not_modified.append(response.headers.get("ETag", ""))
        return response

    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    ali, ayesha = people.account("ali", name="Ali"), people.account("ayesha", name="عائشہ")
    people.join(classroom, ali, ayesha)
    people.assign(classroom)
    with app.app_context():
        urdu = db.session.get(Account, ayesha)
        urdu.language = "ur"
        db.session.commit()

    host = browser.new_context(viewport={"width": 1280, "height": 720}, java_script_enabled=False).new_page()
    _sign_in(host, live_server, "ms-rana")
    host.goto(f"{live_server}/teach/classes/{classroom}/live")
    host.get_by_role("button", name="Open the game").click()
    expect(host.locator(".wall-join")).to_contain_text("Join the live game")
    host_screen = host.url + "?still"  # the teacher's clicks here; the counts are read on reloads

    def show_host() -> None:
        """The host screen, stopped; its own reload (every second) may cut in once."""
        for attempt in range(3):
            try:
                host.goto(host_screen)
                return
            except PlaywrightError:
                if attempt == 2:
                    raise

    phones = {}
    for username in ("ali", "ayesha"):
        phone = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
        _sign_in(phone, live_server, username)
        phone.goto(live_server + "/")
        phone.locator(".live-invite a").click()
        phone.locator("input[name=join]").click()
        expect(phone.locator(".live-status")).to_be_visible()
        assert sideways_scroll(phone) == 0
        phones[username] = phone
    assert phones["ayesha"].locator("html").get_attribute("dir") == "rtl"

    show_host()
    expect(host.locator(".live-names li")).to_have_count(2)
    # Nothing changes in the lobby now: Ali's phone reloads itself (2 s) and is told 304. Its
    # first reload may still be the one that brings Ayesha's name (a 200): wait a few reloads.
    for _ in range(3):
        if not_modified:
            break
        phones["ali"].wait_for_event("load", timeout=10_000)
    assert not_modified
    host.get_by_role("button", name="Start").click()
    clock.move(dt.timedelta(seconds=6))  # past the question shown alone
    # The phones reload themselves (every 2 s) and show the choices.
    for phone in phones.values():
        expect(phone.locator("form.live-answer-form")).to_be_visible(timeout=10_000)
        assert sideways_scroll(phone) == 0
        send = phone.locator("input[name=send]").bounding_box()
        assert send is not None and send["x"] >= 0 and send["x"] + send["width"] <= PHONE["width"]
    phones["ali"].get_by_label("2021").check()
    phones["ali"].get_by_role("button", name="Send my answer").click()
    expect(phones["ali"].locator(".live-status")).to_contain_text("Answer received.")
    phones["ayesha"].locator("input[name=answer]").first.check()  # 2019: wrong
    phones["ayesha"].locator("input[name=send]").click()

    show_host()
    expect(host.locator(".live-answered")).to_contain_text("2 of 2 have answered")
    host.get_by_role("button", name="Reveal now").click()
    meters = host.locator("meter.live-bar")
    assert [meters.nth(i).get_attribute("value") for i in range(4)] == ["50", "0", "50", "0"]
    expect(host.locator(".live-evidence")).to_contain_text("El Salvador was the first country")
    expect(phones["ali"].locator(".live-verdict")).to_contain_text("Right!", timeout=10_000)
    expect(phones["ayesha"].locator(".live-verdict.miss")).to_be_visible(timeout=10_000)

    host.get_by_role("button", name="End the game").click()
    expect(host.locator(".podium .place-1")).to_contain_text("Ali")
    expect(phones["ali"].locator("h2")).to_contain_text("The game is over", timeout=10_000)
    expect(phones["ali"].locator(".live-score")).to_contain_text("place 1")
    # While nothing changes, the phones' reloads are answered 304 Not Modified, without a page: the
    # game is over, so the next reload (within 2 s) is one, however fast the steps above went.
    phones["ali"].wait_for_timeout(3_000)
    assert not_modified

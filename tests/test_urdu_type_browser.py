"""Urdu pages read right in a real Chromium: mixed pieces in the order they were written, and
Nastaliq headings that neither overlap nor leave their card, on phones of 320 to 390 px.

Positions are measured on screen (bounding boxes), never read from the HTML.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.services import attempts, classrooms
from tests.conftest import PASSWORD, PROJECT, People
from tests.helpers import post_form, whole_quiz_form
from tests.test_languages_browser import box

pytestmark = pytest.mark.browser

# Each heading style's successive lines: how much of a line's box the next may cover. Noto Nastaliq's
# boxes are about 2.47 em tall, for rare marks far above and below that its letters do not reach:
# a line height of 1.8 em (the headings') leaves 27 % of a box under the next line and reads
# cleanly; the score's old 1.1 left 55 %, and its words ran into each other.
MAX_LINE_OVERLAP = 0.3

_HEADING_LINES = """() => {
  const cards = '.score-card, .card, li.result, fieldset, article, .step, main';
  return [...document.querySelectorAll('h1, h2, h3, h4, legend, .score-line strong, .podium-name')]
    .filter(e => e.checkVisibility()).map(e => {
      // The heading's own words (a number badge beside them has boxes of its own size).
      const lines = [];
      for (const node of e.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange(); range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          const line = lines.find(l => Math.abs(l.top - r.top) < 2);
          if (line) { line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right); }
          else lines.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
        }
      }
      lines.sort((a, b) => a.top - b.top);
      let overlap = 0;
      for (let i = 1; i < lines.length; i++)
        overlap = Math.max(overlap, (lines[i - 1].bottom - lines[i].top) / (lines[i].bottom - lines[i].top));
      const card = (e.parentElement.closest(cards) || document.body).getBoundingClientRect();
      const outside = lines.some(l => l.left < card.left - 1 || l.right > card.right + 1);
      return {what: e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': '
                    + e.textContent.trim().slice(0, 30), overlap, outside};
    });
}"""


_READS_FIRST = """([a, b]) => {
  // In a right-to-left page, a piece reads before another if it starts on an earlier line, or on
  // the same line further right. A piece's start is its first box's right edge.
  const start = e => e.getClientRects()[0];
  const x = start(a), y = start(b);
  const sameLine = Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top) > 0;
  return sameLine ? x.right > y.right : x.top < y.top;
}"""


def reads_first(first, second) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``first`` is read before ``second`` on a right-to-left page, by where they are on screen."""
    return bool(first.page.evaluate(_READS_FIRST, [first.element_handle(), second.element_handle()]))


def heading_faults(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Headings whose lines overlap too much or that leave their card."""
    return [f"{h['what']} (overlap {h['overlap']:.2f}, outside {h['outside']})"
            for h in page.evaluate(_HEADING_LINES)
            if h["overlap"] > MAX_LINE_OVERLAP or h["outside"]]


@pytest.fixture
def urdu_pages(app, live_server: str, questions_dir, load_banks) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The custody bank in Urdu: the paths of a practice attempt submitted blank (its result) and
    of one just started (its quiz page)."""
    for suffix in ["", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"custody-and-keys{suffix}.yaml",
                        questions_dir / f"custody-and-keys{suffix}.yaml")
    load_banks()
    client = app.test_client()
    quiz = post_form(client, "/banks/custody-and-keys", {"start": "x"}).headers["Location"]
    whole_quiz_form(client, quiz)
    result = post_form(client, quiz, {"submit_with_blanks": "x"}).headers["Location"]
    return result, post_form(client, "/banks/custody-and-keys", {"start": "x"}).headers["Location"]


@pytest.mark.parametrize("width", [320, 360, 390])
def test_no_urdu_heading_overlaps_or_leaves_its_card(browser, live_server: str,
                                                     urdu_pages: tuple[str, str], width: int) -> None:
    result, quiz = urdu_pages
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="ur",
                                  java_script_enabled=False)
    page = context.new_page()
    faults = {}
    for name, path in [("result", result), ("home", "/"), ("bank", "/banks/custody-and-keys"),
                       ("source", "/sources/explainer-custody"), ("quiz", quiz)]:
        page.goto(live_server + path)
        faults[name] = heading_faults(page)
    assert faults == {name: [] for name in faults}
    context.close()


def test_mixed_pieces_read_in_the_order_they_were_written(app, browser, live_server: str,
                                                          people: People) -> None:
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher, "جماعت نہم ب")
    learner = people.account("ayesha", name="عائشہ خان")
    people.join(classroom, learner)
    assignment = people.assign(classroom, due_at=clock.now() + dt.timedelta(days=3), attempts_allowed=3)
    with app.app_context():
        token = classrooms.start_assignment(db.session, learner, assignment, clock.now())
        assert isinstance(token, str)
        attempts.submit_attempt(db.session, token, {1: ["2"]}, allow_blanks=True)
    context = browser.new_context(viewport={"width": 390, "height": 740}, locale="ur",
                                  java_script_enabled=False)
    page = context.new_page()

    def sign_in(username: str) -> None:
        page.goto(live_server + "/login")
        page.locator("input[name=login]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form input[type=submit]").click()

    # The learner's home: the due date, then the attempts used; right to left, in that order.
    sign_in("ayesha")
    meta = page.locator("ul.assignments li .meta").first
    due, used = meta.locator("bdi").nth(0), meta.locator("bdi").nth(1)
    assert reads_first(due, used) and not reads_first(used, due)
    # An English prompt on an Urdu page keeps its question mark at its end, on the right.
    page.goto(f"{live_server}/banks/sample")
    page.locator("main form input[type=submit]").first.click()
    prompt = page.locator("fieldset .prompt").first
    ends = prompt.evaluate("""e => { const t = e.querySelector('p').firstChild;
        const r = document.createRange(); r.setStart(t, t.length - 1); r.setEnd(t, t.length);
        const mark = r.getBoundingClientRect();
        const all = document.createRange(); all.selectNodeContents(e);
        const line = [...all.getClientRects()].filter(x => Math.abs(x.top - mark.top) < 2);
        return [t.textContent.trim().slice(-1), mark.right, Math.max(...line.map(x => x.right))]; }""")
    assert ends[0] == "?" and ends[1] >= ends[2] - 1  # the last piece of its line, at the right
    # The class report: "2/5 · 1 attempt" as written, the score first (rightmost), then the count.
    page.locator("form[action$='/logout'] button, form[action$='/logout'] input[type=submit]").first.click()
    sign_in("ms-rana")
    page.goto(f"{live_server}/teach/classes/{classroom}/report")
    cell = page.locator("table tbody td").first
    score, count = cell.locator("bdi").nth(0), cell.locator("bdi").nth(1)
    assert "/" in score.inner_text() and "1" in count.inner_text()
    assert reads_first(score, count) and not reads_first(count, score)
    # Inside the count, the number stays with its word: "1 کوشش", not split around the score.
    assert box(count)["x"] + box(count)["width"] <= box(score)["x"] + 1
    context.close()

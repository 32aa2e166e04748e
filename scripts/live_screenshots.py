"""The README's live game screenshots: the host screen at the reveal, and a phone showing a question.

A class of nine plays two questions of the bundled bank "el-salvador" on a throwaway SQLite
database; the game's moves go through the services, as the teacher's and learners' buttons would,
and Debian's Chromium photographs the running app:
  docs/screenshots/live-host-reveal.png  (1920 x 1080, the second question revealed: bars,
                                          evidence, the top five and who moved)
  docs/screenshots/live-phone.png        (360 x 740, a learner choosing the second question's answer)
Run: PYTHONPATH=. .venv/bin/python scripts/live_screenshots.py [--out docs/screenshots] [--urdu]
(--urdu also saves, to look at, the same phone in Urdu (live-phone-ur.png) and the host screen at
1280 x 720 in Urdu (live-host-ur-720.png); the README does not show them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from werkzeug.serving import make_server  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.commands.database import prepare  # noqa: E402
from quizapp.domain import clock  # noqa: E402
from quizapp.domain.grading import is_correct, read_response  # noqa: E402
from quizapp.domain.live_game import INTRO_SECONDS  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import Account, Classroom, LiveGame, Membership, QuestionVersion  # noqa: E402
from quizapp.services import classrooms, live_games  # noqa: E402
from quizapp.services.live_games import Control, Options  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BANK = "el-salvador"
LEARNERS = ["Ayesha Khan", "Bilal Ahmed", "Camila Flores", "Daniel Rivas", "Fatima Noor",
            "Hamza Iqbal", "José Martínez", "Sana Malik", "Valeria Cruz"]
PHOTOGRAPHED = 0  # Ayesha's phone: she has not answered the second question yet
# Who answers each of the two questions right (by their place in LEARNERS), so the board moves.
RIGHT = [{0, 1, 2, 4, 6, 8}, {0, 2, 3, 4, 5, 7, 8}]


def values_for(version: QuestionVersion, shown: list[int], right: bool, rng: random.Random) -> list[str]:
    """A single choice's form value: the right one, or one of the wrong ones."""
    fitting = [str(n) for n in range(len(shown))
               if is_correct(version.type, version.key,
                             read_response(version.type, version.key, shown, [str(n)]).value) == right]
    return [rng.choice(fitting)]


def play(app, rng: random.Random) -> tuple[int, int, list[int]]:  # type: ignore[no-untyped-def]
    """The class, its game, its first question revealed and the second open; (game, teacher, learners)."""
    with app.app_context():
        prepare(app)
        session = db.session
        teacher = Account(username="rana", display_name="Ms Rana", password_hash="x", role="teacher",
                          session_token="t")
        learners = [Account(username=f"learner{n}", display_name=name, password_hash="x",
                            role="learner", session_token=f"t{n}") for n, name in enumerate(LEARNERS)]
        session.add_all([teacher, *learners])
        session.commit()
        classroom = classrooms.create_classroom(session, teacher.id, "Class 8B")
        session.add_all(Membership(classroom_id=classroom, account_id=a.id) for a in learners)
        session.commit()
        game_id = live_games.create_game(session, teacher.id, classroom,
                                         Options(seconds=30, speed_bonus=True), bank_slug=BANK, rng=rng)
        assert game_id is not None
        game = session.get(LiveGame, game_id)
        # The bank's second question first: the one photographed at its reveal has short choices.
        game.questions = [game.questions[1], game.questions[0], *game.questions[2:5]]
        session.commit()
        for learner in learners:
            live_games.join(session, game, learner.id)
        offset = dt.timedelta(0)
        for position in (1, 2):
            session.expire_all()
            game = session.get(LiveGame, game_id)
            live_games.control(session, game, Control.START if position == 1 else Control.NEXT,
                               game.version, clock.now())
            offset += dt.timedelta(seconds=INTRO_SECONDS + 1)
            clock.move(offset)
            session.expire_all()
            game = session.get(LiveGame, game_id)
            entry = game.questions[position - 1]
            version = session.get(QuestionVersion, entry["version"])
            for n, learner in enumerate(learners):
                if position == 2 and n == PHOTOGRAPHED:
                    continue
                offset += dt.timedelta(seconds=rng.uniform(1, 3))  # answers come in over some seconds
                clock.move(offset)
                live_games.answer(session, game, learner.id, position,
                                  values_for(version, entry["shown"], n in RIGHT[position - 1], rng),
                                  None, clock.now())
            if position == 1:
                live_games.control(session, game, Control.REVEAL, game.version, clock.now())
        ids = [a.id for a in learners]
        return game_id, teacher.id, ids


def few_colours(path: Path) -> None:
    """The projector's gradient takes 800 KB as a PNG; in 128 colours it takes a tenth of that."""
    from PIL import Image

    with Image.open(path) as shot:
        image = shot.convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def cookie(app, account_id: int, token: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A signed-in session cookie, as the login page would set."""
    signer = app.session_interface.get_signing_serializer(app)
    return {"name": app.config["SESSION_COOKIE_NAME"], "value": signer.dumps(
        {"_user_id": f"{account_id}:{token}", "_fresh": True}), "url": ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "screenshots")
    parser.add_argument("--urdu", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "screenshots", "DATABASE_URL": f"sqlite:///{tmp}/live.sqlite",
                          "RATELIMIT_ENABLED": False})
        app.instance_path = tmp
        game_id, teacher_id, learners = play(app, random.Random(24))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=["--no-sandbox", "--disable-gpu"])
                phone = browser.new_context(viewport={"width": 360, "height": 740})
                phone.add_cookies([{**cookie(app, learners[PHOTOGRAPHED], f"t{PHOTOGRAPHED}"), "url": base}])
                page = phone.new_page()
                page.goto(f"{base}/live/{game_id}")
                page.locator("form.live-answer-form label").nth(0).click()  # she is choosing
                page.screenshot(path=args.out / "live-phone.png")
                if args.urdu:
                    with app.app_context():
                        db.session.get(Account, learners[PHOTOGRAPHED]).language = "ur"
                        db.session.commit()
                    page.goto(f"{base}/live/{game_id}")
                    page.screenshot(path=args.out / "live-phone-ur.png")
                with app.app_context():  # the last answer, then the teacher reveals it
                    game = db.session.get(LiveGame, game_id)
                    entry = game.questions[1]
                    version = db.session.get(QuestionVersion, entry["version"])
                    live_games.answer(db.session, game, learners[PHOTOGRAPHED], 2,
                                      values_for(version, entry["shown"], True, random.Random(1)),
                                      None, clock.now())
                    live_games.control(db.session, game, Control.REVEAL, game.version, clock.now())
                host = browser.new_context(viewport={"width": 1920, "height": 1080})
                host.add_cookies([{**cookie(app, teacher_id, "t"), "url": base}])
                screen = host.new_page()
                screen.goto(f"{base}/live/{game_id}/host")
                screen.screenshot(path=args.out / "live-host-reveal.png")
                few_colours(args.out / "live-host-reveal.png")
                if args.urdu:
                    with app.app_context():
                        game = db.session.get(LiveGame, game_id)
                        db.session.get(Classroom, game.classroom_id).language = "ur"
                        db.session.commit()
                    screen.set_viewport_size({"width": 1280, "height": 720})
                    screen.goto(f"{base}/live/{game_id}/host")
                    screen.screenshot(path=args.out / "live-host-ur-720.png")
                browser.close()
        finally:
            server.shutdown()
            with app.app_context():
                db.dispose()
    for name in ("live-host-reveal.png", "live-phone.png"):
        path = args.out / name
        print(f"{path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()

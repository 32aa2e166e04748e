"""Loading banks into the database: versions, all-or-nothing, and scores that never change."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Answer, Attempt, Bank, Question, QuestionVersion, Source, SourceTranslation
from quizapp.services import attempts, results
from tests.conftest import SEEDS, bank_yaml


def versions(app: Flask, slug: str) -> dict[str, list[int]]:
    """Each question's version numbers, by question id."""
    with app.app_context():
        rows = db.session.execute(
            select(Question.slug, QuestionVersion.number)
            .join(QuestionVersion, QuestionVersion.question_id == Question.id)
            .join(Bank).where(Bank.slug == slug).order_by(Question.slug, QuestionVersion.number))
        found: dict[str, list[int]] = {}
        for question, number in rows:
            found.setdefault(question, []).append(number)
        return found


def test_loading_stores_articles_banks_and_first_versions(app, sample_bank) -> None:
    assert versions(app, "sample") == {slug: [1] for slug in
                                       ["areas", "btc-held", "imf-subsidy", "legal-tender", "sequence"]}
    with app.app_context():
        seeds = sorted(path.stem for path in SEEDS.glob("*.md") if "." not in path.stem)
        assert sorted(db.session.scalars(select(Source.id))) == seeds
        translated = sorted(path.stem for path in SEEDS.glob("*.*.md"))
        stored = db.session.execute(select(SourceTranslation.source_id, SourceTranslation.language))
        assert sorted(f"{source}.{language}" for source, language in stored) == translated
        coindesk = db.session.get(Source, "coindesk")
        assert coindesk is not None and coindesk.publisher == "CoinDesk"


def test_reloading_unchanged_banks_makes_no_new_versions(app, sample_bank, load_banks) -> None:
    result = load_banks()
    assert "0 new question versions" in result.output
    assert versions(app, "sample")["legal-tender"] == [1]


def test_a_changed_question_gets_a_new_version_and_old_scores_stay(app, client, sample_bank,
                                                                   write_bank, load_banks) -> None:
    with app.test_request_context(method="POST"):
        token = attempts.start_attempt(db.session, "sample")
        assert token is not None
        answers = {1: ["0"], 2: ["false"], 3: ["6238"], 4: [], 5: []}
        outcome = attempts.submit_attempt(db.session, token, answers, allow_blanks=True)
        assert outcome.status is attempts.SubmitStatus.RECORDED

    # The teacher changes the answer of the number question and its points.
    write_bank(bank_yaml().replace("    answer: 6238\n", "    answer: 6240\n    points: 5\n"))
    assert "1 new question versions" in load_banks().output
    assert versions(app, "sample")["btc-held"] == [1, 2]

    with app.app_context():
        attempt = db.session.scalar(select(Attempt).where(Attempt.token == token))
        assert attempt is not None and (attempt.score, attempt.max_score) == (2, 6)
        result = results.attempt_result(db.session, token)
        assert result is not None
        number = result.questions[2]
        assert (number.right, number.correct, number.points) == ("6238", True, 1)


def test_a_learner_half_way_finishes_on_the_questions_they_were_shown(app, sample_bank, write_bank,
                                                                      load_banks) -> None:
    with app.test_request_context(method="POST"):
        token = attempts.start_attempt(db.session, "sample")
        assert token is not None
    write_bank(bank_yaml().replace("    answer: 6238\n", "    answer: 1\n"))
    load_banks()
    with app.test_request_context(method="POST"):
        outcome = attempts.submit_attempt(db.session, token, {3: ["6238"]}, allow_blanks=True)
        assert outcome.status is attempts.SubmitStatus.RECORDED
        result = results.attempt_result(db.session, token)
        assert result is not None and result.questions[2].correct


def test_a_bank_with_an_error_is_not_loaded_and_its_last_version_stays(app, sample_bank, write_bank,
                                                                       load_banks) -> None:
    broken = bank_yaml().replace("    answer: 6238\n", "    answer: lots\n").replace(
        "title: Sample bank", "title: Renamed")
    write_bank(broken)
    result = load_banks()
    assert "not loaded: " in result.output and "'answer' must be a number" in result.output
    with app.app_context():
        bank = db.session.scalar(select(Bank).where(Bank.slug == "sample"))
        assert bank is not None and (bank.title, bank.listed) == ("Sample bank", True)
    assert versions(app, "sample")["btc-held"] == [1]


def test_removed_questions_retire_and_removed_banks_unlist(app, sample_bank, write_bank,
                                                          questions_dir, load_banks) -> None:
    text = bank_yaml()
    write_bank(text[: text.index("  - id: sequence")])
    assert "1 questions retired" in load_banks().output
    with app.app_context():
        retired = db.session.scalar(select(Question.retired).where(Question.slug == "sequence"))
        assert retired is True
    (questions_dir / "sample.yaml").unlink()
    assert "no longer listed: sample" in load_banks().output
    with app.app_context():
        assert db.session.scalar(select(Bank.listed).where(Bank.slug == "sample")) is False
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_restoring_a_retired_question_reuses_its_identity(app, sample_bank, write_bank,
                                                          load_banks) -> None:
    text = bank_yaml()
    write_bank(text[: text.index("  - id: sequence")])
    load_banks()
    write_bank(text)
    load_banks()
    assert versions(app, "sample")["sequence"] == [1]

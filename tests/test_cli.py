"""The ``quizapp`` command as a teacher types it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.commands.validate import validate_command
from tests.conftest import SEEDS, bank_yaml

QUIZAPP = str(Path(sys.executable).with_name("quizapp"))


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    return subprocess.run([QUIZAPP, *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A teacher's folder: questions/ with one good bank, and the bundled seeds/."""
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "sample.yaml").write_text(bank_yaml(), encoding="utf-8")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def test_validate_a_good_folder(project: Path) -> None:
    result = run("validate", "questions", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "answer cues in en: the right answer is the longest choice in 0 of 1 single-choice "
        "questions (0 %, goal at most 30 %); the right answers are all shorter or all longer than "
        "the wrong ones in 0 of 1 multiple-answer questions (goal 0); warnings: 0\n"
        "answer patterns in en: the commonest is 3 right answers of 4 choices, in 1 of 1 "
        "multiple-answer questions (goal at most a third)\n"
        f"1 banks, 5 questions, 5 citations checked against {bundled_articles()} articles: no problems\n",
        "")


def bundled_articles() -> int:
    """How many articles seeds/ holds: its files that are not translations (<id>.<lang>.md)."""
    return sum(1 for path in SEEDS.glob("*.md") if "." not in path.stem)


def test_validate_warns_of_answer_cues_with_file_and_line_and_still_passes(project: Path) -> None:
    text = bank_yaml().replace("[2019, 2020, 2021, 2022]", "[2019, 2020, 2021 exactly, 2022]")
    text = text.replace("    answer: 2021\n", "    answer: 2021 exactly\n")
    (project / "questions" / "sample.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "questions", cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == [
        "questions/sample.yaml:4: sample/legal-tender: warning: the right answer is the longest choice "
        "by 20 % or more (12 characters, the next longest 4): a learner can guess it; shorten it or give "
        "a wrong choice as much detail",
        "answer cues in en: the right answer is the longest choice in 1 of 1 single-choice questions "
        "(100 %, goal at most 30 %); the right answers are all shorter or all longer than the wrong ones "
        "in 0 of 1 multiple-answer questions (goal 0); warnings: 1"]


def test_validate_reports_every_problem_of_every_file(project: Path) -> None:
    text = bank_yaml().replace("    answer: 6238\n", "    answer: lots\n")
    (project / "questions" / "sample.yaml").write_text(text, encoding="utf-8")
    (project / "questions" / "other.yaml").write_text("bank: other\n", encoding="utf-8")
    (project / "seeds" / "coindesk.md").write_text("no front matter\n", encoding="utf-8")
    result = run("validate", "questions", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "questions/other.yaml:1: other: the key 'title' is missing: add it",
        "questions/other.yaml:1: other: the key 'questions' is missing: add a list of questions",
        "questions/sample.yaml:11: sample/legal-tender: there is no article 'coindesk' in seeds: the "
        "articles there are " + ", ".join(sorted(path.stem for path in (project / "seeds").glob("*.md")
                                                  if path.stem != "coindesk" and "." not in path.stem))
        + ". An article added in the browser is kept in the app's database, not in this folder: save it "
        "there as coindesk.md, or check the bank in the browser (My banks), which knows your articles",
        "questions/sample.yaml:25: sample/btc-held: 'answer' must be a number, not 'lots'",
        "seeds/coindesk.md:1: coindesk: the article must start with a line '---', then its front "
        "matter (title: ...), then another '---' line, then the text",
    ]
    assert result.stderr == "5 problems in 3 files\n"


def test_validate_one_file(project: Path) -> None:
    result = run("validate", "questions/sample.yaml", cwd=project)
    assert result.returncode == 0, result.stdout


def test_validate_a_missing_path(project: Path) -> None:
    result = run("validate", "nowhere", cwd=project)
    assert result.returncode == 2
    assert "Path 'nowhere' does not exist" in result.stderr


def test_init_creates_the_database_and_loads_the_banks(project: Path) -> None:
    instance = project / "instance"
    env = {"QUIZAPP_INSTANCE": str(instance), "QUIZAPP_QUESTIONS_DIR": str(project / "questions"),
           "QUIZAPP_SEEDS_DIR": str(project / "seeds")}
    env.pop("DATABASE_URL", None)
    first = run("init", cwd=project, **env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "loaded 1 banks (5 new question versions, 0 questions retired)\n"
    assert (instance / "secret_key").stat().st_mode & 0o077 == 0
    with sqlite3.connect(instance / "quizapp.sqlite") as connection:
        assert connection.execute("select slug from bank").fetchall() == [("sample",)]
        assert connection.execute("pragma journal_mode").fetchone() == ("wal",)
    again = run("init", cwd=project, **env)
    assert again.stdout == "loaded 1 banks (0 new question versions, 0 questions retired)\n"


def test_init_skips_a_broken_bank_and_says_why(project: Path) -> None:
    (project / "questions" / "broken.yaml").write_text("bank: broken\ntitle: B\n", encoding="utf-8")
    env = {"QUIZAPP_INSTANCE": str(project / "instance"),
           "QUIZAPP_QUESTIONS_DIR": str(project / "questions"),
           "QUIZAPP_SEEDS_DIR": str(project / "seeds")}
    result = run("init", cwd=project, **env)
    assert result.returncode == 0
    assert result.stderr == ("not loaded: questions/broken.yaml:1: broken: the key 'questions' is "
                             "missing: add a list of questions\n")


@pytest.mark.parametrize(("lang", "expected"), [
    ("es_SV.UTF-8", "b.yaml:5: b/q: el tipo 'singel' no existe"),
    ("ur_PK.UTF-8", "b.yaml:5: b/q: قسم 'singel' نامعلوم ہے"),
    ("C", "b.yaml:5: b/q: unknown type 'singel'"),
    ("fr_FR.UTF-8", "b.yaml:5: b/q: unknown type 'singel'"),  # no French catalog: English
])
def test_validate_speaks_the_language_of_lang(tmp_path: Path, lang: str, expected: str) -> None:
    (tmp_path / "b.yaml").write_text("bank: b\ntitle: T\nquestions:\n  - id: q\n    type: singel\n")
    result = CliRunner(env={"LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}).invoke(
        validate_command, [str(tmp_path / "b.yaml"), "--seeds", str(SEEDS)])
    assert result.exit_code == 1
    assert expected in result.output

def test_the_instance_secret_key_is_private(app, tmp_path) -> None:
    import os
    import stat

    from quizapp.commands.database import ensure_secret_key

    old = os.umask(0o022)
    try:
        ensure_secret_key(app)
    finally:
        os.umask(old)
    key = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert len(key.read_text().strip()) >= 40

"""How long `quizapp validate` takes on 1,000 generated questions (goal: at most 300 ms).

Prints the time of the check itself (reading, parsing, checking every citation),
in process, and of the whole command as a teacher types it, startup included.
Run: .venv/bin/python bench/validate.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from quizapp.domain.catalog import read_catalog  # noqa: E402

QUESTIONS, BANKS = 1000, 10
QUOTES = [
    ("coindesk", "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."),
    ("ainvest", "The IMF has expressed concerns about the energy impact and regulatory risks"),
    ("islamabad-report", "As of July 2025, the country amassed 6,238 BTC"),
    ("forge-collaboration", "warning that such preferential pricing could distort the electricity market"),
]
BODIES = [
    "    type: single\n    choices: [first, second, third, fourth]\n    answer: third\n",
    "    type: multiple\n    choices: [a, b, c, d]\n    answer: [a, c]\n",
    "    type: true_false\n    answer: true\n",
    "    type: number\n    answer: 6238\n    tolerance: 2\n    unit: BTC\n",
    "    type: order\n    items: [one, two, three, four]\n",
]


def generate(folder: Path) -> None:
    """Write BANKS banks sharing QUESTIONS questions of every type, each citing an article."""
    per_bank = QUESTIONS // BANKS
    for b in range(BANKS):
        lines = [f"bank: bench-{b}\ntitle: Benchmark bank {b}\ntags: [bench]\nquestions:\n"]
        for q in range(per_bank):
            source, quote = QUOTES[q % len(QUOTES)]
            lines.append(
                f"  - id: q{q}\n    prompt: Question {q} of bank {b}, written out at a normal length?\n"
                f"    explanation: Because the article says so, in one sentence.\n"
                f"{BODIES[q % len(BODIES)]}    points: 2\n    difficulty: medium\n"
                f"    cite:\n      - source: {source}\n        quote: \"{quote}\"\n")
        (folder / f"bench-{b}.yaml").write_text("".join(lines), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "questions").mkdir()
        shutil.copytree(PROJECT / "seeds", root / "seeds")
        generate(root / "questions")
        catalog = read_catalog(root / "questions", root / "seeds")
        assert not catalog.problems and sum(len(b.questions) for b in catalog.banks) == QUESTIONS

        runs = []
        for _ in range(15):
            start = time.perf_counter()
            read_catalog(root / "questions", root / "seeds")
            runs.append((time.perf_counter() - start) * 1000)
        print(f"check of {QUESTIONS} questions in {BANKS} banks, in process: "
              f"median {statistics.median(runs):.0f} ms, best {min(runs):.0f} ms (15 runs)")

        command = [str(Path(sys.executable).with_name("quizapp")), "validate", "questions"]
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
            runs.append((time.perf_counter() - start) * 1000)
            assert result.returncode == 0, result.stdout + result.stderr
        print(f"the whole command, startup included: median {statistics.median(runs):.0f} ms, "
              f"best {min(runs):.0f} ms (7 runs)")
        print(f"goal: at most 300 ms; output: {result.stdout.strip()}")


if __name__ == "__main__":
    main()

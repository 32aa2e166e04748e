"""The stylesheets mirror for right-to-left pages and download no fonts."""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "quizapp" / "static"
# Every page's (style.css), learners' and teachers' (learner.css), teachers' only (teacher.css).
STYLE = "\n".join((STATIC / name).read_text(encoding="utf-8")
                  for name in ("style.css", "learner.css", "teacher.css"))


def test_only_logical_properties_no_left_or_right() -> None:
    # margin-inline-start, not margin-left; text-align: start, not left; and so on.
    assert re.findall(r"left|right", STYLE, flags=re.IGNORECASE) == []


def test_no_physical_four_sided_shorthands_that_differ_between_sides() -> None:
    # "margin: 0 1rem 0 2rem" sets the left and right apart: write margin-inline instead.
    for prop, value in re.findall(r"(?<![\w-])(margin|padding|inset|border-width)\s*:\s*([^;}]+)", STYLE):
        parts = value.split()
        assert len(parts) < 4 or parts[1] == parts[3], f"{prop}: {value}"


def test_urdu_gets_its_own_fonts_and_line_height_without_a_download() -> None:
    assert "@font-face" not in STYLE and "url(" not in STYLE
    assert '"Noto Nastaliq Urdu"' in STYLE and '"Noto Naskh Arabic"' in STYLE
    urdu = re.search(r":lang\(ur\)\{([^}]*)\}", STYLE)
    assert urdu is not None and "line-height:2" in urdu.group(1)

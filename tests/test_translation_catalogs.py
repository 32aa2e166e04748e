"""The Spanish and Urdu catalogs: complete, current with the code, and with placeholders that match."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parent.parent
CATALOGS = PROJECT / "quizapp" / "translations"
LANGUAGES = ["es", "ur"]


def read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def catalog_of(language: str):  # type: ignore[no-untyped-def]
    return read(CATALOGS / language / "LC_MESSAGES" / "messages.po")


def test_the_template_holds_every_message_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "msg", "-k", "lazy_gettext", "-k", "N_plural:1,2",
                    "-o", str(fresh), "quizapp"],
                   cwd=PROJECT, check=True, capture_output=True)
    kept = {message.id for message in read(CATALOGS / "messages.pot") if message.id}
    current = {message.id for message in read(fresh) if message.id}
    assert sorted(map(str, current - kept)) == [], "run scripts/translations update"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    template = {message.id for message in read(CATALOGS / "messages.pot") if message.id}
    catalog = catalog_of(language)
    translated = {message.id for message in catalog if message.id and (
        all(message.string) if isinstance(message.string, tuple) else message.string)}
    assert sorted(map(str, template - translated)) == []
    assert [message.id for message in catalog if message.id and message.fuzzy] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language: str) -> None:
    catalog = catalog_of(language)
    errors = [(message.id, [str(error) for error in found]) for message, found in catalog.check()]
    assert errors == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_check_passes(language: str) -> None:
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                             str(CATALOGS / language / "LC_MESSAGES" / "messages.po")],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")

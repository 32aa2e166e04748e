"""Build hook: compile the translation catalogs (messages.po -> messages.mo) on every install.

The compiled catalogs are build output, not kept in git; `pip install -e .` and a
wheel build both run build_py, so a fresh checkout gets them with the README's commands.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGS = Path(__file__).resolve().parent / "quizapp" / "translations"


def compile_catalogs() -> None:
    """Write messages.mo beside every messages.po."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(CATALOGS.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)


class BuildWithCatalogs(build_py):
    """build_py that compiles the catalogs first, so they are packaged (or linked) with the code."""

    def run(self) -> None:
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})

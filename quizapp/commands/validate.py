"""``quizapp validate``: check bank files and the articles they cite. Needs no Flask, no database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from quizapp.config import DefaultConfig
from quizapp.domain.answer_cues import measure_catalog
from quizapp.domain.bank_translation import is_translation_file, with_fingerprints
from quizapp.domain.catalog import Catalog, bank_files, read_catalog
from quizapp.web.message_catalogs import command_line_catalog


def _default_seeds(target: Path) -> Path:
    folder = target if target.is_dir() else target.parent
    beside = folder.parent / "seeds"
    return beside if beside.is_dir() else Path(DefaultConfig.SEEDS_DIR)


@click.command("validate")
@click.argument("target", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source articles (default: the seeds/ beside the banks' folder).")
@click.option("--fill-fingerprints", is_flag=True,
              help="Add the missing 'translates:' fingerprint to every translated question.")
def validate_command(target: Path | None, seeds: Path | None, fill_fingerprints: bool) -> None:
    """Check bank files and their translations (a file or a folder) and the articles they cite.

    Exits 1 on any problem; out-of-date translated questions are noted, not problems, and so are
    answer cues (a right answer a learner could guess from its length or its words), with their
    figures per language.
    """
    target = target or Path(DefaultConfig.QUESTIONS_DIR)
    catalog = read_catalog(target, seeds or _default_seeds(target))
    translations = command_line_catalog()
    if fill_fingerprints:
        _fill_fingerprints(target, catalog, translations.gettext)
        catalog = read_catalog(target, seeds or _default_seeds(target))
    for notice in catalog.notices:
        click.echo(notice.render(translations.gettext))
    # Cues are warnings: printed for the banks that loaded, and never change the exit status.
    for warnings, figures in measure_catalog(catalog):
        for warning in warnings:
            click.echo(warning.render(translations.gettext))
        click.echo(figures.summary().render(translations.gettext))
        click.echo(figures.pattern_summary().render(translations.gettext))
    if catalog.problems:
        for problem in catalog.problems:
            click.echo(problem.render(translations.gettext))
        files = len({problem.path for problem in catalog.problems})
        count = len(catalog.problems)
        problems = translations.ngettext("%(num)d problem", "%(num)d problems", count) % {"num": count}
        where = translations.ngettext("in %(num)d file", "in %(num)d files", files) % {"num": files}
        click.echo(f"{problems} {where}", err=True)
        sys.exit(1)
    click.echo(catalog.summary().render(translations.gettext))


def _fill_fingerprints(target: Path, catalog: Catalog, gettext: Callable[[str], str]) -> None:
    banks = {bank.id: bank for bank in catalog.banks}
    for path in bank_files(target):
        if not is_translation_file(path.stem):
            continue
        text = path.read_text(encoding="utf-8-sig")
        filled = with_fingerprints(text, banks)
        if filled != text:
            path.write_text(filled, encoding="utf-8")
            added = filled.count("\n") - text.count("\n")
            click.echo(gettext("%(file)s: added %(count)d fingerprints") % {"file": path, "count": added},
                       err=True)

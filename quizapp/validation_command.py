"""``quizapp validate``: check bank files and the articles they cite. Needs no Flask, no database."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizapp.config import DefaultConfig
from quizapp.domain.catalog import read_catalog
from quizapp.message_catalogs import command_line_catalog


def _default_seeds(target: Path) -> Path:
    folder = target if target.is_dir() else target.parent
    beside = folder.parent / "seeds"
    return beside if beside.is_dir() else Path(DefaultConfig.SEEDS_DIR)


@click.command("validate")
@click.argument("target", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source articles (default: the seeds/ beside the banks' folder).")
def validate_command(target: Path | None, seeds: Path | None) -> None:
    """Check bank files (a file or a folder) and the articles they cite; exit 1 on any problem."""
    target = target or Path(DefaultConfig.QUESTIONS_DIR)
    catalog = read_catalog(target, seeds or _default_seeds(target))
    translations = command_line_catalog()
    if catalog.problems:
        for problem in catalog.problems:
            click.echo(problem.render(translations.ugettext))
        files = len({problem.path for problem in catalog.problems})
        count = len(catalog.problems)
        problems = translations.ungettext("%(num)d problem", "%(num)d problems", count) % {"num": count}
        where = translations.ungettext("in %(num)d file", "in %(num)d files", files) % {"num": files}
        click.echo(f"{problems} {where}", err=True)
        sys.exit(1)
    click.echo(catalog.summary().render(translations.ugettext))

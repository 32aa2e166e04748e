"""``quizapp check``: every stored derived figure (scores, attempt counts, class totals) checked."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from quizapp.commands.translated import gettext
from quizapp.extensions import db


@click.command("check")
@with_appcontext
def check_command() -> None:
    """Check class totals, best scores and attempt counts against the attempts they come from."""
    from quizapp.services.integrity import check_derived_figures

    found = check_derived_figures(db.session)
    for difference in found.differences:
        click.echo(difference.render(gettext))
    if found.differences:
        click.echo(gettext("%(count)s stored figures differ from the rows they come from")
                   % {"count": len(found.differences)}, err=True)
        sys.exit(1)
    click.echo(gettext("every figure matches: %(scores)s best scores and %(totals)s class totals "
                       "checked") % {"scores": found.best_scores, "totals": found.totals})

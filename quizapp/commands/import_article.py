"""``quizapp import-article``: turn a saved web page into a ``seeds/`` article to review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizapp.config import DefaultConfig
from quizapp.domain.article_extraction import (
    NotAnArticle,
    article_markdown,
    extract_article,
    suggested_source_id,
)
from quizapp.domain.identifiers import id_problem
from quizapp.domain.messages import msg
from quizapp.web.message_catalogs import command_line_catalog


@click.command("import-article")
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", default=None,
              help="The source id citations will use; made from the headline and date if left out.")
@click.option("-o", "--output", default=None,
              help="Where to write the article: a file, or - for the screen. "
                   "Default: seeds/<id>.md in the current folder.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_article_command(page: Path, source_id: str | None, output: str | None,
                           force: bool) -> None:
    """Read PAGE (saved from a browser as "HTML only") and write it as an article to review."""
    _ = command_line_catalog().gettext
    data = page.read_bytes()
    if len(data) > DefaultConfig.SAVED_PAGE_MAX_BYTES:
        raise click.ClickException(_("%(page)s is larger than 5 MiB: save the page as "
                                     "\"HTML only\"") % {"page": page})
    try:
        article = extract_article(data)
    except NotAnArticle as problem:
        raise click.ClickException(f"{page}: {problem.message.render(_)}") from None
    source_id = source_id or suggested_source_id(article.title, article.published)
    wrong = id_problem(source_id, msg("the source id"))
    if wrong:
        raise click.ClickException(_("%(problem)s: choose another with --id")
                                   % {"problem": wrong.render(_)})
    text = article_markdown(article)
    if output == "-":
        sys.stdout.write(text)
    else:
        target = Path(output) if output else Path("seeds") / f"{source_id}.md"
        if target.exists() and not force:
            raise click.ClickException(_("%(file)s exists: choose another --id or --output, "
                                         "or add --force to replace it") % {"file": target})
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        click.echo(_("wrote %(file)s (%(words)s words)")
                   % {"file": target, "words": f"{len(article.body.split()):,}"}, err=True)
    for note in article.notes:
        click.echo(_("check: %(note)s") % {"note": note.render(_)}, err=True)
    if article.missing:
        click.echo(_("the page did not say: %(fields)s; those fields are left out, add them if "
                     "you know them") % {"fields": ", ".join(article.missing)}, err=True)
    click.echo(_("review the article against the page before citing it: the text and every "
                 "field, then run quizapp validate"), err=True)

"""Source articles: ``seeds/<source-id>.md`` files with YAML front matter, then the text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quizapp.domain.field_checks import FieldReader
from quizapp.domain.identifiers import id_problem
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem, in_file_order
from quizapp.domain.yaml_reader import Mapping, YamlProblem, decode_text, read_yaml

ARTICLE_KEYS = ("title", "publisher", "published", "url", "language")
MAX_TITLE_LENGTH = 300


@dataclass(frozen=True)
class Article:
    """A source article as teachers cite it; unknown metadata stays None, never guessed."""

    id: str
    title: str
    body: str
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"


def parse_article(path: str, source_id: str, data: bytes) -> tuple[Article | None, list[Problem]]:
    """Parse one article file; return the article, or None and every problem found."""
    problems: list[Problem] = []
    reader = FieldReader(path, source_id, problems)
    message = id_problem(source_id, msg("the source id (the file name)"))
    if message:
        reader.problem(1, msg("%(problem)s: rename the file", problem=message))
    try:
        text = decode_text(data)
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None, problems

    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        reader.problem(1, msg("the article must start with a line '---', then its front matter "
                              "(title: ...), then another '---' line, then the text"))
        return None, problems
    closing = next((n for n in range(1, len(lines)) if lines[n].rstrip() == "---"), None)
    if closing is None:
        reader.problem(1, msg("the front matter is not closed: add a line '---' after it"))
        return None, problems

    front_text = "\n".join(lines[1:closing])
    try:
        front = read_yaml("\n" + front_text)  # the leading newline keeps line numbers true
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None, problems
    if not isinstance(front, Mapping):
        reader.problem(2, msg("the front matter must be keys such as 'title: ...'"))
        return None, problems

    reader.check_keys(front, ARTICLE_KEYS, msg("an article's front matter"))
    title = reader.text(front, "title", required=True, max_length=MAX_TITLE_LENGTH)
    publisher = reader.text(front, "publisher", required=False, max_length=200)
    url = reader.text(front, "url", required=False, max_length=2000)
    if url is not None and not url.startswith(("https://", "http://")):
        reader.problem(reader.line_of(front, "url"),
                       msg("'url' %(url)r must be a web address starting with https://", url=url))
    published = _read_date(reader, front)
    language = reader.language(front)
    body = "\n".join(lines[closing + 1:]).strip("\n")
    if not body.strip():
        reader.problem(closing + 1, msg("the article has no text after the front matter: paste it"))
    if problems or title is None:
        return None, in_file_order(problems)
    return Article(source_id, title, body, publisher, published, url, language), problems


def _read_date(reader: FieldReader, front: Mapping) -> dt.date | None:
    value = reader.text(front, "published", required=False)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        reader.problem(reader.line_of(front, "published"),
                       msg("'published' %(value)r is not a date: write it as YYYY-MM-DD, or "
                           "leave the key out when the date is unknown", value=value))
        return None

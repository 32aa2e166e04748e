"""Sources: ``seeds/<source-id>.md`` files with YAML front matter, then the text.

A source is a news article (the default) or an explainer the team wrote for quizapp in
its own words (``kind: explainer``), which names the references its facts come from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quizapp.domain.field_checks import FieldReader, describe
from quizapp.domain.identifiers import id_problem
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem, in_file_order
from quizapp.domain.yaml_reader import Mapping, Sequence, YamlProblem, decode_text, read_yaml

ARTICLE_KEYS = ("title", "kind", "publisher", "published", "url", "language", "references")
REFERENCE_KEYS = ("title", "publisher", "url", "accessed")
KINDS = ("article", "explainer")
MAX_TITLE_LENGTH = 300
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Reference:
    """A public source an explainer's facts come from."""

    title: str
    publisher: str
    url: str
    accessed: dt.date


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
    kind: str = "article"
    references: tuple[Reference, ...] = ()


def title_given_by_quizapp(title: str) -> bool:
    """Whether a title is in square brackets: given by quizapp to a page that had none."""
    return title.startswith("[") and title.endswith("]")


def parse_article(path: str, source_id: str, data: bytes) -> tuple[Article | None, list[Problem]]:
    """Parse one article file; return the article, or None and every problem found."""
    problems: list[Problem] = []
    reader = FieldReader(path, source_id, problems)
    message = id_problem(source_id, msg("the source id (the file name)"))
    if message:
        reader.problem(1, msg("%(problem)s: rename the file", problem=message))
    read = read_front_matter(reader, data)
    if read is None:
        return None, problems
    front, body, closing = read

    reader.check_keys(front, ARTICLE_KEYS, msg("an article's front matter"))
    title = reader.text(front, "title", required=True, max_length=MAX_TITLE_LENGTH)
    publisher = reader.text(front, "publisher", required=False, max_length=200)
    url = _read_url(reader, front, required=False)
    published = _read_date(reader, front, "published")
    language = reader.language(front)
    kind = _read_kind(reader, front)
    references = _read_references(reader, front, kind)
    if not body.strip():
        reader.problem(closing + 1, msg("the article has no text after the front matter: paste it"))
    if problems or title is None:
        return None, in_file_order(problems)
    return Article(source_id, title, body, publisher, published, url, language,
                   kind or "article", references), problems


def read_front_matter(reader: FieldReader, data: bytes) -> tuple[Mapping, str, int] | None:
    """A source file's front matter, its text, and the line of the closing '---'.

    None when the file cannot be read so far (each reason reported to ``reader``).
    """
    try:
        text = decode_text(data)
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        reader.problem(1, msg("the article must start with a line '---', then its front matter "
                              "(title: ...), then another '---' line, then the text"))
        return None
    closing = next((n for n in range(1, len(lines)) if lines[n].rstrip() == "---"), None)
    if closing is None:
        reader.problem(1, msg("the front matter is not closed: add a line '---' after it"))
        return None
    try:
        front = read_yaml("\n" + "\n".join(lines[1:closing]))  # the leading newline keeps line numbers true
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None
    if not isinstance(front, Mapping):
        reader.problem(2, msg("the front matter must be keys such as 'title: ...'"))
        return None
    return front, "\n".join(lines[closing + 1:]).strip("\n"), closing


def _read_date(reader: FieldReader, front: Mapping, key: str, *,
               required: bool = False) -> dt.date | None:
    value = reader.text(front, key, required=required)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        reader.problem(reader.line_of(front, key),
                       msg("%(key)r %(value)r is not a date: write it as YYYY-MM-DD, or "
                           "leave the key out when the date is unknown", key=key, value=value)
                       if not required else
                       msg("%(key)r %(value)r is not a date: write it as YYYY-MM-DD", key=key,
                           value=value))
        return None


def _read_url(reader: FieldReader, mapping: Mapping, *, required: bool) -> str | None:
    """A web address; reported unless it starts with https:// or http://."""
    url = reader.text(mapping, "url", required=required, max_length=2000)
    if url is not None and not url.startswith(("https://", "http://")):
        reader.problem(reader.line_of(mapping, "url"),
                       msg("'url' %(url)r must be a web address starting with https://", url=url))
    return url


def _read_kind(reader: FieldReader, front: Mapping) -> str | None:
    """The source's kind; None when it is not one (already reported)."""
    value = reader.text(front, "kind", required=False)
    if value is None:
        return "article"
    if value not in KINDS:
        reader.problem(reader.line_of(front, "kind"),
                       msg("'kind' %(value)r must be article (a news article, the default) or "
                           "explainer (a text written for quizapp)", value=value))
        return None
    return value


def _read_references(reader: FieldReader, front: Mapping, kind: str | None) -> tuple[Reference, ...]:
    found = front.get("references")
    if kind is None:  # the kind is wrong: which rule applies is unknown
        return ()
    if kind != "explainer":
        if found is not None:
            reader.problem(found[0].line, msg("'references' belong to an explainer: add 'kind: "
                                              "explainer', or remove them from a news article"))
        return ()
    if found is None:
        reader.problem(reader.line_of(front, "kind"),
                       msg("an explainer needs 'references': list where its facts come from, each "
                           "with title, publisher, url and accessed"))
        return ()
    key_node, value = found
    if not isinstance(value, Sequence) or not value.items:
        reader.problem(key_node.line, msg("'references' must be a list of at least one reference "
                                          "(- title: ... publisher: ... url: ... accessed: ...)"))
        return ()
    if len(value.items) > MAX_REFERENCES:
        reader.problem(key_node.line, msg("an explainer has at most %(limit)d references",
                                          limit=MAX_REFERENCES))
        return ()
    references = []
    for entry in value.items:
        if not isinstance(entry, Mapping):
            reader.problem(entry.line, msg("each reference must have the keys title, publisher, "
                                           "url and accessed, not be %(found)s", found=describe(entry)))
            continue
        before = len(reader.problems)
        reader.check_keys(entry, REFERENCE_KEYS, msg("a reference"))
        title = reader.text(entry, "title", required=True, max_length=MAX_TITLE_LENGTH)
        publisher = reader.text(entry, "publisher", required=True, max_length=200)
        url = _read_url(reader, entry, required=True)
        accessed = _read_date(reader, entry, "accessed", required=True)
        if len(reader.problems) == before and title and publisher and url and accessed:
            references.append(Reference(title, publisher, url, accessed))
    return tuple(references)

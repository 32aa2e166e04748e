"""Translations of a source: ``seeds/<source-id>.<lang>.md``, the whole text in another language.

A translation records which version of its source it translates (``translates``, a short
fingerprint of the source's title and paragraphs). It says the same paragraph for paragraph,
so it must have as many paragraphs as the source. Quotes are always checked against the
original; a bank translation's gloss of a quote from the source must be a passage of the
source's translation in that language, so the learner's page can highlight it there.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from quizapp.domain.articles import MAX_TITLE_LENGTH, Article, read_front_matter
from quizapp.domain.citations import normalise, quote_occurs
from quizapp.domain.field_checks import FieldReader
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem, in_file_order

TRANSLATION_KEYS = ("translation_of", "language", "title", "translates")
FINGERPRINT_LENGTH = 8
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class SourceTranslation:
    """A checked translation of a source; ``out_of_date`` when the source changed since."""

    source_id: str
    language: str
    title: str
    body: str
    translates: str
    out_of_date: bool = False
    line: int = 1


def is_source_translation_file(stem: str) -> bool:
    """True for ``<source-id>.<lang>`` file stems, the names translations of a source take."""
    return "." in stem


def paragraphs(body: str) -> list[str]:
    """A text's paragraphs: the runs of lines between blank lines."""
    return [part.strip() for part in _BLANK_LINES.split(body.strip()) if part.strip()]


def source_fingerprint(article: Article) -> str:
    """A short fingerprint of a source's words: its title and its paragraphs, normalised."""
    words = {"title": normalise(article.title),
             "paragraphs": [normalise(part) for part in paragraphs(article.body)]}
    canonical = json.dumps(words, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def parse_source_translation(path: str, stem: str | None, data: bytes, sources: dict[str, Article]
                             ) -> tuple[SourceTranslation | None, list[Problem], list[Problem]]:
    """Check a translation of a source: (translation, problems, notices).

    ``stem`` is the file's name without ``.md``, which must be ``<source-id>.<language>``; None
    for pasted text, which has no name to check.

    Problems are mistakes (the translation is not loaded); a notice says the translation is
    out of date (it loads, and learners read the original until it is brought up to date).
    """
    problems: list[Problem] = []
    notices: list[Problem] = []
    reader = FieldReader(path, stem or "translation", problems)
    read = read_front_matter(reader, data)
    if read is None:
        return None, problems, notices
    front, body, closing = read
    reader.check_keys(front, TRANSLATION_KEYS, msg("a source translation's front matter"),
                      misplaced={key: msg("%(key)r comes from the original source: a translation "
                                          "gives only translation_of, language, title and "
                                          "translates", key=key)
                                 for key in ("publisher", "published", "url", "references", "kind")})
    source_id = reader.text(front, "translation_of", required=True)
    language = reader.language(front) if front.get("language") is not None else None
    if language is None:
        reader.problem(1, msg("add 'language:', the language of this translation (es, ur, ...)"))
    title = reader.text(front, "title", required=True, max_length=MAX_TITLE_LENGTH)
    original = sources.get(source_id) if source_id else None
    if source_id is not None and original is None:
        reader.problem(reader.line_of(front, "translation_of"),
                       msg("there is no source %(source)r to translate: name a source of the "
                           "seeds folder", source=source_id))
    if original is not None and language is not None:
        _check_name_and_language(reader, stem, original, language)
    if not body.strip():
        reader.problem(closing + 1, msg("the translation has no text after the front matter"))
    if problems or original is None or language is None or title is None:
        return None, in_file_order(problems), notices
    current = source_fingerprint(original)
    translates = reader.text(front, "translates", required=False)
    if translates is None:
        reader.problem(1, msg("add 'translates: %(fingerprint)s': it records which version of "
                              "the source this translates", fingerprint=current))
        return None, problems, notices
    if translates != current:
        notices.append(Problem(path, reader.line_of(front, "translates"), reader.subject, msg(
            "out of date: %(source)r changed since this was translated; learners read the original "
            "until the translation follows it and 'translates' is set to %(fingerprint)s",
            source=original.id, fingerprint=current)))
    elif len(paragraphs(body)) != len(paragraphs(original.body)):
        reader.problem(closing + 1, msg(
            "the translation has %(count)d paragraphs and the source %(expected)d: translate it "
            "paragraph for paragraph, with a blank line between paragraphs",
            count=len(paragraphs(body)), expected=len(paragraphs(original.body))))
        return None, problems, notices
    return (SourceTranslation(original.id, language, title, body, translates, translates != current),
            problems, notices)


def _check_name_and_language(reader: FieldReader, stem: str | None, original: Article,
                             language: str) -> None:
    if language.split("-")[0] == original.language.split("-")[0]:
        reader.problem(1, msg("%(source)r is written in %(language)s already: a translation is "
                              "in another language", source=original.id, language=language))
    elif stem is not None and stem != f"{original.id}.{language}":
        reader.problem(1, msg("the file name must be %(name)s, the source's id and the "
                              "translation's language", name=f"{original.id}.{language}.md"))


def gloss_found(translation: SourceTranslation, gloss: str) -> bool:
    """Whether a bank translation's gloss is a passage of the source's translation (as a quote
    is of its source: the normalised translation is kept, not made again for every gloss)."""
    return quote_occurs(translation.body, gloss)


def translation_template(original: Article, language: str) -> str:
    """A translation file to fill in: the front matter filled, then the original's paragraphs to
    replace one by one with their translation."""
    front = (f"---\ntranslation_of: {original.id}\nlanguage: {language}\n"
             f"title: {json.dumps(original.title, ensure_ascii=False)}\n"
             f"translates: {source_fingerprint(original)}\n---\n")
    return front + "\n\n".join(paragraphs(original.body)) + "\n"

"""Read a folder of banks and a folder of articles, and check every citation against its article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.domain.articles import Article, parse_article
from quizapp.domain.bank_format import Bank, CitationCheck, parse_bank
from quizapp.domain.bank_translation import Translation, is_translation_file, parse_translation
from quizapp.domain.citations import closest_passage, quote_occurs
from quizapp.domain.identifiers import did_you_mean
from quizapp.domain.messages import Message, msg
from quizapp.domain.problems import Problem, in_file_order
from quizapp.domain.source_translation import (
    SourceTranslation,
    gloss_found,
    is_source_translation_file,
    parse_source_translation,
)
from quizapp.domain.yaml_reader import MAX_FILE_BYTES


@dataclass
class Catalog:
    """What was read: the articles and banks that passed every check, and every problem found."""

    articles: dict[str, Article] = field(default_factory=dict)
    banks: list[Bank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bank_files: dict[str, str] = field(default_factory=dict)
    bank_texts: dict[str, str] = field(default_factory=dict)  # each valid bank's file, as text
    translations: list[Translation] = field(default_factory=list)
    translation_texts: dict[tuple[str, str], str] = field(default_factory=dict)
    notices: list[Problem] = field(default_factory=list)  # out-of-date translated questions
    translation_files: dict[tuple[str, str], str] = field(default_factory=dict)  # (bank, lang): path
    source_translations: list[SourceTranslation] = field(default_factory=list)

    def summary(self) -> Message:
        """One line saying what was checked."""
        questions = sum(len(bank.questions) for bank in self.banks)
        citations = sum(len(q.citations) for bank in self.banks for q in bank.questions)
        if self.translations:
            return msg("%(banks)d banks, %(questions)d questions, %(citations)d citations checked "
                       "against %(articles)d articles, %(translations)d translations: no problems",
                       banks=len(self.banks), questions=questions, citations=citations,
                       articles=len(self.articles), translations=len(self.translations))
        return msg("%(banks)d banks, %(questions)d questions, %(citations)d citations checked "
                   "against %(articles)d articles: no problems", banks=len(self.banks),
                   questions=questions, citations=citations, articles=len(self.articles))


def display_path(path: Path) -> str:
    """A path as the teacher typed it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_articles(seeds_dir: Path) -> tuple[dict[str, Article], list[Problem]]:
    """Parse every ``*.md`` article in ``seeds_dir`` (translations of them apart)."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    for path in sorted(seeds_dir.glob("*.md")):
        if path.name.lower() == "readme.md" or is_source_translation_file(path.stem):
            continue
        article, found = parse_article(display_path(path), path.stem, read_limited(path))
        problems.extend(found)
        if article is not None:
            articles[article.id] = article
    return articles, problems


def read_source_translations(seeds_dir: Path, articles: dict[str, Article]
                             ) -> tuple[list[SourceTranslation], list[Problem], list[Problem]]:
    """Parse every ``<source-id>.<lang>.md`` in ``seeds_dir``: (translations, problems, notices)."""
    translations: list[SourceTranslation] = []
    problems: list[Problem] = []
    notices: list[Problem] = []
    for path in sorted(seeds_dir.glob("*.*.md")):
        translation, found, noted = parse_source_translation(display_path(path), path.stem,
                                                             read_limited(path), articles)
        problems.extend(found)
        notices.extend(noted)
        if translation is not None:
            translations.append(translation)
    return translations, problems, notices


def check_glosses(catalog: Catalog) -> None:
    """Every gloss of a quote from a translated source must be a passage of that translation."""
    translated = {(t.source_id, t.language): t for t in catalog.source_translations
                  if not t.out_of_date}
    banks = {bank.id: bank for bank in catalog.banks}
    for translation in catalog.translations:
        bank = banks.get(translation.bank_id)
        if bank is None:
            continue
        originals = {question.id: question for question in bank.questions}
        path = catalog.translation_files.get((translation.bank_id, translation.language), "")
        for question in translation.questions:
            citations = originals[question.id].citations
            for citation, gloss in zip(citations, question.quote_translations, strict=False):
                source = translated.get((citation.source, translation.language))
                if gloss and source is not None and not gloss_found(source, gloss):
                    catalog.problems.append(Problem(
                        path, question.line, f"{translation.bank_id}/{question.id}",
                        msg("the quote_translation %(gloss)r is not in the %(language)s "
                            "translation of %(source)r: copy the passage as that translation "
                            "prints it, so the learner sees it highlighted there",
                            gloss=gloss, language=translation.language, source=citation.source)))


def bank_files(target: Path) -> list[Path]:
    """The bank files named by ``target``: the file itself, or the ``*.yaml``/``*.yml`` in a folder."""
    if target.is_file():
        bank = target.with_name(target.stem.split(".")[0] + target.suffix)
        # A translation is checked against its bank, so the bank beside it is read too.
        return [bank, target] if is_translation_file(target.stem) and bank.is_file() else [target]
    return sorted([*target.glob("*.yaml"), *target.glob("*.yml")])


CLOSEST_PASSAGE_SUGGESTIONS = 50


def citation_checker(articles: dict[str, Article], folder: str | None = None) -> CitationCheck:
    """Make the check that a citation names a known article and quotes it word for word.

    ``folder`` is where the articles were read from, when they come from files (the command
    line): there, an article a teacher added in the browser is not among them.
    Only the first ``CLOSEST_PASSAGE_SUGGESTIONS`` wrong quotes get their closest passage: each
    search costs a millisecond or two, and a file of a thousand wrong quotes (the wrong article
    named throughout) needs the first few shown, not a check that keeps a class waiting.
    """
    suggestions_left = [CLOSEST_PASSAGE_SUGGESTIONS]

    def check(source: str, quote: str) -> tuple[str, Message] | None:
        article = articles.get(source)
        if article is None:
            hint = did_you_mean(source, sorted(articles))
            known = ", ".join(sorted(articles)) or msg("none yet")
            if folder is not None:
                return "source", msg(
                    "there is no article %(source)r in %(folder)s%(hint)s: the articles there are "
                    "%(known)s. An article added in the browser is kept in the app's database, not "
                    "in this folder: save it there as %(file)s, or check the bank in the browser "
                    "(My banks), which knows your articles", source=source, folder=folder, hint=hint,
                    known=known, file=f"{source}.md")
            return "source", msg("there is no article %(source)r%(hint)s: the articles are "
                                 "%(known)s", source=source, hint=hint, known=known)
        if not quote_occurs(article.body, quote):
            if suggestions_left[0] <= 0:
                return "quote", msg("the quote is not in the article %(source)r: copy the passage "
                                    "exactly as the article prints it", source=source)
            suggestions_left[0] -= 1
            closest = closest_passage(article.body, quote)
            return "quote", msg("the quote is not in the article %(source)r; its closest passage "
                                "is \"%(closest)s\": copy the passage exactly as the article "
                                "prints it", source=source, closest=closest)
        return None

    return check


def check_banks(sources: Iterable[tuple[str, str, bytes]], articles: dict[str, Article],
                taken: dict[str, str] | None = None, articles_folder: str | None = None) -> Catalog:
    """Check bank files given as (display path, file stem, bytes); ids in ``taken`` are in use.

    ``articles_folder`` names the folder the articles were read from, if any.
    """
    catalog = Catalog(articles=articles)
    owners = dict(taken or {})
    check = citation_checker(articles, articles_folder)
    sources = list(sources)
    for path, stem, data in sources:
        if is_translation_file(stem):
            continue
        bank, problems = parse_bank(path, stem, data, check)
        if bank is not None:
            if bank.id in owners:
                problems.append(Problem(path, bank.line, bank.id,
                                        msg("the bank id %(id)r is already used by %(owner)s: "
                                            "give each bank its own id", id=bank.id,
                                            owner=owners[bank.id])))
            elif bank.id != stem:
                problems.append(Problem(path, bank.line, bank.id,
                                        msg("the file name must match the bank id: rename the "
                                            "file to %(id)s.yaml or change 'bank:' to %(stem)r",
                                            id=bank.id, stem=stem)))
            owners.setdefault(bank.id, path)
        catalog.problems.extend(problems)
        if bank is not None and not problems:
            catalog.banks.append(bank)
            catalog.bank_files[bank.id] = path
            catalog.bank_texts[bank.id] = data.decode("utf-8-sig")
    check_translations(catalog, [source for source in sources if is_translation_file(source[1])])
    return catalog


def check_translations(catalog: Catalog, sources: Iterable[tuple[str, str, bytes]],
                       banks: dict[str, Bank] | None = None) -> None:
    """Check translation files against the catalog's banks (or ``banks``) and add them to it."""
    known = banks if banks is not None else {bank.id: bank for bank in catalog.banks}
    for path, stem, data in sources:
        translation, problems, notices = parse_translation(path, stem, data, known)
        catalog.problems.extend(in_file_order(problems))
        catalog.notices.extend(notices)
        if translation is not None:
            catalog.translations.append(translation)
            catalog.translation_files[(translation.bank_id, translation.language)] = path
            catalog.translation_texts[(translation.bank_id, translation.language)] = (
                data.decode("utf-8-sig"))


def read_catalog(questions: Path, seeds_dir: Path) -> Catalog:
    """Read and check every article and bank; problems are sorted by file and line."""
    articles, article_problems = read_articles(seeds_dir)
    source_translations, translation_problems, translation_notices = read_source_translations(
        seeds_dir, articles)
    sources = [(display_path(path), path.stem, read_limited(path)) for path in bank_files(questions)]
    catalog = check_banks(sources, articles, articles_folder=display_path(seeds_dir))
    catalog.source_translations = source_translations
    check_glosses(catalog)
    catalog.problems = in_file_order(article_problems + translation_problems + catalog.problems)
    catalog.notices = in_file_order(catalog.notices + translation_notices)
    return catalog


def read_limited(path: Path) -> bytes:
    """Read a file, but never more than one byte past the size limit."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)

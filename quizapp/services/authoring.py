"""Teachers' own banks and articles: check, preview, publish, download; who may see them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from quizapp.domain import bank_format
from quizapp.domain.articles import Article, parse_article
from quizapp.domain.catalog import citation_checker
from quizapp.domain.grading import right_answer, shown_entries
from quizapp.domain.problems import Problem, in_file_order
from quizapp.models import Bank, Classroom, Membership, Source
from quizapp.services.catalog_loading import LoadReport, store_article, store_bank


def own_or_bundled(owner_column: ColumnElement[int | None], teacher_id: int) -> ColumnElement[bool]:
    """Condition for what a teacher may use: bundled content (no owner) and their own."""
    return or_(owner_column.is_(None), owner_column == teacher_id)


def visible_to(owner_column: ColumnElement[int | None], viewer_id: int | None) -> ColumnElement[bool]:
    """Condition for content everyone sees (no owner), or that is the viewer's or their teacher's."""
    if viewer_id is None:
        return owner_column.is_(None)
    teachers = (select(Classroom.teacher_id)
                .join(Membership, Membership.classroom_id == Classroom.id)
                .where(Membership.account_id == viewer_id))
    return or_(owner_column.is_(None), owner_column == viewer_id, owner_column.in_(teachers))


@dataclass(frozen=True)
class PreviewCitation:
    """A cited passage as the preview shows it."""

    source_id: str
    source_title: str
    quote: str
    language: str = "en"  # the article's


@dataclass(frozen=True)
class PreviewQuestion:
    """A question as learners will see it, with its answer, explanation and evidence."""

    position: int
    type: str
    prompt: str
    entries: list[str]
    unit: str | None
    right: object
    explanation: str
    points: int
    citations: list[PreviewCitation]


@dataclass(frozen=True)
class BankCheck:
    """The outcome of checking a bank's text: a preview when it passed, problems when not."""

    text: str
    problems: list[Problem]
    bank: bank_format.Bank | None
    questions: list[PreviewQuestion]
    replaces_own: bool = False  # the teacher already has a bank with this id

    @property
    def passed(self) -> bool:
        """True when the bank can be published."""
        return self.bank is not None and not self.problems


def _articles(session: Session, teacher_id: int) -> dict[str, Article]:
    rows = session.scalars(select(Source).where(own_or_bundled(Source.owner_id, teacher_id)))
    return {row.id: Article(row.id, row.title, row.body, row.publisher, row.published, row.url,
                            row.language) for row in rows}


def check_bank_text(session: Session, teacher_id: int, data: bytes, name: str) -> BankCheck:
    """Check a bank with the same code as ``quizapp validate``; nothing is written.

    Citations may quote the bundled articles and the teacher's own. The file name does
    not matter here; an id already used by a bundled bank or another teacher's is refused.
    The bank format's own checks refuse files over 1 MiB.
    """
    text = data.decode("utf-8-sig", errors="replace")
    articles = _articles(session, teacher_id)
    bank, problems = bank_format.parse_bank(name, "bank", data, citation_checker(articles))
    replaces_own = False
    if bank is not None:
        owner = session.execute(select(Bank.owner_id).where(Bank.slug == bank.id)).first()
        if owner is not None and owner[0] != teacher_id:
            problems.append(Problem(name, bank.line, bank.id,
                                    f"the bank id {bank.id!r} is already used by another bank: "
                                    "give yours its own id in 'bank:'"))
        replaces_own = owner is not None and owner[0] == teacher_id
    if problems or bank is None:
        return BankCheck(text, in_file_order(problems), None, [])
    return BankCheck(text, [], bank, _preview(bank, articles), replaces_own)


def _preview(bank: bank_format.Bank, articles: dict[str, Article]) -> list[PreviewQuestion]:
    return [PreviewQuestion(
        position=number, type=question.type, prompt=question.prompt,
        entries=shown_entries(question.type, question.key), unit=question.key.get("unit"),
        right=right_answer(question.type, question.key), explanation=question.explanation,
        points=question.points,
        citations=[PreviewCitation(c.source, articles[c.source].title, c.quote,
                                         articles[c.source].language or "en")
                   for c in question.citations],
    ) for number, question in enumerate(bank.questions, start=1)]


def publish_bank(session: Session, teacher_id: int, data: bytes, name: str) -> BankCheck:
    """Check the bank again and, if it passes, store it as the teacher's; commits.

    A bank the teacher published before gets new versions of changed questions only, so
    past attempts and scores never change.
    """
    checked = check_bank_text(session, teacher_id, data, name)
    if checked.bank is None:
        session.rollback()
        return checked
    store_bank(session, checked.bank, LoadReport(), owner_id=teacher_id, yaml_text=checked.text)
    session.commit()
    return checked


@dataclass(frozen=True)
class OwnBank:
    """One of a teacher's banks, for their list."""

    slug: str
    title: str
    questions: int
    mine: bool


def teacher_banks(session: Session, teacher_id: int) -> list[OwnBank]:
    """The teacher's own banks, then the bundled ones, by title."""
    rows = session.scalars(select(Bank).where(Bank.listed, own_or_bundled(Bank.owner_id, teacher_id))
                           .options(selectinload(Bank.questions))
                           .order_by(Bank.owner_id.is_(None), Bank.title))
    return [OwnBank(row.slug, row.title, sum(not q.retired for q in row.questions),
                    row.owner_id == teacher_id) for row in rows]


def bank_yaml(session: Session, viewer_id: int | None, slug: str) -> str | None:
    """A bank's YAML as last published, if the viewer may see the bank."""
    return session.scalar(select(Bank.yaml_text).where(
        Bank.slug == slug, Bank.listed, visible_to(Bank.owner_id, viewer_id)))


@dataclass(frozen=True)
class ArticleSaved:
    """The outcome of saving an article: problems to fix, or none."""

    problems: list[Problem]


def save_article(session: Session, teacher_id: int, source_id: str, markdown: str) -> ArticleSaved:
    """Check an article in the ``seeds/`` format and store it as the teacher's; commits.

    A teacher may correct their own article by saving it again under the same id; ids of
    bundled articles and other teachers' are refused.
    """
    article, problems = parse_article("article", source_id, markdown.encode("utf-8"))
    if article is None or problems:
        return ArticleSaved(problems)
    owner = session.execute(select(Source.owner_id).where(Source.id == source_id)).first()
    if owner is not None and owner[0] != teacher_id:
        return ArticleSaved([Problem("article", 1, source_id,
                                     f"the source id {source_id!r} is already used by another "
                                     "article: choose another")])
    store_article(session, article, owner_id=teacher_id)
    session.commit()
    return ArticleSaved([])


@dataclass(frozen=True)
class OwnArticle:
    """One of the articles a teacher can cite."""

    id: str
    title: str
    publisher: str | None
    mine: bool


def citable_articles(session: Session, teacher_id: int) -> list[OwnArticle]:
    """The articles a teacher's banks may cite: their own first, then the bundled ones."""
    rows = session.scalars(select(Source).where(own_or_bundled(Source.owner_id, teacher_id))
                           .order_by(Source.owner_id.is_(None), Source.title))
    return [OwnArticle(row.id, row.title, row.publisher, row.owner_id == teacher_id)
            for row in rows]


"""Turn a news page saved from a browser into an article: its metadata and its running text.

Metadata comes only from what the page declares (JSON-LD, Open Graph and article tags,
``<link rel=canonical>``, ``<html lang>``, ``<time>``); a field the page does not declare
is left empty, never guessed.

The running text comes from trafilatura (Apache-2.0), chosen by measurement: on 990 real pages
(bench/extraction_corpus.py) it kept the article far better than the container rules this
module used before, which stay as the fallback for a page trafilatura returns nothing for.
Its lines then go through rules of our own that measured as gains across sites: furniture
lines ("Read more: ...", "Advertisement", "Lesen Sie auch", a date or copyright line alone)
and the lines of small page furniture (share bars, related-story boxes, comments) are left out.
A short text is not refused: ``ExtractedArticle.size`` and ``notes`` let the teacher decide.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from lxml import etree
from lxml.html import HtmlElement

from quizapp.domain.identifiers import LANGUAGE_TAG, MAX_ID_LENGTH
from quizapp.domain.messages import Message, msg

# Below these an article looks short: the teacher is told, and decides.
SHORT_ARTICLE_WORDS = 120
SHORT_ARTICLE_CHARACTERS = 250  # for scripts written without spaces between words
# The text extraction's time grows with the page's elements (about 0.4 s for 10,000 here):
# beyond this a page is no article's, and answering within a second or two matters more.
MAX_PAGE_ELEMENTS = 30_000
# Page furniture smaller than this (characters of text) has its lines taken out of the text.
SMALL_FURNITURE_CHARS = 300
# Real pages nest a few dozen elements deep; deeper stretches are flattened to their text
# so that no walk of the page can exhaust Python's stack, whatever the page.
MAX_NESTING = 120
MAX_LINKED_DATA_CHARS = 256 * 1024
MAX_LINKED_DATA_ITEMS = 200
_BREAK = "\x00"  # stands for <br> until paragraphs are split
_A_TAG = re.compile(r"<[a-zA-Z!?/]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_TAG_SEARCH_CHARS = 64 * 1024

# Never part of an article's text, wherever they are.
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form",
                 "button", "input", "select", "textarea", "nav", "aside", "footer", "figure",
                 "dialog", "video", "audio", "object", "embed", "menu")
_DROPPED_ROLES = {"navigation", "complementary", "contentinfo", "banner", "dialog",
                  "alertdialog", "search", "menu", "menubar", "toolbar"}
# Class and id words of page furniture: matched as whole words of a class or id.
_CLUTTER_WORDS = re.compile(
    r"(?:^|[-_\s])(?:newsletters?|subscribe|subscription|signup|sign-up|related|recommended|"
    r"recommendations|more-stories|read-more|readmore|also-read|share|sharing|social|"
    r"comments?|responses|cookies?|consent|gdpr|promo|promos|advert|advertisement|ads?|sponsored|"
    r"breadcrumbs?|sidebar|popular|trending|most-read|paywall|byline|author-bio|"
    r"tags|tag-list|outbrain|taboola|modal|popup|toolbar|meta|dateline|disclosure|disclaimer)"
    r"(?:$|[-_\s])", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5",
               "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr",
               "td", "th", "caption", "figcaption", "address", "hr", "details", "summary"}
_BODY_HINTS = re.compile(r"article[-_]?body|articlebody|story[-_]?body|entry[-_]content|"
                         r"post[-_]content|article[-_]content|article[-_]text|story[-_]content",
                         re.IGNORECASE)
# Short lines that sites put between paragraphs, in the languages of the corpus and our users.
_FURNITURE_LINES = re.compile(
    r"^\W*(?:advertisement|advertising|anzeige|\*?werbung|sponsored(?: content)?|publicidad|"
    r"read more|read more:.*|also read:?.*|see also:?.*|related:.*|related (?:articles|stories)|"
    r"recommended|more on this.*|share(?: this(?: article| story)?)?|follow us.*|sign up.*|"
    r"subscribe.*|click here.*|continue reading.*|story continues below.*|"
    r"lesen sie (?:auch|mehr).*|auch lesen:?.*|mehr zum thema.*|mehr dazu.*|"
    r"weiterlesen.*|weitere (?:artikel|beiträge|themen).*|empfohlene .*|mire:.*|lea también.*|"
    r"lee también.*|te puede interesar.*|también te puede.*|ver también.*|leer más.*|"
    r"lire aussi.*|à lire aussi.*|voir aussi.*|puedes ver:.*|mira también.*|te recomendamos.*|"
    r"leia também.*|veja também.*|czytaj (?:też|także).*|zobacz (?:też|także).*|"
    r"das könnte (?:dich|sie) auch interessieren.*|keine kommentare|"
    r"image \d+ of \d+|back to gallery|photo:.*|"
    r"(?:published|updated|posted|publicado|actualizado|veröffentlicht|aktualisiert|publié|"
    r"mis à jour|شائع|اپ ڈیٹ):|"
    r"foto:.*|bild:.*|credit:.*|beitragsbild.*|bildquelle.*|quelle:.*|"
    r"مزید پڑھیں.*|یہ بھی پڑھیں.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\W*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\W*$")
_COPYRIGHT_LINE = re.compile(r"^\W*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_MAX_FURNITURE_LINE = 200  # a longer line is text, whatever it starts with
# Scripts written without spaces between words: their length is counted in characters.
_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                              "\uac00-\ud7af\u1100-\u11ff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]")
_ARTICLE_TYPES = re.compile(r"Article$|^BlogPosting$|^Report$", re.IGNORECASE)


@dataclass(frozen=True)
class TextSize:
    """How long a text is: in words, or in characters for scripts written without spaces."""

    count: int
    unit: str  # "words" or "characters"

    @property
    def short(self) -> bool:
        """Whether the text is shorter than a news article usually is."""
        limit = SHORT_ARTICLE_WORDS if self.unit == "words" else SHORT_ARTICLE_CHARACTERS
        return self.count < limit


def text_size(text: str) -> TextSize:
    """The length of ``text``, measured in a way that suits its script."""
    unspaced = len(_UNSPACED_SCRIPT.findall(text))
    words = sum(1 for word in text.split() if not _UNSPACED_SCRIPT.search(word))
    if unspaced > words:  # mostly Chinese, Japanese, Korean, Thai...: words are not spaced
        return TextSize(unspaced, "characters")
    return TextSize(words, "words")


@dataclass(frozen=True)
class ExtractedArticle:
    """What a saved page says about itself; None where it does not say."""

    title: str | None
    publisher: str | None
    published: dt.date | None
    url: str | None
    language: str | None
    body: str  # paragraphs separated by blank lines

    @property
    def missing(self) -> list[str]:
        """The metadata fields the page did not declare."""
        fields = ("title", "publisher", "published", "url", "language")
        return [name for name in fields if getattr(self, name) is None]

    @property
    def size(self) -> TextSize:
        """How long the text is."""
        return text_size(self.body)

    @property
    def notes(self) -> list[Message]:
        """What the teacher should check before keeping the text: it looks short, or like a list."""
        found = []
        size = self.size
        if size.short and size.unit == "words":
            found.append(msg("the text looks short for a news article (words: %(count)s; most have "
                             "at least %(usual)s): check that it is the whole article",
                             count=f"{size.count:,}", usual=SHORT_ARTICLE_WORDS))
        elif size.short:
            found.append(msg("the text looks short for a news article (characters: %(count)s; most "
                             "have at least %(usual)s): check that it is the whole article",
                             count=f"{size.count:,}", usual=SHORT_ARTICLE_CHARACTERS))
        paragraphs = self.body.split("\n\n")
        if len(paragraphs) >= 5 and sum(len(p.split()) < 8 for p in paragraphs) > 0.6 * len(paragraphs):
            found.append(msg("most of the text is short lines, as on a list of stories: check that "
                             "you saved the page of the article itself"))
        return found


class NotAnArticle(ValueError):
    """The page has no article to take: the message says why and what to do."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def extract_article(html: bytes | str) -> ExtractedArticle:
    """Read a saved web page; raises NotAnArticle when it holds no text at all.

    A short text is returned like any other: ``notes`` says what to check.
    """
    html = _decoded(html)
    tree = _page_tree(html)
    if tree is None or not _A_TAG.search(html[:_TAG_SEARCH_CHARS]):
        raise NotAnArticle(msg("the file is not a web page: save the article from your browser "
                               "with \"Save page as\" (HTML only) and upload that file"))
    _refuse_if_too_many(sum(1 for _ in tree.iter()))
    linked_data = list(_article_data(tree))
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    meta = _meta_tags(tree)
    title = (_text(_first(linked_data, "headline")) or _text(meta.get("og:title"))
             or _heading(tree))
    published = (_date(meta.get("article:published_time"))
                 or _date(_first(linked_data, "datePublished")) or _time_element(tree))
    body = _main_text(html, title, _small_furniture(tree))
    if not body:  # trafilatura found nothing (a page nested too deep for lxml, say): our rules
        # lxml stops at 256 levels, so its count misses a deep page's elements: count the tags.
        _refuse_if_too_many(html.count("<") // 2)
        soup = BeautifulSoup(html, "lxml")
        _flatten_deep_nesting(soup)
        container = _container(soup)
        body = _body(container, title) if container is not None else ""
    if not body:
        raise NotAnArticle(msg(
            "this page has no running text to take as an article. Save the page of the article "
            "itself (not a home page or a list of stories), or paste the article's text instead"))
    return ExtractedArticle(
        title=title[:300] if title else None,
        publisher=_text(_publisher(linked_data)) or _text(meta.get("og:site_name")),
        published=published,
        url=_web_address(_canonical(tree)) or _web_address(meta.get("og:url"))
        or _web_address(_first(linked_data, "url")),
        language=_language(tree, meta, linked_data),
        body=body,
    )


def _refuse_if_too_many(elements: int) -> None:
    if elements > MAX_PAGE_ELEMENTS:
        raise NotAnArticle(msg(
            "this page has %(count)s HTML elements, far more than the page of a news article (the "
            "largest of 990 real news and blog pages had about 10,000): save the page of the article "
            "itself with \"Save page as\" (HTML only), or paste the article's text instead",
            count=f"{elements:,}"))


def _decoded(html: bytes | str) -> str:
    """The page as text: UTF-8, else the charset it declares, else Windows-1252.

    Decoded here, once, so that neither parser guesses (chardet takes a quarter of a second on
    some pages) and nothing is decompressed: trafilatura would unpack a gzip file it is given.
    """
    if isinstance(html, str):
        return html
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(html[:_TAG_SEARCH_CHARS])
    if declared:
        try:
            return html.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return html.decode("cp1252", errors="replace")


def suggested_source_id(title: str | None, published: dt.date | None) -> str:
    """A source id made from the title's first words and the date, as the bundled ones are."""
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:6]
    stem = "-".join(words) or "article"
    suffix = f"-{published.isoformat()}" if published else ""
    return stem[:MAX_ID_LENGTH - len(suffix)].strip("-") + suffix


def article_markdown(article: ExtractedArticle) -> str:
    """The article in the ``seeds/`` format: front matter, then the text."""
    lines = ["---", f"title: {_yaml_string(article.title or '')}"]
    if article.publisher:
        lines.append(f"publisher: {_yaml_string(article.publisher)}")
    if article.published:
        lines.append(f"published: {article.published.isoformat()}")
    if article.url:
        lines.append(f"url: {_yaml_string(article.url)}")
    if article.language:
        lines.append(f"language: {article.language}")
    lines.append("---")
    return "\n".join(lines) + "\n" + article.body + "\n"


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


# --- metadata -------------------------------------------------------------------------------


def _page_tree(html: str) -> HtmlElement | None:
    """The page parsed by lxml (its HTML parser never raises on bad markup), or None if empty."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):  # "Document is empty"
        return None


def _article_data(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects that describe an article, from every ld+json script."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = script.text or ""
        if len(text) > MAX_LINKED_DATA_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for item in _flatten(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and _ARTICLE_TYPES.search(kind) for kind in kinds):
                yield item


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD value and of its @graph lists, without recursion, a bounded number."""
    pending = [data]
    found = 0
    while pending and found < MAX_LINKED_DATA_ITEMS:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(reversed(item[:MAX_LINKED_DATA_ITEMS]))
        elif isinstance(item, dict):
            found += 1
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                pending.extend(reversed(graph[:MAX_LINKED_DATA_ITEMS]))


def _flatten_deep_nesting(soup: BeautifulSoup) -> None:
    """Replace each element nested deeper than MAX_NESTING by a paragraph of its text."""
    too_deep: list[Tag] = []
    pending: list[tuple[Tag, int]] = [(soup, 0)]
    while pending:
        tag, depth = pending.pop()
        for child in tag.contents:
            if isinstance(child, Tag):
                if depth >= MAX_NESTING:
                    too_deep.append(child)
                else:
                    pending.append((child, depth + 1))
    for tag in too_deep:
        paragraph = soup.new_tag("p")  # read as one paragraph: the structure is lost anyway
        paragraph.string = " ".join(tag.stripped_strings)
        tag.replace_with(paragraph)


def _first(items: list[dict[str, Any]], key: str) -> Any:
    return next((item[key] for item in items if item.get(key)), None)


def _publisher(items: list[dict[str, Any]]) -> Any:
    publisher = _first(items, "publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict):
        return publisher.get("name")
    return publisher


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Open Graph and article meta tags, first one of each name."""
    found: dict[str, str] = {}
    for tag in tree.iter("meta"):
        name = tag.get("property") or tag.get("name")
        content = tag.get("content")
        if name and content and content.strip():
            found.setdefault(name.strip().lower(), content.strip())
        equiv = tag.get("http-equiv")
        if equiv and content is not None:
            found.setdefault("http-equiv:" + equiv.lower(), content.strip())
    return found


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if link.get("href") and "canonical" in (link.get("rel") or "").lower().split():
            return str(link.get("href"))
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if "<" in value or "&" in value:  # markup or entities in a declared value: read them
        value = BeautifulSoup(value, "html.parser").get_text()
    return " ".join(value.split()) or None


def _element_text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _web_address(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, str) and value.strip().startswith(("https://", "http://")):
        return value.strip()[:2000]
    return None


def _date(value: Any) -> dt.date | None:
    """The calendar date as the page writes it (no time-zone conversion), if it is ISO 8601."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _time_element(tree: HtmlElement) -> dt.date | None:
    scope = next(tree.iter("article"), tree)
    for element in scope.iter("time"):
        found = _date(element.get("datetime")) or _date(element.text_content())
        if found:
            return found
    return None


def _language(tree: HtmlElement, meta: dict[str, str],
              linked_data: list[dict[str, Any]]) -> str | None:
    candidates = [tree.get("lang"), meta.get("http-equiv:content-language"),
                  _first(linked_data, "inLanguage"),
                  (meta.get("og:locale") or "").replace("_", "-") or None]
    for candidate in candidates:
        if isinstance(candidate, str):
            tag = candidate.strip().split(",")[0].strip()
            if LANGUAGE_TAG.fullmatch(tag):
                return tag
    return None


def _heading(tree: HtmlElement) -> str | None:
    """The first ``<h1>`` of the page's main ``<article>``, or else of the page."""
    articles = list(tree.iter("article"))
    scope = max(articles, key=lambda article: sum(
        len(_element_text(p)) for p in article.iter("p") if not _is_clutter(p))) if articles else None
    heading = next((scope if scope is not None else tree).iter("h1"), None)
    if heading is None:
        heading = next(tree.iter("h1"), None)
    return _text(_element_text(heading)) if heading is not None else None


# --- text -----------------------------------------------------------------------------------


def _main_text(html: bytes | str, title: str | None, furniture: set[str]) -> str:
    """The article's paragraphs as trafilatura finds them, less the lines our rules leave out."""
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    except (ValueError, TypeError, RecursionError, MemoryError):  # a page it cannot read at all
        return ""
    paragraphs = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        line = line[2:] if line.startswith("- ") else line  # a list item is a paragraph of its own
        if line and line != title and line not in furniture and not _is_furniture_line(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _is_furniture_line(line: str) -> bool:
    if len(line) > _MAX_FURNITURE_LINE:
        return False
    if line.endswith(":") and len(line.split()) <= 2:  # a label left alone: measured as a net gain
        return True
    return bool(_FURNITURE_LINES.match(line) or _DATE_LINE.match(line) or _COPYRIGHT_LINE.match(line))


def _small_furniture(tree: HtmlElement) -> set[str]:
    """The texts of small page furniture (share bars, related stories, comments) and of its parts.

    Only small pieces: a site may name the wrapper of the whole article "paywall" or
    "content-with-sidebar", and its text must stay.
    """
    found: set[str] = set()
    for element in tree.iter(etree.Element):
        if not (element.tag in ("aside", "nav", "footer") or _is_clutter(element)):
            continue
        whole = _element_text(element)
        if not whole or len(whole) > SMALL_FURNITURE_CHARS:
            continue
        found.add(whole)
        for part in element.iterdescendants(etree.Element):
            text = _element_text(part)
            if text:
                found.add(text)
    return found


def _container(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article's text."""
    body = soup.find("body") or soup
    for tag in body.find_all(_DROPPED_TAGS):
        tag.decompose()
    for comment in body.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    marked = body.find(attrs={"itemprop": "articleBody"})
    if isinstance(marked, Tag):
        return marked
    hinted = [tag for tag in body.find_all(True) if _BODY_HINTS.search(_names(tag))]
    if hinted:
        return max(hinted, key=_paragraph_text_length)
    articles = body.find_all("article")
    if articles:
        best = max(articles, key=_paragraph_text_length)
        if _paragraph_text_length(best) > 0:
            return best
    return _densest(body)


def _names(tag: Tag | HtmlElement) -> str:
    classes = tag.get("class") or []  # a list from BeautifulSoup, a string from lxml
    classes = classes.split() if isinstance(classes, str) else classes
    return " ".join([*classes, str(tag.get("id") or "")])


def _paragraph_text_length(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")
               if not _is_clutter(p))


def _densest(body: Tag) -> Tag | None:
    """The element whose own paragraphs hold the most text (readability's idea, simplified).

    A paragraph scores for the element around it and half for the one around that; text
    written straight into a ``div`` between ``<br>`` tags scores for that ``div``.
    """
    scores: dict[int, tuple[Tag, float]] = {}
    for block in body.find_all(("p", "div", "td", "section", "blockquote", "pre")):
        text, linked = _own_text(block)
        if len(text) < 25 or linked > len(text) / 2:
            continue
        holder = block.parent if block.name == "p" else block
        for share in (1.0, 0.5):
            if not isinstance(holder, Tag):
                break
            tag, score = scores.get(id(holder), (holder, 0.0))
            scores[id(holder)] = (tag, score + share * len(text))
            holder = holder.parent
    if not scores:
        return None
    return max(scores.values(), key=lambda entry: entry[1])[0]


def _own_text(block: Tag) -> tuple[str, int]:
    """The text of a block outside its child blocks, and how much of it is link text."""
    parts: list[str] = []
    linked = 0
    for child in block.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in _BLOCK_TAGS:
            text = child.get_text()
            parts.append(text)
            if child.name == "a" or child.find("a") is not None:
                linked += len(text.strip())
    return " ".join("".join(parts).split()), linked


def _is_clutter(tag: Tag | HtmlElement) -> bool:
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in _DROPPED_ROLES:
        return True
    return bool(_CLUTTER_WORDS.search(_names(tag)))


def _link_density(tag: Tag) -> float:
    text = len(tag.get_text(strip=True))
    linked = sum(len(link.get_text(strip=True)) for link in tag.find_all("a"))
    return linked / text if text else 0.0


def _body(container: Tag, title: str | None) -> str:
    for tag in [tag for tag in container.find_all(True) if _is_clutter(tag)]:
        if not tag.decomposed:
            tag.decompose()
    blocks: list[list[str]] = [[]]
    _walk(container, blocks)
    paragraphs: list[str] = []
    for block in blocks:
        for part in re.split(f"{_BREAK}\\s*{_BREAK}", "".join(block)):
            text = " ".join(part.replace(_BREAK, " ").split())
            if text and not _FURNITURE_LINES.match(text) and text != title:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _walk(node: Tag, blocks: list[list[str]]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, doctype or CDATA
                blocks[-1].append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                blocks[-1].append(_BREAK)
            elif child.name in _BLOCK_TAGS:
                if _link_density(child) > 0.5:
                    continue  # links to other stories, however the site labels them
                if child.name == "h1":
                    continue  # the headline is the title, not the text
                blocks.append([])
                _walk(child, blocks)
                blocks.append([])
            else:
                _walk(child, blocks)

"""Markup inputs: saved web pages (HTML) and EPUB books, read into plain chapters.

BeautifulSoup and ebooklib are imported here and nowhere else. Each document becomes
text the parser already understands: paragraphs separated by blank lines, ``* * *`` for
a scene break (``<hr>``), and italics kept as ``_emphasis_`` (often a character's
thoughts). Chapters come from the document's own structure (headings in a page, the
spine and navigation of an EPUB), never from guessing at the text.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Comment, Doctype, ProcessingInstruction, Tag, XMLParsedAsHTMLWarning

from storycast.errors import InputError

DROPPED = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button", "svg", "template",
           "iframe", "select", "head", "figure")
BLOCKS = ("p", "div", "blockquote", "li", "dd", "dt", "pre", "section", "article", "main", "body", "td", "tr",
          "table", "ul", "ol", "dl")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NOT_CHAPTERS = {"toc", "landmarks", "footnotes", "endnotes", "rearnotes", "footnote", "endnote", "copyright-page",
                "index", "loi", "lot", "page-list"}
ITALIC = ("em", "i", "cite")
_NOTE = re.compile("footnote|endnote|rearnote|noteref")
_CLUTTER_ROLE = re.compile("navigation|banner|contentinfo|complementary")
_FURNITURE_WORDS = {"nav", "navbar", "navigation", "menu", "header", "masthead", "footer", "sidebar", "comment",
                    "comments", "feedback", "kudos", "share", "social", "breadcrumb", "breadcrumbs", "related",
                    "advert", "ads", "cookie", "banner", "pagination", "pager", "notes", "endnotes"}
_HIDDEN_CLASSES = {"landmark", "sr-only", "visually-hidden", "screen-reader-text", "screenreader", "hidden",
                   "invisible", "d-none"}
SCENE = "* * *"
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


@dataclass
class Document:
    """A markup file as chapters of plain text, with what its metadata says about the book."""

    title: str | None = None
    author: str | None = None
    language: str | None = None
    cover: bytes | None = None
    chapters: list[tuple[str, str]] = field(default_factory=list)  # (title, body text)


def read_html(data: bytes, path: Path) -> Document:
    """A saved web page: its ``<h1>``-``<h3>`` headings start chapters (a lone ``<h1>`` is the title).

    Only the part of the page that holds the story is read (see ``_main_content``): a page
    saved from a fiction archive also carries menus, the summary, kudos and comments."""
    soup = BeautifulSoup(data, "html.parser")
    doc = Document(title=_meta_title(soup), author=_meta(soup, "author") or _byline(soup), language=_language(soup))
    page = soup.body or soup
    _drop_clutter(page)
    _drop_page_furniture(page)
    body = _main_content(page)
    if body is not page:
        doc.title = _heading_before(page, body) or doc.title
    levels = [int(h.name[1]) for h in body.find_all(HEADINGS[:3])]
    top = min(levels) if levels else 0
    chapter_level = top
    if levels.count(top) == 1 and any(level > top for level in levels):
        first = body.find(f"h{top}")
        doc.title = _heading_text(first) if first else doc.title  # the page's own title
        chapter_level = min(level for level in levels if level > top)
        if first is not None:
            first.decompose()
    chapters: list[tuple[str, list[str]]] = [("", [])]
    for kind, text in _blocks(body, chapter_level):
        if kind == "heading":
            chapters.append((text, []))
        else:
            chapters[-1][1].append(text)
    doc.chapters = [(title, "\n\n".join(paras)) for title, paras in chapters if _has_words(paras)]
    if not doc.chapters:
        raise InputError("the page has no readable text", path=path, hint="save the page as HTML with its text")
    return doc


def read_epub(path: Path) -> Document:
    """An EPUB: chapters in spine order, titled from the navigation; metadata and cover from the package."""
    import ebooklib
    from ebooklib import epub

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(str(path), options={"ignore_ncx": False})
    except (zipfile.BadZipFile, KeyError, epub.EpubException, OSError, ValueError, AttributeError) as exc:
        raise InputError(f"not a readable EPUB: {exc}", path=path, hint="check the file opens in an e-book reader") \
            from exc
    doc = Document(title=_first(book, "title"), author=_first(book, "creator"), language=_first(book, "language"))
    doc.cover = _epub_cover(book, ebooklib)
    titles = _toc_titles(book.toc)
    for idref, linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or str(linear).lower() == "no":
            continue
        if isinstance(item, epub.EpubNav) or "nav" in (getattr(item, "properties", None) or []):
            continue
        soup = BeautifulSoup(item.get_content(), "html.parser")
        body = soup.body or soup
        if _epub_types(body) & NOT_CHAPTERS:
            continue
        _drop_clutter(body)
        for aside in body.find_all(lambda t: bool(_NOTE.search(str(t.get("epub:type") or "")))):
            aside.decompose()
        heading = body.find(HEADINGS)
        title = titles.get(item.get_name()) or (_heading_text(heading) if heading else "")
        if heading is not None:
            heading.decompose()
        paras = [text for kind, text in _blocks(body, 0) if kind == "text"]
        if _has_words(paras):
            doc.chapters.append((title or f"Chapter {len(doc.chapters) + 1}", "\n\n".join(paras)))
    if not doc.chapters:
        raise InputError("the EPUB has no readable chapters", path=path,
                         hint="check the file opens in an e-book reader")
    return doc


def _blocks(root: Tag, chapter_level: int) -> list[tuple[str, str]]:
    """The readable blocks of ``root`` in order: ("heading", title), ("text", paragraph) or a scene break."""
    out: list[tuple[str, str]] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in HEADINGS:
                text = _heading_text(child)
                if chapter_level and int(name[1]) <= chapter_level and text:
                    out.append(("heading", text))
                elif text:
                    out.append(("text", text))
            elif name == "hr":
                out.append(("text", SCENE))
            elif name in BLOCKS and any(isinstance(c, Tag) and c.name in (*BLOCKS, *HEADINGS, "hr")
                                        for c in child.children):
                walk(child)  # a container: its own blocks are the paragraphs
            elif name in BLOCKS:
                out.extend(("text", text) for text in _inline_paragraphs(child))

    walk(root)
    return out


def _heading_text(node: Tag) -> str:
    """``<a>Chapter 1</a>: Rent`` reads "Chapter 1: Rent" (no space before the colon)."""
    for br in node.find_all("br"):
        br.replace_with(" ")
    return " ".join(node.get_text().split())


_PARAGRAPH_BREAK = "\x00"
_LINE_BREAK = "\x01"


def _inline_paragraphs(node: Tag) -> list[str]:
    """A block's paragraphs: one, unless the page separates them with blank lines made of
    ``<br><br>`` (as many fiction sites do) instead of ``<p>``."""
    return [p.strip() for p in _inline_text(node).split(_PARAGRAPH_BREAK) if p.strip()]


def _inline_text(node: Tag) -> str:
    """A paragraph's text with italics kept as ``_..._``, a line break as a space and two
    in a row as a paragraph break (``_PARAGRAPH_BREAK``)."""
    parts: list[str] = []
    for piece in node.descendants:
        if isinstance(piece, Tag):
            if piece.name == "br":
                last = next((p for p in reversed(parts) if p.strip()), "")  # whitespace between <br>s is nothing
                parts.append(_PARAGRAPH_BREAK if last in (_LINE_BREAK, _PARAGRAPH_BREAK) else _LINE_BREAK)
            continue
        if isinstance(piece, Comment | Doctype | ProcessingInstruction):
            continue
        text = str(piece)
        if text.strip() and any(p.name in ITALIC for p in piece.parents if p is not node and isinstance(p, Tag)):
            text = f"{' ' if text[:1].isspace() else ''}_{text.strip()}_{' ' if text[-1:].isspace() else ''}"
        parts.append(text)
    text = " ".join("".join(parts).replace(_LINE_BREAK, " ").split())
    return text.replace("_ _", " ").replace("__", "")


def _drop_clutter(root: Tag) -> None:
    for tag in root.find_all(DROPPED):
        tag.decompose()
    for tag in root.find_all(_is_clutter):
        tag.decompose()


def _is_clutter(tag: Tag) -> bool:
    """Navigation by its role, and text only screen readers see (AO3's "Chapter Text" heading)."""
    classes = {str(c).lower() for c in tag.get("class") or []}
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return bool(_CLUTTER_ROLE.search(str(tag.get("role") or ""))) or bool(classes & _HIDDEN_CLASSES) \
        or tag.has_attr("hidden") or str(tag.get("aria-hidden") or "") == "true" or "display:none" in style


def _drop_page_furniture(page: Tag) -> None:
    """Boxes a site names as menus, headers, footers, comments, kudos or an author's notes (by id
    or class word: AO3's "end notes" thank the readers, they are no part of the chapter), unless
    one holds most of the page's paragraphs: then it is the story, whatever its name."""
    total = sum(len(p.get_text(" ", strip=True)) for p in page.find_all("p"))
    for tag in page.find_all(True):
        if tag.decomposed:
            continue
        words = set(re.split(r"[\s_\-]+", str(tag.get("id") or "").lower()))  # id="header": the site's
        words |= set(re.split(r"[\s_\-]+", " ".join(map(str, tag.get("class") or [])).lower())) - {"header"}
        if words & _FURNITURE_WORDS and sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p")) < 0.5 * total:
            tag.decompose()


def _main_content(page: Tag) -> Tag:
    """The element that holds the story: the nearest common ancestor of the paragraph groups
    that carry at least a tenth as much text as the largest one. Menus, a summary box, kudos
    and a comment thread are small groups outside it; chapters side by side all fall inside."""
    text_by_parent: dict[int, int] = {}
    parent_of: dict[int, Tag] = {}
    for para in page.find_all("p"):
        parent = para.parent
        if isinstance(parent, Tag):
            text_by_parent[id(parent)] = text_by_parent.get(id(parent), 0) + len(para.get_text(" ", strip=True))
            parent_of[id(parent)] = parent
    if not text_by_parent:
        return page
    largest = max(text_by_parent.values())
    groups = [parent_of[key] for key, size in text_by_parent.items() if size >= 0.1 * largest]
    common = [groups[0], *groups[0].parents]
    for group in groups[1:]:
        mine = {id(group), *(id(a) for a in group.parents)}
        common = [a for a in common if id(a) in mine]
    container = common[0] if common else page
    # the story's own chapter headings sit beside its paragraphs, not inside their box
    while container is not page and container.parent is not None and container.name not in ("body", "main", "article") \
            and not container.find(HEADINGS) and container.parent.find(HEADINGS[:3]):
        container = container.parent
    return container if isinstance(container, Tag) else page


def _heading_before(page: Tag, content: Tag) -> str | None:
    """The page's own title when the story box starts below it: the first ``<h1>``/``<h2>``
    before the box."""
    for heading in page.find_all(("h1", "h2")):
        if heading in content.descendants:
            return None
        text = _heading_text(heading)
        if text:
            return text
    return None


def _byline(soup: BeautifulSoup) -> str | None:
    """The author a fiction archive names in a byline: ``<a rel="author">`` or ``class="byline"``."""
    tag = soup.find(rel="author") or soup.find(class_=("byline", "author"))
    return tag.get_text(" ", strip=True) or None if isinstance(tag, Tag) else None


def _has_words(paras: list[str]) -> bool:
    return any(re.search(r"\w", p) for p in paras if p != SCENE)


def _meta_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    return tag.get_text(" ", strip=True) or None if tag else None


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name})
    value = tag.get("content") if isinstance(tag, Tag) else None
    return str(value).strip() or None if value else None


def _language(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    value = html.get("lang") if isinstance(html, Tag) else None
    return str(value) if value else None


def _epub_types(node: Tag) -> set[str]:
    types: set[str] = set()
    for tag in [node, *node.find_all(True, recursive=False)]:
        value = tag.get("epub:type") if isinstance(tag, Tag) else None
        types |= set(str(value).split()) if value else set()
    return types


def _first(book: Any, name: str) -> str | None:
    found = book.get_metadata("DC", name)
    return str(found[0][0]).strip() or None if found else None


def _toc_titles(toc: Any) -> dict[str, str]:
    """File name -> title from the navigation (first entry per file wins)."""
    out: dict[str, str] = {}
    for entry in toc if isinstance(toc, list | tuple) else [toc]:
        if isinstance(entry, tuple | list) and len(entry) == 2:  # (Section, children)
            section, children = entry
            href = getattr(section, "href", None)
            if href:
                out.setdefault(str(href).split("#")[0], str(section.title))
            out = {**_toc_titles(children), **out}
        elif getattr(entry, "href", None):
            out.setdefault(str(entry.href).split("#")[0], str(entry.title))
    return out


def _epub_cover(book: Any, ebooklib: Any) -> bytes | None:
    for item in book.get_items_of_type(ebooklib.ITEM_COVER):
        return bytes(item.get_content())
    meta = book.get_metadata("OPF", "cover")
    if meta:
        item = book.get_item_with_id(meta[0][1].get("content", ""))
        if item is not None:
            return bytes(item.get_content())
    for item in book.get_items_of_type(ebooklib.ITEM_IMAGE):
        if "cover" in item.get_name().lower():
            return bytes(item.get_content())
    return None

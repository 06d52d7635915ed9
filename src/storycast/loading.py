"""Loading: read story files, decode them, and find the chapters.

The text is decoded the way Python's text mode does it (newlines folded to ``\\n``),
so offsets in the script match ``Path.read_text()`` of a UTF-8 file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storycast.errors import InputError
from storycast.model import SourceText, Story, StoryChapter

if TYPE_CHECKING:
    from storycast.markup import Document

MAX_STORY_BYTES = 20 * 1024 * 1024
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".epub")

_NUMBER_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]?(?:one|two|three|four|five|six"
    r"|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|first|second|third|fourth|fifth"
    r"|sixth|seventh|eighth|ninth|tenth|last|final)"
)
_HEADING = re.compile(
    r"^(?:(?P<word>chapter|part|book|volume|act|section)\s+(?P<num>\d+|[ivxlcdm]+\b|" + _NUMBER_WORDS + r")"
    r"\.?(?:\s*(?:[:.\-\u2013\u2014]\s*)?(?P<rest>\S.*))?"
    r"|(?P<solo>prologue|epilogue|interlude|afterword|foreword)(?:\s*[:.\-\u2013\u2014]\s*(?P<solo_rest>\S.*))?"
    r"|#{1,6}\s+(?P<md>\S.*?)\s*#*)$",
    re.IGNORECASE,
)
# "By Jane Austen", "by moonlitwriter", "Author: J. R. R. Tolkien": a name of at most six words, not
# a sentence ("By the time Fiona got to the station, her umbrella had given up." opens a story)
_BYLINE = re.compile(r"^(?:by|author:)\s+(?P<author>(?:[^\s,;]+\s+){0,5}[^\s,;]*(?:[^\s.!?,;]|\b[A-Z]\.|Jr\.|Sr\.))$",
                     re.IGNORECASE)
_TITLE_LINE = re.compile(r"^(?:title:\s*)?(?P<title>.+)$", re.IGNORECASE)
_TITLE_END = re.compile(r"[.!?,;\"'\u201d\u2019]$")
_SUBTITLE_END = re.compile(r"[.,;\"'\u201d\u2019]$")
# A scene break is a line of these marks alone ("* * *", "~~~", "#", "\u2042"), however spaced.
_BREAK_MARKS = frozenset("*#~=-_\u2022\u00b7\u2042\u2767\u2619\u2766\u00a7")
# Fan-fiction sites divide scenes with a short unit typed over and over, letters among the
# marks: "o0o0o", "-x-x-x-", "xXx", "oOo", "<3<3<3". Read as words they came out as "ozeroozero".
_DIVIDER_CHARS = _BREAK_MARKS | frozenset("+<>|/\\^oO0xX3")
_MAX_BREAK_CHARS = 20  # "*        *        *" is 3; a line of text is longer


def is_scene_break(line: str) -> bool:
    """Whether a paragraph only divides two scenes ("* * *", "~~~", "o0o0o", "xXx"): a long
    pause and a new chapter mark in the audio, nothing read out. "OOO", "xoxo" and "303" are text."""
    marks = "".join(line.split())
    if not marks or len(marks) > _MAX_BREAK_CHARS:
        return False
    if set(marks) <= _BREAK_MARKS:
        return True
    if len(marks) < 3 or not set(marks) <= _DIVIDER_CHARS or marks.isdigit():
        return False
    if not marks.isalpha():
        return True  # marks among the letters: "-x-x-", "o0o", "<3<3"
    return any(c.isupper() for c in marks) and any(c.islower() for c in marks)  # "oOo", "xXx"


def load_story(
    paths: Sequence[str | Path], *, title: str | None = None, author: str | None = None,
    max_bytes: int = MAX_STORY_BYTES, on_decode: Callable[[str, str], None] | None = None,
) -> Story:
    """Read one or more story files into a :class:`Story` with its chapters.

    One file is split at its headings; several files give one chapter each unless a
    file has headings of its own.
    """
    if not paths:
        raise InputError("no story file given", hint="pass the path of a .txt story")
    sources: list[SourceText] = []
    chapters: list[StoryChapter] = []
    found_title: str | None = None
    found_author: str | None = None
    language: str | None = None
    cover: bytes | None = None
    for index, path in enumerate(paths):
        if Path(path).suffix.lower() in MARKUP_SUFFIXES:
            document = read_document(Path(path), max_bytes=max_bytes)
            source, file_chapters = _from_document(document, str(path), index)
            file_title, file_author = document.title, document.author
            language, cover = language or document.language, cover or document.cover
        else:
            source = read_source(Path(path), max_bytes=max_bytes)
            file_title, file_author, file_chapters = split_chapters(source.text, source=index)
        if on_decode is not None:
            on_decode(source.path, source.encoding)
        sources.append(source)
        found_title = found_title or file_title
        found_author = found_author or file_author
        if len(paths) > 1 and len(file_chapters) == 1:
            only = file_chapters[0]
            name = file_title or _title_from_path(Path(path))
            file_chapters = [StoryChapter(name, index, only.start, only.end)]
        chapters.extend(file_chapters)
    book_title = title or found_title or _title_from_path(Path(paths[0]))
    if len(chapters) == 1 and chapters[0].title == "":
        chapters[0] = StoryChapter(book_title, chapters[0].source, chapters[0].start, chapters[0].end)
    chapters = [c if c.title else StoryChapter("Opening", c.source, c.start, c.end) for c in chapters]
    chapters = [_mark_front_matter(c, sources[c.source].text, n, len(chapters)) for n, c in enumerate(chapters)]
    return Story(title=book_title, author=author or found_author, sources=tuple(sources),
                 chapters=tuple(chapters), language=language, cover=cover)


FRONT_MATTER_TITLES = re.compile(
    r"^(?:author'?s'? note|a/n|note|foreword|preface|dedication|acknowledge?ments?|contents|table of contents"
    r"|disclaimer|copyright|epigraph)\b", re.IGNORECASE)
FRONT_MATTER_OPENING = re.compile(r"^\s*(?:>\s*)?(?:\**\s*)?(?:author'?s'? note|a/n\b|note:|disclaimer|dedicat|"
                                  r"thanks to|acknowledg|this story|this is a work of fiction)", re.IGNORECASE)


def _mark_front_matter(chapter: StoryChapter, text: str, index: int, total: int) -> StoryChapter:
    """An author's note, preface or dedication before the story proper is front matter."""
    if total < 2:
        return chapter
    body = text[chapter.start:chapter.end]
    titled = bool(FRONT_MATTER_TITLES.match(chapter.title))
    opening_note = chapter.title == "Opening" and index == 0 and (
        bool(FRONT_MATTER_OPENING.match(body)) or len(body.split()) < 80)
    if titled or opening_note:
        return StoryChapter(chapter.title, chapter.source, chapter.start, chapter.end, front_matter=True)
    return chapter


def read_document(path: Path, *, max_bytes: int = MAX_STORY_BYTES) -> Document:
    """Read an HTML page or an EPUB book into chapters of plain text."""
    from storycast.markup import read_epub, read_html  # BeautifulSoup is slow to import: only when needed

    data = _read_bytes(path, max_bytes)
    if path.suffix.lower() == ".epub":
        return read_epub(path)
    return read_html(data, path)


def _from_document(document: Document, path: str, index: int) -> tuple[SourceText, list[StoryChapter]]:
    """One text for the whole document (titles as heading lines) and each chapter's body span in it."""
    text = ""
    chapters: list[StoryChapter] = []
    for title, body in document.chapters:
        if text:
            text += "\n\n\n"
        if title:
            text += f"{title}\n\n"
        chapters.append(StoryChapter(title, index, len(text), len(text) + len(body)))
        text += body
    return SourceText(path, text + "\n", Path(path).suffix.lower().lstrip(".")), chapters


def read_source(path: Path, *, max_bytes: int = MAX_STORY_BYTES) -> SourceText:
    """Read and decode one file, refusing what cannot be a story."""
    data = _read_bytes(path, max_bytes)
    text, encoding = decode_bytes(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the story is empty", path=path, hint="pass a file with some text in it")
    return SourceText(str(path), text, encoding)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise InputError("no such file", path=path, hint="check the path")
    if path.is_dir():
        raise InputError("is a folder, not a story file", path=path, hint="pass a .txt file inside it")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {_size(size)}, more than the {_size(max_bytes)} limit for a story",
                path=path, hint="raise the limit with --max-size if this really is one story",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path,
                         hint="check the file's permissions") from exc
    if not data.strip():
        raise InputError("the story is empty", path=path, hint="pass a file with some text in it")
    return data


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a story: BOMs first, then UTF-8, then Windows-1252, then Latin-1."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {codec} despite its byte-order mark", path=path,
                                 hint="re-save the file as UTF-8") from exc
    if b"\x00" in data[:4096]:
        raise InputError("looks like a binary file, not text", path=path,
                         hint="pass a plain-text story (.txt)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def split_chapters(text: str, *, source: int = 0) -> tuple[str | None, str | None, list[StoryChapter]]:
    """Find the title, byline and chapters of one decoded text.

    Returns ``(title, author, chapters)``; a text with no headings is one chapter with
    an empty title (the caller names it).
    """
    lines = _lines_with_offsets(text)
    no_blank_lines = _no_blank_lines(text, lines)
    numerals = _numeral_headings(text, lines)
    headings: list[tuple[int, int, str]] = []  # (line index, body start offset, title)
    for i, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if not line or len(line) > 100 or not (_blank_before(text, lines, i) or (
                no_blank_lines and _after_a_full_stop(text, lines, i))):
            continue
        title = heading_title(line) or (line.rstrip(".") if i in numerals else None)
        if title is None:
            continue
        body_start = end
        subtitle = _subtitle_after(text, lines, i)
        if subtitle is not None and not _HEADING.match(text[lines[subtitle][0]:lines[subtitle][1]].strip()):
            if ":" not in title and "\u2014" not in title:
                title = f"{title}: {_tidy_case(_unquoted(text[lines[subtitle][0]:lines[subtitle][1]].strip()))}"
            body_start = lines[subtitle][1]
        headings.append((i, body_start, title))

    md_title: str | None = None
    levels = [_md_level(text[lines[i][0]:lines[i][1]]) for i, _, _ in headings]
    if levels and levels[0] and levels.count(levels[0]) == 1 and any(lv > levels[0] for lv in levels[1:]):
        md_title = headings.pop(0)[2]  # "# Book" over "## Chapter" headings: the book's title
    preamble_end = lines[headings[0][0]][0] if headings else len(text)
    story_title, author, preamble_body_start = _title_and_byline(text, lines, preamble_end, md_title is not None)
    if not headings and md_title is None and not text[preamble_body_start:].strip():
        story_title, author, preamble_body_start = None, None, 0  # "Hi" alone is a one-line story, not a title
    story_title = md_title or story_title

    chapters: list[StoryChapter] = []
    if not headings or text[preamble_body_start:preamble_end].strip():
        chapters.append(StoryChapter("", source, preamble_body_start, preamble_end))
    pending_title: str | None = None
    for n, (_, body_start, title) in enumerate(headings):
        body_end = lines[headings[n + 1][0]][0] if n + 1 < len(headings) else len(text)
        if pending_title:
            title = f"{pending_title} \u2014 {title}"
            pending_title = None
        if not text[body_start:body_end].strip():
            pending_title = title  # e.g. "VOLUME I" right before "CHAPTER I"
            continue
        chapters.append(StoryChapter(title, source, body_start, body_end))
    if not chapters:  # headings only, no body anywhere
        chapters.append(StoryChapter("", source, preamble_body_start, len(text)))
    return story_title, author, chapters


def heading_title(line: str) -> str | None:
    """The display title of a heading line, or None if the line is not a heading."""
    m = _HEADING.match(line)
    if not m:
        return None
    if m.group("md"):
        return m.group("md").strip()
    if m.group("solo"):
        rest = m.group("solo_rest")
        word = m.group("solo").capitalize()
        return f"{word}: {rest.strip()}" if rest else word
    rest = m.group("rest")
    if rest and (len(rest.split()) > 10 or rest[0].islower()):
        return None  # "Part of the problem was..." is prose, not a heading
    number = m.group("num")
    number = number.upper() if re.fullmatch(r"[ivxlcdm]+", number, re.I) else number.capitalize()
    head = f"{m.group('word').capitalize()} {number}"
    return f"{head}: {_tidy_case(rest.strip())}" if rest else head


def _tidy_case(s: str) -> str:
    """A title in capitals in title case ("ALL THE WORLD'S A STAGE": All The World's A Stage, not
    str.title()'s "World'S")."""
    return " ".join(word[:1] + word[1:].lower() for word in s.split()) if s.isupper() else s


def _lines_with_offsets(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _no_blank_lines(text: str, lines: list[tuple[int, int]]) -> bool:
    """A text with (almost) no blank lines: one paragraph per line, as some web pages copy out,
    or hard-wrapped with indented paragraphs. A heading there has no blank line before it."""
    filled = [bool(text[start:end].strip()) for start, end in lines]
    while filled and not filled[-1]:
        filled.pop()  # the end of the file is no paragraph break
    return len(filled) >= 3 and filled.count(False) * 20 < len(filled)


def _after_a_full_stop(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """Whether the line before ends a sentence: in prose hard-wrapped without blank lines,
    ``as we saw in`` then ``Chapter 3. It was...`` is the middle of a sentence, no heading."""
    before = text[lines[i - 1][0]:lines[i - 1][1]].rstrip()
    return not before[-1:].isalnum() and not before.endswith((",", ";", "-", "\u2014"))


def _blank_before(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    return i == 0 or not text[lines[i - 1][0]:lines[i - 1][1]].strip()


def _subtitle_after(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    """Index of a short title line right after a bare heading ("CHAPTER 3" / "The Storm"; "XII" /
    "\"ALL THE WORLD'S A STAGE\"", a title in capitals and quote marks)."""
    j = i + 1
    while j < len(lines) and not text[lines[j][0]:lines[j][1]].strip():
        j += 1
    if j >= len(lines) or j - i > 3:
        return None
    line = _unquoted(text[lines[j][0]:lines[j][1]].strip())
    next_blank = j + 1 >= len(lines) or not text[lines[j + 1][0]:lines[j + 1][1]].strip()
    if (next_blank and len(line) <= 60 and len(line.split()) <= 8 and not _SUBTITLE_END.search(line)
            and line[:1].isupper() and not is_scene_break(line) and not _BYLINE.match(line)):
        return j
    return None


_QUOTED_CAPITALS = re.compile("^[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]$")


def _unquoted(line: str) -> str:
    """A title in capitals set in quote marks (``"ALL THE WORLD'S A STAGE"``) without them; any
    other line as it is (a quoted line in lower case, or one that ends a sentence, ``"HELP!"``,
    is someone speaking)."""
    m = _QUOTED_CAPITALS.match(line)
    return m.group(1) if m and m.group(1).isupper() and not m.group(1).endswith(("!", "?", ".")) else line


# A chapter numbered by a Roman numeral alone ("XII", "IV."), as many Project Gutenberg texts set it.
_NUMERAL_LINE = re.compile(r"^(?P<num>[IVXLC]+)\.?$")


def _to_roman(n: int) -> str:
    """12 -> XII (up to 399: chapter numbers)."""
    out = ""
    for value, symbol in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                          (1, "I")):
        count, n = divmod(n, value)
        out += symbol * count
    return out


_NUMERAL_VALUES = {_to_roman(n): n for n in range(1, 400)}  # only numerals written the usual way: not IIII


def _numeral_headings(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """The lines that number chapters with a Roman numeral alone, between blank lines: only where
    the text counts on from I with them (I, II, III...; a new count may start at I again), so a
    lone "I" or "V" on a line of its own is still text."""
    found: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(lines):
        m = _NUMERAL_LINE.match(text[start:end].strip())
        blank_after = i + 1 >= len(lines) or not text[lines[i + 1][0]:lines[i + 1][1]].strip()
        if m and blank_after and _blank_before(text, lines, i):
            found.append((i, _NUMERAL_VALUES.get(m.group("num"), 0)))
    counted = [i for k, (i, n) in enumerate(found) if n == 1 or (k and found[k - 1][1] == n - 1)]
    return set(counted) if len(counted) >= 2 and len(counted) == len(found) else set()


def _md_level(line: str) -> int:
    """How many ``#`` start a Markdown heading line (0: not one)."""
    m = re.match(r"\s*(#{1,6})\s", line)
    return len(m.group(1)) if m else 0


def _title_and_byline(text: str, lines: list[tuple[int, int]], limit: int,
                      title_is_heading: bool = False) -> tuple[str | None, str | None, int]:
    """A short first line followed by a blank line or the byline is the title; ``By X`` is the byline.

    Returns the title, the author and where the preamble's own text starts. With
    ``title_is_heading`` the first line is a Markdown title heading, already taken.
    """
    title = author = None
    body_start = 0
    seen = 0
    for i, (start, end) in enumerate(lines):
        if start >= limit or seen >= 3:
            break
        line = text[start:end].strip()
        if not line:
            continue
        seen += 1
        following = text[lines[i + 1][0]:lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
        next_blank = not following
        byline = _BYLINE.match(line)
        if byline and next_blank:
            author = byline.group("author").strip()
            body_start = end
            continue
        if line.lower() == "by" and title is not None and author is None:  # "by" / "PAUL LAURENCE DUNBAR",
            name_at = next((j for j in range(i + 1, min(i + 3, len(lines))) if text[lines[j][0]:lines[j][1]].strip()),
                           len(lines))  # as Project Gutenberg sets a byline on lines of its own
            name = text[lines[name_at][0]:lines[name_at][1]].strip() if name_at < len(lines) else ""
            if name and lines[name_at][0] < limit and _BYLINE.match(f"by {name}"):
                author, body_start = _tidy_case(name), lines[name_at][1]
                seen += 1
                continue
        if title_is_heading and seen == 1:
            title, body_start = line, end
            continue
        titled = _TITLE_LINE.match(line.lstrip("#").strip())  # a lone "#" is no title
        if titled and title is None and author is None and seen == 1 and len(line) <= 80 \
                and (next_blank or _BYLINE.match(following)) and not _TITLE_END.search(line) \
                and heading_title(line) is None:  # "A Summer Storm" / "by moonlitwriter", as web pages set it
            title = _tidy_case(titled.group("title"))
            body_start = end
            continue
        break
    return title, author, body_start


def _title_from_path(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().title() or "Untitled"

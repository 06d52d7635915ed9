"""Quote detection: where the quoted stretches of a paragraph start and end.

Pure functions over one paragraph's text. Double-quote dialogue (straight or curly)
and British single-quote dialogue are both handled; in single-quote mode apostrophes
(``'em``, ``'tis``, ``rock 'n' roll``, ``the Joneses'``) must not flip the state. Old
plain-text editions (Project Gutenberg's first etexts) open a single quote with a grave
accent and close it with an apostrophe: ```Hullo, Mole!' said the Water Rat``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

QuoteStyle = Literal["double", "single"]

DOUBLE_OPEN = "\u201c"
DOUBLE_CLOSE = "\u201d"
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
GRAVE_OPEN = "`"  # ```Hullo!' said the Rat``: an opening mark only
# The marks, for the modules that read or strip them (naming, speech_text, rendering): a new
# mark added to the patterns below belongs here too.
OPENING_MARKS = "\"'`\u201c\u2018"  # what may open a quote (a straight mark may close one too)
QUOTE_MARKS = OPENING_MARKS + "\u201d\u2019\u00ab\u00bb"  # every mark that opens or closes a quote
APOSTROPHES = "'\u2018\u2019"  # quote marks that are also apostrophes (don't, 'em)
_DOUBLE_MARKS = re.compile('["\u201c\u201d\u00ab\u00bb]')
_SINGLE_MARKS = re.compile("['\u2018\u2019`]")
# Words that begin with an apostrophe in ordinary English elision.
ELISIONS = frozenset(
    "em tis twas twere twill twould n cause cos til till bout round im er ere ave appen ow urry "
    "e ad alf ome self un uns nuff neath gainst spose fraid kay".split()
)
_WORD_AFTER = re.compile(r"[A-Za-z]+")
_N_ELISION = re.compile("(?<=\\s)['\u2018\u2019]n['\u2018\u2019](?=\\s)")  # rock 'n' roll


@dataclass(frozen=True)
class Quote:
    """A quoted stretch ``[start, end)`` of a paragraph, marks included.

    ``closed`` is False when the paragraph ended before a closing mark (a speech
    running on into the next paragraph, or a typo).
    """

    start: int
    end: int
    closed: bool = True


def detect_style(paragraph_starts: list[str]) -> QuoteStyle:
    """Which mark a story's dialogue uses, from the first characters of its paragraphs."""
    double = sum(1 for s in paragraph_starts if s[:1] in '"\u201c\u201d\u00ab')  # (a \u201d opening: curled wrong)
    single = sum(1 for s in paragraph_starts  # (a \u2019 opening: curled wrong, or an elision _single_opens tells)
                 if s[:1] in ("'", SINGLE_OPEN, SINGLE_CLOSE, GRAVE_OPEN) and _single_opens(s, 0))
    return "single" if single > double else "double"


def find_quotes(text: str, style: QuoteStyle = "double") -> list[Quote]:
    """Top-level quotes in one paragraph, in order; an unclosed quote ends at the end."""
    if style == "single":
        return _find_single(text)
    return _find_double(text)


def _find_double(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    nested = 0  # opening marks inside the open quote still waiting for their closing mark
    marks = list(_DOUBLE_MARKS.finditer(text))
    closing_after = [0] * (len(marks) + 1)  # closing marks after each mark: counted once, not per mark
    for n in range(len(marks) - 1, -1, -1):
        closing_after[n] = closing_after[n + 1] + (marks[n].group() in (DOUBLE_CLOSE, "\u00bb"))
    for n, m in enumerate(marks):
        ch, i = m.group(), m.start()
        if open_at is None:
            if ch in (DOUBLE_CLOSE, "\u00bb") and i == len(text.rstrip()) - 1 and quotes:
                continue  # a stray closing mark at the very end
            if _looks_closing(text, i) and (ch != '"' or (len(marks) - n) % 2):
                continue  # 'he reflected. Treacherous drink that." He had': a quote never opened
            open_at = i
        else:
            if ch in (DOUBLE_OPEN, "\u00ab") and _looks_opening(text, i):
                if closing_after[n + 1] >= nested + 2:
                    nested += 1  # "you said \u201cto-morrow\u201d. It isn't fair.\u201d": a quote within the quote
                    continue
                # two opening marks in a row: the first quote was never closed
                quotes.append(Quote(open_at, _trim_end(text, i), closed=False))
                open_at, nested = i, 0
                continue
            if nested and ch in (DOUBLE_CLOSE, "\u00bb"):
                nested -= 1
                continue
            quotes.append(Quote(open_at, i + 1))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, len(text.rstrip()), closed=False))
    return [q for q in quotes if q.end > q.start + 1]


def _looks_opening(text: str, i: int) -> bool:
    """An opening mark that really opens: after a space or bracket, and with words after it.

    ``Uncle Joseph \u201c`` at a paragraph's end, or a mark between spaces, is a closing
    mark that a quote-curling tool turned the wrong way (it saw the space before it)."""
    return _starts_a_word(text, i) and i + 1 < len(text) and not text[i + 1].isspace()


def _looks_closing(text: str, i: int) -> bool:
    """A mark glued to the word before it and followed by a space closes, it cannot open."""
    return not _starts_a_word(text, i) and (i + 1 == len(text) or text[i + 1].isspace())


def _starts_a_word(text: str, i: int) -> bool:
    """Whether the mark at ``i`` stands where a word may start: after a space, bracket or dash."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([\u2014-"


def _trim_end(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _single_opens(text: str, i: int) -> bool:
    """Whether the single mark at ``i`` can open a quote (not an elision like 'em)."""
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if i > 0 and (text[i - 1].isalnum()):
        return False
    word = _WORD_AFTER.match(text, i + 1)
    if word and word.group().lower() in ELISIONS:
        after = word.end()
        # 'tis at a paragraph start followed by more words can still open a quote,
        # but 'n' and 'em' never do.
        if word.group().lower() in ("n", "em") or i > 0 or (after < len(text) and text[after] in "'\u2019"):
            return False
    return True


def _single_closes(text: str, i: int) -> bool:
    """Whether the single mark at ``i`` can close a quote (not don't, not o'clock)."""
    if i == 0 or text[i - 1].isspace():
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not nxt.isalnum()


def _find_single(text: str) -> list[Quote]:
    skip = {i for m in _N_ELISION.finditer(text) for i in (m.start(), m.end() - 1)}
    marks = [m.start() for m in _SINGLE_MARKS.finditer(text) if m.start() not in skip]
    closes_after = [False] * (len(marks) + 1)  # whether a mark after each one could close a quote
    for n in range(len(marks) - 1, -1, -1):
        closes_after[n] = closes_after[n + 1] or _single_closes(text, marks[n])
    quotes: list[Quote] = []
    open_at: int | None = None
    for n, i in enumerate(marks):
        ch = text[i]
        if quotes and i < quotes[-1].end:
            continue  # the second mark of a doubled close (``Yes,''), already in the quote
        if open_at is None:
            if ch != SINGLE_CLOSE and _single_opens(text, i):
                open_at = i
            elif ch == SINGLE_CLOSE and _single_opens(text, i) and _starts_a_word(text, i):
                open_at = i  # "\u2019Hello,\u2019 said Tom. \u2019How are you?\u2019": curled the closing way
            continue
        floating = i + 1 >= len(text) or text[i + 1].isspace()  # "received--‘" at the end: a closing mark
        if ch in (SINGLE_OPEN, GRAVE_OPEN) and not floating:
            continue  # nested or stray opening mark
        if not _single_closes(text, i) and not floating:
            continue
        if _word_final_apostrophe(text, i, marks[n + 1] if n + 1 < len(marks) else None, closes_after[n + 1]):
            continue
        if _elided_before_stop(text, i, marks, n + 1):
            continue
        doubled = text.startswith("``", open_at) and text.startswith("''", i)  # ``Yes,'' said Ann
        quotes.append(Quote(open_at, i + 2 if doubled else i + 1))
        open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, len(text.rstrip()), closed=False))
    return [q for q in quotes if q.end > q.start + 1]


def _word_final_apostrophe(text: str, i: int, next_mark: int | None, closes_later: bool) -> bool:
    """``the Joneses' car``, ``goin' home``, ``an' then``: a mark right after a letter and
    followed by a lowercase word is an apostrophe, when a closing mark comes later and no
    new quote opens before it (``'expert' opinion, he said, 'is...'`` still closes)."""
    if not text[i - 1].isalpha() or i + 2 >= len(text) or text[i + 1] != " " or not text[i + 2].islower():
        return False
    if next_mark is not None and text[next_mark] != SINGLE_CLOSE and _single_opens(text, next_mark):
        return False
    return closes_later


_ELIDED_REACH = 1_000  # how far on a dropped letter's speech may close


def _elided_before_stop(text: str, i: int, marks: list[int], later: int) -> bool:
    """``hersel'? Rest an' broth, that's all he'll say.'``, ``comin'.'``: a mark after a letter and
    before a stop is a dropped letter when a mark that closes as speech does (after a stop, before
    a space or the paragraph's end) comes later, and no quote opens before it. (``'Yes', said Tom.
    'No.'`` still closes at Yes: a quote opens after.)"""
    if i + 1 >= len(text) or text[i + 1] not in ".,!?;:" or not text[i - 1].isalpha():
        return False
    for k in range(later, len(marks)):
        j = marks[k]
        if j - i > _ELIDED_REACH:
            return False  # (a paragraph of dropped letters and no closing mark is not read to its end at each)
        if text[j - 1].isspace() and _single_opens(text, j):
            return False  # a new quote opens first: this mark closed the last
        if text[j - 1] in ".,!?\u2014-" and (j + 1 >= len(text) or text[j + 1].isspace()):
            return True
    return False


# Texts whose apostrophes were lost in some conversion to a space ("I don t know", "Cassandra s
# words", "I m sure"): read with them put back, the contraction or the possessive is one word
# again, so "Cassandra s words" is not Cassandra doing something and "I m" no name. One
# character for one keeps every offset.
_LOST_BEFORE = re.compile(r"(?<=[A-Za-z]) (t|m|ve|ll|re|d|s|clock|am)\b(?![\'\u2019-])")  # " t" of "don t"
_PRONOUNS_CONTRACTED = frozenset(["i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what"])


def _mended(m: re.Match[str]) -> str:
    text, end = m.string, m.start()
    start = end
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    word, ending = text[start:end], m.group(1)
    low = word.lower()
    lost = (ending == "s" or (ending == "t" and low.endswith("n"))  # Cassandra s, it s; don t, isn t
            or (ending == "m" and word == "I") or (ending in ("ve", "ll", "d") and low in _PRONOUNS_CONTRACTED)
            or (ending == "re" and low in ("you", "we", "they", "who", "what", "there"))
            or (ending == "clock" and low == "o") or (ending == "am" and low == "ma"))
    return f"\u2019{ending}" if lost else m.group(0)


# A letter some conversion lost to a question mark inside a word ("Th?r?se de Vitr?", "r?gime",
# "f?te"): read as an e, the accented letter English prose borrows most (é, è, ê), so
# the name is a name again and matches a casting file's Therese (or Thérèse). No English
# word holds a question mark between two letters; a typo's "What?no" read as "Whateno" names
# no one. Only the parser reads it so: the engine is not given a guessed letter.
_LOST_LETTER = re.compile(r"\?(?<=[A-Za-z]\?)(?=[a-z])")  # (the mark first: found at once)
# ... or ending a name before a full stop ("He bought Miss de Vitr? a", "Th?r?se de Vitr?. He"):
# a question mark is never followed by a full stop, except as an ellipsis ("Sunday?...")
_LOST_LAST_LETTER = re.compile(r"\b[A-Z][a-z]*\?(?=\.(?!\.))")


def restore_letters(text: str) -> str:
    """``text`` with each letter a conversion lost to "?" inside a word read as an e (same length)."""
    text = _LOST_LETTER.sub("e", text)
    return _LOST_LAST_LETTER.sub(lambda m: m.group()[:-1] + "e", text) if "?." in text else text


def restore_apostrophes(text: str) -> str:
    """``text`` with the apostrophes a conversion turned into spaces put back (same length)."""
    if len(text) > 10_000 and not any(lost in text for lost in ("n t ", " s ", "I m ", "I ve ")):
        return text  # a quick look first: most books have their apostrophes, and any that lost them
        # writes "don t", "Jane s " or "I m" somewhere
    return _LOST_BEFORE.sub(_mended, text)

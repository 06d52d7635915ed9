#!/usr/bin/env python3
"""Copy a PDNC-format corpus with its quote marks or its layout re-typeset, every offset unchanged.

The PDNC texts use straight double quotes and blank lines between hard-wrapped
paragraphs; stories people bring use curly quotes or British single quotes just as often,
and one line per paragraph or indented paragraphs with no blank lines. Each character is
replaced by one code point, so the gold spans in quotation_info.csv still point at the
same text.

    retypeset_corpus.py SRC DST STYLE

STYLE is one of:
  curly          \u201cspeech\u201d, \u2018nested\u2019, don\u2019t   (what a quote-curling tool makes)
  british        \u2018speech\u2019, \u201cnested\u201d, don\u2019t
  british-ascii  'speech', "nested", don't   (the hardest: one mark for quotes and apostrophes)
  grave          `speech', "nested", don't   (Project Gutenberg's early plain-text editions)
  one-line       one line per paragraph, no blank lines (as copied from a web page)
  indented       paragraphs start with an indent, no blank lines between (hard-wrapped)
  all-closing    as curly, but every double mark curled \u201d (an editor that curls them all one way)
  all-opening    as curly, but every double mark curled \u201c
  british-all-closing  as british, but every single mark curled \u2019 (opening ones too)
  british-all-opening  as british, but every closing quote mark (after a stop or a dash) curled \u2018
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

STYLES = ("curly", "british", "british-ascii", "grave", "one-line", "indented", "all-closing", "all-opening",
          "british-all-closing", "british-all-opening")
# Elisions that start with an apostrophe: 'tis is not an opening quote.
_ELISIONS = frozenset("em tis twas twere twill twould n cause cos til till bout round".split())
# outer quote (open, close), inner quote (open, close), apostrophe
_MARKS = {
    "curly": (("\u201c", "\u201d"), ("\u2018", "\u2019"), "\u2019"),
    "british": (("\u2018", "\u2019"), ("\u201c", "\u201d"), "\u2019"),
    "british-ascii": (("'", "'"), ('"', '"'), "'"),
    "grave": (("`", "'"), ('"', '"'), "'"),
}


def _after_space(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014-\""


def relayout(text: str, style: str) -> str:
    """The text with its paragraph layout changed, one code point for one."""
    if style == "indented":
        return text.replace("\n\n", "\n ")  # the blank line becomes the next paragraph's indent
    unwrapped = re.sub(r"(?<!\n)\n(?!\n)", " ", text)  # hard wraps become spaces
    return unwrapped.replace("\n\n", " \n")  # a paragraph break becomes one line end


def retypeset(text: str, style: str) -> str:
    """The text with straight quote marks replaced, one code point for one."""
    if style in ("one-line", "indented"):
        return relayout(text, style)
    if style == "british-all-closing":
        return retypeset(text, "british").replace("\u2018", "\u2019")
    if style == "british-all-opening":  # (not the apostrophes: a closing mark follows a stop or a dash)
        return re.sub("(?<=[,.!?;:\u2014-])\u2019", "\u2018", retypeset(text, "british"))
    if style in ("all-closing", "all-opening"):
        one_way = "\u201d" if style == "all-closing" else "\u201c"
        return retypeset(text, "curly").replace("\u201c", one_way).replace("\u201d", one_way)
    (outer_open, outer_close), (inner_open, inner_close), apostrophe = _MARKS[style]
    out = list(text)
    inner = False  # a nested single-quoted stretch is open in this paragraph
    for i, ch in enumerate(text):
        if ch == "\n" and text[i + 1 : i + 2] == "\n":
            inner = False
        if ch == '"':
            opens = _after_space(text, i)  # as a curling tool decides: by the character before
            out[i] = outer_open if opens else outer_close
            inner = inner and opens
        elif ch == "'":
            word = re.match(r"[A-Za-z]+", text[i + 1 : i + 8])
            nxt = text[i + 1 : i + 2]
            if _after_space(text, i) and nxt and not nxt.isspace() and not (word and word.group().lower() in _ELISIONS):
                out[i], inner = inner_open, True
            elif inner and not nxt.isalnum() and not text[i - 1].isspace():
                out[i], inner = inner_close, False
            else:
                out[i] = apostrophe
    return "".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[2] not in STYLES:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst, style = Path(argv[0]), Path(argv[1]), argv[2]
    dst.mkdir(parents=True, exist_ok=True)
    for item in sorted(src.iterdir()):
        if item.is_file():
            shutil.copy(item, dst / item.name)
            continue
        (dst / item.name).mkdir(exist_ok=True)
        for f in item.iterdir():
            if f.name == "novel_text.txt":
                retyped = retypeset(f.read_text(encoding="utf-8"), style)
                (dst / item.name / f.name).write_text(retyped, encoding="utf-8")
            else:
                shutil.copy(f, dst / item.name / f.name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

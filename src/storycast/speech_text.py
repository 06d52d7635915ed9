"""Text as the engine should read it: marks stripped, long passages cut into pieces.

Pure functions. The script keeps the original text; only what is sent to the engine
is changed. Pieces stay short because long inputs have crashed the engine.
"""

from __future__ import annotations

import re

MAX_PIECE_CHARS = 400
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb]|(?<![A-Za-z])['\u2018\u2019]|['\u2018\u2019](?![A-Za-z])")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,2}(?=\S)(.+?)(?<=\S)[*_]{1,2}(?![\w*])")
_SPEAKABLE = re.compile(r"[^\W_]")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SPACE = re.compile(r"\s+")


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")


def speakable(text: str) -> str:
    """The words of ``text`` without quote marks, emphasis markers, invisible characters or layout."""
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ")
    text = _EMPHASIS.sub(r"\1", text)
    text = _QUOTE_MARKS.sub(" ", text)
    text = text.replace("--", ", ").replace("\u2014", ", ").replace("_", " ")
    text = _SPACE.sub(" ", text).strip()
    return text if _SPEAKABLE.search(text) else ""


def split_pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Cut speakable text into pieces of at most ``limit`` characters at sentence ends."""
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:  # a sentence too long on its own: cut at a space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return [p for p in pieces if p]

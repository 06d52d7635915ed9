"""Text as the engine should read it: marks stripped, long passages cut into pieces.

Pure functions. The script keeps the original text; only what is sent to the engine
is changed. Pieces stay short because long inputs have crashed the engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from num2words import num2words

from storycast.loading import is_scene_break
from storycast.quotes import APOSTROPHES, QUOTE_MARKS, restore_apostrophes

MAX_PIECE_CHARS = 400
_QUOTE_MARKS = re.compile(  # a mark that may be an apostrophe only at a word's edge (not in "don't")
    f"[{re.escape(''.join(m for m in QUOTE_MARKS if m not in APOSTROPHES))}]"
    f"|(?<![A-Za-z])[{APOSTROPHES}]|[{APOSTROPHES}](?![A-Za-z])")
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,2}(?=\S)(.+?)(?<=\S)[*_]{1,2}(?![\w*])")
_SPEAKABLE = re.compile(r"[^\W_]")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SPACE = re.compile(r"\s+")


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")


def readable(text: str) -> str:
    """The text as shown to a reader (chapter marks, summaries): marks and layout gone, words as written."""
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ")
    text = _EMPHASIS.sub(r"\1", text)
    text = _QUOTE_MARKS.sub(" ", text).replace("_", " ")
    text = _SPACE.sub(" ", text).strip()
    return text if _SPEAKABLE.search(text) else ""


def speakable(text: str, pronounce: Mapping[str, str] | None = None) -> str:
    """The words of ``text`` as a listener should hear them.

    Quote marks, emphasis markers, invisible characters and layout go; numbers, dates,
    times, money, ordinals and abbreviations become words; dashes and ellipses become
    pauses; shouting is read as words, not letters; ``pronounce`` respells words the
    engine gets wrong.
    """
    if is_scene_break(text):  # "o0o0o": a pause, not "ozeroozero"
        return ""
    text = normalize_for_speech(readable(restore_apostrophes(text)))  # "I m sure": "I'm", not "I em"
    if pronounce:
        text = respell(text, pronounce)
    text = _SPACE.sub(" ", text).strip()
    return text if _SPEAKABLE.search(text) else ""


ABBREVIATIONS = {
    "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Dr.": "Doctor", "Prof.": "Professor", "Jr.": "Junior",
    "Sr.": "Senior", "Capt.": "Captain", "Lt.": "Lieutenant", "Col.": "Colonel", "Gen.": "General",
    "Sgt.": "Sergeant", "Rev.": "Reverend", "Hon.": "Honourable", "Mt.": "Mount", "Ave.": "Avenue",
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "approximately",
}
CURRENCIES = {"$": "USD", "\u00a3": "GBP", "\u20ac": "EUR"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_ABBREVIATION = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")(?=\s|$|[,;:)])")
_SAINT_OR_STREET = re.compile(r"\bSt\.(\s+(?=[A-Z]))?")
_NUMBER_SIGN = re.compile(r"\bNo\.\s*(?=\d)")
_URL = re.compile(r"\b(?:https?://|www\.)([\w.-]+)[^\s,;)\]]*", re.IGNORECASE)
_MONEY = re.compile(r"([$\u00a3\u20ac])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?\b")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?:\s?([ap])\.?m\.?)?(?![\d:])", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_YEAR = re.compile(r"(?<![\d,.$\u00a3\u20ac])(1[1-9]\d\d|20\d\d)(s?)(?!\d|,\d|\.\d)")
_DECIMAL = re.compile(r"(?<![\d,])(\d+)\.(\d+)\b")
_INTEGER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d])")
# Web fiction's marks that engines read as words: ":)" was "colon", "<3" "three", "~~" "tilde
# tilde", "^_^" "circumflex", "A/N" "A slash N", "#5" "hash five". Emoticons stand alone.
_EMOTICON = re.compile(r"(?<!\S)(?:[:;=][-']?[()DPpOo/|*3\[\]]|<3+|[xX]D)(?=\s|$|[.,!?])")
_DECORATION = re.compile(r"[~^]+")
_AUTHORS_NOTE = re.compile(r"(?<!\w)A/N\b")
_HASH_SIGN = re.compile(r"(?<![\w#])#(?=\w)")
_PAUSE_MARKS = re.compile(r"\s*(?:\.{3,}|\u2026|--+|[\u2014\u2013](?!\d))\s*")
_REPEATED = re.compile(r"([?!])[?!]+|([.,;:])\2+")
_SHOUT = re.compile(r"\b[A-Z][A-Z'\-]*[A-Z]\b(?:[\s,!?.]+\b[A-Z][A-Z'\-]*[A-Z]\b)*")


def normalize_for_speech(text: str) -> str:
    """Rewrite what engines misread into plain words (pure; the script keeps the original)."""
    text = _EMOTICON.sub("", text)
    text = _DECORATION.sub(" ", text)
    text = _AUTHORS_NOTE.sub("Author's note", text)
    text = _HASH_SIGN.sub(lambda m: "number " if m.string[m.end()].isdigit() else "", text)  # "#5", "#blessed"
    text = _URL.sub(lambda m: "a link to " + m.group(1).removeprefix("www.").replace(".", " dot "), text)
    text = _MONEY.sub(_money, text)
    text = _DATE.sub(_date, text)
    text = _TIME.sub(_time, text)
    text = _ORDINAL.sub(lambda m: num2words(int(m.group(1)), to="ordinal"), text)
    text = _NUMBER_SIGN.sub("number ", text)
    text = _SAINT_OR_STREET.sub(lambda m: "Saint " if m.group(1) else "Street", text)
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    text = _YEAR.sub(_year, text)
    text = _DECIMAL.sub(lambda m: f"{_cardinal(m.group(1))} point {' '.join(_cardinal(d) for d in m.group(2))}",
                        text)
    text = _INTEGER.sub(lambda m: _cardinal(m.group(1)), text)
    text = _PAUSE_MARKS.sub(", ", text)
    text = _REPEATED.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SHOUT.sub(_unshout, text)
    return text.replace("_", " ")


def respell(text: str, pronounce: Mapping[str, str]) -> str:
    """Replace whole words by their spelling in the casting file's pronunciation table."""
    for word, spoken in sorted(pronounce.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", spoken, text, flags=re.IGNORECASE)
    return text


def _cardinal(digits: str) -> str:
    return str(num2words(int(digits.replace(",", ""))))


def _money(m: re.Match[str]) -> str:
    amount = float(int(m.group(2).replace(",", ""))) + (int(m.group(3)) / 100 if m.group(3) else 0.0)
    words = str(num2words(amount, to="currency", currency=CURRENCIES[m.group(1)])).replace(" sterling", "")
    return words if m.group(3) and int(m.group(3)) else words.split(",")[0]  # "$20": twenty dollars


def _date(m: re.Match[str]) -> str:
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    month, day = (second, first) if first > 12 else (first, second)  # 17/3/02 is day first
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    if len(m.group(3)) == 2:
        year += 2000 if year < 50 else 1900
    return f"{MONTHS[month - 1]} {num2words(day, to='ordinal')}, {num2words(year, to='year')}"


def _time(m: re.Match[str]) -> str:
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return m.group(0)
    spoken = str(num2words(hour))
    spoken += " o'clock" if minute == 0 and not m.group(3) else "" if minute == 0 else (
        f" oh {num2words(minute)}" if minute < 10 else f" {num2words(minute)}")
    return spoken + (f" {m.group(3).lower()} m" if m.group(3) else "")


def _year(m: re.Match[str]) -> str:
    words = str(num2words(int(m.group(1)), to="year"))
    if m.group(2):  # the 1990s: nineteen nineties
        words = words[:-1] + "ies" if words.endswith("y") else words + "s"
    return words


def _unshout(m: re.Match[str]) -> str:
    """ALL-CAPS shouting is read as words; a short lone acronym (FBI, NASA) is left to be spelled."""
    found = m.group(0)
    letters = sum(c.isalpha() for c in found)
    return found.lower() if " " in found.strip() or letters >= 5 else found


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

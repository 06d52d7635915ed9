"""Plain frozen dataclasses for everything that crosses a stage boundary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Gender = Literal["male", "female", "unknown"]
SegmentKind = Literal["narration", "dialogue"]
GENDERS: tuple[Gender, ...] = ("male", "female", "unknown")


@dataclass(frozen=True)
class Segment:
    """One stretch of a chapter read by one voice.

    ``start``/``end`` are code-point offsets into the source text as decoded (newlines
    normalised as Python's text mode does). ``paragraph`` and ``scene`` count from 0
    within the chapter and drive the pauses between segments.
    """

    kind: SegmentKind
    text: str
    start: int
    end: int
    speaker: str | None = None
    paragraph: int = 0
    scene: int = 0
    confidence: float | None = None
    reason: str | None = None
    thought: bool = False  # an italic passage in narration (``_..._``): usually a character's thoughts


@dataclass(frozen=True)
class Chapter:
    """A chapter of the parsed script: its title and its segments in reading order."""

    title: str
    segments: tuple[Segment, ...]
    source: str = ""
    start: int = 0
    end: int = 0
    number: int = 0  # its number in the whole story when only some chapters are rendered (0: its position)
    front_matter: bool = False


@dataclass(frozen=True)
class Character:
    """A speaking character found in (or cast for) a story."""

    name: str
    aliases: tuple[str, ...] = ()
    gender: Gender = "unknown"
    lines: int = 0
    first_person: bool = False


@dataclass(frozen=True)
class Script:
    """The parser's output: what is read, in which order, by whom."""

    title: str
    chapters: tuple[Chapter, ...]
    characters: tuple[Character, ...]
    author: str | None = None

    def to_json(self) -> dict[str, object]:
        """The ``storycast parse --json`` contract (fields are only ever added)."""
        return {
            "title": self.title,
            "author": self.author,
            "chapters": [
                {
                    "title": ch.title,
                    "source": ch.source,
                    "segments": [_segment_json(s) for s in ch.segments],
                }
                for ch in self.chapters
            ],
            "characters": [
                {
                    "name": c.name,
                    "aliases": list(c.aliases),
                    "gender": c.gender,
                    "lines": c.lines,
                    "first_person": c.first_person,
                }
                for c in self.characters
            ],
        }


def _segment_json(seg: Segment) -> dict[str, object]:
    out: dict[str, object] = {
        "kind": seg.kind,
        "speaker": seg.speaker,
        "text": seg.text,
        "start": seg.start,
        "end": seg.end,
        "paragraph": seg.paragraph,
        "scene": seg.scene,
    }
    if seg.kind == "dialogue":
        out["confidence"] = seg.confidence
        out["reason"] = seg.reason
    if seg.thought:
        out["thought"] = True
    return out


@dataclass(frozen=True)
class Voice:
    """A voice profile: what the engine needs to speak in one character's voice."""

    voice: str
    rate: int = 170
    pitch: int = 50
    volume: float = 1.0


@dataclass(frozen=True)
class CastEntry:
    """One character in the casting file; ``voice`` is None when the pool decides."""

    name: str
    aliases: tuple[str, ...] = ()
    gender: Gender = "unknown"
    first_person: bool = False
    voice: Voice | None = None
    line: int | None = None


@dataclass(frozen=True)
class Cast:
    """The casting file as loaded and validated."""

    narrator: Voice
    characters: tuple[CastEntry, ...] = ()
    pool: dict[Gender, tuple[str, ...]] = field(default_factory=dict)
    source: str | None = None
    thoughts: str = "narrator"  # who reads thought segments: the narrator, or the thinking character
    pronounce: dict[str, str] = field(default_factory=dict)  # word -> how to say it, for every voice
    pauses: dict[str, int] = field(default_factory=dict)  # pause name -> milliseconds, over the defaults

    def entry_for(self, name: str) -> CastEntry | None:
        """The entry whose name or alias is ``name`` (case and dots ignored)."""
        key = name_key(name)
        for entry in self.characters:
            if key == name_key(entry.name) or key in {name_key(a) for a in entry.aliases}:
                return entry
        return None


# Japanese honorific suffixes, as fan fiction writes them: "Sakura-chan" and "Kakashi-sensei" are
# Sakura and Kakashi, called politely or fondly
_HONORIFIC_SUFFIX = re.compile(r"-(?:san|kun|chan|sama|sensei|senpai|sempai|dono)\b")


def name_key(name: str) -> str:
    """A name folded for comparison: case, dots, spacing, accents and a Japanese honorific suffix
    ignored (a casting file's ``Zoe`` is the story's ``Zoë``, its ``Thérèse`` a text's
    ``Therese``, its ``Sasuke`` a text's ``Sasuke-kun``)."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = name.replace(".", " ").replace("_", " ").lower()
    if "-" in name:
        name = _HONORIFIC_SUFFIX.sub("", name)
    return " ".join(name.split())


@dataclass(frozen=True)
class SourceText:
    """One input file as decoded: every offset in a script points into ``text``."""

    path: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class StoryChapter:
    """A chapter as the loader found it: a title and a body span in one source text."""

    title: str
    source: int
    start: int
    end: int
    front_matter: bool = False  # an author's note, preface, dedication...: kept, skippable


@dataclass(frozen=True)
class Story:
    """The loaded input: decoded texts and where each chapter's body lies in them."""

    title: str
    sources: tuple[SourceText, ...]
    chapters: tuple[StoryChapter, ...]
    author: str | None = None
    language: str | None = None  # from an EPUB's or a page's metadata
    cover: bytes | None = None  # an EPUB's cover image

    def body(self, chapter: StoryChapter) -> str:
        return self.sources[chapter.source].text[chapter.start : chapter.end]


@dataclass(frozen=True)
class Cue:
    """A stretch of a chapter's audio and the words heard in it: one line of a transcript."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class ChapterMark:
    """A titled point inside an audio file that players can jump to (ID3 CHAP, JSON chapters)."""

    start_ms: int
    end_ms: int
    title: str

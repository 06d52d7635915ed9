"""Layout: read a story set otherwise than the parser's rules were written for.

The rules were written for Project Gutenberg's layout (``--``, ``...``, straight quotes, no
spaces at line ends) and read every story as if it were set so. Spaces no rule should see are
parsed away, with a map between the trimmed text's offsets and the text's as written
(:class:`Trimmed`, :func:`trimmed_story`, :func:`written_script`), and characters the rules do
not know are read one for one as ones they do (:func:`mended`). A script keeps the text exactly
as written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from storycast.model import Script, Segment, Story
from storycast.quotes import restore_apostrophes, restore_letters

# Spaces the rules were not written for, as a text's layout puts them: at a line's end (some
# editors and web pages leave them), which hide a line break from every rule that reads one
# ("said,\nTony"); around a dash ("Mr. Vyse \u2014 I forget", a spaced en dash or hyphen as
# British and web texts write it), which the rules read as "Mr. Vyse\u2014I forget"; and in
# an ellipsis set with spaces ("I wonder . . . no"), read as "I wonder... no".
_LINE_END_BLANKS = " \t\u00a0"
_LINE_END_SPACES = tuple(blank + "\n" for blank in _LINE_END_BLANKS)
_SPACED_DASH_OR_DOTS = re.compile(
    r"(?=[ .])(?:(?<=\S)(?P<before> +)(?P<dash>\u2014|\u2013|--?)(?P<after> +)(?=\S)"
    r"|(?<=\S)(?P<lead> )?(?P<dots>\.(?: \.){2,}))")
_SPACED_MARKS = (" \u2014 ", " \u2013 ", " - ", " -- ", ". . .")  # one is in any text the pattern matches
_ELLIPSIS_AFTER_STOP = re.compile(r"(?<=[.!?])\u2026")


def _line_end_runs(text: str) -> list[tuple[int, int]]:
    """The spaces at each line's end (and the text's), found by their line break: a search for
    each mark is much quicker than a pattern over the whole text."""
    start_by_end: dict[int, int] = {}
    for mark in _LINE_END_SPACES:
        at = text.find(mark)
        while at != -1:
            start = at
            while start > 0 and text[start - 1] in _LINE_END_BLANKS:
                start -= 1
            start_by_end[at + 1] = start
            at = text.find(mark, at + 2)
    tail = len(text.rstrip(_LINE_END_BLANKS))
    if tail < len(text):
        start_by_end[len(text)] = tail
    return [(start, end) for end, start in start_by_end.items()]


class Trimmed:
    """A text without the spaces described above (its spaced dashes made em dashes), and the
    map between its offsets and the text's as written."""

    def __init__(self, written: str) -> None:
        self._written_ends: list[int] = []  # each removed run's end in the text as written
        self._trimmed_at: list[int] = []  # where each run was, in the trimmed text
        self._removed: list[int] = []  # characters removed up to and including each run
        runs = _line_end_runs(written)
        dashes: list[int] = []  # a spaced en dash or hyphen, read as an em dash (one character for one)
        if any(mark in written for mark in _SPACED_MARKS):
            for m in _SPACED_DASH_OR_DOTS.finditer(written):
                if m.group("dash"):
                    runs += [m.span("before"), m.span("after")]
                    if m.group("dash") in ("-", "\u2013"):
                        dashes.append(m.start("dash"))
                else:
                    runs += [m.span("lead")] if m.group("lead") else []
                    runs += [(k, k + 1) for k in range(m.start("dots") + 1, m.end("dots"), 2)]
        self.changed = bool(runs)
        self.text = written
        if not runs:
            return
        source = written
        if dashes:
            chars = list(written)
            for at in dashes:
                chars[at] = "\u2014"
            source = "".join(chars)
        pieces: list[str] = []
        pos = removed = 0
        for start, end in sorted(runs):
            pieces.append(source[pos:start])
            self._trimmed_at.append(start - removed)
            removed += end - start
            self._written_ends.append(end)
            self._removed.append(removed)
            pos = end
        self.text = "".join(pieces) + source[pos:]

    def trimmed(self, offset: int) -> int:
        """An offset as written in the trimmed text (one inside a removed run: where the run was)."""
        k = bisect.bisect_right(self._written_ends, offset)
        before = self._removed[k - 1] if k else 0
        if k < len(self._written_ends):  # inside a run: its removed part before the offset
            run_start = self._written_ends[k] - (self._removed[k] - before)
            before += max(0, offset - run_start)
        return offset - before

    def written(self, offset: int) -> int:
        """A trimmed offset in the text as written; a removed run goes with what it followed."""
        k = bisect.bisect_right(self._trimmed_at, offset)
        return offset + (self._removed[k - 1] if k else 0)


def trimmed_story(story: Story, trims: list[Trimmed]) -> Story:
    """The story with each source's text trimmed (``trims``, one per source) and its chapters'
    bounds moved with it."""
    return replace(story, sources=tuple(
        replace(source, text=trim.text) for source, trim in zip(story.sources, trims, strict=True)), chapters=tuple(
        replace(ch, start=trims[ch.source].trimmed(ch.start), end=trims[ch.source].trimmed(ch.end))
        for ch in story.chapters))


def written_script(script: Script, story: Story, trims: list[Trimmed]) -> Script:
    """A script parsed from :func:`trimmed_story` with every offset and text as ``story`` is
    written: the removed spaces go with the segment they followed, and each chapter's segments
    still tile its body exactly."""
    chapters = []
    for ch, done in zip(story.chapters, script.chapters, strict=True):
        text, written = story.sources[ch.source].text, trims[ch.source].written
        segments = []
        for seg in done.segments:
            start = max(ch.start, min(ch.end, written(seg.start)))
            end = max(start, min(ch.end, written(seg.end)))
            segments.append(replace(seg, start=start, end=end, text=text[start:end]))
        if segments:
            segments[0] = replace(segments[0], start=ch.start, text=text[ch.start : segments[0].end])
            segments[-1] = replace(segments[-1], end=ch.end, text=text[segments[-1].start : ch.end])
        elif ch.end > ch.start:  # nothing but spaces
            segments.append(Segment("narration", text[ch.start : ch.end], ch.start, ch.end))
        chapters.append(replace(done, start=ch.start, end=ch.end, segments=tuple(segments)))
    return replace(script, chapters=tuple(chapters))


def mended(text: str) -> str:
    """The text as every rule reads it, one character for one: a no-break space (a web page's)
    is a space; an ellipsis character is read as the rules know "..." (a full stop; after a ? or
    !, a space); letters and apostrophes lost in a conversion are restored."""
    text = text.replace("\u00a0", " ")
    if "\u2026" in text:
        text = _ELLIPSIS_AFTER_STOP.sub(" ", text).replace("\u2026", ".")
    return restore_apostrophes(restore_letters(text))

"""Layout benchmark: how many speakers change when the same novel is set another way.

Run through scripts/bench_layout. A story someone brings is typeset as its source left it:
spaces at every line end, CRLF line ends, blank lines that hold spaces, a spaced dash or an
ellipsis character where Project Gutenberg writes ``--`` and ``...``, one line per paragraph,
quote marks an editor curled all one way.
None of that changes who speaks, so a parser should give every line the speaker it gives the
novel as published. Each PDNC novel is parsed as published and set each way; the dialogue
segments of the two parses are aligned by their words (a variant moves offsets and marks,
not words) and those whose speaker differs are counted. Gold is not needed: this is a measure
of consistency, not accuracy (``./scripts/bench_attribution --typeset STYLE`` scores quote-mark
styles and two layouts against the gold). Not a test.
"""

from __future__ import annotations

import argparse
import difflib
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from _scorer import load_corpus  # scripts/ is on the path when run as a script

from storycast import load_cast, load_story, parse_story
from storycast.model import Cast

_HARD_WRAP = re.compile(r"(?<!\n)\n(?!\n)")
_DASH_BETWEEN_WORDS = re.compile(r"(?<=[\w,;!?.])--(?=\w)")

# name -> (what it is, the text set so)
VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "trailing-spaces": ("two spaces at every line end", lambda t: t.replace("\n", "  \n")),
    "crlf": ("CRLF line ends (read as the loader decodes them)", lambda t: t.replace("\n", "\r\n")),
    "spaced-blank-lines": ("blank lines holding spaces and a tab", lambda t: t.replace("\n\n", "\n \t \n")),
    "nbsp-blank-lines": ("blank lines holding a no-break space", lambda t: t.replace("\n\n", "\n\u00a0\n")),
    "em-dash": ("\u2014 for --", lambda t: t.replace("--", "\u2014")),
    "spaced-em-dash": ("' \u2014 ' between words", lambda t: _DASH_BETWEEN_WORDS.sub(" \u2014 ", t)),
    "spaced-en-dash": ("' \u2013 ' between words", lambda t: _DASH_BETWEEN_WORDS.sub(" \u2013 ", t)),
    "spaced-hyphen": ("' - ' between words", lambda t: _DASH_BETWEEN_WORDS.sub(" - ", t)),
    "ellipsis": ("\u2026 for ...", lambda t: t.replace("...", "\u2026")),
    "spaced-dots": (". . . for ...", lambda t: t.replace("...", ". . .")),
    "unwrapped": ("one line per paragraph, blank lines between", lambda t: _HARD_WRAP.sub(" ", t)),
    "closing-marks": ("every double mark curled as \u201d, opening ones too", lambda t: t.replace('"', "\u201d")),
    "opening-marks": ("every double mark curled as \u201c, closing ones too", lambda t: t.replace('"', "\u201c")),
}
_WORDS = re.compile(r"[\W_]+")


def _speakers(text: str, cast: Cast | None, workdir: Path) -> list[tuple[str, str | None]]:
    """(words, speaker) of each dialogue segment of ``text`` parsed as a story file."""
    path = workdir / "story.txt"
    path.write_bytes(text.encode("utf-8"))  # as written: CRLF stays CRLF on disk
    script = parse_story(load_story([str(path)]), cast=cast)
    return [(_WORDS.sub("", seg.text.lower()), seg.speaker)
            for chapter in script.chapters for seg in chapter.segments if seg.kind == "dialogue"]


def compare(published: list[tuple[str, str | None]], variant: list[tuple[str, str | None]]) -> tuple[int, int]:
    """(segments aligned by their words whose speaker differs, segments not aligned)."""
    matcher = difflib.SequenceMatcher(None, [w for w, _ in published], [w for w, _ in variant], autojunk=False)
    moved = unaligned = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            moved += sum(published[i1 + k][1] != variant[j1 + k][1] for k in range(i2 - i1))
        else:
            unaligned += max(i2 - i1, j2 - j1)
    return moved, unaligned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--mode", choices=("cold", "cast"), default="cold",
                        help="cold (default: the parser finds the characters) or cast (the gold list)")
    parser.add_argument("--variants", nargs="*", choices=sorted(VARIANTS), help="only these (default: all)")
    parser.add_argument("--novels", nargs="*", help="only these PDNC folders")
    args = parser.parse_args()
    scorer, folders = load_corpus(args.data, args.scorer, args.novels, "scripts/bench_layout")
    names = args.variants or list(VARIANTS)
    totals = {name: [0, 0] for name in names}
    segments = 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for folder in folders:
            cast = None
            if args.mode == "cast":
                quotes = scorer.load_quotes(folder)
                scorer.write_cast(scorer.load_characters(folder), scorer.first_person_narrator(quotes),
                                  workdir / "cast.yaml")
                cast = load_cast(workdir / "cast.yaml")
            text = (folder / "novel_text.txt").read_text(encoding="utf-8")
            published = _speakers(text, cast, workdir)
            segments += len(published)
            for name in names:
                moved, unaligned = compare(published, _speakers(VARIANTS[name][1](text), cast, workdir))
                totals[name][0] += moved
                totals[name][1] += unaligned
    print(f"{args.mode} mode, {len(folders)} novels, {segments:,} dialogue segments as published")
    print()
    print("| set as | what | speakers changed | segments not aligned |")
    print("|---|---|---|---|")
    for name in names:
        moved, unaligned = totals[name]
        print(f"| {name} | {VARIANTS[name][0]} | {moved:,} ({100 * moved / max(1, segments):.2f}%) | {unaligned:,} |")


if __name__ == "__main__":
    main()

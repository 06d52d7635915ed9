"""Held-out attribution benchmark: public-domain excerpts the parser's rules were not drawn from.

Run through scripts/bench_heldout. Each folder under scripts/heldout/ holds an excerpt
(``story.txt``), its character list as a casting file (``cast.yaml``) and hand-made labels
(``gold.tsv``). The excerpt is parsed with the real CLI (``storycast parse --json``), with the
casting file (cast mode) and without it (cold mode), and every labelled quotation is scored
on the dialogue segment that holds its first word.

``gold.tsv``: one line per quoted piece of speech, in text order, ``speaker<TAB>opening``,
where ``opening`` is the piece's first characters from its opening quote mark (``\\n`` for a
line break) and ``speaker`` a name or alias from ``cast.yaml``. A piece that continues the
quotation before it, after a tag (``"Well," said Anne, "perhaps."``), has ``+`` for speaker:
it is scored with its quotation, not on its own. Quoted words that are not speech (a title,
a scare quote) have no line; a dialogue segment holding no labelled piece is counted stray.

Cast mode is right when the speaker names the gold character or one of its aliases. Cold
mode also accepts part of a name (an excerpt may never give a character's full name:
``Scrooge`` for Ebenezer Scrooge, ``the nephew`` for Scrooge's Nephew). Not a test.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from _scorer import right_by_name_part  # scripts/ is on the path when run as a script

from storycast import load_cast
from storycast.model import Cast, CastEntry, name_key

NARRATOR_LABELS = {"narrator", "i", "me"}


@dataclass(frozen=True)
class Quotation:
    speaker: str
    opening: str
    pieces: tuple[int, ...]  # offsets of each piece's opening quote mark


@dataclass(frozen=True)
class Result:
    quotation: Quotation
    found: bool  # a dialogue segment holds its first piece
    said: str | None
    reason: str | None
    right: bool


def load_gold(folder: Path, text: str) -> list[Quotation]:
    """The labelled quotations of an excerpt, each with the offsets of its pieces."""
    quotations: list[Quotation] = []
    position = 0
    for number, line in enumerate((folder / "gold.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        speaker, _, opening = line.partition("\t")
        opening = opening.replace("\\n", "\n")
        at = text.find(opening, position)
        if not opening or at < 0:
            sys.exit(f"error: {folder / 'gold.tsv'}:{number}: {opening[:30]!r} is not in story.txt "
                     "after the line before")
        position = at + 1
        if speaker == "+":
            if not quotations:
                sys.exit(f"error: {folder / 'gold.tsv'}:{number}: a '+' line continues nothing")
            last = quotations.pop()
            quotations.append(Quotation(last.speaker, last.opening, last.pieces + (at,)))
        else:
            quotations.append(Quotation(speaker, opening, (at,)))
    return quotations


def parse_excerpt(cli: str, story: Path, cast: Path | None) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, speaker, reason) of every dialogue segment ``storycast parse --json`` prints."""
    command = [cli, "parse", str(story), "--json"] + (["--cast", str(cast)] if cast else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"error: {' '.join(command)} failed: {done.stderr.strip()}")
    script = json.loads(done.stdout)
    return sorted((seg["start"], seg["end"], seg.get("speaker"), seg.get("reason"))
                  for chapter in script["chapters"] for seg in chapter["segments"] if seg["kind"] == "dialogue")


def segment_at(segments: list[tuple[int, int, str | None, str | None]], offset: int) -> int | None:
    """Index of the dialogue segment holding the character after the quote mark at ``offset``."""
    for index, (start, end, _, _) in enumerate(segments):
        if start <= offset + 1 < end:
            return index
    return None


def is_right(said: str | None, gold: CastEntry, *, cold: bool) -> bool:
    if not said:
        return False
    key = name_key(said)
    names = {name_key(gold.name)} | {name_key(alias) for alias in gold.aliases}
    if key in names or (key in NARRATOR_LABELS and gold.first_person):
        return True
    return cold and right_by_name_part(key, names)


def score_excerpt(folder: Path, cli: str, mode: str) -> tuple[list[Result], int, list[str]]:
    """Per-quotation results, the number of dialogue segments and the stray ones' openings."""
    story = folder / "story.txt"
    text = story.read_text(encoding="utf-8")
    cast: Cast = load_cast(folder / "cast.yaml")
    quotations = load_gold(folder, text)
    segments = parse_excerpt(cli, story, folder / "cast.yaml" if mode == "cast" else None)
    used: set[int] = set()
    results = []
    for quotation in quotations:
        held = [segment_at(segments, at) for at in quotation.pieces]
        used.update(index for index in held if index is not None)
        gold = cast.entry_for(quotation.speaker)
        if gold is None:
            sys.exit(f"error: {folder / 'gold.tsv'}: speaker {quotation.speaker!r} is not in cast.yaml")
        first = held[0]
        if first is None:
            results.append(Result(quotation, False, None, None, False))
            continue
        _, _, said, reason = segments[first]
        results.append(Result(quotation, True, said, reason, is_right(said, gold, cold=mode == "cold")))
    stray = [text[start : min(end, start + 40)]
             for index, (start, end, _, _) in enumerate(segments) if index not in used]
    return results, len(segments), stray


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "heldout")
    parser.add_argument("--cli", default=str(Path(sys.executable).parent / "storycast"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong line and stray segment")
    parser.add_argument("--excerpts", metavar="GLOB", default="*",
                        help="only the excerpt folders whose names match (e.g. 'pdnc-*'; default: all)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"error: {args.data}: no such folder; pass --data with a folder of excerpts (see scripts/heldout)")
    folders = sorted(path for path in args.data.iterdir()
                     if (path / "gold.tsv").is_file() and fnmatch.fnmatch(path.name, args.excerpts))
    if not folders:
        sys.exit(f"error: {args.data}: no excerpt folders with a gold.tsv in it matching {args.excerpts!r}")
    totals = [0] * 6  # quotations, found, right in cast mode, in cold mode, stray segments, segments
    print("| excerpt | quotations | found | cast | cold | stray dialogue segments |")
    print("|---|---|---|---|---|---|")
    for folder in folders:
        cast_results, segments, stray = score_excerpt(folder, args.cli, "cast")
        cold_results, _, _ = score_excerpt(folder, args.cli, "cold")
        counts = [len(cast_results), sum(r.found for r in cast_results), sum(r.right for r in cast_results),
                  sum(r.right for r in cold_results), len(stray), segments]
        totals = [total + n for total, n in zip(totals, counts, strict=True)]
        print(row(folder.name, *counts))
        if args.verbose:
            for opening in stray:
                print(f"  {folder.name}: stray dialogue segment {opening!r}", file=sys.stderr)
            for mode, results in (("cast", cast_results), ("cold", cold_results)):
                for r in results:
                    if not r.right:
                        print(f"  {folder.name} {mode}: gold {r.quotation.speaker}, said {r.said} ({r.reason}): "
                              f"{r.quotation.opening[:40]!r}", file=sys.stderr)
    print(row(f"all {len(folders)}", *totals))


def row(name: str, quotations: int, found: int, cast: int, cold: int, stray: int, segments: int) -> str:
    """One line of the table."""
    def share(n: int) -> str:
        return f"{100 * n / quotations:.1f}% ({n})"
    return f"| {name} | {quotations} | {share(found)} | {share(cast)} | {share(cold)} | {stray} / {segments} |"


if __name__ == "__main__":
    main()

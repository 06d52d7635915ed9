"""Scene benchmark: short modern scenes written by hand under scripts/scenes/, parsed in cold mode.

Run through scripts/bench_scenes. Each scene is ``NAME.txt`` (the story) and ``NAME.gold``: one
line per paragraph that holds dialogue, in text order, naming who speaks it. A line may give
alternatives (``Malik/Sergeant Malik``: any of them is right) or ``*`` (anyone); a first line
``#narrator NAME`` says which gold name the parser's ``Narrator`` means in a story told as "I".
A paragraph whose dialogue goes to two speakers is read as ``A|B`` and is right only if the gold
line says so. Scenes named ``s<session>-*`` were written to find what the parser gets wrong and
rules were drawn from them; ``frozen<session>-*`` were written before that session's rules and
not used to change the code, so they measure unseen text (see scripts/scenes/README.md). Not a test.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

from storycast import load_story, parse_story

NARRATOR = "Narrator"


def read_gold(path: Path) -> tuple[list[list[str]], str | None]:
    """The gold speakers per dialogue paragraph (each a list of accepted names, lower-cased), and
    the name the parser's Narrator stands for, if the file says."""
    lines, narrator = [], None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#narrator"):
            narrator = line.split(None, 1)[1].strip()
        elif line:
            lines.append([name.strip().lower() for name in line.split("/")])
    return lines, narrator


def said_per_paragraph(path: Path) -> list[tuple[str, str]]:
    """(speakers, text) for each paragraph holding dialogue, in order: the paragraph's speakers
    joined by ``|`` where they change inside it."""
    script = parse_story(load_story([path]))
    out: list[tuple[str, str]] = []
    for chapter in script.chapters:
        current: int | None = None
        speakers: list[str] = []
        text = ""
        for seg in chapter.segments:
            if seg.kind != "dialogue":
                continue
            if seg.paragraph != current:
                if current is not None:
                    out.append(("|".join(speakers), text))
                current, speakers, text = seg.paragraph, [], seg.text
            if not speakers or speakers[-1] != (seg.speaker or "?"):
                speakers.append(seg.speaker or "?")
        if current is not None:
            out.append(("|".join(speakers), text))
    return out


def score_scene(story: Path, gold_path: Path) -> tuple[int, list[str]]:
    """How many dialogue paragraphs the scene has, and a line for each one read wrong."""
    gold, narrator = read_gold(gold_path)
    said = said_per_paragraph(story)
    if len(said) != len(gold):
        sys.exit(f"error: {gold_path}: {len(gold)} gold lines, but the parser reads {len(said)} paragraphs of "
                 f"dialogue in {story.name}; give one line per paragraph that holds a quote")
    wrong = []
    for k, ((speakers, text), accepted) in enumerate(zip(said, gold, strict=True), start=1):
        reading = speakers.replace(NARRATOR, narrator) if narrator else speakers
        if accepted != ["*"] and reading.lower() not in accepted:
            wrong.append(f"  {story.stem} line {k}: gold {'/'.join(accepted)}, said {speakers}: "
                         f"{' '.join(text.split())[:50]!r}")
    return len(gold), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parent / "scenes")
    parser.add_argument("--scenes", metavar="GLOB", default="*", help="only the scenes whose names match")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every line read wrong")
    args = parser.parse_args()
    stories = sorted(p for p in args.data.glob("*.txt") if fnmatch.fnmatch(p.stem, args.scenes))
    if not stories:
        sys.exit(f"error: {args.data}: no scenes matching {args.scenes!r} (NAME.txt with NAME.gold beside it)")
    print("| scene | dialogue paragraphs | read wrong |")
    print("|---|---|---|")
    groups: dict[str, list[int]] = {}
    for story in stories:
        gold_path = story.with_suffix(".gold")
        if not gold_path.is_file():
            sys.exit(f"error: {story}: no gold file {gold_path.name} beside it")
        lines, wrong = score_scene(story, gold_path)
        print(f"| {story.stem} | {lines} | {len(wrong)} |")
        group = groups.setdefault(story.stem.split("-", 1)[0], [0, 0])
        group[0] += lines
        group[1] += len(wrong)
        if args.verbose:
            for line in wrong:
                print(line, file=sys.stderr)
    for name, (lines, wrong) in groups.items():
        print(f"| all {name} | {lines} | {wrong} |")


if __name__ == "__main__":
    main()

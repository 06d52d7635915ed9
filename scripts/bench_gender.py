"""Gender benchmark: how often a character the parser finds gets the gold gender.

Run through scripts/bench_gender. Each novel is parsed in cold mode, whole and cut to its
first N words (at a paragraph end); every found character whose name or alias is a gold
character's with a known gender (M/F) is scored right, wrong or unknown, counted once per
character and once per line it speaks (what a listener hears). Not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _scorer import load_scorer  # scripts/ is on the path when run as a script

from storycast import load_story, parse_story

GOLD_GENDER = {"male", "female"}


def first_words(text: str, words: int) -> str:
    """The text up to the paragraph end where ``words`` words have been reached (0: all)."""
    if not words:
        return text
    seen, end = 0, 0
    for para in text.split("\n\n"):
        end += len(para) + 2
        seen += len(para.split())
        if seen >= words:
            return text[:end]
    return text


def score_novel(folder: Path, words: int, scorer, workdir: Path) -> Counter[str]:  # type: ignore[no-untyped-def]
    gold = scorer.load_characters(folder)
    owner: dict[str, str] = {}
    for name, info in gold.items():
        for alias in (name, *info["aliases"]):
            owner.setdefault(scorer.norm(alias), name)
    path = workdir / f"{folder.name}.txt"
    path.write_text(first_words((folder / "novel_text.txt").read_text(encoding="utf-8"), words), encoding="utf-8")
    tally: Counter[str] = Counter()
    for character in parse_story(load_story([str(path)])).characters:
        match = owner.get(scorer.norm(character.name))
        if match is None or gold[match]["gender"] not in GOLD_GENDER:
            continue
        verdict = ("right" if character.gender == gold[match]["gender"]
                   else "unknown" if character.gender == "unknown" else "wrong")
        tally[verdict] += 1
        tally[verdict + " lines"] += character.lines
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--words", default="0,2000,5000,10000", help="comma-separated prefix sizes; 0 = whole novel")
    parser.add_argument("--novels", nargs="*", help="only these novel folders")
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    folders = sorted(p for p in args.data.iterdir() if (p / "quotation_info.csv").exists()
                     and (not args.novels or p.name in args.novels))
    print("| text | characters | right | unknown | wrong | lines right | lines unknown | lines wrong |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for words in (int(w) for w in args.words.split(",")):
            tally: Counter[str] = Counter()
            for folder in folders:
                tally += score_novel(folder, words, scorer, Path(tmp))
            chars = tally["right"] + tally["unknown"] + tally["wrong"]
            lines = max(1, tally["right lines"] + tally["unknown lines"] + tally["wrong lines"])
            label = "whole novels" if not words else f"first {words:,} words"
            print(f"| {label} | {chars} | {tally['right']} | {tally['unknown']} | {tally['wrong']} | "
                  + " | ".join(f"{100 * tally[k + ' lines'] / lines:.1f}%" for k in ("right", "unknown", "wrong"))
                  + " |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

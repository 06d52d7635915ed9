"""Short-story benchmark: the PDNC novels cut into chapter-length pieces, each parsed on its own.

Run through scripts/bench_short. A story someone brings is often one chapter or a short story
of a few thousand words, where the parser has less to learn from than in a whole novel (which
words are names, whose gender is whose). Each novel is cut at paragraph breaks into pieces of
about ``--words`` words; each piece is parsed alone, in cast mode (the novel's character list)
and cold mode, and the gold quotations inside it are scored as the shared scorer scores them.
Cold mode also counts part of a gold name as right (a piece may never give a character's full
name: "Scrooge" for Ebenezer Scrooge), so compare it with the whole novels' cold figure scored
the same way, which this prints too. Not a test.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from pathlib import Path

from _scorer import load_corpus, right_by_name_part  # scripts/ is on the path when run as a script

from storycast import load_cast, load_story, parse_story

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def pieces(text: str, words: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each ending at the first paragraph break
    after ``words`` words."""
    cuts = [0]
    for m in _PARAGRAPH_BREAK.finditer(text):
        if len(text[cuts[-1] : m.end()].split()) >= words:
            cuts.append(m.end())
    if cuts[-1] < len(text):
        cuts.append(len(text))
    return list(zip(cuts, cuts[1:], strict=False))


def score_novel(folder: Path, scorer, words: int | None, workdir: Path) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """[right, right counting name parts, quotations] per mode; ``words=None``: the whole novel."""
    chars = scorer.load_characters(folder)
    quotes = scorer.load_quotes(folder)
    narrator = scorer.first_person_narrator(quotes)
    names = {n: {scorer.norm(n)} | {scorer.norm(a) for a in info["aliases"]} for n, info in chars.items()}
    scorer.write_cast(chars, narrator, workdir / "cast.yaml")
    cast = load_cast(workdir / "cast.yaml")
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    totals = {"cast": [0, 0, 0], "cold": [0, 0, 0]}
    for start, end in pieces(text, words) if words else [(0, len(text))]:
        inside = [q for q in quotes if all(start <= s and e <= end for s, e in q["spans"])]
        if not inside:
            continue
        (workdir / "piece.txt").write_text(text[start:end], encoding="utf-8")
        story = load_story([str(workdir / "piece.txt")])
        for mode in ("cast", "cold"):
            script = parse_story(story, cast=cast if mode == "cast" else None).to_json()
            dialogue = [(s + start, e + start, who) for s, e, who in scorer.dialogue_segments(script)]
            starts = [s for s, _, _ in dialogue]
            for quote in inside:
                votes: Counter[str] = Counter()  # the shared scorer's vote: overlap per speaker
                for s, e in quote["spans"]:
                    for who, chars_over in scorer.overlaps(dialogue, starts, s, e):
                        votes[who] += chars_over
                said = scorer.norm(votes.most_common(1)[0][0]) if votes else ""
                gold = names.get(quote["speaker"], {scorer.norm(quote["speaker"])})
                right = bool(said) and (said in gold or (
                    said in scorer.NARRATOR_LABELS and quote["speaker"] in (narrator, "_narr")))
                by_part = right or right_by_name_part(said, gold)
                totals[mode][0] += right
                totals[mode][1] += by_part
                totals[mode][2] += 1
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 6000],
                        help="piece sizes to score, in words (default: 2000 6000)")
    parser.add_argument("--novels", nargs="*", help="only these PDNC folders")
    args = parser.parse_args()
    scorer, folders = load_corpus(args.data, args.scorer, args.novels, "scripts/bench_short")
    print("| pieces of | quotations | cast | cold | cold, name parts count |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for words in [None, *args.words]:
            sums = {"cast": [0, 0, 0], "cold": [0, 0, 0]}
            for folder in folders:
                for mode, (right, by_part, n) in score_novel(folder, scorer, words, Path(tmp)).items():
                    sums[mode] = [sums[mode][0] + right, sums[mode][1] + by_part, sums[mode][2] + n]
            n = sums["cast"][2]
            label = "whole novels" if words is None else f"{words:,} words"
            print(f"| {label} | {n:,} | {100 * sums['cast'][0] / n:.1f}% | {100 * sums['cold'][0] / n:.1f}% "
                  f"| {100 * sums['cold'][1] / n:.1f}% |")


if __name__ == "__main__":
    main()

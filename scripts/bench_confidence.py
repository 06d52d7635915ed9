"""Confidence benchmark: does a line's confidence say how likely its speaker is right?

Run through scripts/bench_confidence. Each PDNC novel is parsed (cast and cold mode, as
scripts/bench_attribution does); every gold quote is matched to the dialogue segment that
overlaps it most, and scored right or wrong as the shared scorer scores it. Printed per mode:
how often lines in each confidence band are right (calibration, and its mean error), the
area under the ROC curve (how well confidence ranks right lines above wrong ones), and the
share of all wrong lines a user finds by reviewing the least confident 10%, 20% and 30% of
lines. Not a test.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import defaultdict
from pathlib import Path

from _scorer import load_scorer  # scripts/ is on the path when run as a script

from storycast import load_cast, load_story, parse_story


def judged_lines(folder: Path, mode: str, scorer, workdir: Path) -> list[tuple[float, bool]]:  # type: ignore[no-untyped-def]
    """(confidence, right) for every gold quote some dialogue segment voices."""
    chars = scorer.load_characters(folder)
    quotes = scorer.load_quotes(folder)
    narrator = scorer.first_person_narrator(quotes)
    cast = None
    if mode == "cast":
        scorer.write_cast(chars, narrator, workdir / "cast.yaml")
        cast = load_cast(workdir / "cast.yaml")
    script = parse_story(load_story([str(folder / "novel_text.txt")]), cast=cast).to_json()
    dialogue = sorted((seg["start"], seg["end"], seg.get("speaker") or "", seg.get("confidence") or 0.0)
                      for chapter in script["chapters"] for seg in chapter["segments"] if seg["kind"] == "dialogue")
    spans = [(start, end, index) for index, (start, end, _, _) in enumerate(dialogue)]
    starts = [start for start, _, _ in spans]
    names = {name: {scorer.norm(name)} | {scorer.norm(a) for a in info["aliases"]} for name, info in chars.items()}
    out = []
    for quote in quotes:
        overlap: dict[int, int] = defaultdict(int)
        for s, e in quote["spans"]:
            for index, chars_over in scorer.overlaps(spans, starts, s, e):
                overlap[index] += chars_over
        if not overlap:
            continue
        _, _, speaker, confidence = dialogue[max(overlap, key=lambda k: overlap[k])]
        gold = quote["speaker"]
        said = scorer.norm(speaker)
        right = said in names.get(gold, {scorer.norm(gold)}) or (
            said in scorer.NARRATOR_LABELS and gold in (narrator, "_narr"))
        out.append((confidence, right))
    return out


def auc(lines: list[tuple[float, bool]]) -> float:
    """Probability that a right line has a higher confidence than a wrong one (ties count half)."""
    ranked = sorted(lines)
    right = sum(ok for _, ok in ranked)
    wrong = len(ranked) - right
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(ok for _, ok in ranked[i:j])
        i = j
    return (rank_sum - right * (right + 1) / 2) / max(1, right * wrong)


def report(mode: str, lines: list[tuple[float, bool]]) -> None:
    bands: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for confidence, ok in lines:
        band = bands[min(int(confidence * 10), 9)]
        band[0] += ok
        band[1] += 1
        band[2] += confidence
    error = sum(abs(b[0] - b[2]) for b in bands.values()) / len(lines)
    print(f"== mode={mode}: {len(lines)} lines, AUC {auc(lines):.3f}, calibration error {100 * error:.1f} points")
    print("| confidence | lines | right | mean confidence |")
    print("|---|---|---|---|")
    for k in sorted(bands):
        right, count, total = bands[k]
        print(f"| {k / 10:.1f}-{(k + 1) / 10:.1f} | {count:.0f} | {100 * right / count:.1f}% "
              f"| {100 * total / count:.1f}% |")
    shuffled = lines[:]
    random.Random(0).shuffle(shuffled)  # ties in confidence in no particular order
    shuffled.sort(key=lambda line: line[0])
    wrong = sum(not ok for _, ok in lines)
    found = []
    for share in (0.1, 0.2, 0.3):
        reviewed = shuffled[: int(len(shuffled) * share)]
        found.append(f"{share:.0%}: {100 * sum(not ok for _, ok in reviewed) / max(1, wrong):.1f}%")
    print("reviewing the least confident lines finds this share of the wrong ones: " + ", ".join(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--novels", nargs="*", help="only these novel folders")
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    folders = sorted(p for p in args.data.iterdir() if (p / "quotation_info.csv").exists()
                     and (not args.novels or p.name in args.novels))
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("cast", "cold"):
            report(mode, [line for folder in folders for line in judged_lines(folder, mode, scorer, Path(tmp))])


if __name__ == "__main__":
    main()

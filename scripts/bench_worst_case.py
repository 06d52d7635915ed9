"""Worst-case parse time: synthetic texts shaped to stress the parser, each parsed with the real CLI.

Run through scripts/bench_worst_case. A story may come with no paragraph breaks at all, as one
conversation thousands of lines long, or with a cast of thousands; parse time should grow with
the text's length, not with its square. Each shape is written at two sizes, the second five
times the first, and parsed by ``storycast parse --json`` once (wall-clock seconds, process
start-up included); the growth column is the second time over the first, about 5 when the
parse is linear. Not a test: tests never time anything.
"""

from __future__ import annotations

import argparse
import random
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def one_paragraph(n: int) -> str:
    """A whole book's dialogue in one paragraph (a file with no paragraph breaks)."""
    return "Chapter 1\n\n" + " ".join(['"Well," said Tom, "perhaps."'] * n) + "\n"


def single_quotes(n: int) -> str:
    """British single quotes, every one of them in one paragraph."""
    return "Chapter 1\n\n" + " ".join(["'Well,' said Tom, 'perhaps.'"] * n) + "\n"


def crowd(n: int) -> str:
    """One conversation with no narration between its lines, among a name for every few lines."""
    rng = random.Random(n)
    names = ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)).capitalize() for _ in range(n // 6)]
    lines = []
    for _ in range(n):
        speaker, other = rng.choice(names), rng.choice(names)
        lines.append(f'"Hello there, {other}," said {speaker}. {speaker} looked at {other} and smiled.')
    return "Chapter 1\n\n" + "\n\n".join(lines) + "\n"


def crowd_in_narration(n: int) -> str:
    """Short paragraphs that each name three of n/4 people in narration, then a tagged line."""
    rng = random.Random(n + 1)
    names = ["".join(rng.choice(string.ascii_lowercase) for _ in range(7)).capitalize() for _ in range(n // 4)]
    lines = []
    for _ in range(n):
        a, b, c = rng.sample(names, 3)
        lines.append(f'{a} met {b} at the market, and {c} watched them. "Good day," said {a}.')
    return "Chapter 1\n\n" + "\n\n".join(lines) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "one paragraph of double-quoted lines (a book with no paragraph breaks)": one_paragraph,
    "one paragraph of single-quoted lines": single_quotes,
    "one conversation with no narration between lines, a new name every 6 lines": crowd,
    "a cast of n/4 people named in narration, three to a paragraph": crowd_in_narration,
}


def parse_seconds(cli: str, path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([cli, "parse", str(path), "--json"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=str(Path(sys.executable).parent / "storycast"))
    parser.add_argument("--lines", type=int, default=4000, help="lines of the smaller size (the larger has 5x)")
    args = parser.parse_args(argv)
    print("| text | lines | size | parse | lines x5 | size | parse | growth |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for label, make in SHAPES.items():
            row = [label]
            seconds = []
            for n in (args.lines, 5 * args.lines):
                path = Path(folder) / f"{make.__name__}-{n}.txt"
                path.write_text(make(n), encoding="utf-8")
                seconds.append(parse_seconds(args.cli, path))
                row += [f"{n:,}", f"{path.stat().st_size / 1e6:.1f} MB", f"{seconds[-1]:.1f} s"]
            row.append(f"{seconds[1] / seconds[0]:.1f}")
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

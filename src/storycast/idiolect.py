"""How each character talks: word habits learnt from the lines a tag attributes for sure.

Mr. Woodhouse says "my dear", Miss Bates talks in dashes, a dialect speaker drops his
g's. A line with no tag can be weighed against each candidate's tagged lines (naive
Bayes over words and a few marks of punctuation), which tips the balance where turn-taking
alone would guess. Pure functions; the parser decides how much the likeness counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z']+|--|[!?;]")
MIN_LINES = 5  # a character with fewer tagged lines has no habits worth learning
_SMOOTHING = 3000.0  # Dirichlet prior (in words) pulling every profile towards the shared one
_CLIP = 3.0  # one line's likeness, in log-odds per square root of its words, is kept within this


def speech_words(speech: str) -> Counter[str]:
    """The words and marks (``--``, ``!``, ``?``, ``;``) a habit is learnt from."""
    return Counter(_TOKEN.findall(speech.lower().replace("\u2014", "--")))  # an em dash is the dash


@dataclass(frozen=True)
class Idiolects:
    """Per character, each word's log-ratio of its rate in their lines to the rate in everyone's."""

    ratios: Mapping[str, Mapping[str, float]]
    unseen: Mapping[str, float]  # the log-ratio of a word the character never said

    def likeness(self, words: Counter[str], candidates: Sequence[str]) -> dict[str, float]:
        """How much more like each candidate's lines than like the others' this line is
        (centred on the candidates that have habits; empty unless two have)."""
        total = sum(words.values())
        if not total:
            return {}
        root = math.sqrt(total)
        out: dict[str, float] = {}
        for who in candidates:
            ratios = self.ratios.get(who)
            if ratios is None:
                continue
            score, rest = 0.0, total
            for word, count in words.items():
                ratio = ratios.get(word)
                if ratio is not None:
                    score += count * ratio
                    rest -= count
            score = (score + rest * self.unseen[who]) / root
            out[who] = max(-_CLIP, min(_CLIP, score))
        if len(out) < 2:
            return {}
        mean = sum(out.values()) / len(out)
        return {who: score - mean for who, score in out.items()}


def learn_idiolects(lines: Iterable[tuple[str, Counter[str]]]) -> Idiolects:
    """Habits from (speaker, words) of lines whose speaker is known; only characters with at
    least :data:`MIN_LINES` lines, and none at all unless two characters have them."""
    profiles: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    for who, words in lines:
        profiles.setdefault(who, Counter()).update(words)
        counts[who] += 1
    profiles = {who: words for who, words in profiles.items() if counts[who] >= MIN_LINES}
    if len(profiles) < 2:
        return Idiolects({}, {})
    shared: Counter[str] = Counter()
    for words in profiles.values():
        shared.update(words)
    total = sum(shared.values()) + 0.5 * len(shared)
    ratios: dict[str, dict[str, float]] = {}
    unseen: dict[str, float] = {}
    for who, words in profiles.items():
        size = sum(words.values()) + _SMOOTHING
        unseen[who] = math.log(_SMOOTHING / size)
        ratios[who] = {}
        for word, count in words.items():
            rate = (shared[word] + 0.5) / total
            ratios[who][word] = math.log((count + _SMOOTHING * rate) / size / rate)
    return Idiolects(ratios, unseen)

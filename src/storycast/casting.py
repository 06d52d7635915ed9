"""Casting: the voices.yaml file, and which voice reads each speaker.

The file is read with ruamel.yaml's round-trip loader, which keeps line numbers (so
every complaint points at a line) and never constructs Python objects from tags.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from storycast.errors import CastingError
from storycast.model import GENDERS, Cast, CastEntry, Gender, Script, Voice

DEFAULT_NARRATOR = Voice("gmw/en-us", rate=170, pitch=50, volume=1.0)
DEFAULT_POOL: dict[Gender, tuple[str, ...]] = {
    "male": ("gmw/en-gb-x-rp+m3", "gmw/en-us+m1", "gmw/en-gb-scotland+m2", "gmw/en-us-nyc+m4",
             "gmw/en+m7", "gmw/en-gb-x-gbclan+m5", "gmw/en-029+m6", "gmw/en-gb-x-gbcwmd+m2"),
    "female": ("gmw/en-us+f2", "gmw/en-gb-x-rp+f3", "gmw/en-gb-scotland+f1", "gmw/en+f4",
               "gmw/en-us-nyc+f5", "gmw/en-gb-x-gbclan+f2", "gmw/en-029+f3", "gmw/en-gb-x-gbcwmd+f1"),
    "unknown": ("gmw/en-gb-x-rp", "gmw/en-us-nyc", "gmw/en-gb-scotland", "gmw/en-029"),
}
RATE_RANGE = (80, 450)
PITCH_RANGE = (0, 100)
VOLUME_RANGE = (0.0, 1.0)
TOP_KEYS = ("narrator", "characters", "pool")
PROFILE_KEYS = ("voice", "rate", "pitch", "volume")
CHARACTER_KEYS = ("aliases", "gender", "first_person", *PROFILE_KEYS)


def default_cast() -> Cast:
    """The cast used when there is no casting file: narrator and pool only."""
    return Cast(DEFAULT_NARRATOR, (), dict(DEFAULT_POOL), None)


def load_cast(path: str | Path, *, known_voice: Any = None) -> Cast:
    """Load and validate a casting file.

    ``known_voice`` is an optional ``(voice_id) -> bool`` plus ``voice_ids()`` provider
    (an :class:`~storycast.synthesis.EngineInfo`); with it, unknown voice ids are errors
    with a did-you-mean hint.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CastingError("no such casting file", path=path,
                           hint="check the path, or run 'storycast cast STORY' to write one") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CastingError(f"cannot read the casting file: {exc}", path=path,
                           hint="save it as UTF-8 text") from exc
    try:
        data = YAML(typ="rt").load(raw)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise CastingError(f"invalid YAML: {exc.problem}", path=path, line=line,
                           hint="check the indentation and the quotes on that line") from exc
    except YAMLError as exc:
        raise CastingError(f"invalid YAML: {exc}", path=path, hint="check the file's syntax") from exc
    return _CastReader(path, known_voice).read(data)


@dataclass
class _CastReader:
    path: Path
    known_voice: Any

    def fail(self, message: str, node: Any = None, key: Any = None, hint: str | None = None) -> CastingError:
        return CastingError(message, path=self.path, line=_line(node, key), hint=hint)

    def read(self, data: Any) -> Cast:
        if data is None:
            return Cast(DEFAULT_NARRATOR, (), dict(DEFAULT_POOL), str(self.path))
        if not isinstance(data, CommentedMap):
            raise self.fail("the casting file must be a mapping with narrator, characters and pool",
                            hint="see voices.yaml in the storycast repository for an example")
        self.check_tags(data)
        self.check_keys(data, TOP_KEYS, "top level")
        narrator = DEFAULT_NARRATOR
        if data.get("narrator") is not None:
            node = data["narrator"]
            if not isinstance(node, CommentedMap):
                raise self.fail("narrator must be a mapping of voice, rate, pitch, volume", data, "narrator")
            self.check_keys(node, PROFILE_KEYS, "narrator")
            narrator = self.profile(node, DEFAULT_NARRATOR.voice)
        characters = self.characters(data.get("characters"), data)
        pool = dict(DEFAULT_POOL)
        if data.get("pool") is not None:
            pool = self.pool(data["pool"], data)
        return Cast(narrator, tuple(characters), pool, str(self.path))

    def check_tags(self, node: Any, parent: Any = None, key: Any = None) -> None:
        """Refuse ``!!python/object`` and any other non-standard tag: plain data only."""
        bad = _foreign_tag(node)
        if bad:
            raise self.fail(f"the tag {bad} is not allowed", parent if parent is not None else node, key,
                            hint="a casting file holds plain values only; remove the tag")
        if isinstance(node, CommentedMap):
            for k, v in node.items():
                self.check_tags(v, node, k)
        elif isinstance(node, CommentedSeq):
            for k, item in enumerate(node):
                self.check_tags(item, node, k)

    def check_keys(self, node: CommentedMap, allowed: Sequence[str], where: str) -> None:
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean {close[0]}?" if close else f"allowed: {', '.join(allowed)}"
                raise self.fail(f"unknown key '{key}' in {where}", node, key, hint=hint)

    def profile(self, node: CommentedMap, default_voice: str | None) -> Voice:
        voice = node.get("voice", default_voice)
        if not isinstance(voice, str) or not voice.strip():
            raise self.fail("voice must be an engine voice id such as gmw/en-us+f3", node, "voice")
        self.check_voice(voice, node, "voice")
        rate = self.number(node, "rate", int, RATE_RANGE, DEFAULT_NARRATOR.rate, "words per minute")
        pitch = self.number(node, "pitch", int, PITCH_RANGE, DEFAULT_NARRATOR.pitch, "")
        volume = self.number(node, "volume", float, VOLUME_RANGE, DEFAULT_NARRATOR.volume, "")
        return Voice(voice.strip(), int(rate), int(pitch), float(volume))

    def number(self, node: CommentedMap, key: str, kind: type, bounds: tuple[float, float],
               default: float, unit: str) -> float:
        if key not in node or node[key] is None:
            return default
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and value != int(value)):
            raise self.fail(f"{key} must be a {'whole ' if kind is int else ''}number, not {value!r}", node, key)
        lo, hi = bounds
        if not lo <= value <= hi:
            raise self.fail(f"{key} {value} is out of range", node, key,
                            hint=f"use {lo:g} to {hi:g}{' ' + unit if unit else ''}")
        return float(value)

    def check_voice(self, voice: str, node: Any, key: Any) -> None:
        if self.known_voice is None or self.known_voice.knows(voice):
            return
        close = difflib.get_close_matches(voice, self.known_voice.voice_ids(), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else "run 'storycast voices' to list them"
        raise self.fail(f"unknown voice '{voice}'", node, key, hint=hint)

    def characters(self, node: Any, parent: CommentedMap) -> list[CastEntry]:
        if node is None:
            return []
        if not isinstance(node, CommentedMap):
            raise self.fail("characters must be a mapping of name: profile", parent, "characters")
        entries: list[CastEntry] = []
        for name, body in node.items():
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"character name must be text, not {name!r}", node, name)
            if body is None:
                body = CommentedMap()
            if not isinstance(body, CommentedMap):
                raise self.fail(f"character '{name}' must be a mapping (aliases, gender, voice, ...)", node, name)
            self.check_keys(body, CHARACTER_KEYS, f"character '{name}'")
            aliases = self.aliases(body, name)
            gender = body.get("gender", "unknown") or "unknown"
            if gender not in GENDERS:
                raise self.fail(f"gender must be male, female or unknown, not {gender!r}", body, "gender")
            first_person = body.get("first_person", False)
            if not isinstance(first_person, bool):
                raise self.fail("first_person must be true or false", body, "first_person")
            voice = self.profile(body, None) if "voice" in body else None
            if voice is None and any(k in body for k in ("rate", "pitch", "volume")):
                raise self.fail(f"character '{name}' sets rate/pitch/volume but no voice", body,
                                next(k for k in ("rate", "pitch", "volume") if k in body),
                                hint="add a voice: line")
            entries.append(CastEntry(name.strip(), aliases, gender, first_person, voice, _line(node, name)))
        return entries

    def aliases(self, body: CommentedMap, name: str) -> tuple[str, ...]:
        raw = body.get("aliases")
        if raw is None:
            return ()
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(a, str) and a.strip() for a in raw):
            raise self.fail(f"aliases of '{name}' must be a list of names", body, "aliases")
        return tuple(a.strip() for a in raw)

    def pool(self, node: Any, parent: CommentedMap) -> dict[Gender, tuple[str, ...]]:
        if not isinstance(node, CommentedMap):
            raise self.fail("pool must map male/female/unknown to lists of voices", parent, "pool")
        self.check_keys(node, GENDERS, "pool")
        pool = dict(DEFAULT_POOL)
        for gender, voices in node.items():
            if not isinstance(voices, list) or not voices or not all(isinstance(v, str) for v in voices):
                raise self.fail(f"pool {gender} must be a list of voice ids", node, gender)
            for k, v in enumerate(voices):
                self.check_voice(v, voices, k)
            pool[gender] = tuple(voices)
        return pool


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq"))


def _foreign_tag(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None) if tag is not None else None
    if value and str(value) not in _PLAIN_TAGS:
        return str(value).replace("tag:yaml.org,2002:", "!!")
    return None


def _line(node: Any, key: Any = None) -> int | None:
    """1-based line of ``node[key]`` (or of ``node``) from ruamel's position data."""
    try:
        if key is not None and isinstance(node, CommentedMap):
            return int(node.lc.key(key)[0]) + 1
        if key is not None and isinstance(node, CommentedSeq):
            return int(node.lc.item(key)[0]) + 1
        if node is not None and hasattr(node, "lc"):
            return int(node.lc.line) + 1
    except (KeyError, AttributeError, TypeError, IndexError):
        return None
    return None


@dataclass(frozen=True)
class Assignment:
    """Who reads what: a voice per speaker, and how it was chosen."""

    narrator: Voice
    voices: Mapping[str, Voice]
    from_pool: tuple[str, ...]
    unused: tuple[str, ...]

    def voice_for(self, speaker: str | None) -> Voice:
        if speaker is None:
            return self.narrator
        return self.voices.get(speaker, self.narrator)


def assign_voices(script: Script, cast: Cast) -> Assignment:
    """Give every speaker a voice: the casting file's first, then distinct pool voices.

    Deterministic: speakers are taken by line count then name, and pool voices in
    order, so the same story gets the same voices on every run. The narrator's voice
    is never given to a character; the first-person narrator speaks with it.
    """
    voices: dict[str, Voice] = {}
    taken = {cast.narrator.voice}
    from_pool: list[str] = []
    speakers = sorted((c for c in script.characters if c.lines), key=lambda c: (-c.lines, c.name))
    for ch in speakers:
        entry = cast.entry_for(ch.name)
        if entry is not None and entry.voice is not None:
            voices[ch.name] = entry.voice
            taken.add(entry.voice.voice)
    for ch in speakers:
        if ch.name in voices:
            continue
        entry = cast.entry_for(ch.name)
        if ch.first_person or (entry is not None and entry.first_person):
            voices[ch.name] = cast.narrator
            continue
        gender: Gender = entry.gender if entry is not None and entry.gender != "unknown" else ch.gender
        voices[ch.name] = _pool_voice(cast, gender, taken, ch.name)
        taken.add(voices[ch.name].voice)
        from_pool.append(ch.name)
    used = {c.name for c in speakers}
    unused = tuple(e.name for e in cast.characters if e.name not in used)
    return Assignment(cast.narrator, voices, tuple(from_pool), unused)


def _pool_voice(cast: Cast, gender: Gender, taken: set[str], name: str) -> Voice:
    pool = cast.pool.get(gender) or DEFAULT_POOL[gender]
    for voice in pool:
        if voice not in taken:
            return Voice(voice, cast.narrator.rate, 50, cast.narrator.volume)
    # pool exhausted: reuse a voice at a pitch of its own, chosen from the name
    digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    voice = pool[digest % len(pool)]
    return Voice(voice, cast.narrator.rate, 25 + digest % 51, cast.narrator.volume)

"""Casting: the voices.yaml file, and which voice reads each speaker.

The file is read with ruamel.yaml's round-trip loader, which keeps line numbers (so
every complaint points at a line) and never constructs Python objects from tags.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import CommentToken

from storycast.errors import CastingError
from storycast.model import GENDERS, Cast, CastEntry, Character, Gender, Script, Voice

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
TOP_KEYS = ("narrator", "characters", "pool", "thoughts", "pronounce", "pauses")
PAUSE_KEYS = ("head", "after_title", "sentence", "around_dialogue", "paragraph", "speaker_change", "scene_break",
              "tail")
PAUSE_RANGE = (0, 10000)
THOUGHT_READERS = ("narrator", "character")
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
    return parse_cast(read_cast_text(path), path=path, known_voice=known_voice)


def read_cast_text(path: Path) -> str:
    """The casting file's text, or a :class:`CastingError` saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CastingError("no such casting file", path=path,
                           hint="check the path, or run 'storycast cast STORY' to write one") from exc
    except IsADirectoryError as exc:
        raise CastingError("the casting file is a folder", path=path, hint="give the path of a .yaml file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CastingError(f"cannot read the casting file: {getattr(exc, 'strerror', None) or exc}", path=path,
                           hint="save it as UTF-8 text") from exc


def parse_cast(raw: str, *, path: str | Path, known_voice: Any = None) -> Cast:
    """Validate casting-file text (``path`` is only used in messages)."""
    path = Path(path)
    try:
        data = _yaml().load(raw)
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
        thoughts = data.get("thoughts") or "narrator"
        if thoughts not in THOUGHT_READERS:
            raise self.fail(f"thoughts must be narrator or character, not {thoughts!r}", data, "thoughts",
                            hint="character: italic thoughts are read in the thinking character's voice")
        return Cast(narrator, tuple(characters), pool, str(self.path), str(thoughts),
                    self.pronounce(data.get("pronounce"), data), self.pauses(data.get("pauses"), data))

    def pronounce(self, node: Any, parent: CommentedMap) -> dict[str, str]:
        if node is None:
            return {}
        if not isinstance(node, CommentedMap):
            raise self.fail("pronounce must map words to how they are said, e.g. Siobhan: Shiv-awn", parent,
                            "pronounce")
        for word, spoken in node.items():
            if not isinstance(word, str) or not isinstance(spoken, str) or not word.strip() or not spoken.strip():
                raise self.fail(f"pronounce: '{word}' must be a word with a spelling to say, e.g. Siobhan: Shiv-awn",
                                node, word)
        return {str(w).strip(): str(v).strip() for w, v in node.items()}

    def pauses(self, node: Any, parent: CommentedMap) -> dict[str, int]:
        if node is None:
            return {}
        if not isinstance(node, CommentedMap):
            raise self.fail("pauses must map pause names to milliseconds, e.g. scene_break: 2500", parent, "pauses")
        self.check_keys(node, PAUSE_KEYS, "pauses")
        return {str(k): int(self.number(node, str(k), int, PAUSE_RANGE, 0, "milliseconds")) for k in node}

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
        first_person: str | None = None
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
            is_narrator = body.get("first_person", False)
            if not isinstance(is_narrator, bool):
                raise self.fail("first_person must be true or false", body, "first_person")
            if is_narrator and first_person is not None:
                raise self.fail(f"'{first_person}' is already the first-person narrator", body, "first_person",
                                hint="a story has one 'I': set first_person on one character only")
            if is_narrator:
                first_person = name.strip()
            voice = self.profile(body, None) if "voice" in body else None
            if voice is None and any(k in body for k in ("rate", "pitch", "volume")):
                raise self.fail(f"character '{name}' sets rate/pitch/volume but no voice", body,
                                next(k for k in ("rate", "pitch", "volume") if k in body),
                                hint="add a voice: line")
            entries.append(CastEntry(name.strip(), aliases, gender, is_narrator, voice, _line(node, name)))
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


def _yaml() -> YAML:
    """The one YAML configuration: round-trip, block style, no line folding."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


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
    thoughts: str = "narrator"

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
    return Assignment(cast.narrator, voices, tuple(from_pool), unused, cast.thoughts)


def _pool_voice(cast: Cast, gender: Gender, taken: set[str], name: str) -> Voice:
    pool = cast.pool.get(gender) or DEFAULT_POOL[gender]
    for voice in pool:
        if voice not in taken:
            return Voice(voice, cast.narrator.rate, 50, cast.narrator.volume)
    # pool exhausted: reuse a voice at a pitch of its own, chosen from the name
    digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    voice = pool[digest % len(pool)]
    return Voice(voice, cast.narrator.rate, 25 + digest % 51, cast.narrator.volume)


# --- writing the casting file ------------------------------------------------------------

LINE_COUNT = re.compile(r"^#\s*\d+ lines?\s*$")
NEW_FILE = """\
# storycast casting file: who reads what.
# Voice ids are the engine's (run `storycast voices` to list them); espeak-ng
# variants are added with a plus sign, e.g. gmw/en-us+f3.
# rate: words per minute (80-450); pitch: 0-100; volume: 0.0-1.0.
# Edit freely: `storycast cast` keeps what you write and only adds new characters.

narrator:
  voice: {narrator}
  rate: {rate}
  pitch: 50
  volume: 1.0

# Characters found in the story, most lines first (the counts are refreshed by `storycast cast`).
# first_person: true marks the character who is the story's "I".
characters: {{}}
"""
POOL_BLOCK = """
# Voices for speakers without an entry above, by gender, used in order.
pool:
{lines}"""


@dataclass(frozen=True)
class CastUpdate:
    """A casting file's new text and what changed in it."""

    text: str
    added: tuple[str, ...] = ()
    recounted: tuple[str, ...] = ()
    created: bool = False

    @property
    def changed(self) -> bool:
        return self.created or bool(self.added or self.recounted)


def new_cast_text(voice_ids: Sequence[str] = ()) -> str:
    """A fresh casting file: narrator, an empty character list and the default pool."""
    known = set(voice_ids)
    narrator = DEFAULT_NARRATOR.voice if not known or DEFAULT_NARRATOR.voice in known else sorted(known)[0]
    text = NEW_FILE.format(narrator=narrator, rate=DEFAULT_NARRATOR.rate)
    pool = {g: [v for v in DEFAULT_POOL[g] if not known or v in known] for g in GENDERS}
    lines = "".join(f"  {g}: [{', '.join(vs)}]\n" for g, vs in pool.items() if vs)
    return text + (POOL_BLOCK.format(lines=lines) if lines else "")


def add_characters(text: str, found: Sequence[Character], *, voice_ids: Sequence[str] = ()) -> CastUpdate:
    """Add every found character that no entry names yet, each with a voice of its own.

    Everything already in ``text`` is kept: comments, order, hand-chosen voices. A new
    character gets its aliases, gender and a voice that no one else in the file uses
    (the narrator's is reserved), matching its gender, varied in accent and variant.
    ``text`` must already be valid (see :func:`parse_cast`).
    """
    yaml = _yaml()
    data = yaml.load(text)
    if data is None:
        data = yaml.load(new_cast_text(voice_ids))
    cast = _CastReader(Path("voices.yaml"), None).read(data)
    new = [c for c in found if c.lines and not c.first_person and not _entry_matching(cast, c)]
    if not new:
        return CastUpdate(text)
    chars = data.get("characters")
    if not isinstance(chars, CommentedMap):
        chars = CommentedMap()
        _insert_before(data, "characters", chars, "pool")
    chars.fa.set_block_style()
    taken = {(cast.narrator.voice, cast.narrator.pitch)}
    taken |= {(e.voice.voice, e.voice.pitch) for e in cast.characters if e.voice is not None}
    previous_last = _last_leaf(chars)
    for ch in sorted(new, key=lambda c: (-c.lines, c.name)):
        body = CommentedMap()
        if ch.aliases:
            aliases = CommentedSeq(ch.aliases)
            aliases.fa.set_flow_style()
            body["aliases"] = aliases
        body["gender"] = ch.gender
        choices = [v for v in voice_candidates(ch.gender, cast, voice_ids) if v != cast.narrator.voice]
        voice, pitch = _free_voice(choices or [cast.narrator.voice], taken)
        body["voice"] = voice
        if pitch != DEFAULT_NARRATOR.pitch:
            body["pitch"] = pitch
        taken.add((voice, pitch))
        chars[ch.name] = body
    _move_trailing_comment(previous_last, _last_leaf(chars))
    out = io.StringIO()
    yaml.dump(data, out)
    return CastUpdate(out.getvalue(), added=tuple(c.name for c in new))


def count_lines(update: CastUpdate, lines: Mapping[str, int]) -> CastUpdate:
    """Write each character's line count as a comment on its entry (``Emma:  # 412 lines``).

    Only comments storycast wrote (or none) are replaced: a person's own note stays.
    """
    yaml = _yaml()
    data = yaml.load(update.text)
    chars = data.get("characters") if isinstance(data, CommentedMap) else None
    if not isinstance(chars, CommentedMap):
        return update
    recounted: list[str] = []
    for name in chars:
        count = lines.get(str(name).strip(), 0)
        note = f"{count} line{'' if count == 1 else 's'}"
        token = chars.ca.items.get(name, [None, None, None, None])[2]
        current = token.value.strip() if token is not None else ""
        if current == f"# {note}" or (current and not LINE_COUNT.match(current)):
            continue
        if token is not None and "\n" in token.value.rstrip("\n"):
            continue  # a comment block follows this line: leave the layout alone
        chars.yaml_add_eol_comment(note, name, column=_key_column(chars) + len(str(name)) + 3)
        body = chars[name]
        if isinstance(body, CommentedMap) and body.ca.comment and body.ca.comment[0] is not None:
            body.ca.comment[0].value = f"# {note}\n"
        recounted.append(str(name))
    if not recounted:
        return update
    out = io.StringIO()
    yaml.dump(data, out)
    return CastUpdate(out.getvalue(), update.added, tuple(recounted))


def write_cast_file(path: Path, text: str) -> None:
    """Replace the casting file in one step: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise CastingError(f"cannot write the casting file: {exc.strerror or exc}", path=path,
                           hint="check the folder exists and is writable") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def voice_candidates(gender: Gender, cast: Cast, voice_ids: Sequence[str] = ()) -> list[str]:
    """Voices for a new character of ``gender``, best first.

    The file's pool, then the default pool, then every accent of the narrator's
    language crossed with every variant of that gender (any variant for an unknown
    gender, after the plain accents), ordered so that consecutive choices differ in
    both accent and variant.
    """
    known = set(voice_ids)
    out = [v for v in (*cast.pool.get(gender, ()), *DEFAULT_POOL[gender]) if not known or v in known]
    lang = cast.narrator.voice.split("+")[0].rsplit("/", 1)[-1].split("-")[0]
    bases = sorted({v.split("+")[0] for v in voice_ids if v.split("+")[0].rsplit("/", 1)[-1].startswith(lang)})
    prefix = "[mf]" if gender == "unknown" else gender[0]
    if gender == "unknown":
        out += bases
    variants = sorted({variant for v in voice_ids if re.fullmatch(rf"{prefix}\d+", variant := v.partition("+")[2])})
    if bases and variants:
        pairs = sorted(((b, v) for b in range(len(bases)) for v in range(len(variants))),
                       key=lambda p: ((p[1] - p[0]) % len(variants), p[0]))
        out += [f"{bases[b]}+{variants[v]}" for b, v in pairs]
    return list(dict.fromkeys(out)) or [cast.narrator.voice]


def _key_column(node: CommentedMap) -> int:
    try:
        return int(node.lc.col)
    except (AttributeError, TypeError):
        return 2


SPARE_PITCHES = (50, 35, 65, 25, 75, 40, 60, 30, 70, 20, 80, 45, 55)


def _free_voice(candidates: Sequence[str], taken: set[tuple[str, int]]) -> tuple[str, int]:
    """The first candidate no one uses; when all are used, a candidate at a pitch no one uses."""
    for pitch in SPARE_PITCHES:
        for voice in candidates:
            if (voice, pitch) not in taken:
                return voice, pitch
    return candidates[len(taken) % len(candidates)], 50


def _entry_matching(cast: Cast, ch: Character) -> CastEntry | None:
    for name in (ch.name, *ch.aliases):
        entry = cast.entry_for(name)
        if entry is not None:
            return entry
    return None


def _insert_before(data: CommentedMap, key: str, value: Any, before: str) -> None:
    keys = list(data)
    position = keys.index(before) if before in keys else len(keys)
    data.insert(position, key, value)


def _last_leaf(node: Any) -> tuple[CommentedMap | CommentedSeq, Any] | None:
    """The innermost last (container, key) of a block: where ruamel keeps the comments after it."""
    found = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key)
        node = node[key]
    return found


def _move_trailing_comment(old: tuple[Any, Any] | None, new: tuple[Any, Any] | None) -> None:
    """Keep a comment block that followed the old last entry after the new last one."""
    if old is None or new is None or old == new:
        return
    container, key = old
    item = container.ca.items.get(key)
    if not item or item[2] is None:
        return
    token = item[2]
    own, newline, rest = token.value.partition("\n")
    if not rest:
        return
    token.value = own + newline
    new_container, new_key = new
    new_container.ca.items.setdefault(new_key, [None, None, None, None])
    moved = CommentToken("\n" + rest, token.start_mark, None)
    new_container.ca.items[new_key][2] = moved

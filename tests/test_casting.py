from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.casting import DEFAULT_POOL, assign_voices, default_cast, load_cast
from storycast.errors import CastingError
from storycast.loading import load_story
from storycast.model import Character, Script
from storycast.parsing import parse_story
from storycast.synthesis import FakeEngine
from tests.conftest import SAMPLE, SAMPLE_CAST, write

ENGINE = FakeEngine().info()


def test_repo_voices_yaml_loads_and_validates_against_the_engine() -> None:
    cast = load_cast(SAMPLE_CAST, known_voice=ENGINE)
    assert cast.narrator.voice == "gmw/en-us"
    ivy = cast.entry_for("Miss Chen")
    assert ivy is not None and ivy.name == "Ivy" and ivy.gender == "female"
    assert ivy.voice is not None and ivy.voice.rate == 175


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("narrator:\n  voice: gmw/en-us\n  colour: red\n",
         "bad.yaml:3: unknown key 'colour' in narrator; allowed: voice, rate, pitch, volume"),
        ("narrator:\n  voice: gmw/en-us\n  rate: fast\n", "bad.yaml:3: rate must be a whole number, not 'fast'"),
        ("narrator:\n  pitch: 140\n", "bad.yaml:2: pitch 140 is out of range; use 0 to 100"),
        ("characters:\n  Theo:\n    voice: gmw/en-us+f9\n",
         "bad.yaml:3: unknown voice 'gmw/en-us+f9'; did you mean gmw/en-us+f5?"),
        ("characters:\n  Theo:\n    gender: robot\n",
         "bad.yaml:3: gender must be male, female or unknown, not 'robot'"),
        ("characters:\n  Theo:\n    aliasses: [T]\n",
         "bad.yaml:3: unknown key 'aliasses' in character 'Theo'; did you mean aliases?"),
        ("narrator: [1, 2\n", "bad.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'; "
                              "check the indentation and the quotes on that line"),
        ("narrator: !!python/object/apply:os.system ['echo hi']\n",
         "bad.yaml:1: the tag !!python/object/apply:os.system is not allowed; "
         "a casting file holds plain values only; remove the tag"),
        ("- just\n- a list\n", "bad.yaml: the casting file must be a mapping with narrator, characters and pool; "
                               "see voices.yaml in the storycast repository for an example"),
    ],
)
def test_bad_casting_files_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(CastingError) as info:
        load_cast(path, known_voice=ENGINE)
    assert str(info.value).replace(str(tmp_path) + "/", "") == message


def test_a_shared_alias_is_allowed(tmp_path: Path) -> None:
    """Father and son can both be "Mr. Last"; the parser decides by context."""
    path = write(tmp_path, "v.yaml", "characters:\n  Tony Last:\n    aliases: [Mr. Last]\n"
                                     "  Richard Last:\n    aliases: [Mr. Last]\n")
    assert [e.name for e in load_cast(path).characters] == ["Tony Last", "Richard Last"]


def test_missing_casting_file(tmp_path: Path) -> None:
    with pytest.raises(CastingError, match="no such casting file"):
        load_cast(tmp_path / "nope.yaml")


def _script(*chars: Character) -> Script:
    return Script("t", (), chars)


def test_assignment_is_distinct_gendered_deterministic_and_spares_the_narrator() -> None:
    chars = [Character(f"M{i}", gender="male", lines=10 - i) for i in range(3)] + \
            [Character(f"F{i}", gender="female", lines=5 - i) for i in range(3)]
    cast = default_cast()
    first = assign_voices(_script(*chars), cast)
    again = assign_voices(_script(*reversed(chars)), cast)
    assert first.voices == again.voices
    voices = [v.voice for v in first.voices.values()]
    assert len(set(voices)) == len(voices)
    assert cast.narrator.voice not in voices
    assert all(first.voices[f"M{i}"].voice in DEFAULT_POOL["male"] for i in range(3))
    assert all(first.voices[f"F{i}"].voice in DEFAULT_POOL["female"] for i in range(3))
    assert set(first.from_pool) == {c.name for c in chars}


def test_exhausted_pool_varies_pitch() -> None:
    chars = [Character(f"M{i}", gender="male", lines=1) for i in range(len(DEFAULT_POOL["male"]) + 3)]
    voices = assign_voices(_script(*chars), default_cast()).voices
    profiles = {(v.voice, v.pitch) for v in voices.values()}
    assert len(profiles) == len(chars)


def test_sample_cast_voices_are_used_and_unused_entries_reported() -> None:
    cast = load_cast(SAMPLE_CAST)
    script = parse_story(load_story([SAMPLE]), cast=cast)
    a = assign_voices(script, cast)
    assert a.voices["Ivy"].voice == "gmw/en-gb-x-rp+f3"
    assert a.from_pool == ()
    assert a.unused == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("narto:vicehs- \n[]{}!#'\"0123456789.abcdefgpu+/")), max_size=120))
def test_property_loader_raises_only_casting_errors(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "voices.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_cast(path, known_voice=ENGINE)
    except CastingError:
        pass

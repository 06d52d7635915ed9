from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.casting import (
    DEFAULT_POOL,
    CastUpdate,
    add_characters,
    assign_voices,
    count_lines,
    default_cast,
    load_cast,
    parse_cast,
    voice_candidates,
    write_cast_file,
)
from storycast.errors import CastingError
from storycast.loading import load_story
from storycast.model import Character, Script, name_key
from storycast.parsing import parse_story
from storycast.rendering import cast_story
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


def test_names_match_across_accents_dots_and_honorific_suffixes() -> None:
    """A casting file's ``Zoe`` is the story's ``Zoë``, its ``Sasuke`` a text's ``Sasuke-kun``;
    a hyphenated name keeps its hyphen."""
    assert name_key("Zoë") == name_key("zoe") == "zoe"
    assert name_key("Dr. Marsh") == "dr marsh"
    assert name_key("Sakura-chan") == "sakura"
    assert name_key("Kakashi-Sensei") == "kakashi" and name_key("Sasuke-kun") == "sasuke"
    assert name_key("Mary-Jane") == "mary-jane" and name_key("Jean-Sanchez") == "jean-sanchez"


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


# --- storycast cast: writing and updating the file ----------------------------------------

def _cast(story: Path, cast_path: Path) -> CastUpdate:
    update = cast_story([story], cast_path=cast_path, engine="fake")
    if update.changed:
        write_cast_file(cast_path, update.text)
    return update


def test_cast_writes_a_new_file_that_loads_and_gives_distinct_voices(tmp_path: Path) -> None:
    path = tmp_path / "voices.yaml"
    update = _cast(SAMPLE, path)
    assert update.created and "Ivy" in update.added and "Theo" in update.added
    cast = load_cast(path, known_voice=ENGINE)
    voices = [e.voice.voice for e in cast.characters if e.voice is not None]
    assert len(voices) == len(set(voices)) == len(cast.characters)
    assert cast.narrator.voice not in voices
    text = path.read_text(encoding="utf-8")
    assert "  Ivy:  # " in text and " lines\n" in text
    assert text.index("characters:") < text.index("pool:")


def test_cast_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "voices.yaml"
    _cast(SAMPLE, path)
    first = path.read_bytes()
    again = _cast(SAMPLE, path)
    assert not again.changed
    assert path.read_bytes() == first


def test_the_repo_voices_yaml_is_up_to_date_for_the_sample(tmp_path: Path) -> None:
    update = cast_story([SAMPLE], cast_path=SAMPLE_CAST, engine="fake")
    assert not update.changed
    assert update.text == SAMPLE_CAST.read_text(encoding="utf-8")


def test_hand_edits_survive_and_new_characters_are_added_after_them(tmp_path: Path) -> None:
    path = write(tmp_path, "voices.yaml",
                 "# my own header\nnarrator:\n  voice: gmw/en-us  # keep me\n  rate: 150\n\n"
                 "characters:\n  Theo:   # the hero\n    aliases: [Theo Marsh, Marsh]\n    gender: male\n"
                 "    voice: gmw/en-029+m6\n\n# pool comment\npool:\n  male: [gmw/en-us+m1]\n")
    update = _cast(SAMPLE, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my own header\nnarrator:\n  voice: gmw/en-us  # keep me\n  rate: 150\n")
    theo = "  Theo:   # the hero\n    aliases: [Theo Marsh, Marsh]\n    gender: male\n    voice: gmw/en-029+m6\n"
    assert theo in text
    assert "Theo" not in update.added and "Ivy" in update.added
    assert text.index("Theo:") < text.index("Ivy:") < text.index("# pool comment") < text.index("pool:")
    assert text.count("# pool comment") == 1
    assert "gmw/en-us+m1" in text.split("characters:")[1].split("# pool comment")[0]  # the file's pool first
    assert not _cast(SAMPLE, path).changed


def test_line_counts_replace_only_storycasts_own_comments() -> None:
    text = "characters:\n  A:  # 3 lines\n    gender: male\n  B:  # grumpy\n    gender: male\n  C:\n    gender: male\n"
    update = count_lines(CastUpdate(text), {"A": 5, "B": 2, "C": 1})
    assert update.text == ("characters:\n  A:  # 5 lines\n    gender: male\n  B:  # grumpy\n    gender: male\n"
                           "  C:  # 1 line\n    gender: male\n")
    assert update.recounted == ("A", "C")


def test_one_first_person_narrator_only(tmp_path: Path) -> None:
    path = write(tmp_path, "v.yaml", "characters:\n  Ann:\n    first_person: true\n  Bob:\n    first_person: true\n")
    with pytest.raises(CastingError) as info:
        load_cast(path)
    assert str(info.value).endswith("v.yaml:5: 'Ann' is already the first-person narrator; "
                                    "a story has one 'I': set first_person on one character only")


def test_voice_candidates_vary_accent_and_variant() -> None:
    cast = default_cast()
    picks = voice_candidates("female", cast, ENGINE.voice_ids())
    known_pool = [v for v in DEFAULT_POOL["female"] if ENGINE.knows(v)]
    assert picks[: len(known_pool)] == known_pool
    assert all(ENGINE.knows(v) and re.search(r"\+f\d$", v) for v in picks)
    assert len(picks) == len(set(picks)) >= 30
    assert all(v.partition("+")[0] in {e.id for e in ENGINE.voices} for v in voice_candidates("unknown", cast,
                                                                                               ENGINE.voice_ids()))


NAMES = st.from_regex(r"(Mr\. |Miss |Dr\. )?[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8})?", fullmatch=True)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from(["male", "female", "unknown"]), st.integers(1, 500)),
                max_size=40, unique_by=lambda t: name_key(t[0])))
def test_adding_any_characters_gives_a_valid_idempotent_file(people: list[tuple[str, str, int]]) -> None:
    found = [Character(n, (), g, lines) for n, g, lines in people]  # type: ignore[arg-type]
    start = SAMPLE_CAST.read_text(encoding="utf-8")
    update = add_characters(start, found, voice_ids=ENGINE.voice_ids())
    cast = parse_cast(update.text, path="voices.yaml", known_voice=ENGINE)
    assert all(cast.entry_for(c.name) is not None for c in found)
    new_voices = [cast.entry_for(n).voice for n in update.added]  # type: ignore[union-attr]
    assert None not in new_voices
    assert len({(v.voice, v.pitch) for v in new_voices if v}) == len(new_voices)
    assert add_characters(update.text, found, voice_ids=ENGINE.voice_ids()).text == update.text


def test_pronunciations_pauses_and_thoughts_in_the_casting_file(tmp_path: Path) -> None:
    path = write(tmp_path, "v.yaml", "pronounce:\n  Siobhan: Shiv-awn\npauses:\n  scene_break: 2500\n"
                                     "  paragraph: 800\nthoughts: character\n")
    cast = load_cast(path)
    assert cast.pronounce == {"Siobhan": "Shiv-awn"}
    assert cast.pauses == {"scene_break": 2500, "paragraph": 800}
    assert cast.thoughts == "character"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pauses:\n  scene: 100\n", "v.yaml:2: unknown key 'scene' in pauses; did you mean scene_break?"),
        ("pauses:\n  tail: 99999\n", "v.yaml:2: tail 99999 is out of range; use 0 to 10000 milliseconds"),
        ("pronounce: [Siobhan]\n", "v.yaml:1: pronounce must map words to how they are said, e.g. Siobhan: Shiv-awn"),
        ("thoughts: everyone\n", "v.yaml:1: thoughts must be narrator or character, not 'everyone'; "
                                 "character: italic thoughts are read in the thinking character's voice"),
    ],
)
def test_bad_pronunciations_and_pauses(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "v.yaml", text)
    with pytest.raises(CastingError) as info:
        load_cast(path)
    assert str(info.value).replace(str(tmp_path) + "/", "") == message

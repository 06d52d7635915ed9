from __future__ import annotations

from pathlib import Path

from storycast.model import Segment, Voice
from storycast.stitching import Pauses, SpokenSegment, pause_before, stitch_chapter
from storycast.synthesis import FakeEngine
from storycast.tagging import read_chapter


def _seg(kind: str = "narration", speaker: str | None = None, paragraph: int = 0, scene: int = 0) -> Segment:
    return Segment(kind, "x", 0, 1, speaker, paragraph, scene)  # type: ignore[arg-type]


def test_pause_table() -> None:
    p = Pauses()
    assert pause_before(None, _seg(), p) == 0
    assert pause_before(_seg(), _seg(scene=1), p) == p.scene_break
    assert pause_before(_seg("dialogue", "A"), _seg("dialogue", "B", paragraph=1), p) == p.speaker_change
    assert pause_before(_seg(), _seg(paragraph=1), p) == p.paragraph
    assert pause_before(_seg(), _seg("dialogue", "A"), p) == p.around_dialogue
    assert p.scene_break > p.paragraph > p.sentence


def test_stitch_builds_an_mp3_of_the_expected_length(tmp_path: Path) -> None:
    engine = FakeEngine()
    wavs = []
    for i in range(3):
        path = tmp_path / f"{i}.wav"
        engine.synthesize("one two three four five", Voice("gmw/en-us", rate=150), path)  # 2 s each
        wavs.append(path)
    spoken = [SpokenSegment(_seg(paragraph=0), (wavs[0],)), SpokenSegment(_seg(paragraph=1), (wavs[1],)),
              SpokenSegment(_seg(paragraph=2, scene=1), (wavs[2],))]
    pauses = Pauses()
    out = tmp_path / "ch.mp3"
    audio = stitch_chapter([], spoken, out, pauses=pauses)
    expected = pauses.head + 6000 + pauses.paragraph + pauses.scene_break + pauses.tail
    assert abs(audio.duration_ms - expected) < 3 * 27  # each of the 3 chunks ends on a whole MP3 frame
    assert len(audio.scene_starts_ms) == 2 and audio.scene_starts_ms[1] > 4000
    info = read_chapter(out)
    assert abs(float(info["duration"]) * 1000 - expected) < 100  # type: ignore[arg-type]
    assert info["sample_rate"] == 44100 and info["channels"] == 1
    assert round(int(info["bitrate"]) / 1000) == 64  # type: ignore[call-overload]

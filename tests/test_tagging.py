from __future__ import annotations

from pathlib import Path

from storycast.model import Segment, Voice
from storycast.stitching import SpokenSegment, stitch_chapter
from storycast.synthesis import FakeEngine
from storycast.tagging import ChapterTags, read_chapter, tag_chapter


def test_tags_round_trip(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    FakeEngine().synthesize("a few words", Voice("gmw/en-us"), wav)
    mp3 = tmp_path / "a.mp3"
    audio = stitch_chapter([], [SpokenSegment(Segment("narration", "a", 0, 1), (wav,))], mp3)
    tag_chapter(mp3, ChapterTags(title="Chapter 1: The Bet", album="The Book", author="A. Writer", track=1,
                                 total=2, narrator="storycast", comment="Cast: Ivy", year=2026,
                                 stable_id="the-book-01", duration_ms=audio.duration_ms))
    tags = read_chapter(mp3)
    assert tags["TIT2"] == "Chapter 1: The Bet"
    assert tags["TALB"] == "The Book"
    assert tags["TPE1"] == tags["TPE2"] == "A. Writer"
    assert tags["TRCK"] == "1/2"
    assert tags["TCON"] == "Audiobook"
    assert tags["TDRC"] == "2026"
    assert tags["COMM"] == "Cast: Ivy"
    assert tags["TLEN"] == str(audio.duration_ms)

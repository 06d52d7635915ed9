from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycast.casting import load_cast
from storycast.cli import app
from storycast.cover import COVER_SIZE, load_cover, make_cover
from storycast.model import Segment, Voice
from storycast.rendering import PublishOptions, RenderResult, render_story
from storycast.stitching import SpokenSegment, stitch_chapter
from storycast.synthesis import FakeEngine
from storycast.tagging import ChapterTags, read_chapter, tag_chapter
from tests.conftest import SAMPLE, SAMPLE_CAST


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
    assert tags.get("TDRC", tags.get("TYER")) == "2026"
    assert tags["COMM"] == "Cast: Ivy"
    assert tags["TLEN"] == str(audio.duration_ms)


def _probe_chapters(path: Path) -> list[tuple[float, float, str]]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return [(float(c["start_time"]), float(c["end_time"]), c["tags"]["title"]) for c in json.loads(out)["chapters"]]


def _first_sound_after(path: Path, after: float) -> float:
    """Seconds at which sound resumes after ``after`` (ffmpeg's silencedetect)."""
    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
                          "silencedetect=noise=-45dB:d=0.2", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", err)]
    return min(t for t in ends if t > after)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    out = tmp_path_factory.mktemp("book")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYCAST_CACHE_DIR", str(out.parent / "cache"))
        return render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=out, engine="fake",
                            publish=PublishOptions(single_file=True))


def test_chapter_files_are_id3v23_with_cover_and_scene_marks(book: RenderResult) -> None:
    first = read_chapter(book.chapters[0].path)
    assert first["id3_version"] == "2.3"
    assert first["APIC"][:2] == ("image/jpeg", 3)  # type: ignore[index]
    assert first["TXXX"]["storycast id"] == "the-lamplighters-wager-01"  # type: ignore[index]
    assert first["COMM"].startswith("The fog came up")  # type: ignore[union-attr]
    assert first["CTOC"] == (["chp0", "chp1"], True, True, "Chapter 1: The Bet")
    marks = _probe_chapters(book.chapters[0].path)
    assert [m[2] for m in marks] == ["Chapter 1: The Bet", "Scene 2: Mrs. Pell kept the post office\u2026"]
    assert marks[0][0] == 0 and marks[0][1] == marks[1][0]
    assert abs(marks[-1][1] - float(first["duration"])) < 0.05  # type: ignore[arg-type]
    # the second scene's mark sits in the scene-break pause, just before its first words
    assert 0 < _first_sound_after(book.chapters[0].path, marks[1][0] - 0.5) - marks[1][0] < 1.0
    second = read_chapter(book.chapters[1].path)
    assert second["CTOC"] == (["chp0"], True, True, "Chapter 2: The First of May")  # one scene: one mark


def test_single_file_has_a_mark_per_chapter_within_50_ms(book: RenderResult) -> None:
    assert book.single_file is not None and book.single_file.name == "the-lamplighters-wager.mp3"
    tags = read_chapter(book.single_file)
    assert tags["TIT2"] == "The Lamplighter's Wager" and tags["TRCK"] == "1/1"
    marks = _probe_chapters(book.single_file)
    assert [m[2] for m in marks] == ["Chapter 1: The Bet", "Chapter 2: The First of May"]
    length = float(tags["duration"])  # type: ignore[arg-type]
    assert abs(length - sum(c.duration_ms for c in book.chapters) / 1000) < 0.1
    # chapter 2's title is heard at the same offset from its mark as in its own file
    own = _first_sound_after(book.chapters[1].path, 0)
    joined = _first_sound_after(book.single_file, marks[1][0] - 0.3)
    assert abs((joined - marks[1][0]) - own) < 0.05


def test_a_users_cover_is_made_square_and_large_enough(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (800, 600), (200, 10, 10)).save(tmp_path / "wide.png")
    jpeg = load_cover(tmp_path / "wide.png")
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG" and image.size == (COVER_SIZE, COVER_SIZE)
    with Image.open(io.BytesIO(make_cover("A Title", "An Author"))) as image:
        assert image.format == "JPEG" and image.size == (COVER_SIZE, COVER_SIZE)


def test_a_bad_cover_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cover.png").write_text("not an image", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(tmp_path / "out"),
                                      "--cover", str(tmp_path / "cover.png")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {tmp_path / 'cover.png'}: the cover is not an image Pillow can read; "
                                     "use a JPEG or PNG file")
    assert not (tmp_path / "out").exists()

"""One real render of the sample story with the real engine, read back from the MP3s."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from storycast.casting import load_cast
from storycast.rendering import render_story
from storycast.synthesis import engine_info
from storycast.tagging import read_chapter
from tests.conftest import HAVE_ENGINE, SAMPLE, SAMPLE_CAST

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not HAVE_ENGINE, reason="espeak-ng/ffmpeg not installed (./scripts/test installs them)"),
]


def _mean_volume(path: Path, start: float = 0, length: float | None = None) -> float:
    cmd = ["ffmpeg", "-hide_banner", "-nostats", "-ss", str(start)]
    if length:
        cmd += ["-t", str(length)]
    cmd += ["-i", str(path), "-af", "volumedetect", "-f", "null", "-"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stderr
    return float(re.search(r"mean_volume: (-?[\d.]+) dB", out).group(1))  # type: ignore[union-attr]


def test_render_sample_with_real_engine(tmp_path: Path) -> None:
    cast = load_cast(SAMPLE_CAST, known_voice=engine_info("pyttsx3"))
    result = render_story([SAMPLE], cast=cast, out_dir=tmp_path / "book", engine="pyttsx3", workers=2)
    files = sorted((tmp_path / "book").glob("*.mp3"))
    assert [f.name for f in files] == ["01-chapter-1-the-bet.mp3", "02-chapter-2-the-first-of-may.mp3"]
    assert not list((tmp_path / "book").glob(".*"))  # nothing partial left behind
    for n, f in enumerate(files, 1):
        tags = read_chapter(f)
        words = len(SAMPLE.read_text(encoding="utf-8").split()) / 2
        assert 0.5 * words / 3 < float(tags["duration"]) < 3 * words / 2  # type: ignore[arg-type]
        assert tags["TALB"] == "The Lamplighter's Wager"
        assert tags["TPE1"] == "Wren Halloway"
        assert tags["TRCK"] == f"{n}/2"
        assert tags["TCON"] == "Audiobook"
        assert tags["sample_rate"] == 44100 and tags["channels"] == 1
        assert _mean_volume(f) > -40  # speech, not silence
    # the characters were given the voices the casting file chose
    assert result.assignment.voices["Ivy"].voice == "gmw/en-gb-x-rp+f3"
    assert result.assignment.voices["Theo"].voice == "gmw/en-us+m3"
    assert len({v.voice for v in result.assignment.voices.values()} | {cast.narrator.voice}) == 5
    script = json.loads((tmp_path / "book" / "script.json").read_text(encoding="utf-8"))
    assert script["title"] == "The Lamplighter's Wager"
    # a second render speaks nothing again
    again = render_story([SAMPLE], cast=cast, out_dir=tmp_path / "book", engine="pyttsx3", workers=2)
    assert again.cached == again.pieces


def _lufs(path: Path, start_ms: int, end_ms: int) -> float:
    out = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-ss", f"{start_ms / 1000:.3f}", "-t",
                          f"{(end_ms - start_ms) / 1000:.3f}", "-i", str(path), "-map", "0:a", "-af", "ebur128",
                          "-f", "null", "-"], capture_output=True, text=True, check=True).stderr
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", out)[-1])


@pytest.mark.parametrize("profile", ["podcast", "acx"])
def test_renders_pass_check_and_voices_are_equally_loud(tmp_path: Path, profile: str) -> None:
    from statistics import median

    from storycast.checking import PROFILES, check_folder, render_settings

    encoding, pauses = render_settings(PROFILES[profile])
    cast = load_cast(SAMPLE_CAST, known_voice=engine_info("pyttsx3"))
    result = render_story([SAMPLE], cast=cast, out_dir=tmp_path / profile, engine="pyttsx3", workers=2,
                          encoding=encoding, pauses=pauses)
    checks = check_folder(tmp_path / profile, PROFILES[profile])
    assert [c.problems for c in checks] == [(), ()]
    chapter = result.chapters[0]
    by_voice: dict[str, list[float]] = {}
    for cue in chapter.cues:
        if cue.end_ms - cue.start_ms >= 1500:
            by_voice.setdefault(cue.speaker or "narrator", []).append(_lufs(chapter.path, cue.start_ms, cue.end_ms))
    levels = {who: median(values) for who, values in by_voice.items() if len(values) >= 2}
    assert len(levels) >= 3
    assert max(levels.values()) - min(levels.values()) < 2.0, levels

"""The whole pipeline's reuse rules: the cache, chapters left alone, only changed voices redone."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storycast.casting import load_cast
from storycast.cli import app
from storycast.rendering import cache_info, render_story
from tests.conftest import SAMPLE, SAMPLE_CAST, write


def _stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.mp3")}


def test_nothing_changed_means_nothing_redone(tmp_path: Path) -> None:
    cast = load_cast(SAMPLE_CAST)
    first = render_story([SAMPLE], cast=cast, out_dir=tmp_path / "out", engine="fake")
    assert first.cached == 0 and first.encoded == first.chunks > 10
    before = _stamps(tmp_path / "out")
    again = render_story([SAMPLE], cast=cast, out_dir=tmp_path / "out", engine="fake")
    assert again.cached == again.pieces and again.encoded == 0
    assert _stamps(tmp_path / "out") == before  # chapter files untouched
    assert [c.duration_ms for c in again.chapters] == [c.duration_ms for c in first.chapters]
    assert [c.cues for c in again.chapters] == [c.cues for c in first.chapters]


def test_one_new_voice_redoes_only_that_characters_lines(tmp_path: Path) -> None:
    render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=tmp_path / "out", engine="fake")
    before = _stamps(tmp_path / "out")
    text = SAMPLE_CAST.read_text(encoding="utf-8").replace("voice: gmw/en-gb-x-gbclan+m7", "voice: gmw/en-029+m1")
    edited = load_cast(write(tmp_path, "voices.yaml", text))
    again = render_story([SAMPLE], cast=edited, out_dir=tmp_path / "out", engine="fake")
    corwin_lines = sum(1 for ch in again.script.chapters for s in ch.segments if s.speaker == "Corwin")
    assert 0 < again.pieces - again.cached <= corwin_lines  # only Corwin's lines were spoken again
    assert 0 < again.encoded <= corwin_lines  # only the paragraphs he speaks in were encoded again
    after = _stamps(tmp_path / "out")
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"02-chapter-2-the-first-of-may.mp3"}  # Corwin speaks in chapter 2 only


def test_a_changed_title_retags_without_re_encoding(tmp_path: Path) -> None:
    cast = load_cast(SAMPLE_CAST)
    render_story([SAMPLE], cast=cast, out_dir=tmp_path / "out", engine="fake")
    again = render_story([SAMPLE], cast=cast, out_dir=tmp_path / "out", engine="fake", author="Someone Else")
    assert again.encoded == 0 and again.cached == again.pieces


def test_no_cache_leaves_the_cache_empty_and_cache_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(tmp_path / "o"), "--no-cache",
                                 "-c", str(SAMPLE_CAST)])
    assert result.exit_code == 0, result.output
    assert cache_info().pieces == 0 and cache_info().chunks == 0
    runner.invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(tmp_path / "o"), "-c", str(SAMPLE_CAST)])
    info = runner.invoke(app, ["cache", "info"])
    found = cache_info()
    assert found.pieces > 50 and found.chunks > 10
    assert info.stdout.startswith(f"{found.path}: {found.pieces} spoken pieces, {found.chunks} encoded paragraphs")
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed" in cleared.stdout
    assert cache_info().pieces == 0 and cache_info().chunks == 0


def test_progress_is_reported_per_stage(tmp_path: Path) -> None:
    seen: dict[str, tuple[int, int]] = {}
    render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=tmp_path / "out", engine="fake",
                 progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert set(seen) == {"synthesize", "encode", "write"}
    assert all(done == total for done, total in seen.values())

"""The whole pipeline's reuse rules: the cache, chapters left alone, only changed voices redone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycast.casting import load_cast
from storycast.cli import app
from storycast.rendering import cache_info, render_story
from storycast.tagging import read_chapter, read_stamps
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
    assert all(read_chapter(c.path)["TPE1"] == "Someone Else" for c in again.chapters)  # the tags were rewritten


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


def test_a_killed_workers_leftover_is_not_counted_as_a_piece(tmp_path: Path) -> None:
    render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=tmp_path / "out", engine="fake")
    before = cache_info()
    piece = next(before.path.rglob("*.wav"))
    (piece.parent / f".{piece.name}.1234.tmp.wav").write_bytes(b"RIFF")  # what SIGKILL mid-write leaves behind
    (piece.parent / f".{piece.stem}.mp3.1234.partial").write_bytes(b"ID3")
    after = cache_info()
    assert (after.pieces, after.chunks) == (before.pieces, before.chunks) and after.bytes == before.bytes + 7


def test_progress_is_reported_per_stage(tmp_path: Path) -> None:
    seen: dict[str, tuple[int, int]] = {}
    render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=tmp_path / "out", engine="fake",
                 progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert set(seen) == {"synthesize", "encode", "write"}
    assert all(done == total for done, total in seen.values())


def _long_story(tmp_path: Path) -> Path:
    chapters = []
    for c in range(1, 7):
        lines = [f'"This is line {i} of chapter {c}, and it goes on for a while," said Ivy.' for i in range(24)]
        chapters.append(f"Chapter {c}\n\n" + "\n\n".join(lines))
    return write(tmp_path, "long.txt", "A Long Night\n\n" + "\n\n".join(chapters) + "\n")


def _run_render(story: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "from storycast.cli import main; main()", "render", str(story),
                             "--engine", "fake", "-o", str(out), "-q", "-c", str(SAMPLE_CAST)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _complete_files_only(out: Path) -> None:
    for path in out.iterdir():
        assert not path.name.endswith(".partial")
        if path.suffix == ".mp3":
            assert read_stamps(path)[0] is not None  # tagged last: a file with its stamp is whole


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_render_leaves_whole_files_and_resumes(tmp_path: Path, how: signal.Signals) -> None:
    story, out = _long_story(tmp_path), tmp_path / "out"
    proc = _run_render(story, out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache_info().pieces < 30:
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    if how == signal.SIGKILL:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole process tree, as a crash or the OOM killer would
    else:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if how == signal.SIGTERM:
        assert proc.returncode == 130
        assert err.decode().strip().splitlines()[-1] == (
            "error: interrupted; finished chapters are kept, run again to resume")
        assert not [p for p in out.iterdir() if p.name.startswith(".")]
    if how == signal.SIGTERM:
        _complete_files_only(out)  # after SIGKILL, leftovers are cleared by the next run (checked below)
    spoken_before = cache_info().pieces
    result = CliRunner().invoke(app, ["render", str(story), "--engine", "fake", "-o", str(out), "-c", str(SAMPLE_CAST)])
    assert result.exit_code == 0, result.output
    cached, total = result.stderr.split(" pieces from cache")[0].rsplit(" ", 1)[1].split("/")
    assert int(cached) >= spoken_before > 0 and int(total) > int(cached)  # picked up where it stopped
    _complete_files_only(out)
    assert len(list(out.glob("*.mp3"))) == 6


def test_two_renders_into_one_folder_one_refuses(tmp_path: Path) -> None:
    story, out = _long_story(tmp_path), tmp_path / "out"
    first = _run_render(story, out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (out / ".storycast.lock").exists():
        time.sleep(0.02)
    second = CliRunner().invoke(app, ["render", str(story), "--engine", "fake", "-o", str(out), "-c", str(SAMPLE_CAST)])
    assert second.exit_code == 5
    assert second.stderr.strip() == (f"error: {out}: another render is writing to this folder; wait for it to "
                                     "finish, or render into another folder with -o")
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    _complete_files_only(out)

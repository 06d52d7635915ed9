"""Stitching: join spoken pieces with natural pauses and encode one MP3 per chapter.

A chapter is built in one pass: the raw frames of every piece and pause are written
into one buffer, never by repeated ``+`` of audio segments (which is quadratic).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydub import AudioSegment
from pydub.exceptions import CouldntEncodeError

from storycast.errors import AudioError
from storycast.model import Segment
from storycast.synthesis import SAMPLE_RATE, wav_bytes

BYTES_PER_MS = SAMPLE_RATE * 2 / 1000


@dataclass(frozen=True)
class Pauses:
    """Silence, in milliseconds, between the pieces of a chapter."""

    head: int = 400
    after_title: int = 1200
    sentence: int = 250
    around_dialogue: int = 300
    paragraph: int = 650
    speaker_change: int = 750
    scene_break: int = 1800
    tail: int = 1500


DEFAULT_PAUSES = Pauses()


@dataclass(frozen=True)
class SpokenSegment:
    """A script segment and the WAV files its text was spoken into, in order."""

    segment: Segment
    wavs: tuple[Path, ...]


@dataclass(frozen=True)
class ChapterAudio:
    """An encoded chapter: its file, its length and where each scene starts."""

    path: Path
    duration_ms: int
    scene_starts_ms: tuple[int, ...]


def pause_before(prev: Segment | None, seg: Segment, pauses: Pauses) -> int:
    """How long to wait before ``seg``, given the segment read before it."""
    if prev is None:
        return 0
    if seg.scene != prev.scene:
        return pauses.scene_break
    if seg.paragraph != prev.paragraph:
        if seg.kind == "dialogue" and prev.kind == "dialogue" and seg.speaker != prev.speaker:
            return pauses.speaker_change
        return pauses.paragraph
    if seg.kind != prev.kind:
        return pauses.around_dialogue
    return pauses.sentence


def stitch_chapter(
    title_wavs: Sequence[Path], spoken: Sequence[SpokenSegment], out_path: Path, *,
    pauses: Pauses = DEFAULT_PAUSES, bitrate: str = "64k", sample_rate: int = 44100,
) -> ChapterAudio:
    """Join a chapter's title and segments into one mono CBR MP3 at ``out_path``."""
    if shutil.which("ffmpeg") is None:
        raise AudioError("ffmpeg is not installed", hint="run ./scripts/demo, or: sudo apt-get install ffmpeg")
    buffer = bytearray()

    def silence(ms: int) -> None:
        buffer.extend(b"\x00\x00" * int(ms * SAMPLE_RATE / 1000))

    def speech(paths: Sequence[Path]) -> None:
        for n, path in enumerate(paths):
            if n:
                silence(pauses.sentence)
            buffer.extend(wav_bytes(path))

    silence(pauses.head)
    if title_wavs:
        speech(title_wavs)
        silence(pauses.after_title)
    scene_starts = [len(buffer)]
    prev: Segment | None = None
    for item in spoken:
        if not item.wavs:
            continue
        if prev is not None and item.segment.scene != prev.scene:
            silence(pauses.scene_break // 2)
            scene_starts.append(len(buffer))
            silence(pauses.scene_break - pauses.scene_break // 2)
        else:
            silence(pause_before(prev, item.segment, pauses))
        speech(item.wavs)
        prev = item.segment
    silence(pauses.tail)
    audio = AudioSegment(data=bytes(buffer), sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    try:
        audio.export(str(out_path), format="mp3", bitrate=bitrate,
                     parameters=["-ar", str(sample_rate), "-ac", "1"])
    except (CouldntEncodeError, OSError) as exc:
        raise AudioError(f"could not encode the chapter: {str(exc).splitlines()[0]}", path=out_path,
                         hint="check free disk space and that ffmpeg has libmp3lame") from exc
    scene_ms = tuple(int(b / BYTES_PER_MS) for b in scene_starts)
    return ChapterAudio(out_path, int(len(buffer) / BYTES_PER_MS), (0, *scene_ms[1:]))

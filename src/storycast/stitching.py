"""Stitching: join spoken pieces with natural pauses and encode one MP3 per chapter.

A chapter is built in one pass: the raw frames of every piece and pause are written
into one buffer, never by repeated ``+`` of audio segments (which is quadratic).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydub import AudioSegment
from pydub.exceptions import CouldntEncodeError

from storycast.errors import AudioError
from storycast.model import Cue, Segment
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
    """A script segment and the WAV files its text was spoken into, in order.

    ``texts`` are the words of each WAV (for the transcript); empty when not needed.
    """

    segment: Segment
    wavs: tuple[Path, ...]
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChapterAudio:
    """An encoded chapter: its file, its length and where each scene starts."""

    path: Path
    duration_ms: int
    scene_starts_ms: tuple[int, ...]
    cues: tuple[Cue, ...] = ()


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
    pauses: Pauses = DEFAULT_PAUSES, bitrate: str = "64k", sample_rate: int = 44100, title_text: str = "",
) -> ChapterAudio:
    """Join a chapter's title and segments into one mono CBR MP3 at ``out_path``.

    Also returns where each scene starts and a cue per spoken piece (for transcripts).
    """
    if shutil.which("ffmpeg") is None:
        raise AudioError("ffmpeg is not installed", hint="run ./scripts/demo, or: sudo apt-get install ffmpeg")
    buffer = bytearray()
    cues: list[Cue] = []

    def silence(ms: int) -> None:
        buffer.extend(b"\x00\x00" * int(ms * SAMPLE_RATE / 1000))

    def speech(paths: Sequence[Path], texts: Sequence[str], speaker: str | None) -> None:
        for n, path in enumerate(paths):
            if n:
                silence(pauses.sentence)
            start = len(buffer)
            buffer.extend(wav_bytes(path))
            if n < len(texts) and texts[n]:
                cues.append(Cue(int(start / BYTES_PER_MS), int(len(buffer) / BYTES_PER_MS), texts[n], speaker))

    silence(pauses.head)
    if title_wavs:
        speech(title_wavs, [title_text] if len(title_wavs) == 1 else [], None)
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
        speaker = item.segment.speaker if item.segment.kind == "dialogue" else None
        speech(item.wavs, item.texts, speaker)
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
    return ChapterAudio(out_path, int(len(buffer) / BYTES_PER_MS), (0, *scene_ms[1:]), tuple(cues))


def join_mp3s(parts: Sequence[Path], out_path: Path) -> tuple[int, ...]:
    """Concatenate chapter MP3s (same encoding) into one file without re-encoding.

    Returns where each part starts, in ms, measured by ffprobe on the parts, so that
    chapter marks in the joined file match what is heard.
    """
    listing = out_path.with_name(f".{out_path.name}.list")
    listing.write_text("".join(f"file '{_concat_quote(p.resolve())}'\n" for p in parts), encoding="utf-8")
    try:
        run = subprocess.run(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
             "-map", "0:a", "-map_metadata", "-1", "-c", "copy", "-f", "mp3", str(out_path)],
            capture_output=True, text=True, check=False)
    finally:
        listing.unlink(missing_ok=True)
    if run.returncode != 0:
        raise AudioError(f"could not join the chapters: {run.stderr.strip().splitlines()[-1:]}", path=out_path,
                         hint="check free disk space")
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + _stream_ms(part))
    return tuple(starts)


def _concat_quote(path: Path) -> str:
    return str(path).replace("'", "'\\''")


def _stream_ms(path: Path) -> int:
    """The length of an MP3's audio stream as a concatenation copies it (every frame, padding included)."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-count_packets",
                          "-show_entries", "stream=nb_read_packets,sample_rate", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=False).stdout.strip()
    try:
        rate, packets = (int(x) for x in out.split(",")[:2])
    except ValueError as exc:
        raise AudioError("could not measure a chapter file", path=path, hint="re-render it") from exc
    return round(packets * 1152 * 1000 / rate)

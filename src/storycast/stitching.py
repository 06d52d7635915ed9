"""Stitching: spoken pieces and pauses into MP3 chapters, encoded once and reused.

A chapter is cut into chunks, one per paragraph (its opening pause included). Each
chunk is levelled, encoded to CBR MP3 frames on its own and cached under a hash of
what it contains, and a chapter file is its chunks' frames written one after the other
(independently encoded CBR MP3 streams join cleanly, and the joins sit in pauses). So
a re-render after one voice changed re-encodes only the paragraphs that voice speaks
in, memory never holds more than one paragraph of audio, and times in the file
(transcript cues, chapter marks) are exact: every chunk's length is a whole number of
MP3 frames. pydub (levelling) and lameenc (encoding) are imported here and nowhere else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import lameenc
from pydub import AudioSegment

from storycast.errors import AudioError
from storycast.model import Cue, Segment
from storycast.synthesis import SAMPLE_RATE

FRAME_SAMPLES = 1152  # MPEG-1 Layer III
ENCODER_DELAY = 1122  # samples at the output rate before a chunk's first sound (LAME + resampler)
JOIN_MS = 40  # what joining two chunks adds on average (encoder delay + frame padding), taken from the pause
LIMITER_HEADROOM_DB = -1.0  # the limiter's threshold: it then adds this much gain back
CHUNK_FORMAT = 1  # bump when the chunk layout or encoding changes: old chunks are not reused


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
class Encoding:
    """How chapters sound and are encoded; part of every chunk's cache key."""

    bitrate_kbps: int = 64
    sample_rate: int = 44100
    quality: int = 5  # LAME's algorithm quality, 0 (best) to 9 (fastest); 5 is ffmpeg's speed
    # Calibrated with ffmpeg's ebur128 on the sample story: about -19 LUFS, true peak about -2.3 dBTP.
    level_dbfs: float | None = -20.5  # every piece brought to this RMS level (per-voice levelling)
    peak_dbfs: float = 0.0  # levelling never pushes a piece's peak above this (no clipping before the limiter)
    limit_dbfs: float | None = -2.0  # a limiter holds peaks under this (lets speech sit louder)

    @property
    def ms_per_frame(self) -> float:
        return FRAME_SAMPLES * 1000 / self.sample_rate


DEFAULT_ENCODING = Encoding()


@dataclass(frozen=True)
class SpokenSegment:
    """A script segment and the WAV files its text was spoken into, in order.

    ``texts`` are the words of each WAV (for the transcript); empty when not needed.
    """

    segment: Segment
    wavs: tuple[Path, ...]
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """A stretch of a chunk: one spoken piece (``wav``) or a silence."""

    wav: Path | None = None
    silence_ms: int = 0
    text: str = ""
    speaker: str | None = None
    scene_start: bool = False


@dataclass(frozen=True)
class Chunk:
    """A paragraph's audio as it is encoded and cached: ``path`` holds its MP3 frames."""

    key: str
    path: Path
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class EncodedChunk:
    """What assembling needs to know of an encoded chunk: its frames and where its parts start."""

    frames: int
    offsets: tuple[int, ...]  # start of each part within the chunk, in engine samples
    samples: int  # the chunk's length in engine samples (the end of its last part)


@dataclass(frozen=True)
class ChapterAudio:
    """An assembled chapter: its file, its length, where each scene starts, its transcript cues."""

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


def plan_chunks(title_wavs: Sequence[Path], spoken: Sequence[SpokenSegment], cache_dir: Path, *,
                pauses: Pauses = DEFAULT_PAUSES, encoding: Encoding = DEFAULT_ENCODING,
                title_text: str = "") -> tuple[Chunk, ...]:
    """Cut a chapter into chunks (title, then one per paragraph) with their cache keys. Pure."""
    groups: list[list[Part]] = [[Part(silence_ms=pauses.head)]]
    if title_wavs:
        groups[0] += _speech(title_wavs, [title_text] if len(title_wavs) == 1 else [], None, pauses)
        groups[0].append(Part(silence_ms=pauses.after_title))
    prev: Segment | None = None
    for item in spoken:
        if not item.wavs:
            continue
        seg = item.segment
        if prev is None or seg.paragraph != prev.paragraph or seg.scene != prev.scene:
            if prev is not None and seg.scene != prev.scene:
                groups.append([Part(silence_ms=pauses.scene_break // 2),
                               Part(silence_ms=pauses.scene_break - pauses.scene_break // 2, scene_start=True)])
            else:
                groups.append([Part(silence_ms=pause_before(prev, seg, pauses))])
        else:
            groups[-1].append(Part(silence_ms=pause_before(prev, seg, pauses)))
        groups[-1] += _speech(item.wavs, item.texts, seg.speaker if seg.kind == "dialogue" else None, pauses)
        prev = seg
    groups[-1].append(Part(silence_ms=pauses.tail))
    for parts in groups[1:]:  # a join adds the encoder's delay and padding: take it from the pause
        parts[0] = replace(parts[0], silence_ms=max(0, parts[0].silence_ms - JOIN_MS))
    return tuple(_chunk(parts, cache_dir, encoding) for parts in groups)


def _speech(wavs: Sequence[Path], texts: Sequence[str], speaker: str | None, pauses: Pauses) -> list[Part]:
    parts: list[Part] = []
    for n, wav in enumerate(wavs):
        if n:
            parts.append(Part(silence_ms=pauses.sentence))
        parts.append(Part(wav=wav, text=texts[n] if n < len(texts) else "", speaker=speaker))
    return parts


def _chunk(parts: Sequence[Part], cache_dir: Path, encoding: Encoding) -> Chunk:
    recipe = json.dumps([CHUNK_FORMAT, asdict(encoding), [p.wav.name if p.wav else p.silence_ms for p in parts]])
    key = hashlib.sha256(recipe.encode()).hexdigest()
    return Chunk(key, cache_dir / key[:2] / f"{key}.mp3", tuple(parts))


def encoded(chunk: Chunk) -> EncodedChunk | None:
    """The chunk's encoding facts if it is in the cache, else None."""
    try:
        data = json.loads(chunk.path.with_suffix(".json").read_text(encoding="utf-8"))
        if not chunk.path.exists():
            return None
        return EncodedChunk(int(data["frames"]), tuple(int(x) for x in data["offsets"]), int(data["samples"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def encode_chunk(chunk: Chunk, encoding: Encoding = DEFAULT_ENCODING) -> EncodedChunk:
    """Level and encode one chunk into the cache (MP3 frames plus a small JSON of facts)."""
    pcm = bytearray()
    offsets: list[int] = []
    for part in chunk.parts:
        offsets.append(len(pcm) // 2)
        if part.wav is None:
            pcm.extend(b"\x00\x00" * int(part.silence_ms * SAMPLE_RATE / 1000))
        else:
            pcm.extend(_levelled(part.wav, encoding))
    if encoding.limit_dbfs is not None and pcm:
        pcm = bytearray(_limited(bytes(pcm), encoding.limit_dbfs))
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(encoding.bitrate_kbps)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_out_sample_rate(encoding.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(encoding.quality)
    frames_data = bytes(encoder.encode(bytes(pcm))) + bytes(encoder.flush())
    facts = EncodedChunk(count_frames(frames_data), tuple(offsets), len(pcm) // 2)
    chunk.path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(chunk.path, frames_data)
    _write_atomic(chunk.path.with_suffix(".json"),
                  json.dumps({"frames": facts.frames, "offsets": facts.offsets, "samples": facts.samples}).encode())
    return facts


def _levelled(wav: Path, encoding: Encoding) -> bytes:
    """A piece as 16-bit mono engine-rate frames, brought to the common level."""
    try:
        audio = AudioSegment.from_wav(str(wav))
    except Exception as exc:  # pydub raises bare exceptions on bad files
        raise AudioError(f"unreadable speech piece: {exc}", path=wav, hint="clear the cache: storycast cache clear") \
            from exc
    audio = audio.set_channels(1).set_sample_width(2).set_frame_rate(SAMPLE_RATE)
    if encoding.level_dbfs is not None and audio.rms > 0:
        gain = min(encoding.level_dbfs - audio.dBFS, encoding.peak_dbfs - audio.max_dBFS, 18.0)
        audio = audio.apply_gain(gain)
    return bytes(audio.raw_data)


def _limited(pcm: bytes, ceiling_dbfs: float) -> bytes:
    """Peaks held under ``ceiling_dbfs`` by a look-ahead limiter (pedalboard), speech level untouched."""
    import numpy as np  # in the encode workers only: the main process never needs them
    from pedalboard import Gain, Limiter, Pedalboard  # type: ignore[attr-defined]

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    # JUCE's limiter raises its threshold to full scale; the gain after it puts full scale at the ceiling
    board = Pedalboard([Limiter(threshold_db=LIMITER_HEADROOM_DB, release_ms=60.0), Gain(gain_db=ceiling_dbfs)])
    out = board(samples.reshape(1, -1), SAMPLE_RATE, reset=True)[0]
    return bytes((np.clip(out, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())


def encode_chunks(chunks: Sequence[Chunk], encoding: Encoding = DEFAULT_ENCODING,
                  workers: int | None = None) -> Iterator[tuple[Chunk, EncodedChunk]]:
    """Encode chunks across worker processes, yielding each with its facts as it is done."""
    if not chunks:
        return
    workers = max(1, min(workers or os.cpu_count() or 1, len(chunks)))
    if workers == 1 or len(chunks) < 4:
        for chunk in chunks:
            yield chunk, encode_chunk(chunk, encoding)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from zip(chunks, pool.map(encode_chunk, chunks, [encoding] * len(chunks), chunksize=4), strict=True)


def assemble(chunks: Sequence[Chunk], out_path: Path | None, encoding: Encoding = DEFAULT_ENCODING,
             facts: Mapping[str, EncodedChunk] | None = None) -> ChapterAudio:
    """Write the chunks' frames one after another into ``out_path``; time the cues and scenes.

    With ``out_path`` None nothing is written: the timings of an unchanged chapter.
    ``facts`` (by chunk key) saves reading each chunk's facts from the cache again.
    """
    cues: list[Cue] = []
    scenes: list[int] = [0]
    at_frames = 0
    try:
        with out_path.open("wb") if out_path is not None else contextlib.nullcontext() as out:
            for chunk in chunks:
                known = (facts or {}).get(chunk.key) or encoded(chunk)
                if known is None:
                    raise AudioError("a chunk is missing from the cache", path=chunk.path,
                                     hint="run the render again")
                base_ms = (at_frames * FRAME_SAMPLES + ENCODER_DELAY) * 1000 / encoding.sample_rate
                ends = (*known.offsets[1:], known.samples)
                for part, offset, end in zip(chunk.parts, known.offsets, ends, strict=True):
                    start = round(base_ms + offset * 1000 / SAMPLE_RATE)
                    if part.scene_start:
                        scenes.append(start)
                    if part.wav is not None and part.text:
                        cues.append(Cue(start, round(base_ms + end * 1000 / SAMPLE_RATE), part.text, part.speaker))
                if out is not None:
                    out.write(chunk.path.read_bytes())
                at_frames += known.frames
    except OSError as exc:
        raise AudioError(f"could not write the chapter: {exc.strerror or exc}", path=out_path,
                         hint="check free disk space") from exc
    return ChapterAudio(out_path or Path(), round(at_frames * encoding.ms_per_frame), tuple(scenes), tuple(cues))


def stitch_chapter(title_wavs: Sequence[Path], spoken: Sequence[SpokenSegment], out_path: Path, *,
                   pauses: Pauses = DEFAULT_PAUSES, encoding: Encoding = DEFAULT_ENCODING,
                   title_text: str = "", cache_dir: Path | None = None) -> ChapterAudio:
    """Plan, encode (in this process) and assemble one chapter: for previews and tests."""
    with tempfile.TemporaryDirectory(prefix="storycast-chunks-") as scratch:
        chunks = plan_chunks(title_wavs, spoken, cache_dir or Path(scratch), pauses=pauses, encoding=encoding,
                             title_text=title_text)
        for chunk in chunks:
            if encoded(chunk) is None:
                encode_chunk(chunk, encoding)
        return assemble(chunks, out_path, encoding)


def count_frames(data: bytes) -> int:
    """MPEG-1 Layer III frames in a headerless CBR stream (checks each frame's sync word)."""
    return sum(1 for _ in _frame_bitrates(data, 0, strict=True))


def frame_bitrates(path: Path) -> set[int]:
    """The bitrates (kbps) of the MP3 frames in a file after its ID3 tag: one value means CBR."""
    data = path.read_bytes()
    at = 0
    if data[:3] == b"ID3":
        size = ((data[6] & 0x7F) << 21) | ((data[7] & 0x7F) << 14) | ((data[8] & 0x7F) << 7) | (data[9] & 0x7F)
        at = 10 + size
    return set(_frame_bitrates(data, at, strict=False))


def _frame_bitrates(data: bytes, at: int, *, strict: bool) -> Iterator[int]:
    """Each frame's bitrate from ``at`` on; ``strict`` refuses a bad header, else skips to the next sync."""
    while at + 4 <= len(data):
        header = int.from_bytes(data[at : at + 4], "big")
        bitrate = _BITRATES[(header >> 12) & 0xF]
        rate = _RATES[(header >> 10) & 0x3]
        if header >> 21 != 0x7FF or not bitrate or rate == 1:
            if strict:
                raise AudioError(f"the encoder wrote a broken frame at byte {at}", hint="report this as a bug")
            at += 1  # padding after the tag
            continue
        yield bitrate
        at += 144 * bitrate * 1000 // rate + ((header >> 9) & 1)


_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0)
_RATES = (44100, 48000, 32000, 1)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    tmp.write_bytes(data)
    os.replace(tmp, path)

"""Tagging: ID3 tags, cover and chapter marks on each MP3, for players and podcast apps.

Tags are written as ID3v2.3: Apple Podcasts mis-displays some v2.4 chapter titles, and
every player reads v2.3. mutagen is imported here and nowhere else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCOM,
    TCON,
    TDRC,
    TIT2,
    TLEN,
    TPE1,
    TPE2,
    TRCK,
    TXXX,
    CTOCFlags,
    PictureType,
)
from mutagen.id3._tags import save_frame
from mutagen.mp3 import MP3

from storycast.errors import AudioError
from storycast.model import ChapterMark

NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: times only


@dataclass(frozen=True)
class ChapterTags:
    """What a chapter (or whole-book) file says about itself."""

    title: str
    album: str
    author: str | None
    track: int
    total: int
    narrator: str
    comment: str
    year: int | None = None
    stable_id: str | None = None
    duration_ms: int | None = None
    cover_jpeg: bytes | None = None
    marks: tuple[ChapterMark, ...] = ()
    cast_note: str | None = None
    audio_key: str | None = None  # what the audio was made from: a re-render with the same key keeps the file


class _TimeOrderedID3(ID3):
    """ID3 that writes CHAP frames in start-time order.

    mutagen orders frames of one kind by their size, which scrambles chapters for
    readers (ffmpeg among them) that take CHAP frames in file order. Relies on
    mutagen's ``_write``/``save_frame`` (pinned version).
    """

    def _write(self, config: Any) -> bytes:
        chapters = sorted(self.getall("CHAP"), key=lambda c: c.start_time)
        self.delall("CHAP")
        try:
            data: bytes = super()._write(config)
        finally:
            for chap in chapters:
                self.add(chap)
        return data + b"".join(save_frame(c, config=config) for c in chapters)


def tag_chapter(path: Path, tags: ChapterTags) -> None:
    """Write ID3v2.3 tags (replacing any), a front cover and chapter marks onto ``path``."""
    try:
        id3 = _TimeOrderedID3()
        id3.add(TIT2(encoding=1, text=tags.title))
        id3.add(TALB(encoding=1, text=tags.album))
        if tags.author:
            id3.add(TPE1(encoding=1, text=tags.author))
            id3.add(TPE2(encoding=1, text=tags.author))
        id3.add(TCOM(encoding=1, text=tags.narrator))
        id3.add(TRCK(encoding=1, text=f"{tags.track}/{tags.total}"))
        id3.add(TCON(encoding=1, text="Audiobook"))
        if tags.year:
            id3.add(TDRC(encoding=1, text=str(tags.year)))
        id3.add(COMM(encoding=1, lang="eng", desc="", text=tags.comment))
        if tags.duration_ms is not None:
            id3.add(TLEN(encoding=1, text=str(tags.duration_ms)))
        if tags.stable_id:
            id3.add(TXXX(encoding=1, desc="storycast id", text=tags.stable_id))
        if tags.cast_note:
            id3.add(TXXX(encoding=1, desc="storycast cast", text=tags.cast_note))
        if tags.audio_key:
            id3.add(TXXX(encoding=1, desc="storycast audio", text=tags.audio_key))
        id3.add(TXXX(encoding=1, desc="storycast tags", text=tag_fingerprint(tags)))
        if tags.cover_jpeg:
            id3.add(APIC(encoding=1, mime="image/jpeg", type=PictureType.COVER_FRONT, desc="Cover",
                         data=tags.cover_jpeg))
        _add_marks(id3, tags.title, tags.marks)
        id3.update_to_v23()
        id3.save(str(path), v2_version=3)
    except (MutagenError, OSError) as exc:
        raise AudioError(f"could not write tags: {exc}", path=path, hint="check free disk space") from exc


def tag_fingerprint(tags: ChapterTags) -> str:
    """A hash of everything a tag write would put in the file, to skip writes that change nothing."""
    fields = {k: (hashlib.sha256(v).hexdigest() if isinstance(v, bytes) else v) for k, v in asdict(tags).items()}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def read_stamps(path: Path) -> tuple[str | None, str | None]:
    """The audio key and tag fingerprint storycast wrote into a file; (None, None) if none or no file."""
    try:
        tags = ID3(str(path))
    except (MutagenError, OSError):
        return None, None
    found = {str(t.desc): str(t.text[0]) for t in tags.getall("TXXX")}
    return found.get("storycast audio"), found.get("storycast tags")


def _add_marks(id3: ID3, title: str, marks: Sequence[ChapterMark]) -> None:
    """One CHAP per mark in time order, under one ordered top-level CTOC."""
    if not marks:
        return
    ids = [f"chp{n}" for n in range(len(marks))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=1, text=title)]))
    for element_id, mark in zip(ids, sorted(marks, key=lambda m: m.start_ms), strict=True):
        id3.add(CHAP(element_id=element_id, start_time=mark.start_ms, end_time=mark.end_ms,
                     start_offset=NO_OFFSET, end_offset=NO_OFFSET, sub_frames=[TIT2(encoding=1, text=mark.title)]))


def read_chapter(path: Path) -> dict[str, object]:
    """Tags, chapter marks and stream facts of an MP3, for checks and tests."""
    try:
        audio = MP3(str(path))
    except (MutagenError, OSError) as exc:
        raise AudioError(f"not a readable MP3: {exc}", path=path, hint="re-render it") from exc
    tags = audio.tags or ID3()
    assert audio.info is not None
    out: dict[str, object] = {
        "duration": float(audio.info.length),
        "bitrate": int(audio.info.bitrate),
        "bitrate_mode": str(audio.info.bitrate_mode).rsplit(".", 1)[-1],
        "sample_rate": int(audio.info.sample_rate),
        "channels": int(audio.info.channels),
        "id3_version": f"2.{tags.version[1]}" if tags.version else None,
    }
    for frame in ("TIT2", "TALB", "TPE1", "TPE2", "TCOM", "TRCK", "TCON", "TDRC", "TYER", "TLEN"):
        if frame in tags:
            out[frame] = str(tags[frame].text[0])
    comments = tags.getall("COMM")
    if comments:
        out["COMM"] = str(comments[0].text[0])
    ids = tags.getall("TXXX")
    if ids:
        out["TXXX"] = {str(t.desc): str(t.text[0]) for t in ids}
    pictures = tags.getall("APIC")
    if pictures:
        out["APIC"] = (str(pictures[0].mime), int(pictures[0].type), len(pictures[0].data))
    tocs = tags.getall("CTOC")
    if tocs:
        toc = tocs[0]
        out["CTOC"] = (list(toc.child_element_ids), bool(toc.flags & CTOCFlags.TOP_LEVEL),
                       bool(toc.flags & CTOCFlags.ORDERED), str(toc.sub_frames["TIT2"].text[0]))
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    if chaps:
        out["CHAP"] = [(c.element_id, c.start_time, c.end_time, str(c.sub_frames["TIT2"].text[0])) for c in chaps]
    return out

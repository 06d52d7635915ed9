"""Tagging: ID3 tags on each chapter MP3, so players and podcast apps show the book."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import COMM, ID3, TALB, TCOM, TCON, TDRC, TIT2, TLEN, TPE1, TPE2, TRCK, TXXX
from mutagen.mp3 import MP3

from storycast.errors import AudioError


@dataclass(frozen=True)
class ChapterTags:
    """What a chapter file says about itself."""

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


def tag_chapter(path: Path, tags: ChapterTags) -> None:
    """Write ID3v2.4 tags (replacing any) onto the MP3 at ``path``."""
    try:
        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags.title))
        id3.add(TALB(encoding=3, text=tags.album))
        if tags.author:
            id3.add(TPE1(encoding=3, text=tags.author))
            id3.add(TPE2(encoding=3, text=tags.author))
        id3.add(TCOM(encoding=3, text=tags.narrator))
        id3.add(TRCK(encoding=3, text=f"{tags.track}/{tags.total}"))
        id3.add(TCON(encoding=3, text="Audiobook"))
        if tags.year:
            id3.add(TDRC(encoding=3, text=str(tags.year)))
        id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
        if tags.duration_ms is not None:
            id3.add(TLEN(encoding=3, text=str(tags.duration_ms)))
        if tags.stable_id:
            id3.add(TXXX(encoding=3, desc="storycast id", text=tags.stable_id))
        id3.save(str(path), v2_version=4)
    except (MutagenError, OSError) as exc:
        raise AudioError(f"could not write tags: {exc}", path=path, hint="check free disk space") from exc


def read_chapter(path: Path) -> dict[str, object]:
    """Tags and length of a chapter file, for checks and tests."""
    try:
        audio = MP3(str(path))
    except (MutagenError, OSError) as exc:
        raise AudioError(f"not a readable MP3: {exc}", path=path, hint="re-render it") from exc
    tags = audio.tags or ID3()
    assert audio.info is not None
    out: dict[str, object] = {
        "duration": float(audio.info.length),
        "bitrate": int(audio.info.bitrate),
        "sample_rate": int(audio.info.sample_rate),
        "channels": int(audio.info.channels),
    }
    for frame in ("TIT2", "TALB", "TPE1", "TPE2", "TCOM", "TRCK", "TCON", "TDRC", "TLEN"):
        if frame in tags:
            out[frame] = str(tags[frame].text[0])
    comments = tags.getall("COMM")
    if comments:
        out["COMM"] = str(comments[0].text[0])
    return out

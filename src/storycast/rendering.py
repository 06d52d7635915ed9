"""Rendering: the whole pipeline, story files in, tagged chapter MP3s out.

Every synthesized piece is stored under a content hash in the segment cache, so a
re-render only speaks what changed. Chapter files are written under a temporary
name and renamed when complete: the output folder only ever holds whole files.
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storycast.casting import Assignment, assign_voices
from storycast.errors import OutputError
from storycast.loading import load_story
from storycast.model import Cast, Chapter, Script, Voice
from storycast.parsing import parse_story
from storycast.speech_text import speakable, split_pieces
from storycast.stitching import DEFAULT_PAUSES, Pauses, SpokenSegment, stitch_chapter
from storycast.synthesis import EngineInfo, SynthesisJob, cache_key, engine_info, synthesize_jobs
from storycast.tagging import ChapterTags, tag_chapter

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RenderedChapter:
    title: str
    path: Path
    duration_ms: int


@dataclass(frozen=True)
class RenderResult:
    """What a render produced, for the CLI's summary."""

    out_dir: Path
    chapters: tuple[RenderedChapter, ...]
    script: Script
    assignment: Assignment
    pieces: int
    cached: int
    seconds: float


def default_cache_dir() -> Path:
    """Where synthesized pieces are kept between renders."""
    env = os.environ.get("STORYCAST_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storycast"


def slugify(text: str, limit: int = 60) -> str:
    """A safe, portable file-name part: ASCII letters, digits and dashes only."""
    text = re.sub("['\u2019]", "", text)  # "Lamplighter's" -> "lamplighters"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or "untitled"


def render_story(
    paths: Sequence[str | Path], *, cast: Cast, out_dir: Path | None = None, title: str | None = None,
    author: str | None = None, engine: str = "pyttsx3", workers: int | None = None,
    cache_dir: Path | None = None, pauses: Pauses = DEFAULT_PAUSES, progress: Progress | None = None,
) -> RenderResult:
    """Load, parse, cast, synthesize, stitch and tag a story into ``out_dir``."""
    started = time.monotonic()
    report = progress or (lambda stage, done, total: None)
    story = load_story(paths, title=title, author=author)
    script = parse_story(story, cast=cast)
    assignment = assign_voices(script, cast)
    info = engine_info(engine)
    out_dir = out_dir or Path("audio") / slugify(script.title)
    _prepare_output(out_dir)
    cache = (cache_dir or default_cache_dir()) / "segments"
    cache.mkdir(parents=True, exist_ok=True)

    plans = [_plan_chapter(ch, n, assignment, info, cache) for n, ch in enumerate(script.chapters, 1)]
    wanted: dict[str, SynthesisJob] = {}
    for plan in plans:
        for job in plan.jobs:
            wanted.setdefault(job.path, job)
    missing = [job for job in wanted.values() if not Path(job.path).exists()]
    for folder in {Path(job.path).parent for job in missing}:
        folder.mkdir(exist_ok=True)
    report("synthesize", 0, len(missing))
    for done, _ in enumerate(synthesize_jobs(missing, engine=engine, workers=workers), 1):
        report("synthesize", done, len(missing))

    rendered: list[RenderedChapter] = []
    narrator = f"storycast ({assignment.narrator.voice})"
    cast_note = ", ".join(f"{who}: {v.voice}" for who, v in sorted(assignment.voices.items()))
    total = len(script.chapters)
    report("stitch", 0, total)
    for n, (chapter, plan) in enumerate(zip(script.chapters, plans, strict=True), 1):
        final = out_dir / f"{n:02d}-{slugify(chapter.title, 50)}.mp3"
        tmp = out_dir / f".{final.name}.partial"
        try:
            audio = stitch_chapter(plan.title_wavs, plan.spoken, tmp, pauses=pauses)
            tag_chapter(tmp, ChapterTags(
                title=chapter.title, album=script.title, author=script.author, track=n, total=total,
                narrator=narrator, comment=f"Narrated by {narrator}. Cast: {cast_note or 'narrator only'}.",
                stable_id=f"{slugify(script.title)}-{n:02d}", duration_ms=audio.duration_ms,
            ))
            os.replace(tmp, final)
        finally:
            if tmp.exists():
                tmp.unlink()
        rendered.append(RenderedChapter(chapter.title, final, audio.duration_ms))
        report("stitch", n, total)
    _write_json(out_dir / "script.json", script.to_json())
    return RenderResult(out_dir, tuple(rendered), script, assignment, len(wanted),
                        len(wanted) - len(missing), time.monotonic() - started)


@dataclass(frozen=True)
class _ChapterPlan:
    title_wavs: tuple[Path, ...]
    spoken: tuple[SpokenSegment, ...]
    jobs: tuple[SynthesisJob, ...]


def _plan_chapter(chapter: Chapter, number: int, assignment: Assignment, info: EngineInfo,
                  cache: Path) -> _ChapterPlan:
    jobs: list[SynthesisJob] = []

    def pieces(text: str, voice: Voice, label: str) -> tuple[Path, ...]:
        paths = []
        for piece in split_pieces(speakable(text)):
            key = cache_key(piece, voice, info)
            path = cache / key[:2] / f"{key}.wav"
            jobs.append(SynthesisJob(piece, voice, str(path), label))
            paths.append(path)
        return tuple(paths)

    title_wavs = pieces(chapter.title, assignment.narrator, f"the title of chapter {number}")
    spoken = []
    for seg in chapter.segments:
        voice = assignment.voice_for(seg.speaker if seg.kind == "dialogue" else None)
        label = f"chapter {number} ({chapter.source}, offset {seg.start})"
        spoken.append(SpokenSegment(seg, pieces(seg.text, voice, label)))
    return _ChapterPlan(title_wavs, tuple(spoken), tuple(jobs))


def _prepare_output(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".storycast-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}", path=out_dir,
                          hint="choose another folder with -o, or fix its permissions") from exc


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)

"""Rendering: the whole pipeline, story files in, tagged chapter MP3s out.

Every synthesized piece is stored under a content hash in the segment cache, so a
re-render only speaks what changed. Chapter files are written under a temporary
name and renamed when complete: the output folder only ever holds whole files.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; renders into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

from storycast.casting import (
    Assignment,
    CastUpdate,
    add_characters,
    assign_voices,
    count_lines,
    new_cast_text,
    parse_cast,
    read_cast_text,
)
from storycast.cover import cover_from_bytes, load_cover, make_cover
from storycast.errors import EngineError, InputError, OutputError
from storycast.feed import (
    Episode,
    Podcast,
    book_guid,
    chapters_json,
    episode_guid,
    feed_xml,
    m3u,
    publication_dates,
    published_dates,
    srt,
    webvtt,
)
from storycast.loading import MAX_STORY_BYTES, load_story
from storycast.model import Cast, Chapter, ChapterMark, Character, Cue, Script, Segment, Voice, name_key
from storycast.parsing import parse_story
from storycast.quotes import QUOTE_MARKS
from storycast.speech_text import readable, speakable, split_pieces
from storycast.stitching import (
    DEFAULT_ENCODING,
    DEFAULT_PAUSES,
    Chunk,
    EncodedChunk,
    Encoding,
    Pauses,
    SpokenSegment,
    assemble,
    encode_chunks,
    encoded,
    plan_chunks,
    stitch_chapter,
)
from storycast.synthesis import EngineInfo, SynthesisJob, cache_key, engine_info, synthesize_jobs
from storycast.tagging import ChapterTags, read_stamps, tag_chapter, tag_fingerprint

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RenderedChapter:
    """One chapter file as written, with what the feed needs to list it."""

    number: int
    title: str
    path: Path
    duration_ms: int
    marks: tuple[ChapterMark, ...] = ()
    cues: tuple[Cue, ...] = ()
    description: str = ""


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
    feed: Path | None = None
    single_file: Path | None = None
    encoded: int = 0
    chunks: int = 0
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishOptions:
    """How a render is published: cover, feed links, whole-book file."""

    cover: Path | None = None
    base_url: str = ""
    single_file: bool = False
    explicit: bool = False
    owner_email: str | None = None


def default_cache_dir() -> Path:
    """Where synthesized pieces are kept between renders."""
    env = os.environ.get("STORYCAST_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storycast"


@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds."""

    path: Path
    pieces: int
    chunks: int
    bytes: int


def cache_info(cache_dir: Path | None = None) -> CacheInfo:
    """Count the cached speech pieces and encoded paragraphs, and their size on disk."""
    root = cache_dir or default_cache_dir()
    pieces = chunks = size = 0
    for path in root.rglob("*") if root.is_dir() else ():
        if path.is_file():
            size += path.stat().st_size
            whole = not path.name.startswith(".")  # a dot-name is a write in progress, or one a killed run left
            pieces += whole and path.suffix == ".wav"
            chunks += whole and path.suffix == ".mp3"
    return CacheInfo(root, pieces, chunks, size)


def clear_cache(cache_dir: Path | None = None) -> CacheInfo:
    """Delete everything storycast cached; returns what was there."""
    before = cache_info(cache_dir)
    for name in ("segments", "chunks"):
        shutil.rmtree(before.path / name, ignore_errors=True)
    return before


WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                              *(f"lpt{n}" for n in range(10))])


def slugify(text: str, limit: int = 60) -> str:
    """A safe, portable file-name part: ASCII letters, digits and dashes only."""
    text = re.sub("['\u2019]", "", text)  # "Lamplighter's" -> "lamplighters"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    if slug in WINDOWS_RESERVED:
        slug += "-story"  # "con" and friends cannot be file names on Windows
    return slug or "untitled"


def render_story(
    paths: Sequence[str | Path], *, cast: Cast, out_dir: Path | None = None, title: str | None = None,
    author: str | None = None, engine: str = "pyttsx3", workers: int | None = None,
    cache_dir: Path | None = None, pauses: Pauses | None = None, progress: Progress | None = None,
    publish: PublishOptions = PublishOptions(), encoding: Encoding = DEFAULT_ENCODING, skip_failed: bool = False,
    max_bytes: int = MAX_STORY_BYTES, on_decode: Callable[[str, str], None] | None = None,
    chapters: str | Sequence[int] | None = None, skip_front_matter: bool = False,
) -> RenderResult:
    """Load, parse, cast, synthesize, stitch and tag a story into ``out_dir``, then publish it as a podcast.

    Only what changed is done again: speech pieces and encoded paragraphs come from the
    cache, and a chapter file whose audio and tags are unchanged is left as it is.
    """
    started = time.monotonic()
    report = progress or (lambda stage, done, total: None)
    pauses = replace(pauses or DEFAULT_PAUSES, **cast.pauses)  # the casting file has the last word
    story = load_story(paths, title=title, author=author, max_bytes=max_bytes, on_decode=on_decode)
    script = parse_story(story, cast=cast)
    assignment = assign_voices(script, cast)
    info = engine_info(engine)
    if publish.cover:
        cover = load_cover(publish.cover)
    elif story.cover:
        cover = cover_from_bytes(story.cover, story.sources[0].path)
    else:
        cover = make_cover(script.title, script.author)
    if chapters is not None:  # "3-5", or chapter numbers
        wanted = parse_chapter_range(chapters, len(script.chapters)) if isinstance(chapters, str) else chapters
        script = select_chapters(script, wanted)
    if skip_front_matter:
        script = replace(script, chapters=tuple(replace(ch, number=_numbers(script)[n])
                                                for n, ch in enumerate(script.chapters) if not ch.front_matter))
    out_dir = out_dir or Path("audio") / slugify(script.title)
    _prepare_output(out_dir)
    _check_free_space(out_dir, script, encoding, single_file=publish.single_file)
    try:
        with _output_lock(out_dir):
            return _render(script, assignment, info, cover, out_dir, started, report, engine=engine,
                           workers=workers, cache_dir=cache_dir, pauses=pauses, publish=publish, encoding=encoding,
                           skip_failed=skip_failed, language=story.language, pronounce=cast.pronounce)
    except OSError as exc:  # disk full, folder removed under us...: nothing half-written is left (see _partial)
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=exc.filename or out_dir,
                          hint="free some disk space ('storycast cache clear' frees the cache) and run again"
                          if full else "check the folder and its permissions, then run again") from exc


def _render(script: Script, assignment: Assignment, info: EngineInfo, cover: bytes, out_dir: Path, started: float,
            report: Progress, *, engine: str, workers: int | None, cache_dir: Path | None, pauses: Pauses,
            publish: PublishOptions, encoding: Encoding, skip_failed: bool, language: str | None,
            pronounce: Mapping[str, str]) -> RenderResult:
    root = cache_dir or default_cache_dir()
    pieces_dir, chunks_dir = root / "segments", root / "chunks"
    pieces_dir.mkdir(parents=True, exist_ok=True)

    narrator = f"storycast ({assignment.narrator.voice})"
    book_tags = ChapterTags(title="", album=script.title, author=script.author, track=0, total=len(script.chapters),
                            narrator=narrator, comment="", cover_jpeg=cover,
                            cast_note=_cast_note(narrator, assignment, script.chapters))
    chapters: list[_ChapterWork] = []
    for n, chapter in zip(_numbers(script), script.chapters, strict=True):
        plan = _plan_chapter(chapter, n, assignment, info, pieces_dir, pronounce)
        chunks = plan_chunks(plan.title_wavs, plan.spoken, chunks_dir, pauses=pauses, encoding=encoding,
                             title_text=chapter.title)
        final = out_dir / f"{n:02d}-{slugify(chapter.title, 50)}.mp3"
        tags = replace(book_tags, title=chapter.title, track=n, stable_id=f"{slugify(script.title)}-{n:02d}",
                       comment=_opening_words(chapter), audio_key=_audio_key(chunks),
                       cast_note=_cast_note(narrator, assignment, [chapter]))
        chapters.append(_ChapterWork(n, chapter, final, plan, chunks, tags))

    # what must be made: chunks not in the cache, for chapters whose file is not current
    facts = {c.key: f for w in chapters for c in w.chunks if (f := encoded(c)) is not None}
    stamps = {w.number: read_stamps(w.final) for w in chapters}
    stale = [w for w in chapters
             if stamps[w.number][0] != w.tags.audio_key or any(c.key not in facts for c in w.chunks)]
    to_encode = list({c.key: c for w in stale for c in w.chunks if c.key not in facts}.values())
    needed_wavs = {str(p.wav) for c in to_encode for p in c.parts if p.wav is not None}
    jobs = [job for w in chapters for job in w.plan.jobs]
    failed: list[EngineError] | None = [] if skip_failed else None
    spoken_now = _synthesize_missing([j for j in jobs if j.path in needed_wavs], engine, workers, report, failed)
    if failed:  # leave out what the engine could not speak, and say so
        gone = {str(f.job.path) for f in failed if f.job is not None}
        chapters = [_without(w, gone, pauses, encoding, chunks_dir) for w in chapters]
        to_encode = list({c.key: c for w in chapters for c in w.chunks if c.key not in facts}.values())
    report("encode", 0, len(to_encode))
    for done, (chunk, made) in enumerate(encode_chunks(to_encode, encoding, workers), 1):
        facts[chunk.key] = made
        report("encode", done, len(to_encode))

    rendered: list[RenderedChapter] = []
    report("write", 0, len(chapters))
    for done, w in enumerate(chapters, 1):
        rendered.append(_write_chapter(w, encoding, facts, stamps[w.number]))
        report("write", done, len(chapters))
    single = None
    if publish.single_file:
        single = _write_single_file(out_dir, script, chapters, rendered, book_tags, encoding, facts)
    _write_bytes(out_dir / "script.json", (json.dumps(script.to_json(), indent=1, ensure_ascii=False) + "\n").encode())
    feed = publish_podcast(out_dir, script, rendered, cover=cover, options=publish,
                           language=language or _language(assignment.narrator.voice))
    distinct = len({job.path for job in jobs})
    return RenderResult(out_dir, tuple(rendered), script, assignment, distinct, distinct - spoken_now,
                        time.monotonic() - started, feed, single, len(to_encode),
                        len({c.key for w in chapters for c in w.chunks}),
                        tuple(f"{f.job.label}: {f.job.text[:60]!r}" for f in failed or () if f.job is not None))


def _without(work: _ChapterWork, gone: set[str], pauses: Pauses, encoding: Encoding, chunks_dir: Path) -> _ChapterWork:
    """The chapter re-planned without the pieces in ``gone``."""
    spoken = tuple(SpokenSegment(item.segment, *_kept(item, gone)) for item in work.plan.spoken)
    title = tuple(w for w in work.plan.title_wavs if str(w) not in gone)
    chunks = plan_chunks(title, spoken, chunks_dir, pauses=pauses, encoding=encoding,
                         title_text=work.chapter.title)
    return replace(work, chunks=chunks, tags=replace(work.tags, audio_key=_audio_key(chunks)))


def _audio_key(chunks: Sequence[Chunk]) -> str:
    """What a chapter's audio is made of: a file stamped with the same key needs no rewrite."""
    return hashlib.sha256("".join(c.key for c in chunks).encode()).hexdigest()


def _kept(item: SpokenSegment, gone: set[str]) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    keep = [n for n, w in enumerate(item.wavs) if str(w) not in gone]
    return tuple(item.wavs[n] for n in keep), tuple(item.texts[n] for n in keep if n < len(item.texts))


@dataclass(frozen=True)
class _ChapterWork:
    number: int
    chapter: Chapter
    final: Path
    plan: _ChapterPlan
    chunks: tuple[Chunk, ...]
    tags: ChapterTags


def _write_chapter(work: _ChapterWork, encoding: Encoding, facts: Mapping[str, EncodedChunk],
                   stamps: tuple[str | None, str | None]) -> RenderedChapter:
    """Assemble and tag a chapter file, or keep the one there if its audio and tags are current."""
    audio = assemble(work.chunks, None, encoding, facts)  # the timings, the same whether written or not
    marks = scene_marks(work.chapter, audio.scene_starts_ms, audio.duration_ms)
    tags = replace(work.tags, marks=marks, duration_ms=audio.duration_ms)
    audio_current = stamps[0] == work.tags.audio_key
    if not audio_current or stamps[1] != tag_fingerprint(tags):
        with _partial(work.final) as tmp:
            if audio_current:
                shutil.copyfile(work.final, tmp)  # only the tags changed
            else:
                assemble(work.chunks, tmp, encoding, facts)
            tag_chapter(tmp, tags)
    return RenderedChapter(work.number, work.chapter.title, work.final, audio.duration_ms, marks, audio.cues,
                           work.tags.comment)


@dataclass(frozen=True)
class ChapterListing:
    """A chapter as `storycast chapters` shows it, before any rendering."""

    number: int
    title: str
    words: int
    minutes: float
    front_matter: bool = False


WORDS_PER_MINUTE = 170


def list_chapters(script: Script) -> list[ChapterListing]:
    """Number, title, words and an estimated reading time for each chapter."""
    out = []
    for n, chapter in zip(_numbers(script), script.chapters, strict=True):
        words = sum(len(readable(seg.text).split()) for seg in chapter.segments)
        out.append(ChapterListing(n, chapter.title, words, words / WORDS_PER_MINUTE, chapter.front_matter))
    return out


def parse_chapter_range(spec: str, total: int) -> list[int]:
    """``3-5,8`` -> [3, 4, 5, 8]; refuses numbers outside 1..total."""
    wanted: list[int] = []
    for part in spec.replace(" ", "").split(","):
        m = re.fullmatch(r"(\d+)(?:-(\d+)?)?", part)
        if not m:
            raise InputError(f"'{spec}' is not a chapter range", hint="use numbers and ranges, e.g. 3-5 or 1,4,7-")
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else (total if part.endswith("-") else first)
        if not 1 <= first <= last <= total:
            raise InputError(f"chapters {part} are not in 1-{total}", hint="run 'storycast chapters STORY' to see them")
        wanted += [n for n in range(first, last + 1) if n not in wanted]
    return wanted


def select_chapters(script: Script, numbers: Sequence[int]) -> Script:
    """The script with only the chapters numbered (from 1) in ``numbers``; each keeps its number."""
    kept = tuple(replace(ch, number=n) for n, ch in enumerate(script.chapters, 1) if n in set(numbers))
    return replace(script, chapters=kept)


def _numbers(script: Script) -> list[int]:
    return [ch.number or n for n, ch in enumerate(script.chapters, 1)]


def scene_marks(chapter: Chapter, scene_starts_ms: Sequence[int], duration_ms: int) -> tuple[ChapterMark, ...]:
    """One mark per scene: the chapter's title for the first, "Scene n: opening words" for the rest."""
    openings: dict[int, str] = {}
    for seg in chapter.segments:
        words = readable(seg.text).split()
        if words and seg.scene not in openings:
            openings[seg.scene] = " ".join(words[:6])
    scenes = sorted(openings)
    marks: list[ChapterMark] = []
    for n, start in enumerate(scene_starts_ms):
        end = scene_starts_ms[n + 1] if n + 1 < len(scene_starts_ms) else duration_ms
        opening = openings.get(scenes[n], "") if n < len(scenes) else ""
        title = chapter.title if n == 0 else f"Scene {n + 1}: {opening}\u2026" if opening else f"Scene {n + 1}"
        marks.append(ChapterMark(start, end, title))
    return tuple(marks)


def publish_podcast(out_dir: Path, script: Script, chapters: Sequence[RenderedChapter], *, cover: bytes,
                    options: PublishOptions, language: str = "en") -> Path:
    """Write the cover, per-chapter JSON chapters and transcripts, the playlist and ``feed.xml``."""
    base = options.base_url.rstrip("/") + "/" if options.base_url else ""
    _write_bytes(out_dir / "cover.jpg", cover)
    guid = book_guid(script.title, script.author)
    feed_path = out_dir / "feed.xml"
    earlier = published_dates(feed_path.read_bytes() if feed_path.exists() else None)
    guids = [episode_guid(guid, ch.number) for ch in chapters]
    dates = publication_dates(guids, earlier, datetime.now(UTC).replace(microsecond=0))
    episodes = []
    for ch, item_guid, date in zip(chapters, guids, dates, strict=True):
        stem = ch.path.stem
        _write_bytes(out_dir / f"{stem}.chapters.json", chapters_json(ch.marks, ch.title).encode())
        _write_bytes(out_dir / f"{stem}.vtt", webvtt(ch.cues).encode())
        _write_bytes(out_dir / f"{stem}.srt", srt(ch.cues).encode())
        episodes.append(Episode(ch.number, ch.title, ch.description, ch.path.name, ch.path.stat().st_size,
                                ch.duration_ms, item_guid, date, f"{stem}.chapters.json", f"{stem}.vtt",
                                f"{stem}.srt"))
    by = f" by {script.author}" if script.author else ""
    podcast = Podcast(script.title, script.author, f"{script.title}{by}: an audiobook in {len(chapters)} "
                      f"chapters, voiced by storycast.", language, guid, "cover.jpg", base, options.explicit,
                      options.owner_email)
    _write_bytes(out_dir / "playlist.m3u", m3u(podcast, episodes).encode())
    _write_bytes(feed_path, feed_xml(podcast, episodes, built=datetime.now(UTC).replace(microsecond=0)))
    return feed_path


def _write_single_file(out_dir: Path, script: Script, chapters: Sequence[_ChapterWork],
                       rendered: Sequence[RenderedChapter], book_tags: ChapterTags, encoding: Encoding,
                       facts: Mapping[str, EncodedChunk]) -> Path:
    """The whole book in one MP3 with one chapter mark per chapter (its chunks, end to end)."""
    final = out_dir / f"{slugify(script.title)}.mp3"
    starts = [0]
    for ch in rendered[:-1]:
        starts.append(starts[-1] + ch.duration_ms)
    total = sum(ch.duration_ms for ch in rendered)
    marks = tuple(ChapterMark(start, starts[n + 1] if n + 1 < len(starts) else total, ch.title)
                  for n, (start, ch) in enumerate(zip(starts, rendered, strict=True)))
    with _partial(final) as tmp:
        assemble([c for w in chapters for c in w.chunks], tmp, encoding, facts)
        tag_chapter(tmp, replace(book_tags, title=script.title, track=1, total=1, duration_ms=total,
                                 stable_id=f"{slugify(script.title)}-book", marks=marks,
                                 comment=f"{script.title}, the whole book in one file: {len(rendered)} chapters."))
    return final


def _cast_note(narrator: str, assignment: Assignment, chapters: Sequence[Chapter]) -> str:
    """Who is heard in these chapters, in which voice (a chapter's note changes only with its own voices)."""
    heard = sorted({s.speaker for ch in chapters for s in ch.segments if s.kind == "dialogue" and s.speaker})
    cast = ", ".join(f"{who}: {assignment.voice_for(who).voice}" for who in heard)
    return f"Narrated by {narrator}. Cast: {cast or 'narrator only'}."


def _opening_words(chapter: Chapter, limit: int = 45) -> str:
    words = " ".join(readable(seg.text) for seg in chapter.segments[:12]).split()
    return " ".join(words[:limit]) + ("\u2026" if len(words) > limit else "")


def _language(voice_id: str) -> str:
    """The feed's language from the narrator's voice id (gmw/en-us+f3 -> en-us)."""
    code = voice_id.split("+")[0].rsplit("/", 1)[-1].lower()
    return code if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", code) else "en"


@contextmanager
def _partial(final: Path) -> Iterator[Path]:
    """A temporary name next to ``final``, renamed to it only if the block completes."""
    tmp = final.with_name(f".{final.name}.partial")
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_bytes(path: Path, data: bytes) -> None:
    with _partial(path) as tmp:
        tmp.write_bytes(data)


@dataclass(frozen=True)
class _ChapterPlan:
    title_wavs: tuple[Path, ...]
    spoken: tuple[SpokenSegment, ...]
    jobs: tuple[SynthesisJob, ...]


@dataclass
class _Planner:
    """Turns text in a voice into cached WAV paths, collecting the pieces still to synthesize."""

    info: EngineInfo
    cache: Path
    jobs: list[SynthesisJob]
    pronounce: Mapping[str, str] = field(default_factory=dict)

    def pieces(self, text: str, voice: Voice, label: str) -> tuple[Path, ...]:
        return self.spoken(Segment("narration", text, 0, 0), voice, label).wavs

    def spoken(self, segment: Segment, voice: Voice, label: str) -> SpokenSegment:
        paths, texts = [], []
        for piece in split_pieces(speakable(segment.text, self.pronounce)):
            key = cache_key(piece, voice, self.info)
            path = self.cache / key[:2] / f"{key}.wav"
            self.jobs.append(SynthesisJob(piece, voice, str(path), label))
            paths.append(path)
            texts.append(piece)
        return SpokenSegment(segment, tuple(paths), tuple(texts))


def _plan_chapter(chapter: Chapter, number: int, assignment: Assignment, info: EngineInfo,
                  cache: Path, pronounce: Mapping[str, str]) -> _ChapterPlan:
    planner = _Planner(info, cache, [], pronounce)
    title_wavs = planner.pieces(chapter.title, assignment.narrator, f"the title of chapter {number}")
    spoken = []
    for seg in chapter.segments:
        voiced = seg.kind == "dialogue" or (seg.thought and assignment.thoughts == "character")
        voice = assignment.voice_for(seg.speaker if voiced else None)
        label = f"chapter {number} ({chapter.source}, offset {seg.start})"
        spoken.append(planner.spoken(seg, voice, label))
    return _ChapterPlan(title_wavs, tuple(spoken), tuple(planner.jobs))


def _synthesize_missing(jobs: Sequence[SynthesisJob], engine: str, workers: int | None,
                        report: Progress, failed: list[EngineError] | None = None) -> int:
    """Speak every job whose WAV is not in the cache yet; returns how many were tried."""
    wanted: dict[str, SynthesisJob] = {}
    for job in jobs:
        wanted.setdefault(job.path, job)
    missing = [job for job in wanted.values() if not Path(job.path).exists()]
    for folder in {Path(job.path).parent for job in missing}:
        folder.mkdir(exist_ok=True)
    report("synthesize", 0, len(missing))
    for done, _ in enumerate(synthesize_jobs(missing, engine=engine, workers=workers, failed=failed), 1):
        report("synthesize", done, len(missing))
    return len(missing)


def _prepare_output(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".storycast-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}", path=out_dir,
                          hint="choose another folder with -o, or fix its permissions") from exc


def _check_free_space(out_dir: Path, script: Script, encoding: Encoding, *, single_file: bool) -> None:
    """Refuse before any work when the chapters cannot fit (speech runs at about 170 words a minute)."""
    words = sum(len(seg.text.split()) for ch in script.chapters for seg in ch.segments)
    needed = int(words / 170 * 60 * encoding.bitrate_kbps * 1000 / 8 * (2 if single_file else 1) * 1.1)
    free = shutil.disk_usage(out_dir).free
    if free < needed:
        raise OutputError(f"not enough free space: the audio needs about {needed / 1e6:.0f} MB, "
                          f"{free / 1e6:.0f} MB are free", path=out_dir,
                          hint="free some space or render into another folder with -o")


@contextmanager
def _output_lock(out_dir: Path) -> Iterator[None]:
    """One render per output folder at a time; clears what a killed render left half-written."""
    lock_path = out_dir / ".storycast.lock"
    with lock_path.open("a+b") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise OutputError("another render is writing to this folder", path=out_dir,
                                  hint="wait for it to finish, or render into another folder with -o") from exc
        for stale in out_dir.glob(".*.partial"):
            stale.unlink(missing_ok=True)
        try:
            yield
        finally:
            lock_path.unlink(missing_ok=True)



def cast_story(paths: Sequence[str | Path], *, cast_path: Path, engine: str = "pyttsx3",
               title: str | None = None) -> CastUpdate:
    """Work out the new text of a casting file for a story (nothing is written).

    Characters are discovered by a parse without the file's characters (so that new
    ones are found), matched to entries by name and alias, and the line counts come
    from a parse with the updated file, as a render would do it. Re-running on the
    result finds nothing to add and the same counts: a no-op.
    """
    info = engine_info(engine)
    exists = cast_path.exists()
    text = read_cast_text(cast_path) if exists else new_cast_text(info.voice_ids())
    cast = parse_cast(text, path=cast_path, known_voice=info)
    story = load_story(paths, title=title)
    found = parse_story(story, cast=replace(cast, characters=())).characters
    draft = add_characters(text, found, voice_ids=info.voice_ids())
    counted = parse_story(story, cast=parse_cast(draft.text, path=cast_path))
    update = count_lines(draft, {c.name: c.lines for c in counted.characters})
    return update if exists else replace(update, created=True)


NARRATOR_NAMES = ("narrator", "the narrator")
SAMPLE_LINE = "Hello, I am {name}. This is how I sound: every word of my part will be read like this."


@dataclass(frozen=True)
class Preview:
    """An audition file and who is heard in it, in order."""

    path: Path
    voices: tuple[tuple[str, Voice], ...]
    duration_ms: int


def preview_voices(
    names: Sequence[str], *, cast: Cast, story: Sequence[str | Path] = (), everyone: bool = False,
    out_path: Path | None = None, engine: str = "pyttsx3", workers: int | None = None,
    cache_dir: Path | None = None, lines_per_voice: int = 3, progress: Progress | None = None,
) -> Preview:
    """Render a short audition: a few lines of each named character in the voice they will get.

    With a story, the lines are the character's own (the most speakable few); without
    one, a sample sentence. ``everyone`` auditions the narrator and the whole cast in
    turn, each introduced by the narrator.
    """
    report = progress or (lambda stage, done, total: None)
    script = parse_story(load_story(story), cast=cast) if story else _script_of_cast(cast)
    assignment = assign_voices(script, cast)
    members = _audition_members(names, everyone, script, cast)
    info = engine_info(engine)
    cache = (cache_dir or default_cache_dir()) / "segments"
    cache.mkdir(parents=True, exist_ok=True)
    planner = _Planner(info, cache, [], cast.pronounce)
    spoken: list[SpokenSegment] = []
    heard: list[tuple[str, Voice]] = []
    for number, name in enumerate(members):
        is_narrator = name is None
        voice = assignment.narrator if is_narrator else assignment.voice_for(name)
        label = "the narrator" if is_narrator else name
        heard.append((label or "", voice))
        if everyone:
            intro = Segment("narration", f"{label}.", 0, 0, None, paragraph=2 * number)
            spoken.append(planner.spoken(intro, assignment.narrator, "preview"))
        count = 1 if everyone else lines_per_voice
        for text in _lines_of(script, name, count) or [SAMPLE_LINE.format(name=label)]:
            seg = Segment("dialogue", text, 0, 0, label, paragraph=2 * number + 1)
            spoken.append(planner.spoken(seg, voice, f"the preview of {label}"))
    _synthesize_missing(planner.jobs, engine, workers, report)
    out_path = out_path or Path("audio") / "previews" / f"{'cast' if everyone else slugify(heard[0][0])}.mp3"
    _prepare_output(out_path.parent)
    with _partial(out_path) as tmp:
        audio = stitch_chapter((), spoken, tmp, cache_dir=cache.parent / "chunks")
    return Preview(out_path, tuple(heard), audio.duration_ms)


def _script_of_cast(cast: Cast) -> Script:
    """A script with no text whose characters are the casting file's entries."""
    people = tuple(Character(e.name, e.aliases, e.gender, 1, e.first_person) for e in cast.characters)
    return Script("", (), people)


def _audition_members(names: Sequence[str], everyone: bool, script: Script, cast: Cast) -> list[str | None]:
    """The characters to audition, by their script names; None is the narrator."""
    speakers = [c.name for c in script.characters if c.lines and not c.first_person]
    if everyone:
        return [None, *speakers]
    if not names:
        raise InputError("name a character to preview, or use --all", path=cast.source,
                         hint=f"the cast: {', '.join(speakers[:8]) or 'the narrator only'}")
    members: list[str | None] = []
    for name in names:
        if name.strip().lower() in NARRATOR_NAMES:
            members.append(None)
            continue
        found = _character_named(name, script, cast)
        if found is None:
            close = difflib.get_close_matches(name, speakers, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(speakers[:8]) or 'none'}"
            raise InputError(f"no character called '{name}' in the casting file or the story", path=cast.source,
                             hint=hint)
        members.append(found)
    return members


def _character_named(name: str, script: Script, cast: Cast) -> str | None:
    key = name_key(name)
    entry = cast.entry_for(name)
    for ch in script.characters:
        if entry is not None and ch.name == entry.name:
            return ch.name
        if key in {name_key(ch.name), *(name_key(a) for a in ch.aliases)}:
            return ch.name
    return None


def _lines_of(script: Script, speaker: str | None, count: int) -> list[str]:
    """A speaker's most speakable lines: whole sentences of a comfortable length, in story order."""
    if speaker is None:
        texts = [s.text for ch in script.chapters for s in ch.segments if s.kind == "narration"]
    else:
        texts = [s.text for ch in script.chapters for s in ch.segments
                 if s.kind == "dialogue" and s.speaker == speaker]
    texts = [" ".join(t.split()).strip(QUOTE_MARKS + " ") for t in texts]
    good = [t for t in texts if 6 <= len(t.split()) <= 40]
    return (good or texts)[:count]

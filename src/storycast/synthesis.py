"""Synthesis: speak each piece of text to a WAV file with a local engine.

Engines sit behind a small interface (:class:`Engine`) so another local engine can be
added without touching the rest. The default, pyttsx3 (espeak-ng on Linux), is fragile
(it has segfaulted on long texts and returned before its file existed), so engines only
ever run in worker processes: each output is verified, a failed piece is retried in a
fresh worker, and a piece that keeps failing stops the render with its location.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import hashlib
import math
import os
import struct
import sys
import time
import wave
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from storycast.errors import EngineError
from storycast.model import Voice

SAMPLE_RATE = 22050  # what espeak-ng produces; the stitcher resamples for export
MAX_TRIES = 3
FAKE_CRASH = "CRASH-THE-FAKE-ENGINE"  # text that makes the fake engine die like a segfault (tests)


@dataclass(frozen=True)
class EngineVoice:
    """A voice the engine reports."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str = ""


@dataclass(frozen=True)
class EngineInfo:
    """What an engine is and offers: part of every cache key, and what casting validates against."""

    name: str
    version: str
    voices: tuple[EngineVoice, ...]
    variants: tuple[str, ...] = ()

    def voice_ids(self) -> list[str]:
        """Every id usable in a casting file: voices, and voice+variant where supported."""
        ids = [v.id for v in self.voices]
        return ids + [f"{v}+{variant}" for v in ids for variant in self.variants]

    def knows(self, voice_id: str) -> bool:
        base, _, variant = voice_id.partition("+")
        if base not in {v.id for v in self.voices}:
            return False
        return not variant or variant in self.variants


@dataclass(frozen=True)
class SynthesisJob:
    """One piece of text to speak into ``path``; ``label`` says where it comes from."""

    text: str
    voice: Voice
    path: str
    label: str = ""


class Engine(Protocol):
    """A local speech engine. Instances live in worker processes only."""

    name: str

    def info(self) -> EngineInfo: ...

    def synthesize(self, text: str, voice: Voice, path: Path) -> None: ...


class Pyttsx3Engine:
    """pyttsx3: espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer on macOS."""

    name = "pyttsx3"

    def __init__(self) -> None:
        import pyttsx3

        self._engine = pyttsx3.init()
        self._driver = type(self._engine.proxy._driver).__module__.rsplit(".", 1)[-1]

    def info(self) -> EngineInfo:
        import pyttsx3

        voices = tuple(
            EngineVoice(v.id, v.name or v.id, tuple(str(x) for x in (v.languages or ())), str(v.gender or ""))
            for v in self._engine.getProperty("voices")
        )
        version = f"pyttsx3 {getattr(pyttsx3, '__version__', '2.99')}/{self._driver}"
        variants: tuple[str, ...] = ()
        if self._driver == "espeak":
            data = _espeak_data_dir()
            version += f" {_espeak_version()}"
            if data and (data / "voices" / "!v").is_dir():
                variants = tuple(sorted(p.name for p in (data / "voices" / "!v").iterdir() if p.is_file()))
        return EngineInfo(self.name, version, voices, variants)

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        engine = self._engine
        engine.setProperty("voice", voice.voice)
        engine.setProperty("rate", voice.rate)
        engine.setProperty("volume", voice.volume)
        if self._driver == "espeak":
            engine.setProperty("pitch", voice.pitch)
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        await_whole_wav(path)


def await_whole_wav(path: Path, timeout: float = 5.0) -> None:
    """Wait, up to ``timeout`` seconds, until ``path`` is a whole WAV file with sound in it.
    pyttsx3's runAndWait has been seen to return before its file exists, and a file exists from
    the moment its writer opens it: a first try of the demo in a fresh clone failed three times
    on one passage with a file too short to read, never since (the checks that follow,
    ``verify_wav``, then judge what is there)."""
    deadline = time.monotonic() + timeout
    while not _whole_wav(path) and time.monotonic() < deadline:
        time.sleep(0.02)


def _whole_wav(path: Path) -> bool:
    """Whether ``path`` holds a readable WAV whose header announces frames, and all of them."""
    try:
        size = path.stat().st_size
        with wave.open(str(path), "rb") as wav:
            frames, width = wav.getnframes(), wav.getsampwidth() * wav.getnchannels()
    except (OSError, EOFError, wave.Error):
        return False
    return frames > 0 and size >= 44 + frames * width


class FakeEngine:
    """A fast, deterministic stand-in for tests: a tone whose pitch follows the voice."""

    name = "fake"

    def info(self) -> EngineInfo:
        voices = tuple(EngineVoice(v, v) for v in ("gmw/en", "gmw/en-us", "gmw/en-gb-x-rp", "gmw/en-gb-scotland",
                                                   "gmw/en-us-nyc", "gmw/en-029", "gmw/en-gb-x-gbclan"))
        variants = ("f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7")
        return EngineInfo(self.name, "fake 1", voices, variants)

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        if "\x00crash" in text or FAKE_CRASH.lower() in text.lower():
            os._exit(139)  # lets tests simulate an engine segfault
        words = max(1, len(text.split()))
        seconds = min(30.0, words * 60.0 / max(80, voice.rate))
        seed = int(hashlib.sha256(voice.voice.encode()).hexdigest()[:4], 16)
        freq = 110 + (seed % 200) + voice.pitch
        n = int(seconds * SAMPLE_RATE)
        amp = 8000 * voice.volume
        frames = b"".join(
            struct.pack("<h", int(amp * math.sin(2 * math.pi * freq * i / SAMPLE_RATE))) for i in range(n)
        )
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(frames)


ENGINES: dict[str, Callable[[], Engine]] = {"pyttsx3": Pyttsx3Engine, "fake": FakeEngine}


def _espeak_library() -> ctypes.CDLL | None:
    for name in ("espeak-ng", "espeak"):
        found = ctypes.util.find_library(name)
        if found:
            with contextlib.suppress(OSError):
                return ctypes.CDLL(found)
    return None


def _espeak_data_dir() -> Path | None:
    lib = _espeak_library()
    if lib is not None:
        path = ctypes.c_char_p()
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info(ctypes.byref(path))
        if path.value:
            return Path(path.value.decode())
    for guess in ("/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                  "/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data"):
        if Path(guess).is_dir():
            return Path(guess)
    return None


def _espeak_version() -> str:
    lib = _espeak_library()
    if lib is None:
        return "espeak-ng ?"
    lib.espeak_Info.restype = ctypes.c_char_p
    raw = lib.espeak_Info(None)
    return f"espeak-ng {raw.decode() if raw else '?'}"


# --- worker side -------------------------------------------------------------------

_worker_engine: Engine | None = None


def _worker_init(engine_name: str) -> None:
    global _worker_engine
    sys.stdout = open(os.devnull, "w")  # pyttsx3 prints "Audio saved to ..."
    _worker_engine = ENGINES[engine_name]()


def _worker_info() -> EngineInfo:
    assert _worker_engine is not None
    return _worker_engine.info()


def _worker_synthesize(job: SynthesisJob) -> str:
    """Speak one job into a temporary file, verify it, then move it into place."""
    assert _worker_engine is not None
    final = Path(job.path)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp.wav")
    try:
        _worker_engine.synthesize(job.text, job.voice, tmp)
        problem = verify_wav(tmp, job.text, job.voice)
        if problem:
            raise RuntimeError(problem)
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return job.path


def verify_wav(path: Path, text: str, voice: Voice) -> str | None:
    """Why ``path`` is not a plausible reading of ``text`` (None when it is)."""
    if not path.exists():
        return "the engine wrote no file"
    try:
        with wave.open(str(path), "rb") as wav:
            frames, rate = wav.getnframes(), wav.getframerate()
    except (wave.Error, EOFError) as exc:
        return f"the engine wrote an unreadable file ({exc})"
    seconds = frames / rate if rate else 0.0
    words = max(1, len(text.split()))
    expected = words * 60.0 / max(80, voice.rate)
    if seconds < min(0.05, expected * 0.2):
        return f"the engine wrote {seconds:.2f} s of audio for {words} words"
    if seconds > expected * 8 + 10:
        return f"the engine wrote {seconds:.0f} s of audio for {words} words"
    return None


# --- main-process side -------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def engine_info(engine_name: str = "pyttsx3") -> EngineInfo:
    """Ask an engine (in a worker process) what it is and which voices it has."""
    if engine_name not in ENGINES:
        raise EngineError(f"unknown engine '{engine_name}'", hint=f"use one of: {', '.join(ENGINES)}")
    try:
        with _pool(engine_name, 1) as pool:
            return pool.submit(_worker_info).result(timeout=60)
    except BrokenProcessPool as exc:
        raise EngineError(f"the {engine_name} engine crashed while starting", hint=_install_hint()) from exc
    except Exception as exc:  # the engine's own import or init error, from the worker
        raise EngineError(f"the {engine_name} engine cannot start: {exc}", hint=_install_hint()) from exc


def _install_hint() -> str:
    return "install espeak-ng (run ./scripts/demo, or: sudo apt-get install espeak-ng)"


def _pool(engine_name: str, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=_worker_init, initargs=(engine_name,))


def synthesize_jobs(
    jobs: Sequence[SynthesisJob], *, engine: str = "pyttsx3", workers: int | None = None,
    timeout: float = 120.0, failed: list[EngineError] | None = None,
) -> Iterator[SynthesisJob]:
    """Run ``jobs`` in worker processes, yielding each job as its file is ready.

    A crash or hang replaces the workers; the jobs that were in flight are re-run one
    at a time in fresh workers, so a job that keeps killing the engine is found and
    named (:class:`EngineError` after :data:`MAX_TRIES`) while the others complete.
    With ``failed`` given, such jobs are listed there instead and nothing is raised.
    """
    if not jobs:
        return
    if engine not in ENGINES:
        raise EngineError(f"unknown engine '{engine}'", hint=f"use one of: {', '.join(ENGINES)}")
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    tries = [0] * len(jobs)
    queue = deque(range(len(jobs)))
    spent: list[EngineError] = []
    while queue:
        suspects: list[int] = []
        yield from _run_pool(jobs, queue, tries, engine, workers, timeout, suspects, spent)
        for i in suspects:  # each alone, until it succeeds or is spent
            while True:
                tries[i] += 1
                crashed: list[int] = []
                yield from _run_pool(jobs, deque([i]), tries, engine, 1, timeout, crashed, spent)
                if not crashed:
                    break
                if tries[i] >= MAX_TRIES:
                    spent.append(_spent_error(jobs[i], tries[i], "the engine crashed or hung"))
                    break
    if spent and failed is not None:
        failed.extend(spent)
    elif spent:  # everything else is done (and cached); now say what could not be
        raise spent[0]


def _run_pool(
    jobs: Sequence[SynthesisJob], queue: deque[int], tries: list[int], engine: str, workers: int,
    timeout: float, crashed: list[int], spent: list[EngineError],
) -> Iterator[SynthesisJob]:
    """Drain ``queue`` through one pool; on a crash or hang, put the in-flight jobs in ``crashed``."""
    pool = _pool(engine, workers)
    in_flight: dict[Future[str], int] = {}
    try:
        while queue or in_flight:
            while queue and len(in_flight) < 2 * workers:
                i = queue.popleft()
                in_flight[pool.submit(_worker_synthesize, jobs[i])] = i
            done, _ = wait(in_flight, timeout=timeout, return_when=FIRST_COMPLETED)
            if not done:
                _kill(pool)
                crashed.extend(in_flight.values())
                return
            for fut in done:
                i = in_flight.pop(fut)
                try:
                    fut.result()
                except BrokenProcessPool:
                    crashed.append(i)
                    crashed.extend(in_flight.values())
                    return
                except Exception as exc:  # the engine's own error (or a bad file) for this job, in the worker
                    if tries[i] + 1 >= MAX_TRIES:
                        tries[i] += 1
                        spent.append(_spent_error(jobs[i], tries[i], str(exc)))
                    else:
                        crashed.append(i)  # retried alone, in a fresh worker: the engine may be in a bad state
                    continue
                yield jobs[i]
        pool.shutdown(wait=True)  # all done: let the workers exit before encoding starts
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _spent_error(job: SynthesisJob, tries: int, error: str) -> EngineError:
    failure = EngineError(
        f"the speech engine failed {tries} times on {job.label or 'a segment'}: {error}; "
        f"text: {job.text[:80]!r}",
        hint="edit that passage, skip it with --skip-failed, or report it with the text",
    )
    failure.job = job
    return failure


def _kill(pool: ProcessPoolExecutor) -> None:
    for proc in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()


def cache_key(text: str, voice: Voice, info: EngineInfo) -> str:
    """The content address of one synthesized piece."""
    raw = "\x1f".join((text, voice.voice, str(voice.rate), str(voice.pitch), f"{voice.volume:.3f}",
                       info.name, info.version, str(SAMPLE_RATE)))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def wav_bytes(path: Path) -> bytes:
    """The raw 16-bit mono frames of a WAV written by an engine."""
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import pytest

from storycast.errors import EngineError
from storycast.model import Voice
from storycast.speech_text import speakable, split_pieces
from storycast.synthesis import SynthesisJob, await_whole_wav, cache_key, engine_info, synthesize_jobs, verify_wav
from tests.conftest import HAVE_ENGINE

VOICE = Voice("gmw/en-us")


def _jobs(tmp_path: Path, texts: list[str]) -> list[SynthesisJob]:
    return [SynthesisJob(t, VOICE, str(tmp_path / f"{i}.wav"), f"piece {i}") for i, t in enumerate(texts)]


def test_fake_engine_jobs_all_complete(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, [f"Sentence number {i} is here." for i in range(6)])
    done = list(synthesize_jobs(jobs, engine="fake", workers=2))
    assert sorted(j.path for j in done) == sorted(j.path for j in jobs)
    assert all(verify_wav(Path(j.path), j.text, VOICE) is None for j in jobs)
    assert not list(tmp_path.glob(".*.tmp.wav"))


def test_a_crashing_piece_is_named_and_the_others_complete(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, ["One fine day.", "This one kills the engine \x00crash", "Another fine day."])
    done: list[SynthesisJob] = []
    with pytest.raises(EngineError) as info:
        for job in synthesize_jobs(jobs, engine="fake", workers=2):
            done.append(job)
    assert "piece 1" in str(info.value) and "failed 3 times" in str(info.value)
    assert {j.text for j in done} == {"One fine day.", "Another fine day."}


def test_unknown_engine() -> None:
    with pytest.raises(EngineError, match="unknown engine 'nope'"):
        engine_info("nope")


def test_verify_rejects_missing_and_empty_files(tmp_path: Path) -> None:
    assert verify_wav(tmp_path / "none.wav", "hello", VOICE) == "the engine wrote no file"
    empty = tmp_path / "empty.wav"
    with wave.open(str(empty), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
    assert "0.00 s of audio" in (verify_wav(empty, "a few words here", VOICE) or "")


def test_a_file_still_being_written_is_waited_for(tmp_path: Path) -> None:
    """The engine's writer opens the file first and fills it later (on another thread, or after
    runAndWait has returned): the synthesis waits for the whole file, not its mere existence."""
    path = tmp_path / "late.wav"
    path.write_bytes(b"")  # opened, nothing written yet

    def finish() -> None:
        time.sleep(0.3)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(b"\x01\x00" * 22050)

    writer = threading.Thread(target=finish)
    writer.start()
    await_whole_wav(path, timeout=5.0)
    problem = verify_wav(path, "one second", VOICE)  # (read before the writer is joined)
    writer.join()
    assert problem is None


def test_cache_key_changes_with_voice_and_text() -> None:
    info = engine_info("fake")
    base = cache_key("Hello.", VOICE, info)
    assert base == cache_key("Hello.", VOICE, info)
    assert base != cache_key("Hello!", VOICE, info)
    assert base != cache_key("Hello.", Voice("gmw/en-us", pitch=40), info)


def test_speakable_drops_marks_and_keeps_words() -> None:
    assert speakable('"Well," said Anne, _really_ *now*.') == "Well, said Anne, really now."
    assert speakable("* * *") == ""
    assert speakable("\u201cYou\u2019re late,\u201d") == "You\u2019re late,"
    assert speakable('"I m sure you re right," said Jane s mother.') == \
        "I\u2019m sure you\u2019re right, said Jane\u2019s mother."  # apostrophes a conversion lost


def test_split_pieces_stays_under_the_limit() -> None:
    text = " ".join(f"Sentence {i} goes on for a while." for i in range(100))
    pieces = split_pieces(text, limit=200)
    assert all(len(p) <= 200 for p in pieces)
    assert " ".join(pieces) == text
    assert split_pieces("x" * 500, limit=100)[0] == "x" * 100


@pytest.mark.engine
@pytest.mark.skipif(not HAVE_ENGINE, reason="espeak-ng/ffmpeg not installed (./scripts/test installs them)")
def test_real_engine_lists_voices_and_speaks(tmp_path: Path) -> None:
    info = engine_info("pyttsx3")
    assert info.knows("gmw/en-us") and info.knows("gmw/en-us+f3") and not info.knows("gmw/en-us+zz")
    jobs = [SynthesisJob("Hello there, this is a test.", Voice("gmw/en-gb-x-rp+f3"), str(tmp_path / "a.wav"))]
    assert [j.path for j in synthesize_jobs(jobs, engine="pyttsx3", workers=1)] == [jobs[0].path]
    assert verify_wav(tmp_path / "a.wav", jobs[0].text, jobs[0].voice) is None


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("It cost $3.50, or \u00a320.", "It cost three dollars, fifty cents, or twenty pounds."),
        ("On 3/17/02 at 10:30 pm.", "On March seventeenth, two thousand and two at ten thirty p m"),
        ("At 7:05, then 12:00.", "At seven oh five, then twelve o'clock."),
        ("The 21st of May, 1999.", "The twenty-first of May, nineteen ninety-nine."),
        ("In the 1990s, 1,234 people.", "In the nineteen nineties, one thousand, two hundred and thirty-four people."),
        ("Pi is 3.14, room No. 5.", "Pi is three point one four, room number five."),
        ("Mr. Smith met Dr. Jones on St. Mary St.", "Mister Smith met Doctor Jones on Saint Mary Street"),
        ("Fruit, e.g. apples, etc.", "Fruit, for example apples, et cetera"),
        ("Wait\u2026 no -- stop\u2014now.", "Wait, no, stop, now."),
        ("What?!! No!!!", "What? No!"),
        ('"GET OUT OF HERE," he said. The FBI came.', "get out of here, he said. The FBI came."),
        ("See https://www.example.org/page now.", "See a link to example dot org now."),
        ("It was *very* _quite_ odd.", "It was very quite odd."),
        ("* * *", ""),
        ("o0o0o0o", ""),  # a fan-fiction divider is a pause, not "ozeroozero"
        ("-x-x-x-", ""),
        ("OOO", "OOO"),  # a word, however odd
        ("Hi. :) See you <3", "Hi. See you"),  # emoticons are not read ("colon", "three")
        ("~~Hermione's POV~~", "Hermione's POV"),  # nor decorations ("tilde tilde")
        ("A/N: Thanks!", "Author's note: Thanks!"),
        ("#blessed, issue #5", "blessed, issue number five"),
        ("At 10:30 pm, ratio 3:2.", "At ten thirty p m, ratio three:two."),
    ],
)
def test_text_is_read_as_a_listener_should_hear_it(text: str, spoken: str) -> None:
    assert speakable(text) == spoken


def test_the_pronunciation_table_applies_to_whole_words() -> None:
    table = {"Siobhan": "Shiv-awn", "Aoife": "Ee-fa"}
    assert speakable("Siobhan and siobhan's friend Aoife; Siobhanna.", table) == \
        "Shiv-awn and Shiv-awn's friend Ee-fa; Siobhanna."

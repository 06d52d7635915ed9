"""The command line, through typer's CliRunner: contracts and the exact message for each bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycast.cli import app
from storycast.synthesis import FAKE_CRASH
from tests.conftest import SAMPLE, SAMPLE_CAST, write

runner = CliRunner()


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("parse", "cast", "render", "preview", "voices"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output


def test_parse_json_is_the_contract_on_stdout() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "The Lamplighter's Wager"
    assert len(data["chapters"]) == 2
    seg = next(s for s in data["chapters"][0]["segments"] if s["kind"] == "dialogue")
    text = SAMPLE.read_text(encoding="utf-8")
    assert text[seg["start"]:seg["end"]] == seg["text"]


def test_a_parse_imports_only_what_parsing_needs() -> None:
    """Start-up is most of a short story's parse (and a sixth of a novel's), so ``storycast parse``
    without a casting file loads no audio, YAML, console or validation library (typer 0.29 and
    later import pydantic for every command: about 0.08 s, so typer is pinned below it); with
    one, YAML only: not the synthesis stage and its multiprocessing (about 0.02 s)."""
    def loaded(*options: str) -> str:
        code = (
            "import sys\nfrom storycast.cli import app\n"
            f"sys.argv = ['storycast', 'parse', {str(SAMPLE)!r}, '--json', *{list(options)!r}]\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "heavy = ('pydantic', 'ruamel', 'rich', 'pydub', 'mutagen', 'pyttsx3', 'numpy', 'PIL', 'multiprocessing')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}), file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert json.loads(done.stdout)["chapters"]
        return done.stderr.strip()

    assert loaded() == "[]"
    assert loaded("--cast", str(SAMPLE_CAST)) == "['ruamel']"


def test_parse_with_cast_uses_its_names() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "--cast", str(SAMPLE_CAST), "--json"])
    names = [c["name"] for c in json.loads(result.stdout)["characters"]]
    assert names == ["Ivy", "Theo", "Mrs. Pell", "Corwin"]


def test_parse_human_view() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0
    assert "Chapter 1: The Bet" in result.stdout and "Characters" in result.stdout


def test_parse_below_lists_the_doubtful_lines_and_where_they_are(tmp_path: Path) -> None:
    """The lines to review first, each with the file and line to look at, and nothing else."""
    story = write(tmp_path, "story.txt", 'Ann and Bob sat down.\n\n"Good morning," said Ann.\n\n'
                  '"Morning," said Bob.\n\n"Rain?"\n\n"No."\n\n"Tea?"\n\n"Yes."\n\n"Milk?"\n\n"No."\n')
    everything = runner.invoke(app, ["parse", str(story), "--json"])
    confidence = [s["confidence"] for c in json.loads(everything.stdout)["chapters"] for s in c["segments"]
                  if s["kind"] == "dialogue"]
    doubtful = [c for c in confidence if c < 0.9]
    assert 0 < len(doubtful) < len(confidence)  # the tagged lines are sure, the untagged ones less
    result = runner.invoke(app, ["parse", str(story), "--below", "0.9"])
    assert result.exit_code == 0
    listed = [line for line in result.stdout.splitlines() if line.startswith(f"  {story}:")]
    assert len(listed) == len(doubtful)
    assert listed[0] == f'  {story}:7: Ann (turn-taking, {doubtful[0]}): "Rain?"'
    assert result.stdout.splitlines()[-1] == f"{len(doubtful)} lines less sure than 0.9"
    assert "Characters" not in result.stdout


def test_parse_below_places_lines_of_a_web_page_by_chapter_and_paragraph(tmp_path: Path) -> None:
    """A page's line numbers would point into markup: its lines are placed by chapter and paragraph."""
    page = write(tmp_path, "story.html", '<html><body><h2>One</h2><p>Ann and Bob came in.</p><p>"Hello," said Ann.</p>'
                 '<p>"Hi," said Bob.</p><p>"Tea [with milk]?"</p></body></html>')
    result = runner.invoke(app, ["parse", str(page), "--below", "0.9"])
    assert result.exit_code == 0
    assert f'  {page}: One, paragraph 4: Ann (turn-taking, ' in result.stdout
    assert '"Tea [with milk]?"' in result.stdout  # the text as written, not read as markup


@pytest.mark.parametrize(
    ("make", "args", "line", "code"),
    [
        (lambda p: p / "missing.txt", [], "error: {p}/missing.txt: no such file; check the path", 2),
        (lambda p: write(p, "empty.txt", "\n\n"), [],
         "error: {p}/empty.txt: the story is empty; pass a file with some text in it", 2),
        (lambda p: write(p, "bin.txt", b"\x00\x01\x02"), [],
         "error: {p}/bin.txt: looks like a binary file, not text; pass a plain-text story (.txt)", 2),
        (lambda p: p, [], "error: {p}: is a folder, not a story file; pass a .txt file inside it", 2),
        (lambda p: SAMPLE, ["--cast", "{p}/none.yaml"],
         "error: {p}/none.yaml: no such casting file; check the path, or run 'storycast cast STORY' "
         "to write one", 2),
        (lambda p: SAMPLE, ["--below", "0.5"],
         "error: --below lists lines to review and --json prints the whole script; use one of them", 2),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(tmp_path: Path, make, args, line: str, code: int) -> None:  # type: ignore[no-untyped-def]
    story = make(tmp_path)
    argv = ["parse", str(story), *[a.format(p=tmp_path) for a in args], "--json"]
    result = runner.invoke(app, argv)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.strip() == line.format(p=tmp_path)
    assert "Traceback" not in result.output


def test_bad_casting_file_line_number(tmp_path: Path) -> None:
    cast = write(tmp_path, "voices.yaml", "narrator:\n  voice: gmw/en-us\n  rate: 999\n")
    result = runner.invoke(app, ["render", str(SAMPLE), "--cast", str(cast), "--engine", "fake",
                                 "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {cast}:3: rate 999 is out of range; use 80 to 450 words per minute"
    assert not (tmp_path / "out").exists()


def test_render_with_the_fake_engine(tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = runner.invoke(app, ["render", str(SAMPLE), "--cast", str(SAMPLE_CAST), "--engine", "fake",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert sorted(p.name for p in out.iterdir()) == [
        "01-chapter-1-the-bet.chapters.json", "01-chapter-1-the-bet.mp3", "01-chapter-1-the-bet.srt",
        "01-chapter-1-the-bet.vtt", "02-chapter-2-the-first-of-may.chapters.json",
        "02-chapter-2-the-first-of-may.mp3", "02-chapter-2-the-first-of-may.srt", "02-chapter-2-the-first-of-may.vtt",
        "cover.jpg", "feed.xml", "playlist.m3u", "script.json"]
    assert "Ivy: gmw/en-gb-x-rp+f3" in result.stderr
    again = runner.invoke(app, ["render", str(SAMPLE), "--cast", str(SAMPLE_CAST), "--engine", "fake",
                                "-o", str(out)])
    assert "pieces from cache" in again.stderr
    cached, total = again.stderr.split(" pieces from cache")[0].rsplit(" ", 1)[1].split("/")
    assert cached == total


def test_render_warns_about_pool_voices(tmp_path: Path) -> None:
    cast = write(tmp_path, "voices.yaml", "narrator:\n  voice: gmw/en-us\n")
    result = runner.invoke(app, ["render", str(SAMPLE), "--cast", str(cast), "--engine", "fake",
                                 "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "have no entry in the casting file and got pool voices: Ivy, Theo" in result.stderr


def test_voices_lists_variants() -> None:
    result = runner.invoke(app, ["voices", "--engine", "fake", "--lang", "en-us"])
    assert result.exit_code == 0
    assert "gmw/en-us" in result.stdout and "variants" in result.stdout


def test_slugs_are_safe_file_names() -> None:
    from storycast.rendering import slugify

    assert slugify("The Lamplighter's Wager") == "the-lamplighters-wager"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("\U0001f600") == "untitled"
    assert len(slugify("x" * 300)) == 60


def test_cast_writes_then_is_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "voices.yaml"
    first = runner.invoke(app, ["cast", str(SAMPLE), "--cast", str(path), "--engine", "fake"])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == str(path)
    assert first.stderr.startswith(f"wrote {path} with ")
    again = runner.invoke(app, ["cast", str(SAMPLE), "--cast", str(path), "--engine", "fake"])
    assert again.stderr.strip() == f"{path} is up to date"


def test_cast_dry_run_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "voices.yaml"
    result = runner.invoke(app, ["cast", str(SAMPLE), "--cast", str(path), "--engine", "fake", "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# storycast casting file") and "characters:\n  Ivy:" in result.stdout
    assert not path.exists()


def test_cast_refuses_a_bad_edit_and_leaves_the_file_alone(tmp_path: Path) -> None:
    text = SAMPLE_CAST.read_text(encoding="utf-8").replace("voice: gmw/en-us+m3", "voice: gmw/en-us+m33")
    path = write(tmp_path, "voices.yaml", text)
    result = runner.invoke(app, ["cast", str(SAMPLE), "--cast", str(path), "--engine", "fake"])
    line = text[: text.index("gmw/en-us+m33")].count("\n") + 1
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {path}:{line}: unknown voice 'gmw/en-us+m33'; did you mean gmw/en-us+m3?"
    assert path.read_text(encoding="utf-8") == text


def test_an_edited_voice_is_the_one_rendered(tmp_path: Path) -> None:
    text = SAMPLE_CAST.read_text(encoding="utf-8").replace("voice: gmw/en-gb-x-rp+f3", "voice: gmw/en-029+f5")
    path = write(tmp_path, "voices.yaml", text)
    assert not runner.invoke(app, ["cast", str(SAMPLE), "-c", str(path), "--engine", "fake"]).stderr.startswith("add")
    result = runner.invoke(app, ["render", str(SAMPLE), "-c", str(path), "--engine", "fake", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "  Ivy: gmw/en-029+f5\n" in result.stderr
    script = json.loads((tmp_path / "o" / "script.json").read_text(encoding="utf-8"))
    assert any(s["speaker"] == "Ivy" for ch in script["chapters"] for s in ch["segments"])


def test_preview_one_character_and_everyone(tmp_path: Path) -> None:
    one = tmp_path / "ivy.mp3"
    result = runner.invoke(app, ["preview", "Miss Chen", str(SAMPLE), "-c", str(SAMPLE_CAST), "--engine", "fake",
                                 "-o", str(one)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(one) and one.stat().st_size > 1000
    assert result.stderr.strip() == "Ivy: gmw/en-gb-x-rp+f3 (rate 175, pitch 50)"
    everyone = tmp_path / "cast.mp3"
    result = runner.invoke(app, ["preview", "--all", str(SAMPLE), "-c", str(SAMPLE_CAST), "--engine", "fake",
                                 "-o", str(everyone)])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [
        "the narrator", "Ivy", "Theo", "Mrs. Pell", "Corwin"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".mp3") == ["cast.mp3", "ivy.mp3"]


def test_preview_without_a_story_reads_a_sample_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["preview", "Corwin", "-c", str(SAMPLE_CAST), "--engine", "fake",
                                 "-o", str(tmp_path / "c.mp3")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.mp3").exists()


def test_preview_of_an_unknown_character(tmp_path: Path) -> None:
    result = runner.invoke(app, ["preview", "Mrs Pel", "-c", str(SAMPLE_CAST), "--engine", "fake",
                                 "-o", str(tmp_path / "x.mp3")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {SAMPLE_CAST}: no character called 'Mrs Pel' in the casting file "
                                     "or the story; did you mean Mrs. Pell?")
    assert not list(tmp_path.iterdir())


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_engine_that_keeps_crashing_stops_the_render_with_the_text(tmp_path: Path) -> None:
    story = write(tmp_path, "s.txt", f'Chapter 1\n\n"Fine," said Ann.\n\n"{FAKE_CRASH} now," said Bob.\n')
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(story), "--engine", "fake", "-o", str(out)])
    assert result.exit_code == 3
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"error: the speech engine failed 3 times on chapter 1 ({story}, offset ")
    assert line.endswith(f"the engine crashed or hung; text: '{FAKE_CRASH.lower()} now,'; edit that passage, "
                         "skip it with --skip-failed, or report it with the text")
    assert not [n for n in _visible(out) if n.endswith(".mp3") or n.startswith(".")]
    skipped = runner.invoke(app, ["render", str(story), "--engine", "fake", "-o", str(out), "--skip-failed"])
    assert skipped.exit_code == 0, skipped.output
    assert f"warning: skipped (the engine kept failing on it): chapter 1 ({story}, offset" in skipped.stderr
    assert "01-chapter-1.mp3" in _visible(out)


def test_a_full_disk_is_one_clear_line_and_nothing_half_written(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from storycast import stitching

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(stitching, "_write_atomic", full)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(out), "-j", "1"])
    assert result.exit_code == 5
    line = result.stderr.strip()
    assert line.startswith("error: ") and ": cannot write: No space left on device; free some disk space " in line
    assert line.endswith("('storycast cache clear' frees the cache) and run again")
    assert _visible(out) == []


def test_an_output_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = write(tmp_path, "file.txt", "not a folder")
    result = runner.invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(blocker / "out")])
    assert result.exit_code == 5
    assert result.stderr.strip() == (f"error: {blocker / 'out'}: cannot write to the output folder: Not a directory; "
                                     "choose another folder with -o, or fix its permissions")


@pytest.mark.parametrize("title", ["../../etc/passwd", "CON", "a/b", "x" * 300, "\U0001f600 \U0001f4da", "..",
                                   "NUL.txt"])
def test_hostile_titles_stay_inside_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      title: str) -> None:
    monkeypatch.chdir(tmp_path)
    story = write(tmp_path, "s.txt", f"Chapter 1: {title}\n\nSome words here.\n")
    result = runner.invoke(app, ["render", str(story), "--engine", "fake", "--title", title])
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    assert folder.resolve().parent == (tmp_path / "audio").resolve()
    names = _visible(folder)
    assert all("/" not in n and len(n) <= 80 and n.isascii() for n in names)
    assert {p.name for p in tmp_path.iterdir()} == {"s.txt", "audio", "cache"}  # cache: this test's own
    assert folder.name not in {"con", "nul", "..", "."}


def test_verbose_says_how_the_story_was_decoded(tmp_path: Path) -> None:
    story = write(tmp_path, "s.txt", "caf\u00e9 \u201cquoted\u201d\n".encode("cp1252"))
    result = runner.invoke(app, ["parse", str(story), "--json", "-v"])
    assert result.exit_code == 0
    assert result.stderr.strip() == f"{story}: decoded as cp1252"


def test_max_size_is_an_option(tmp_path: Path) -> None:
    story = write(tmp_path, "s.txt", "word " * 400)
    result = runner.invoke(app, ["parse", str(story), "--max-size", "0.001"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {story}: file is 2.0 KB, more than the 1.0 KB limit for a story; "
                                     "raise the limit with --max-size if this really is one story")
    assert runner.invoke(app, ["parse", str(story), "--max-size", "0.01"]).exit_code == 0


def test_not_enough_free_space_is_refused_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 1000, 1000))
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(SAMPLE), "--engine", "fake", "-o", str(out)])
    assert result.exit_code == 5
    assert result.stderr.strip() == (f"error: {out}: not enough free space: the audio needs about 2 MB, 0 MB are free; "
                                     "free some space or render into another folder with -o")
    assert _visible(out) == []


def test_chapters_lists_what_will_be_rendered() -> None:
    result = runner.invoke(app, ["chapters", str(Path(__file__).parent / "fixtures" / "story.html")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "The Glass Harbour"
    assert [line.strip().split("  ")[1].strip() for line in lines[1:4]] == [
        "Chapter 1: Arrival", "Chapter 2: The Lighthouse", "Chapter 3: Home"]
    assert lines[1].split()[0] == "1" and "words" in lines[1] and lines[1].endswith("1 min")
    assert lines[-1].startswith("3 chapters, ")


def test_render_only_some_chapters_keeps_their_numbers(tmp_path: Path) -> None:
    story = str(Path(__file__).parent / "fixtures" / "story.html")
    result = runner.invoke(app, ["render", story, "--engine", "fake", "-o", str(tmp_path / "o"), "--chapters", "2-"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").glob("*.mp3")) == [
        "02-chapter-2-the-lighthouse.mp3", "03-chapter-3-home.mp3"]
    bad = runner.invoke(app, ["render", story, "--engine", "fake", "-o", str(tmp_path / "o"), "--chapters", "4"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "error: chapters 4 are not in 1-3; run 'storycast chapters STORY' to see them"


def test_an_epub_renders_with_its_metadata_and_cover(tmp_path: Path) -> None:
    import feedparser

    from storycast.tagging import read_chapter
    from tests.test_loading import make_epub

    book = make_epub(tmp_path / "book.epub")
    out = tmp_path / "o"
    result = runner.invoke(app, ["render", str(book), "--engine", "fake", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.mp3"))
    assert [f.name for f in files] == ["01-the-crossing.mp3", "02-the-inn.mp3"]
    tags = read_chapter(files[0])
    assert (tags["TIT2"], tags["TALB"], tags["TPE1"]) == ("The Crossing", "The Salt Road", "Ada Quill")
    assert tags["APIC"][2] > 1000  # type: ignore[index]
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert feed.feed.language == "en" and feed.feed.author == "Ada Quill"
    from PIL import Image

    with Image.open(out / "cover.jpg") as cover:
        assert cover.size == (1400, 1400)  # the EPUB's 600x800 cover, squared and scaled
        assert cover.getpixel((700, 700))[2] > 100  # its blue, not a generated cover


def test_check_fails_a_file_that_is_not_to_profile_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    import subprocess

    bad = tmp_path / "bad"
    bad.mkdir()
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=3", "-ac", "2", "-b:a", "128k", str(bad / "tone.mp3")], check=True)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "not mono" in result.stdout and "missing tags" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0/1 files pass the podcast profile"
    missing = runner.invoke(app, ["check", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert missing.stderr.strip() == f"error: {tmp_path / 'none'}: not a folder; give the folder a render wrote"
    unknown = runner.invoke(app, ["check", str(bad), "--profile", "radio"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "error: unknown profile 'radio'; use one of: podcast, acx"


def test_skip_front_matter_leaves_out_the_authors_note(tmp_path: Path) -> None:
    story = str(Path(__file__).parent / "fixtures" / "story.md")
    listing = runner.invoke(app, ["chapters", story])
    assert "Opening" in listing.stdout and "(front matter: --skip-front-matter leaves it out)" in listing.stdout
    result = runner.invoke(app, ["render", story, "--engine", "fake", "-o", str(tmp_path / "o"), "--skip-front-matter"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").glob("*.mp3")) == [
        "02-chapter-1-departure.mp3", "03-chapter-2-arrival.mp3"]
    kept = runner.invoke(app, ["render", story, "--engine", "fake", "-o", str(tmp_path / "k")])
    assert kept.exit_code == 0
    assert len(list((tmp_path / "k").glob("*.mp3"))) == 3  # kept unless asked


def test_counts_of_one_read_as_english(tmp_path: Path) -> None:
    """``1 line less sure than 0.5``, ``1 chapter``, ``1 line`` for a character: not "1 lines"."""
    story = write(tmp_path, "story.txt", 'Harry walked into the shop.\n\n"Morning."\n')
    below = runner.invoke(app, ["parse", str(story), "--below", "0.5"])
    assert below.exit_code == 0 and below.stdout.splitlines()[-1] == "1 line less sure than 0.5"
    listed = runner.invoke(app, ["parse", str(story)])
    assert "  Harry: male, 1 line" in listed.stdout.splitlines()
    chapters = runner.invoke(app, ["chapters", str(story)])
    assert chapters.stdout.splitlines()[-1].startswith("1 chapter, ")

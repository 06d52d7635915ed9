from __future__ import annotations

from pathlib import Path

import pytest

from storycast.errors import InputError
from storycast.loading import heading_title, load_story, split_chapters
from tests.conftest import SAMPLE, write


def test_sample_has_title_author_and_two_chapters() -> None:
    story = load_story([SAMPLE])
    assert story.title == "The Lamplighter's Wager"
    assert story.author == "Wren Halloway"
    assert [c.title for c in story.chapters] == ["Chapter 1: The Bet", "Chapter 2: The First of May"]
    assert story.body(story.chapters[0]).strip().startswith("The fog came up")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Chapter 1", "Chapter 1"),
        ("CHAPTER ONE", "Chapter One"),
        ("Chapter XII: The Storm", "Chapter XII: The Storm"),
        ("Part II", "Part II"),
        ("Part Two", "Part Two"),
        ("# The Beginning", "The Beginning"),
        ("## Chapter 3", "Chapter 3"),
        ("Prologue", "Prologue"),
        ("Part of the problem was the rain.", None),
        ("Chapter and verse were quoted at him", None),
    ],
)
def test_heading_titles(line: str, title: str | None) -> None:
    assert heading_title(line) == title


def test_bare_heading_takes_the_subtitle_line() -> None:
    text = "CHAPTER III\n\nThe Storm\n\nIt rained.\n\nCHAPTER IV\n\nIt stopped.\n"
    _, _, chapters = split_chapters(text)
    assert [c.title for c in chapters] == ["Chapter III: The Storm", "Chapter IV"]
    assert text[chapters[0].start:chapters[0].end].strip() == "It rained."


def test_volume_heading_merges_with_the_first_chapter() -> None:
    text = "VOLUME I\n\nCHAPTER I\n\nOnce upon a time.\n"
    _, _, chapters = split_chapters(text)
    assert [c.title for c in chapters] == ["Volume I \u2014 Chapter I"]


def test_no_headings_is_one_chapter_named_after_the_book(tmp_path: Path) -> None:
    path = write(tmp_path, "quiet-night.txt", "It was a quiet night.\n\n\"Hello,\" said Ann.\n")
    story = load_story([path])
    assert [c.title for c in story.chapters] == ["Quiet Night"]


def test_several_files_are_one_chapter_each_in_order(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", "The Arrival\n\nThey came at dawn.\n")
    b = write(tmp_path, "b.txt", "They left at dusk.\n")
    story = load_story([a, b], title="Two Days")
    assert story.title == "Two Days"
    assert [c.title for c in story.chapters] == ["The Arrival", "B"]
    assert story.body(story.chapters[1]).strip() == "They left at dusk."


def test_offsets_follow_text_mode_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", b"Title\r\n\r\nOne line.\r\nTwo \"lines\".\r\n")
    story = load_story([path])
    assert story.sources[0].text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("caf\u00e9 \u201cquoted\u201d".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "caf\u00e9".encode(), "utf-8-sig"),
        ("caf\u00e9".encode("utf-16"), "utf-16"),
        ("caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    story = load_story([write(tmp_path, "s.txt", data)])
    assert story.sources[0].encoding == encoding
    assert story.sources[0].text.startswith("caf\u00e9")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a folder, not a story file"),
        (lambda p: write(p, "empty.txt", "  \n\n "), "the story is empty"),
        (lambda p: write(p, "bin.txt", b"\x89PNG\x00\x00\x01"), "looks like a binary file, not text"),
    ],
)
def test_not_a_story(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        load_story([make(tmp_path)])
    assert info.value.message == message


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(InputError, match="limit"):
        load_story([path], max_bytes=100)

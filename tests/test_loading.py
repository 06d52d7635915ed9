from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storycast.errors import InputError
from storycast.loading import heading_title, load_story, split_chapters
from storycast.parsing import parse_story
from storycast.speech_text import speakable, split_pieces
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


def test_headings_in_a_text_without_blank_lines() -> None:
    """One paragraph per line, as a web page copies out: the heading line alone says it is one;
    a sentence that opens like a heading is still prose."""
    text = ("A/N: thanks for the reviews!\nChapter 7 - Storm Warning\nRain hammered the windows.\n"
            "Chapter 8 of the book was the worst, she thought.\n\"Hey,\" said Ann, \"see\nChapter 2. It was\n"
            "there.\"\nCHAPTER 8\nIt stopped.\n")
    _, _, chapters = split_chapters(text)
    assert [c.title for c in chapters] == ["", "Chapter 7: Storm Warning", "Chapter 8"]
    assert text[chapters[1].start:chapters[1].end].strip().endswith('there."')


def test_chapters_numbered_by_a_roman_numeral_alone() -> None:
    """``I`` / ``THE HAMILTONS`` and ``XII`` / ``"ALL THE WORLD'S A STAGE"``, as Project Gutenberg
    sets The Awakening and The Sport of the Gods: read as one chapter of four hours each before.
    Only a count from I makes them headings: a lone ``V`` or ``I`` on a line is still text."""
    text = ("I\n\nTHE HAMILTONS\n\nIt was a quiet house.\n\nII\n\nShe left.\n\n"
            "III\n\n\"ALL THE WORLD'S A STAGE\"\n\n\"Hello,\" said Kitty.\n")
    _, _, chapters = split_chapters(text)
    assert [c.title for c in chapters] == ["I: The Hamiltons", "II", "III: All The World's A Stage"]
    assert text[chapters[2].start:chapters[2].end].strip() == '"Hello," said Kitty.'
    shouted = split_chapters('CHAPTER 3\n\n"HELP!"\n\nNobody came.\n')[2]
    assert [c.title for c in shouted] == ["Chapter 3"]  # a line shouted in capitals is said, no title
    for stray in ("The roman five:\n\nV\n\nwas carved there.\n", "I\n\nwent home.\n\nIII\n\nThen rain.\n",
                  "I\n\nsaid nothing.\n"):
        assert [c.title for c in split_chapters(stray)[2]] == [""], stray


def test_a_byline_set_on_lines_of_its_own() -> None:
    """``THE SPORT OF THE GODS`` / ``by`` / ``PAUL LAURENCE DUNBAR``, as Project Gutenberg sets it:
    the author (it was a chapter of its own, "by Paul Laurence Dunbar" read out as the story)."""
    text = "THE SPORT OF THE GODS\n\n         by\n\nPAUL LAURENCE DUNBAR\n\nI\n\nIt began.\n\nII\n\nIt ended.\n"
    title, author, chapters = split_chapters(text)
    assert (title, author) == ("The Sport Of The Gods", "Paul Laurence Dunbar")
    assert [c.title for c in chapters] == ["I", "II"]
    assert split_chapters("A Story\n\nby\n\nthe time we got there it was dark.\n")[1] is None


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
        ("caf\u00e9".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        ("caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "cp1252"),
        (b"caf\xe9 \x81", "latin-1"),  # 0x81 is undefined in Windows-1252: Latin-1 it is
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


def test_line_endings_tabs_and_invisible_characters(tmp_path: Path) -> None:
    raw = "Title\r\n\r\nChapter 1\r\rShe said,\t\u201cHi\u00a0there\u200b.\u201d\r\n"
    story = load_story([write(tmp_path, "s.txt", raw.encode("utf-8"))])
    text = story.sources[0].text
    assert "\r" not in text and text.count("\n") == 5
    script = parse_story(story)
    dialogue = [s for ch in script.chapters for s in ch.segments if s.kind == "dialogue"]
    assert [speakable(s.text) for s in dialogue] == ["Hi there."]


def test_the_size_limit_can_be_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(InputError) as info:
        load_story([path], max_bytes=1000)
    assert str(info.value) == (f"{path}: file is 5.0 KB, more than the 1.0 KB limit for a story; "
                               "raise the limit with --max-size if this really is one story")
    assert load_story([path], max_bytes=10_000).chapters


@pytest.mark.parametrize(
    "text",
    [
        "word " * 50_000,  # one paragraph of 50,000 words
        "\u201c" + "x" * 100_000,  # a 100 KB line, its quote never closed
        "\u201cHello, said Anna.\n\nAnd then \u201cnothing.\n\n\u201cYes\u201d \u201cno",  # unbalanced quotes
        "\n\n".join(f"\u201cLine {i}.\u201d" for i in range(300)),  # only dialogue
        "A quiet story with no dialogue at all.\n\nNone.",
        "\u8fd9\u662f\u4e00\u4e2a\u6545\u4e8b\u3002\n\n\u00ab\u0414\u0430\u00bb, \u0441\u043a\u0430\u0437\u0430\u043b.",
    ],
    ids=["huge-paragraph", "huge-line", "unbalanced", "only-dialogue", "no-dialogue", "other-scripts"],
)
def test_odd_stories_parse_and_tile(tmp_path: Path, text: str) -> None:
    story = load_story([write(tmp_path, "odd.txt", text)])
    script = parse_story(story)
    assert "".join(s.text for ch in script.chapters for s in ch.segments).strip()
    pieces = [p for ch in script.chapters for s in ch.segments for p in split_pieces(speakable(s.text))]
    assert all(len(p) <= 400 for p in pieces)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_property_any_bytes_load_or_are_refused_cleanly(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "any.txt", data)
    try:
        story = load_story([path])
    except InputError as exc:
        assert exc.path is not None and "\n" not in str(exc)
        return
    parse_story(story)  # whatever loads, parses


FIXTURES = Path(__file__).parent / "fixtures"


def make_epub(path: Path) -> Path:
    """A small EPUB 3: cover, two chapters titled in the navigation, a footnotes file, the nav document."""
    import io

    from ebooklib import epub
    from PIL import Image

    book = epub.EpubBook()
    book.set_identifier("storycast-test")
    book.set_title("The Salt Road")
    book.set_language("en")
    book.add_author("Ada Quill")
    image = io.BytesIO()
    Image.new("RGB", (600, 800), (10, 80, 120)).save(image, "JPEG")
    book.set_cover("cover.jpg", image.getvalue())
    chapters = []
    for n, (title, body) in enumerate([
        ("The Crossing", "<h1>I. The Crossing</h1><p>\u201cHold fast,\u201d said Wren.</p><p>The sea rose.</p>"),
        ("The Inn", "<h1>II</h1><p>Night fell. <i>Far too quiet here</i>, she thought.</p><hr/><p>Dawn.</p>"),
    ], 1):
        chapter = epub.EpubHtml(title=title, file_name=f"ch{n}.xhtml", lang="en")
        chapter.content = body
        book.add_item(chapter)
        chapters.append(chapter)
    notes = epub.EpubHtml(title="Notes", file_name="notes.xhtml")
    notes.content = '<section epub:type="footnotes"><p>1. A footnote that is not a chapter.</p></section>'
    book.add_item(notes)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters, notes]
    epub.write_epub(str(path), book)
    return path


@pytest.mark.parametrize(("first_line", "author"), [
    ("By Jane Austen", "Jane Austen"),
    ("by moonlitwriter", "moonlitwriter"),
    ("Author: J. R. R. Tolkien", "J. R. R. Tolkien"),
    ("By the time Fiona got to the station, her umbrella had given up.", None),  # the story's first line
])
def test_a_byline_is_a_name_not_a_sentence(tmp_path: Path, first_line: str, author: str | None) -> None:
    story = load_story([write(tmp_path, "story.txt", f"{first_line}\n\n'Thanks,' said Gareth.\n")])
    assert story.author == author
    assert (first_line in story.body(story.chapters[0])) == (author is None)


def test_a_title_with_its_byline_right_under_it(tmp_path: Path) -> None:
    """Web pages set a fan-fiction chapter's title with the byline on the next line, no blank
    line between; a first line that runs on into the next (``It was late`` / ``by the time...``)
    is still the story."""
    story = load_story([write(tmp_path, "ch3.txt", "A Summer Storm\nby moonlitwriter\n\n'Thanks,' said Gareth.\n")])
    assert (story.title, story.author) == ("A Summer Storm", "moonlitwriter")
    assert story.body(story.chapters[0]).strip() == "'Thanks,' said Gareth."
    story = load_story([write(tmp_path, "late.txt", "It was late\nby the time we got home.\n\nThe end.\n")])
    assert (story.title, story.author) == ("Late", None)
    assert "It was late" in story.body(story.chapters[0])


def test_a_text_of_one_short_line_is_the_story_not_its_title(tmp_path: Path) -> None:
    """A one-line story (``Hello there``, to try a voice) is read out, not taken for a
    title over an empty chapter that renders as silence."""
    story = load_story([write(tmp_path, "try.txt", "Hello there\n")])
    assert story.body(story.chapters[0]).strip() == "Hello there"
    assert story.title == "Try"


def test_markdown_headings_title_byline_and_scene_breaks() -> None:
    story = load_story([FIXTURES / "story.md"])
    assert (story.title, story.author) == ("The Night Ferry", "Lena Hart")
    assert [c.title for c in story.chapters] == ["Opening", "Chapter 1: Departure", "Chapter 2: Arrival"]
    script = parse_story(story)
    first = script.chapters[1]
    assert [s.scene for s in first.segments][-1] == 1
    thoughts = [s for s in first.segments if s.thought]
    assert [speakable(s.text) for s in thoughts] == ["I should not have come"]


def test_html_page_with_chapters_metadata_and_clutter_dropped() -> None:
    story = load_story([FIXTURES / "story.html"])
    assert (story.title, story.author, story.language) == ("The Glass Harbour", "R. Vale", "en-GB")
    assert [c.title for c in story.chapters] == ["Chapter 1: Arrival", "Chapter 2: The Lighthouse", "Chapter 3: Home"]
    text = story.sources[0].text
    assert "Home |" not in text and "track()" not in text and "Comments" not in text and "color" not in text
    assert "_Not again, not tonight_, Mara thought." in story.body(story.chapters[0])
    assert "* * *" in story.body(story.chapters[0])
    assert story.body(story.chapters[1]) == "\u201cUp here!\u201d Mara called. Tom climbed."
    script = parse_story(story)
    thought = next(s for s in script.chapters[0].segments if s.thought)
    assert speakable(thought.text) == "Not again, not tonight" and thought.speaker == "Mara"


def test_epub_spine_navigation_titles_metadata_and_cover(tmp_path: Path) -> None:
    story = load_story([make_epub(tmp_path / "book.epub")])
    assert (story.title, story.author, story.language) == ("The Salt Road", "Ada Quill", "en")
    assert [c.title for c in story.chapters] == ["The Crossing", "The Inn"]  # from the navigation, no footnotes
    assert story.cover is not None and story.cover[:2] == b"\xff\xd8"
    assert story.body(story.chapters[0]) == "\u201cHold fast,\u201d said Wren.\n\nThe sea rose."


def test_a_broken_epub_is_one_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.epub", b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as info:
        load_story([path])
    assert info.value.message.startswith("not a readable EPUB")
    assert info.value.hint == "check the file opens in an e-book reader"


@pytest.mark.parametrize("content", ["#", "##", "# \n\nShe waited."])
def test_a_lone_heading_mark_is_no_title_and_no_crash(tmp_path: Path, content: str) -> None:
    """Found by hypothesis: a first line of only "#" crashed the title guess."""
    story = load_story([write(tmp_path, "marks.txt", content)])
    assert story.title == "Marks"
    parse_story(story)


def test_a_page_saved_from_a_fiction_archive_reads_only_the_story() -> None:
    """An AO3-style page: menus, the summary box, screen-reader headings ("Chapter Text"),
    kudos and a comment thread longer than the story are not read; the work's own title,
    byline and chapter headings are."""
    story = load_story([FIXTURES / "archive.html"])
    assert (story.title, story.author) == ("The Long Night", "someauthor")
    assert [c.title for c in story.chapters] == ["Chapter 1: Rent", "Chapter 2: Morning"]
    text = story.sources[0].text
    for clutter in ("Fandoms", "Next Chapter", "Summary", "Kira and Dev argue", "Chapter Text", "Kudos", "reader0",
                    "I loved this chapter", "Archive of Our Own", "Notes:", "winter exchange", "Thanks for reading"):
        assert clutter not in text
    assert story.body(story.chapters[1]).endswith("\u201cCoffee?\u201d Dev asked.")


def test_paragraphs_made_of_double_line_breaks_stay_paragraphs() -> None:
    """Many fiction sites separate paragraphs with ``<br><br>`` inside one ``<div>``: each is a
    paragraph of its own (the parser's turns are paragraphs), and a single ``<br>`` is a space."""
    story = load_story([FIXTURES / "br_paragraphs.html"])
    assert story.body(story.chapters[0]).split("\n\n") == [
        "Kira slams the door behind her.", "\u201cYou\u2019re late,\u201d says Dev.",
        "\u201cTraffic.\u201d She drops her bag.", "\u201cAgain?\u201d", "\u201cAgain,\u201d Dev said."]
    assert [c.name for c in parse_story(story).characters] == ["Dev", "Kira"]  # "Traffic." addresses no one

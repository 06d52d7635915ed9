"""The podcast a render publishes, read back by real feed parsers (feedparser, gPodder's podcastparser)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import podcastparser
import pytest

from storycast.casting import load_cast
from storycast.feed import absolute_feed, chapters_json, publication_dates, srt, webvtt
from storycast.model import ChapterMark, Cue
from storycast.rendering import PublishOptions, RenderResult, render_story
from tests.conftest import SAMPLE, SAMPLE_CAST

BASE = "https://example.org/books/wager/"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    out = tmp_path_factory.mktemp("book")
    cast = load_cast(SAMPLE_CAST)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYCAST_CACHE_DIR", str(out.parent / "cache"))
        return render_story([SAMPLE], cast=cast, out_dir=out, engine="fake",
                            publish=PublishOptions(base_url=BASE, owner_email="me@example.org"))


def test_feedparser_reads_every_field(rendered: RenderResult) -> None:
    feed = feedparser.parse((rendered.out_dir / "feed.xml").read_bytes())
    assert not feed.bozo
    channel = feed.feed
    assert channel.title == "The Lamplighter's Wager"
    assert channel.language == "en-us"
    assert channel.author == "Wren Halloway"
    assert channel.publisher_detail == {"name": "Wren Halloway", "email": "me@example.org"}
    assert [t.term for t in channel.tags] == ["Arts", "Books"]
    assert channel.itunes_type == "serial"
    assert channel.image.href == BASE + "cover.jpg"
    assert channel.podcast_medium == "audiobook"
    assert len(channel.podcast_guid) == 36
    assert "The Lamplighter's Wager by Wren Halloway" in channel.subtitle
    assert [e.title for e in feed.entries] == ["Chapter 1: The Bet", "Chapter 2: The First of May"]
    for n, (entry, chapter) in enumerate(zip(feed.entries, rendered.chapters, strict=True), 1):
        enclosure = entry.enclosures[0]
        assert enclosure.href == BASE + chapter.path.name
        assert int(enclosure.length) == chapter.path.stat().st_size  # the size after tagging
        assert enclosure.type == "audio/mpeg"
        assert entry.itunes_episode == str(n)
        h, m, s = (int(x) for x in entry.itunes_duration.split(":"))
        assert abs(h * 3600 + m * 60 + s - chapter.duration_ms / 1000) <= 1
        assert entry.summary.startswith(("The fog came up", "Spring was slow"))
        assert entry.podcast_chapters["url"] == BASE + chapter.path.stem + ".chapters.json"
        assert entry.podcast_transcript == {"url": BASE + chapter.path.stem + ".vtt", "type": "text/vtt",
                                            "rel": "captions"}
        assert entry.published_parsed is not None and not entry.guidislink


def test_podcastparser_reads_the_legacy_namespace_too(rendered: RenderResult) -> None:
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO((rendered.out_dir / "feed.xml").read_bytes()))
    assert parsed["title"] == "The Lamplighter's Wager"
    assert parsed["type"] == "serial" and parsed["itunes_categories"] == [["Arts", "Books"]]
    assert parsed["cover_url"] == BASE + "cover.jpg"
    episodes = sorted(parsed["episodes"], key=lambda e: e["number"])
    assert [e["title"] for e in episodes] == ["Chapter 1: The Bet", "Chapter 2: The First of May"]
    for episode, chapter in zip(episodes, rendered.chapters, strict=True):
        assert episode["enclosures"] == [{"url": BASE + chapter.path.name, "file_size": chapter.path.stat().st_size,
                                          "mime_type": "audio/mpeg"}]
        assert episode["chapters_json_url"] == BASE + chapter.path.stem + ".chapters.json"
        assert episode["transcript_url"] == BASE + chapter.path.stem + ".vtt"
        assert abs(episode["total_time"] - chapter.duration_ms / 1000) <= 1


def test_side_files_match_the_audio(rendered: RenderResult) -> None:
    first = rendered.chapters[0]
    data = json.loads((rendered.out_dir / f"{first.path.stem}.chapters.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]] == [
        "Chapter 1: The Bet", "Scene 2: Mrs. Pell kept the post office\u2026"]
    assert data["chapters"][-1]["endTime"] == first.duration_ms / 1000
    vtt = (rendered.out_dir / f"{first.path.stem}.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.425 --> ")  # 400 ms of lead-in plus the encoder delay
    assert "<v Narrator>Chapter 1: The Bet\n" in vtt and "<v Theo>You're late,\n" in vtt
    assert "Ivy: I'm exactly on time," in (rendered.out_dir / f"{first.path.stem}.srt").read_text(encoding="utf-8")
    playlist = (rendered.out_dir / "playlist.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U" and playlist[3] == first.path.name
    assert (rendered.out_dir / "cover.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_guids_and_dates_survive_a_re_render(rendered: RenderResult, tmp_path: Path) -> None:
    before = feedparser.parse((rendered.out_dir / "feed.xml").read_bytes())
    again = render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=rendered.out_dir, engine="fake",
                         publish=PublishOptions(base_url=BASE, owner_email="me@example.org"))
    after = feedparser.parse((again.out_dir / "feed.xml").read_bytes())
    assert after.feed.podcast_guid == before.feed.podcast_guid
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    assert [e.published for e in after.entries] == [e.published for e in before.entries]
    assert len({e.id for e in after.entries}) == 2


def test_served_feed_has_absolute_links() -> None:
    xml = b'<rss version="2.0"><channel><link>./</link><item><enclosure url="01.mp3" length="1" type="audio/mpeg"/>' \
          b"</item></channel></rss>"
    out = absolute_feed(xml, "http://127.0.0.1:8000/")
    assert b'url="http://127.0.0.1:8000/01.mp3"' in out and b"<link>http://127.0.0.1:8000/</link>" in out


def test_publication_dates_keep_order_and_earlier_dates() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    earlier = {"b": now - timedelta(days=3)}
    dates = publication_dates(["a", "b", "c"], earlier, now)
    assert dates[1] == earlier["b"] and dates[0] < dates[1] < dates[2]


def test_transcript_formats() -> None:
    cues = [Cue(0, 1500, "Hello <there> & you", "Ivy"), Cue(3_600_000, 3_601_000, "Narration.")]
    assert webvtt(cues) == ("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\n<v Ivy>Hello &lt;there&gt; &amp; you\n\n"
                            "2\n01:00:00.000 --> 01:00:01.000\n<v Narrator>Narration.\n")
    assert srt(cues) == ("1\n00:00:00,000 --> 00:00:01,500\nIvy: Hello <there> & you\n\n"
                         "2\n01:00:00,000 --> 01:00:01,000\nNarration.\n")
    assert json.loads(chapters_json([ChapterMark(0, 2500, "One")], "T"))["chapters"] == [
        {"startTime": 0.0, "endTime": 2.5, "title": "One"}]

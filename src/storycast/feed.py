"""Publishing: the podcast feed, chapter and transcript files, and a playlist for a render.

Everything here is a pure function from what was rendered to text or bytes; rendering
writes the files. The feed is RSS 2.0 with the itunes and Podcasting 2.0 namespaces,
built with the standard library's ElementTree (so every value is escaped). The
Podcasting 2.0 item tags are written twice: under the namespace the spec names, and
under the legacy namespace URL that gPodder's podcastparser still expects.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote, urljoin

from storycast.model import ChapterMark, Cue

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
PODCAST_LEGACY = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ATOM = "http://www.w3.org/2005/Atom"
# The namespace UUID the Podcasting 2.0 spec prescribes for podcast:guid (uuid v5).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
NAMESPACES = {"itunes": ITUNES, "podcast": PODCAST, "pi": PODCAST_LEGACY, "atom": ATOM}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

# Attributes that hold links, by element: made absolute when the feed is served.
_LINK_ATTRIBUTES = {"enclosure": "url", f"{{{ITUNES}}}image": "href", f"{{{PODCAST}}}chapters": "url",
                    f"{{{PODCAST}}}transcript": "url", f"{{{PODCAST_LEGACY}}}chapters": "url",
                    f"{{{PODCAST_LEGACY}}}transcript": "url"}


@dataclass(frozen=True)
class Episode:
    """One chapter as the feed lists it; file names are relative to the render folder."""

    number: int
    title: str
    description: str
    audio: str
    audio_bytes: int
    duration_ms: int
    guid: str
    published: datetime
    chapters_json: str | None = None
    transcript_vtt: str | None = None
    transcript_srt: str | None = None


@dataclass(frozen=True)
class Podcast:
    """The book as a podcast channel."""

    title: str
    author: str | None
    description: str
    language: str
    guid: str
    cover: str | None
    base_url: str = ""
    explicit: bool = False
    owner_email: str | None = None


def book_guid(title: str, author: str | None) -> str:
    """A podcast:guid that stays the same for every render of the same book."""
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, f"storycast/{_fold(title)}/{_fold(author or '')}"))


def episode_guid(podcast_guid: str, number: int) -> str:
    """An item guid stable across re-renders: the book's guid and the chapter number."""
    return str(uuid.uuid5(uuid.UUID(podcast_guid), f"chapter-{number}"))


def feed_xml(podcast: Podcast, episodes: Sequence[Episode], *, built: datetime) -> bytes:
    """The RSS 2.0 feed for a render folder, as UTF-8 bytes."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    link = podcast.base_url or "./"
    _text(channel, "title", podcast.title)
    _text(channel, "link", link)
    _text(channel, "description", podcast.description)
    _text(channel, "language", podcast.language)
    _text(channel, "generator", "storycast")
    _text(channel, "lastBuildDate", format_datetime(built))
    if podcast.base_url:
        ET.SubElement(channel, f"{{{ATOM}}}link", {"href": _url(podcast.base_url, "feed.xml"), "rel": "self",
                                                    "type": "application/rss+xml"})
    author = podcast.author or "Unknown author"
    _text(channel, f"{{{ITUNES}}}author", author)
    _text(channel, f"{{{ITUNES}}}summary", podcast.description)
    owner = ET.SubElement(channel, f"{{{ITUNES}}}owner")
    _text(owner, f"{{{ITUNES}}}name", author)
    if podcast.owner_email:
        _text(owner, f"{{{ITUNES}}}email", podcast.owner_email)
    category = ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": "Arts"})
    ET.SubElement(category, f"{{{ITUNES}}}category", {"text": "Books"})
    _text(channel, f"{{{ITUNES}}}explicit", "true" if podcast.explicit else "false")
    _text(channel, f"{{{ITUNES}}}type", "serial")
    if podcast.cover:
        cover = _url(podcast.base_url, podcast.cover)
        ET.SubElement(channel, f"{{{ITUNES}}}image", {"href": cover})
        image = ET.SubElement(channel, "image")
        _text(image, "url", cover)
        _text(image, "title", podcast.title)
        _text(image, "link", link)
    _text(channel, f"{{{PODCAST}}}medium", "audiobook")
    _text(channel, f"{{{PODCAST}}}guid", podcast.guid)
    for ep in episodes:
        _item(channel, podcast, ep)
    ET.indent(rss, space="  ")
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True)) + b"\n"


def _item(channel: ET.Element, podcast: Podcast, ep: Episode) -> None:
    item = ET.SubElement(channel, "item")
    _text(item, "title", ep.title)
    _text(item, "description", ep.description)
    ET.SubElement(item, "enclosure", {"url": _url(podcast.base_url, ep.audio), "length": str(ep.audio_bytes),
                                      "type": "audio/mpeg"})
    _text(item, "guid", ep.guid).set("isPermaLink", "false")
    _text(item, "pubDate", format_datetime(ep.published))
    _text(item, f"{{{ITUNES}}}title", ep.title)
    _text(item, f"{{{ITUNES}}}duration", _hms(ep.duration_ms))
    _text(item, f"{{{ITUNES}}}episode", str(ep.number))
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    _text(item, f"{{{ITUNES}}}explicit", "true" if podcast.explicit else "false")
    for namespace in (PODCAST, PODCAST_LEGACY):
        if ep.chapters_json:
            ET.SubElement(item, f"{{{namespace}}}chapters", {"url": _url(podcast.base_url, ep.chapters_json),
                                                             "type": "application/json+chapters"})
        # SRT first: readers that keep one transcript keep the last, the WebVTT with speaker tags
        if ep.transcript_srt:
            ET.SubElement(item, f"{{{namespace}}}transcript", {"url": _url(podcast.base_url, ep.transcript_srt),
                                                               "type": "application/srt"})
        if ep.transcript_vtt:
            ET.SubElement(item, f"{{{namespace}}}transcript", {"url": _url(podcast.base_url, ep.transcript_vtt),
                                                               "type": "text/vtt", "rel": "captions"})


def absolute_feed(xml: bytes, base_url: str) -> bytes:
    """The same feed with every relative link made absolute against ``base_url`` (for serving)."""
    root = ET.fromstring(xml)
    for element in root.iter():
        attribute = _LINK_ATTRIBUTES.get(element.tag)
        if attribute and element.get(attribute):
            element.set(attribute, urljoin(base_url, element.get(attribute, "")))
    for path in ("channel/link", "channel/image/url", "channel/image/link"):
        for element in root.findall(path):
            element.text = urljoin(base_url, element.text or "")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def published_dates(xml: bytes | None) -> dict[str, datetime]:
    """Item guid -> pubDate from an earlier feed, so a re-render keeps its episodes' dates."""
    if not xml:
        return {}
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return {}
    out: dict[str, datetime] = {}
    for item in root.iter("item"):
        guid, date = item.findtext("guid"), item.findtext("pubDate")
        if guid and date:
            try:
                out[guid] = parsedate_to_datetime(date)
            except (TypeError, ValueError):
                continue
    return out


def publication_dates(guids: Sequence[str], earlier: Mapping[str, datetime], now: datetime) -> list[datetime]:
    """One date per episode: an earlier render's when known, else ``now``; a minute apart, in order."""
    known = [earlier[g] - timedelta(minutes=n) for n, g in enumerate(guids) if g in earlier]
    start = min(known) if known else now
    out: list[datetime] = []
    for n, guid in enumerate(guids):
        date = earlier.get(guid, start + timedelta(minutes=n))
        if out and date <= out[-1]:
            date = out[-1] + timedelta(minutes=1)
        out.append(date)
    return out


def chapters_json(marks: Sequence[ChapterMark], title: str) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0) for one episode."""
    data = {
        "version": "1.2.0",
        "title": title,
        "chapters": [{"startTime": m.start_ms / 1000, "endTime": m.end_ms / 1000, "title": m.title} for m in marks],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def webvtt(cues: Sequence[Cue], narrator: str = "Narrator") -> str:
    """A WebVTT transcript; each cue carries its speaker as a ``<v Speaker>`` voice tag."""
    lines = ["WEBVTT", ""]
    for n, cue in enumerate(cues, 1):
        who = re.sub(r"[<>&\n]", "", cue.speaker or narrator).strip() or narrator
        text = " ".join(cue.text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [str(n), f"{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}", f"<v {who}>{text}", ""]
    return "\n".join(lines)


def srt(cues: Sequence[Cue]) -> str:
    """An SRT transcript; dialogue is prefixed with its speaker's name."""
    lines: list[str] = []
    for n, cue in enumerate(cues, 1):
        text = " ".join(cue.text.split())
        lines += [str(n), f"{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}",
                  f"{cue.speaker}: {text}" if cue.speaker else text, ""]
    return "\n".join(lines)


def m3u(podcast: Podcast, episodes: Sequence[Episode]) -> str:
    """An extended M3U playlist of the chapter files, for players that want files, not feeds."""
    lines = ["#EXTM3U", f"#PLAYLIST:{podcast.title}"]
    for ep in episodes:
        artist = f"{podcast.author} - " if podcast.author else ""
        lines += [f"#EXTINF:{round(ep.duration_ms / 1000)},{artist}{ep.title}", ep.audio]
    return "\n".join(lines) + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _url(base: str, name: str) -> str:
    return urljoin(base, quote(name)) if base else quote(name)


def _hms(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _stamp(ms: int, separator: str) -> str:
    return f"{ms // 3600000:02d}:{ms % 3600000 // 60000:02d}:{ms % 60000 // 1000:02d}{separator}{ms % 1000:03d}"


def _fold(text: str) -> str:
    return " ".join(text.lower().split())

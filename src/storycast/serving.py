"""Serving: a render folder over HTTP, so a podcast app on this machine (or the LAN) can subscribe.

Standard library only. Byte ranges are honoured (apps seek and resume with them), the
feed's relative links are made absolute against the address the app used, and no path
outside the folder is ever served: ``..``, absolute paths and symlinks that lead out
are all refused.
"""

from __future__ import annotations

import mimetypes
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from storycast.errors import InputError, OutputError
from storycast.feed import absolute_feed

TYPES = {".mp3": "audio/mpeg", ".xml": "application/rss+xml", ".jpg": "image/jpeg", ".vtt": "text/vtt",
         ".srt": "application/srt", ".json": "application/json", ".m3u": "audio/x-mpegurl"}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


def make_server(folder: Path, *, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for ``folder`` (not started: call ``serve_forever``). Port 0 picks a free one."""
    root = folder.resolve()
    if not root.is_dir():
        raise InputError("not a folder", path=folder, hint="give the folder a render wrote (it holds feed.xml)")
    if not (root / "feed.xml").is_file():
        raise InputError("no feed.xml in this folder", path=folder, hint="render a story into it first")

    class Handler(_FolderHandler):
        base = root

    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          hint="choose another --port, or stop what is using it") from exc
    server.daemon_threads = True
    return server


def feed_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else str(host)
    return f"http://{shown}:{port}/feed.xml"


class _FolderHandler(BaseHTTPRequestHandler):
    base: Path
    server_version = "storycast"

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server naming
        self._send(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._send(body=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return  # quiet: the CLI prints the feed URL, not a request log

    def _resolve(self) -> Path | None:
        relative = unquote(urlsplit(self.path).path).lstrip("/") or "feed.xml"
        if "\x00" in relative or any(part in ("..", "") for part in relative.split("/")):
            return None
        target = (self.base / relative).resolve()
        if not target.is_relative_to(self.base) or not target.is_file() or target.name.startswith("."):
            return None
        return target

    def _send(self, *, body: bool) -> None:
        target = self._resolve()
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        kind = TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.name == "feed.xml":
            data = absolute_feed(target.read_bytes(), f"http://{self.headers.get('Host') or 'localhost'}/")
            self._headers(HTTPStatus.OK, kind, len(data))
            self.end_headers()
            if body:
                self.wfile.write(data)
            return
        size = target.stat().st_size
        start, end = 0, size - 1
        status = HTTPStatus.OK
        wanted = _RANGE.match(self.headers.get("Range", "").strip())
        if wanted and (wanted.group(1) or wanted.group(2)):
            first, last = wanted.groups()
            if first:
                start, end = int(first), min(int(last), size - 1) if last else size - 1
            else:
                start, end = max(0, size - int(last)), size - 1
            if start > end or start >= size:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = HTTPStatus.PARTIAL_CONTENT
        self._headers(status, kind, end - start + 1)
        if status == HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if body:
            with target.open("rb") as src:
                src.seek(start)
                _copy(src, self.wfile, end - start + 1)  # type: ignore[arg-type]

    def _headers(self, status: HTTPStatus, kind: str, length: int) -> None:
        """Status and the headers every answer has; the caller ends the headers."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")


def _copy(src: BinaryIO, dst: BinaryIO, length: int) -> None:
    remaining = length
    while remaining > 0:
        chunk = src.read(min(65536, remaining))
        if not chunk:
            break
        try:
            dst.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            return  # the app stopped listening: normal when it seeks
        remaining -= len(chunk)

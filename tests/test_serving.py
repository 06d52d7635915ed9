"""storycast serve: a render folder over HTTP, as podcast apps use it (ranges, absolute links, nothing outside)."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycast.casting import load_cast
from storycast.cli import app
from storycast.errors import InputError
from storycast.rendering import RenderResult, render_story
from storycast.serving import feed_url, make_server
from tests.conftest import SAMPLE, SAMPLE_CAST


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderResult:
    out = tmp_path_factory.mktemp("served") / "book"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYCAST_CACHE_DIR", str(out.parent / "cache"))
        result = render_story([SAMPLE], cast=load_cast(SAMPLE_CAST), out_dir=out, engine="fake")
    (out.parent / "secret.txt").write_text("outside the folder", encoding="utf-8")
    os.symlink(out.parent / "secret.txt", out / "link.txt")
    (out / ".01-chapter-1-the-bet.mp3.partial").write_bytes(b"half")
    return result


@pytest.fixture(scope="module")
def server(rendered: RenderResult) -> Iterator[tuple[str, int]]:
    httpd = make_server(rendered.out_dir, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def _get(server: tuple[str, int], path: str, headers: dict[str, str] | None = None,
         method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_feed_is_served_with_absolute_links(server: tuple[str, int]) -> None:
    status, headers, body = _get(server, "/feed.xml")
    assert status == 200 and headers["content-type"] == "application/rss+xml"
    host = f"http://{server[0]}:{server[1]}/"
    assert f'url="{host}01-chapter-1-the-bet.mp3"'.encode() in body
    assert f'href="{host}cover.jpg"'.encode() in body


def test_audio_supports_byte_ranges(server: tuple[str, int], rendered: RenderResult) -> None:
    data = rendered.chapters[0].path.read_bytes()
    status, headers, body = _get(server, "/01-chapter-1-the-bet.mp3")
    assert status == 200 and body == data and headers["accept-ranges"] == "bytes"
    assert headers["content-type"] == "audio/mpeg"
    status, headers, body = _get(server, "/01-chapter-1-the-bet.mp3", {"Range": "bytes=100-199"})
    assert status == 206 and body == data[100:200] and headers["content-range"] == f"bytes 100-199/{len(data)}"
    status, _, body = _get(server, "/01-chapter-1-the-bet.mp3", {"Range": "bytes=-50"})
    assert status == 206 and body == data[-50:]
    status, _, body = _get(server, "/01-chapter-1-the-bet.mp3", {"Range": f"bytes={len(data) - 10}-"})
    assert status == 206 and body == data[-10:]
    status, headers, _ = _get(server, "/01-chapter-1-the-bet.mp3", {"Range": f"bytes={len(data)}-"})
    assert status == 416 and headers["content-range"] == f"bytes */{len(data)}"
    status, headers, body = _get(server, "/01-chapter-1-the-bet.mp3", method="HEAD")
    assert status == 200 and body == b"" and headers["content-length"] == str(len(data))


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/link.txt", "//etc/passwd",
                                  "/.01-chapter-1-the-bet.mp3.partial", "/nothing.mp3", "/%00"])
def test_nothing_outside_the_folder_is_served(server: tuple[str, int], path: str) -> None:
    status, _, body = _get(server, path)
    assert status == 404 and b"outside the folder" not in body


def test_serving_a_folder_without_a_feed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no feed.xml in this folder"):
        make_server(tmp_path, port=0)
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'none'}: not a folder; give the folder a render wrote " \
                                    "(it holds feed.xml)"


def test_feed_url_names_loopback(rendered: RenderResult) -> None:
    httpd = make_server(rendered.out_dir, port=0)
    try:
        assert feed_url(httpd) == f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    finally:
        httpd.server_close()


@pytest.mark.skipif(shutil.which("gpo") is None,
                    reason="gpo (Debian package gpodder) is not installed; ./scripts/test installs it")
def test_gpodder_subscribes_lists_and_downloads_byte_identical(server: tuple[str, int], rendered: RenderResult,
                                                               tmp_path: Path) -> None:
    url = f"http://{server[0]}:{server[1]}/feed.xml"
    env = {**os.environ, "GPODDER_HOME": str(tmp_path / "home"), "GPODDER_DOWNLOAD_DIR": str(tmp_path / "dl")}

    def gpo(*args: str) -> str:
        run = subprocess.run(["gpo", *args], env=env, capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        return run.stdout

    assert "Successfully added" in gpo("subscribe", url)
    listing = gpo("episodes", url)
    assert "Chapter 1: The Bet" in listing and "Chapter 2: The First of May" in listing
    assert "2 episodes downloaded" in gpo("download", url)
    downloaded = {p.name: p.read_bytes() for p in (tmp_path / "dl").rglob("*.mp3")}
    assert downloaded == {c.path.name: c.path.read_bytes() for c in rendered.chapters}

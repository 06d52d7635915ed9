"""Covers: the square front image podcast apps and players show for the book.

Pillow is imported here and nowhere else. A user's image is checked and made square
(podcast directories want 1400-3000 px squares, JPEG or PNG); without one, a clean
cover is drawn from the title and author.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from storycast.errors import InputError

COVER_SIZE = 1400
MAX_SIZE = 3000
SERIF_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/Library/Fonts/Georgia.ttf",
               "C:/Windows/Fonts/georgia.ttf")
# Calm backgrounds with light text; one is picked from the title, so a book keeps its colour.
PALETTE = ((32, 46, 74), (74, 38, 46), (30, 66, 60), (58, 48, 80), (80, 60, 30), (40, 40, 44))


def make_cover(title: str, author: str | None, *, size: int = COVER_SIZE) -> bytes:
    """A square JPEG cover: the title large, the author below, on a colour of the title's own."""
    digest = hashlib.sha256(title.encode()).digest()
    background = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    ink = (245, 240, 228)
    margin = size // 10
    draw.rectangle((margin // 2, margin // 2, size - margin // 2, size - margin // 2), outline=ink,
                   width=max(2, size // 350))
    title_font, lines = _fit(draw, title, size - 2 * margin, int(size * 0.55))
    line_height = int(title_font.size * 1.2)
    y = int(size * 0.42) - len(lines) * line_height // 2
    for line in lines:
        draw.text((size // 2, y), line, font=title_font, fill=ink, anchor="mt")
        y += line_height
    if author:
        author_font = _font(size // 22)
        draw.text((size // 2, int(size * 0.8)), author, font=author_font, fill=ink, anchor="mm")
    draw.line((size // 2 - size // 12, int(size * 0.72), size // 2 + size // 12, int(size * 0.72)), fill=ink,
              width=max(2, size // 400))
    return _jpeg(image)


def load_cover(path: Path) -> bytes:
    """A user's cover as a square JPEG between 1400 and 3000 px (centre-cropped, scaled)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such cover image", path=path, hint="check the path given to --cover") from exc
    except OSError as exc:
        raise InputError(f"cannot read the cover: {exc.strerror or exc}", path=path, hint="check the path") from exc
    return cover_from_bytes(data, path)


def cover_from_bytes(data: bytes, where: str | Path) -> bytes:
    """An image (a file's or an EPUB's) as a square JPEG cover between 1400 and 3000 px."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError("the cover is not an image Pillow can read", path=where,
                         hint="use a JPEG or PNG file") from exc
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    target = min(max(side, COVER_SIZE), MAX_SIZE)
    if target != side:
        image = image.resize((target, target), Image.Resampling.LANCZOS)
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue()


def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in SERIF_FONTS:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, px)
    return ImageFont.load_default(size=px)


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size at which ``text``, wrapped, fits the box."""
    px = width // 6
    while True:
        font = _font(px)
        chars = max(4, int(width / (px * 0.55)))
        lines = textwrap.wrap(text, chars, break_long_words=False) or [text]
        widest = max(draw.textlength(line, font=font) for line in lines)
        if (widest <= width and len(lines) * px * 1.2 <= height) or px <= 24:
            return font, lines  # type: ignore[return-value]
        px = int(px * 0.9)

"""storycast: prose with dialogue in, a voiced, tagged audiobook out.

The library API mirrors the pipeline, one function per stage:

    story = load_story([path])              # loading
    script = parse_story(story, cast=cast)  # parsing
    cast = load_cast(path)                  # casting
    render_story(...)                       # the whole pipeline (rendering)
"""

from typing import TYPE_CHECKING, Any

from storycast.errors import StorycastError
from storycast.loading import load_story
from storycast.model import Cast, Chapter, Character, Script, Segment, Voice
from storycast.parsing import parse_story

__all__ = [
    "Cast",
    "Chapter",
    "Character",
    "Script",
    "Segment",
    "StorycastError",
    "Voice",
    "load_cast",
    "load_story",
    "parse_story",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from storycast.casting import load_cast


def __getattr__(name: str) -> Any:
    """``load_cast`` is imported on first use: ``storycast parse`` without a casting file then
    never loads ruamel.yaml (the attribution benchmark starts one process per novel)."""
    if name == "load_cast":
        from storycast.casting import load_cast

        return load_cast
    raise AttributeError(f"module 'storycast' has no attribute {name!r}")

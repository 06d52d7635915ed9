"""Parsing: split chapters into narration and dialogue, and decide who speaks each line.

The parser is rule-based and runs offline in one pass per story, in this order, on the text as
its rules read it (``layout.py``: spaces a layout adds parsed away, offsets mapped back):

1. paragraphs and scene breaks; quotes (``quotes.py``), and which quotes are speech;
2. characters: from a casting file, or discovered from the names in speech tags and
   action beats, with aliases merged and gender inferred from honorifics and pronouns
   (``naming.py``);
3. per paragraph ("turn"), its clues: explicit tags (``said Theo``, ``she asked``), a tag
   before the speech (``Theo said:``), action beats (``Ivy shrugged.``), descriptions
   (``the old lady``), ``I said`` for the first-person narrator (read by ``grammar.py``),
   and who is in mind;
4. per conversation (consecutive turns, bridged over one short narration paragraph), the
   likeliest speakers for all its turns at once: a second-order Viterbi search
   (``decoding.py``) weighing each turn's clues against alternation (A-B-A), vocatives
   (the addressee answers next) and continued speeches.

Every dialogue segment carries the rule that decided it and a confidence.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from storycast.decoding import Decoding, Lattice, decode
from storycast.first_names import first_name_gender, is_common_given_name, is_given_name
from storycast.grammar import (
    CLAUSE_OPENERS,
    NAME_ADJECTIVES,
    NAME_PARTICLE,
    NO_ANSWER,
    POSSESSIVE,
    SENTENCE,
    SILENT,
    descriptor_pronoun,
    ends_in_speech_verb,
    ends_near_speech_verb,
    first_sentence,
    has_speech_verb,
    is_description,
    last_sentence,
    lead_in,
    lead_in_subjects,
    leads_to_unspoken,
    name_after_adjectives,
    next_to_speech_verb,
    opening_connectives,
    sentence_subject,
    speech_verb_count,
    spoken_to,
    subject_before_semicolon,
    tag_after,
    tagged_unspoken,
)
from storycast.idiolect import Idiolects, learn_idiolects, speech_words
from storycast.layout import Trimmed, mended, trimmed_story, written_script
from storycast.loading import is_scene_break
from storycast.model import Cast, Chapter, Character, Gender, Script, Segment, Story, name_key
from storycast.naming import (
    PET_ENDINGS,
    add_full_name_bridges,
    any_of,
    decide_gender,
    infer_genders,
    join_bare_surnames,
    join_maiden_titles,
    join_mister,
    join_pet_forms,
    join_short_forms,
    merge_aliases,
    peoples,
    pet_form_of,
    places_and_things,
    title_role,
)
from storycast.quotes import (
    ELISIONS,
    Quote,
    QuoteStyle,
    detect_style,
    find_quotes,
)
from storycast.words import (
    ACTING_PARTS,
    CREATURES,
    DESCRIPTOR_GENDER,
    FAMILY_NAME_GENDER,
    FAMILY_RELATION,
    FAMILY_WORDS,
    FIRST_SECOND_PERSON,
    GENDERED_TRADES,
    GESTURE_VERBS,
    HONORIFIC_GENDER,
    HONORIFICS,
    KIN_BY_TITLE,
    KIN_SHARING_SURNAME,
    KIN_TITLES,
    LOWER,
    MACHINES,
    NAME_PARTICLES,
    NEUTRAL_HONORIFICS,
    NOT_NAMES,
    NOUN_DETERMINERS,
    NUMBER_WORDS,
    OWNED_PERSON,
    OWNED_STYLES_OF_ADDRESS,
    QUOTED_PHRASE_NOUNS,
    REPORTING_AUXILIARIES,
    SPEECH_VERBS,
    STYLE_HOLDERS,
    STYLES_OF_ADDRESS,
    SUBJECT_PRONOUNS,
    THIRD_PERSON,
    TITLE_SPELLINGS,
    TITLE_STYLES,
    TRADE_WORDS,
    UNGENDERED_PERSON_WORDS,
    UNGENDERED_PERSONS,
    UNTAGGED_NON_NAMES,
    UPPER,
    opening_on,
    starting_with,
)

NARRATOR = "Narrator"
# Evidence a name needs to count as a character in cold mode: a speech tag is 2, an
# action beat 1, the subject of a narration sentence 0.5, an address 0.5 (and once, at
# least, it must be named where a speaker is: see _discover_characters).
MIN_CHARACTER_EVIDENCE = 0.5
# But a word that opens a speech alone ("Thinking. That's new.") is as often no name as
# one: an address counts half as much unless it has a title ("Good evening, Mrs. Moore"),
# its word is written capitalised elsewhere too ("Harriet and Edmund stood by the window"),
# or it is a common given name ("It's not fair, Jamie.", where Jamie is otherwise only "her
# brother" and "he"; but "Male, about sixteen." and "Buddy" call no one by name).
_ADDRESS_EVIDENCE = 0.5
_LONE_ADDRESS_EVIDENCE = 0.25
# Words that call someone as a given name would, and are given names too ("Buddy", "Angel")
_ENDEARMENTS = frozenset("buddy sonny angel honey baby babe love darling sweetie sugar pal kid".split())

_VOCATIVE_BEFORE = re.compile(r"(?:^|[,;!?]\s+|\b(?:dear|my|oh|o)\s+)$", re.IGNORECASE)
# "Today is theory. Mr. Oduya, would you come down here?": after a full stop, a name is called
# only when a request or a question follows it ("Liam, you understand you're not under arrest?",
# "Mrs. Ford, what was the man wearing?"; "Renata, you know what I'm going to ask." may not be,
# nor "Mr. Smith, would you believe, had gone", nor "Jane, who was there, saw it?")
_SENTENCE_END_BEFORE = re.compile(r"\.\s+$")
# "Four. I counted. Kowalski?": a name asked at the end of what is said, the one called on (not
# "[...] creature. Denham?" he added. "A good fellow, I should think.": a name asked about)
_ASKED_LAST = re.compile(r"\?\W*$")
# A dot that ends a title or an initial, not a sentence ("On Mrs. Cecil Forrester?")
_TITLE_DOT = re.compile(r"\b(?:[a-z]|" + "|".join(sorted(HONORIFICS)) + r")\.\s+$", re.IGNORECASE)
_REQUEST_AFTER = re.compile(r",\s+(?:(?:would|could|will|can|won['\u2019]t|wouldn['\u2019]t|can['\u2019]t)\s+you\b"
                            r"(?!\s+believe\b)|please\b|(?!who\b|which\b|whose\b)[^.!?\"\u201d]*\?"
                            r"|(?:give|get|come|go|look|listen|wait|stop|hold|take|tell|help|hand|pass|let|sit|stay"
                            r"|bring|put|keep|shut|leave|back|show|call|fetch|grab|find|check|watch|follow|read|open|turn"
                            r"|move|make|try|don['\u2019]t)\s+(?:me|us|him|her|it|them|this|that|the|a|here"
                            r"|there|in|out|up|down|on|off|away|back|over|now|go)\b"  # "Mei, give me the light."
                            r"|you(?:['\u2019](?:re|ll)|\s+(?:are|will|take|stay|keep|get)\b))")  # "Bea, you're on"
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAP_WORD = opening_on(rf"[{UPPER}](?<!\w\w)[{LOWER}]+\b", plain=rf"\b[{UPPER}][{LOWER}]+\b")
_LONG_TEXT_WORDS = 20_000
_STORY_WORDS = 1_000  # a short story, not a snippet: see _Names.named_once
# A word capitalised inside a sentence: "said Tony", "when José"
_MID_CAP_WORD = opening_on(rf"[{UPPER}](?<=[{LOWER},;][ \n].)[{UPPER}{LOWER}]+\b",
                           plain=rf"(?<=[{LOWER},;][ \n])[{UPPER}][{UPPER}{LOWER}]+\b")
# "his wife" / "Mr. Palmer's wife": the relatives _Names.relative can name
_KIN_RELATIONS = KIN_SHARING_SURNAME | set(KIN_BY_TITLE)
# whom "my ..." or "your ..." can call a person: "my uncle, Sir Robert,", "Your affectionate cousin,"
_RELATION_WORDS = _KIN_RELATIONS | set("uncle aunt cousin nephew niece friend servant master mistress".split())
_KIN_MENTION = starting_with(UPPER + "h", rf"\b(?:([Hh]is|[Hh]er)|((?:(?:Mr|Mrs|Miss|Sir|Lady)\.?\s+)?"
                             rf"[{UPPER}][{LOWER}]+)['\u2019]s) (" + "|".join(sorted(_KIN_RELATIONS)) + r")\b")
# "Their grandmother shuffled in", "said our mum": an elder the family calls by a family word (see FAMILY_WORDS)
# (not "his" or "her": whose mother "his mother" is, a novel of many families does not say)
_FAMILY_OWNERS = frozenset("my our their your".split())
_FAMILY_OWNED = tuple(f"{owner} " for owner in sorted(_FAMILY_OWNERS))  # how a mention of one opens: "their "
# What was so before the scene, said right after its subject: "Our mother had not spoken to our
# father in eleven years" (after an opening phrase it is not looked for)
_BACKSTORY = re.compile(r"\s+had\s+(?:not\s+|never\s+|n['\u2019]t\s+)?(?:been\s+)?[a-z]+(?:ed|en|t)\b")


def _family_names(word: str) -> list[str]:
    """The words a family calls the elder ``word`` means, as names: ``Gran``, ``Granny``,
    ``Grandma``... for "grandmother" or "gran"."""
    return sorted(w.capitalize() for w in FAMILY_WORDS[FAMILY_RELATION[word]])


_OWNED_FAMILY = starting_with("MmOoTtYy", r"\b([Mm]y|[Oo]ur|[Tt]heir|[Yy]our)\s+(?:(?:old|dear|poor)\s+)?("
                              + "|".join(sorted(FAMILY_RELATION, key=len, reverse=True)) + r")\b")
# "I found Bill up in his room." / "Then I met Cohn.": the narrator is with someone new, a new conversation
_NARRATOR_MEETS = re.compile(r"\s*(?:\w+,?\s+){0,3}?I (?:found|met|joined)\b")
_ASKED = re.compile(r"\?[\"'\u201d\u2019]?\s*$")  # a quote that ends on a question
# "the detective", "her visitor": see _Names.roles
_ROLE_DETERMINER = r"[Tt]he|[Hh]is|[Hh]er|[Tt]heir"
_DESCRIBED_OPENING = re.compile(r"((The [a-z]+) [a-z]+)\b")  # "The old man", "The woman came": _described_subject
_ROLE_MENTION = starting_with("TtHh", rf"\b({_ROLE_DETERMINER}) ([a-z]+(?: [a-z]+)?)")
_OPENING_ROLE = re.compile(r"\s*([Aa]n?) ([a-z]+(?: [a-z]+)?)")  # "A stranger was before him": see _Names.roles
# ... after a place ("Beside him, a thin woman in a scout's leathers cleared her throat.")
# ... or after a word of time ("Presently a horseman drew level with the carriage")
_SOON_AFTER = r"(?:Presently|Suddenly|Then|Soon|Just then|At last|At length)"
_PLACE_LEAD = (r"(?:From|In|At|By|Across|Behind|Near|Inside|Outside|Through|On|Under|Beside)\s+"
               r"[^,.!?;\"\u201c\u201d]{1,40},")  # "From the card table," (see _NEWCOMER too)
_PLACED_ROLE = re.compile(rf"\s*(?:{_PLACE_LEAD}|{_SOON_AFTER},?)\s+(an?) ([a-z]+(?: [a-z]+)?)")
# Titles that are also plain nouns: "the lady", "the master" describe, where "the Major" names.
_GENERIC_TITLES = frozenset({"lady", "master", "mistress", "madam"})
# A name as written: an honorific or none, then one or two capitalised words, a particle before
# either ("Madame de Chevreuse", "Catherine de Bourgh")
_PARTICLE = rf"(?:{NAME_PARTICLE}\s+)"
_NAME_TITLES = "Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord|Madame|Mme|Monsieur|Mademoiselle|Mlle"  # the titles a name may open on
_NAME = (rf"(?:(?:(?:{_NAME_TITLES})\.?|M\.)\s+{_PARTICLE}*)?"
         rf"[{UPPER}](?:[\w']|-(?=\w))+(?:\s+{_PARTICLE}*[{UPPER}](?:[\w']|-(?=\w))+)?")  # (not "Herriton--  Oh")
_NAME_MENTION = starting_with(UPPER, _NAME)
# '"Seeker," said a voice from the stairs. It was Harry': whose voice, the next sentence says
_VOICES = frozenset({"a voice", "the voice", "another voice", "a new voice"})
_VOICE_NAMED = re.compile(rf"[.!?]?\s+It was ({_NAME})\b")
# '"It runs away," said a girl near the window. Her name was Poppy': someone new, named at once
_NAMED_AT_ONCE = re.compile(rf"[.!?]?\s+(?:(?:Her|His) name was|(?:She|He) was (?:called|named)) ({_NAME})\b")
_NAMED_NEXT = re.compile(rf"\s*(?:(?:Her|His) name was|(?:She|He) was (?:called|named)|(?:She|He) was an? (?:[\w-]+,? )"
                         rf"{{0,4}}?(?:woman|man|girl|boy|lady|fellow|lad|person|guy|bloke|chap) (?:called|named))"
                         rf" ({_NAME})\b")
_REVEALED = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?])\s+)It (?:was|is) ({_NAME})(?=[,.;!]|\s+(?:who|that)\b)")
_REVEAL_CHARS = 200  # "She jumped and turned. It was Callum, [...]": how far into the next paragraph
_SUBJECT_START = re.compile(r"\s*(?:(?:And|But|Then|So|Now|Yet)\s+)?")  # where a sentence's subject starts
_PRONOUN_SUBJECT = re.compile(_SUBJECT_START.pattern + r"(He|She)\b")
_NARRATOR_SUBJECT = re.compile(_SUBJECT_START.pattern + r"I\b")
# "When Mr. Cole had moved away, and her attention could be restored as before, she saw": a he or she
# after an opening clause is the sentence's subject, as one opening it is
_PRONOUN_AFTER_CLAUSE = re.compile(r"\s*(?:When|As|While|Whilst|After|Before|Though|Although|If|Since|Once|Until|Till)"
                                   r"\b(?:[^.;:!?]|\b(?:Mr|Mrs|Ms|Dr|St)\.)*?,\s+(he|she)\s+(?=[a-z])"
                                   r"(?!(?:and|or|who|that|too)\b)")
# A given name or a title and a family name, overlapping ("When Frank Churchill"), and what makes it a place
_FULL_NAME = starting_with(UPPER, rf"\b((?:Mr|Mrs|Dr)\.|[{UPPER}][{LOWER}]+)(?=\s+([{UPPER}][{LOWER}]+)\b(?!'))")
_IN_A_PLACE = re.compile(r"\b(?:in|into|near|within)\s+$")
# A name opening a clause after "and" or "but", before a verb: "and Marcus shoulders in", "and Ron
# came", "but Zoe said if I didn't she would never speak to me again", "and Dmitri's face appeared"
_AND_CLAUSE = starting_with("ab", rf"\b(?:and|but)\s+({_NAME})(?:['\u2019]s\s+(?:{'|'.join(sorted(ACTING_PARTS))}))?"
                            r"\s+(?:[a-z]+(?:s|ed)|came|went|sat|stood|ran|took|got|put|held|left|found|felt|saw|knew"
                            r"|thought|gave|made|kept|began|drew|threw|rose|fell|spoke|said|told)\b")
# "Don't" or "I'll" starts a sentence, never a name (O'Brien is one)
_CONTRACTION = re.compile(r"(?:n['\u2019]t|['\u2019](?:ll|ve|re|d|m))$", re.I)


class _Clue(NamedTuple):
    """A possible speaker named near a speech: ``said Theo`` (a tag) or ``Ivy shrugged.`` (a beat)."""

    subject: str  # a name, a pronoun, "I" or a description ("the old man")
    rule: str  # tag or beat
    confidence: float
    sentence: str = ""  # the narration it was read from: whoever is named there is not its "he"
    quote: int | None = None  # the quote a tag belongs to (the one it follows or leads into)
    since_quote: tuple[int, int] | None = None  # a tag leading into a later quote in its own sentence:
    # the narration since the quote before, which names whom its "she" means
    spoken_to: bool = False  # a lead-in's object (``went up to Katharine and said:``): a candidate, but
    # no sign that the name speaks when characters are found (_discover_characters)


@dataclass
class _Turn:
    """A paragraph with speech in it: the unit a speaker is decided for."""

    paragraph: int
    quotes: list[tuple[int, int]]
    narration: list[tuple[int, int]]
    continues: bool = False
    speaker: str | None = None
    confidence: float = 0.0
    reason: str | None = None
    margin: float = 0.0  # the decoder's: how much better its reading is than any with another speaker here
    contradicted: bool = False  # its own he or she does not fit its speaker: see _contradicted
    candidates: list[str] = field(default_factory=list)  # whom the decoder weighed for it
    habit: dict[str, float] = field(default_factory=dict)  # how like each candidate it talks (idiolect)
    vocatives: list[str] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)  # named inside the speech, not addressed
    recent: list[str] = field(default_factory=list)  # characters in mind here, most recent first
    lead: str | None = None  # the subject of the narration paragraph just before, if any
    lead_arrived: bool = False  # ... who came into the scene in it ("My little brother Marco wanders in.")
    lead_was_silent: bool = False  # ... who had said nothing till then ("He had not said a word since grace.")
    silent: str | None = None  # whom that paragraph has answer the last speech without a quote ("Ann agreed.")
    answered_without_words: bool = False  # that paragraph is all about it ("She did not reply."): _ANSWER_TOLD
    tags: list[_Clue] | None = None  # _tag_candidates, computed once
    addresses: list[tuple[str, bool]] | None = None  # _vocative_names (name, whole quote), computed once
    names_itself: list[str] | None = None  # _self_naming, computed once (the next turn asks too)
    asks_for_a_name: bool | None = None  # _asks_for_a_name, computed once
    walk_on: str | None = None  # _walk_on, computed once ("" for no one: discovery and attribution both ask)
    evidence: list[_Evidence] = field(default_factory=list)
    bridged: bool = False  # a short narration paragraph stands between this turn and the last
    bridge_names: frozenset[str] = frozenset()  # whom that paragraph names (or means by he or she)
    bridge_arrival: bool = False  # that paragraph brings someone in ("The door opened and [...] came in")
    new_voice: bool = False  # its tag says a voice, not who: "said a cold voice behind them"
    staged: frozenset[str] = frozenset()  # whom it names as a sentence's subject: see _STAGED
    quote_speakers: list[tuple[str, float, str]] | None = None  # per quote, when one paragraph has two speakers
    addressed: Gender | None = None  # "Yes, sir.": the speech is said to a man
    answering: Gender | None = None  # the line before was said to a man ("Yes, sir."): likely a man speaks
    married_to: Gender | None = None  # "my wife": the speaker is a man
    words: Counter[str] | None = None  # what the speech says, for idiolect.Idiolects.likeness
    address_forms: tuple[str, ...] = ()  # "sir", "papa": how the speech addresses someone (_ADDRESS_FORMS)
    told: frozenset[str] = frozenset()  # whom a tag says the speech is said to ("said Jane to her aunt")
    told_after: frozenset[str] = frozenset()  # ... the tag after a quote ("she said to the crow"): not its speaker
    calls_later: bool = False  # its first call turns to someone after a sentence: see _calls_after_a_sentence
    brings: str | None = None  # someone the clues need whom nobody in mind fits: see _brought_in
    goes_on_as: Gender | None = None  # a long narration after the last quote opens on "He"/"She": see _turns
    read_by_narrator: frozenset[int] = frozenset()  # its quotes the narrator reads: see _is_read_by_narrator
    gone: frozenset[str] = frozenset()  # whom the paragraph before, or an earlier line's own beat, has leave,
    # or a later line's narration brings in ("Okafor slips in": she had no line before it)


@dataclass
class _Paragraph:
    start: int
    end: int
    scene: int
    is_break: bool = False
    quotes: list[Quote] = field(default_factory=list)
    indented: bool = False


_MARRIED_OR_NOT = {"miss": "mrs", "mrs": "miss"}


_NAME_ADJECTIVE_KEYS = frozenset(a.lower() for a in NAME_ADJECTIVES)


def _titled(description: str) -> str:
    """A description as a character's name: ``the ship's computer`` is The Ship's Computer (not
    str.title()'s "Ship'S")."""
    return _POSSESSIVE_S.sub(lambda m: m.group(0).lower(), description.title())


_POSSESSIVE_S = re.compile(r"(?<=\w)['\u2019]S\b")


class _Names:
    """Which capitalised words are names, and which character each name belongs to.

    Resolution tries the exact alias, then the honorific's gender with the surname
    (``Miss Quested`` -> Adela Quested), then a lone first name or surname; when a
    name fits several characters the one mentioned most recently wins.
    """

    def __init__(self, text: str, cast: Cast | None) -> None:
        self._lower = Counter(_LOWER_WORD.findall(text))
        self._cap = Counter(_CAP_WORD.findall(text))
        # In a novel-length text every name turns up inside a sentence ("said Tony") sooner
        # or later; a word seen only at sentence starts is an adverb or a participle.
        mid_cap = Counter(_MID_CAP_WORD.findall(text))
        self._words = sum(self._lower.values())
        self._mid_cap: Counter[str] | None = mid_cap if self._words >= _LONG_TEXT_WORDS else None
        self._seen_mid_sentence = mid_cap  # in any text, for named_once
        self.alias_to_names: dict[str, list[str]] = {}
        self.forms: dict[str, str] = {}  # folded alias -> as written
        self.gender: dict[str, Gender] = {}
        self._by_word: dict[str, list[str]] = defaultdict(list)
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        self._by_title: dict[str, list[str]] = defaultdict(list)  # "major" -> Major Callendar
        self._plain_word: dict[str, list[str]] = defaultdict(list)  # words used without a title
        self._surnames: dict[str, list[str]] = defaultdict(list)  # character -> last words of its names
        # a written name -> whom it may mean (see resolve); add_character, _fold_bare_surnames and
        # learn_genders, the only writers of what it is read from, clear it
        self._meant: dict[str, list[str]] = {}
        self.first_person: str | None = None
        self.idiolects = Idiolects({}, {})  # how each character talks, once learnt
        self.kin_address: dict[str, str] = {}  # "papa" -> Mr. Woodhouse, once learnt
        self.kin_user: dict[str, str] = {}  # "papa" -> Emma: the one the decoded lines show saying it
        self.roles: dict[str, str] = {}  # "detective" -> The Detective: a role the casting file lists
        self.described: set[str] = set()  # found characters the story only describes: The Old Man
        self.brought_in: set[str] = set()  # ... or that a description brought in as someone new: The Young Man
        self._children_for: dict[str, set[str]] | None = None  # see children_calling
        self.unnamed: dict[str, str] = {}  # gender -> the speaker of it a story never names: The Girl
        self.closed = cast is not None and bool(cast.characters)
        self.family_named = False  # whether a character is called by a family word ("Gran"): see family_called
        self._placeholders = {e.name for e in cast.characters  # entries with no name but their own
                              if all(name_key(a) == name_key(e.name) for a in e.aliases)} if cast else set()
        if cast is not None:
            for entry in cast.characters:
                self.add_character(entry.name, (entry.name, *entry.aliases), entry.gender)
                if entry.first_person:
                    self.first_person = entry.name
            self._fold_bare_surnames(cast)
            self._index_roles()

    def _index_roles(self) -> None:
        """Roles the casting file lists one character by (``The Detective``), so that "the
        detective nodded" in narration brings that character to mind as a name would.
        (Found characters are left out: "said the old man" need not be every old man.)"""
        for key, owners in self.alias_to_names.items():
            role = key.split()
            if len(owners) == 1 and len(role) in (2, 3) and role[0] == "the":
                self.roles[" ".join(role[1:])] = owners[0]

    def _fold_bare_surnames(self, cast: Cast) -> None:
        """Read a bare-name entry as the one man listed as ``Mr. <surname>``, or the only
        character (with a known gender) who bears that name.

        Casting files built from annotations (or by hand) often list both
        ``Bounderby`` (no gender, no aliases) and ``Josiah Bounderby`` (aka
        ``Mr. Bounderby``); a bare surname in a tag is the man by period convention,
        so ``said Bounderby`` should not go to a stub no one else points at.
        """
        for entry in cast.characters:
            key = name_key(entry.name)
            if entry.gender != "unknown" or " " in key or any(name_key(a) != key for a in entry.aliases):
                continue
            misters = [c for c in self.alias_to_names.get(f"mr {key}", []) if c != entry.name]
            bearers = [c for c in self._by_word.get(key, []) if c != entry.name and self.gender.get(c) != "unknown"]
            if len(misters) == 1:
                self.alias_to_names[key] = misters
            elif len(bearers) == 1:  # "Small", when Jonathan Small is the only one so called
                self.alias_to_names[key] = bearers
        self._meant.clear()

    def add_character(self, name: str, aliases: Iterable[str], gender: Gender) -> None:
        self._meant.clear()
        self._children_for = None
        self.gender[name] = gender
        for alias in aliases:
            key = name_key(alias)
            if not key:
                continue
            owners = self.alias_to_names.setdefault(key, [])
            if name not in owners:
                owners.append(name)
            self.forms.setdefault(key, alias)
            self.family_named |= key in FAMILY_RELATION
            # only real name words index a character: not "the" of "The Gentleman"
            raw = alias.replace(".", " ").split()
            if len(raw) > 2 and raw[0].lower() == "mrs":
                raw = [raw[0], *raw[2:]]  # "Mrs. John Dashwood": John is her husband's name
            described = raw[0].lower() in _DESCRIBING_WORDS  # "A Little Black Man": "the man" is not he
            words = [w.lower() for w in raw
                     if w[:1].isupper() and w.lower() not in HONORIFICS and w.lower() not in NOT_NAMES
                     and (not described or self.is_name_word(w))]
            if len(words) > 1 and raw[0].rstrip(".").lower() not in HONORIFICS \
                    and not any(self.is_name_word(w.capitalize()) for w in words):
                words = []  # "Married Couple", "Reception Clerk": a "Married?" is no name for them
            for w in words:
                if name not in self._by_word[w]:
                    self._by_word[w].append(name)
                if raw[0].rstrip(".").lower() not in HONORIFICS and name not in self._plain_word[w]:
                    self._plain_word[w].append(name)
            if words and len(key.split()) > 1:
                if name not in self._by_surname[words[-1]]:
                    self._by_surname[words[-1]].append(name)
                if words[-1] not in self._surnames[name]:
                    self._surnames[name].append(words[-1])
                title = raw[0].rstrip(".").lower()
                title = TITLE_SPELLINGS.get(title, title)
                if title in HONORIFICS and name not in self._by_title[title]:
                    self._by_title[title].append(name)

    def add_described(self, description: str, gender: Gender, also: str | None = None) -> str:
        """A character the story only describes (``the old man``), as The Old Man; ``also``:
        another description of theirs (``the tall one``, of The Tall Guard)."""
        name = _titled(description)
        self.add_character(name, [description, *([also] if also else [])], gender)
        self.described.add(name)
        return name

    def learn_genders(self, learned: dict[str, Gender]) -> None:
        """Genders the speeches taught (``_genders_from_speech``): a name's meaning may change."""
        self._meant.clear()
        self.gender.update(learned)

    @property
    def alias_to_name(self) -> dict[str, str]:
        return {k: v[0] for k, v in self.alias_to_names.items()}

    def named_once(self, word: str) -> bool:
        """In a story too short for the novel's test (``is_name_word``) but long enough that a
        character who speaks is named more than once: a word capitalised once, at a sentence's
        start, is no name ("Belief in ghosts ran in his blood", "Ignorant of the force of this
        question, she replied"). A snippet of a few lines may name its people once."""
        return self._mid_cap is None and self._words >= _STORY_WORDS and word.isalpha() \
            and not self._seen_mid_sentence.get(word) and self._cap.get(word, 0) < 2

    @property
    def words_in_lower_case(self) -> int:
        """How many words the text writes in lower case: most of its length in words."""
        return self._words

    def capitalised(self, word: str) -> int:
        """How often the text writes ``word`` capitalised."""
        return self._cap.get(word, 0)

    def is_name_word(self, word: str, *, tagged: bool = False) -> bool:
        """Whether a capitalised word may be (part of) a name. ``tagged``: it is the subject of a
        speech tag ("said Will", "Will said"), where a capital makes a name even of a word the
        text mostly writes in lower case (will, small, grace, hope) or in capitals (ARIA)."""
        low = word.lower()
        if low in NOT_NAMES or not word[:1].isupper() or _CONTRACTION.search(word):
            return False
        if "-" in word and not all(part[:1].isupper() for part in word.split("-")[1:] if part):
            return self.is_name_word(word.split("-")[0])  # "Rose-leaves fall", "Good-bye": not "Johnny-boy"
        if tagged:
            return True  # also "said ARIA": a ship's computer, an AI
        if low in UNTAGGED_NON_NAMES:
            return False  # "British officialism remained", "Third floor, Friday, midnight": no one's name
        if word.isupper() and len(word) > 1:
            return False
        if word.endswith(("ing", "ly")) and len(word) > 5 and not self._seen_mid_sentence.get(word) \
                and not is_given_name(word):
            return False  # "Involving Harry, a broomstick, and [...]", "Evidently Mrs. Honeychurch had": a
            # participle or an adverb opening a sentence
        if self._mid_cap is not None and word.isalpha() and not self._mid_cap.get(word):
            return False  # only ever capitalised for starting a sentence: "Periodically", "Replying"
        lower, capitalised = self._lower.get(low, 0), self._cap.get(word, 0)
        return lower <= 0.25 * max(1, capitalised) or (  # ("split the bill" once, "when Bill came in" twice:
            lower <= capitalised and is_common_given_name(word) and self._seen_mid_sentence.get(word, 0) > 0)  # Bill)

    def written_in_lower_case(self, word: str) -> bool:
        """Whether the text also writes ``word`` in lower case (grace, hope, may), as a word."""
        return self._lower.get(word.lower(), 0) > 0

    def resolve(self, name: str, recent: Sequence[str] = ()) -> str | None:
        """The character a written name refers to, if any: of several it may mean, the one most
        recently in mind. (Whom a name may mean is kept until a character or a gender is added:
        a novel asks about the same few names a hundred thousand times.)"""
        meant = self._meant.get(name)
        if meant is None:
            meant = self._meant[name] = self._may_mean(name)
        return self._pick(meant, recent) if meant else None

    def _may_mean(self, name: str) -> list[str]:
        """The characters a written name may refer to, in the order ``_pick`` prefers them."""
        key = name_key(name)
        if key.startswith("the ") and key.count(" ") > 1 and key.split()[1] in HONORIFICS:
            key = key[4:]  # "the Reverend Wyndham Datchet": the name after the article
        if not key:
            return []
        exact = self.alias_to_names.get(key)
        if not exact and key.split()[0] in _NAME_ADJECTIVE_KEYS and " " in key:
            return self._may_mean(key.split(None, 1)[1])  # "Old Tobin" of a Tobin
        if exact:
            named = [c for c in exact if name_key(c) == key]  # a character called exactly this
            if named:
                return self._placeholder_for(named[0], key) + named[:1]
            # "John", listed for John Beaver, is also John Andrew's first name: whichever is in mind
            sharing = [c for c in self._plain_word.get(key, ()) if c not in exact and name_key(c).split()[0] == key]
            return exact + sharing
        title = title_role(key)
        if title in _GENERIC_TITLES:
            return []  # "said the lady" is any woman in the scene, not the one Lady Lucas about
        if title is not None:
            return self._holders(title)  # "the Major": the one Major about
        parts = key.split()
        if len(parts) == 2 and parts[0] == "the" and parts[1] in _PARISH_CLERGY \
                and len(reverends := self._holders("reverend")) == 1:
            return reverends  # "the vicar called" of the one Reverend Pell
        honorific = parts[0] if parts[0] in HONORIFICS and len(parts) > 1 else None
        words = parts[1:] if honorific else parts
        want = HONORIFIC_GENDER.get(honorific or "")
        if honorific or len(words) > 1:
            found = [c for c in self._by_surname.get(words[-1], []) if _compatible(want, self.gender.get(c, "unknown"))]
            if len(words) > 1:
                found = [c for c in found if words[0] in self._by_word] or found
        else:  # "Denham replied": Ralph Denham, whom the book calls Denham, not Mrs. Denham
            found = self._plain_word.get(words[0]) or self._by_word.get(words[0], [])
            if words[0] not in self._plain_word:  # only ever titled: a bare surname is the man's
                found = [c for c in found if self.gender.get(c) == "male"] or found
        found = [c for c in found if _compatible(want, self.gender.get(c, "unknown"))]
        if honorific in _MARRIED_OR_NOT:  # "Miss Welland" is not Mrs. Welland, her mother
            other = self._by_title.get(_MARRIED_OR_NOT[honorific], [])
            found = [c for c in found if c not in other or c in self._by_title.get(honorific, [])]
        return found

    def _placeholder_for(self, listed: str, key: str) -> list[str]:
        """Whom a casting-file entry called only ``Mr. Crawford`` or ``Miss Bertram`` may stand
        for: the listed men (unmarried women) of that surname with no other title (Henry
        Crawford; Maria and Julia Bertram), any of whom the story calls so. Annotators list such
        placeholders when they cannot tell who is meant; whichever is in mind is, else the one
        with a fuller name. (Not ``Mrs. Norris``: no daughter is a Mrs.)"""
        if listed not in self._placeholders:  # (asked at every exact name: the cheap test first)
            return []
        parts = key.split()
        if len(parts) != 2 or parts[0] not in ("mr", "miss"):
            return []
        want = HONORIFIC_GENDER[parts[0]]
        titled = {c for title, holders in self._by_title.items() if title != parts[0] for c in holders}
        return [c for c in self._by_surname.get(parts[1], [])
                if c != listed and c not in titled and self.gender.get(c) == want]

    def resolve_name_after_adjectives(self, tail: list[str], recent: Sequence[str] = ()) -> str | None:
        """The character ``the bewildered Colonel`` or ``the more candid Lady Bertram`` means:
        the name after the adjectives, or a lone title read as a role (``the Colonel``)."""
        return self.resolve(" ".join(tail), recent) or (
            self.resolve("the " + tail[0], recent) if len(tail) == 1 else None)

    def family_called(self, word: str) -> str | None:
        """The one character the family calls by a word for the elder ``word`` means (``Gran`` for
        "their grandmother", ``Mum`` for "my mother"), if there is one."""
        found = {c for w in FAMILY_WORDS.get(FAMILY_RELATION.get(word, ""), ()) for c in self.alias_to_names.get(w, ())}
        return found.pop() if len(found) == 1 else None

    def children_calling(self, forms: Iterable[str]) -> set[str]:
        """Whose elder each family word in ``forms`` calls, where a character is known only as
        someone's (``"It's got plenty of pepper, Mama."`` to Chidi's Mother: Chidi speaks)."""
        if self._children_for is None:
            self._children_for = {}
            for name in self.gender:
                kin = OWNED_PERSON.fullmatch(name)
                if kin and kin.group(2) in FAMILY_WORDS and (child := self.resolve(kin.group(1))) is not None:
                    self._children_for.setdefault(kin.group(2), set()).add(child)
        return {child for form in forms for child in self._children_for.get(FAMILY_RELATION.get(form, ""), ())}

    def relative(self, owner: str | None, relation: str, recent: Sequence[str] = ()) -> str | None:
        """``his wife`` / ``her father`` / ``his sister``, when the family shares the owner's
        surname: ``his wife`` of Mr. Palmer is Mrs. Palmer."""
        if owner is None:
            return None
        married = owner in self._by_title["mrs"]
        if (relation in ("husband", "son", "daughter") and owner in self._by_title["miss"] and not married) or (
                relation in ("father", "mother") and married):
            return None  # Miss Woodhouse has no husband; Mrs. Bounderby's father is no Bounderby
        gender = SUBJECT_PRONOUNS.get(DESCRIPTOR_GENDER.get(relation, ""), None)
        title = KIN_BY_TITLE.get(relation)
        for surname in self._surnames.get(owner, ()):
            if title:  # the one of that surname the story calls Mrs. (or Lady) so-and-so
                titled = {c for t in _KIN_TITLE_EQUIVALENTS[title] for c in self._by_title.get(t, [])}
                kin = [c for c in self._by_surname.get(surname, []) if c in titled and c != owner]
                if kin:
                    return self._pick(kin, recent)
            elif relation in KIN_SHARING_SURNAME:
                wives = self.alias_to_names.get(f"mrs {surname}", [])
                if relation in ("sister", "brother") and owner in wives:
                    continue  # Mrs. Bounderby's brother is no Bounderby (the one is her husband)
                kin = [c for c in self._by_surname.get(surname, [])
                       if c != owner and self.gender.get(c) == gender]
                if len(kin) == 1 and not (relation in ("sister", "daughter") and kin[0] in wives):
                    return kin[0]  # (nor is his sister Mrs. Herriton, his mother)
        return None

    def unmarried(self, who: str) -> bool:
        """Whether the story calls ``who`` Miss and never Mrs. or Lady (so no "my husband" is hers)."""
        return who in self._by_title.get("miss", ()) and who not in self._by_title.get("mrs", ()) \
            and who not in self._by_title.get("lady", ())

    def titled(self, title: str, recent: Sequence[str]) -> str | None:
        """The holder of ``title`` in mind: the only one, or the last named of several."""
        holders = self._holders(title)
        return self._pick(holders, recent) if holders else None

    def _holders(self, title: str) -> list[str]:
        return self._by_title.get(TITLE_SPELLINGS.get(title, title), [])

    def _pick(self, candidates: list[str], recent: Sequence[str]) -> str:
        if len(candidates) > 1:
            for who in reversed(recent):
                if who in candidates:
                    return who
        return candidates[0]


_DESCRIBING_WORDS = frozenset(["a", "an", "the", "one"])
_PARISH_CLERGY = frozenset("vicar rector parson curate clergyman minister chaplain".split())  # a Reverend
_KIN_TITLE_EQUIVALENTS = {"mrs": ("mrs", "lady"), "mr": ("mr", "sir", "lord")}  # Lady Bertram is Tom's mother


def _compatible(a: Gender | None, b: Gender) -> bool:
    """Whether two genders may be one person's: either unknown, or the same."""
    return a in (None, "unknown") or b == "unknown" or a == b


def parse_story(story: Story, *, cast: Cast | None = None) -> Script:
    """Parse a loaded story into a :class:`Script` (pure: no I/O, no printing)."""
    trims = [Trimmed(source.text) for source in story.sources]
    if not any(trim.changed for trim in trims):
        return _parse_trimmed(story, cast)
    # Spaces no rule should see are taken out, the story parsed, and the script's offsets
    # mapped back to the text as written (layout.py).
    return written_script(_parse_trimmed(trimmed_story(story, trims), cast), story, trims)


def _parse_trimmed(story: Story, cast: Cast | None) -> Script:
    styles = [_style_for(source.text) for source in story.sources]
    written = story  # the segments keep the text as written; everything else reads it mended
    story = replace(story, sources=tuple(replace(source, text=mended(source.text)) for source in story.sources))
    chapters_paragraphs = [
        _paragraphs(story.sources[ch.source].text, ch.start, ch.end, styles[ch.source]) for ch in story.chapters
    ]
    whole = "\n".join(s.text for s in story.sources)
    names = _Names(whole, cast)

    chapters_turns: list[list[_Turn]] = []
    for ch, paras in zip(story.chapters, chapters_paragraphs, strict=True):
        chapters_turns.append(_turns(story.sources[ch.source].text, paras))

    narration = _narration_text(story, chapters_paragraphs)
    told_as_you = _told_as_you(narration, names.words_in_lower_case)
    if not names.closed:
        says_i = _first_person_mentions(narration, names.words_in_lower_case)
        _discover_characters(story, chapters_turns, chapters_paragraphs, names, whole, narration,
                             told_as_i=says_i >= _MAY_BE_TOLD_AS_I)
        if says_i >= _TOLD_AS_I:
            names.first_person = _narrator_named(story, chapters_turns, narration, names) or NARRATOR
    _read_you_tags(story, chapters_turns, names, told_as_you)
    _learn_from_tags([story.sources[ch.source].text for ch in story.chapters], chapters_turns, names)
    conversations: list[list[_Turn]] = []
    for ch, paras, turns in zip(story.chapters, chapters_paragraphs, chapters_turns, strict=True):
        conversations += _attribute_chapter(story.sources[ch.source].text, paras, turns, names)
    if _learn_kin_users(chapters_turns, names):  # decode again where a "papa" now says who speaks
        for conversation in conversations:
            if any(_kin_forms(turn) & names.kin_user.keys() for turn in conversation):
                _decode_conversation(conversation, names)
    learned = _genders_from_speech(chapters_turns, names)
    if learned:  # decode again the conversations where a character with a new gender was in mind
        names.learn_genders(learned)
        for conversation in conversations:
            if any(turn.speaker in learned or learned.keys() & set(turn.recent) for turn in conversation):
                _decode_conversation(conversation, names)

    _learn_from_decoded(conversations, names)
    told_in_turns = _lines_to_pov_tellers(story, chapters_paragraphs, chapters_turns, names)

    chapters: list[Chapter] = []
    line_counts: Counter[str] = Counter()
    for ch, paras, turns in zip(story.chapters, chapters_paragraphs, chapters_turns, strict=True):
        text = written.sources[ch.source].text
        segments = _mark_thoughts(_segments(text, ch.start, ch.end, paras, turns), text, names)
        for turn in turns:
            voiced = [k for k in range(len(turn.quotes)) if k not in turn.read_by_narrator]
            speakers = {turn.quote_speakers[k][0] for k in voiced} if turn.quote_speakers else \
                {turn.speaker} if voiced else set()
            line_counts.update(who for who in speakers if who)
        chapters.append(Chapter(ch.title, tuple(segments), story.sources[ch.source].path, ch.start, ch.end,
                                front_matter=ch.front_matter))
    script = Script(story.title, tuple(chapters), _characters(names, line_counts, cast), story.author)
    if not names.closed and names.first_person not in (None, NARRATOR) and not told_in_turns:
        script = _narrator_by_role(script, names.first_person)
    return script


# "BPOV", "Edward's POV", "~*~ POV: Alice ~*~": fan fiction told by one "I" after another says
# whose "I" each part is in a heading of its own
_POV_WORDS = r"(?:POV|P\.O\.V\.?|[Pp]oint [Oo]f [Vv]iew|[Pp]erspective)"
_POV_NAME = rf"(?:(?:Mr|Mrs|Ms|Dr|Miss)\.? )?[{UPPER}][\w\-]+(?: [{UPPER}][\w\-]+)?"
_POV_HEADING = re.compile(rf"[\W_]*(?:(?P<name>{_POV_NAME})(?:['\u2019]s)?\s*{_POV_WORDS}"
                          rf"|{_POV_WORDS}\s*[:\-\u2013\u2014]?\s*(?P<after>{_POV_NAME})"
                          rf"|(?P<initial>[{UPPER}])\.?\s?POV)[\W_]*"
                          # "~Draco~", "*** Hermione ***": a name alone between ornaments, if a character's
                          # (not one "*" or "_": "*Harry*" alone may be a name called in italics)
                          rf"|(?P<ornament>[~=#]+|[*_\-]{{2,}})\s*(?P<alone>{_POV_NAME})\s*(?P=ornament)")


def _lines_to_pov_tellers(story: Story, chapters_paragraphs: list[list[_Paragraph]],
                          chapters_turns: list[list[_Turn]], names: _Names) -> bool:
    """In a story told in the first person whose parts are headed by whose point of view they
    are told from, the narrator's lines in each part are that teller's (Bella's "I'm not
    staring," I said, then Edward's). Whether any part was so headed (a heading of no one
    known, or a lone initial that fits no one or several, leaves its part to the narrator)."""
    if names.first_person is None:
        return False
    headed = False
    for ch, paras, turns in zip(story.chapters, chapters_paragraphs, chapters_turns, strict=True):
        text = story.sources[ch.source].text
        by_paragraph = {turn.paragraph: turn for turn in turns}
        teller: str | None = None
        for index, para in enumerate(paras):
            turn = by_paragraph.get(index)
            if turn is None:
                if para.end - para.start < 60 and (heading := _POV_HEADING.fullmatch(text, para.start, para.end)):
                    found = _pov_teller(heading, names)
                    if found is not None or heading.group("alone") is None:  # ("*Bang*" is no heading)
                        teller, headed = found, True
                continue
            if teller is None:
                continue
            if turn.speaker == names.first_person:
                turn.speaker = teller
            if turn.quote_speakers:
                turn.quote_speakers = [(teller if who == names.first_person else who, confidence, reason)
                                       for who, confidence, reason in turn.quote_speakers]
    return headed


def _pov_teller(heading: re.Match[str], names: _Names) -> str | None:
    """The character a point-of-view heading names: one found, one it adds, or for a lone
    initial ("EPOV") the one character whose name starts with it."""
    if initial := heading.group("initial"):
        fitting = {who for who in names.gender if who[:1] == initial and who not in names.described}
        return fitting.pop() if len(fitting) == 1 else None
    if alone := heading.group("alone"):
        return names.resolve(alone)  # (a name alone adds no one: "*Bang*" is no heading)
    written = heading.group("name") or heading.group("after")
    if written.split()[0].lower() in NOT_NAMES:
        return None  # "The Point of View"
    if who := names.resolve(written):
        return who
    if names.closed:
        return None
    names.add_character(written, [written], "unknown")
    return written


def _narrator_by_role(script: Script, named: str) -> Script:
    """Found without a casting file, the "I" of a story is called Narrator, whatever the others
    call them (kept as an alias): that is the one label every reader of the script knows means
    the storyteller, who speaks in the narrator's voice, while "Jake" may be "Jake Barnes" or
    "Mr. Barnes" to a casting file made by hand."""
    chapters = tuple(replace(ch, segments=tuple(replace(seg, speaker=NARRATOR) if seg.speaker == named else seg
                                               for seg in ch.segments)) for ch in script.chapters)
    characters = tuple(replace(c, name=NARRATOR, aliases=tuple(sorted({named, *c.aliases}))) if c.name == named
                       else c for c in script.characters)
    return replace(script, chapters=chapters, characters=characters)


_ITALIC_RUN = opening_on(r"([_*])(?<![\w*].)(?=\S)([^_*\n]+?)(?<=\S)\1(?![\w*])",
                         plain=r"(?<![\w*])([_*])(?=\S)([^_*\n]+?)(?<=\S)\1(?![\w*])")
_THINKER = starting_with(UPPER, rf"\b([{UPPER}][\w'\-]+(?: [{UPPER}][\w'\-]+)?) (?:thought|wondered|mused|reflected)\b")


def _mark_thoughts(segments: list[Segment], text: str, names: _Names) -> list[Segment]:
    """Split italic runs of two words or more out of narration as ``thought`` segments.

    One italic word is emphasis; an italic clause is usually a thought (or a sign, a
    letter). The thinker is the character named with "thought" in the same paragraph.
    """
    out: list[Segment] = []
    for seg in segments:
        runs = [m for m in _ITALIC_RUN.finditer(seg.text) if len(m.group(2).split()) >= 2]
        if seg.kind != "narration" or not runs:
            out.append(seg)
            continue
        thinker = _THINKER.search(seg.text)
        who = names.resolve(thinker.group(1)) if thinker else None
        pos = 0
        for m in runs:
            if m.start() > pos:
                out.append(_stretch(seg, seg.start + pos, seg.start + m.start(), text))
            out.append(replace(_stretch(seg, seg.start + m.start(), seg.start + m.end(), text), thought=True,
                               speaker=who))
            pos = m.end()
        if pos < len(seg.text):
            out.append(_stretch(seg, seg.start + pos, seg.end, text))
    return out


def _style_for(text: str) -> QuoteStyle:
    starts = [p.lstrip()[:40] for p in text.split("\n\n") if p.strip()]
    return detect_style(starts)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # (a no-break space is a space by then: see parse_story)


def _paragraphs(text: str, start: int, end: int, style: QuoteStyle) -> list[_Paragraph]:
    """Paragraphs of a chapter body: in hard-wrapped text, blank-line separated, and also
    starting at each indented line when paragraphs are marked by indents (one line in ten or
    more; with no blank lines at all, one in fifty: long paragraphs of twenty lines indent
    few); in text with long lines (or no blank lines and no indents), one per line. A
    paragraph indented further than the body's usual indent is set off (verse, a letter) and
    holds no dialogue."""
    body = text[start:end]
    lines = [line for line in body.split("\n") if line.strip()]
    wrapped = sorted(len(line) for line in lines)[int(0.9 * len(lines))] <= 100 if lines else False
    indented_lines = sum(1 for line in lines if line[:1] in " \t")
    few_lines = body.strip().count("\n") < 2
    blank_lines = _BLANK_LINE.search(body.strip()) is not None
    if wrapped and indented_lines < len(lines) and not few_lines and (
            indented_lines >= 0.1 * len(lines) or (not blank_lines and indented_lines >= max(2, 0.02 * len(lines)))):
        splitter = re.compile(rf"\n(?=[ \t]+\S)|{_BLANK_LINE.pattern}\s*")  # paragraphs start indented; others wrap
    elif (blank_lines and wrapped) or few_lines:  # (a blank line may hold spaces, as pasted text's do)
        splitter = re.compile(rf"{_BLANK_LINE.pattern}\s*")
    else:
        splitter = re.compile(r"\n\s*")
    paras: list[_Paragraph] = []
    indents: list[int] = []
    scene = 0
    pos = start
    for m in [*splitter.finditer(text, start, end), None]:
        p_end = m.start() if m else end
        s, e = pos, p_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            chunk = text[s:e]
            if is_scene_break(chunk):  # "*        *        *", "o0o0o"
                scene += 1
                paras.append(_Paragraph(s, e, scene, is_break=True))
            else:
                quotes = [Quote(q.start + s, q.end + s, q.closed) for q in find_quotes(chunk, style)]
                paras.append(_Paragraph(s, e, scene, quotes=quotes))
            indents.append(s - (text.rfind("\n", 0, s) + 1))
        if m is None:
            break
        pos = m.end()
    usual = Counter(indents).most_common(1)[0][0] if indents else 0  # 0, or 4 where every paragraph is indented
    return [replace(p, indented=True) if not p.is_break and indent >= usual + 3 else p
            for p, indent in zip(paras, indents, strict=True)]


_SPEECH_CONTEXT_CHARS = 400  # narration either side of a quote that _is_speech reads
_DESCRIBED_SOUND = re.compile(r"\b(?:a|an)\s+\w+$", re.IGNORECASE)  # 'an indifferent "No."'


def _said(text: str, q: Quote) -> str:
    """A quote's words, without its marks."""
    return text[q.start + 1 : q.end - (1 if q.closed else 0)].strip()


def _stop_before_close(text: str, end: int) -> str:
    """The mark a closed quote ending at ``end`` ends its words on, just inside its closing mark
    (``"...," she wrote``: a comma; ``"...Corner." Mr. Beebe bowed.``: a full stop)."""
    return text[end - 2 : end - 1]


def _named(subject: str) -> bool:
    """Whether a tag's or a beat's subject is someone named or described, not a he, she or I."""
    return subject not in SUBJECT_PRONOUNS and subject != "I"


def _narration_at(text: str, para: _Paragraph, q: Quote) -> tuple[str, str]:
    """The narration of the paragraph right before and right after a quote, which tells whether
    it is speech, and whose: a window, which keeps a paragraph of thousands of quotes (a whole
    book with no paragraph breaks) linear."""
    return (text[max(para.start, q.start - _SPEECH_CONTEXT_CHARS) : q.start].rstrip(),
            text[q.end : min(para.end, q.end + _SPEECH_CONTEXT_CHARS)].lstrip())


def _is_speech(text: str, para: _Paragraph, q: Quote, prev_unclosed: bool, in_talk: bool) -> bool:
    """Whether a quote is speech, not a scare quote or a title. ``in_talk``: a paragraph next to
    this one has quotes too."""
    inner = _said(text, q)
    if not inner or para.indented:
        return False
    if q.start == para.start or prev_unclosed:
        return True
    words = inner.split()
    called_out = _called_out(inner)
    before, after = _narration_at(text, para, q)
    last_word = before.rsplit(None, 1)[-1].lower() if before else ""
    if last_word in NOUN_DETERMINERS or last_word in QUOTED_PHRASE_NOUNS:
        return False  # the "I am not perfect, but" that got on her nerves; the word "love": a phrase
    if _is_mention(before, inner, after):
        return False
    if before[-1:].isalnum() and _is_title(words) and not _tagged(before, after, called_out):
        return False  # 'the overture to "The Poet and the Peasant."', 'reading "Isabella and the Pot of Basil,"'
    if len(para.quotes) == 1 and len(before) >= _REPORTED_LEAD_CHARS and (not in_talk or inner[:1].islower()) \
            and _is_reported(inner) and not _tagged(before, after, called_out):
        return False  # '[...] Mr. Weston began to move.-- "He must be going. He had business at the Crown"'
    if len(words) >= 5 or _tagged(before, after, called_out):  # (the long ones first: most quotes are)
        return True
    mid_sentence = bool(before) and (before[-1].isalnum() or before[-1] in "-\u2014") and \
        not before.endswith(("said", "says", "say", "cried", "asked", "replied"))
    if not mid_sentence:  # after a full stop, "Look." is said; a bare "Monopoly" is named
        return not _is_title_case(words) or inner[-1:] in ".!?"
    ends = inner.rstrip("\"'\u201d\u2019")[-1:]
    if ends in ".!?" and _DESCRIBED_SOUND.search(before):
        return True  # 'returned an indifferent "No."', 'uttered a rapid "I know."': an utterance described
    return ends in "!?" and (not _is_title_case(words) or len(words) == 1)  # "Silence!" is called out


def _is_unspoken(text: str, para: _Paragraph, k: int, previous: _Paragraph | None) -> bool:
    """Whether the paragraph's quote ``k`` is one its lead-in says is written, read, looked or
    held back, not said: the narrator reads it.

    The lead-in is the narration since the paragraph's quote before, or, for a quote that opens
    its paragraph, the narration paragraph before (``It was as follows:``)."""
    q = para.quotes[k]
    if q.closed and _stop_before_close(text, q.end) == "," and tagged_unspoken(text[q.end : min(para.end, q.end + 60)]):
        return True
    lead = text[para.quotes[k - 1].end if k else para.start : q.start]
    if k and tagged_unspoken(lead):
        return True  # '"Remember," she wrote, "the mill is sold."': the rest of what she wrote
    if not lead.strip() and q.start == para.start and previous is not None and not previous.quotes:
        lead = text[previous.start : previous.end]
    return leads_to_unspoken(lead)


def _tagged(before: str, after: str, called_out: bool) -> bool:
    """Whether the narration right at a quote tags it: ``she said, "..."``, ``cried Tom "..."``
    or ``"...," said Tom``; ``called_out``: see ``ends_in_speech_verb``."""
    return (before.endswith((":", ",", "-", "\u2014")) and has_speech_verb(before[-60:])) \
        or ends_in_speech_verb(before, called_out=called_out) or tag_after(after) is not None


def _called_out(inner: str) -> bool:
    """Whether a quote's words end on "!" or "?" (its closing mark, if given, is passed over):
    called out, not named."""
    return inner.rstrip(" \n\"'\u201d\u2019")[-1:] in ("!", "?")


def _is_mention(before: str, inner: str, after: str) -> bool:
    """``doubted whether "everything ranged coldly on shelves" could be improved``: a quote the
    sentence runs through, with no stop or comma at its end and no tag after it, is named, not spoken."""
    if not after[:1].islower() or inner[-1:] in ",.!?;:\u2014-" or not before[-1:].isalpha():
        return False
    return before.rsplit(None, 1)[-1].lower() not in SPEECH_VERBS and tag_after(after) is None


# Reported speech is a long quote after a paragraph's worth of narration: a beat's short line
# (``Ada smiled at him. "And her eyes were perfect."``) is said.
_REPORTED_LEAD_CHARS = 100
_REPORTED_MIN_WORDS = 12
_TOLD_LEAD_CHARS = 180
# A speech that is all one quotation inside it (its inner marks open it and close it after a stop,
# a comma or a dash), and does not open on an elision ("'Tis", "'Em") nor end on one ("nothin'"),
# is someone else's words read out, recited or repeated
# (its only marks at a word's edge: not "'Go,' he said, and I said 'No.'"; "don't" is no edge)
_QUOTED_WHOLE = re.compile("[\"'\u201c\u2018].*[,.!?;:\u2014-][\"'\u201d\u2019][,.!?\u2014-]*$", re.DOTALL)
_MARK_AT_WORD_EDGE = re.compile(r"(?<!\w)[\"'\u201c\u201d\u2018\u2019]|[\"'\u201c\u201d\u2018\u2019](?!\w)")
_ELISION = re.compile(rf"(?:{'|'.join(sorted(ELISIONS, key=len, reverse=True))})\b", re.IGNORECASE)  # 'Tis, 'em


def _is_read_by_narrator(text: str, para: _Paragraph, k: int) -> bool:
    """Whether a speech (the paragraph's quote ``k``) is one the narrator reads: words quoted
    whole (see _QUOTED_WHOLE), or a speech told in the narrator's words, after a long narration
    of its paragraph (since the quote before, if any), in the third person and the past tense,
    questions and all (``[...] proposed a removal.-- "Should not they walk? Would not Mr.
    Knightley shew them the gardens?"``); after a tag, only one that goes on with the narrator's
    sentence in lower case (``and said "it was very true"``). Someone did speak, so the line
    keeps its place in the talk, but the narrator reads it."""
    q = para.quotes[k]
    inner = _said(text, q)
    if _QUOTED_WHOLE.match(inner) and _ELISION.match(inner, 1) is None \
            and len(_MARK_AT_WORD_EDGE.findall(inner)) == 2:
        return True  # "'The scene is laid in Florence,'" repeated Cecil: words quoted, read out or recited
    lead_start = para.quotes[k - 1].end if k else para.start
    if len(text[lead_start : q.start].strip()) < _TOLD_LEAD_CHARS:
        return False
    if not _is_reported(inner, asked=True):
        return False
    return inner[:1].islower() or not _tagged(*_narration_at(text, para, q), _called_out(inner))


def _is_reported(inner: str, *, asked: bool = False) -> bool:
    """Whether a quote's words are speech reported by the narrator, in the third person and the
    past tense, as Austen puts it in quotation marks: read in the narrator's voice (PDNC marks no
    quote there).

    Only a paragraph's one quote is asked: after a tag, ``"He ought to come," said Emma. "If he
    could stay only a couple of days..."`` is the speaker going on, and Austen's talk told in one
    paragraph (``"William did not like she should come away [...]" "But William will write to
    you, I dare say."``) is a conversation. And in a conversation (quotes in the paragraph before
    or after) only a quote that goes on with the narrator's sentence in lower case (``and only
    thanked Mrs. Elton coolly; "but their going to Bath was quite out of the question"``) is
    asked: ``She dropped her bag and stared at the mess the kids had left. "They were supposed
    to clean this up before school, and they had promised they would."`` is a line of the talk."""
    if (not asked and ("?" in inner or "!" in inner)) or len(inner.split()) < _REPORTED_MIN_WORDS:
        return False
    said = {w.lower() for w in re.findall(r"[A-Za-z]+", inner)}
    return not said & FIRST_SECOND_PERSON and bool(said & REPORTING_AUXILIARIES) and bool(said & THIRD_PERSON)


_TITLE_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to with".split())


def _is_title(words: list[str]) -> bool:
    """``The Poet and the Peasant.``: a title's words, capitalised but for the small ones, two
    capitalised at least, and no call or question at its end."""
    letters = [w.strip(".,;:\"'\u201c\u201d\u2018\u2019") for w in words]
    big = [w for w in letters if w and w.lower() not in _TITLE_SMALL_WORDS]
    return len(big) >= 2 and all(w[:1].isupper() for w in big) and words[-1].rstrip("\"'\u201d\u2019")[-1:] not in "!?"


def _is_title_case(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() for w in letters)


# A letter set out a line to a paragraph, each line quoted: "Dearest Lucia," [...] "Believe me," /
# "Your anxious and loving cousin," / "Charlotte."
_SALUTATION = re.compile(r"(?:my\s+)?(?:dear|dearest)\b[^.!?\"\u201d]{0,40},$", re.IGNORECASE)
_CLOSING = re.compile(rf"(?:yours\b|ever\s+yours\b|believe\s+me\b|your\s+(?:[a-z]+\s+){{0,4}}"
                      rf"(?:{'|'.join(sorted(_RELATION_WORDS))})\b)[^.!?]{{0,40}},$", re.IGNORECASE)
_LETTER_LINE_CHARS = 40  # an address, a date or a signature around a letter set out so


def _letter_paragraphs(text: str, paras: list[_Paragraph]) -> set[int]:
    """The paragraphs of letters set out a line to a paragraph, every one of them a quote and
    nothing else: from a salutation (and the address and date lines just before it, if short)
    to the last closing formula after it (and the signature after that). The narrator reads them;
    no one says them (PDNC labels no line of them)."""
    def whole(index: int) -> str | None:
        para = paras[index]
        if len(para.quotes) != 1 or not para.quotes[0].closed or para.is_break:
            return None
        q = para.quotes[0]
        if text[para.start : q.start].strip() or text[q.end : para.end].strip():
            return None
        return _said(text, q)

    letters: set[int] = set()
    index = 0
    while index < len(paras):
        run = []
        while index < len(paras) and (said := whole(index)) is not None:
            run.append((index, said))
            index += 1
        index += 1
        salutation = next((k for k, (_, said) in enumerate(run) if _SALUTATION.match(said)), None)
        if salutation is None:
            continue
        closing = max((k for k, (_, said) in enumerate(run) if k > salutation and _CLOSING.match(said)), default=None)
        if closing is None:
            continue
        first = salutation
        while first > 0 and salutation - first < 2 and len(run[first - 1][1]) <= _LETTER_LINE_CHARS \
                and not run[first - 1][1].endswith(("?", "!")):
            first -= 1
        last = closing + 1 if closing + 1 < len(run) and len(run[closing + 1][1]) <= _LETTER_LINE_CHARS else closing
        letters.update(i for i, _ in run[first : last + 1])
    return letters


def _turns(text: str, paras: list[_Paragraph]) -> list[_Turn]:
    """One turn per paragraph that holds speech; non-speech quotes are dropped."""
    turns: list[_Turn] = []
    letters = _letter_paragraphs(text, paras)
    prev_unclosed = False
    unspoken_unclosed = False  # a letter's paragraphs go on being the letter
    narrated_unclosed = False  # ... and a speech the narrator reads goes on being read by the narrator
    for index, para in enumerate(paras):
        speech: list[tuple[int, int]] = []
        continues = False
        if index in letters:
            para.quotes = []
            prev_unclosed = unspoken_unclosed = narrated_unclosed = False
            continue
        in_talk = bool((index and paras[index - 1].quotes) or (index + 1 < len(paras) and paras[index + 1].quotes))
        unspoken: tuple[int, int] | None = None
        by_narrator: set[int] = set()  # speeches the narrator tells in their words: see _is_read_by_narrator
        for k, q in enumerate(para.quotes):
            carried = k == 0 and q.start == para.start and (prev_unclosed or unspoken_unclosed)
            if (carried and unspoken_unclosed) or _is_unspoken(text, para, k, paras[index - 1] if index else None):
                unspoken = (q.start, q.end)
            elif _is_speech(text, para, q, carried, in_talk):
                speech.append((q.start, q.end))
                continues = continues or carried
                if (carried and narrated_unclosed) or (not carried and _is_read_by_narrator(text, para, k)):
                    by_narrator.add(len(speech) - 1)
        last = para.quotes[-1] if para.quotes else None
        prev_unclosed = bool(last and not last.closed and (last.start, last.end) in speech)
        narrated_unclosed = prev_unclosed and len(speech) - 1 in by_narrator  # its next paragraphs too
        unspoken_unclosed = bool(last and not last.closed and (last.start, last.end) == unspoken)
        kept = set(speech)
        para.quotes = [q for q in para.quotes if (q.start, q.end) in kept]
        if not speech:
            continue
        narration = []
        pos = para.start
        for s, e in speech:
            if s > pos:
                narration.append((pos, s))
            pos = e
        if pos < para.end:
            narration.append((pos, para.end))
        turn = _Turn(index, speech, narration, continues=continues, read_by_narrator=frozenset(by_narrator))
        if pos < para.end and para.end - pos >= _GOES_ON_CHARS and (opening := _goes_on_with(text, pos, para.end)):
            turn.goes_on_as = SUBJECT_PRONOUNS[opening.group(1).lower()]  # '"To smoke," he answered. "..." He
            # curled himself up in his chair, [...] he suddenly sprang out of it': what he does next
        turns.append(turn)
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.paragraph == before.paragraph + 1:
            _drop_echoes(text, turn, before)
    return turns


def _drop_echoes(text: str, turn: _Turn, before: _Turn) -> None:
    """A name a line opens on as a question, said in the line before (``"I've got a name, sir.
    Martin Ashby."`` / ``"Ashby? The accountant?"``): said back, not called (Ashby, who is not
    there, had become a character and taken the sergeant's lines)."""
    opening = text[turn.quotes[0][0] + 1 : turn.quotes[0][1]]
    said_before = " ".join(text[s:e] for s, e in before.quotes)
    echoed = {name for name in _vocative_names(text, turn) if opening.startswith(name + "?")
              and re.search(rf"\b{re.escape(name)}\b", said_before)}
    if echoed:
        turn.addresses = [(name, alone) for name, alone in turn.addresses or [] if name not in echoed]


def _goes_on_with(text: str, start: int, end: int) -> re.Match[str] | None:
    """The He or She that narration after a paragraph's last quote opens on, or opens on right
    after its tag (``"No," Cassandra allowed once more. She was completely at a loss.``)."""
    opening = _PRONOUN_SUBJECT.match(text, start)
    if opening is None:
        tag = next((m for m in SENTENCE.finditer(text, start, end) if m.group(1).strip()), None)
        if tag is not None and tag_after(tag.group(1)):
            opening = _PRONOUN_SUBJECT.match(text, tag.end())
    return opening


def _tag_candidates(text: str, turn: _Turn) -> list[_Clue]:
    """(subject, rule, confidence) for every tag and beat in the turn's own narration.

    A tag (``said Theo``, ``Theo said:``) is near-certain; an action beat counts most
    in the sentence right before or after a quote. Discovery and attribution both ask,
    so the answer is kept on the turn.
    """
    if turn.tags is None:
        turn.tags = _find_tag_candidates(text, turn)
    return turn.tags


_AT_SPEECH = 0.75  # a beat in the sentence right before or after a quote
_FAR_BEAT = 0.45  # a beat a sentence or more away from the speech (0.55 until the nineteenth session's sweep)
_LATER_BEAT = 0.2  # a beat a sentence or more after a paragraph's last speech (PDNC: a name there is its speaker 14%
# of the time, a he or she of the speaker's gender two times in three, against 85% or more right after the speech)


# After a finished speech, one who looks at "her" or "him": the speaker is the one looked at
_LOOKED_AT_SPEAKER = re.compile(r"\s+(?:\w+ly\s+)?(?:looked|stared|glanced|gazed|peered|blinked|frowned)"
                                r"\s+(?:up\s+|over\s+|across\s+|back\s+)?at\s+(him|her)\b(?!\s+own\b)")


def _find_tag_candidates(text: str, turn: _Turn) -> list[_Clue]:
    out: list[_Clue] = []
    quote_ends = {e: k for k, (_, e) in enumerate(turn.quotes)}
    quote_starts = {s: k for k, (s, _) in enumerate(turn.quotes)}
    led: dict[int, str] = {}  # the one named a lead-in has speak each quote ('Milly said, "..."')
    for s, e in turn.narration:
        chunk = text[s:e]
        tagged = False
        if s in quote_ends:
            tag = None if SILENT.search(first_sentence(chunk)) else tag_after(chunk)
            if tag and _named(tag[0]) and _stop_before_close(text, s) == "." and chunk.lstrip()[:1].isupper():
                tag = None  # '"...Windy Corner." Mr. Beebe bowed.': a new sentence, named: a beat, often another's
            if tag and tag[1].startswith("nod") and e in quote_starts and _ASKED.search(text, max(0, s - 3), s):
                continue  # '"You'll be seeing him?" I nodded. "Well, sir, ...": the one asked nods, the asker goes on
            if tag:
                owned = quote_ends[s] if tag[1] not in GESTURE_VERBS else None
                if owned is not None and e in quote_starts and chunk.rstrip().endswith(",") \
                        and chunk.lstrip()[:1].isupper() and led.get(owned, tag[0]) != tag[0] and _named(tag[0]):
                    owned = quote_starts[e]  # 'Milly said, "Are you in town for long?" Babs said, "Have you got
                    # a cigarette?"': one after another, each tag leading into its own quote
                said = first_sentence(chunk)
                named = _VOICE_NAMED.match(chunk, chunk.find(said) + len(said)) if tag[0] in _VOICES else \
                    _NAMED_AT_ONCE.match(chunk, chunk.find(said) + len(said)) if tag[0].startswith(("a ", "an ")) \
                    else None
                out.append(_Clue(named.group(1) if named else tag[0], "tag", 0.95, said, owned))
                tagged = True
        leads = []
        tag_leads_on = tagged and last_sentence(chunk).strip() == first_sentence(chunk).strip()  # "he cried--"
        if e in quote_starts and (chunk.rstrip().endswith((",", ":", "\u2014", "--")) or ends_in_speech_verb(
                chunk, called_out=_called_out(text[e + 1 : turn.quotes[quote_starts[e]][1]]))) \
                and not (tag_leads_on and speech_verb_count(last_sentence(chunk)) < 2):
            # '"...," said Lady Bertram. After a pause Sir Thomas added, "..."': a tag each
            speakers, objects = lead_in(chunk)
            leads = speakers + objects
            out.extend(_Clue(subj, "tag", 0.9 - 0.01 * k, last_sentence(chunk), quote_starts[e],
                             (s, e) if s in quote_ends and not tag_leads_on else None, k >= len(speakers))
                       for k, subj in enumerate(leads))
            if len(speakers) == 1 and _named(speakers[0]):
                led[quote_starts[e]] = speakers[0]
        if tagged:
            continue
        sentences = [m for m in SENTENCE.finditer(chunk) if m.group(1).strip()]
        if leads:  # the subjects before the tag sentence say whom its "he" means
            sentences = sentences[:-1]
        for k, m in enumerate(sentences):
            sentence = m.group(1) or ""
            breaks_silence = k == len(sentences) - 2 and e in quote_starts and \
                _BREAKS_SILENCE.fullmatch(sentences[-1].group(1) or "") is not None  # "For a long time he didn't
            # answer. Then: "They're letting people go."": the one silent till then speaks, a beat right at it
            silent = SILENT.search(sentence) is not None and not breaks_silence
            subj = None if silent else sentence_subject(sentence, opening_phrase=True)
            opens_on_no_one = subj is None or (subj[:1].islower() and _named(subj))
            if subj is None and not silent and _YOU_ACT.match(sentence):
                subj = "you"  # "You drop into the armchair opposite.": in a story told as "you", its teller
            if subj and is_description(subj) and k + 1 < len(sentences) and (
                    named_next := _NAMED_NEXT.match(sentences[k + 1].group(1) or "")):
                subj = named_next.group(1)  # "The landlady came over. She was a broad, cheerful woman called Brenda"
            if subj and k == 0 and s in quote_ends and e not in quote_starts and subj not in SUBJECT_PRONOUNS and (
                    looked := _LOOKED_AT_SPEAKER.match(sentence, len(sentence) - len(sentence.lstrip()) + len(subj))):
                subj = "she" if looked.group(1) == "her" else "he"  # '"We should go." Tom looked at her.': she spoke
            if subj and POSSESSIVE.search(subj) and (companion := _OWNED_BY_NAME.match(sentence)) \
                    and _introduced_in(sentence, "the " + companion.group(1)) is not None:
                subj = "the " + companion.group(1)  # "Eli's friend, a thin young man, went pink.": someone new
            if subj:
                before_speech = (k == len(sentences) - 1 or breaks_silence) and e in quote_starts
                after_speech = k == 0 and s in quote_ends
                if before_speech or (after_speech and not (_named(subj) and _stop_before_close(text, s) in ".!?")):
                    conf = _AT_SPEECH  # right at the speech (but '"...Windy Corner." Mr. Beebe bowed.': a name after a
                    # finished speech is most often another, who answers it: PDNC's speaker 43 times in 149, a he or
                    # she of the speaker's gender 342 in 402)
                elif k > 0 and s in quote_ends and e not in quote_starts:
                    conf = _LATER_BEAT  # a sentence or more after the paragraph's last speech
                else:
                    conf = _FAR_BEAT
                out.append(_Clue(subj, "beat", conf, sentence))
            # the sentence right before a speech opening on no one named or on a thing: a name acting after "and"
            if k == len(sentences) - 1 and e in quote_starts and opens_on_no_one:
                out.extend(_Clue(clause.group(1), "beat", _AT_SPEECH - 0.01, sentence)  # "Then the bolt slid
                           for clause in _AND_CLAUSE.finditer(sentence))  # back and Dmitri's face appeared"
    return sorted(out, key=lambda c: -c.confidence)


_YOU_ACT = re.compile(r"\s*(?:(?:And|But|Then|So|Now)\s+)?You\s+(?!know\b|see\b|mean\b)[a-z]+\b")  # "You drop into"


# A sentence that is only a lead-in after a silence: "Then:", "At last:", "Finally, quietly:"
_BREAKS_SILENCE = re.compile(r"\s*(?:(?:And )?[Tt]hen|At (?:last|length)|Finally|Eventually)(?:,? [a-z]+ly)?[,:]\s*")


_ACTED_ON = re.compile(r"\b(?:him|her)\b")  # "[...] patted her on the cheek": acting on someone
_DESCRIBED_CLOSING = re.compile(r"\s*(?:The|An?) [a-z]")  # "The court reporter [...] nodded"


def _earlier_lead(paragraph: str, names: _Names, recent: list[str]) -> str | None:
    """The character an earlier sentence of a narration paragraph is about, when its last
    sentence is about no one who speaks (``Hollis clicked his pen. The court reporter [...]
    nodded that she was ready.``): the one the speech after it likely comes from."""
    sentences = [m for m in SENTENCE.finditer(paragraph.rstrip()) if m.group(1).strip()]
    if len(sentences) < 2 or not _DESCRIBED_CLOSING.match(sentences[-1].group(1)) \
            or not all(m.group(0).endswith((".", "!", "?")) for m in sentences[-3:-1]):
        return None  # (not after "; and the moment they were alone, she eagerly said,")
    if any(names.resolve(m.group(0), recent) for m in _NAME_MENTION.finditer(sentences[-1].group(1))):
        return None  # ("The action was so uncanny that Philip was driven to intervene.": his)
    if _ACTED_ON.search(sentences[-1].group(1)):
        return None  # ("Kitty [...] fell in love with Hattie. The actress [...] patted her on the cheek.": the
        # one so described acts on the one before, and may be who speaks)
    for sentence in reversed([m.group(1) for m in sentences[-3:-1]]):
        subject = sentence_subject(sentence, opening_phrase=True)
        if subject is None or subject in SUBJECT_PRONOUNS or subject == "I":
            return None
        if (who := names.resolve(subject, recent)) is not None:
            return who
    return None


def _lead_in(text: str, para: _Paragraph) -> list[str]:
    """Who a narration paragraph hands over to the next one's speech.

    ``William said sharply:`` / ``Rodney went up to Katharine and said to her:``; a
    paragraph broken off on a dash hands over from its subject too (``Colonel Ducroix tugged
    at his moustache and broke out—``).
    """
    chunk = text[para.start : para.end].rstrip()
    if para.quotes:  # the narration after its last speech may still hand over
        chunk = text[para.quotes[-1].end : para.end].rstrip()
        if not has_speech_verb(chunk):
            return []
    if chunk.endswith(":") or ends_near_speech_verb(chunk):
        return lead_in_subjects(chunk)
    if chunk[-1:].isalpha() or chunk.endswith(("\u2014", "--")):  # a letter: a dash lost in conversion
        subject = sentence_subject(last_sentence(chunk))
        return [subject] if subject else []
    if (spoke := _SPOKE_AT_LAST.search(chunk)) is not None:
        return [spoke.group(1)]
    return []


# "The robot had been cleaning the window for an hour when Ada finally asked it to stop.": someone
# talking in a clause of the paragraph before a speech is near it
_ASKING_IN_A_CLAUSE = starting_with("wabutWABUT", rf"\b(?:[Ww]hen|[Aa]s|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter)"
                                                rf"\s+({_NAME})\s+(?:[a-z]+ly\s+)?"
                                                r"(?:asked|told|called|shouted|begged|ordered)\b")
# "Sam's phone lit up on the desk.": the one whose phone rings before a speech is about to talk
_OWN_PHONE_RINGS = starting_with(UPPER, rf"({_NAME})['\u2019]s (?:phone|mobile|cellphone|cell|telephone)"
                                        r" (?:\w+ ){0,2}?(?:rang|rings|buzzed|buzzes|lit up|lights up|vibrated"
                                        r"|vibrates|went off|goes off|chimed|chimes|pinged|pings)\b")
# "Arthur had been looking for twenty minutes before Edna said anything.": a paragraph that ends
# on someone at last speaking, or protesting ("Mom was cutting Grandpa's meat while he protested."),
# hands over to them, whoever its sentence is about
_SPOKE_AT_LAST = re.compile(
    rf"\b(?:before|until|till|when|and|then|while)\s+({_NAME}|he|she|I)\s+(?:(?:finally|at last|eventually|first)\s+)?"
    r"(?:said (?:anything|something)|spoke(?: up)?|broke the silence|found (?:his|her|my) voice"
    r"|protested|objected|complained|grumbled|argued)"
    r"(?: (?:again|at last|first))?[.!]$")


_LISTED_BEFORE = re.compile(  # a name in the middle of a list ends on
    rf"(?:[{UPPER}][{LOWER}]+|\b(?:myself|me|him|himself|her|herself|us|ourselves|them)),\s+$")
_LISTED_AFTER = re.compile(rf",?\s+(?:and|or|nor)\s+(?!I\b)[{UPPER}]")  # "and" and one more (but
# "Nancy, and I seem able to do nothing" calls Nancy; "Jump in, Mr. Quested, and Mr. Fielding" both)
_VOCATIVE_NAME = starting_with(UPPER, rf"({_NAME})(?=\s*[,!?.]|--|\u2014|$)")  # "Sir Harry--he's tiresome"


# "Yes, sir." / "Thank you, ma'am.": a form of address says whom the speech is said to
_ADDRESS_FORMS = starting_with(  # (a match opens on a stop, on oh/dear/yes/no, or on the form at the start)
    ",;:!?\u2014\\-odynsmpfuba",
    r"(?:^|[,;:!?\u2014-]\s*|\b(?:oh|dear|yes|no)\s+)"
    r"(sir|my lord|your lordship|monsieur|my (?:dear |good )?(?:fellow|boy|lad|man)|old (?:man|fellow|chap)"
    r"|papa|father|daddy|dad|uncle|brother|ma['\u2019]am|madam|my lady|your ladyship|madame|mademoiselle"
    r"|my (?:dear |good )?(?:girl|woman|lass)|miss|mamma|mama|mother|mummy|mum|mommy|mom|aunt|sister)"
    r"(?=\s*(?:[,.!?;:\u2014\"'\u201d\u2019]|--|$))", re.IGNORECASE)
_MALE_ADDRESS = frozenset(
    "sir lord lordship monsieur fellow boy lad man chap papa father daddy dad uncle brother".split())


def _one_gender(words: Iterable[str], male_words: frozenset[str]) -> Gender | None:
    """The one gender some words of a speech say (by their last word), or None when they say
    none or both: ``"Yes, sir."`` is said to a man, ``"my wife"`` is a man's."""
    found = {"male" if word.split()[-1] in male_words else "female" for word in words}
    return found.pop() if len(found) == 1 else None  # type: ignore[return-value]


_SPOUSE = starting_with("mM", r"\bmy (?:(?:dear|poor|late) )?(husband|wife)\b", re.IGNORECASE)  # "my wife": a man's
_MALE_SPOUSE = frozenset(["husband"])


_APPOSITION_BEFORE = re.compile(  # "my friend and colleague, ": not "my dear, "
    r"\b(?:my|our|his|her|your|their)\s+(?:[a-z]+\s+){0,3}(?!(?:dear|dearest|love|darling),)[a-z]+,\s*$")
_APPOSITION_AFTER = re.compile(r",\s+(?:who|whom|whose)\b")
# ... and after "my uncle," (not "your mother, Freddy": a name after "your" is often the one called)
_KIN_APPOSITION = re.compile(
    rf"\b(?:my|our|his|her|their)\s+(?:[a-z]+\s+){{0,2}}(?:{'|'.join(sorted(_RELATION_WORDS))}),\s*$", re.IGNORECASE)
# ... and a sentence's subject, described then named, before its verb in the past: a tale told in
# a speech (but "The place, Fanny, is what you will not quit" calls her)
_DESCRIBED_BEFORE = re.compile(r"(?:^|[.!?]\s+)(?:The|A|An|Our|My|His|Her|Their)\s+(?:[a-z\-]+\s+){0,3}[a-z\-]+,\s*$")
_NAMED_SUBJECT_AFTER = re.compile(r",\s+(?:who|whom|whose|was|were|had|would|could|did|came|went)\b")
# ... and one followed by an aside and its verb: "Mr. Martin, I suppose, is not a man of information"
_SUBJECT_BEFORE_ASIDE = re.compile(r",\s+(?:I|you|we|they)\s+(?:suppose|think|believe|fancy|hope|know|imagine|presume"
                                   r"|say|said|tell me|dare\s*say|am\s+sure|understand)\s*,\s+(?:is|was|has|had|will"
                                   r"|would|can|could"
                                   r"|must|does|did|may|might|shall|should|never|always)\b")
_CONTRACTED = re.compile(rf"[{UPPER}][{LOWER}]*['\u2019]s\s")
_ECHOED = re.compile(r"\?\s+(?:He|She|His|Her)\b")
_ASKED_ALONE = re.compile(r"\?[\"'\u201d\u2019]?\s*$")  # a name asked, the quote ending there
_TALKED_OF = re.compile(r"[^.!?]*?\b(?:he|she|He|She|his|her|His|Her)\b")  # ... and the next one's first sentence
_TALKED_OF_AFTER = re.compile(r"[.!?]\s+(?:\w+[,.!?]?\s+){0,4}?(?:[Dd]oes|[Dd]id|[Ii]s|[Ww]as|[Hh]as|[Ww]ill|[Cc]an)"
                              r"\s+(?:he|she)\b")
_ASKED_WHO = re.compile(r"\?\s+[Ww]ho(?:['\u2019]s|\s+is|\s+was)\s+")  # "Hannah? Who's Hannah?"
_ECHO_QUESTION = re.compile(r",\s+(?:is|was|are|were)\s+(?:it|he|she|they|that)\?")  # "Hundreds, is it?"
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+)$")
_HEDGED_AFTER = re.compile(r",\s+(?:maybe|perhaps|probably|I think|I suppose|I guess)[.!?]")


def _vocative_names(text: str, turn: _Turn, *, whole_quote: bool = True) -> list[str]:
    """Names addressed in the turn's speech: ``Edmund, come here`` / ``It is rain, Harriet.``

    ``whole_quote=False`` leaves out a quote that is one capitalised word (``"Traffic."``,
    ``"Harriet!"``): addressing a known character, but no sign by itself that it is a name.
    Discovery and attribution both ask, so the reading is kept on the turn."""
    if turn.addresses is None:
        turn.addresses = list(_find_addresses(text, turn))
    return [name for name, alone in turn.addresses if whole_quote or not alone]


def _find_addresses(text: str, turn: _Turn) -> Iterator[tuple[str, bool]]:
    """Each name addressed in the turn's speech, and whether it is the whole quote."""
    for k, (s, e) in enumerate(turn.quotes):
        inner = text[s + 1 : e]
        for m in _VOCATIVE_NAME.finditer(inner):
            if k + 1 < len(turn.quotes) and _ASKED_ALONE.match(inner, m.end()) and _TALKED_OF.match(
                    text, turn.quotes[k + 1][0] + 1, turn.quotes[k + 1][1]):
                continue  # '"Mrs. Milvain?" Rodney exclaimed. "What has she told you?"': asked about, not called
            if " " in m.group(1) and m.group(1).rsplit(None, 1)[-1].rstrip(".").lower() in HONORIFICS:
                continue  # "Here's Mr. Beebe.": the dot of "Mr." ends no name
            if _CONTRACTED.match(m.group(1)):
                continue  # "Where's Charlotte?", "That's Bill!": a question or a remark about them
            if _ECHOED.match(inner, m.end()):
                continue  # "Daniel? He's parking.": a name echoed back, then talked about, is not called
            if _TALKED_OF_AFTER.match(inner, m.end()):
                continue  # "Angus Fraser. Well, well. Does he know you're coming?": recognised, talked of
            if (asked := _ASKED_WHO.match(inner, m.end())) and inner.startswith(m.group(1), asked.end()):
                continue  # "Hannah? Who's Hannah?": a name heard and asked about, not someone called
            if _ECHO_QUESTION.match(inner, m.end()) and _SENTENCE_OPENS.search(inner, max(0, m.start() - 3), m.start()):
                continue  # "Hundreds, is it?", "Away, is he?": a word said back, not someone called
            if m.group(1).lower() in NUMBER_WORDS:
                continue  # "Three," said the old woman, "For you? Forty.": a price or a count, not someone called so
            if _HEDGED_AFTER.match(inner, m.end()):
                continue  # "London, maybe. Or Glasgow.", "Tom, perhaps?": a guess, said of a place or a person
            if _APPOSITION_AFTER.match(inner, m.end()) and _APPOSITION_BEFORE.search(inner, max(0, m.start() - 60),
                                                                                   m.start()):
                continue  # "This is my friend and colleague, Dr. Watson, who...": introduced, not called
            if _KIN_APPOSITION.search(inner, max(0, m.start() - 60), m.start()):
                continue  # "persuaded by my uncle, Sir Robert, against your own judgment": who he is, not one called
            if _NAMED_SUBJECT_AFTER.match(inner, m.end()) and _DESCRIBED_BEFORE.search(inner, max(0, m.start() - 60),
                                                                                       m.start()):
                continue  # "The surgeon, Dr. Somerton, was a fast, sporting young chap": a subject named
            if _SUBJECT_BEFORE_ASIDE.match(inner, m.end()):
                continue  # "Mr. Martin, I suppose, is not a man of information": the subject, not one called
            if _LISTED_AFTER.match(inner, m.end()) and _LISTED_BEFORE.search(inner, max(0, m.start() - 40), m.start()):
                continue  # "Not also Ronny, Ralph, and Stella, surely?": a list of names, not someone called
            if _VOCATIVE_BEFORE.search(inner, max(0, m.start() - 40), m.start()) or (  # what ends just before
                    _SENTENCE_END_BEFORE.search(inner, max(0, m.start() - 3), m.start()) and (
                        _REQUEST_AFTER.match(inner, m.end()) or (
                            k + 1 == len(turn.quotes) and _ASKED_LAST.match(inner, m.end())
                            and not _TITLE_DOT.search(inner, max(0, m.start() - 12), m.start())))):
                alone = m.start() == 0 and not inner[m.end():].strip(" ,.!?;:\u2014-\"'\u201d\u2019") and not (
                    " " in m.group(1) and m.group(1).split()[0].rstrip(".").lower() not in HONORIFICS
                    and inner[m.end() : m.end() + 1] in ("?", "!"))  # "Jamie Harmon?" asks for someone by their
                yield m.group(1), alone  # given and family name: no word that may be no name


# "It's Reyes.", "I'm Sarah.", "My name is Tom,", "Kim here.": a speech that opens by naming
# its own speaker (on the phone, at a door, meeting someone); not "Hamidullah here is dead".
# The words before one's own name: "My name's Wren", "I'm called Jake", "Everyone calls me Jake" (not
# "I go by", as often a place: "I go by Victoria, usually."); after it: "Jake's the name." (not "What's
# the name of your cousins?"), "Jake Morrow, at your service."
_NAMING_ONESELF = (r"I['\u2019]m called|I am called|I['\u2019]m|I am|[Mm]y name is|[Tt]he name is"
                   r"|(?:[Tt]he |[Mm]y )?[Nn]ame['\u2019]s|(?:(?:[Yy]ou can|[Jj]ust|[Pp]lease|[Ee]veryone|[Ee]verybody"
                   r"|[Pp]eople|[Tt]hey|[Mm]y friends|[Mm]ost people)\s+)?[Cc]all(?:s)? me")
_SELF_NAMING = re.compile(
    r"(?:(?:Hi|Hello|Hey|Yes|Yeah|Oh|Well)[,!.]?\s+)?" + rf"(?:{_NAME}[,!]\s+)?"  # "Dev! It's Jules.": one called first
    + rf"(?:{_NAMING_ONESELF}|[Ii]t['\u2019]s|[Tt]his is)\s+"
    + rf"({_NAME})(?=[.,;!?]|\s+(?:here|speaking)\b|\s+from\s+(?:the\s+)?[{UPPER}]|$)"  # "from Harlow Primary"
    + rf"|({_NAME})\s+(?:here|speaking)(?=[.,;!?]|$)"
    + rf"|({_NAME})(?:['\u2019]s the name|,? at your service)(?=[.,;!]|$)")


# Meeting someone: '"Renata Vasquez. I run the Lisbon desk."', '"Daniel Pike," he said, shaking
# her hand', '"Dr. Imogen Vale, from the British Museum."', '"Sarah Quinn, the Herald. Is there
# any link [...]?"': a given and a family name (after a title or not) opening a speech, then words
# that introduce oneself, where one comes from or whom one is with, or the name alone and a hand
# held out in the paragraph. (A full name called, with no handshake, is a vocative: "Stephen
# Blackpool," said the chairman, "think on.")
_GIVEN_AND_FAMILY = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
_INTRODUCING_ONESELF = (r"(?:Nice|Pleased|Good|Glad) to meet|How do you do|Call me"
                        r"|I (?:run|work|head|manage|own|live)\b|I['\u2019]m (?:the|your|with|from|in charge)\b")
_INTRODUCING_TITLE = (r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Inspector|Detective|Sergeant|Captain|Lieutenant"
                      r"|Agent)\.?\s+)?")
_INTRODUCED_NAME = starting_with(UPPER, rf"({_INTRODUCING_TITLE}{_GIVEN_AND_FAMILY} {_GIVEN_AND_FAMILY})"
                                        rf"(?:[.,](?=[\"'\u201d\u2019]?\s*$)|\.\s+(?={_INTRODUCING_ONESELF})"
                                        rf"|,\s+(?:from|with)\s+(?:the\s+)?[{UPPER}]"  # "Dr. Imogen Vale, from"
                                        rf"|,\s+the\s+[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+)?\.\s)")
# "Holloway. Ezra Holloway.": a family name, then the given name and the family name again, opening a
# speech, introduce its speaker
_SURNAME_THEN_FULL = starting_with(UPPER, rf"([{UPPER}][{LOWER}]+)\.\s+([{UPPER}][{LOWER}]+)\s+\1(?=[.,!])")
_HAND_HELD_OUT = re.compile(r"\b(?:shak(?:e|es|ing)|shook|held out|holding out|holds out|offer(?:ed|ing|s)?"
                            r"|extend(?:ed|ing|s)?|put out|puts out|stuck out|sticks out)\b[^.!?]{0,30}\bhands?\b")


def _introducing(text: str, turn: _Turn) -> str | None:
    """The full name one of a turn's quotes opens on to introduce its speaker (see _INTRODUCED_NAME)."""
    for start, end in turn.quotes:
        m = _INTRODUCED_NAME.match(text, start + 1, end)
        if m is None or (len(m.group(1).split()) == 2 and m.group(1).split()[0].lower() in HONORIFICS):
            continue  # ("Inspector Lestrade.": a rank and a name, as often someone called)
        alone = m.group(0)[-1] in ".,"  # (a name before words of introduction, or a place, ends on a letter or space)
        if alone and not any(_HAND_HELD_OUT.search(text, s, e) for s, e in turn.narration):
            continue  # the name alone, and no hand held out
        return m.group(1)
    return None


def _self_naming(text: str, turn: _Turn) -> list[str]:
    """The names a turn's speech gives its own speaker as its quotes open, as written, in order
    (``"Ms. Chen?" [...] "I'm Daniel Hayes."``: Daniel Hayes)."""
    if turn.names_itself is None:
        turn.names_itself = _find_self_naming(text, turn)
    return turn.names_itself


def _find_self_naming(text: str, turn: _Turn) -> list[str]:
    matches = [m for m in (_SELF_NAMING.match(text, start + 1, end) for start, end in turn.quotes) if m
               and not (_INTRODUCING_TO.match(m.group(0)) and not _on_the_phone(text, m.start()))]
    if matches:  # ("This is Mr James, my colleague," [...] "My name is Blenkinsop.": "this is" last, likelier another)
        return [m.group(1) or m.group(2) or m.group(3) for m in sorted(matches, key=lambda m: "his is" in m.group(0))]
    if introduced := _introducing(text, turn):
        return [introduced]
    for start, end in turn.quotes:
        if surname_first := _SURNAME_THEN_FULL.match(text, start + 1, end):
            return [surname_first.group(1)]  # "Holloway. Ezra Holloway.": the name it opens on, as one asked
            # for it would answer ("Mr. . . .?" / "Patel. Dev Patel.")
    if answered := _answering_the_phone(text, turn):
        return [answered]
    # '"How do you do? I am Rosa. I speak English good."': a later sentence may name them too
    later = next(filter(None, (_SELF_NAMING_LATER.search(text, start + 1, end) for start, end in turn.quotes)), None)
    return [later.group(1)] if later else []


# The phone rang [...] / "Reilly.": a name alone, the first words after a phone is picked up,
# is how its owner answers it (not someone called: "Mum." or a question would be)
_PHONE = re.compile(r"\b(?:phone|telephone|receiver|mobile)\b[^.!?]*?\b(?:rang|rings|ringing|buzz(?:es|ed|ing))\b"
                    r"|\b(?:radio|intercom|walkie-talkie)\b[^.!?]*?\b(?:crackl(?:es|ed|ing)|hiss(?:es|ed|ing)"
                    r"|came\s+back|comes\s+back|came\s+alive|comes\s+alive)\b"  # "The radio crackled at 2:14 a.m."
                    r"|\b(?:answered|picked up|fumbled for|grabbed|snatched up|reached for|took)"
                    r" (?:the |his |her |my )?(?:phone|telephone|receiver|mobile)\b"
                    r"|\brang\s+(?:him|her|them|me|us)\s+up\b|\b(?:tele)?phoned\b", re.IGNORECASE)
# "Aunt Martha, this is Dr. Sharma.": someone called, then another introduced to them (on the
# phone, "Brenda, this is Tony." names the caller)
_INTRODUCING_TO = re.compile(rf"(?:(?:Hi|Hello|Hey|Yes|Yeah|Oh|Well)[,!.]?\s+)?{_NAME},\s+[Tt]his is\b")
_NAME_ALONE = starting_with(UPPER, rf"({_NAME})\.(?=[\"'\u201d\u2019]$)")


def _answering_the_phone(text: str, turn: _Turn) -> str | None:
    """The name a speech is only made of, when the narration just before it picks up a phone."""
    start, end = turn.quotes[0]
    if len(turn.quotes) > 1 or (turn.narration and turn.narration[0][0] < start):
        return None  # only the name, with no narration before it in its paragraph
    alone = _NAME_ALONE.match(text, start + 1, end)
    if alone is None or _called_by_rank_or_kin(alone.group(1)) or (
            " " not in alone.group(1) and is_common_given_name(alone.group(1))):
        return None  # "Mum.", "Sarah.": the caller greeted
    window = text[max(0, start - _ANSWER_REACH) : start]
    if any(mark in window for mark in "\"\u201c\u201d") or window.rstrip().endswith(":"):
        return None  # a conversation going on, or a call led in ("Then she called [...]:")
    return alone.group(1) if _on_the_phone(text, start, _ANSWER_REACH) else None


# A phone call ended, and who ended it: "He hung up", "Marcus put the phone down", "The line went dead"
_HUNG_UP = re.compile(rf"(?:\b(I|[Hh]e|[Ss]he|{_NAME})\s+(?:[a-z]+ly\s+)?)?(?:hung up|hangs up"
                      r"|puts? the (?:phone|receiver) down|ended the call|ends the call)\b"
                      r"|\bthe line (?:went|goes) dead\b")


def _at_the_other_end(on_the_line: set[str], hung_up: re.Match[str], names: _Names, recent: list[str]) -> set[str]:
    """Who named themselves on a phone call that is hung up and did not hang it up (``He hung
    up`` of Marcus: Sandra Kaye, who rang; but Tony, who rang Brenda and hung up, is still there)."""
    who = hung_up.group(1)
    if who is None:
        return set(on_the_line)
    if who.lower() in ("he", "she"):
        return {name for name in on_the_line if names.gender.get(name) != SUBJECT_PRONOUNS[who.lower()]}
    ended_by = NARRATOR if who == "I" else names.resolve(who, recent)
    return on_the_line - {ended_by}


_ANSWER_REACH = 400  # how near before a name alone the phone is picked up, with no speech between
_CALL_REACH = 1_500  # how long after a phone is picked up a voice heard is the caller's
_SOME_VOICE = r"(?:[a-z\-]+ ){0,3}voice"  # "voice", "low, rough voice": a voice a tag does not name
_VOICE_ON_THE_LINE = re.compile(r"an? " + _SOME_VOICE)  # "said a voice", "a low, rough voice"
_NEW_VOICE = re.compile(r"(?:an?|another) " + _SOME_VOICE)  # also "another pleasant voice"


def _on_the_phone(text: str, start: int, reach: int = _CALL_REACH) -> bool:
    """Whether a phone was picked up or rang in the ``reach`` characters before ``start`` (a
    scene break between ends the call): a name alone then answers it, a voice is the caller's."""
    window = text[max(0, start - reach) : start]
    calls = list(_PHONE.finditer(window))
    return bool(calls) and not any(is_scene_break(part.strip()) for part in window[calls[-1].end():].split("\n\n")
                                   if part.strip())


# only the first person past a speech's opening: "Who's there? It's Reyes" is the one answering;
# "Thank you for calling Brightline Energy, my name is Shona, how can I help you?", past a comma
_SELF_NAMING_LATER = re.compile(rf"[.!?,]\s+(?:{_NAMING_ONESELF})\s+({_NAME})(?=[.!,]|$)")


# "What are you called?" / "Georgette. How are you called?" / "Jacob.": a question for a name, and
# a name opening the answer (alone in its sentence), which is the answerer's own
_NAME_QUESTION = starting_with("WwHhYyAa", r"\b(?:[Ww]hat(?:['\u2019]s| is| are)\s+(?:your|you)\s+(?:name|called)"
                                          r"|[Hh]ow are you called|[Ww]ho are you|[Yy]our name"
                                          r"|[Ww]ho (?:might|may|would) you be"  # "And who might you be?"
                                          r"|[Aa]nd you are(?=\?)"  # "And you are?" / "Mara, my lord."
                                          r"|[Ww]hat(?:['\u2019]s| is) yours"  # "Lottie. What's yours?" / "Theo."
                                          r"|[Ww]ho(?:['\u2019]s| is) (?:this|there|calling|speaking))"
                                          r"\b[^?]*\?"  # "Who's asking?" / "DS Kowalczyk. I'd like a word"
                                          r"|\b(?:[Ww]ho(?:['\u2019]s| is) asking|[Ww]ho wants to know)\b")  # (or
# "Depends who's asking." / "Lydia Marsh. My husband's missing.": asked with no question mark)
_ANSWER_NAME = starting_with(UPPER, rf"(?:(?:Mr|Mrs|Ms|Miss)\.?\s+(?=(?:Mr|Mrs|Ms|Miss)\b))?"  # ("Mrs. Mrs. Price.":
                                    rf"({_NAME})(?=[.!]|$|,[\"'\u201d\u2019]$"  # a title put right; "Nora," she said)
                                    rf"|,\s+(?:sir|ma['\u2019]am|madam|miss|my lord|my lady)\b)")
# "Mr. . . .?", "Mr...?", "Mr.--?" (and "Mr.\u2026?", its ellipsis a space by then: see mended): a name asked for
_TITLE_TRAILING_OFF = starting_with("MD", r"\b(?:Mr|Mrs|Ms|Miss|Dr)"
                                          r"(?:(?:\.?\s*(?:\.\s*){2,}|\.?\s*(?:--|\u2014)\s*|\.\s+)\?"
                                          r"|\.?\s*(?:--|\u2014)(?=[\"'\u201d\u2019]?$))")  # ("Sit down, Miss—")


def _asks_for_a_name(text: str, turn: _Turn) -> bool:
    """Whether the turn's last quote asks for a name (_NAME_QUESTION), computed once."""
    if turn.asks_for_a_name is None:
        turn.asks_for_a_name = _NAME_QUESTION.search(text, *turn.quotes[-1]) is not None
    return turn.asks_for_a_name


def _answer_name(text: str, turn: _Turn, before: _Turn) -> str | None:
    """The name a line gives as its speaker's by answering the line before's question for a
    name (The Sun Also Rises: ``"What are you called?"`` / ``"Georgette. How are you called?"`` /
    ``"Jacob."``): the name opening the answer is the answerer's own, not someone called."""
    if turn.continues or not (_asks_for_a_name(text, before) or _self_naming(text, before)
                              or _TITLE_TRAILING_OFF.search(text, *before.quotes[-1])):
        return None  # (someone introducing themselves asks for a name as well, and so does "Mr. . . .?")
    answer = _ANSWER_NAME.match(text, turn.quotes[0][0] + 1, turn.quotes[0][1])
    if answer is None or _CONTRACTED.match(answer.group(1) + " ") or answer.group(1) in _self_naming(text, before):
        return None  # ("Who's there?" / "It's Finn.": a self-naming, Finn, no one called "It's Finn"; "I'm
    return answer.group(1)  # Tobias." / "Tobias," she said: his name said back)


_WHO_QUESTION = starting_with("WwHh", r"\b(?:[Ww]ho|[Ww]hich|[Ww]hom)\b[^.!?]*\?[\s\"'\u201d\u2019]*$")
_ONLY_NAMES = starting_with(UPPER, rf"(?:{_NAME}[.!]\s*)+$")


def _names_who_was_asked_for(text: str, turn: _Turn, before: _Turn) -> bool:
    """Whether a line is nothing but a name, or names, after a line that ends asking who
    (``"Which cousin?"`` / ``"Kieran. Kieran Doyle."``): an answer, not someone called."""
    start, end = before.quotes[-1]
    return bool(_WHO_QUESTION.search(text, start, end)) and len(turn.quotes) == 1 \
        and _ONLY_NAMES.match(text, turn.quotes[0][0] + 1, turn.quotes[0][1] - 1) is not None


_CHOICE = re.compile(r"\b(\w+),? or (\w+)\b")
_ASKED_WHERE = re.compile(r"\b(?:Where|When|What|Which|How)\b[^.!?]*\?[\"'\u201d\u2019]?$")  # "Where were you?"
_WORD_ANSWERED = re.compile(r"(\w+)[.!]")  # "Home. I told the other guy already."


def _answered_words(text: str, before: _Turn, turn: _Turn) -> set[str]:
    """Words, in lower case, that a line answers the line before with, calling no one by them:
    one of a choice it offered (``"Tea or coffee?"`` / ``"Tea, please."``), or the word that
    answers its where, when or what (``"Where were you?"`` / ``"Home. I told the other guy."``)."""
    words = {word.lower() for s, e in before.quotes for m in _CHOICE.finditer(text, s + 1, e) for word in m.groups()}
    last_start, last_end = before.quotes[-1]
    if _ASKED_WHERE.search(text, last_start, last_end) and (
            answer := _WORD_ANSWERED.match(text, turn.quotes[0][0] + 1, turn.quotes[0][1])):
        words.add(answer.group(1).lower())
    return words


def _may_be_given(written: str, names: _Names) -> bool:
    """Whether a word that answers a question for a name may be one: a full or titled name, a
    given name, or a word the text capitalises elsewhere too (``"I'm Dr. Feld. Can you tell me
    where it hurts?"`` / ``"Everywhere."`` gives no name)."""
    return " " in written or first_name_gender(written) is not None or names.capitalised(written) >= 2


def _answered_name(text: str, turn: _Turn, before: _Turn, names: _Names, recent: Sequence[str]) -> str | None:
    """The character a line names as its speaker by answering a question for a name (see
    _answer_name)."""
    written = _answer_name(text, turn, before)
    return names.resolve(written, recent) if written else None


# "Mirren. I know the Narrows.": a name alone, then a sentence about oneself
_NAME_THEN_I = re.compile(rf"({_NAME})\.\s+I(?:['\u2019](?:m|ve|ll|d))?\s")


def _stranger_naming_self(text: str, turn: _Turn, names: _Names, recent: Sequence[str]) -> str | None:
    """``"Rude," said the woman [...]. "Mirren. I know the Narrows."``: someone a tag only
    describes, who says a name no one has had in mind and then speaks of themselves, names
    themselves (a name called would be someone there)."""
    if not any(c.rule == "tag" and c.confidence >= _OWN_TAG and names.resolve(c.subject, recent) in names.described
               for c in _tag_candidates(text, turn)):
        return None
    for start, end in turn.quotes:
        m = _NAME_THEN_I.match(text, start + 1, end)
        if m and (who := names.resolve(m.group(1), recent)) is not None and who not in recent \
                and who not in names.described:
            return who
    return None


def _self_named(text: str, turn: _Turn, names: _Names, recent: Sequence[str]) -> list[str]:
    """The characters a turn's speech names as its own speaker (see _self_naming), the first
    most likely; cold mode may know Daniel Hayes only as Hayes."""
    found: list[str] = []
    for written in _self_naming(text, turn):
        who = names.resolve(written, recent)
        if who is None and " " in written:  # "I'm Daniel Hayes", known as Hayes
            who = names.resolve(written.split()[-1], recent)
        if who is not None and who not in found:
            found.append(who)
    return found


# Titles that alone call the one who holds them: ranks and professions, and a religious sister or
# brother, a count or a duke (not "Sir", "Madam" or "Miss", said to anyone; nor "Mother", "Aunt")
_CALLED_BY_TITLE = NEUTRAL_HONORIFICS | frozenset("sister brother count countess duke duchess baron baroness "
                                                  "prince princess reverend".split())


def _vocatives(text: str, turn: _Turn, names: _Names, recent: Sequence[str]) -> list[str]:
    """Characters the turn's speech calls by name; a rank, a profession or a religious or noble
    title alone calls the one who holds it (``"Professor," Rowan said.`` to Professor Whitlock,
    ``"Good evening to you too, Sister."`` to Sister Agathe), as ``the Major`` names him,
    or else the character of that name (``"Dean."``); a style of address, the one holding its
    title (``"You sent for me, Majesty."`` to the Queen)."""
    called = [(names.resolve(f"the {n}", recent) if n.lower() in _CALLED_BY_TITLE else None)
              or names.resolve(n, recent) or _titled_addressed(n, names)  # ("Dean.": the rank's holder, or Dean)
              or _pet_addressed(n, names)
              for n in _vocative_names(text, turn)]
    if names.kin_address and not any(called):  # "Oh, papa!": the one the story's "papa" answers
        called = [names.kin_address.get(form) for form in sorted(_kin_forms(turn))]
    return [who for who in called if who]


_SENTENCE_ENDS = re.compile(r"[.!?][\"'\u201d\u2019]?\s")
_TURNING_SENTENCE = re.compile(r"(?:^|[.!?]\s+)(?:And|But|Now|As for)\b[^.!?]*$")  # "[...] to hear it. And you, "


def _calls_after_a_sentence(text: str, turn: _Turn) -> bool:
    """Whether the speech first answers the line before and then turns to call another, in a
    sentence that opens on "And", "But", "Now" or "As for" (``"I am glad to hear it." Lady
    Bramley turned her glass upon his sister. "And you, Miss Thorne, [...]?"``); not ``"Very
    large. Thank you, Mr. Kemp."`` nor ``"The council." [...] "The council feels [...],
    Vennick."``, which are said to the one who spoke."""
    written_names = _vocative_names(text, turn)
    if not written_names:
        return False  # ("Oh, papa!": a family word, see _vocatives)
    said = False  # a sentence said before the call
    for start, end in turn.quotes:
        at = text.find(written_names[0], start + 1, end)
        if at >= 0:
            turning = _TURNING_SENTENCE.search(text[start + 1 : at])
            return turning is not None and (said or turning.group()[:1] in ".!?")
        said = said or _SENTENCE_ENDS.search(text, start + 1, end + 1) is not None or text[end - 2 : end - 1] in ".!?"
    return False


def _titled_addressed(written: str, names: _Names) -> str | None:
    """The one character holding the title a style of address calls (``Majesty``: Queen
    Isolde, found as "the Queen" as well), if there is exactly one; "Grace" only after "Your"."""
    *before, style = written.lower().split()
    if style not in STYLE_HOLDERS or (style not in STYLES_OF_ADDRESS and before != ["your"]):
        return None
    holders = {who for title in STYLE_HOLDERS[style] if (who := names.resolve(f"the {title}"))}
    return holders.pop() if len(holders) == 1 else None


def _pet_addressed(written: str, names: _Names) -> str | None:
    """The one character whose given name a call shortens with a pet ending (``"And I've been
    right since you started, Bernie."`` to Bernadette), if there is exactly one."""
    if not written.endswith(PET_ENDINGS):
        return None  # (most calls: no name to weigh against every character's)
    bearers = {who for who in names.gender if who not in names.described and pet_form_of(written, who.split()[0])}
    return bearers.pop() if len(bearers) == 1 else None


def _speech_mentions(text: str, turn: _Turn, names: _Names, recent: Sequence[str]) -> set[str]:
    """Characters a speech talks about ("I'll see Brenda off"): seldom the one speaking."""
    return {who for s, e in turn.quotes for _, who in _characters_named(text, names, recent, s + 1, e)}


def _characters_named(text: str, names: _Names, recent: Sequence[str], start: int = 0,
                      end: int | None = None, *, by_parts: bool = False) -> Iterator[tuple[re.Match[str], str]]:
    """Each name in ``text[start:end]`` that is a character's (``Philip's`` is Philip's), with its
    match; ``by_parts``: two words no character is called are read by their first or last one."""
    for m in _NAME_MENTION.finditer(text, start, len(text) if end is None else end):
        written = m.group()
        if "'" in written or "\u2019" in written:  # (most names have no possessive: no pattern run for them)
            written = POSSESSIVE.sub("", written)
        if title := _TITLE_BEFORE.search(text, max(0, m.start() - _TITLE_CHARS), m.start()):
            who = _titled_one(title.group(1), written, names, recent)  # "When Mr. Cole": the name read with its
            if who:  # title ("When Mr" is no one)
                yield m, who
            continue
        who = names.resolve(written, recent)
        if who is None and by_parts and " " in written:
            first, *_, last = written.split()
            who = _titled_one(first, last, names, recent) if first.rstrip(".").lower() in HONORIFICS else \
                names.resolve(first, recent) or names.resolve(last, recent)  # ("Mr. Athelney Jones": Jones)
        if who:
            yield m, who


def _titled_one(title: str, written: str, names: _Names, recent: Sequence[str]) -> str | None:
    """The character a name after a title means: the one called so with it, or else the one
    called by the name alone, if the title fits their gender (``Mr. Cole`` is not the Mrs. Cole
    listed, who is "Cole" as well)."""
    who = names.resolve(f"{title} {written}", recent)
    if who is None and (bare := names.resolve(written, recent)) is not None \
            and _compatible(HONORIFIC_GENDER.get(name_key(title)), names.gender.get(bare, "unknown")):
        who = bare
    return who


_TITLE_BEFORE = re.compile(rf"\b((?:{_NAME_TITLES})\.?)\s+$")
_TITLE_CHARS = 14  # enough for "Mademoiselle " before a name


_FIRST_PERSON = any_of(("I", "me", "my", "myself"))
_FIRST_PERSON_PER_WORD = 0.01  # PDNC: 0.04 in The Sign of the Four; 0.002 or less in the third-person novels
_TOLD_AS_I = 5  # the narration's "I"s (as many per word as above) that say a story is told as "I"
# ... and that say it may be, so that a name the others call may be the narrator's: "Two in the morning,
# Lily." where the narration says "I" four times is the narrator's name, not someone else's
_MAY_BE_TOLD_AS_I = 2
_DENSE_FIRST_PERSON = 0.03  # the narration's "I"s per word in a short scene told as "I" (0.034 to 0.079 in the
_DENSE_FIRST_PERSON_MENTIONS = 3  # hand-written scenes: see scripts/scenes)


_SECOND_PERSON = any_of(("you", "You", "your", "Your", "yourself"))


def _read_you_tags(story: Story, chapters_turns: list[list[_Turn]], names: _Names, told_as_you: bool) -> None:
    """Whom a ``you say`` tag and a ``You drop into the armchair.`` beat mean: in a story told as
    "you", the character the lines call by name most (Winnie-the-Pooh's Christopher Robin, to
    whom its narrator tells it), or else, with no "I" telling it, its teller (a reader-insert fan
    fiction's "you", the Narrator); elsewhere no one."""
    you = None
    if told_as_you:
        you = _most_called(story, chapters_turns, names, set(names.gender) - {names.first_person, NARRATOR})
        if you is None and names.first_person is None and not names.closed:
            names.first_person = NARRATOR
            you = "I"
    for ch, turns in zip(story.chapters, chapters_turns, strict=True):
        for turn in turns:
            clues = _tag_candidates(story.sources[ch.source].text, turn)
            if any(c.subject == "you" for c in clues):  # (the rest are kept as they are)
                turn.tags = [c._replace(subject=you) if c.subject == "you" and you else c
                             for c in clues if c.subject != "you" or you]


def _told_as_you(narration: str, story_words: int) -> bool:
    """Whether the narration tells the story to "you", its hero (``you come down``, ``You drop
    into the armchair``; reader-insert fan fiction): "you" at least as often as _TOLD_AS_I
    allows "I", and three times as often as "I"."""
    words = narration.count(" ") + narration.count("\n") + 1
    yous = len(_SECOND_PERSON.findall(narration))
    per_word = _DENSE_FIRST_PERSON if story_words < _STORY_WORDS else _FIRST_PERSON_PER_WORD
    return yous >= max(_DENSE_FIRST_PERSON_MENTIONS, per_word * words) \
        and yous >= 3 * len(_FIRST_PERSON.findall(narration))


def _narration_text(story: Story, chapters_paragraphs: list[list[_Paragraph]]) -> str:
    """The story's narration without its speeches, one line per stretch between speeches."""
    stretches: list[str] = []
    for ch, paras in zip(story.chapters, chapters_paragraphs, strict=True):
        text = story.sources[ch.source].text
        for para in paras:
            pos = para.start
            for q in [*para.quotes, None]:
                stretches.append(text[pos : q.start if q else para.end].replace("\n", " "))
                pos = q.end if q else pos
    return "\n".join(stretches)


def _first_person_mentions(narration: str, story_words: int) -> int:
    """Cold mode: how often the narration itself says "I", "me" or "my" (``I push the door
    open``), or 0 if less than once in a hundred words. A story told as "I" (_TOLD_AS_I) has
    its narrator in every scene, and never as the "he" of a tag. A scene of a few hundred
    words (under _STORY_WORDS) that says "I" three times or more, as densely as
    _DENSE_FIRST_PERSON, counts as saying it _TOLD_AS_I times (``I pointed at the chair.`` in
    a detective's office): it has no room for more."""
    words = narration.count(" ") + narration.count("\n") + 1
    mentions = len(_FIRST_PERSON.findall(narration))
    if story_words < _STORY_WORDS and mentions >= max(_DENSE_FIRST_PERSON_MENTIONS, _DENSE_FIRST_PERSON * words):
        return max(mentions, _TOLD_AS_I)
    return mentions if mentions >= _FIRST_PERSON_PER_WORD * words else 0


def _narrator_named(story: Story, chapters_turns: list[list[_Turn]], narration: str, names: _Names) -> str | None:
    """The narrator's own name, in a story told as "I": of the characters the narration never
    names, the one the others call by name (``"Hi, Sam," she said.``) at least twice and twice
    as often as any other (Holmes's "Watson", not "Mr. Thaddeus", whom others talk about). A
    call the next line's tag or beat answers by name was to that one, not to the narrator
    (``"Minerva, perhaps the boy has an explanation."`` / ``"Does he?" Professor McGonagall
    turns to me.``). One call is too little: ``"Good morning, Mrs. Harper."`` is as often the
    narrator's own greeting."""
    forms = {names.forms[key]: who for key, who in names.alias_to_name.items()}
    if not forms:
        return None
    unnamed = set(forms.values()) - {forms[m.group()] for m in any_of(forms).finditer(narration)}
    top = _most_called(story, chapters_turns, names, unnamed)
    if top is None:
        return None
    own_words = [w for w in top.split() if w.rstrip(".").lower() not in HONORIFICS]
    if any(re.search(rf"\b{re.escape(w)}\b", narration) for w in own_words):
        return None  # "A fine child, Mrs. Smith!", with "Mordecai Smith" on a placard: a Smith the narration names
    return top


def _most_called(story: Story, chapters_turns: list[list[_Turn]], names: _Names, among: set[str]) -> str | None:
    """Of the characters ``among``, the one the lines call by name at least twice and twice as
    often as any other (a call the next line's tag answers by name was to that one), if any."""
    called: Counter[str] = Counter()
    for ch, turns in zip(story.chapters, chapters_turns, strict=True):
        text = story.sources[ch.source].text
        for k, turn in enumerate(turns):
            if not _answered_by_name(text, turns, k):
                called.update(who for name in _vocative_names(text, turn) if (who := names.resolve(name)) in among)
    (top, times), (_, runner_up) = [*called.most_common(2), ("", 0), ("", 0)][:2]
    return top if times >= 2 and times >= 2 * runner_up else None


def _answered_by_name(text: str, turns: list[_Turn], k: int) -> bool:
    """Whether the line after ``turns[k]`` is given to someone by name or description by its own
    first tag or beat: not "I" or "you", not he or she."""
    first = _answer_clue(text, turns, k)
    return first is not None and first.subject not in ("I", "you") and first.subject not in SUBJECT_PRONOUNS


def _answer_clue(text: str, turns: list[_Turn], k: int) -> _Clue | None:
    """The first tag or beat of the line answering ``turns[k]``: the next paragraph's, or the
    one's after a short narration."""
    if k + 1 >= len(turns) or turns[k + 1].paragraph - turns[k].paragraph > 2:
        return None
    return next(iter(_tag_candidates(text, turns[k + 1])), None)


_DESCRIBED_SPEAKER_TAGS = 2  # "said the old man" this often: a character of its own (cold mode)
_UNNAMED_SPEAKER_TAGS = 2  # "she said" this often (or once, and a she acting at a speech): a woman never named


# "said the receptionist, a thin man with silver cufflinks": a speaker the tag introduces with an
# indefinite apposition (of a noun that says a person: words.UNGENDERED_PERSONS, or a gender) is someone
# new, a character of their own at once (cold mode); so is one the narration says is a man or a woman
# ("The fruit seller was a small, round man with a voice [...]"), or brings in as whose they are with an
# apposition ("He looked at his solicitor, a thin woman in grey")
_APPOSITION_INTRODUCES = re.compile(r"(?:,|\s+(?:was|is))\s+an?\s+((?:[a-z-]+\b,?\s*){1,3})")
_OWNED_INTRODUCED = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir) ([a-z]+)(?=, an? )")
_OWNED_BY_NAME = re.compile(rf"\s*[{UPPER}][{LOWER}]+['\u2019]s ([a-z]+)(?=, an? )")  # "Eli's friend, a thin man"
_NAMED_IN_CLAUSE = re.compile(rf"[^,;.!?]*?\b[{UPPER}]")


def _introduced_as(clue: _Clue) -> Gender | None:
    """The gender a description tag's apposition introduces its speaker with (``said the
    receptionist, a thin man``: male; ``the driver, a stranger``: unknown), or None if it has none."""
    return _introduced_in(clue.sentence, clue.subject)


def _introduced_in(sentence: str, subject: str) -> Gender | None:
    """The gender the apposition after ``subject`` in ``sentence`` introduces it with, if any (see
    _introduced_as)."""
    at = sentence.lower().find(subject.lower())  # (a beat's "The barista, a tall guy, came over")
    end = at + len(subject) if at >= 0 else -1
    if at < 0 and subject.startswith("the ") and (owned := _OWNED_BY_NAME.match(sentence)) \
            and owned.group(1) == subject[4:]:
        end = owned.end()  # "Eli's friend, a thin young man in a borrowed suit, went pink": the friend
    m = _APPOSITION_INTRODUCES.match(sentence, end) if end >= 0 else None
    if m is None or _NAMED_IN_CLAUSE.match(sentence, m.start(1)):
        return None  # "continued the young enquirer, a candid Thorley": named there, not someone new
    words = m.group(1).split()
    gender = next((g for g in map(_noun_gender, words) if g), None)
    if gender is None and UNGENDERED_PERSON_WORDS.isdisjoint(words):
        return None  # "said the old man, a smile on his face": no one introduced
    return gender or "unknown"


def _described_beat_before_pronoun(clues: list[_Clue]) -> tuple[str, Gender, bool] | None:
    """A line whose tag is a he or she and whose beat is a person described (``The barista, a tall
    guy with a nose ring, came over with a cloth. "Can I get you anything?" he asked Jess.``): the
    description, the gender, and whether an apposition introduces them as someone new. Read as
    ``asked the barista`` would be."""
    pronoun = next((c for c in clues if c.rule == "tag" and c.subject in ("he", "she")), None)
    if pronoun is None:
        return None
    gender: Gender = "male" if pronoun.subject == "he" else "female"
    for clue in clues:
        if clue.rule != "beat" or not clue.subject.startswith("the ") or not is_description(clue.subject):
            continue
        noun = clue.subject.split()[-1]
        introduced = _introduced_as(clue)  # "The barista, a tall guy with a nose ring,": a man
        said = {g for g in (_noun_gender(noun), introduced) if g and g != "unknown"}
        if (said or noun in UNGENDERED_PERSON_WORDS or introduced is not None) and said <= {gender}:
            return clue.subject, gender, introduced is not None
    return None


def _noun_gender(noun: str) -> Gender | None:
    """The gender a describing noun says (``policeman``: male, ``waitress``: female), or None
    (``driver``): one reading for the described speakers, the newcomers and the unnamed."""
    return SUBJECT_PRONOUNS.get(descriptor_pronoun(noun) or "")


def _person_nouns(pronoun: str | None = None) -> str:
    """A regex alternation of the nouns that say a person's gender (``girl``, ``gentleman``), of
    that pronoun's only if one is given: one list for the unnamed speakers and the newcomers."""
    return "|".join(sorted(n for n, p in DESCRIPTOR_GENDER.items() if pronoun in (None, p)))


def _noun_of(pronoun: str) -> re.Pattern[str]:
    """``a girl``, ``the old woman``: the first noun of that gender the text mentions."""
    return re.compile(rf"\b(?:[Aa]n?|[Tt]he) (?:[a-z]+ ){{0,2}}?({_person_nouns(pronoun)})\b")


_UNNAMED_NOUN: dict[Gender, tuple[re.Pattern[str], str]] = {"female": (_noun_of("she"), "woman"),
                                                            "male": (_noun_of("he"), "man")}


def _plain_name(written: str) -> str:
    """A name as discovery counts it: no emphasis marks, one space (_Miss Woodhouse_; "Mr.\nBell")."""
    return " ".join(written.replace("_", "").replace("*", "").split())


# A family word the narration uses as a name (``Of course it's Mum.``, ``Dad was asleep``, a phone's
# ``MUM, said the screen.``), not as a relation (``my mum``, ``her dad``: _KIN_OWNED, checked after),
# nor the title of a name (``Grandma Rose``)
_KIN_NAMES = sorted((w.capitalize() for w in FAMILY_NAME_GENDER if w != "pop"), key=len, reverse=True)
_KIN_NAMED = starting_with("".join(sorted({w[0] for w in _KIN_NAMES})),
                           r"\b(" + "|".join(_KIN_NAMES + [w.upper() for w in _KIN_NAMES]) + r")\b(?!\s+[A-Z])")
_KIN_OWNED = re.compile(r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Yy]our|[Oo]ur|[Tt]heir|[Tt]he)\s$")


def _called_by_rank_or_kin(name: str) -> bool:
    """Whether a name someone is called by is a family word (``Mum``) or a style of address
    (``Your Majesty``, ``Highness``): no one's own name, so no character of that name."""
    *before, last = name.lower().split()
    if not before:
        return last in _KIN_ADDRESS or last in STYLES_OF_ADDRESS
    return last in OWNED_STYLES_OF_ADDRESS and all(word in ("your", "my", "his", "her") for word in before)


def _described_brought_in(subject: str, names: _Names) -> str | None:
    """The described character a sentence brings in (``An old man in overalls comes out of the
    garage.``: The Old Man), when the story has one so described, or one its noun alone
    describes past the adjectives (``A young waiter came jogging``: The Waiter); or the named one
    its noun alone is an alias of (``a thin woman``: Mara, who gave her name when asked; ``a man
    came down``: Danny, the man called so next)."""
    article, *words = subject.split()
    if article not in ("a", "an"):
        return None
    for k in range(len(words), 0, -1):  # (a description read from a sentence may run on into its verb)
        described = names.resolve("the " + " ".join(words[:k]))
        if described in names.described:
            return described
    for noun in reversed(words):  # "A young waiter came jogging over.": The Waiter (not "a young man", who
        described = names.resolve("the " + noun)  # may be named as soon: "Jamie Harmon?")
        if described in names.described and noun not in _LOOKS_OF_A_PERSON:
            return described
    for noun in dict.fromkeys(words[-1:] + words[:1]) if len(words) <= 2 else ():  # (its noun first or
        # last: "a thin woman", "a man came", the verb read with it)
        if (named := names.resolve("the " + noun)) is not None and named not in names.described:
            return named  # "a thin woman", who gave her name when asked for it (see _named_when_asked): her
        # (but not The Woman, someone described: "A young woman appeared in the doorway" may be the Greta
        # called next)
    return None


_BROUGHT_IN_BACK = 1_500  # characters before a description acting at speech where it may have come in
_THE_DESCRIBED = re.compile(r"\s*The ([a-z]+(?: [a-z]+){0,2})\b")


def _newcomer_acting(text: str, at: int, sentence: str) -> str | None:
    """The person a narration sentence opens on by a description (``The young man came to the
    fence.``) who came into the story shortly before ``at`` as someone new, the subject of their
    sentence or clause (``On the next plot, a young man in a beanie was pretending not to
    listen``; not ``The figure of a lady appeared``): a person of their own, whom the story may
    name later, not an epithet of someone known."""
    opening = _THE_DESCRIBED.match(sentence)
    if opening is None:
        return None
    words = opening.group(1).split()
    before = text[max(0, at - _BROUGHT_IN_BACK) : at]
    for k in range(len(words), 0, -1):
        noun = words[k - 1]
        if _noun_gender(noun) is None and noun not in UNGENDERED_PERSON_WORDS:
            continue
        if re.search(rf"(?:^|[.!?,;]\s+|\band\s+)[Aa]n? {' '.join(words[:k])}\b", before, re.MULTILINE):
            return "the " + noun  # (by its noun, as _NEWCOMER brings it in: "the man")
    return None


def _a_trade(description: str, whole: str) -> bool:
    """Whether a description names a person by what they do (``the nurse``, ``the landlord``),
    not by their looks or age (``the old man``, ``the kid``), which may be an epithet of someone
    named; nor a trade the story writes as someone's title (``Inspector Maya Lindqvist``, then
    ``said the inspector``)."""
    noun = description.rsplit(" ", 1)[-1]
    return noun in TRADE_WORDS and not _written_as_title(noun, whole)


@lru_cache(maxsize=64)
def _written_as_title(noun: str, whole: str) -> bool:
    """Whether the story writes ``noun`` capitalised before a name (``Inspector Maya``): one scan
    of the text per trade, however many tags use it."""
    return re.search(rf"\b{noun.capitalize()} [{UPPER}]", whole) is not None


def _named_in_apposition(sentence: str, description: str) -> bool:
    """Whether a tag's description is named right after it (``said the receptionist, a candid
    Thorley``): someone named, not someone of their own."""
    named = rf"\b{re.escape(description)}, (?:(?:an?|the) )?(?:[a-z-]+ ){{0,3}}[{UPPER}]"
    return re.search(named, sentence) is not None



def _machine(subject: str) -> bool:
    """Whether a described subject is a machine that may speak (``the radio``, ``the ship's
    computer``; not a name, "Computer")."""
    return subject[:1].islower() and subject.rsplit(" ", 1)[-1] in MACHINES


def _called_before(text: str, described: str, before: _Turn) -> bool:
    """Whether the line before called the one a description tag describes by its noun
    (``"Computer, identify that vessel."`` then ``the computer replied``; ``"Waiter!"`` then
    ``said the waiter``; ``"Objection, Your Honour."`` then ``said the judge``): someone there
    and spoken to, a character at once."""
    noun = described.split()[-1]
    return any(name.lower() == noun or noun in STYLE_HOLDERS.get(name.lower().rsplit(None, 1)[-1], ())
               for name in _vocative_names(text, before))


def _brought_in_as(text: str, described: str, at: int) -> Gender | None:
    """The gender of a person a sentence shortly before ``at`` brings in, described just as the
    tag describes them (``An old man in overalls comes out of the garage.`` before ``the old man
    says``: someone new, whom no name was given; "unknown" where the noun says none), or None if
    none is. One of a group brought in has the group's gender (``Two women sat at the bar, a
    redhead in a leather jacket and an older woman``). Stricter than ``_introduced``, which only
    keeps a described speaker from being read as a named one: this one makes a character."""
    words = described.split()
    if words[0] != "the" or len(words) < 2:
        return None
    start = max(0, at - _INTRODUCTION_CHARS)
    before = text[start:at]
    described_as = " ".join(map(re.escape, words[1:]))
    for listed in re.compile(rf"(?:,\s+|\sand\s+)[Aa]n? {described_as}\b").finditer(text, start, at):
        sentence_start = max(text.rfind(c, 0, listed.start()) for c in ".!?\n") + 1
        if (group := _GROUP_OF.search(text, sentence_start, listed.start())) is not None:
            return _GROUP_GENDER[group.group(1)]
    if _noun_gender(words[-1]) is None and words[-1] not in UNGENDERED_PERSON_WORDS:
        return None
    if re.search(rf"(?:^|[.!?]\s+|\n)[Aa]n? {described_as}\b", before) is None:
        return None
    return _noun_gender(words[-1]) or "unknown"


_GROUP_GENDER: dict[str, Gender] = {"women": "female", "girls": "female", "men": "male", "boys": "male"}
_GROUP_OF = re.compile(r"\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Bb]oth) (?:[a-z]+ )?(" + "|".join(_GROUP_GENDER) + r")\b")


def _speaking_beat(clue: _Clue) -> bool:
    """Whether a beat at the speech has its subject speak (``The older woman answered for
    herself.``), which says who speaks as a tag does."""
    if clue.rule != "beat" or clue.confidence < _AT_SPEECH:
        return False
    verb = re.match(rf"\s*{re.escape(clue.subject)}\s+([a-z]+)", clue.sentence, re.IGNORECASE)
    return verb is not None and verb.group(1) in SPEECH_VERBS


def _discover_characters(story: Story, chapters_turns: list[list[_Turn]],
                         chapters_paragraphs: list[list[_Paragraph]], names: _Names, whole: str, narration: str, *,
                         told_as_i: bool = False) -> None:
    """Cold mode: characters are the names that speak in tags and beats; merge aliases.

    A name only ever the subject of narration away from speech (Daisy Miller's hotel, "the
    Trois Couronnes", had four lines) is no character: one must be named at least once where
    a speaker is, in a tag, a beat, an address, or the narration paragraph just before a
    speech ("Mara set the kettle down." then her untagged line). ``told_as_i``: the narration
    may be an "I" (_MAY_BE_TOLD_AS_I), so a name called once may be the narrator's and makes no
    one on that alone."""
    counts: Counter[str] = Counter()  # weights are halves: stored as float in a Counter
    near_speech: set[str] = set()  # names seen where a speaker is named
    addressed: Counter[str] = Counter()  # the part of a name's evidence that is addresses

    def add(subject: str, weight: float, at_speech: bool) -> None:
        counts[subject] += weight  # type: ignore[assignment]
        if at_speech:
            near_speech.add(subject)

    def count(subject: str, weight: float, at_speech: bool = True, tag_sentence: str | None = None) -> None:
        """``tag_sentence``: the tag the subject was read from, where a capital right next to the
        speech verb makes a name of any word (see _Names.is_name_word)."""
        subject = _plain_name(subject)
        if subject in SUBJECT_PRONOUNS or subject == "I" or POSSESSIVE.search(subject):
            return  # "Harriet's answer": the speaker is not Harriet's
        if subject.rstrip(".").lower() in HONORIFICS and not is_common_given_name(subject):
            return  # "Mrs" alone is no name (Dean is, acting: grammar gives a rank alone only so)
        if subject.startswith("the "):  # a role written like a name: the Queen, the Professor
            words = subject.split()[1:]
            if len(words) == 1 and words[0].endswith("s") and names.is_name_word(words[0][:-1]):
                return  # "the Coles", "the Dashwoods": a family, not one voice
            if len(words) > 2 and words[0].rstrip(".").lower() in HONORIFICS:
                count(subject[4:], weight, at_speech, tag_sentence)  # "the Reverend Wyndham Datchet": his name
                return
            if subject[4:5].isupper() and all(w[:1].isupper() for w in words):
                add(subject, weight, at_speech)
                return
            name = name_after_adjectives(words)
            if len(name) > 1 and name[0].rstrip(".").lower() in HONORIFICS:
                count(" ".join(name), weight, at_speech)  # "the gallant Mr. Wren"
            return
        words = subject.split()
        if len(words) == 2 and words[0] in NAME_ADJECTIVES and not (  # "Little Rabbit" where a tag calls him
                tag_sentence is not None and next_to_speech_verb(tag_sentence, subject)):  # so; "Poor Edward!"
            count(words[1], weight, at_speech, tag_sentence)  # and "Old Tobin limped up" are Edward and Tobin
            return
        if len(set(words)) < len(words):
            return  # "Joe--Joe--Joe--he's in pen'tentiary": a name said over and over is no full name
        titled = words[0].rstrip(".").lower() in HONORIFICS  # "Mrs Last": after a title, a name
        def name_words(tagged: bool) -> bool:
            if len(words) == 2 and words[0] in NAME_ADJECTIVES:  # "said Little Rabbit"
                return names.is_name_word(words[1], tagged=True)
            return all(names.is_name_word(w, tagged=tagged) or w.rstrip(".").lower() in HONORIFICS
                       or (titled and w[:1].isupper()) for w in words if w not in NAME_PARTICLES)

        if name_words(False) and not (len(words) == 1 and names.named_once(subject)):
            add(subject, weight, at_speech)
        elif len(words) == 2 and words[1] in FAMILY_WORDS and (owner := POSSESSIVE.sub("", words[0])) != words[0] \
                and names.is_name_word(owner):
            add(subject, weight, at_speech)  # "Chidi's grandfather looked up.": someone, as "said Chidi's mother" is
        elif tag_sentence is not None and next_to_speech_verb(tag_sentence, subject) and name_words(True):
            add(subject, weight, at_speech)  # "said Belief" would make a name of it

    def owned_introduced(sentence: str) -> None:
        """Someone's own set off as someone new (``his solicitor, a thin woman in grey``): a
        described speaker, of the gender the apposition says."""
        for owned in _OWNED_INTRODUCED.finditer(sentence):
            if (brought_as := _introduced_in(sentence, owned.group())) is not None:
                described["the " + owned.group(1)] += _DESCRIBED_SPEAKER_TAGS
                if brought_as != "unknown":
                    described_as.setdefault("the " + owned.group(1), brought_as)

    described_acting: Counter[str] = Counter()  # "The old woman laughed.": a person described by a beat
    names_acting = False  # ... or whether anyone named acts in one, a tag or the narration near speech

    def acting_description(subject: str, weight: float) -> None:
        nonlocal names_acting
        if is_description(subject):
            described_acting[subject] += weight  # type: ignore[assignment]
        elif subject[:1].isupper() and subject != "I":
            names_acting = True

    kin_calls: list[tuple[str, float]] = []  # "Hi, Mum.": a family word called, and its weight as a name
    kin_named: set[str] = set()  # family words the narration uses as names ("Of course it's Mum.")
    family_tagged: list[str] = []  # family words a tag owns ("said their mother"): a speaker, called so or not
    short = names.words_in_lower_case < _LONG_TEXT_WORDS  # a story whose family may be known by that alone
    described = _PlacedTally()  # "said the old man": a speaker the story never names (and where)
    described_as: dict[str, Gender] = {}  # "said the receptionist, a thin man": the gender it is introduced with
    newcomers: set[str] = set()  # "The young man came to the fence.", of "a young man" brought in before
    calls: list[tuple[str, list[_Turn], int, list[str]]] = []  # each line's calls, read once: see _calls_answered
    full_names: Counter[str] = Counter()  # "when Frank Churchill entered the room": a person, if never tagged
    answers: list[tuple[str, int]] = []  # a name given when asked for ("And you are?" / "Mara."), and where asked
    introductions: list[tuple[str, int]] = []  # a name given unasked ("I'm Tobias, by the way."), and where
    first_called: dict[str, int] = {}  # where each name a speech calls is first called ("It's fine, Claire.")
    turn_starts: list[int] = []  # where each line opens, in order (who answers whom: see _named_by_introduction)
    placed: set[str] = set()
    source_at = list(itertools.accumulate((len(source.text) + 1 for source in story.sources), initial=0))
    for ch, turns, paras in zip(story.chapters, chapters_turns, chapters_paragraphs, strict=True):
        text = story.sources[ch.source].text
        for k, turn in enumerate(turns):
            described.at = source_at[ch.source] + turn.quotes[-1][1]  # (a name its own speech says is another's)
            turn_starts.append(source_at[ch.source] + turn.quotes[0][0])
            for clue in _tag_candidates(text, turn):
                count(clue.subject, 2 if clue.rule == "tag" else 1, at_speech=not clue.spoken_to,
                      tag_sentence=clue.sentence if clue.rule == "tag" else None)  # (spoken to: a form
                # of a name, no sign that it speaks: "a policeman on the Embankment spoke to him, and said")
                if not clue.spoken_to:
                    acting_description(clue.subject, 1.0)
                if clue.rule == "tag" and _VOICE_ON_THE_LINE.fullmatch(clue.subject) \
                        and _on_the_phone(text, turn.quotes[0][0]):
                    described["the voice"] += _DESCRIBED_SPEAKER_TAGS  # "said a voice, low and rough": the caller
                if (clue.rule == "tag" or (clue.confidence >= _AT_SPEECH and short)) and (
                        owned := _OWNED_FAMILY.fullmatch(clue.subject)) is not None:
                    family_tagged.append(owned.group(2))  # "said their mother"; and "Coming, Mum." calls her
                    kin_named.update(_family_names(owned.group(2)))
                if clue.rule == "beat" and clue.confidence >= _AT_SPEECH and _machine(clue.subject):
                    described[clue.subject] += _DESCRIBED_SPEAKER_TAGS  # "The radio crackled again. "Twelve, be
                    # advised [...]"": a machine that speaks, as "answered the computer" is
                if clue.rule == "beat" and clue.confidence >= _AT_SPEECH and clue.subject.startswith(("his ", "her ")):
                    owned_introduced(clue.sentence)  # "Her aunt, a stout lady in purple, looked up. "Pray sit down.""
                if (clue.rule == "tag" or _speaking_beat(clue)) and is_description(clue.subject):
                    described[clue.subject] += 1
                    if clue.rule == "tag" and _a_trade(clue.subject, whole) \
                            and not _named_in_apposition(clue.sentence, clue.subject):
                        described[clue.subject] += 1  # "the nurse says" once: someone by what they do
                    if (brought_as := _brought_in_as(text, clue.subject, turn.quotes[0][0])) is not None:
                        described[clue.subject] += _DESCRIBED_SPEAKER_TAGS  # "An old man in overalls comes out"
                        if brought_as != "unknown":  # then "the old man says"
                            described_as.setdefault(clue.subject, brought_as)
                    if k > 0 and _called_before(text, clue.subject, turns[k - 1]):  # "Computer, identify that
                        described[clue.subject] += _DESCRIBED_SPEAKER_TAGS  # vessel." then "the computer replied"
                    if _machine(clue.subject) or (clue.rule == "tag" and clue.subject.rsplit(" ", 1)[-1] in CREATURES):
                        described[clue.subject] += _DESCRIBED_SPEAKER_TAGS  # "answered the computer in its flat
                        # voice", "said the dragon, in a voice like a landslide": no epithet of anyone named
                    if (introduced_as := _introduced_as(clue)) is not None:  # "said the receptionist, a thin man"
                        described[clue.subject] += _DESCRIBED_SPEAKER_TAGS
                        if introduced_as != "unknown":
                            described_as.setdefault(clue.subject, introduced_as)
            if (walk_on := _walk_on(text, turn)) is not None and not _self_naming(text, turn):  # "A nurse with a
                described[walk_on] += _DESCRIBED_SPEAKER_TAGS  # clipboard leaned out of a side room. "You can go in
                # now."" (one who names herself in that line is no walk-on: see the newcomer below)
                introduced_as = next((_introduced_as(c) or _introduced_next(text, turn, c) for c in
                                      _tag_candidates(text, turn) if c.subject == walk_on and c.rule == "beat"), None)
                if introduced_as not in (None, "unknown"):  # "The paramedic, a heavyset man,": a man
                    described_as.setdefault(walk_on, introduced_as)
            if (beat := _described_beat_before_pronoun(_tag_candidates(text, turn))) is not None:
                description, acting_gender, introduced_now = beat  # "The barista, a tall guy, came over.
                described[description] += _DESCRIBED_SPEAKER_TAGS if introduced_now else 1  # "Anything?" he asked.
                described_as.setdefault(description, acting_gender)
            for introduced in _self_naming(text, turn):  # "I'm Daniel Hayes.": a name, and its speaker's
                count(introduced, 1)
                introductions.append((introduced, source_at[ch.source] + turn.quotes[0][0]))
            if k > 0 and (answered := _answer_name(text, turn, turns[k - 1])) and _may_be_given(answered, names):
                if answered not in _self_naming(text, turn):  # (counted once: "Patel. Dev Patel.")
                    count(answered, 1)  # "What are you called?" / "Mary.": the same
                if _asks_for_a_name(text, turns[k - 1]):  # (not one answering a self-introduction
                    answers.append((answered, source_at[ch.source] + turns[k - 1].quotes[0][0]))  # with their own)
                else:
                    introductions.append((answered, source_at[ch.source] + turn.quotes[0][0]))
            calling = _vocative_names(text, turn, whole_quote=False)
            if calling and k and turns[k - 1].paragraph == turn.paragraph - 1:  # ("Tea or coffee?" / "Tea, please.";
                # "Where were you?" / "Home. [...]")
                answer_words = _answered_words(text, turns[k - 1], turn)
                calling = [name for name in calling if name.lower() not in answer_words]
            calls.append((text, turns, k, calling))
            for name in _vocative_names(text, turn):  # ("Danny—", a name alone, calls him as well)
                first_called.setdefault(name, source_at[ch.source] + turn.quotes[0][0])
            for name in calls[-1][3]:
                titled = name.split()[0].rstrip(".").lower() in HONORIFICS
                seen_again = names.capitalised(name.split()[-1]) >= 2
                weight = _ADDRESS_EVIDENCE if titled or seen_again or (
                    is_common_given_name(name) and name.lower() not in _ENDEARMENTS and not told_as_i) \
                    else _LONE_ADDRESS_EVIDENCE
                if _called_by_rank_or_kin(name):  # "Mum, please.", "Your Majesty": whoever the family or the
                    kin_calls.append((name, weight))  # court calls so (unless the narration names one so)
                    continue
                count(name, weight)
                addressed[_plain_name(name)] += weight  # type: ignore[assignment]
        speech_paras = {t.paragraph for t in turns}
        turn_at = {t.paragraph: t for t in turns}
        beasts_talk = any(d.rsplit(" ", 1)[-1] in CREATURES for d in described)  # ("said the fox")
        for index, para in enumerate(paras):
            if index in speech_paras or para.is_break:
                continue
            described.at = source_at[ch.source] + para.end
            before_speech = index + 1 in speech_paras
            if before_speech and (newcomer := _NEWCOMER.search(text, para.start, para.end) or (
                    _CREATURE_NEWCOMER.search(text, para.start, para.end) if beasts_talk else None)) \
                    and (index - 1 not in speech_paras or newcomer.group()[:1] != "A"
                         or newcomer.group(1) in CREATURES  # (in a fable, a beast come in after a line)
                         or _called_by_noun(text, newcomer.group(1), turn_at, index)
                         or _asked_their_name(text, turn_at, index)) \
                    and not _self_naming(text, turn_at[index + 1]):
                described.at = source_at[ch.source] + paras[index + 1].start  # (where they speak)
                described["the " + newcomer.group(1)] += _DESCRIBED_SPEAKER_TAGS  # "A stranger was before him
                # [...]. Finally Tom said:" / "I can lick you!" / "I'd like to see you try it.": someone new, and the
                # one he talks with (but '"I'm Morag."' names the woman who opened the door: no The Woman beside her)
                # (after a line too when not opening the sentence: "The door opened and a nurse leaned out.",
                # "Beside him, a thin woman [...] cleared her throat.", "Presently a horseman drew level")
                if newcomer.group(1) in CREATURES and (owned := _OWN_PRONOUN.search(
                        text, newcomer.end(), text.find(".", newcomer.end(), para.end) % (para.end + 1))):
                    described_as.setdefault("the " + newcomer.group(1), "female" if owned.group(1) == "her" else "male")
                    # "An old owl, who had watched the whole thing, shook her head.": a she
            described.at = source_at[ch.source] + para.end
            for kin in _KIN_NAMED.finditer(text, para.start, para.end):  # "My phone buzzes. Mum. Of course
                if not _KIN_OWNED.search(text, max(para.start, kin.start() - 6), kin.start()):  # it's Mum.": the
                    kin_named.add(kin.group(1).capitalize())  # narration calls her so, as it would by her name
                    count(kin.group(1).capitalize(), 0.5, at_speech=before_speech)
            if before_speech and (spoke := _SPOKE_AT_LAST.search(text[para.start : para.end].rstrip())):
                count(spoke.group(1), 1)  # "Tom had been pacing for an hour before Mia spoke.": Mia speaks next
            if before_speech:  # "[...] for an hour when Ada finally asked it to stop.": Ada is talking
                for asking in _ASKING_IN_A_CLAUSE.finditer(text, para.start, para.end):
                    count(asking.group(1), 0.5, at_speech=True)
            if before_speech and (ringing := _OWN_PHONE_RINGS.search(text, para.start, para.end)):
                count(ringing.group(1), 1)  # "Sam's phone lit up on the desk. [...] he picked it up.": he answers
            if before_speech:  # "Their grandmother shuffled in.": the family words for her are hers ("Sorry, Gran.")
                for owned in _OWNED_FAMILY.finditer(text, para.start, para.end):
                    kin_named.update(_family_names(owned.group(2)))
            for written, is_place in _full_names_in(text[para.start : para.end]):
                full_names[written] += 1
                if is_place:
                    placed.add(written)
            for m in SENTENCE.finditer(text[para.start : para.end]):
                narrated = sentence_subject(m.group(1) or "", opening_phrase=before_speech)
                if narrated:  # the paragraph before a speech may name its speaker, after an opening
                    # phrase too: "By the time Fiona got to the station, ..." may be all she gets
                    count(narrated, 0.5, at_speech=before_speech)
                    if before_speech:
                        acting_description(narrated, 1.0)
                        if _machine(narrated) and m.end() == len(text[para.start : para.end].rstrip()):
                            described[narrated] += _DESCRIBED_SPEAKER_TAGS  # "The radio crackled as Officer
                            # Mendez pulled onto the interstate." / "Unit Twelve, what's your twenty?"
                        if short and (owned := _OWNED_FAMILY.fullmatch(narrated)) is not None \
                                and not _BACKSTORY.match(m.group(1) or "", len(narrated)):  # "Their grandmother,
                            family_tagged.append(owned.group(2))  # who had been silent, cleared her throat." (in a
                            # novel, "their father" acting is as a rule someone it names: Hard Times cold -12; and
                            # "Our mother had not spoken to our father in eleven years" is no one acting now)
                        if narrated.startswith("the ") and is_description(narrated) and (
                                brought_as := _introduced_in(m.group(1) or "", narrated)) is not None:
                            described[narrated] += _DESCRIBED_SPEAKER_TAGS  # "The innkeeper, a big red-faced
                            if brought_as != "unknown":  # woman with a ladle in one fist, looked down at them.
                                described_as.setdefault(narrated, brought_as)  # "You the hunters?""
                if before_speech and (acting_anew := _newcomer_acting(text, para.start, m.group(1) or "")):
                    described.at = source_at[ch.source] + paras[index + 1].start  # (where they speak)
                    described[acting_anew] += _DESCRIBED_SPEAKER_TAGS  # "a young man in a beanie was pretending
                    # not to listen" [...] "The young man came to the fence.": someone new, who may speak
                    described.at = source_at[ch.source] + para.end
                    newcomers.add(acting_anew)
                if before_speech:  # "He looked at his solicitor, a thin woman in grey who had not said a word":
                    owned_introduced(m.group(1) or "")  # someone new, The Solicitor
                if before_speech:  # or in a clause after "and": "The door bangs open and Marcus shoulders in."
                    for clause in _AND_CLAUSE.finditer(m.group(1) or ""):
                        count(clause.group(1), 0.5, at_speech=True)
    # Two lines calling each other by name are two people talking, so a given name called once there
    # is someone when the other is a voice found or a given name too ("Kit" beside Ollie; "Dani" and
    # "Marcus" in a talk with no tag; not "Otway", a place). Not in a story told as "I", where one of
    # them may be the narrator ("Hi, Sam." / "Hey, Jess." had made Sam a voice beside the Narrator).
    for called, answer in () if told_as_i else _called_back(calls):
        for name, other in ((called, answer), (answer, called)):
            if counts[_plain_name(name)] < MIN_CHARACTER_EVIDENCE and is_given_name(name) and (
                    counts[_plain_name(other)] >= MIN_CHARACTER_EVIDENCE or is_given_name(other)):
                count(name, _LONE_ADDRESS_EVIDENCE)
    for name, weight in kin_calls:
        if name in kin_named:  # "Hi, Mum.": the one the narration calls Mum
            count(name, weight)
            addressed[name] += weight  # type: ignore[assignment]
    described.at = -1
    for full in _untagged_people(full_names, placed, near_speech):
        count(full, 0.5 * full_names[full])
    add_full_name_bridges(counts, whole)
    clusters = {c: a for c, a in merge_aliases(dict(counts)).items()
                if sum(counts[n] for n in a) >= MIN_CHARACTER_EVIDENCE and not near_speech.isdisjoint(a)}
    not_people = places_and_things(clusters, whole) | peoples(clusters, whole)
    clusters = {c: a for c, a in clusters.items() if c not in not_people}
    genders = infer_genders(whole, clusters, names.is_name_word, _style_for(whole))
    join_maiden_titles(clusters, genders)
    join_bare_surnames(clusters, genders, counts)
    only_called = frozenset(n for n, w in addressed.items() if counts[n] <= w)
    join_mister(clusters, genders, counts, only_called)
    join_short_forms(clusters, genders, counts)
    join_pet_forms(clusters, genders, only_called)
    mostly_called = {c for c, aliases in clusters.items()
                     if sum(counts[a] for a in aliases) <= 2 * sum(addressed[a] for a in aliases)}
    _join_the_called(clusters, genders, _calls_answered(calls, clusters), mostly_called)
    for canonical, aliases in clusters.items():  # ("the Gryffindor", a capitalised role, is The Gryffindor)
        names.add_character("The" + canonical[3:] if canonical.startswith("the ") else canonical, aliases,
                            genders[canonical])
    for description, named_so in _apposition_namings(whole, names).items():
        names.add_character(named_so, [description], names.gender[named_so])  # "Their guest, a thin young curate
        # named Mr. Abbot, cleared his throat." then "The curate went pink.": Mr. Abbot
    for description, named_so in _role_namings(whole, described, names).items():
        names.add_character(named_so, [description], names.gender[named_so])  # "Mr. Pargeter had been the
        # family's solicitor" and "observed the solicitor": Mr. Pargeter
    for word in family_tagged:  # "said their mother", never called "Mum" or named: Mother, who answers to "Mum"
        if names.family_called(word) is None:
            names.add_character(word.title(), [word.title(), *_family_names(word)],
                                FAMILY_NAME_GENDER.get(word) or _noun_gender(word) or "unknown")
    persons_acting = [d for d in described_acting if described[d] or _noun_gender(d.split()[-1])
                      or d.split()[-1] in UNGENDERED_PERSON_WORDS or d.split()[-1] in CREATURES]
    if not names_acting:  # a story whose people act unnamed (The Old Woman, The Boy): its beats say who is
        # about, those whose noun says a person or a beast of fable, or that a tag shows speaking ("said the fox")
        described.update(dict.fromkeys(persons_acting, _DESCRIBED_SPEAKER_TAGS))
    elif len(names.gender) == 1 and persons_acting:  # one voice found: the one described most at speech (the
        talker = max(persons_acting, key=described_acting.__getitem__)  # first of equals) talks with them ("The
        described[talker] = max(described[talker], _DESCRIBED_SPEAKER_TAGS)  # butler did not look up." to Gale)
    told_apart = _told_apart_by_one(described, whole)
    for one, partner in told_apart.items():  # "said the tall one" and "The tall guard laughed.": one guard,
        described[partner] += described.pop(one) + _DESCRIBED_SPEAKER_TAGS  # someone of their own
    roles = [d for d, seen in described.items() if seen >= _DESCRIBED_SPEAKER_TAGS  # not "the general" of
             and name_key(d) not in names.alias_to_names and names.resolve(d) is None  # General Tilney, nor
             and not (d.startswith("the ") and names.resolve(d[4:]))]  # "said nanny" of a Nanny found
    ungendered = {_titled(d): [d, d[0].upper() + d[1:]] for d in roles if descriptor_pronoun(d.split()[-1]) is None}
    heard = infer_genders(whole, ungendered, names.is_name_word, _style_for(whole)) if ungendered else {}
    also_called = {partner: one for one, partner in told_apart.items()}
    # "the policeman" is a man; "the driver", what the pronouns after it say
    role_gender: dict[str, Gender] = {d: _noun_gender(d.split()[-1]) or described_as.get(d)
                                      or heard.get(_titled(d), "unknown") for d in roles}
    # "the young lady", then "Her name is Daisy Miller!": one woman, described until she is named (but
    # "the gentleman" and "the second gentleman", then a Colonel: which of them is he?)
    first_named = _first_written(clusters, whole) if any(d.split()[-1] in _LOOKS_OF_A_PERSON for d in roles) else {}
    named_as = {d: named for d in roles
                if (named := _named_soon_after(d, role_gender[d], described, first_named, names, whole)
                    or _named_when_asked(d, role_gender[d], described, answers, names)
                    or _named_by_introduction(d, role_gender[d], described, introductions, turn_starts, names, whole)
                    or _called_soon_after(d, role_gender[d], described, first_called, names, whole))}
    for description in roles:
        named = named_as.get(description)
        if named and list(named_as.values()).count(named) == 1:  # (of the description's sex if the name says none)
            known = names.gender.get(named, "unknown")
            names.add_character(named, [description], role_gender[description] if known == "unknown" else known)
        else:
            named = names.add_described(description, role_gender[description], also_called.get(description))
        if description in newcomers:
            names.brought_in.add(named)
    called_once = set() if told_as_i else {name for *_, called in calls for name in called}
    if not told_as_i:  # and a family word that is a whole line ("Dad?"): a call, whatever one name alone is
        called_once.update(name for call_text, call_turns, k, _ in calls
                           for name in _vocative_names(call_text, call_turns[k]) if name.lower() in FAMILY_NAME_GENDER)
    _add_unnamed_speakers(story, chapters_turns, names, whole, full_names, called_once, narration)


# "Their guest, a thin young curate named Mr. Abbot,": a description (the head and the apposition's
# noun) and the name the apposition gives it
_APPOSITION_NAMING = re.compile(rf"({_NAME})(?=[,.;]| who\b)")  # (read at each " named " and " called ": fast)
_APPOSITION_NAMED = re.compile(r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y) ([a-z-]+), an? "
                               r"(?:[a-z-]+,? ){0,3}?([a-z-]+) $")  # (read back from the naming: fast)


def _apposition_namings(whole: str, names: _Names) -> dict[str, str]:
    """Cold mode: the descriptions an apposition names (``The commis, a lanky boy called
    Eddie,``: "the commis" and "the boy" are Eddie), each of a character found and of no one else
    found or named so, its noun fitting their gender."""
    named_as: dict[str, set[str]] = defaultdict(set)
    for verb in (" named ", " called "):
        at = whole.find(verb)
        while at >= 0:
            name = _APPOSITION_NAMING.match(whole, at + len(verb))
            if name and (described := _APPOSITION_NAMED.search(whole, max(0, at - 80), at + 1)):
                who = names.resolve(name.group(1))
                for noun in {described.group(1), described.group(2)}:
                    named_as["the " + noun].add(who or "")
            at = whole.find(verb, at + 1)
    return {description: who for description, (who,) in ((d, tuple(w)) for d, w in named_as.items() if len(w) == 1)
            if who and names.resolve(description) is None
            and _compatible(_noun_gender(description[4:]), names.gender.get(who, "unknown"))}


# "Mr. Pargeter had been the family's solicitor", "Mr. Pargeter, the family solicitor,": a name,
# then what they are (read back from each "the solicitor" the story has speak or act: fast)
_ROLE_OF_NAME = re.compile(rf"({_NAME})(?:, | (?:was|is|had been|has been|became) )(?:(?:the|his|her|their|our|my)"
                           rf" (?:[a-z]+['\u2019]s )?|[{UPPER}][a-z]+['\u2019]s )(?:[a-z-]+ ){{0,2}}$")


_AGENT = ("or", "er", "ist", "ian", "ant")  # "the solicitor", "the lawyer", "the chemist", "the librarian"


def _role_namings(whole: str, descriptions: Iterable[str], names: _Names) -> dict[str, str]:
    """Cold mode: the descriptions of speakers (``observed the solicitor``) that the narration
    says are a character's trade or rank (``Mr. Pargeter had been the family's solicitor for
    thirty years``), each of one character found, its noun fitting their gender. Not kin, nor a
    word for a person's looks (``Tom was the tallest boy``): whose, and which, is too loose."""
    named_as: dict[str, set[str]] = defaultdict(set)
    for description in descriptions:
        words = description.split()
        if len(words) != 2 or words[0] != "the" or words[1] in _LOOKS_OF_A_PERSON or words[1] in _KIN_RELATIONS \
                or words[1] in FAMILY_NAME_GENDER or not is_description(description) or not (
                words[1] in UNGENDERED_PERSON_WORDS or descriptor_pronoun(words[1]) or words[1].endswith(_AGENT)):
            continue
        noun = " " + words[1]
        at = whole.find(noun)
        while at >= 0:
            after = whole[at + len(noun) : at + len(noun) + 2]  # (not "the servant Antony": a name after it)
            if not (after[:1].isalpha() or after[:1] in "-'\u2019" or after[1:].isupper()) and (
                    role := _ROLE_OF_NAME.search(whole, max(0, at - 80), at + 1)):
                named_as[description].add(names.resolve(role.group(1)) or "")
            at = whole.find(noun, at + 1)
    return {description: who for description, (who,) in ((d, tuple(w)) for d, w in named_as.items() if len(w) == 1)
            if who and names.resolve(description) is None
            and _compatible(_noun_gender(description[4:]) or "unknown", names.gender.get(who, "unknown"))}


class _PlacedTally(Counter[str]):
    """A tally that keeps where in the story each key first and last grew (``at``: where the
    reading is; -1 for nowhere)."""

    def __init__(self) -> None:
        super().__init__()
        self.at = -1
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}

    def __setitem__(self, key: str, value: int) -> None:
        if self.at >= 0 and value > self.get(key, 0):
            self.first.setdefault(key, self.at)
            self.last[key] = self.at
        super().__setitem__(key, value)


# A person described by no more than their looks ("the young lady", "the stranger"), not by what
# they do or are to someone ("the landlady", "the son"), nor "the child" a family calls by name:
# someone the story may name as soon as it knows them
_LOOKS_OF_A_PERSON = frozenset("lady woman girl lass gal man gentleman boy fellow lad youth guy bloke chap stranger "
                               "person figure visitor newcomer".split())
_NAMED_SOON = 1_500  # characters after a description's last speech within which its naming comes
_TAKING_LEAVE = re.compile(r"\b(?:bowed|showed) (?:himself|herself|themselves) out\b|\btook (?:his|her|their) leave\b")


def _first_written(clusters: dict[str, list[str]], whole: str) -> dict[str, int]:
    """Where the story first writes each character found by any of its names."""
    first = {}
    for canonical, aliases in clusters.items():
        found = [at for alias in aliases if (at := whole.find(alias)) >= 0]
        if found:
            first["The" + canonical[3:] if canonical.startswith("the ") else canonical] = min(found)
    return first


def _described_by_looks(description: str, gender: Gender, described: _PlacedTally) -> bool:
    """Whether a description is of a person's looks (``the young lady``), of a known gender, and
    has spoken: one the story may name later (see _named_soon_after and _named_when_asked)."""
    return description.split()[-1] in _LOOKS_OF_A_PERSON and description in described.last and gender != "unknown"


def _named_soon_after(description: str, gender: Gender, described: _PlacedTally, first_named: dict[str, int],
                      names: _Names, whole: str) -> str | None:
    """The character a person described by their looks turns out to be: the one of their sex
    the story first names soon after the description last speaks (``"Her name is Daisy
    Miller!"`` after "the young lady"'s lines), when the description never speaks again. Not
    one named while the description still speaks: that is someone else ("the child" speaks on
    after ``"Randolph," said the young lady`` and is no Giovanelli named later); nor one named
    after someone leaves (``He bowed himself out`` [...] ``"What do you think of the gentleman,
    Bitzer?"``)."""
    if not _described_by_looks(description, gender, described):
        return None
    first, last = described.first[description], described.last[description]
    if first == last:
        return None  # (one speech is no stretch of lines before a naming)
    alike = sorted((at, who) for who, at in first_named.items() if at > first and names.gender.get(who) == gender)
    if not alike or alike[0][0] <= last or alike[0][0] > last + _NAMED_SOON or (
            len(alike) > 1 and alike[1][0] == alike[0][0]):
        return None
    if _gone_between(whole, last, alike[0][0]):
        return None
    return alike[0][1]


def _gone_between(whole: str, start: int, end: int) -> bool:
    """Whether someone leaves between two places in the story (``He bowed himself out``): a
    name after it is someone else's."""
    return _LEAVING.search(whole, start, end) is not None or _TAKING_LEAVE.search(whole, start, end) is not None


_ASKED_AT_ONCE = 400  # characters from a description's last speech to the question for a name


def _named_when_asked(description: str, gender: Gender, described: _PlacedTally, answers: list[tuple[str, int]],
                      names: _Names) -> str | None:
    """The name a person described by their looks gives as soon as they have spoken, asked for
    it (``Beside him, a thin woman [...] cleared her throat.`` / ``"It's passable," she said.``
    / ``"And you are?"`` / ``"Mara, my lord."``): the one answer of their sex asked for just then."""
    if not _described_by_looks(description, gender, described):
        return None
    last = described.last[description]
    given = {name for name, asked_at in answers
             if 0 < asked_at - last <= _ASKED_AT_ONCE and names.gender.get(name) == gender}
    return given.pop() if len(given) == 1 else None


def _called_soon_after(description: str, gender: Gender, described: _PlacedTally, first_called: dict[str, int],
                       names: _Names, whole: str) -> str | None:
    """The character a person described by their looks is, called by a name soon after they
    last spoke as described, where the story first writes it (``"That's the parrot," the woman
    said quickly.`` [...] ``"It's fine, Claire. Let them in."``): the one such name of their
    sex then, found or not."""
    if not _described_by_looks(description, gender, described):
        return None
    last = described.last[description]
    given = {names.resolve(name) or name for name, at in first_called.items()
             if 0 < at - last <= _NAMED_SOON and len(name.split()) == 1 and whole.find(name) >= at
             and gender in (names.gender.get(names.resolve(name) or ""), first_name_gender(name))
             and not _gone_between(whole, last, at)}
    return given.pop() if len(given) == 1 else None


_CALLED_SOON = 4  # paragraphs after a newcomer's within which a line calls them by what they are


def _asked_their_name(text: str, turn_at: dict[int, _Turn], index: int) -> bool:
    """Whether the line after the one following paragraph ``index`` asks the speaker's name
    (``A young woman near the door put up her hand.`` / ``"I'll propose it."`` / ``"Thank you,
    Mrs—?"``): a stranger has spoken."""
    speech, asking = turn_at.get(index + 1), turn_at.get(index + 2)
    return speech is not None and asking is not None and (
        _asks_for_a_name(text, asking) or _TITLE_TRAILING_OFF.search(text, *asking.quotes[-1]) is not None)


def _called_by_noun(text: str, noun: str, turn_at: dict[int, _Turn], index: int) -> bool:
    """Whether a line soon after paragraph ``index`` calls someone by ``noun`` (``A young ensign
    came jogging across the hangar deck`` [...] ``"What kind of something, Ensign?"``)."""
    called = noun.capitalize()
    return any(called in _vocative_names(text, turn) for k in range(index + 1, index + 1 + _CALLED_SOON)
               if (turn := turn_at.get(k)) is not None)


def _named_by_introduction(description: str, gender: Gender, described: _PlacedTally,
                           introductions: list[tuple[str, int]], turn_starts: list[int], names: _Names,
                           whole: str) -> str | None:
    """The name a described speaker gives unasked soon after they last spoke as described, when
    it is the story's first word of that name (``"You're not from the island," said the
    ferryman.`` [...] ``"I'm Tobias, by the way."``): the one such name of their sex then, given
    an even number of lines later (turn about, theirs; "The barkeep didn't move. [...] "We don't
    serve strangers."" / "Then I'll stop being one. Name's Cole.": the stranger's)."""
    if description not in described.last or gender == "unknown":
        return None
    last = described.last[description]
    last_line = bisect.bisect_right(turn_starts, last) - 1
    given = {who for name, at in introductions
             if 0 < at - last <= _NAMED_SOON and (bisect.bisect_right(turn_starts, at) - 1 - last_line) % 2 == 0
             and (who := names.resolve(name)) is not None
             and names.gender.get(who) in (gender, "unknown") and whole.find(name) >= at
             and not _gone_between(whole, last, at)}
    return given.pop() if len(given) == 1 else None


def _told_apart_by_one(described: Counter[str], whole: str) -> dict[str, str]:
    """Cold mode: each ``the tall one`` a tag says speaks, and the one description with that
    word that the text has besides (``The tall guard laughed.``): two unnamed people told apart
    by a word (``Two guards stood at the gate, one tall and one stout``) are each one character."""
    partners: dict[str, str] = {}
    for one in described:
        words = one.split()
        if len(words) != 3 or words[2] != "one":
            continue
        fitting = {m.group(1) for m in re.finditer(rf"\b[Tt]he {re.escape(words[1])} ([a-z]+)\b", whole)} - {"one"}
        if len(fitting) == 1:
            partners[one] = f"the {words[1]} {fitting.pop()}"
    return partners


def _given_names_narrated(narration: str, gender: Gender, names: _Names) -> list[str]:
    """The given names of one sex the narration writes that are no one found and never a word
    written in lower case (Grace, Hope and May may be)."""
    return sorted({word for word in _CAPITALISED.findall(narration) if word.lower() not in NOT_NAMES
                   and first_name_gender(word) == gender and names.resolve(word) is None
                   and not names.written_in_lower_case(word)})


_CAPITALISED = re.compile(rf"\b[{UPPER}][{LOWER}]+\b")


def _titled_names_narrated(narration: str, gender: Gender, names: _Names) -> list[str]:
    """The names the narration writes after a title that fits one sex (``Dr. Feld``, ``Mrs.
    Hale``; not ``Mr. Hale`` for a woman, nor a saint's church or town) that no one found is called."""
    return sorted({m.group() for m in _TITLED_NAME.finditer(narration) if m.group(1).lower() not in ("st", "saint")
                   and HONORIFIC_GENDER.get(name_key(m.group(1)), gender) == gender
                   and m.group(2).lower() not in HONORIFICS and names.resolve(m.group()) is None
                   and names.resolve(m.group(2)) is None})


_TITLED_NAME = re.compile(rf"\b({'|'.join(sorted((t.capitalize() for t in HONORIFICS), key=len, reverse=True))})"
                          rf"\.? ([{UPPER}][{LOWER}]+)\b")


def _unlisted_names_acting(narration: str, names: _Names) -> list[str]:
    """Words the narration capitalises inside a sentence and follows with a verb in the past
    (``when Kemi knocked on the door``), that no list of given names knows and no one found is
    called: a name from elsewhere than the lists (Kemi, Siobhan), failing a listed one."""
    return sorted({word for word in _ACTING_INSIDE_A_SENTENCE.findall(narration) if word.lower() not in NOT_NAMES
                   and first_name_gender(word) is None and names.resolve(word) is None
                   and not names.written_in_lower_case(word)})


_ACTING_INSIDE_A_SENTENCE = re.compile(
    rf"(?<=[{LOWER},] )([{UPPER}][{LOWER}]+) (?:[a-z]+ed|came|went|sat|stood|ran|took|put|got|held|kept|left|made"
    r"|saw|told|knew|found|brought|caught|threw|shook|stuck|swung|leant|leapt|lay|rose|fell)\b")


def _called_back(calls: Sequence[tuple[str, list[_Turn], int, list[str]]]) -> Iterator[tuple[str, str]]:
    """The names two lines in a row call each other by (``"Liar. I can hear you breathing, Kit."``
    / ``"Everyone breathes, Ollie."``): each the other's speaker, two people talking, though
    each is called only once (a family word or a rank aside). ``calls``: as _calls_answered's."""
    for (_, turns, k, called), (_, next_turns, j, answer) in itertools.pairwise(calls):
        if next_turns is turns and j == k + 1 and turns[j].paragraph == turns[k].paragraph + 1 \
                and not turns[j].continues and called and answer and set(called).isdisjoint(answer):
            yield from ((a, b) for a in called for b in answer
                        if not _called_by_rank_or_kin(a) and not _called_by_rank_or_kin(b))


def _calls_answered(calls: Iterable[tuple[str, list[_Turn], int, list[str]]],
                    clusters: dict[str, list[str]]) -> Counter[tuple[str, str]]:
    """How often a line that calls one character by name (``"Well, Miss Woodhouse?"``) is
    answered by a line whose own tag names another (``"I think not," said Emma.``). ``calls``:
    each line's text, its chapter's turns, its index there and the names it calls."""
    owner = {_plain_name(a): c for c, aliases in clusters.items() for a in aliases}
    pairs: Counter[tuple[str, str]] = Counter()
    for text, turns, k, names_called in calls:
        first = _answer_clue(text, turns, k)
        answerer = owner.get(_plain_name(first.subject)) if first is not None and first.rule == "tag" else None
        if answerer is None:
            continue
        for called in {owner.get(_plain_name(n)) for n in names_called}:
            if called is not None and called != answerer:
                pairs[called, answerer] += 1
    return pairs


def _join_the_called(clusters: dict[str, list[str]], genders: dict[str, Gender],
                     pairs: Counter[tuple[str, str]], mostly_called: set[str]) -> None:
    """Cold mode: a name the story mostly calls (``Miss Woodhouse``: at least half of what
    discovery found of it is calls), whose calls the tags answer at least twice with one other
    name (``said Emma``), is that one's: a chapter that never writes "Emma Woodhouse" had them
    as two voices. In PDNC: Mr. Vyse and Cecil, Miss Dashwood and Elinor, Maggie and Mrs.
    Hilbery, Frederick and Winterbourne, Sleary's "Thquire" and Mr. Gradgrind; cold +36 lines;
    2,000-word pieces +11 (only calls, never tags: +20 and +11; one answer enough: -88 and +3;
    a quarter of the evidence calls: -27 and -22)."""
    answers: dict[str, list[int]] = defaultdict(list)  # how often each one answered a name's calls
    for (called, _), times in pairs.items():
        answers[called].append(times)
    for (called, answerer), times in pairs.most_common():
        if times < 2 or called not in mostly_called or called not in clusters or answerer not in clusters:
            continue
        if "unknown" not in (genders[called], genders[answerer]) and genders[called] != genders[answerer]:
            continue
        if sum(t >= times for t in answers[called]) > 1:
            continue  # answered as often by someone else: no telling whose name it is
        clusters[answerer].extend(clusters.pop(called))
        if genders[answerer] == "unknown":
            genders[answerer] = genders[called]
        genders.pop(called)


def _untagged_people(full_names: Counter[str], placed: set[str], at_speech: Iterable[str]) -> list[str]:
    """Cold mode: the full names the narration writes twice (``full_names``, none of them
    ``placed``), no word of which discovery found where a speaker is (``at_speech``: in a tag, a
    beat, a call), or for a titled name none of that surname and a title of that gender (Mr.
    Hilbery, though Mrs. Hilbery speaks): people who speak untagged or as ``said her father``
    (2,000-word pieces of PDNC cold +62, 6,000-word +28, whole novels -3). But "the Miss
    Dashwoods", sisters of a Mr. Dashwood, are no one voice."""
    speakers = list(at_speech)
    known_words = {w for n in speakers for w in n.split()}
    families = {n.split()[-1] for n in (*speakers, *full_names)}

    def known(full: str) -> bool:  # (Mr. Hilbery is someone else than the Mrs. Hilbery who speaks)
        title, family = full.split()[0].rstrip(".").lower(), full.split()[-1]
        if title not in HONORIFIC_GENDER:
            return not known_words.isdisjoint(full.split())
        return any(n.split()[-1] == family and HONORIFIC_GENDER.get(n.split()[0].rstrip(".").lower())
                   in (None, HONORIFIC_GENDER[title]) for n in speakers)

    return [full for full, seen in full_names.items()
            if seen >= 2 and full not in placed and not known(full)
            and not (full.endswith("s") and full.split()[-1][:-1] in families)]


def _full_names_in(narration: str) -> Iterator[tuple[str, bool]]:
    """The given-and-family names in narration (``in walked Frank Churchill``), each with
    whether it is written as a place (``a long morning in Santa Croce``)."""
    for full in _FULL_NAME.finditer(narration):
        given, family = full.group(1).lower().rstrip("."), full.group(2).lower()
        if (given in HONORIFICS or first_name_gender(given)) and not {given, family} & NOT_NAMES - HONORIFICS:
            placed = _IN_A_PLACE.search(narration, max(0, full.start() - 8), full.start()) is not None
            yield f"{full.group(1)} {full.group(2)}", placed


def _add_unnamed_speakers(story: Story, chapters_turns: list[list[_Turn]], names: _Names, whole: str,
                          full_names: Counter[str], called: set[str], narration: str) -> None:
    """Cold mode: a story whose tags say "she said" while it names no woman (and no one of
    unknown gender) has a woman it never names (twice, or once and a she acting at another
    speech: a party told as I had given "she said" to Marcus, the one man named): Anne of Green
    Gables' second chapter, where the girl Matthew meets at the station gives no name, had every
    line of hers in Matthew's voice.
    She is called after the first girl, woman or lady the text mentions (``The Girl``), or The
    Woman; the same for a man. ``_brought_in`` gives her the lines nobody in mind can have said.

    But where the narration names one woman by given and family name away from any speech
    (``full_names``: ``Rose Adams did not do mornings.`` opens the story) and a she acts or talks
    at a speech (a tag, or a beat right at a quote: ``She pulled the duvet over her head.``), she
    is that woman, though someone of unknown gender (Jules) was found: else every line of hers
    went to Jules, the one voice found. Failing that, where the talk calls one given name no one
    found answers to (``called``; not one of the other sex's), he is that name: ``Your mother
    knew, Rob.`` in a car where only "he" talks with Sarah (a story told as "I" calls none here:
    the name may be the narrator's). Failing any name, where no one of unknown gender was found,
    she is the one name the narration writes after a title that fits her (``Dr. Feld's office
    had two chairs``: a therapist who is "she" throughout; 2,000-word pieces cold +6)."""
    pronoun_tags: Counter[Gender | None] = Counter()
    pronoun_beats: Counter[Gender | None] = Counter()
    for ch, turns in zip(story.chapters, chapters_turns, strict=True):
        text = story.sources[ch.source].text
        for turn in turns:
            for clue in _tag_candidates(text, turn):
                if clue.subject in ("he", "she"):
                    if clue.rule == "tag":
                        pronoun_tags[SUBJECT_PRONOUNS[clue.subject]] += 1
                    elif clue.confidence >= _AT_SPEECH:
                        pronoun_beats[SUBJECT_PRONOUNS[clue.subject]] += 1
    known = set(names.gender.values())
    # ('"BOM first," she said.' in a story naming no one; one she beside the one voice found, Sam)
    needed = _UNNAMED_SPEAKER_TAGS if len(names.gender) > 1 else 1
    for gender, (pattern, anyone) in _UNNAMED_NOUN.items():
        if gender in known or pronoun_tags[gender] + pronoun_beats[gender] < needed:
            continue
        named = [full for full in full_names if full.split()[0].rstrip(".").lower() not in HONORIFICS
                 and first_name_gender(full.split()[0]) == gender and names.resolve(full) is None]
        if len(named) == 1:  # "Rose Adams did not do mornings." opens a story whose she talks with Jules
            names.add_character(named[0], [named[0], named[0].split()[0]], gender)
            continue
        callable_ = {name for name in called if names.resolve(name) is None and name.lower() not in _ENDEARMENTS
                     and is_given_name(first := name.split()[0]) and first_name_gender(first) in (None, gender)}
        if not named and len(callable_) == 1:  # "Your mother knew, Rob." in a car where he speaks with Sarah
            name = callable_.pop()
            names.add_character(name, [name, name.split()[0]], gender)
            continue
        kin_called = {name for name in called if FAMILY_NAME_GENDER.get(name.lower()) == gender
                      and names.resolve(name) is None}
        if not named and not callable_ and len(kin_called) == 1:  # "Please, Daddy.": he is Daddy
            name = kin_called.pop()
            names.add_character(name, [name], gender)
            continue
        if not named and not callable_ and (len(given := _given_names_narrated(narration, gender, names)) == 1 or (
                not given and len(given := _unlisted_names_acting(narration, names)) == 1)):
            names.add_character(given[0], [given[0]], gender)  # "Jade's phone buzzed on the desk. She ignored it."
            continue
        if "unknown" in known or not pronoun_tags[gender]:
            continue
        if not named and not callable_ and len(titled := _titled_names_narrated(narration, gender, names)) == 1:
            names.add_character(titled[0], [titled[0]], gender)  # "Dr. Feld's office had two chairs [...]" /
            continue  # '"How has the week been?" she asked.'
        mentioned = pattern.search(whole)
        noun = mentioned.group(1) if mentioned else anyone
        names.unnamed[gender] = names.add_described(f"the {noun}", gender)


@dataclass(frozen=True)
class _Evidence:
    """One clue to a turn's speaker: a character (named, or "I"), or only a gender (he/she)."""

    who: str | None
    gender: Gender | None
    rule: str  # tag, beat, tag-pronoun, beat-pronoun
    confidence: float
    not_who: frozenset[str] = frozenset()  # named in the pronoun's own sentence
    owner: str | None = None  # "Philip's hands shook as he replied": likely Philip
    antecedent: str | None = None  # the last of that gender named (as a subject, if any) since the last speech
    sole_antecedent: bool = False  # a tag's antecedent is the only one of that gender named since then
    quote: int | None = None  # the quote its tag belongs to, if it is a tag
    antecedent_since_quote: str | None = None  # a he or she leading into a later quote: the last of that
    # gender named since the quote before, or else since the last speech ('"What's happened?" asked
    # Fielding. [...] Mrs. Moore sat swinging her foot. She said: "...": Mrs. Moore)
    newcomer: bool = False  # no one of its gender named since the last speech, but someone came in: see _brought_in
    not_owner: str | None = None  # "said his squire": whoever "his" means is not the speaker


# Weights of the conversation decoder (log-odds). A named tag all but decides; a pronoun
# says the gender; consecutive paragraphs are rarely one speaker's (4.7% on PDNC) and a
# two-person exchange goes A-B-A (82% of the time after A-B).
_WEIGHT_NAMED = 8.0
_WEIGHT_GENDER = 2.5
_WEIGHT_SECONDARY = 0.3  # evidence after the strongest one in the same paragraph
_SAME_AS_PREVIOUS = -3.0
_SAME_AFTER_BEAT = -1.0  # "She went to the window. "It's hardly raining."": a beat lets a speaker go on
_SAME_GOING_ON = 0.5  # "he said" after a paragraph that ended on what he did next: he goes on, as a rule
_OPENING_BEAT_CHARS = 20
_GOES_ON_CHARS = 100  # narration after a paragraph's last quote this long tells what its speaker does next
_ADDRESSED_BEFORE = 2.5  # named in the line before: the addressee answers
# "said his companion", "asked her friend": one of the owner's, never the owner
_COMPANIONS = frozenset("companion companions friend host hostess visitor guest colleague mentor informant partner "
                        "squire page servant maid attendant neighbour neighbor comrade interlocutor".split())
_NEW_VOICE_SAME = -6.0  # "said a voice" is not the one who spoke the line before
_ADDRESSED_HERE = -6.0  # nobody calls themselves by name (-5 until the nineteenth session's sweep: see README)
# A line with no clue of its own is likelier the one the next line calls by name: people answer
# whoever spoke to them ('"Promise me." / "I promise, Mum."'). PDNC cast +17, cold +14 lines;
# 0.5 +10 / +13, 1.5 +17 / +12, 2.0 +3 / -18; 2,000-word pieces +5 / +4, 6,000-word +10 / +28.
_CALLED_BACK = 1.0
_ADDRESSED_GENDER = 1.5  # called "sir" or "ma'am" in the line before: the answer is likely that gender's (91% in PDNC)
_LEAD = 1.0
_ARRIVING_LEAD = 1.0  # ... and more, when that paragraph brings them in ("Marco wanders in. He looks from Mom to me.")
# or ends on their silence till now, which they are about to break ("He had not said a word since grace.")
_SILENT_TILL_NOW = re.compile(r"\bhad(?:n['\u2019]t| not) (?:said (?:a word|anything)|spoken)\b|\bhad said nothing\b"
                              r"|\bhad (?:been|kept|sat|stayed) (?:silent|quiet)\b")
_SILENT = -1.0
# a paragraph that is one short sentence of someone not answering, or answering in the narration's
# words: "His mother said nothing.", "Elinor agreed to it."
_ANSWER_TOLD = re.compile(r"\s*[^.;:!?\"]{1,40}?\s(?:\w+ly\s+)?(?:" + NO_ANSWER
                           + r"|did(?: not|n['\u2019]t) (?:speak|say anything)"
                           r"|assented|agreed|consented|acquiesced|demurred|declined|refused|apologi[sz]ed|expressed"
                           r"|thanked|obeyed|complied|did(?: so)?(?=\.))\b[^.;:!?\"]{0,40}\.\s*$")
# The narration before a line turning its subject to someone, who is spoken to (and answers):
# "Miss Woodhouse [...] turned to Frank Churchill." then '"Why do you smile?" said she.'
_TURNING_TO = (r"turn(?:ed|ing)(?:\s+round|\s+back)?\s+(?:to|towards|upon)|address(?:ed|ing)"
               r"|(?:went|came|going|coming)\s+up\s+to|approach(?:ed|ing)")
_TURNED_TO = starting_with("tawcg", rf"\b(?:{_TURNING_TO})\s+({_NAME})")
# ... and a beat before the line in its own paragraph, as well, looking at someone or handing
# them something ("Rowe handed the marker to Patel. "Don't draw on my map."": Patel answers).
_BEAT_TO = starting_with("tawcglshkenp", rf"\b(?:{_TURNING_TO}|(?:look|glanc|smil|star|gaz|grinn|wink)(?:ed|es|s|ing)"
                         rf"\s+(?:up\s+|over\s+|across\s+)?at|hand(?:ed|s|ing)\s+(?:\w+\s+){{1,3}}?to"
                         r"|kiss(?:ed|es|ing)?|hug(?:ged|s|ging)|nudg(?:ed|es|ing)|pok(?:ed|es|ing)|pat(?:ted|s|ting)"
                         r"|squeez(?:ed|es|ing)|tap(?:ped|s|ping)|touch(?:ed|es|ing)|embrac(?:ed|es|ing)"
                         rf"|elbow(?:ed|s|ing))\s+({_NAME})")
_SPOUSE_GENDER = 2.0  # "my wife" in the speech: a man speaks (43 of 44 such quotes in PDNC)
_TOLD_HERE = -3.0  # the one a line is said to ("she said to the crow", "[...] turned to Frank Churchill.")
_MENTIONED_HERE = -2.0  # named in the speech itself ("I'll see Brenda off"): not Brenda
_OWNER = 3.0  # the owner in "Philip's hands shook as he replied"
_NOT_RECENT = -1.5
_RECENCY_STEP = 0.1
_BEAM = 6
_PRONOUN_PARTICIPANT = 1.0  # "he said" with no man named since the last speech: the one man the tags have in the talk
_ANCHORED = 0.8  # named by a tag somewhere in the conversation: a participant of it
_SURE_MARGIN = 2.0  # ... or the decoder's pick for a "he said" by this much (a confidence of 0.75 or more)
_SLACK = 1e-9  # a margin summed from weights lands a hair either side of a round one: both count
_ADDRESSED_SOMEWHERE = 0.4  # addressed by name somewhere in the conversation: there, likely a participant
# ... or named as a sentence's subject in a short narration between two of its lines, which puts
# them on stage as a tag would (``Edna had not gone far before she was overtaken by Robert.``,
# then an untagged exchange: Edna's, not the last scene's tagged women's). PDNC cast +35, cold +63
# lines; 0.4 +24 / +62; above the tags' weight (1.0) -3 / +4; as anchors (a "he said"'s one man)
# +16 / +55; from the line on only, +17 / +36.
_STAGED = _ANCHORED
# Bounds that keep a crowd's parse time in proportion to its length (scripts/bench_worst_case);
# each is far above what the PDNC novels reach, whose parses they leave unchanged.
_MAX_CONVERSATION_TURNS = 300  # lines decoded at once (PDNC's longest conversation: 131)
_LOCAL_POOL_ABOVE = 60  # people a conversation brings to mind before each line weighs only those near it (PDNC: 23)
_LOCAL_POOL_LINES = 20  # ... brought within this many lines of it
_RECENT_NAMES = 500  # characters kept in mind, most recent last (a PDNC novel has under 100)
_NAMED_AHEAD_CHARS = 3_000  # how far on _brought_in looks for a voice heard before it is named
_BRIDGE_CHARS = 600  # a narration paragraph this short keeps a conversation going
_BRIDGED_SAME = -0.3
_SAME_AFTER_NO_ANSWER = 0.5  # '"Is he a nobleman?" / She did not reply. / "May I be told his name?"': he goes on
_SELF_NAMED = 0.8  # "It's Reyes.": as sure as a beat
_RETURNING = 0.4  # a third voice named speaking three lines back (A-B-C-A): cast +16, cold +20
_OWN_TAG = 0.88  # a tag this sure (after the quote, or leading into it) gives its quote a speaker of its own
_TAG_GAP = 200  # a quote this close after a quote with its own tag follows it
_ANTECEDENT = 1.5  # "Syme frowned at the sky." then "he said": most likely Syme
# ... and surer when Syme is the only man named since the last speech: such an antecedent is
# the speaker of 87% of PDNC's tags (65% when two are named), more than turn-taking gets right
_SOLE_ANTECEDENT = 3.0
_IDIOLECT = 0.15  # a line that talks like a character's tagged lines ("my dear"): cast +30, cold +55
# A line decoded by this margin teaches its speaker's habits (a confidence of 0.8 on the curve of
# 2026-12-04, when it was set; nine in ten are right; a tagged line the decoder doubts teaches
# nothing: adding every tagged line too, PDNC cast -3, cold -14), unless its he or she contradicts it
_SURELY_DECODED = 2.73
_UNSURE = 0.32  # ... and a line decoded by less (0.5 on that curve) may be overturned by them


def _attribute_chapter(text: str, paras: list[_Paragraph], turns: list[_Turn], names: _Names) -> list[list[_Turn]]:
    """Gather each turn's clues paragraph by paragraph, then decode each conversation whole.
    Returns the conversations, so that they can be decoded again."""
    recent: list[str] = []  # characters by recency of mention, most recent last
    since_speech: list[_Mention] = []  # named in narration since the last speech, in order
    openers: list[tuple[int, Gender | None, str | None]] = []  # he or she opening a sentence since: where, whom
    stretches: list[int] = []  # where in since_speech each stretch of narration read since began
    newcomers: list[Gender] = []  # whom the narration since then brings in unnamed ("A man entered")

    def latest(pronoun: str, sentence: str = "") -> str | None:
        """The character a subject he/she most likely means: the last one of that gender in mind,
        but for those named after it in its own ``sentence`` (``She turned to Frances`` is not
        Frances, though Frances came to mind last)."""
        gender = SUBJECT_PRONOUNS[pronoun]
        named_after = {who for _, who in _characters_named(sentence, names, recent)} if sentence else set()
        return next((w for w in reversed(recent) if names.gender.get(w) == gender and w != names.first_person
                     and w not in named_after), None)

    def leavers(narration: str, speaker: str | None = None, *, own: bool = False) -> Iterator[str]:
        """Whom ``narration`` has leave the scene (and not come back in it): see _LEAVING. A
        line's ``own`` narration's he or she is its ``speaker``, if its tag names one of that
        gender ("said Frank [...] and away he went"), else no one: the decoder has yet to choose
        whose "She disappears back inside." it is, most likely not the last woman named."""
        for m in _LEAVING.finditer(narration):
            if not _COMES_BACK.search(narration, m.end()):
                who = m.group(1)
                if who.lower() not in SUBJECT_PRONOUNS:
                    gone = names.resolve(who, recent)
                elif own:
                    gone = speaker if names.gender.get(speaker or "") == SUBJECT_PRONOUNS[who.lower()] else None
                else:
                    gone = latest(who.lower())
                if gone:
                    yield gone

    def arrivals(turn: _Turn, speaker: str | None) -> Iterator[str]:
        """Whom the narration just before a line (its bridge or its own opening) brings into the
        scene: see _ARRIVING. In its own opening a he or she is the line's tagged ``speaker`` of
        that gender, if any (``She came in with two cups. "Milk?" asked Okafor.``)."""
        spans = [(s, e, True) for s, e in turn.narration if e <= turn.quotes[0][0]]
        if turn.bridged:
            spans.append((paras[turn.paragraph - 1].start, paras[turn.paragraph - 1].end, False))
        for s, e, own in spans:
            for m in _ARRIVING.finditer(text, s, e):
                written = m.group(1)
                if written.lower() in ("he", "she"):
                    gender = SUBJECT_PRONOUNS[written.lower()]
                    who = speaker if own and speaker is not None and names.gender.get(speaker) == gender else None
                else:
                    who = names.resolve(written, recent)
                if who:
                    yield who

    def antecedent(gender: Gender | None, named_there: set[str],
                   mentions: Sequence[_Mention] | None = None) -> tuple[str | None, bool]:
        """Whom a he or she in a tag most likely means: the last of that gender named in the
        narration since the last speech (or in ``mentions``), preferring those a sentence opens
        on (centring); and whether they are the only one of that gender named there. When none
        opens a sentence, a he or she that did before the last one named goes on meaning whom
        it meant, within the paragraph of the last one named (PDNC cast +3, cold +17; 6,000-word
        pieces +9 / +24)."""
        pool = since_speech if mentions is None else mentions
        fitting = [(k, m) for k, m in enumerate(pool) if names.gender.get(m.who) == gender and m.who not in named_there]
        who = next((m.who for _, m in reversed(fitting) if m.is_subject), None)
        if who is None and fitting:
            last_at, last = fitting[-1]
            who = last.who
            stretch = max((at for at in stretches if at <= last_at), default=0)  # (in the last one's paragraph)
            chain = [meant for at, opener, meant in openers if stretch <= at <= last_at and opener == gender] \
                if mentions is None else []
            if chain and chain[-1] != who:  # "She could not answer him. [...] the flowers were contaminated, for
                return chain[-1], False  # Mrs. Milvain had used them": the she of the sentences is still Katharine
        return who, len({m.who for _, m in fitting}) == 1

    def kin(phrase: str) -> str | None:
        """``his wife``: Mrs. Palmer, when "he" is Mr. Palmer."""
        article, _, relation = phrase.partition(" ")
        return names.relative(latest("he" if article == "his" else "she"), relation, recent)

    def kin_of_subject(sentence: str, article: str, relation: str) -> str | None:
        """``Mrs. Inglethorp turned to Evelyn Howard, and her husband addressed me:``: her husband
        is the sentence's subject's, whoever was named last (when the subject has such kin)."""
        opener = sentence_subject(sentence, opening_phrase=True) if sentence else None
        owner = names.resolve(opener, recent) if opener and opener not in SUBJECT_PRONOUNS else None
        if owner is None or names.gender.get(owner) != SUBJECT_PRONOUNS["he" if article == "his" else "she"]:
            return None
        return names.relative(owner, relation, recent)

    def character_called(words: str) -> str | None:
        """The character ``her aunt``, ``Mr. Yates`` or ``me`` (the narrator) means here, if any."""
        if words == "me":
            return names.first_person
        return kin(words) if words.startswith(("his ", "her ")) else names.resolve(words, recent)

    def mention(who: str) -> str | None:
        """Bring a character to mind; returns whom the words meant, if anyone."""
        if who.startswith(("his ", "her ")):  # "He turned to his brother.": Frank's brother comes to mind
            who = kin(who) or names.roles.get(who.split(" ", 1)[1], "")  # or the casting file's The Son
        elif who.startswith(_FAMILY_OWNED):  # "Their grandmother shuffled in": Gran
            who = names.family_called(who.split(" ", 1)[1]) or ""
        elif who in SUBJECT_PRONOUNS:  # "She sat down.": whoever she is comes back to mind
            who = latest(who) or ""
        if not who:
            return None
        if who in recent:
            recent.remove(who)
        elif len(recent) >= _RECENT_NAMES:
            del recent[0]  # (a cast of thousands: the long-forgotten go, so each mention stays cheap)
        recent.append(who)
        return who

    def evidence(clue: _Clue) -> _Evidence | None:
        subject, rule, conf = clue.subject, clue.rule, clue.confidence
        if subject == "I":
            return _Evidence(names.first_person or NARRATOR, None, rule, conf)
        if subject in SUBJECT_PRONOUNS:  # "He laid a hand on Philip's knee": he is not Philip
            named_there: set[str] = set()
            owner = None
            for m, who in _characters_named(clue.sentence, names, recent):
                if _owner_before(clue.sentence, m, subject):
                    owner = owner or who
                else:
                    named_there.add(who)
            gender = SUBJECT_PRONOUNS[subject]
            meant, sole = antecedent(gender, named_there)
            since_quote = None
            if clue.since_quote is not None:
                between = list(_narration_mentions(text, *clue.since_quote, names, recent))
                since_quote = antecedent(gender, named_there, between)[0] or meant
            came_in = meant is None and owner is None and any(g in (gender, "unknown") for g in newcomers)
            return _Evidence(None, gender, f"{rule}-pronoun", conf * 0.85, frozenset(named_there - {owner}), owner,
                             meant, sole_antecedent=sole and rule == "tag",  # (a beat's he is often another's)
                             antecedent_since_quote=since_quote, newcomer=came_in)
        owner_name, possessive, relation = subject.rpartition("'s ")
        if possessive and owner_name[:1].isupper():  # "answered Daisy's mamma": Mrs. Miller, never Daisy
            return _kin_evidence(names.resolve(subject, recent), names.resolve(owner_name, recent), relation, rule,
                                 conf, names, recent)
        if subject in ("the latter", "the former"):  # "Mrs. Weston and Miss Bates met them at the door. "My
            pair = [w for w in reversed(recent) if w != names.first_person][:2]  # dear Miss Woodhouse," said the
            if len(pair) == 2:  # latter": the last of two in mind, or the one before her
                return _Evidence(pair[0] if subject == "the latter" else pair[1], None, rule, conf * 0.8)
        article, _, described = subject.partition(" ")
        if article in ("his", "her") and described in TITLE_STYLES:
            holder = names.titled(TITLE_STYLES[described], recent)  # "asked her ladyship": Lady Bertram
            if holder is not None:
                return _Evidence(holder, None, rule, conf * 0.9)
        if article in ("his", "her"):  # "said his wife": Mrs. Palmer, if he is Mr. Palmer
            named = kin_of_subject(clue.sentence, article, described) or kin(subject)
            if named is not None:
                return _Evidence(named, None, rule, conf * 0.9)
            if described in _COMPANIONS and (owner := latest("he" if article == "his" else "she")) is not None:
                return _Evidence(None, None, f"{rule}-pronoun", conf * 0.5, not_owner=owner)  # "said his squire"
        if article in _FAMILY_OWNERS and (named := names.family_called(described)) is not None:
            return _Evidence(named, None, rule, conf * 0.9)  # "said their mother", who is called "Mum"
        kin_of = None  # "Her aunt, a stout lady in purple, looked up": whoever she is, not "her"
        if article in ("his", "her"):
            kin_of = latest("he" if article == "his" else "she")
            subject, article = "the " + described, "the"
        named = None
        described_words = described.split()
        tail = name_after_adjectives(described_words) if article in ("the", "a", "an") else []
        if tail:  # "the agonized Harriet", "the more candid Lady Bertram", "the bewildered Colonel"
            named = names.resolve_name_after_adjectives(tail, recent)
        named = named or _described_at_length(subject, clue.sentence, names) or names.resolve(subject, recent)
        if named in names.described and descriptor_pronoun(named.split()[-1]) is not None \
                and named.split()[-1].lower() not in GENDERED_TRADES \
                and not _introduced(text, named, para_start) \
                and not _answers_named(conversation, named, recent, names) and any(
                names.gender.get(w) == names.gender[named] and w not in names.described and w != kin_of
                for w in recent[-3:]):
            named = None  # "said the old man" with a named old man in the scene: most likely him (but
            # "said the driver", whose noun says no gender, is most likely someone else)
        elif named is not None and _alias_out_of_mind(named, subject, names, recent):
            named = None  # "said the girl", listed for Persephone, when Persephone is not about: the girl in mind
        if named is None and article in ("the", "a", "an") and (
                described[:1].isupper() or len(described_words) == 1):
            named = names.resolve(described, recent)  # "the Nawab Bahadur"; "said nanny" for a Nanny
            if named is None and article in ("a", "an") and described != "voice":  # "a woman asked from
                named = names.roles.get(described)  # the doorway": the casting file's The Woman, as "A stranger
                # was before him" is its The Stranger (but "a voice said" is anyone's)
                if named is None and (role := names.resolve("the " + described, recent)) in names.described:
                    named = role  # "a policeman ... said", later "said the policeman": The Policeman
        if named is None and _VOICE_ON_THE_LINE.fullmatch(subject) \
                and (caller := names.resolve("the voice", recent)) in names.described \
                and _on_the_phone(text, para_start):
            named = caller  # the phone rang [...] "You don't know me," said a voice: the caller
        if named is None and len(described_words) > 1 and described_words[-1] in DESCRIPTOR_GENDER \
                and described_words[0][:1].isupper():  # "the American lady": The American, if listed so
            named = names.resolve(f"{article} {' '.join(described_words[:-1])}", recent)
        if named is not None:
            return _Evidence(named, None, rule, conf)
        if article in ("this", "that"):  # "asked this lady": the lady the narration just named
            gender = SUBJECT_PRONOUNS[DESCRIPTOR_GENDER[described]]
            return _Evidence(None, gender, f"{rule}-pronoun", conf * 0.85, antecedent=antecedent(gender, set())[0])
        if article == "the" and len(described_words) == 2 and described_words[0] == "other" \
                and (pronoun := DESCRIPTOR_GENDER.get(described_words[1].lower())):
            gender = SUBJECT_PRONOUNS[pronoun]  # "The other boy snorted.": the boy in mind before the last one
            fitting = [w for w in reversed(recent) if w != names.first_person
                       and _compatible(gender, names.gender.get(w, "unknown"))]
            if len(fitting) > 1:
                return _Evidence(fitting[1], None, rule, conf * 0.7)
        if article in ("the", "a", "an"):  # "the old lady": as good as "she"
            pronoun = DESCRIPTOR_GENDER.get(subject.rsplit(" ", 1)[-1].lower())
            if pronoun:  # ("The old lady turned her eyes upon Harriet": not Harriet; but "her brother" may be
                others = frozenset() if kin_of is not None else frozenset(  # named further on in his sentence)
                    who for _, who in _characters_named(clue.sentence, names, recent))
                return _Evidence(None, SUBJECT_PRONOUNS[pronoun], f"{rule}-pronoun", conf * 0.7, others)
        return None

    conversation: list[_Turn] = []
    left: set[str] = set()  # whom a line's own beat has go ("The waiter melted away."), until they act again
    on_the_line: set[str] = set()  # who named themselves on the phone ("This is Sandra Kaye"), till it is hung up
    para_start = 0  # where the paragraph being read starts: evidence() looks back from it
    conversations: list[list[_Turn]] = []
    narrated: set[str] = set()  # whom the last narration paragraph names, or means by he or she
    narrated_subjects: set[str] = set()  # ... named as a sentence's subject

    def read_narration(start: int, end: int) -> None:
        newcomers.extend(_newcomers(text, start, end))
        stretches.append(len(since_speech))
        for seen in _narration_mentions(text, start, end, names, recent):
            meant = mention(seen.who)
            if meant:
                narrated.add(meant)
                if seen.is_subject and seen.who not in SUBJECT_PRONOUNS:
                    narrated_subjects.add(meant)
            if seen.who not in SUBJECT_PRONOUNS:  # ("their grandmother": whom the family calls Gran)
                since_speech.append(seen._replace(who=meant) if meant and seen.who.startswith(_FAMILY_OWNED) else seen)
            elif seen.is_subject:
                openers.append((len(since_speech), SUBJECT_PRONOUNS[seen.who], meant))

    def flush() -> None:
        if conversation:
            _decode_conversation(conversation, names)
            for turn in conversation[-2:]:
                if turn.speaker:
                    mention(turn.speaker)
            conversations.append(list(conversation))
            conversation.clear()
        left.clear()

    turn_at = {t.paragraph: t for t in turns}
    for index, para in enumerate(paras):
        if para.is_break:  # a new scene, a new conversation; its people may well be the last scene's
            flush()
            since_speech.clear()
            openers.clear()
            stretches.clear()
            newcomers.clear()
            continue
        turn = turn_at.get(index)
        if turn is None:
            if not (conversation and conversation[-1].paragraph == index - 1 and _bridges(para)):
                flush()
            narrated.clear()
            narrated_subjects.clear()
            read_narration(para.start, para.end)
            left.difference_update(narrated_subjects)  # "The waiter came back with the wine."
            continue
        if conversation and (not _same_conversation(paras, conversation[-1], turn) or (
                names.first_person and _NARRATOR_MEETS.match(text, paras[index - 1].start, paras[index - 1].end))):
            flush()  # (a short paragraph between two lines may still start a new scene: "I found Bill up in his room.")
        if conversation and not conversation[-1].continues and not turn.continues and not any(
                who.lower() in conversation[-1].address_forms for who in conversation[-1].vocatives):
            turn.answering = conversation[-1].addressed  # ("I promise, Mum.": Mum herself answers, no other woman)
        turn.bridged = bool(conversation) and turn.paragraph - conversation[-1].paragraph == 2
        if turn.bridged:
            turn.bridge_names = frozenset(narrated)
            turn.staged = frozenset(narrated_subjects)
            bridge = paras[index - 1]
            turn.bridge_arrival = _SOMEONE_ARRIVES.search(text, bridge.start, bridge.end) is not None
        turned_to: list[str] = []  # "[...], turned to Frank Churchill." just before: the line is said to him
        if index > 0 and index - 1 not in turn_at and not paras[index - 1].is_break:
            prior_paragraph = text[paras[index - 1].start : paras[index - 1].end]
            closing = last_sentence(prior_paragraph)
            turned_to = [m.group(1) for m in _TURNED_TO.finditer(closing)]
            turn.staged |= frozenset(filter(None, map(character_called, turned_to)))  # and he is on stage
            subject = sentence_subject(closing, opening_phrase=True)
            if subject is None and turned_to:  # and who turned to him speaks ("She [...]; and, finding
                subject = subject_before_semicolon(prior_paragraph)  # [...], turned to him.")
            if subject == "I" and names.first_person:
                turn.silent = names.first_person  # "I thumbed my nose.": the narrator has had a turn
            elif subject and subject not in SUBJECT_PRONOUNS:
                turn.lead = names.resolve(subject, recent) or _described_brought_in(subject, names)
                if turn.lead is None:
                    turn.lead = _earlier_lead(prior_paragraph, names, recent)
            elif subject in SUBJECT_PRONOUNS:  # (but "She [...] asked what Cassandra was doing?": the
                # one she asked, named last, answers, so a sentence that reports a speech keeps her)
                turn.lead = latest(subject, "" if has_speech_verb(closing) else closing)
            turn.gone = frozenset(leavers(prior_paragraph))
            if on_the_line and (hung_up := _HUNG_UP.search(prior_paragraph)):  # "He hung up and stood for a
                left.update(_at_the_other_end(on_the_line, hung_up, names, recent))  # moment": the caller is gone
                on_the_line.clear()  # ("Who was that?" is his wife's, come in)
            turn.lead_arrived = turn.lead is not None and any(
                names.resolve(m.group(1), recent) == turn.lead for m in _ARRIVING.finditer(prior_paragraph))
            turn.lead_was_silent = turn.lead is not None and _SILENT_TILL_NOW.search(closing) is not None
            if _ANSWER_TOLD.match(text, paras[index - 1].start, paras[index - 1].end):
                turn.lead, turn.silent, turn.answered_without_words = None, turn.lead, True
        turn.gone |= left
        first_quote = turn.quotes[0][0]
        for s, e in turn.narration:  # who is named before the speech is in mind for its tag
            if e <= first_quote:
                read_narration(s, e)
        turn.vocatives = _vocatives(text, turn, names, recent)
        turn.calls_later = bool(turn.vocatives) and _calls_after_a_sentence(text, turn)
        told_after = _told_after(text, turn)
        turn.told_after = frozenset(filter(None, map(character_called, told_after)))
        turn.told = frozenset(filter(None, map(character_called,
                                               _told(text, turn, told_after) + turned_to + _beaten_to(text, turn))))
        turn.addressed = _one_gender(turn.address_forms, _MALE_ADDRESS)
        turn.married_to = _one_gender((m.group(1).lower() for s, e in turn.quotes
                                       for m in _SPOUSE.finditer(text[s + 1 : e])), _MALE_SPOUSE)
        named_selves = _self_named(text, turn, names, recent)
        self_named = named_selves[0] if named_selves else None
        if self_named is None and (stranger := _stranger_naming_self(text, turn, names, recent)) is not None:
            named_selves, self_named = [stranger], stranger
        if self_named is None and conversation:
            self_named = _answered_name(text, turn, conversation[-1], names, recent)
        turn.vocatives = [w for w in turn.vocatives if w != self_named]
        if turn.vocatives and conversation and conversation[-1].paragraph == turn.paragraph - 1:
            if _names_who_was_asked_for(text, turn, conversation[-1]):
                turn.vocatives = []  # '"Which cousin?" / "Kieran. Kieran Doyle."': the one asked about, not called
            answered = _answered_words(text, conversation[-1], turn)  # '"Tea or coffee?" / "Tea, please."'
            turn.vocatives = [w for w in turn.vocatives if w.lower() not in answered]
        turn.mentioned = _speech_mentions(text, turn, names, recent) - {*turn.vocatives, self_named}
        turn.recent = list(reversed(recent[-_BEAM:]))
        candidates = list(_tag_candidates(text, turn))
        if index > 0 and not paras[index - 1].is_break:
            leads = _lead_in(text, paras[index - 1])
            lead_sentence = last_sentence(text[paras[index - 1].start : paras[index - 1].end])
            candidates = [_Clue(subj, "tag", 0.9 - 0.01 * k, lead_sentence)
                          for k, subj in enumerate(leads)] + candidates
        para_start = para.start
        turn.evidence = [ev if c.quote is None else replace(ev, quote=c.quote)  # (a beat has no quote to own)
                         for c in candidates if (ev := evidence(c)) is not None]
        turn.new_voice = not turn.evidence and any(
            c.rule == "tag" and _NEW_VOICE.fullmatch(c.subject) for c in candidates) \
            and not _on_the_phone(text, turn.quotes[0][0])  # "said a cold voice behind them"
        if not turn.evidence and index + 1 < len(paras) and index + 1 not in turn_at \
                and not paras[index + 1].is_break and (revealed := _REVEALED.search(
                    text, paras[index + 1].start, min(paras[index + 1].end, paras[index + 1].start + _REVEAL_CHARS))) \
                and (who := names.resolve(revealed.group(1), recent)) is not None:
            turn.evidence.append(_Evidence(who, None, "beat", _FAR_BEAT))  # '"You never lock that door." / She
            # jumped and turned. It was Callum.': the narration after an untagged line says whose voice it was
        if (walk_on := _walk_on(text, turn)) is not None and (who := names.resolve(walk_on)) in names.described:
            turn.evidence.append(_Evidence(who, None, "beat", _WALK_ON))  # the one the line's narration brings in
        if (acting := _described_beat_meant(turn.evidence, names)) is not None:
            turn.evidence[0] = replace(turn.evidence[0], antecedent=acting, sole_antecedent=True)
            mention(acting)  # "The barista, a tall guy, came over. "Anything?" he asked.": he is the barista
        tag_genders = [gender for ev in turn.evidence if (gender := _tag_gender(ev, names))]
        if self_named and tag_genders:  # '"This is Mr Hartley," the woman said. "I'm Claire."': the first
            fitting = [who for who in named_selves or [self_named]  # names another (self_named alone: the
                       # answer to "What's your name?")
                       if any(_compatible(names.gender.get(who), gender) for gender in tag_genders)]
            if fitting[:1] != [self_named]:
                turn.mentioned.add(self_named)
                self_named = fitting[0] if fitting else None
                turn.mentioned -= {self_named}
        if self_named:  # after any tag or beat: "I'm Tom," said Harry is a joke, and Harry's
            renamed = [_named_by_speech(ev, self_named, names) for ev in turn.evidence]
            described_self = {old.who for old, new in zip(turn.evidence, renamed, strict=True)
                              if old.who != new.who}  # "the woman said. "I'm Claire."": The Woman was Claire
            turn.evidence = [*renamed, _Evidence(self_named, None, "self-named", _SELF_NAMED)]
            for earlier in conversation:  # the woman who said "Miss Sharma?" before she gave her name is Claire
                earlier.evidence = [replace(ev, who=self_named) if ev.who in described_self else ev
                                    for ev in earlier.evidence]
        for s, e in turn.narration:
            if e > first_quote:
                for seen in _narration_mentions(text, s, e, names, recent):
                    mention(seen.who)
        since_speech.clear()
        openers.clear()
        stretches.clear()
        newcomers.clear()
        turn.brings = _brought_in(text, para.end, min(paras[-1].end, para.end + _NAMED_AHEAD_CHARS),
                                  turn, names, recent)
        clue = _pronoun_clue(turn)
        if turn.brings and clue is not None and (clue.newcomer or turn.brings == names.unnamed.get(clue.gender or "")):
            # the one it can be: someone who came in unnamed, or the man a story never names ("Two?" he
            # asked, of a ferryman, where no man is named: worth a third voice in the talk)
            turn.evidence[0] = replace(clue, antecedent=turn.brings, sole_antecedent=clue.rule == "tag-pronoun")
        named = next((ev for ev in turn.evidence if ev.who), None)
        if named is not None and named is turn.evidence[0] and named.rule == "tag":
            mention(named.who)  # type: ignore[arg-type]
        for who in turn.vocatives:  # whoever is addressed by name is in the scene
            mention(who)
        if self_named:  # and so is whoever names themselves
            mention(self_named)
        left.difference_update(ev.who or ev.antecedent for ev in turn.evidence)  # a tag or beat has them here
        tagged = named.who if named is not None and named.rule == "tag" else None
        for who in arrivals(turn, tagged):
            left.discard(who)
            for earlier in reversed(conversation):
                if who in earlier.vocatives or any(ev.who == who for ev in earlier.evidence):
                    break  # they were here then
                earlier.gone |= {who}
        last_quote_end = turn.quotes[-1][1]
        for s, e in turn.narration:  # '"Of course." The waiter melted away again.': gone for the lines after
            if s >= last_quote_end:
                left.update(leavers(text[s:e], tagged, own=True))
                if on_the_line and (hung_up := _HUNG_UP.search(text, s, e)):  # '"I'll be there." He hung up.'
                    left.update(_at_the_other_end(on_the_line, hung_up, names, recent))
                    on_the_line.clear()
        if self_named and _on_the_phone(text, turn.quotes[0][0]):
            on_the_line.add(self_named)
        conversation.append(turn)
        if len(conversation) >= _MAX_CONVERSATION_TURNS:
            flush()  # a book-long exchange with no narration between (PDNC's longest: 131 lines) is
            # decoded a piece at a time, so its time grows with its length, not with length x cast
    flush()
    return conversations


# A parent by a family word ("Daisy's mamma": her mother); grandparents' words name no parent
_KIN_WORD = {word: parent for parent in ("father", "mother") for word in FAMILY_WORDS[parent] - {parent}}


def _kin_evidence(listed: str | None, owner: str | None, relation: str, rule: str, confidence: float,
                  names: _Names, recent: Sequence[str]) -> _Evidence:
    """What ``said Dan's girl`` or ``answered Daisy's mamma`` says: the one a casting file lists
    so, or the owner's kin of that surname, or else only a gender, and never the owner."""
    relation = _KIN_WORD.get(relation, relation)
    named = listed or names.relative(owner, relation, recent)
    if named is not None and named != owner:
        return _Evidence(named, None, rule, confidence * 0.9)
    pronoun = DESCRIPTOR_GENDER.get(relation)  # (a family word not for a parent, "nana", says its gender too)
    gender = SUBJECT_PRONOUNS[pronoun] if pronoun else FAMILY_NAME_GENDER.get(relation)
    return _Evidence(None, gender, f"{rule}-pronoun", confidence * 0.7, frozenset({owner} if owner else ()))


def _tag_gender(evidence: _Evidence, names: _Names) -> Gender | None:
    """The gender a tag says without naming anyone: its he or she, or the gender of a speaker
    the story only describes (``the woman said``), whose speech may yet give a name."""
    if evidence.rule == "tag-pronoun":
        return evidence.gender
    if evidence.rule == "tag" and evidence.who in names.described and names.gender[evidence.who] != "unknown":
        return names.gender[evidence.who]
    return None


def _described_beat_meant(evidence: list[_Evidence], names: _Names) -> str | None:
    """The described character (The Barista) whose beat is a line's only clue to whom its tag's he
    or she means, when no one of that gender was named since the last speech."""
    first = evidence[0] if evidence else None
    if first is None or first.rule != "tag-pronoun" or first.antecedent is not None or first.owner is not None:
        return None
    return next((ev.who for ev in evidence[1:] if ev.rule == "beat" and ev.who in names.described
                 and names.gender.get(ev.who) == first.gender and ev.who not in first.not_who), None)


def _named_by_speech(evidence: _Evidence, self_named: str, names: _Names) -> _Evidence:
    """A he or she whose speech names its own speaker means that speaker when the gender fits
    (``Only one woman ventured out. [...] "Good morning," she said. "How do you do? I am
    Rosa."``: Rosa, not the last woman named); so does a description (``the woman said``) of
    someone the story only described till then."""
    if evidence.who is None and evidence.gender == names.gender.get(self_named):
        return replace(evidence, antecedent=self_named, sole_antecedent=True)
    if evidence.who in names.described and _compatible(names.gender.get(self_named), names.gender[evidence.who]):
        return replace(evidence, who=self_named)  # '"This is Mr Hartley," the woman said. "I'm Claire."'
    return evidence


def _own_candidates(turn: _Turn) -> list[str]:
    """A line's own candidates: whom its clues name, whom it calls, the subject of the narration
    just before, and the four last in mind (``_brought_in`` may add one more)."""
    return [who for who in [*(ev.who for ev in turn.evidence if ev.who), *turn.vocatives, turn.lead,
                            *turn.recent[:4]] if who]


def _brought_in(text: str, start: int, end: int, turn: _Turn, names: _Names, recent: Sequence[str]) -> str | None:
    """Someone for a line nobody in mind can have said: a "she said" with no woman (nor anyone
    of unknown gender) among the candidates, or a line that calls every candidate by name
    (``"TOM!"`` as a story opens). The last one in mind who fits, further back than the candidates reach; else the
    first named in the chapter's next ``text[start:end]``: a voice heard before the narration
    names it (``"TOM!" / No answer. / ... His aunt Polly stood surprised``). PDNC cut into
    2,000-word pieces: cast +72, cold +46 lines; whole novels +1 / +2. Also a "he said" whose
    he came in unnamed since the last speech (``A man entered who could hardly have been less
    than six feet six``), when no man was named since: someone not in mind, named or described
    ahead, who is then the pronoun's antecedent (PDNC +1 / +1, held-out cast +1)."""
    if turn.continues:
        return None
    clue = _pronoun_clue(turn)
    gender = clue.gender if clue is not None else None
    in_mind = {w for w in _own_candidates(turn) if w != names.first_person}
    came_in = clue is not None and clue.newcomer
    if gender is not None:
        if not came_in and any(names.gender.get(w, "unknown") in (gender, "unknown") for w in in_mind):
            return None
    elif not in_mind or not in_mind <= set(turn.vocatives):
        return None

    def fits(who: str) -> bool:
        if who == names.first_person or (came_in and who in recent):
            return False
        return names.gender.get(who) == gender if gender is not None else who not in turn.vocatives

    earlier = None if came_in else next((w for w in reversed(recent) if fits(w)), None)
    if earlier is not None:
        return earlier
    named = next(((m.start(), who) for m, who in _characters_named(text, names, recent, start, end) if fits(who)), None)
    described = _described_ahead(text, start, end, names, fits)
    if named is None or (described is not None and described[0] < named[0]):
        return described[1] if described else names.unnamed.get(gender or "")  # (cold mode: see _add_unnamed_speakers)
    return named[1]


_AFTER_A_STOP = "|".join(rf"(?<=[.!?;]{mark}{gap})" for mark in ("", "[\"'\u201d\u2019]")
                         for gap in (r"\s" * n for n in range(1, 7)))  # (fixed widths: every match opens on
# its first word, "A", "Beside", "Presently" or "a")
_NEWCOMER = starting_with("AaFIBNOTUPSJ",
                          rf"(?:(?:^|{_AFTER_A_STOP})(?:A|An"
                          rf"|{_PLACE_LEAD}\s+(?:a|an)"  # "From the card table, a big man"
                          rf"|{_SOON_AFTER},?\s+(?:a|an))"  # "Presently a horseman drew level with the carriage"
                          rf"|(?:(?<=\bopened and )|(?<=\bopens and ))(?:a|an))"  # "The door opened and a nurse"
                          rf"\s+(?:[a-z\-]+,?\s+){{0,3}}?"
                          rf"([a-z]*(?:man|woman)|{UNGENDERED_PERSONS}|{_person_nouns()})\b(?!['\u2019])",
                          re.MULTILINE)
_OWN_PRONOUN = re.compile(r"\b(his|her)\b")
# ... and a beast, in a story where one has spoken ("said the fox"): "An old owl, who had watched the
# whole thing from a branch below, shook her head."
_CREATURE_NEWCOMER = re.compile(_NEWCOMER.pattern.replace(
    f"{UNGENDERED_PERSONS}|{_person_nouns()}", "|".join(sorted(CREATURES))), re.MULTILINE)


def _walk_on(text: str, turn: _Turn) -> str | None:
    """The person a line's own narration brings in unnamed, when no tag says who speaks (``"Ms
    O'Brien?" A nurse with a clipboard leaned out of a side room. "You can go in now."``): the
    description they will be known by (``the nurse``)."""
    if turn.walk_on is None:
        turn.walk_on = _find_walk_on(text, turn)
    return turn.walk_on or None


def _find_walk_on(text: str, turn: _Turn) -> str:
    clues = _tag_candidates(text, turn)
    if any(clue.rule == "tag" for clue in clues):
        return ""
    for s, e in turn.narration:
        if s > turn.quotes[0][0] or e == turn.quotes[0][0]:  # beside the line's own quotes
            for m in _NEWCOMER.finditer(text, max(0, s - 1), e):  # (from the closing mark: "[...]?" A nurse)
                return "the " + m.group(1)
    return next((clue.subject for clue in clues if clue.rule == "beat" and clue.subject.startswith("the ")
                 and is_description(clue.subject) and not _THING_OF.match(clue.sentence)
                 and (_introduced_as(clue) or _introduced_next(text, turn, clue)) is not None), "")
    # "The paramedic, a heavyset man with a shaved head, jogged alongside the trolley. "Male, about sixteen
    # [...]""; "The envoy straightened. He was a tall, stooped man [...]"


# "The best way of achieving this was [...]. She was a practical woman": no one described, a thing of something
_THING_OF = re.compile(r"\s*The (?!" + _person_nouns() + r"\b)[a-z]+(?: [a-z]+)? of\b")


# "He was a tall, stooped man with ink on his fingers.": the sentence after a beat says who acted
_PERSON_PREDICATE = re.compile(r"\s*(He|She) (?:was|is) an? ((?:[a-z-]+,?\s+){0,3}?)(" + _person_nouns() + r")\b")


def _introduced_next(text: str, turn: _Turn, clue: _Clue) -> Gender | None:
    """The gender a description beat's next sentence gives it (``The envoy straightened. He was
    a tall, stooped man``), if that sentence says only what the one who acted is."""
    for s, e in turn.narration:
        at = text.find(clue.sentence, s, e) if clue.sentence else -1
        if at >= 0:
            said = _PERSON_PREDICATE.match(text, at + len(clue.sentence) + 1, e)
            gender: Gender | None = None if said is None else "male" if said.group(1) == "He" else "female"
            return gender if said is not None and _noun_gender(said.group(3)) == gender else None
    return None


def _newcomers(text: str, start: int, end: int) -> Iterator[Gender]:
    """The gender of each person a sentence of ``text[start:end]`` opens on unnamed, as someone
    coming into the scene (``A man entered who could hardly have been less than six feet six``,
    ``A stranger was before him``): "unknown" when the noun says none."""
    for m in _NEWCOMER.finditer(text, start, end):
        yield _noun_gender(m.group(1)) or "unknown"


def _described_ahead(text: str, start: int, end: int, names: _Names,
                     fits: Callable[[str], bool]) -> tuple[int, str] | None:
    """The first character in ``text[start:end]`` who is only described (``said her visitor``,
    when the tags made The Visitor a character or the casting file lists one), and where: the
    stranger of The Invisible Man's first chapter says "No," he said long before his first tag."""
    nouns = {noun: who for noun, who in names.roles.items() if fits(who)}
    nouns.update({d[4:].lower(): d for d in names.described if d.lower().startswith("the ") and fits(d)})
    if not nouns:
        return None
    alternatives = "|".join(map(re.escape, sorted(nouns, key=len, reverse=True)))
    found = re.compile(rf"\b(?:{_ROLE_DETERMINER}) ({alternatives})\b").search(text, start, end)
    return (found.start(), nouns[found.group(1)]) if found else None


def _answers_named(conversation: list[_Turn], described: str, recent: Sequence[str], names: _Names) -> bool:
    """``said the gentleman`` right after ``Scrooge replied``, Scrooge the only man in mind: the
    gentleman answers him, so is someone else (a line is rarely its speaker's second in a row)."""
    if not conversation or not conversation[-1].evidence:
        return False
    first = conversation[-1].evidence[0]
    if first.who is None or first.rule != "tag":
        return False
    gender = names.gender[described]
    in_mind = {w for w in recent[-3:] if names.gender.get(w) == gender and w not in names.described}
    return in_mind <= {first.who}


def _beaten_to(text: str, turn: _Turn) -> list[str]:
    """Whom a beat in the turn's own paragraph turns to, looks at or hands something to: the
    beat just before its first quote (``Rowe handed the marker to Patel. "Don't [...]"``), or a
    beat of its own between two of its quotes (``"Don't be." He turned to Claire. "But [...]"``)."""
    first_quote = turn.quotes[0][0]
    later_starts = {s for s, _ in turn.quotes[1:]}
    found: list[str] = []
    for s, e in turn.narration:
        if e == first_quote:
            found += [m.group(1) for m in _BEAT_TO.finditer(last_sentence(text[s:e]))]
        elif e in later_starts and _BEAT_TO.search(text, s, e) and _beat_sentence(sentence := last_sentence(text[s:e])):
            found += [m.group(1) for m in _BEAT_TO.finditer(sentence)]
    return [POSSESSIVE.sub("", name) for name in found]  # ("squeezed Ellie's hand": Ellie)


def _beat_sentence(sentence: str) -> bool:
    """Whether a sentence of narration between two quotes is a beat of its own (``He turned to
    Claire.``), not the tag that goes on after a quote (``she continued, glancing at Katharine,``,
    ``he went on, looking at Claire,``: whom a tag glances at is no one the line is said to; in
    Night and Day, Lady Otway's glance gave Katharine the line Mrs. Hilbery comes in with)."""
    return sentence[:1].isupper() and not has_speech_verb(sentence)


def _told_after(text: str, turn: _Turn) -> list[str]:
    """Whom the tag sentence after one of the turn's quotes says it is said to (``"He'll be back
    tomorrow," she said to the crow``)."""
    ends = {e for _, e in turn.quotes}
    return [who for s, e in turn.narration if s in ends and " to " in text[s:e]
            for who in spoken_to(first_sentence(text[s:e]), described=True)]


def _told(text: str, turn: _Turn, told_after: list[str]) -> list[str]:
    """Whom the turn's tags say its speech is said to: the tag sentence after a quote
    (``told_after``, see _told_after), or the lead-in sentence before one (not a lead-in to the
    next paragraph, whose speaker it names), and a lead-in's objects (``went up to Katharine and
    said:``, ``looked at Ralph, and said:``)."""
    starts = {s for s, _ in turn.quotes}
    told = list(told_after)
    for s, e in turn.narration:
        if e in starts and " to " in text[s:e]:
            told += spoken_to(last_sentence(text[s:e]), described=True)
    return told + [clue.subject for clue in _tag_candidates(text, turn) if clue.spoken_to]


def _genders_from_speech(chapters_turns: list[list[_Turn]], names: _Names) -> dict[str, Gender]:
    """Genders for characters the text never pronouns outside speech, from the he/she of the
    tags on lines they were given (``"You're late," he says.``); in a short, talky chapter
    that is often all there is. A tag counts only when its speaker was the one character
    of unknown gender in mind there: with two, the decoder's pick between them is a guess.
    Each gender learned can make the next tag count, so this repeats until nothing changes.
    A named speaker who answers a "ma'am" or a "sir" (``"Morning, ma'am," Pike said.`` then
    ``"Is it?" Wade took a coffee.``) is a vote too."""
    gender = dict(names.gender)
    pronoun_turns = [turn for turns in chapters_turns for turn in turns
                     if turn.speaker and not turn.continues and turn.speaker not in (names.first_person, NARRATOR)
                     and turn.evidence and turn.evidence[0].who is None
                     and turn.evidence[0].gender in ("male", "female")]
    answers: list[tuple[str, str]] = [
        (turn.speaker, turn.answering) for turns in chapters_turns for turn in turns
        if turn.answering and turn.speaker and turn.evidence and turn.evidence[0].who == turn.speaker
        and not any(s < e <= turn.quotes[0][0] for s, e in turn.narration)  # (not after "For a while neither
        # of them spoke. Then Liam said": what the narration tells first leaves it no answer)
    ] if not names.closed else []  # a casting file's "unknown" is the user's to keep
    learned: dict[str, Gender] = {}
    while True:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for answerer, answering in answers:
            if gender.get(answerer, "unknown") == "unknown":
                votes[answerer][answering] += 1
        for turn in pronoun_turns:
            who = turn.speaker
            if gender.get(who, "unknown") != "unknown":  # type: ignore[arg-type]
                continue
            unknown = [w for w in turn.recent[:4] if gender.get(w, "unknown") == "unknown"
                       and w not in (names.first_person, NARRATOR)]
            if unknown in ([], [who]):
                votes[who][turn.evidence[0].gender] += 1  # type: ignore[index]
        new = {who: g for who, v in votes.items() if (g := decide_gender(v)) != "unknown"}
        if not new:
            return learned
        gender.update(new)
        learned.update(new)


_INTRODUCTION_CHARS = 400  # about the paragraph before


_IN_MIND = 6  # the last characters in mind a description listed as someone's alias may mean them among


# A description's qualifier: "in the high chair", "with a beard", "who had spoken first"
_QUALIFIED = re.compile(r"\s+(?:in|with|of|from|at|on|by|who|whom|whose|that)(?:\s+[a-z\-]+){1,5}")


def _described_at_length(subject: str, sentence: str, names: _Names) -> str | None:
    """The listed character a description qualified after it names (``said the gentleman in the
    high chair``: the casting file's The Gentleman In The High Chair, not any gentleman; ``said an
    old gentleman with a beard``), trying the longest qualifier first."""
    if not subject.startswith(("the ", "a ", "an ")) or not names.alias_to_names:
        return None
    at = sentence.lower().find(subject.lower())
    qualified = _QUALIFIED.match(sentence, at + len(subject)) if at >= 0 else None
    if qualified is None:
        return None
    words = qualified.group().split()
    for n in range(len(words), 1, -1):
        owners = names.alias_to_names.get(name_key(f"{subject} {' '.join(words[:n])}"))
        if owners and len(owners) == 1:
            return owners[0]
    return None


def _alias_out_of_mind(named: str, subject: str, names: _Names, recent: Sequence[str]) -> bool:
    """Whether a description a casting file lists as a named character's alias (``The Girl``
    for Persephone) means someone else here: that character is not among the last in mind, and
    one of the gender its noun says is (so it is as good as a "she said"). A role that is only
    described (``The Portly Gentleman``, alias ``The Gentleman``) is what the description says."""
    if named in names.described or named.split()[0].lower() in _DESCRIBING_WORDS or not is_description(subject) \
            or descriptor_pronoun(subject.rsplit(" ", 1)[-1]) is None or named in recent[-_IN_MIND:]:
        return False
    return any(names.gender.get(w) == names.gender.get(named) and w not in names.described for w in recent[-3:])


def _introduced(text: str, described: str, at: int) -> bool:
    """``a girl in a red coat waved`` shortly before ``"Grandad!" the girl shouted``: someone
    new, not a named girl already in the scene."""
    noun = described.rsplit(" ", 1)[-1].lower()
    return re.search(rf"\b[Aa]n? (?:[a-z]+ ){{0,2}}{noun}\b", text[max(0, at - _INTRODUCTION_CHARS) : at]) is not None


def _owner_before(sentence: str, mention: re.Match[str], pronoun: str) -> bool:
    """``Berry's eyes were bloodshot as he replied``, ``Mrs. Allen did all that she could by
    saying``: a possessive, or the sentence's subject, before the pronoun is usually whom the
    pronoun means, so it does not rule that character out; so is the subject of a clause that
    the pronoun's own follows (``but after tea, as Miss Crawford was standing at an open window
    with Edmund and Fanny, she suddenly revived it [...], saying``)."""
    found = re.search(rf"\b{pronoun}\b", sentence, re.IGNORECASE)
    if found is None or mention.end() > found.start():
        return False
    if mention.group().endswith(("'s", "\u2019s")):
        return True
    before = sentence[: mention.start()].split()
    opens_clause = bool(before) and before[-1].lower() in CLAUSE_OPENERS \
        and sentence[mention.end() : found.start()].rstrip().endswith(",")
    return (opening_connectives(before) == len(before) or opens_clause) and \
        sentence_subject(sentence[mention.start():]) is not None


# Leaving, in the narration paragraph before a line: "the bell jangles again as he goes", "Sam walked
# out", "she left the room"; not one who comes back in it ("And away she went; but returning
# again"). Whoever left is unlikely to say the next line, unless its own clues say so
# ("Mr. Dashwood went away delighted" / "'I shall have a charming account,' he said").
_LEAVING = starting_with(UPPER + "hst", r"\b([Hh]e|[Ss]he|[Tt]he\s+[a-z]+(?=\s)|(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
                         r"[A-Z][\w'\-]+)\s+(?:[a-z]+ly\s+)?"
                         r"(?:(?:went|goes|walked|walks|hurried|hurries|strode|strides|stormed|storms|slipped|slips"
                         r"|stepped|steps|headed|heads|marched|marches|disappeared|disappears|vanished|vanishes"
                         r"|melted|melts|drifted|drifts|wandered|wanders|backed|backs|bustled|bustles"
                         r"|retreated|retreats)\s+(?:out|away|off|(?:back\s+)?(?:inside|indoors|upstairs|downstairs)"
                         r"|(?:back\s+)?(?:through\s+to|into)\s+the\s+back)\b"  # "went through to the back"
                         r"|(?:left|leaves|goes|went)(?=\s*[.;,]|\s+(?:the\s+(?:room|house|shop|office|building"
                         r"|kitchen|flat)|without)\b)|(?:disappeared|disappears|vanished|vanishes)(?=\s*[.;,]))")
# Someone coming into the scene (named or described, not a he or she): "The stationmaster came out to
# talk to them.", "Okafor slips in with two paper cups.", "Mrs. Hale entered." They had no line before it.
_ARRIVING = starting_with(UPPER + "t", r"\b([Tt]he\s+[a-z]+(?=\s)|(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'\-]+)"
                          r"\s+(?:[a-z]+ly\s+)?"
                          r"(?:(?:came|comes|walked|walks|stepped|steps|hurried|hurries|strode|strides"
                          r"|slipped|slips|wandered|wanders|bustled|bustles|rushed|rushes|marched|marches|sauntered"
                          r"|saunters|limped|limps|shuffled|shuffles|crept|creeps|ran|runs)\s+(?:in|into|up)\b"
                          r"|(?:burst|bursts)\s+(?:in|through)\b"  # (not "burst into tears")
                          r"|(?:came|comes)\s+(?:over|out|across|along|round|around|through|down|forward)\b"
                          r"|(?:entered|enters)\b(?!\s+(?:into|upon|on|in)\b)|(?:arrived|arrives)\b"
                          r"|(?:appeared|appears)(?=\s*[.;]|\s+(?:at|in)\s+the\s+door)|(?:joined|joins)\s+(?:them|us)\b)")
# Anyone coming in, however described ("a red-faced man in a rain-spotted coat came in, apologising"):
# the line after it is not, as a rule, the answer of one called before it
_SOMEONE_ARRIVES = re.compile(r"\b(?:came|comes|walked|walks|stepped|steps|hurried|hurries|burst|bursts|slipped|slips"
                              r"|strode|strides)\s+in\b|\b(?:entered|enters)\b(?!\s+(?:into|upon|on|in)\b)"
                              r"|\b(?:arrived|arrives)\b|\bdoor (?:opened|opens|swung open|banged open)\b")
_COMES_BACK = re.compile(r"\b(?:return|returned|returning|returns|came back|comes back|coming back|back again)\b")
_WALK_ON = 0.75  # a line's own narration bringing someone in, when no tag names another: "A nurse [...] leaned out"
_GONE = -3.0  # only on a line with no clue of its own: PDNC cast +1, cold +1 (on every line, 2,000-word pieces cold -2)


def _unary(turn: _Turn, who: str, names: _Names) -> float:
    """How well a character fits a turn on its own clues (log-odds, 0 = no opinion)."""
    if turn.continues:  # one speech over many paragraphs: its first paragraph decides; a long
        return 0.0  # tale's own names, and its "said I" of quotes within quotes, do not
    if who in turn.recent:
        score = -_RECENCY_STEP * turn.recent.index(who)
    elif who == names.first_person:
        score = -0.5
    else:
        score = _NOT_RECENT
    gender = names.gender.get(who, "unknown")
    for k, ev in enumerate(turn.evidence):
        weight = 1.0 if k == 0 else _WEIGHT_SECONDARY
        if ev.who is not None:
            if ev.who == who:
                score += weight * _WEIGHT_NAMED * ev.confidence
        elif ev.not_owner is not None:
            if who == ev.not_owner:
                score -= weight * _WEIGHT_GENDER * ev.confidence
        elif ev.gender is not None:
            if who in ev.not_who:
                continue
            if who == ev.owner:
                score += weight * _OWNER
            elif who == ev.antecedent:
                score += weight * (_SOLE_ANTECEDENT if ev.sole_antecedent else _ANTECEDENT)
            if who in (names.first_person, NARRATOR):  # "he said" is never "I" (NARRATOR: the "I said"
                score -= weight * _WEIGHT_GENDER * 2 * ev.confidence  # of a story too short to show it is told so)
            elif gender == ev.gender:
                score += weight * _WEIGHT_GENDER * ev.confidence
            elif gender != "unknown":
                score -= weight * _WEIGHT_GENDER * ev.confidence
            elif who in turn.recent and all(names.gender.get(w) != ev.gender for w in turn.recent):
                score += weight * _WEIGHT_GENDER * ev.confidence  # no woman in mind: the "she" is likelier the
                # one in mind whose gender is not known (Hermione) than a woman named later (Ginny)
    if turn.married_to and gender != "unknown":  # "my wife": a man speaks
        score += _SPOUSE_GENDER if gender != turn.married_to else -_SPOUSE_GENDER
    if turn.married_to == "male" and names.unmarried(who):
        score -= _SPOUSE_GENDER  # "My husband built it": Mrs. Wilcox, not Miss Schlegel
    if turn.answering and gender != "unknown":  # "Yes, sir." just before: a man answers
        score += _ADDRESSED_GENDER if gender == turn.answering else -_ADDRESSED_GENDER
    if who in turn.vocatives:
        score += _ADDRESSED_HERE
    elif who in turn.told_after:  # "she said to the crow": not the crow
        score += _TOLD_HERE
    elif who in turn.mentioned:
        score += _MENTIONED_HERE
    if who in turn.gone and not turn.evidence:  # "[...] as he goes. Priya is at my elbow": not his line
        score += _GONE
    if turn.lead == who:  # the subject of the narration just before
        score += _LEAD + (_ARRIVING_LEAD if turn.lead_arrived or turn.lead_was_silent else 0.0)
    elif turn.silent == who:  # "His mother said nothing.": she has answered
        score += _SILENT
    if names.kin_user and turn.address_forms and any(names.kin_user.get(form) == who for form in _kin_forms(turn)):
        score += _KIN_USER
    elif turn.address_forms and who in names.children_calling(turn.address_forms):
        score += _KIN_USER
    return score


def _same_speaker_cost(turn: _Turn, before: _Turn | None) -> float:
    """What a turn pays for having the last turn's speaker (continued speeches aside). After
    ``She did not reply.`` the one who got no answer is expected to go on. A "he said" after a
    paragraph that ended on what "he" did next (``He curled himself up in his chair [...] when
    he suddenly sprang out of it.`` then ``"Sarasate plays to-day," he remarked.``) is likely
    the same man going on, as after a beat of its own."""
    if turn.bridged and turn.answered_without_words and turn.silent is not None:
        return _SAME_AFTER_NO_ANSWER
    if turn.bridged:
        return _BRIDGED_SAME
    clue = _pronoun_clue(turn)
    if before is not None and clue is not None and clue.gender is not None and before.goes_on_as == clue.gender:
        return _SAME_GOING_ON
    opens_with_beat = bool(turn.narration) and turn.narration[0][0] < turn.quotes[0][0] and \
        turn.narration[0][1] - turn.narration[0][0] >= _OPENING_BEAT_CHARS
    return _SAME_AFTER_BEAT if opens_with_beat else _SAME_AS_PREVIOUS


def _anchors(turn: _Turn, names: _Names) -> set[str]:
    """Whom a turn's clues name as its speaker, which makes them a participant of the
    conversation: its first clue's name, or, when that is a he or she, the names of that
    gender its beats give (``Bea snorted. She was the only one who looked bored.``)."""
    if not turn.evidence:
        return set()
    first = turn.evidence[0]
    if first.who:
        return {first.who}
    return {ev.who for ev in turn.evidence[1:]
            if ev.who and ev.rule == "beat" and names.gender.get(ev.who) == first.gender}


def _pronoun_clue(turn: _Turn) -> _Evidence | None:
    """A turn's first clue when it names nobody: a he or she ("he said", "said the old man")."""
    first = turn.evidence[0] if turn.evidence else None
    return first if first is not None and first.who is None else None


def _pronoun_participant(turn: _Turn, anchored: set[str], names: _Names) -> str | None:
    """Whom a turn's "he said" most likely means when no man was named since the last speech:
    the one man the conversation's tags name (the same for "she")."""
    first = _pronoun_clue(turn)
    if turn.continues or first is None or first.gender is None or first.antecedent is not None \
            or first.owner is not None:
        return None
    fitting = [who for who in anchored if names.gender.get(who) == first.gender]
    return fitting[0] if len(fitting) == 1 else None


def _returning(conv: list[_Turn], i: int) -> dict[str, float]:
    """A third voice is likelier the one a tag or beat named three lines back: in talk among
    three, A-B-C-A (``"Moved where?" Jean-Luc asked.`` answered by the one he asked, not by
    whoever spoke last)."""
    back_three = conv[i - 3].evidence[0].who if i >= 3 and conv[i - 3].evidence else None
    return {back_three: _RETURNING} if back_three else {}


_KIN_ADDRESS = frozenset(FAMILY_NAME_GENDER) | KIN_TITLES  # "papa", "mummy", "father", "aunt"
_KIN_ANSWERS = 4  # a form of address answered by one character this often (and mostly) is theirs
_KIN_SHARE = 0.75
_KIN_USER = 2.5  # a line saying "papa" is likelier the one who says it (as strong as _ADDRESSED_BEFORE)
_KIN_USER_SHARE = 0.6


def _learn_from_tags(texts: list[str], chapters_turns: list[list[_Turn]], names: _Names) -> None:
    """What the lines a tag attributes for sure ("said Emma") teach before attribution: how
    each character talks (every turn keeps its words to be weighed against that), and whom
    the family's forms of address call (Emma's "papa" is answered by Mr. Woodhouse)."""
    tagged: list[tuple[str, Counter[str]]] = []
    answers: defaultdict[str, Counter[str]] = defaultdict(Counter)  # form -> who answers a line using it
    users: defaultdict[str, set[str]] = defaultdict(set)  # form -> who uses it
    for text, turns in zip(texts, chapters_turns, strict=True):
        recent: list[str] = []
        for k, turn in enumerate(turns):
            turn.address_forms = tuple(m.group(1).lower() for s, e in turn.quotes
                                       for m in _ADDRESS_FORMS.finditer(text[s + 1 : e]))
            if turn.continues:
                continue
            turn.words = Counter()
            for start, end in turn.quotes:
                turn.words.update(speech_words(text[start:end]))
            clue = next(iter(_tag_candidates(text, turn)), None)
            if clue is None or clue.rule != "tag" or clue.confidence < _OWN_TAG or clue.subject in SUBJECT_PRONOUNS:
                continue
            who = names.resolve(clue.subject, recent)
            if who:
                tagged.append((who, turn.words))
                recent = [w for w in recent[-5:] if w != who] + [who]
                for form in _kin_forms(turn):
                    users[form].add(who)
                if k and turns[k - 1].paragraph == turn.paragraph - 1:
                    for form in _kin_forms(turns[k - 1]):
                        answers[form][who] += 1
    names.idiolects = learn_idiolects(tagged)
    for form, answered_by in answers.items():
        who = _mostly_one(answered_by, _KIN_SHARE)
        if who and who not in users[form]:
            names.kin_address[form] = who  # (a sister who answers "mama" says "mama" herself)


def _learn_kin_users(chapters_turns: list[list[_Turn]], names: _Names) -> bool:
    """Who says the family's "papa": the character most of the decoded lines saying it are
    given (four at least, three in five), unless "papa" calls them. Emma's "papa" lines are
    seldom tagged; the ones decoded from their context say whose an untagged "Yes, papa." is."""
    users: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for turns in chapters_turns:
        for turn in turns:
            if turn.speaker and not turn.continues:
                for form in _kin_forms(turn):
                    users[form][turn.speaker] += 1
    for form, used_by in users.items():
        who = _mostly_one(used_by, _KIN_USER_SHARE)
        if who and names.kin_address.get(form) != who:
            names.kin_user[form] = who
    return bool(names.kin_user)


def _mostly_one(counts: Counter[str], share: float) -> str | None:
    """The one character a form of address mostly goes with: at least _KIN_ANSWERS times, and
    ``share`` of them all."""
    (who, n), total = counts.most_common(1)[0], sum(counts.values())
    return who if n >= _KIN_ANSWERS and n >= share * total else None


def _kin_forms(turn: _Turn) -> set[str]:
    """The family forms of address the turn's speech uses ("Oh, papa!")."""
    return {form for form in turn.address_forms if form in _KIN_ADDRESS}


def _decode_conversation(conv: list[_Turn], names: _Names) -> None:
    """The likeliest speakers for a run of consecutive speech paragraphs (second-order Viterbi).

    Each turn's own clues (tags, beats, pronoun genders, recency) are weighed against the
    shape of conversation: speakers alternate, the addressee answers, a continued speech
    keeps its speaker. Whom a "he said" is decoded to with a wide margin then counts as a
    participant, as a tag's name does, and the conversation is decoded again.
    """
    brought = [[*_own_candidates(turn), *([turn.brings] if turn.brings else [])] for turn in conv]
    pool = list(dict.fromkeys(who for whom in brought for who in whom))
    if names.first_person and names.first_person not in pool:
        pool.append(names.first_person)
    if not pool:
        return
    if len(pool) == 1 and (other := _described_other(conv, names)):
        pool.append(other)
        brought = [[*whom, other] for whom in brought]
    pools = _local_pools(pool, brought, names.first_person)
    anchored = {who for turn in conv for who in _anchors(turn, names)}
    # how each line talks like each candidate (a line its tag names a speaker for needs no more)
    habits = [_habit(turn, candidates, names) for turn, candidates in zip(conv, pools, strict=True)]
    clues = [{who: _unary(turn, who, names) for who in candidates}
             for turn, candidates in zip(conv, pools, strict=True)]
    for before, turn, clue in zip(conv, conv[1:], clues, strict=False):  # (the same in every decoding: once here)
        if turn.vocatives and not turn.continues and not before.evidence and turn.paragraph == before.paragraph + 1 \
                and turn.vocatives[0] in clue and not turn.calls_later:
            clue[turn.vocatives[0]] += _CALLED_BACK  # '"Promise me." / "I promise, Mum."': Mum asked
    own = _OwnScores(clues, habits,
                     [_same_speaker_cost(turn, conv[i - 1] if i else None) for i, turn in enumerate(conv)],
                     [_returning(conv, i) for i in range(len(conv))])
    decoding = _decode_with(conv, names, own, anchored)
    sure = _surely_meant(conv, decoding, names)
    if sure - anchored:
        decoding = _decode_with(conv, names, own, anchored | sure)
    for i, (turn, who, margin) in enumerate(zip(conv, decoding.speakers, decoding.margins, strict=True)):
        turn.speaker, turn.margin, turn.candidates, turn.habit = who, margin, pools[i], own.habits[i]
        turn.confidence = _calibrated(margin)
        turn.contradicted = _contradicted(turn, who, names)
        if turn.contradicted:
            turn.confidence = min(turn.confidence, _CONTRADICTED)
        elif len(pools[i]) == 1 and not turn.evidence and not turn.continues:
            turn.confidence = min(turn.confidence, _ONLY_ONE_IN_MIND)  # no rival, but no clue either
        turn.reason = _explain(conv, decoding.speakers, i, names)
        turn.quote_speakers = _quote_speakers(turn, names)


def _described_other(conv: list[_Turn], names: _Names) -> str | None:
    """Cold mode, an exchange with one person in mind: the first speaker a tag describes and no
    found character is (``"What can I get you?" the barista asked``), made a character. Else
    every line of Harry's coffee-shop talk was his, a second voice never heard. A description
    tagged once (below _DESCRIBED_SPEAKER_TAGS) is no character where others are in mind: in a
    novel it is most often one of them. With no such tag, the one family word the exchange calls
    (``"Dad?"`` on the phone to a father the narration names only ``her father``) is the other
    side, a character of that word's gender. (An exchange with nothing to say who the other is,
    or a "she" the one in mind does not fit, stays as it is: a made-up Someone or The Woman there
    cost PDNC's 2,000-word pieces 15 lines, the other side being a character the piece does not
    name.)"""
    if names.closed or len(conv) < 2 or all(turn.continues for turn in conv[1:]):
        return None
    for turn in conv:
        if any(ev.who for ev in turn.evidence):
            continue
        for clue in turn.tags or ():
            if clue.rule == "tag" and is_description(clue.subject):
                name = names.add_described(clue.subject, _noun_gender(clue.subject.rsplit(" ", 1)[-1]) or "unknown")
                turn.evidence = [_Evidence(name, None, "tag", clue.confidence, quote=clue.quote)]
                return name
    called = [form for turn in conv for form in sorted(_kin_forms(turn)) if form in FAMILY_NAME_GENDER]
    if len(set(called)) == 1 and names.resolve(called[0].title()) is None:  # "Dad?" / "Katherine." on the
        names.add_character(called[0].title(), [called[0].title()], FAMILY_NAME_GENDER[called[0]])  # phone
        return called[0].title()
    return None


def _habit(turn: _Turn, candidates: list[str], names: _Names) -> dict[str, float]:
    """How much a line talks like each candidate (a line its tag names a speaker for needs no more)."""
    if not turn.words or not names.idiolects.ratios or (
            turn.evidence and turn.evidence[0].who and turn.evidence[0].rule == "tag"):
        return {}
    return names.idiolects.likeness(turn.words, candidates)


def _learn_from_decoded(conversations: list[list[_Turn]], names: _Names) -> None:
    """Learn how each character talks again, now from every line decoded surely, not only the
    tagged ones (self-training: a "he said" resolved, a line between two tags), and decode again
    the conversations where the richer habits could overturn an unsure line: where a line's
    likeness moves away from its speaker by more than the decoder's margin for it."""
    names.idiolects = learn_idiolects([(turn.speaker, turn.words) for conversation in conversations
                                       for turn in conversation if turn.speaker and turn.words
                                       and not turn.continues and _surely_decoded(turn)])

    def overturned(turn: _Turn) -> bool:
        if turn.continues or (not turn.contradicted and turn.margin >= _UNSURE) or not turn.candidates:
            return False
        new = _habit(turn, turn.candidates, names)
        moved = {who: _IDIOLECT * (new.get(who, 0.0) - turn.habit.get(who, 0.0)) for who in turn.candidates}
        away = max((v for who, v in moved.items() if who != turn.speaker), default=0.0)
        return away - moved.get(turn.speaker or "", 0.0) >= turn.margin

    for conversation in conversations:
        if any(overturned(turn) for turn in conversation):
            _decode_conversation(conversation, names)


def _surely_decoded(turn: _Turn) -> bool:
    """Whether the decoder is sure enough of a line's speaker to learn from it (by its margin,
    not its confidence, so that refitting the confidence curve changes no speaker)."""
    return not turn.contradicted and turn.margin >= _SURELY_DECODED


def _local_pools(pool: list[str], brought: list[list[str]], first_person: str | None) -> list[list[str]]:
    """Each line's candidates: everyone the conversation brings to mind, or, in a conversation
    that brings more than _LOCAL_POOL_ABOVE people (PDNC's largest brings 23), those brought
    within _LOCAL_POOL_LINES lines of it, so a crowd costs time in proportion to its length."""
    if len(pool) <= _LOCAL_POOL_ABOVE:
        return [pool] * len(brought)
    order = {who: k for k, who in enumerate(pool)}
    pools = []
    for i in range(len(brought)):
        near = {who for whom in brought[max(0, i - _LOCAL_POOL_LINES) : i + _LOCAL_POOL_LINES + 1] for who in whom}
        if first_person:
            near.add(first_person)
        pools.append(sorted(near, key=order.__getitem__))
    return pools


def _surely_meant(conv: list[_Turn], decoding: Decoding, names: _Names) -> set[str]:
    """Whom the decoder gives a line whose first clue is a he or she by a wide margin, when
    they are known to be a he or a she (in a short text, whose genders the few pronouns leave
    unknown, such a pick says less)."""
    return {who for turn, who, margin in zip(conv, decoding.speakers, decoding.margins, strict=True)
            if margin >= _SURE_MARGIN - _SLACK and not turn.continues
            and (clue := _pronoun_clue(turn)) is not None and names.gender.get(who) == clue.gender}


class _OwnScores(NamedTuple):
    """What a conversation's decodings share, whoever takes part: per turn, each candidate's
    score from the turn's clues (and the next line's call: _CALLED_BACK) and its likeness to how
    they talk, what repeating the last
    speaker costs, and the bonus of a third voice coming back."""

    clues: list[dict[str, float]]
    habits: list[dict[str, float]]
    same_cost: list[float]
    returning: list[dict[str, float]]


def _decode_with(conv: list[_Turn], names: _Names, own: _OwnScores, anchored: set[str]) -> Decoding:
    """One decoding of a conversation, given its turns' own scores and whom it has taking part."""
    addressed = {who for turn in conv for who in turn.vocatives} - anchored
    staged = {who for turn in conv for who in turn.staged} - anchored
    presence = {**dict.fromkeys(addressed, _ADDRESSED_SOMEWHERE), **dict.fromkeys(staged, _STAGED),
                **dict.fromkeys(anchored, _ANCHORED)}
    scores = [{who: unary + (0.0 if turn.continues else presence.get(who, 0.0)) + _IDIOLECT * habit.get(who, 0.0)
               for who, unary in clues.items()} for turn, clues, habit in zip(conv, own.clues, own.habits, strict=True)]
    for turn, score in zip(conv, scores, strict=True):
        participant = _pronoun_participant(turn, anchored, names)
        if participant in score:  # (a crowd's far-off anchor is no candidate here)
            score[participant] += _PRONOUN_PARTICIPANT
    allowed = [sorted(s, key=lambda w: -s[w])[:_BEAM] for s in scores]
    answer = [{who: _ADDRESSED_BEFORE if i and _may_answer(conv[i - 1], conv[i], who, names) else 0.0
               for who in allowed[i]} for i in range(len(conv))]
    new_voice = [turn.new_voice for turn in conv]
    same_cost = [_NEW_VOICE_SAME if fresh else cost for fresh, cost in zip(new_voice, own.same_cost, strict=True)]
    return decode(Lattice([turn.continues for turn in conv], scores, allowed, same_cost, answer, own.returning,
                          new_voice))


def _may_answer(before: _Turn, turn: _Turn, who: str, names: _Names) -> bool:
    """Whether a turn is likelier ``who``'s for the line before addressing them: by name (the
    last one called) or in its tag (``said Jane to her aunt``); not if the narration between
    has them answer already or brings someone in (``The door opened and a red-faced man [...]
    came in``), nor if the turn's own "he said" says ``who`` is a woman."""
    if not (who in before.vocatives[-1:] or who in before.told) or who in turn.bridge_names or turn.bridge_arrival:
        return False
    if turn.lead_was_silent and turn.lead != who:
        return False  # "Geoff put down his fork. He had not said a word since grace.": he takes the floor
    clue = _pronoun_clue(turn)
    return clue is None or clue.gender is None or names.gender.get(who, "unknown") in ("unknown", clue.gender)


# Confidence from the margin between the best reading and the best with another speaker on the
# line: p = ceiling / (1 + e^-(slope * margin + offset)), fitted by maximum likelihood on the
# PDNC novels' lines of both modes at once (2026-12-05), as scripts/bench_confidence judges them
# (right when the line's character is the gold speaker by any of the gold's names): calibration
# error 1.5 points cast, 1.1 cold, where the curve fitted on cast mode alone (0.95, 0.65, -0.1)
# read 1.2 and 2.7 with the same clues, cold mode's lines being surer than cast mode's at the
# same margin; refitted after the clues change a lot. The ceiling is what even a wide margin
# leaves to chance.
_CONFIDENCE_CEILING = 0.97
_CONTRADICTED = 0.35  # a speaker the line's he or she does not fit: right 17 / 45 times in PDNC (cast)
# A line with no clue whose decoder had one candidate, the only person in mind: the margin is
# endless, but the line may be anyone's (right 0 / 5 times in PDNC, both modes; a scene with one
# person named, "Harry walked into the shop." / "Morning. What can I get you?", reads every line
# as Harry's, half of them wrongly), so it is one to check.
_ONLY_ONE_IN_MIND = 0.4
_CONFIDENCE_SLOPE = 0.6
_CONFIDENCE_OFFSET = 0.0


def _contradicted(turn: _Turn, who: str | None, names: _Names) -> bool:
    """Whether a line's speaker is of the other gender than its own "he said" says: the only
    one the decoder had (``Anna`` for a man nobody has named), so however wide the margin, a
    line to check."""
    clue = _pronoun_clue(turn)
    gender = names.gender.get(who or "", "unknown")
    return clue is not None and clue.gender is not None and gender != "unknown" and gender != clue.gender


def _calibrated(margin: float) -> float:
    """How likely a line's speaker is right, from how much better the reading is with them."""
    return _CONFIDENCE_CEILING / (1.0 + math.exp(-(_CONFIDENCE_SLOPE * min(margin, 20.0) + _CONFIDENCE_OFFSET)))


def _quote_speakers(turn: _Turn, names: _Names) -> list[tuple[str, float, str]] | None:
    """``"Come away, my dears!" ... a Canary called out.``: a quote of the paragraph whose own
    tag names someone else is that one's, and a quote right after it (only a tag between)
    follows it; so is a later quote a "She said:" of its own leads into, in a man's paragraph.
    None when the paragraph is one speaker's."""
    if len(turn.quotes) < 2 or turn.speaker is None or turn.continues:
        return None
    own: dict[int, _Evidence] = {}
    seen: set[int] = set()
    for ev in turn.evidence:  # strongest first: a quote's own tag is its first clue
        if ev.quote is None or ev.quote in seen:
            continue
        seen.add(ev.quote)
        if ev.rule == "tag" and ev.who is not None and ev.confidence >= _OWN_TAG:
            own[ev.quote] = ev
        elif ev.antecedent_since_quote is not None and names.gender.get(turn.speaker) not in (ev.gender, "unknown"):
            own[ev.quote] = replace(ev, who=ev.antecedent_since_quote)
    if all(ev.who == turn.speaker for ev in own.values()):
        return None
    whole = (turn.speaker, turn.confidence, turn.reason or "none")
    out: list[tuple[str, float, str]] = []
    for k, (start, _) in enumerate(turn.quotes):
        if k in own:
            ev = own[k]
            out.append(whole if ev.who == turn.speaker else (ev.who or "", ev.confidence, ev.rule))
        elif out and start - turn.quotes[k - 1][1] <= _TAG_GAP:
            out.append(out[-1])
        else:
            out.append(whole)
    return out


def _explain(conv: list[_Turn], chosen: list[str], i: int, names: _Names) -> str:
    """The rule that decided a turn's speaker (how sure it is comes from the decoder's margin)."""
    turn, who = conv[i], chosen[i]
    gender = names.gender.get(who, "unknown")
    for ev in turn.evidence[:1]:
        if ev.who == who or (ev.who is None and ev.gender == gender):
            return ev.rule
    if turn.continues and i > 0 and chosen[i - 1] == who:
        return "continued"
    if i > 0 and who in conv[i - 1].vocatives:
        return "vocative"
    if turn.answering == gender and chosen[i - 1] != who:
        return "vocative"  # "Yes, sir.": a man answers
    if (i >= 2 and chosen[i - 2] == who and chosen[i - 1] != who) or (
            i + 2 < len(chosen) and chosen[i + 2] == who and chosen[i + 1] != who):
        return "turn-taking"
    if any(ev.who == who for ev in turn.evidence):
        return next(ev.rule for ev in turn.evidence if ev.who == who)
    return "participant"


class _Mention(NamedTuple):
    """Someone named (or he/she) in a narration sentence, and whether the sentence opens on them."""

    who: str  # a character, or "he"/"she", or "his wife": see _narration_mentions
    is_subject: bool  # what its sentence opens on: "Skaggs's mind worked quickly."


def _described_subject(sentence: str, names: _Names, recent: Sequence[str]) -> str | None:
    """In a story that names no one (its people are The Woman, The Old Man, the narrator), whom
    a sentence opening on their description means: ``The woman came in out of the rain.`` In a
    story with names, "the young girl" is as often an epithet of one of them (PDNC cold -21)."""
    if not names.described or len(names.described) < len(names.gender) - (NARRATOR in names.gender):
        return None  # (the described are characters too: as many means they are all of them)
    the = _DESCRIBED_OPENING.match(sentence)
    if the is None:
        return None
    return names.resolve(the.group(1).lower(), recent) or names.resolve(the.group(2).lower(), recent)


def _narration_mentions(text: str, start: int, end: int, names: _Names, recent: Sequence[str]) -> Iterable[_Mention]:
    """Characters named in narration, in order; a sentence opening with He/She yields the
    pronoun itself, and "his wife" yields itself, so the caller can resolve whom they mean
    (a cheap coreference). A name a sentence opens on is its subject, which a later "he" or
    "she" most likely means: ``Skaggs's mind worked quickly. He remembered the Colonel's
    story.`` and then ``he said`` is Skaggs."""
    for sentence in SENTENCE.finditer(text[start:end]):
        body = sentence.group(1) or ""
        opening = _PRONOUN_SUBJECT.match(body)
        if opening:  # "He stopped, and took the glass Holmes had poured": he is who he was before Holmes
            yield _Mention(opening.group(1).lower(), True)
        elif names.first_person and _NARRATOR_SUBJECT.match(body):  # "I told her how...": the narrator is
            yield _Mention(names.first_person, True)  # in the scene, likely the one she answers
        opening_words = _SUBJECT_START.match(body)
        subject_at = opening_words.end() if opening_words else 0
        found = [(m.start(), who) for m, who in _characters_named(body, names, recent, by_parts=True)]
        for m in _KIN_MENTION.finditer(body):
            pronoun, owner_name, relation = m.groups()
            if pronoun:  # "his brother": the caller knows whom "his" means
                found.append((m.start(), f"{pronoun.lower()} {relation}"))
            elif (owner := names.resolve(owner_name, recent)) and (kin := names.relative(owner, relation, recent)):
                found.append((m.start(3), kin))  # "Mr. Palmer's wife", after Mr. Palmer himself
        if names.family_named:  # "Their grandmother shuffled in": the caller knows whom the family calls so
            found.extend((m.start(), f"{m.group(1).lower()} {m.group(2)}") for m in _OWNED_FAMILY.finditer(body))
        if names.roles:  # "The detective nodded.", when the casting file lists The Detective
            opening_role = _OPENING_ROLE.match(body, subject_at)  # "A stranger was before him" brings in the
            # one the list calls The Stranger; "he gave it to a servant" is any servant
            for m in [*([opening_role] if opening_role else []), *_ROLE_MENTION.finditer(body)]:
                words = m.group(2).split()
                if m.group(1).lower() in ("his", "her") and words[0] in _KIN_RELATIONS:
                    continue  # "her son" is a _KIN_MENTION: her named son, or else the casting file's The Son
                who = names.roles.get(" ".join(words)) or names.roles.get(words[0])
                if who:
                    found.append((m.start(), who))
        if (brought := _OPENING_ROLE.match(body) or (None if found else _PLACED_ROLE.match(body))) \
                and not any(at < brought.start(2) for at, _ in found):  # "An old man in overalls comes out", "A
            described = _described_brought_in(f"{brought.group(1).lower()} {brought.group(2)}", names)  # girl Alfie
            if described:  # didn't know stood on the mat": she, not Alfie, opens the sentence, its subject
                found.append((brought.start(1), described))
        if names.described and not found and body.startswith("The ") and _APPOSITION_INTRODUCES.search(body) \
                and (subject := sentence_subject(body)) and _introduced_in(body, subject) is not None \
                and (described := names.resolve(subject, recent)) in names.described:  # "The innkeeper, a big
            found.append((0, described))  # red-faced woman with a ladle in one fist, looked down at them."
        elif not found and (described := _described_subject(body, names, recent)):
            found.append((0, described))
        elif not found and names.brought_in and (the := _DESCRIBED_OPENING.match(body)) \
                and (newcomer := names.resolve("the " + the.group(1).rsplit(" ", 1)[-1], recent)) in names.brought_in:
            found.append((0, newcomer))  # "The young man came to the fence.", brought in as "a young man"
        elif not found and (the := _DESCRIBED_OPENING.match(body)) \
                and name_key(the.group(2)) in names.alias_to_names \
                and (known := names.resolve(the.group(2).lower(), recent)) and known not in names.described:
            found.append((0, known))  # "The solicitor coughed.", of a Mr. Pargeter "the family's solicitor"
        if not opening and (clause := _PRONOUN_AFTER_CLAUSE.match(body)):  # "When Mr. Cole had moved away,
            found.append((clause.start(1), clause.group(1).lower()))  # [...], she saw": she, as a sentence opening
        found.sort()
        late_subject = None
        if found and not opening and found[0][0] > subject_at:  # "and, after a pause, Mrs. Elton chose"
            written = sentence_subject(body, opening_phrase=True)
            late_subject = names.resolve(written, recent) if written and written not in SUBJECT_PRONOUNS else None
            tail = name_after_adjectives(written.split()[1:]) if written and written.startswith("the ") else []
            if late_subject is None and tail:  # "The false Professor drank": the Professor
                late_subject = names.resolve_name_after_adjectives(tail, recent)
        for at, who in found:
            yield _Mention(who, (at <= subject_at and not opening) or who == late_subject or who in SUBJECT_PRONOUNS)


def _same_conversation(paras: list[_Paragraph], a: _Turn, b: _Turn) -> bool:
    """Turns in consecutive paragraphs, or with one short narration paragraph between them."""
    gap = b.paragraph - a.paragraph
    return gap == 1 or (gap == 2 and _bridges(paras[a.paragraph + 1]))


def _bridges(para: _Paragraph) -> bool:
    """A narration paragraph short enough that the conversation goes on across it."""
    return not para.is_break and para.end - para.start <= _BRIDGE_CHARS


def _segments(text: str, start: int, end: int, paras: list[_Paragraph], turns: list[_Turn]) -> list[Segment]:
    """Segments that tile ``[start, end)`` exactly: quotes are dialogue, the rest narration."""
    turn_at = {t.paragraph: t for t in turns}
    pieces: list[Segment] = []
    for index, para in enumerate(paras):
        turn = turn_at.get(index)
        cuts: list[tuple[int, int, bool]] = []
        pos = para.start
        for s, e in (turn.quotes if turn else []):
            if s > pos:
                cuts.append((pos, s, False))
            cuts.append((s, e, True))
            pos = e
        if pos < para.end:
            cuts.append((pos, para.end, False))
        quote_index = 0
        for s, e, is_dialogue in cuts:
            if is_dialogue and turn is not None and quote_index in turn.read_by_narrator:
                quote_index += 1
                pieces.append(Segment("narration", text[s:e], s, e, None, index, para.scene))
            elif is_dialogue and turn is not None:
                speaker, confidence, reason = turn.speaker, turn.confidence, turn.reason or "none"
                if turn.quote_speakers:
                    speaker, confidence, reason = turn.quote_speakers[quote_index]
                quote_index += 1
                pieces.append(Segment("dialogue", text[s:e], s, e, speaker, index, para.scene,
                                      round(confidence, 2), reason))
            else:
                pieces.append(Segment("narration", text[s:e], s, e, None, index, para.scene))
    # fold the whitespace between paragraphs into the segment before it
    out: list[Segment] = []
    pos = start
    for seg in pieces:
        if seg.start > pos:
            if out:
                prev = out[-1]
                out[-1] = _stretch(prev, prev.start, seg.start, text)
            else:
                seg = _stretch(seg, pos, seg.end, text)
        out.append(seg)
        pos = out[-1].end
    if out and pos < end:
        out[-1] = _stretch(out[-1], out[-1].start, end, text)
    if not out and end > start:
        out.append(Segment("narration", text[start:end], start, end))
    return out


def _stretch(seg: Segment, start: int, end: int, text: str) -> Segment:
    return Segment(seg.kind, text[start:end], start, end, seg.speaker, seg.paragraph, seg.scene,
                   seg.confidence, seg.reason)


def _characters(names: _Names, lines: Counter[str], cast: Cast | None) -> tuple[Character, ...]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for key, who in names.alias_to_name.items():
        aliases[who].append(names.forms[key])
    out: list[Character] = []
    if cast is not None and names.closed:
        for entry in cast.characters:
            out.append(Character(entry.name, entry.aliases, entry.gender, lines.get(entry.name, 0),
                                 entry.first_person))
    else:
        for who in sorted(aliases, key=lambda w: (-lines.get(w, 0), w)):
            if lines.get(who, 0) == 0:
                continue
            forms = sorted(set(aliases[who]) - {who})
            out.append(Character(who, tuple(forms), names.gender.get(who, "unknown"), lines[who],
                                 first_person=who == names.first_person))
    if lines.get(NARRATOR) and all(c.name != NARRATOR for c in out):
        out.append(Character(NARRATOR, (), "unknown", lines[NARRATOR], first_person=True))
    return tuple(out)


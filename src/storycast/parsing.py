"""Parsing: split chapters into narration and dialogue, and decide who speaks each line.

The parser is rule-based and runs offline in one pass per story, in this order:

1. paragraphs and scene breaks; quotes (``quotes.py``), and which quotes are speech;
2. characters: from a casting file, or discovered from the names in speech tags and
   action beats, with aliases merged and gender inferred from honorifics and pronouns;
3. per paragraph ("turn"): explicit tags (``said Theo``, ``she asked``), a tag before
   the speech (``Theo said:``), then action beats (``Ivy shrugged.``), pronouns resolved
   to the most recent character of that gender, ``I said`` to the first-person narrator;
4. per conversation: continued speeches, vocatives (the addressee answers next) and
   A-B-A-B turn-taking fill the turns no tag decided.

Every dialogue segment carries the rule that decided it and a confidence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storycast.loading import SCENE_BREAK
from storycast.model import Cast, Chapter, Character, Gender, Script, Segment, Story, name_key
from storycast.quotes import Quote, QuoteStyle, detect_style, find_quotes

NARRATOR = "Narrator"
# Evidence a name needs to count as a character in cold mode: a speech tag is 2,
# an action beat or a vocative 1, the subject of a narration sentence 0.5.
MIN_CHARACTER_EVIDENCE = 0.5

SPEECH_VERBS = frozenset(
    """say says said saying ask asks asked reply replies replied answer answers answered cry cries cried
    shout shouted whisper whispered whispers murmur murmured murmurs exclaim exclaimed exclaims add added adds
    continue continued continues return returned returns observe observed observes remark remarked remarks
    repeat repeated repeats begin began begins call called calls mutter muttered mutters declare declared
    insist insisted suggest suggested laugh laughed laughs sigh sighed sighs snap snapped sniped snipes demand
    demanded demands retort retorted protest protested agree agreed explain explained explains interrupt
    interrupted plead pleaded groan groaned growl growled breathe breathed stammer stammered resume resumed
    rejoin rejoined echo echoed respond responded announce announced admit admitted concede conceded inquire
    inquired enquire enquired persist persisted venture ventured hiss hissed yell yelled scream screamed gasp
    gasped sob sobbed wail wailed moan moaned chuckle chuckled giggle giggled smile smiled grin grinned sneer
    sneered scoff scoffed mumble mumbled whimper whimpered roar roared bellow bellowed bark barked thunder
    thundered shriek shrieked squeak squeaked croak croaked drawl drawled lisp lisped falter faltered stutter
    stuttered warn warned assure assured remind reminded confess confessed caution cautioned comment commented
    muse mused wonder wondered reason reasoned argue argued object objected correct corrected tease teased
    joke joked chide chided scold scolded grumble grumbled complain complained offer offered promise promised
    proceed proceeded conclude concluded cut sang sing sings called retorted purred snarled spluttered
    sputtered blurted pleaded prompted urged queried questioned quipped smirked shrugged nodded grunted
    exploded stormed soothed consoled admitted acknowledged guessed supposed thought write wrote writes read
    cry explained ejaculated interposed rejoined pursued resumed returned continued""".split()
)
SUBJECT_PRONOUNS: dict[str, Gender | None] = {"he": "male", "she": "female", "i": None}
HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "master": "male", "monsieur": "male",
    "herr": "male", "signor": "male", "senor": "male", "father": "male", "uncle": "male", "king": "male",
    "prince": "male", "duke": "male", "count": "male", "baron": "male", "brother": "male", "colonel": "male",
    "captain": "male", "major": "male", "general": "male", "rev": "male", "reverend": "male",
    "mrs": "female", "miss": "female", "ms": "female", "lady": "female", "madam": "female",
    "madame": "female", "mme": "female", "mlle": "female", "mademoiselle": "female", "frau": "female",
    "fraulein": "female", "signora": "female", "senora": "female", "mother": "female", "aunt": "female",
    "queen": "female", "princess": "female", "duchess": "female", "countess": "female", "baroness": "female",
    "sister": "female", "dame": "female", "mistress": "female",
}
NEUTRAL_HONORIFICS = frozenset(
    "dr doctor professor prof inspector sergeant detective officer judge dean saint st".split()
)
HONORIFICS = frozenset(HONORIFIC_GENDER) | NEUTRAL_HONORIFICS
# Capitalised words that start sentences or quotes but are never names.
NOT_NAMES = frozenset(
    """i oh ah yes no well why what how who where when then there here now so but and or if my dear good
    very indeed perhaps come look please thank thanks nay aye alas hush hey hello ay o nothing nobody
    something everything everyone anybody somebody mine yours his hers its our ours their theirs this
    that these those it he she we they you me him her us them the a an one all both each every some
    any none not never only just still yet even also too quite rather after before since while though
    although because unless until as at by for from in into of on to with without upon about above
    below under over again once twice first last next poor little great old young dear god heaven
    lord sir madam mr mrs miss ms dr""".split()
)
CONJUNCTIONS = frozenset("and but then so now still yet presently suddenly finally at last".split())
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle|Messrs|Prof|Rev|Capt|Col|Gen|Sgt|Lt)\.|[A-Za-z\u00c0-\u024f][\w'\u2019\-]*|[.!?;:,\u2014]"
)
_SENTENCE_END = frozenset(".!?;")
_VOCATIVE_BEFORE = re.compile(r"(?:^|[,;!?]\s+|\b(?:dear|my|oh|o)\s+)$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z]+")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_SENTENCE = re.compile(r"(?:^|(?<=[.!?;]\s))\s*([^.!?;]+)")
_WINDOW_STOP = re.compile(r"[\"\u201c\u201d]|(?<=[a-z,;] )[A-Z][a-z]+")
_GENDER_PRONOUN = re.compile(r"\b(he|his|himself|she|herself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    """A name or pronoun found in narration: what was written and where."""

    text: str
    start: int
    pronoun: str | None = None


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
    vocatives: list[str] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)  # characters in mind here, most recent first


@dataclass
class _Paragraph:
    start: int
    end: int
    scene: int
    is_break: bool = False
    quotes: list[Quote] = field(default_factory=list)


class _Names:
    """Which capitalised words are names, and which character each name belongs to."""

    def __init__(self, text: str, cast: Cast | None) -> None:
        lower = Counter(_LOWER_WORD.findall(text))
        cap = Counter(_CAP_WORD.findall(text))
        self._lower = lower
        self._cap = cap
        self.alias_to_name: dict[str, str] = {}
        self.forms: dict[str, str] = {}  # folded alias -> as written
        self.gender: dict[str, Gender] = {}
        self.first_person: str | None = None
        self.closed = cast is not None and bool(cast.characters)
        if cast is not None:
            for entry in cast.characters:
                self.gender[entry.name] = entry.gender
                for alias in (entry.name, *entry.aliases):
                    self.add_alias(alias, entry.name)
                if entry.first_person:
                    self.first_person = entry.name

    def add_alias(self, alias: str, name: str) -> None:
        key = name_key(alias)
        if key not in self.alias_to_name:
            self.alias_to_name[key] = name
            self.forms[key] = alias

    def is_name_word(self, word: str) -> bool:
        low = word.lower()
        if low in NOT_NAMES or not word[:1].isupper():
            return False
        if word.isupper() and len(word) > 1:
            return False
        return self._lower.get(low, 0) <= 0.25 * max(1, self._cap.get(word, 0))

    def resolve(self, name: str) -> str | None:
        """The character a written name refers to, if known."""
        key = name_key(name)
        hit = self.alias_to_name.get(key)
        if hit:
            return hit
        parts = key.split()
        if parts and parts[0] in HONORIFICS and len(parts) > 1:
            hit = self.alias_to_name.get(" ".join(parts[1:]))
            if hit and _compatible(HONORIFIC_GENDER.get(parts[0]), self.gender.get(hit, "unknown")):
                return hit
        return None


def _compatible(a: Gender | None, b: Gender) -> bool:
    return a is None or b == "unknown" or a == b


def parse_story(story: Story, *, cast: Cast | None = None) -> Script:
    """Parse a loaded story into a :class:`Script` (pure: no I/O, no printing)."""
    chapters_paragraphs: list[list[_Paragraph]] = []
    for ch in story.chapters:
        text = story.sources[ch.source].text
        style = _style_for(story, ch.source)
        chapters_paragraphs.append(_paragraphs(text, ch.start, ch.end, style))
    whole = "\n".join(s.text for s in story.sources)
    names = _Names(whole, cast)

    chapters_turns: list[list[_Turn]] = []
    for ch, paras in zip(story.chapters, chapters_paragraphs, strict=True):
        chapters_turns.append(_turns(story.sources[ch.source].text, paras))

    if not names.closed:
        _discover_characters(story, chapters_turns, chapters_paragraphs, names)
    for ch, paras, turns in zip(story.chapters, chapters_paragraphs, chapters_turns, strict=True):
        _attribute_chapter(story.sources[ch.source].text, paras, turns, names)

    chapters: list[Chapter] = []
    line_counts: Counter[str] = Counter()
    for ch, paras, turns in zip(story.chapters, chapters_paragraphs, chapters_turns, strict=True):
        text = story.sources[ch.source].text
        segments = _segments(text, ch.start, ch.end, paras, turns)
        line_counts.update(t.speaker for t in turns if t.speaker)
        chapters.append(Chapter(ch.title, tuple(segments), story.sources[ch.source].path, ch.start, ch.end))
    return Script(story.title, tuple(chapters), _characters(names, line_counts, cast), story.author)


def _style_for(story: Story, source: int) -> QuoteStyle:
    text = story.sources[source].text
    starts = [p.lstrip()[:40] for p in text.split("\n\n") if p.strip()]
    return detect_style(starts)


def _paragraphs(text: str, start: int, end: int, style: QuoteStyle) -> list[_Paragraph]:
    """Paragraphs of a chapter body: blank-line separated, or one per line if no blank lines."""
    body = text[start:end]
    if "\n\n" in body.strip() or body.strip().count("\n") < 2:
        splitter = re.compile(r"\n[ \t]*\n\s*")
    else:
        splitter = re.compile(r"\n\s*")
    paras: list[_Paragraph] = []
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
            if SCENE_BREAK.match(chunk) and len(chunk) <= 20:
                scene += 1
                paras.append(_Paragraph(s, e, scene, is_break=True))
            else:
                quotes = [Quote(q.start + s, q.end + s, q.closed) for q in find_quotes(chunk, style)]
                paras.append(_Paragraph(s, e, scene, quotes=quotes))
        if m is None:
            break
        pos = m.end()
    return paras


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def _is_speech(text: str, para: _Paragraph, q: Quote, prev_unclosed: bool) -> bool:
    """Whether a quote is speech, not a scare quote or a title."""
    inner = text[q.start + 1 : q.end - (1 if q.closed else 0)].strip()
    if not inner:
        return False
    if q.start == para.start or prev_unclosed:
        return True
    words = inner.split()
    before = text[para.start : q.start].rstrip()
    after = text[q.end : para.end].lstrip()
    if len(words) >= 5:
        return True
    if before.endswith((":", ",")) and _has_speech_verb(before[-60:]):
        return True
    if _tag_after(after) is not None:
        return True
    mid_sentence = bool(before) and (before[-1].isalnum() or before[-1] in "-\u2014") and \
        not before.endswith(("said", "says", "say", "cried", "asked", "replied"))
    if not mid_sentence:
        return not _is_title_case(words) or inner[-1:] in "!?"
    return inner.rstrip("\"'\u201d\u2019")[-1:] in "!?" and not _is_title_case(words)


def _is_title_case(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() for w in letters)


def _has_speech_verb(text: str) -> bool:
    return any(w.lower() in SPEECH_VERBS for w in _WORD.findall(text))


def _tag_after(after: str) -> tuple[str, str] | None:
    """``said Theo`` / ``Theo said`` / ``she asked`` right after a quote: (who, how)."""
    toks = _tokens(after[:80])
    words: list[str] = []
    for tok, _ in toks:
        if tok in _SENTENCE_END:
            break
        if tok in (",", "\u2014", ":") and not words:
            continue
        if tok == ",":
            break
        words.append(tok)
        if len(words) >= 6:
            break
    return _match_tag(words)


def _match_tag(words: list[str]) -> tuple[str, str] | None:
    """Match a speech tag at the start of ``words``; returns (subject, verb)."""
    if not words:
        return None
    first = words[0].lower()
    if first in SPEECH_VERBS or (first == "went" and len(words) > 1 and words[1] == "on"):
        i = 2 if first == "went" else 1
        subject = _subject_at(words, i)
        if subject:
            return subject, first
        return None
    subject = _subject_at(words, 0)
    if subject is None:
        return None
    i = len(subject.split())
    if i < len(words) and words[i].lower().endswith("ly") and words[i][:1].islower():
        i += 1
    if i < len(words) and (words[i].lower() in SPEECH_VERBS or words[i] == "went"):
        return subject, words[i].lower()
    return None


def _subject_at(words: list[str], i: int) -> str | None:
    """A pronoun, or an (honorific +) capitalised name starting at ``words[i]``."""
    if i >= len(words):
        return None
    w = words[i]
    if w.lower() in SUBJECT_PRONOUNS and (w != "I" or True):
        return "I" if w == "I" else w.lower()
    out = []
    j = i
    if w.rstrip(".").lower() in HONORIFICS and w[:1].isupper() and j + 1 < len(words) and words[j + 1][:1].isupper():
        out.append(w)
        j += 1
    while j < len(words) and words[j][:1].isupper() and words[j].lower() not in NOT_NAMES and len(out) < 4:
        out.append(words[j])
        j += 1
    if not out or (len(out) == 1 and out[0].rstrip(".").lower() in HONORIFICS):
        return None
    return " ".join(out)


def _turns(text: str, paras: list[_Paragraph]) -> list[_Turn]:
    """One turn per paragraph that holds speech; non-speech quotes are dropped."""
    turns: list[_Turn] = []
    prev_unclosed = False
    for index, para in enumerate(paras):
        speech: list[tuple[int, int]] = []
        continues = False
        for k, q in enumerate(para.quotes):
            carried = prev_unclosed and k == 0 and q.start == para.start
            if _is_speech(text, para, q, carried):
                speech.append((q.start, q.end))
                continues = continues or carried
        last = para.quotes[-1] if para.quotes else None
        prev_unclosed = bool(last and not last.closed and (last.start, last.end) in speech)
        para.quotes = [q for q in para.quotes if (q.start, q.end) in speech]
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
        turns.append(_Turn(index, speech, narration, continues=continues))
    return turns


def _tag_candidates(text: str, turn: _Turn) -> list[tuple[str, str, int]]:
    """(subject, rule, position) for every tag, pre-tag and beat in the turn's narration."""
    out: list[tuple[str, str, int]] = []
    quote_ends = {e for _, e in turn.quotes}
    quote_starts = {s for s, _ in turn.quotes}
    for s, e in turn.narration:
        chunk = text[s:e]
        if s in quote_ends:
            tag = _tag_after(chunk)
            if tag:
                out.append((tag[0], "tag", s))
                continue
        if e in quote_starts and chunk.rstrip().endswith((",", ":", "\u2014")):
            sentence = re.split(r"[.!?;]\s", chunk.rstrip())[-1]
            if _has_speech_verb(sentence):
                subj = _sentence_subject(sentence)
                if subj:
                    out.append((subj, "tag", s))
                    continue
        for m in _SENTENCE.finditer(chunk):
            subj = _sentence_subject(m.group(1))
            if subj:
                out.append((subj, "beat", s + m.start(1)))
    return out


def _sentence_subject(sentence: str) -> str | None:
    words = [t for t, _ in _tokens(sentence[:80]) if t not in (",",)]
    while words and words[0].lower() in CONJUNCTIONS:
        words = words[1:]
    subj = _subject_at(words, 0)
    if subj is None:
        return None
    nxt = len(subj.split())
    if nxt < len(words) and words[nxt][:1].islower():
        return subj
    return None


_VOCATIVE_NAME = re.compile(
    r"((?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord)\.?\s+)?[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?)(?=\s*[,!?.]|$)"
)


def _vocative_names(text: str, turn: _Turn) -> Iterable[str]:
    """Names addressed in the turn's speech: ``Edmund, come here`` / ``It is rain, Harriet.``"""
    for s, e in turn.quotes:
        inner = text[s + 1 : e]
        for m in _VOCATIVE_NAME.finditer(inner):
            if _VOCATIVE_BEFORE.search(inner[: m.start()]):
                yield m.group(1)


def _vocatives(text: str, turn: _Turn, names: _Names) -> list[str]:
    return [who for who in map(names.resolve, _vocative_names(text, turn)) if who]


def _discover_characters(story: Story, chapters_turns: list[list[_Turn]],
                         chapters_paragraphs: list[list[_Paragraph]], names: _Names) -> None:
    """Cold mode: characters are the names that speak in tags and beats; merge aliases."""
    counts: Counter[str] = Counter()  # weights are halves: stored as float in a Counter

    def count(subject: str, weight: float) -> None:
        if subject in SUBJECT_PRONOUNS or subject == "I":
            return
        if all(names.is_name_word(w) or w.rstrip(".").lower() in HONORIFICS for w in subject.split()):
            counts[subject] += weight  # type: ignore[assignment]

    for ch, turns, paras in zip(story.chapters, chapters_turns, chapters_paragraphs, strict=True):
        text = story.sources[ch.source].text
        for turn in turns:
            for subject, rule, _ in _tag_candidates(text, turn):
                count(subject, 2 if rule == "tag" else 1)
            for name in _vocative_names(text, turn):
                count(name, 1)
        speech_paras = {t.paragraph for t in turns}
        for index, para in enumerate(paras):
            if index in speech_paras or para.is_break:
                continue
            for m in _SENTENCE.finditer(text, para.start, para.end):
                narrated = _sentence_subject(m.group(1) or "")
                if narrated:
                    count(narrated, 0.5)
    clusters = _merge_aliases(dict(counts))
    whole = "\n".join(s.text for s in story.sources)
    for canonical, aliases in clusters.items():
        if sum(counts[a] for a in aliases) < MIN_CHARACTER_EVIDENCE:
            continue
        for alias in aliases:
            names.add_alias(alias, canonical)
        names.gender[canonical] = _infer_gender(whole, aliases, names)


def _merge_aliases(counts: dict[str, int]) -> dict[str, list[str]]:
    """Group name forms that refer to one person: Theo / Theo Marsh / Dr. Marsh."""
    def parts(name: str) -> tuple[str | None, list[str]]:
        words = name.split()
        if words[0].rstrip(".").lower() in HONORIFICS and len(words) > 1:
            return words[0].rstrip(".").lower(), words[1:]
        return None, words

    full = sorted((n for n in counts if len(parts(n)[1]) >= 2), key=lambda n: -counts[n])
    clusters: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for name in full:
        clusters[name] = [name]
        owner[name] = name
    firsts: dict[str, list[str]] = defaultdict(list)
    lasts: dict[str, list[str]] = defaultdict(list)
    for name in full:
        words = parts(name)[1]
        firsts[words[0]].append(name)
        lasts[words[-1]].append(name)
    for name in sorted(counts, key=lambda n: -counts[n]):
        if name in owner:
            continue
        hon, words = parts(name)
        word = words[-1]
        target = None
        if len(words) == 1:
            by_first = firsts.get(word, [])
            by_last = lasts.get(word, [])
            if hon is None and len(by_first) == 1 and not by_last:
                target = by_first[0]
            elif len(by_last) == 1 and (hon is None or hon in NEUTRAL_HONORIFICS or not firsts.get(word)):
                target = by_last[0]
            if target is None and hon is not None and word in owner:
                target = owner[word]
        if target is None:
            bare = " ".join(words)
            if hon is not None and bare in clusters and len(clusters[bare]) == 1:
                target = bare
        if target is None:
            clusters[name] = [name]
            owner[name] = name
            if hon is not None:
                owner.setdefault(" ".join(words), name)
        else:
            root = owner[target]
            clusters[root].append(name)
            owner[name] = root
    # canonical name: the form used most in tags and beats
    result: dict[str, list[str]] = {}
    for aliases in clusters.values():
        best = max(aliases, key=lambda n: (counts.get(n, 0), len(n)))
        result[best] = [best] + [a for a in aliases if a != best]
    return result


def _infer_gender(text: str, aliases: list[str], names: _Names) -> Gender:
    """Honorifics decide; otherwise the pronouns that follow the name's mentions.

    The window after a mention stops at a quote mark or another name, so a pronoun
    that belongs to someone else's speech or sentence is not counted.
    """
    votes: Counter[str] = Counter()
    for alias in aliases:
        first = alias.split()[0].rstrip(".").lower()
        if first in HONORIFIC_GENDER:
            votes[HONORIFIC_GENDER[first]] += 5
    own_words = {w for alias in aliases for w in alias.split()}
    for alias in aliases:
        for m in re.finditer(r"\b" + re.escape(alias) + r"\b", text):
            window = text[m.end() : m.end() + 200]
            stop = _WINDOW_STOP.search(window)
            while stop and stop.group().strip("\"\u201c\u201d") and (
                    stop.group() in own_words or not names.is_name_word(stop.group())):
                stop = _WINDOW_STOP.search(window, stop.end())
            if stop:
                window = window[: stop.start()]
            p = _GENDER_PRONOUN.search(window)
            if p:
                votes["male" if p.group(1).lower() in ("he", "his", "himself") else "female"] += 1
    if not votes:
        return "unknown"
    (top, n), *rest = votes.most_common()
    other = rest[0][1] if rest else 0
    decided = n >= 1 if other == 0 else n >= 2 and n >= 1.5 * other
    return top if decided else "unknown"  # type: ignore[return-value]


def _attribute_chapter(text: str, paras: list[_Paragraph], turns: list[_Turn], names: _Names) -> None:
    recent: list[str] = []  # characters by recency of mention, most recent last

    def mention(who: str) -> None:
        if who in recent:
            recent.remove(who)
        recent.append(who)

    def by_pronoun(pronoun: str, exclude: list[str]) -> str | None:
        gender = SUBJECT_PRONOUNS.get(pronoun)
        for wanted in (gender, "unknown"):
            for who in reversed(recent):
                if who not in exclude and names.gender.get(who, "unknown") == wanted:
                    return who
        return None

    turn_at = {t.paragraph: t for t in turns}
    for index, para in enumerate(paras):
        if para.is_break:
            recent.clear()
            continue
        turn = turn_at.get(index)
        if turn is None:
            for who in _narration_mentions(text, para.start, para.end, names):
                mention(who)
            continue
        turn.vocatives = _vocatives(text, turn, names)
        turn.recent = list(reversed(recent[-6:]))
        best: tuple[str, float, str] | None = None
        for subject, rule, _pos in _tag_candidates(text, turn):
            conf = 0.95 if rule == "tag" else 0.75
            if subject == "I":
                who = names.first_person or NARRATOR
            elif subject in SUBJECT_PRONOUNS:
                who = by_pronoun(subject, turn.vocatives) or ""
                conf *= 0.85
                rule = f"{rule}-pronoun"
            else:
                who = names.resolve(subject) or ""
            if who and (best is None or conf > best[1]):
                best = (who, conf, rule)
            if best and best[1] >= 0.9:
                break
        if best:
            turn.speaker, turn.confidence, turn.reason = best
        for s, e in turn.narration:
            for who in _narration_mentions(text, s, e, names):
                mention(who)
        if turn.speaker:
            mention(turn.speaker)
    _fill_conversations(paras, turns, names, text)


def _narration_mentions(text: str, start: int, end: int, names: _Names) -> Iterable[str]:
    chunk = text[start:end]
    for m in re.finditer(r"(?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord)\.?\s+)?[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?",
                         chunk):
        who = names.resolve(m.group())
        if who is None and " " in m.group():
            who = names.resolve(m.group().split()[0]) or names.resolve(m.group().split()[-1])
        if who:
            yield who


def _same_conversation(paras: list[_Paragraph], a: _Turn, b: _Turn, text: str) -> bool:
    gap = b.paragraph - a.paragraph
    if gap == 1:
        return True
    if gap == 2:
        mid = paras[a.paragraph + 1]
        return not mid.is_break and len(text[mid.start:mid.end].split()) <= 30
    return False


def _fill_conversations(paras: list[_Paragraph], turns: list[_Turn], names: _Names, text: str) -> None:
    """Continued speeches, vocatives and A-B-A-B turn-taking for the turns tags left open."""
    convs: list[list[_Turn]] = []
    for turn in turns:
        if convs and _same_conversation(paras, convs[-1][-1], turn, text):
            convs[-1].append(turn)
        else:
            convs.append([turn])
    for conv in convs:
        changed = True
        while changed:
            changed = False
            for i, turn in enumerate(conv):
                if turn.speaker:
                    continue
                prev = conv[i - 1] if i > 0 else None
                guess: tuple[str, float, str] | None = None
                if turn.continues and prev and prev.speaker:
                    guess = (prev.speaker, 0.9, "continued")
                elif prev and prev.speaker and prev.vocatives and prev.vocatives[-1] != prev.speaker:
                    guess = (prev.vocatives[-1], 0.6, "vocative")
                elif (back := _alternate(conv, i, -1)) is not None:
                    guess = (back, 0.65, "turn-taking")
                elif (ahead := _alternate(conv, i, +1)) is not None:
                    guess = (ahead, 0.6, "turn-taking")
                if guess and guess[0] in turn.vocatives:
                    guess = None  # nobody addresses themselves by name
                if guess:
                    turn.speaker, turn.confidence, turn.reason = guess
                    changed = True
        # what is still open: the other participant of the exchange, else the last speaker
        for i, turn in enumerate(conv):
            if turn.speaker:
                continue
            speakers = [t.speaker for t in conv if t.speaker]
            prev_speaker = next((t.speaker for t in reversed(conv[:i]) if t.speaker), None)
            others = [s for s in dict.fromkeys(speakers + turn.recent)
                      if s != prev_speaker and s not in turn.vocatives]
            if others:
                turn.speaker, turn.confidence, turn.reason = others[0], 0.35, "participant"
            elif prev_speaker:
                turn.speaker, turn.confidence, turn.reason = prev_speaker, 0.2, "guess"


def _alternate(conv: list[_Turn], i: int, step: int) -> str | None:
    """A-B-A-B: the speaker two turns away when the two turns on that side differ."""
    near, far = i + step, i + 2 * step
    if not (0 <= near < len(conv) and 0 <= far < len(conv)):
        return None
    a, b = conv[near].speaker, conv[far].speaker
    return b if a and b and a != b else None


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
        for s, e, is_dialogue in cuts:
            if is_dialogue and turn is not None:
                pieces.append(Segment("dialogue", text[s:e], s, e, turn.speaker, index, para.scene,
                                      round(turn.confidence, 2), turn.reason or "none"))
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
            out.append(Character(who, tuple(forms), names.gender.get(who, "unknown"), lines[who]))
    if lines.get(NARRATOR) and all(c.name != NARRATOR for c in out):
        out.append(Character(NARRATOR, (), "unknown", lines[NARRATOR], first_person=True))
    return tuple(out)


"""Grammar: the words around a speech that name who says it.

Pure functions over sentences and token lists, read the same way by character discovery
and by attribution (``parsing.py``): a speech tag after a quote (``said Theo``, ``Theo
said``, ``was Fanny's answer``), a tag before one (``Denham made no comment, but said:``),
the subject a narration sentence opens on (``After a pause Mr. Rushworth began again.``),
and descriptions (``the old man``, ``the voice of old Mr. Emerson``). They answer with
words from the text (a name, ``he``, ``I``, ``the old lady``); which character those
mean is the parser's question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storycast.first_names import is_common_given_name
from storycast.words import (
    ACTING_PARTS,
    ANAPHORIC_DESCRIPTORS,
    CONJUNCTIONS,
    CREATURES,
    DESCRIPTOR_GENDER,
    DESCRIPTOR_STOP,
    FAMILY_NAME_GENDER,
    FAMILY_RELATION,
    GENDERED_TRADES,
    GESTURE_VERBS,
    HONORIFICS,
    KIN_TITLES,
    MACHINES,
    NAME_PARTICLES,
    NAMING_VERBS,
    NEUTRAL_HONORIFICS,
    NOT_NAMES,
    NOUN_DETERMINERS,
    PHRASAL_SPEECH,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    TITLE_STYLES,
    TRADE_WORDS,
    UNGENDERED_PERSON_WORDS,
    VERB_PARTICLES,
    starting_with,
    written_fast,
)

NAME_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + ")"  # a regex for any of them: "de", "van"
_WORD_REST = r"[\w'\u2019]*+(?:-(?=\w)[\w'\u2019]*+)*+"  # a word after its first letter: "Brown's", "well-known"
_TOKEN = written_fast(
    rf"[a-z]{_WORD_REST}"  # most tokens: a lower-case word, which no other alternative can open
    r"|(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle|Messrs|Prof|Rev|Capt|Col|Gen|Sgt|Lt)\."
    r"|[A-HJ-Z]\.(?=\s?[A-Z])"  # an initial ("E. W. B. Childers", also wrapped after "B."), though not "I."
    rf"|(?<![\w.])M\.(?= {NAME_PARTICLE} )"  # Monsieur: "M. de Treville"
    rf"|[A-Za-z\u00c0-\u024f]{_WORD_REST}|[.!?;:,&]",
    plain=r"(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle|Messrs|Prof|Rev|Capt|Col|Gen|Sgt|Lt)\.|[A-HJ-Z]\.(?=\s?[A-Z])"
          rf"|(?<![\w.])M\.(?= {NAME_PARTICLE} )|[A-Za-z\u00c0-\u024f](?:[\w'\u2019]|-(?=\w))*|[.!?;:,&]",
)  # (no dash is a token: "--" never was, and an em dash read as a clause mark made "\u2014" texts read
# otherwise than the "--" ones the rules were measured on: PDNC set with "\u2014", cast -9 lines).
# Lower-case words first and possessive repeats: two fifths faster (it splits every sentence read).
_SENTENCE_END = frozenset(".!?;")
_WORD = re.compile(r"[A-Za-z][a-z]+")
POSSESSIVE = re.compile(r"['\u2019]s?$")  # "Fanny's": Fanny
# A sentence: text up to . ! ? ; that is not the dot of an honorific ("Mrs. Elton").
SENTENCE = re.compile(
    r"\s*((?:[^.!?;]+|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.|(?<=\bMme)\."
    r"|(?<=\bMlle)\.|(?<=\bRev)\.|(?<=\bCapt)\.|(?<=\bCol)\.|(?<=\bProf)\.|(?<=\bGen)\."
    rf"|(?<=(?<![\w.])M)\.(?= (?:[A-Z]|{NAME_PARTICLE} ))"  # "M. Poirot", "M. de Treville"
    r")+)[.!?;]*"
)


def _words(text: str) -> list[str]:
    """The words and punctuation marks of ``text``, in order (an honorific keeps its dot)."""
    return _TOKEN.findall(text)


def has_speech_verb(text: str) -> bool:
    """Whether any word of ``text`` is a speech verb (``said``, ``whispered``)."""
    return any(w.lower() in SPEECH_VERBS for w in _WORD.findall(text))


def speech_verb_count(text: str) -> int:
    """How many words of ``text`` say that someone speaks (not ``thought``, not ``began to
    nod``): two in one sentence can be two speakers'."""
    return len(speech_verbs_in(text))


def speech_verbs_in(text: str) -> list[str]:
    """The words of ``text`` that say that someone speaks, as ``speech_verb_count`` counts them."""
    words = _words(text)
    return [w for k, w in enumerate(words)
            if w.lower() in SPEECH_VERBS and w.lower() not in GESTURE_VERBS and not _before_infinitive(words, k + 1)]


_SPEECH_NOUNS = ("reply|answer|rejoinder|response|retort|question|exclamation|comment|remark|cry|greeting|reproach"
                 "|assurance|conclusion|observation|explanation|excuse|protest|inquiry|enquiry|advice|rebuke"
                 "|address|injunction|amendment|consolation|salutation|speech|words|request|entreaty|apology"
                 "|complaint|warning|command|appeal|suggestion|objection|admonition|welcome|farewell")
_POSSESSIVE_TAG = re.compile(
    r"[\s,\u2014-]*(?:was|came)\s+(?:all\s+)?((?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+[A-Za-z][a-z]+(?:\s[a-z]+)?['\u2019]s|his|her|my"
    r"|(?:(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord)\.?\s+)?[A-Z][\w\-]+"
    r"(?:\s[A-Z][\w\-]+)?(?:['\u2019]s?| s))\s+(?:[a-z]+\s+){0,2}?(?:" + _SPEECH_NOUNS + r")\b")
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "my": "I"}
_POSSESSIVE_LEAD = re.compile(  # "to which his prompt reply was,": the lead-in form of "was his reply"
    r"\b(his|her|my)\s+(?:[a-z]+\s+){0,2}?(?:" + _SPEECH_NOUNS + r")\s+(?:was|were)\s*[,:\u2014-]*\s*$", re.IGNORECASE)


# "and then Mrs Pritchard's voice, suddenly honey-sweet:": whose voice a lead-in ends on speaks
_VOICE_LEAD = re.compile(r"(?:\b(his|her|my)|\b((?:[A-Z][a-z]*\.? )?[A-Z][\w\-]+(?: [A-Z][\w\-]+)?)['\u2019]s)"
                         r"\s+(?:[a-z\-]+\s+){0,2}?voice\b[^.!?:;\"\u201c\u201d]{0,60}:\s*$")


def tag_after(after: str) -> tuple[str, str] | None:
    """``said Theo`` / ``Theo said`` / ``she asked`` / ``was Fanny's answer`` right after a quote:
    (who, how)."""
    owner = _POSSESSIVE_TAG.match(after)
    if owner:
        who = owner.group(1)
        return _POSSESSIVE_PRONOUN.get(who) or re.sub(r"(?:['\u2019]s?| s)$", "", who), "reply"
    toks = _words(after[:80])
    words: list[str] = []
    for k, tok in enumerate(toks):
        if tok in _SENTENCE_END:
            break
        if tok in (",", ":") and not words:
            continue
        if tok == ",":
            if toks[k + 1 : k + 2] == ["and"] and _looks_like_a_verb(words[-1]) \
                    and words[-1].lower() not in SPEECH_VERBS:
                return None  # "Catherine coloured, and disclaimed again.": what she did, not a tag
            break
        words.append(tok)
        if len(words) >= 8:
            break
    found = _match_tag(words)
    if found and found[0].startswith("the ") and (named := _TAG_NAMED_APPOSITION.match(after)) \
            and named.group(1).lower().startswith(found[0][4:].lower()):
        return named.group(2), found[1]  # "said the journalist, a young man named Tomás": Tomás
    return found


# A tag's description and an apposition that names it: "said the journalist, a young man named Tomás"
_TAG_NAMED_APPOSITION = re.compile(r"[\s,]*(?:[a-z]+\s+)?the\s+([a-z\- ]{2,40}),\s+an?\s+"
                                   r"(?:[a-z\-]+\s+){0,3}?(?:named|called)\s+([A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)?)\b")


def _match_tag(words: list[str]) -> tuple[str, str] | None:
    """Match a speech tag at the start of ``words``; returns (subject, verb)."""
    if not words:
        return None
    if len(words) > 2 and words[0].endswith("ly") and words[0].islower() and words[1] in SPEECH_VERBS:
        words = words[1:]  # "eagerly rejoined Mrs. Elton": the adverb before the verb
    first = words[0].lower()
    if first == "you" and len(words) > 1 and words[1] in SPEECH_VERBS and not _before_infinitive(words, 2):
        return "you", words[1]  # '"Not really," you say.': a story told as "you" (see the parser)
    loose_verb = first.endswith("ed") and words[0][:1].islower() and len(words) >= 2 and (
        (words[1][:1].isupper() and words[1].lower() not in NOT_NAMES)
        or (words[1].rstrip(".").lower() in HONORIFICS and len(words) >= 3
            and words[2][:1].isupper())  # "droned Mr. Vyse"
        or (words[1] == "the" and len(words) >= 3 and words[2][:1].isupper()))  # "snorted the Secretary"
    phrasal = _is_phrasal_speech(words, 0)
    voice = first == "came" and len(words) > 2 and (words[2] == "voice" or any(  # came the voice of Nora
        words[k] == "voice" and POSSESSIVE.search(words[k - 1]) is not None  # came the Collector's voice,
        for k in range(2, min(len(words), 7))))  # came Chief Engineer Tamsin Reyes's voice
    if first in SPEECH_VERBS or loose_verb or phrasal or voice or (
            first == "went" and len(words) > 1 and words[1] == "on"):
        i = 2 if first == "went" or phrasal or (len(words) > 1 and words[1] in VERB_PARTICLES) else 1
        if i < len(words) - 1 and words[i][:1].islower() and words[i] not in SUBJECT_PRONOUNS \
                and words[i] != "the" and words[i + 1][:1].isupper():
            i += 1  # "said poor Lucy"
        subject = _subject_at(words, i)
        if subject:
            return subject, first
        return None
    subject = _subject_at(words, 0)
    i = len(subject.split()) if subject else 1  # the words the subject takes up
    if subject is None and words[0].lower() in KIN_TITLES and words[0][:1].isupper():
        subject = "the " + words[0]  # "Father said mildly.": a kin title used as a name
    if subject is None:
        return None
    last = words[-1].lower()
    if i + 2 < len(words) <= i + 6 and last in SPEECH_VERBS and last not in GESTURE_VERBS and (
            heard := _heard_speaking(words, len(words) - 1)):
        return heard, last  # "he heard Katharine say.": Katharine ("He heard Miss Abbott gasp.": no one)
    if i < len(words) and words[i].lower().endswith("ly") and words[i][:1].islower():
        i += 1
    if i < len(words) and (words[i].lower() in SPEECH_VERBS or words[i] == "went" or _is_phrasal_speech(words, i)):
        if _before_infinitive(words, i + 1):
            return None  # "Winterbourne began to think": no speech
        if words[i].endswith("ing") and i + 1 < len(words) and not words[i + 1].endswith("ly") \
                and words[i + 1] not in VERB_PARTICLES:
            return None  # "Miss Tilney continuing silent, she ventured to say": a participle's clause
        return subject, words[i].lower()
    if i < len(words) and _looks_like_a_verb(words[i]) and (i + 1 == len(words) or words[i + 1].endswith("ly")):
        return subject, words[i]  # "Kit expostulated." / "Kit counters." right after the speech
    return None


_TO_OBJECTS = frozenset("him her me us them you himself herself myself themselves yourself itself one".split())


def _before_infinitive(words: list[str], i: int) -> bool:
    """``began to think``, ``continued to read``: the verb is the start of another, no speech."""
    return i + 1 < len(words) and words[i] == "to" and words[i + 1][:1].islower() \
        and words[i + 1] not in NOUN_DETERMINERS and words[i + 1] not in _TO_OBJECTS


def _looks_like_a_verb(word: str) -> bool:
    """A lower-case word that reads as a verb in the past or the present (``expostulated``,
    ``counters``): after a name and a speech, and ending the clause, it is how they said it."""
    return word[:1].islower() and (word.endswith("ed") or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in NOT_NAMES))


def _is_phrasal_speech(words: list[str], i: int) -> bool:
    """``broke in`` / ``put in`` at ``words[i]``."""
    particles = PHRASAL_SPEECH.get(words[i].lower())
    return particles is not None and i + 1 < len(words) and words[i + 1] in particles


_POSSESSIVES = frozenset("my his her our their".split())


# Capitalised at a sentence's start, never names, yet often before one: "Old Tobin", "Poor Perry".
NAME_ADJECTIVES = frozenset("Old Young Little Poor Dear".split())


def _subject_at(words: list[str], i: int) -> str | None:
    """A pronoun, an (honorific +) capitalised name, or a descriptive ``the ...`` at ``words[i]``."""
    if i >= len(words):
        return None
    w = words[i]
    if w.lower() in SUBJECT_PRONOUNS:
        return "I" if w == "I" else w.lower()
    if w.lower() in ("the", "a", "an"):
        return _descriptor_at(words, i + 1, w.lower())
    if w.lower() == "one" and words[i + 1 : i + 3] == ["of", "the"] and (group := _descriptor_at(words, i + 3)):
        return "one of " + group  # "said one of the Munchkins": the casting file may list them so
    if w.lower() in ("this", "that") and (noun := _person_noun(words, i + 1, 3)):
        return f"{w.lower()} {noun}"  # "asked this lady", "said that self-sacrificing lady": the lady just named
    if w.lower() in _POSSESSIVES and i + 2 < len(words) and words[i + 1][:1].islower() \
            and words[i + 2][:1].isupper() and words[i + 2].lower() not in NOT_NAMES:
        return _subject_at(words, i + 2)  # "My brother Felix came down": Felix
    if w.lower() in _POSSESSIVES and i + 3 < len(words) and words[i + 1][:1].islower() \
            and (words[i + 2].lower() in DESCRIPTOR_GENDER or words[i + 2] == "friend") \
            and words[i + 3][:1].isupper() and words[i + 3].lower() not in NOT_NAMES:
        return _subject_at(words, i + 3)  # "My little brother Marco wanders in": Marco
    if w.lower() in ("his", "her") and i + 1 < len(words) and (
            words[i + 1].lower() in DESCRIPTOR_GENDER or words[i + 1].lower() in TITLE_STYLES):
        return f"{w.lower()} {words[i + 1].lower()}"  # "her mother demanded": see _Names.relative
    if w.lower() in _POSSESSIVES and i + 1 < len(words) and words[i + 1].lower() in FAMILY_RELATION:
        return f"{w.lower()} {words[i + 1].lower()}"  # "said their mother": see _Names.family_called
    if w[:1].islower() and i + 1 == len(words) and i > 0 and words[i - 1].lower() in SPEECH_VERBS \
            and len(w) > 2 and not w.endswith("ly") and w not in DESCRIPTOR_STOP and w not in NOT_NAMES \
            and w not in VERB_PARTICLES and w not in ANAPHORIC_DESCRIPTORS:  # ("said another": no role)
        return "the " + w  # "said nanny": a role the casting file may name
    if w in NAME_ADJECTIVES and i + 1 < len(words) and words[i + 1][:1].isupper() \
            and words[i + 1].lower() not in NOT_NAMES:
        named = _subject_at(words, i + 1)  # "Old Mr. Emerson sat down": Mr. Emerson
        if named and named[:1].isupper() and " " not in named \
                and named.rstrip(".").lower() not in HONORIFICS:  # "Old Tobin limped up", "said Little Rabbit": kept
            return f"{w} {named}"  # whole; discovery reads it as Tobin unless a tag calls him so, as Little Rabbit
        return named
    out = []
    j = i
    if w.rstrip(".").lower() in HONORIFICS and w[:1].isupper() and j + 1 < len(words) and words[j + 1][:1].isupper():
        out.extend(words[j : j + 2])  # "Mrs Last", "Mr. Little": after a title any word is a name
        j += 2
    while j < len(words):
        if out and words[j] in NAME_PARTICLES and j + 1 < len(words) and words[j + 1][:1].isupper() \
                and words[j + 1].lower() not in NOT_NAMES:
            out.extend(words[j : j + 2])  # "Madame de Chevreuse", "Lady Catherine de Bourgh"
            j += 2
        elif words[j][:1].isupper() and words[j].lower() not in NOT_NAMES and (
                len(out) < 4 or out[-1].endswith(".")):  # "Mr. E. W. B. Childers": initials
            out.append(words[j])
            j += 1
        else:
            break
    if j < len(words) and words[j] == "&":
        return None  # "Harmon & Sons", "Marks & Spencer": a firm, not someone
    if out == [w] and w.rstrip(".").lower() in HONORIFICS and i > 0 and words[i - 1].lower() in SPEECH_VERBS:
        return "the " + w  # "said Mademoiselle": the one Mademoiselle about, like "the Major"
    if not out or (len(out) == 1 and out[0].rstrip(".").lower() in HONORIFICS and not (
            is_common_given_name(out[0]) and j < len(words) and words[j][:1].islower())):
        return None  # (but "Dean didn't look at him.": a common given name, acting, is a name)
    if j < len(words) and (words[j] == "voice" or (words[j] in ACTING_PARTS and POSSESSIVE.search(out[-1]))):
        out[-1] = POSSESSIVE.sub("", out[-1])  # "said Hamidullah's voice"; "Nora's eyes narrowed."
    elif (kin := _kin_after_possessive(words, j, out[-1])) is not None:
        name_at = next((k + 1 for k in range(j, min(j + 3, len(words) - 1)) if words[k].lower() == kin), None)
        if name_at is not None and words[name_at][:1].isupper() and words[name_at].lower() not in NOT_NAMES:
            return _subject_at(words, name_at)  # "Leo's little sister Pia came puffing up": Pia
        return f"{POSSESSIVE.sub('', ' '.join(out))}'s {kin}"  # "answered Daisy's mamma": not Daisy
    elif POSSESSIVE.search(out[-1]) and j + 1 < len(words) and words[j] in _COMPANION_NOUNS \
            and words[j + 1][:1].isupper() and words[j + 1].lower() not in NOT_NAMES:
        return _subject_at(words, j + 1)  # "said Izzy's friend Kit": Kit
    return " ".join(out)


# Who someone is to another, with no gender said, before their name: "Izzy's friend Kit"
_COMPANION_NOUNS = frozenset("friend cousin partner colleague neighbour neighbor flatmate roommate classmate "
                             "teammate boss assistant".split())


def _kin_after_possessive(words: list[str], j: int, name: str) -> str | None:
    """The person noun after a name's possessive (``Daisy's mamma``, ``Dan's girl``, ``Minty's
    young man``; the apostrophe may be lost, ``Daisy s mamma``), whose speaker is someone else."""
    if not POSSESSIVE.search(name):
        if j >= len(words) or words[j] != "s":
            return None
        j += 1
    return _person_noun(words, j, 2)


def _person_noun(words: list[str], start: int, span: int) -> str | None:
    """The noun that says a person and their gender (``lady``, ``mamma``) among the ``span``
    words from ``start``, past lower-case adjectives (``self-sacrificing``, ``young``), if any."""
    for word in words[start : start + span]:
        low = word.lower()
        if low in DESCRIPTOR_GENDER or low in FAMILY_NAME_GENDER:
            return low
        if not word[:1].islower() or low in DESCRIPTOR_STOP:
            return None
    return None


def spoken_to(sentence: str, *, described: bool = False) -> list[str]:
    """Whom a tag says the speech is said to: ``said Jane to her aunt``, ``whispered to
    Emma``, ``Tom said quietly to Mr. Yates``: the one named after ``to`` within a few words
    of a speech verb (not ``began to think``); ``me`` in ``Bill said to me``, the narrator."""
    if " to " not in sentence:
        return []
    words = _words(sentence)
    out: list[str] = []
    for k, w in enumerate(words):
        if w.lower() not in SPEECH_VERBS or w.lower() in GESTURE_VERBS:
            continue
        to = next((m for m in range(k + 1, min(len(words), k + 6)) if words[m] in ("to", ",") or
                   words[m] in _SENTENCE_END), None)
        if to is None or words[to] != "to" or _before_infinitive(words, to):
            continue
        who = "me" if words[to + 1 : to + 2] == ["me"] else _subject_at(words, to + 1)
        if who and who not in SUBJECT_PRONOUNS and not who.startswith(("this ", "that ")) \
                and (described or not who.startswith("the ")):  # ("to the crow", for one who may be a character)
            out.append(who)
    return out


def next_to_speech_verb(sentence: str, subject: str) -> bool:
    """Whether ``subject`` stands right before or after a speech verb in ``sentence`` (``said
    Will``, ``Will asked``), where a capital can only make a name: "will said" is no English."""
    for m in re.finditer(rf"\b{re.escape(subject)}\b", sentence):
        before, after = sentence[: m.start()].split()[-1:], sentence[m.end() :].split()[:1]
        if any(w.strip(",.;:!?").lower() in SPEECH_VERBS for w in (*before, *after)):
            return True
    return False


def descriptor_pronoun(noun: str) -> str | None:
    """The pronoun a describing noun implies: "he" for ``man`` or ``policeman``, "she" for
    ``lady`` or ``waitress``; None for ``driver`` or ``stranger``."""
    noun = noun.lower()
    if noun in DESCRIPTOR_GENDER:
        return DESCRIPTOR_GENDER[noun]
    if noun.endswith("woman") or (noun.endswith("ess") and not noun.endswith("ness")):
        return "she"  # "policewoman", "waitress"; not "witness"
    return "he" if noun.endswith("man") else None


_HEAD_NOUN_BEFORE = frozenset("was were is are had has".split())  # after "the Okafor kitchen": its verb
_NO_TELLING_APART = frozenset("only very right wrong next such".split())  # "the only one": no one told apart


def is_description(subject: str) -> bool:
    """``the old man``, ``the policeman``, ``the English lady``: a speaker described, not named
    (one or two words after "the", the last in lower case, and not ``the other`` or ``the
    former``, which point back); also ``the tall one``, told from another by that word."""
    words = subject.split()
    if len(words) == 3 and words[0] == "the" and words[2] == "one":
        return words[1].islower() and words[1].isalpha() and words[1] not in ANAPHORIC_DESCRIPTORS \
            and words[1] not in _NO_TELLING_APART
    return len(words) in (2, 3) and words[0] == "the" and words[-1].islower() and words[-1].isalpha() \
        and all(w.islower() or w.isalpha() for w in words[1:-1]) \
        and len(words[-1]) > 2 and words[-1] not in ANAPHORIC_DESCRIPTORS


def name_after_adjectives(words: list[str]) -> list[str]:
    """The capitalised words ending ``the gallant Mr. Wren`` / ``the bewildered Colonel``
    (``words`` without the article), when lower-case words come before them; else []."""
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    return words[k:] if k > 0 else []


_DIRECTIONS = frozenset("away off out back up down in over inside outside through into across along".split())
_DIRECTIONS_AWAY = frozenset("away off inside outside upstairs downstairs".split())  # after a present tense
# Past tenses of going, not written with -ed: "The nurse came in", "the bolt slid back"
_GOING_PAST = frozenset("came went ran sat stood slid got rode drove swept strode stole crept flew fell".split())


def _descriptor_at(words: list[str], i: int, article: str = "the") -> str | None:
    """``the Queen`` / ``the old man`` / ``the agonized Harriet`` / ``the voice of old Mr. Emerson``:
    the words after an article that name a speaker (up to three, or a name after adjectives)."""
    out: list[str] = []
    j = i
    while j < len(words) and (len(out) < 3 or (words[j][:1].isupper() and len(out) < 6)):
        w = words[j]
        low = w.lower()
        if not w[:1].isalpha() or low in DESCRIPTOR_STOP or low in SPEECH_VERBS or \
                (low.endswith("ly") and w[:1].islower()) or low.endswith(("n't", "n\u2019t")):
            break  # (and "The barkeep didn't move.": a verb)
        if out and out[-1][:1].isupper() and w[:1].islower() and low not in DESCRIPTOR_GENDER \
                and low not in NEUTRAL_HONORIFICS:
            if words[j + 1 : j + 2] and words[j + 1] in _HEAD_NOUN_BEFORE:
                return None  # "The Okafor kitchen was full of steam": a family's kitchen, no one
            break  # "the Major looked": the name ends where the verb starts (not "the English lady")
        if low == "went" and words[j + 1 : j + 2] == ["on"] and out and (
                out[-1] in UNGENDERED_PERSON_WORDS or out[-1] in GENDERED_TRADES or out[-1] in CREATURES
                or out[-1] in MACHINES):
            break  # "the landlord went on": someone of their own going on speaking (but "the boy went on" may
            # be an epithet of whoever is in mind: PDNC does better reading no one then)
        went = low.endswith("ed") or low in _GOING_PAST
        if out and words[j + 1 : j + 2] and ((went and words[j + 1] in _DIRECTIONS)
                                             or (low.endswith("s") and words[j + 1] in _DIRECTIONS_AWAY)):
            break  # "The waiter melted away again.": a verb and where it goes (not "the two sisters in unison")
        if out and w[:1].islower() and low.endswith("ed") and (j + 1 == len(words) or not words[j + 1][:1].isalpha()
                                                              or words[j + 1].lower() in DESCRIPTOR_STOP):
            break  # "The envoy straightened.": what they did, ending the sentence (not "the old bearded man")
        if out and w[:1].islower() and words[j + 1 : j + 2] and words[j + 1] in _OBJECT_DETERMINERS:
            if low in _DIRECTIONS and len(out) > 1 and out[-1][:1].islower():
                out.pop()  # "The woman put down her pen.": the verb before its particle goes too
            break  # "The innkeeper cleared his throat.", "the man behind the counter": no noun runs on so
        if POSSESSIVE.search(w) and words[j + 1 : j + 2] and words[j + 1] in ACTING_PARTS:
            out.append(POSSESSIVE.sub("", w))  # "The boy's face closed like a door.": the boy
            break
        out.append(w)
        j += 1
        if low in MACHINES:
            break  # "The radio crackled again.": a machine, then what it did
        if out[0] == "other" and low in DESCRIPTOR_GENDER:
            break  # "The other boy snorted.": the other boy (see the parser's evidence for it)
    if out and out[-1] == "voice" and j < len(words) and words[j] == "of":  # "the clear voice of"
        j += 1
        while j < len(words) and words[j][:1].islower() and words[j] not in DESCRIPTOR_STOP:
            j += 1  # "the voice of old Mr. Emerson"
        return _subject_at(words, j) if j < len(words) and words[j][:1].isupper() else None
    if not out or words[j : j + 1] == ["&"]:
        return None  # (nor "The Harmon & Sons workshop": a firm)
    if out[-1].lower() in ANAPHORIC_DESCRIPTORS and not is_description(f"{article} " + " ".join(out)) \
            and not (article == "the" and out in (["latter"], ["former"])):
        return None  # "the other", "the same" point back ("the tall one" is told apart by its word; "said the
        # latter" is the last of two in mind, which the parser knows)
    if j < len(words) and words[j] == "voice" and out[-1][:1].isupper() and POSSESSIVE.search(out[-1]):
        out[-1] = POSSESSIVE.sub("", out[-1])  # "said the Rabbit's voice": the Rabbit
    return f"{article} " + " ".join(out)


# Not answering, in the narration's words ("He made no answer.", "She did not reply."); shared by
# SILENT here and the parser's paragraph that answers a speech without words (_ANSWER_TOLD).
NO_ANSWER = (r"said nothing|was (?:still |quite |again )?silent|made no (?:answer|reply)"
             r"|did(?: not|n['\u2019]t) (?:answer|reply)")
# "Catherine said nothing.", "He made no answer.": whoever did not speak is no clue to who did (but
# "Mr. Okonkwo, who had said nothing since grace, put down his fork.": silent till now, and about to speak)
SILENT = re.compile(rf"\b(?<!had )(?:{NO_ANSWER})\b|\b(?<!had )(?:said|answered|replied|spoke)\s+(?:nothing|not a word"
                    r"|no more)\b|\b(?:remained|kept|sat) (?:still |quite |perfectly )?silent\b")


# Words that lead into a quote nobody says aloud: a text written or read ("she wrote,", "Philip read,",
# "It ran as follows:", "on which was written:"), a note or a telegram ("there was the telegram:"), a
# look ("a smile which seemed to say,", "as who should say,"), words held back ("She nearly said,", "on the
# point of saying", "no one could have said to her,").
# Not after "stopped reading" (the reader speaks again), nor "the paper he was reading," (what he
# was doing when he spoke); "sang out" is a call.
_WRITINGS = "letter|note|telegram|message|card|post-card|postcard|notice|placard"  # what is written, not said
_UNSPOKEN_LEAD = starting_with(
    "acghilmnoprstw",  # the first letters of the words below, either case
    r"(?:\b(?<!stopped\s)(?<!finished\s)(?<!ceased\s)"
    r"(?:wrote|writes|had written|has written|written|scribbled|scrawled|pencilled|penned|to write|inscribed"
    r"|(?<!was\s)(?<!were\s)(?<!been\s)(?:read|reads|reading)"
    r"|ran thus|ran as follows|which ran|that ran|ran in this way|as follows|in these words"
    r"|to this purpose|sang(?! out)|to sing"
    r"|seemed to say|as (?:who|one) (?:would|should) say|as much as to say|as (?:if|though) to say|plainly said"
    r"|(?:which|that) meant|(?:clearly |plainly )?indicating|(?:look|glance|smile|nod)\w* expressed"
    r"|(?:nearly|almost) (?:said|exclaimed|cried|asked)|on the point of saying|(?:would|could|might) have said"
    r"|impulse to say|instead of saying)\b(?P<after_verb>[^.!?;:\"\u201c\u201d]{0,60}):?"
    rf"|\b(?:{_WRITINGS})\b(?P<after_noun>[^.!?;\"\u201c\u201d]{{0,60}}):)"
    r"\s*(?:--|\u2014)?\s*$", re.IGNORECASE)


# '"In a place like this," she wrote,', '"Please find out the best way," the note ran,': the tag
# after a quote says it is written (not "she read": PDNC's readers read aloud as often as not)
_UNSPOKEN_TAG = re.compile(
    r"\s*(?:(?:he|she|I|they|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+(?:wrote|writes)"
    r"|(?:wrote|writes)\s+(?:he|she|I|they|[A-Z]\w*)"  # '"...," wrote Miss Catharine'
    rf"|the (?:{_WRITINGS})\s+(?:said|says|ran|runs|read|reads))\b")


# Speech verbs that tell of writing or reading (tags in their own right: '"...," she wrote'): beside a
# writing's lead-in (``had written in the margin,``) they do not make it speech
_WRITING_VERBS = frozenset("wrote write writes written writing read reads reading".split())
# "the letter went on to say:", not "the letter and said:" (someone who holds it says it)
_WRITING_SAYS = re.compile(r"\s*(?:(?!(?:and|but|then|he|she|they|we|you|I)\b)[a-z]+\s+){0,3}?"
                           r"(?:to say|says|said|ran|runs|read|reads)\s*$")


def tagged_unspoken(after: str) -> bool:
    """``"In a place like this," she wrote,``, ``"Please find out [...]," the note ran``: the
    narration right after a quote opens on a tag that says its words are written, not said (the
    caller asks it only after a quote that ends on a comma, or between two parts of one)."""
    return _UNSPOKEN_TAG.match(after) is not None


def leads_to_unspoken(lead: str) -> bool:
    """``she wrote, "..."``, ``It ran as follows: "..."``, ``a look that plainly said, "..."``:
    the narration right before a quote says its words are written, read or only looked, not
    heard. A speech verb there besides, in the same sentence (``read the letter and returned it,
    saying,``), wins; a gesture does not (``a smile which seemed to say,``)."""
    lead = lead[-200:]
    match = _UNSPOKEN_LEAD.search(lead)
    if match is None:
        return False
    before = lead[: match.start()]  # only its own sentence: a speech verb before it tags the quote before
    ends = [m.end() for m in SENTENCE.finditer(before) if m.group(0)[-1:] in _SENTENCE_END]
    before = before[ends[-1] :] if ends else before
    after_noun = match.group("after_noun") or ""
    if _WRITING_SAYS.match(after_noun):
        after_noun = ""  # "the letter went on to say:": the letter says it
    beside = before + " " + (match.group("after_verb") or after_noun)
    return not any(w.lower() not in _WRITING_VERBS for w in speech_verbs_in(beside))


def ends_in_speech_verb(chunk: str, *, called_out: bool = False) -> bool:
    """``the Queen said severely "Who is this?"``: a tag before the speech without a comma
    (the verb last, or before one adverb; "so-called" is no verb). A naming verb names what
    follows (``what they called "the Professor"``) unless the quote is ``called_out``, ending on
    "!" or "?" (``Philip calling "Harriet! Harriet!"``)."""
    words = chunk.split()[-2:]
    if not words or words[-1][-1:] in ".!?;":
        return False
    if len(words) == 2 and words[-1] == "out" and words[0].lower() in SPEECH_VERBS:
        return True  # "the Dodo suddenly called out "The race is over!"": a naming verb too
    if words[-1].endswith("ly") and len(words) == 2:
        words = words[:1]
    return words[-1].lower() in SPEECH_VERBS and (called_out or words[-1].lower() not in NAMING_VERBS)


def ends_near_speech_verb(chunk: str) -> bool:
    """``Mr. Knightley gravely said,`` / ``Gogol said, with the simplicity of a child\u2014``
    at a paragraph's end: a last sentence left open after a speech verb hands over to the
    next paragraph's speech."""
    chunk = chunk.rstrip(",\u2014- ")
    if not chunk or chunk[-1] in ".!?;\"\u201d'\u2019":
        return False
    words = [w.lower().strip(",") for w in last_sentence(chunk).split()]
    return any(word in SPEECH_VERBS and (word not in NAMING_VERBS or words[k + 1 : k + 2] == ["out"])
               for k, word in enumerate(words))  # "was calling out,": speech, though "calling" can name


_OWNERS = frozenset(["his", "her", "their", "my", "your", "our", "its"])


def _owned_noun(words: list[str], i: int) -> bool:
    """``fearful of Isabella's smile``: a gesture word after an owner is a noun, and says
    nothing of who speaks next (but ``Nanny's replies``, ``Mr. Rushworth's repeated question
    of,`` are the owner's words)."""
    before = words[i - 1] if i > 0 else ""
    return words[i].lower() in GESTURE_VERBS and (before.lower() in _OWNERS or bool(POSSESSIVE.search(before)))


def lead_in_subjects(chunk: str) -> list[str]:
    """Candidates for the speaker of ``..., Denham made no comment, but said:``: the names
    and pronouns before the last speech verb of the last sentence, nearest first, then the
    sentence's subject, then those it speaks to or of (see ``lead_in``)."""
    speakers, objects = lead_in(chunk)
    return speakers + objects


def lead_in(chunk: str, *, ignore_asides: bool = False) -> tuple[list[str], list[str]]:
    """The candidates of ``lead_in_subjects`` in two lists: those who may speak, and those the
    sentence has as objects (``went up to Katharine and said:``, ``a policeman on the
    Embankment spoke``), kept last as candidates but no sign that they speak. With nobody
    outside the asides (``..., when Harriet came in, and thus began:``), those inside them."""
    sentence = last_sentence(chunk)
    possessive = _POSSESSIVE_LEAD.search(sentence)
    if possessive:
        return [_POSSESSIVE_PRONOUN[possessive.group(1).lower()]], []
    words = _words(sentence)
    verb = max((i for i, w in enumerate(words) if (w.lower() in SPEECH_VERBS or _is_phrasal_speech(words, i))
                and not _owned_noun(words, i)), default=None)
    if verb is None:  # (a voice with a speech verb, "and her voice said:", is read as any subject is)
        voiced = _VOICE_LEAD.search(sentence)
        if voiced and (voiced.group(2) is None or voiced.group(2).split()[-1].lower() not in NOT_NAMES):
            return [_POSSESSIVE_PRONOUN[voiced.group(1).lower()] if voiced.group(1) else voiced.group(2)], []
        return [], []  # (not "Someone's voice:")
    found: list[str] = []
    objects: list[str] = []
    aside = _asides(words, verb)
    opening_end = words.index(",", 2) if _opens_on_participle(words) else -1  # "Having greeted Mrs. Mingott, he"
    k = verb - 1
    while k > 0 and (words[k] == "," or (k in aside and words[k].lower() != "who")):
        k -= 1  # "the Rajah, who, making a great effort, said": back over the asides
    relative = k >= 2 and words[k].lower() == "who" and words[k - 1] == ","
    antecedent = k - 2 if relative else -1  # "he looked at Ben, who said:": Ben speaks, though looked at
    i = antecedent if relative else verb - 1
    while i >= max(0, verb - 25):
        w = words[i]
        if i in aside and not ignore_asides:
            pass
        elif w.lower() in SUBJECT_PRONOUNS:
            found.append("I" if w == "I" else w.lower())
        elif w in DESCRIPTOR_GENDER and i > 0 and words[i - 1].lower() in ("his", "her"):
            kin = f"{words[i - 1].lower()} {w}"  # "her brother gave his weight against her, by saying"
            (objects if _governs(words, i - 2) else found).append(kin)
            i -= 1
        elif i == verb - 1 and w[:1].islower() and (described := _description_ending_at(words, i)):
            found.append(described)  # "Replying for the Minister, the under-secretary said:"
        elif i > 0 and words[i - 1].lower() == "the" and w.rstrip(".").lower() in HONORIFICS:
            found.append("the " + w)  # "the Major said quietly"
        elif w[:1].isupper() and w.rstrip(".").lower() not in HONORIFICS and (
                w.lower() not in NOT_NAMES or (i > 0 and words[i - 1].rstrip(".").lower() in HONORIFICS)):
            j = i
            while j > 0 and words[j - 1][:1].isupper() and (
                    words[j - 1].lower() not in NOT_NAMES or words[j - 1].rstrip(".").lower() in HONORIFICS):
                j -= 1
            name = " ".join(words[j : i + 1])
            if j > 0 and words[j - 1].lower() == "the":
                name = "the " + name  # "the Pigeon", as a tag after the speech reads it
            if i == verb - 1 or (i + 1 < len(words) and words[i + 1].endswith("ing")):
                name = POSSESSIVE.sub("", name)  # "stopped by Sir Thomas's saying", "Mr. Woodhouse's giving a sigh"
            at = j - 2 if j > 1 and words[j - 1].lower() == "the" else j - 1  # the word governing the name
            if at > 0 and words[at].lower() in OBJECT_PREPOSITIONS and descriptor_pronoun(words[at - 1].lower()) \
                    and (described := _description_ending_at(words, at - 1)) \
                    and not _governs(words, at - 1 - len(described.split())):
                found.append(described)  # "a policeman on the Embankment spoke to him, and said": a person
                objects.append(name)  # described before the place (not "turning upon the niece of Lady Scadgers")
            elif j < opening_end or j > 0 and (_governs(words, j - 1) or _governs(words, _before_described(words, j))
                                               or _in_a_place(words, j)) \
                    and not (relative and i == antecedent) and i != verb - 1:
                if j > 0:  # (a participle opening the sentence is no name: "Having said this,")
                    objects.append(name)  # "looked at Katharine, and said:": Katharine is spoken to
            else:
                found.append(name)
            i = j
        i -= 1
    # "His wife gave him a look; and, while he was coming round, added,": the asides follow "and,",
    # so the verb goes on from the clause before it, whose subject speaks, not the aside's "he"
    # (in "when Harriet came in, and thus began:" the aside comes first and its subject goes on)
    verb_goes_on = k < verb - 2 and words[k].lower() in _CLAUSE_CONJUNCTIONS and words[k + 1] == ","
    subject = sentence_subject(sentence)
    subject_words = subject.split() if subject else []
    opens_before_asides = bool(subject_words) and words[: len(subject_words)] == subject_words \
        and words[len(subject_words) : len(subject_words) + 1] == [","] and len(subject_words) + 1 in aside
    if not found and aside and not ignore_asides and not verb_goes_on and not opens_before_asides:
        return lead_in(chunk, ignore_asides=True)  # (not "Fanny, who had heard it all, and borne Edmund
        # company in every feeling throughout the whole, now ventured to say,": Fanny, before them)
    if not found and subject is None:
        subject = _subject_before_semicolon(chunk, sentence, words, after_aside=verb_goes_on)
    if subject and subject not in found:
        found.append(subject)
    heard = next(filter(None, (_heard_speaking(words, k) for k in range(verb, 0, -1)
                               if words[k].lower() in SPEECH_VERBS)), None)
    if heard:  # "Emma heard him say to himself:": he speaks, not Emma
        found = [heard] + [f for f in found if f != heard]
    found = [_description_head(f) for f in found]
    return found, [o for o in objects if o not in found]


def _in_a_place(words: list[str], j: int) -> bool:
    """Whether the name at ``words[j]`` is where someone is (``retired Anglo-Indians in Tunbridge
    Wells or Cheltenham still murmur to each other:``): after "in", or after the "or" or "and"
    that ends a list of names a preposition governs. (A lead-in only: in a tag, ``put in Mrs.
    Jones`` is her speaking.) A Passage to India's Cheltenham took six of Adela's lines."""
    before = words[j - 1].lower()
    if before == "in":
        return True
    if j < 3 or before not in ("or", "and") or not words[j - 2][:1].isupper():
        return False
    k = j - 2
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    return k > 0 and (words[k - 1].lower() == "in" or words[k - 1].lower() in OBJECT_PREPOSITIONS)


def _description_head(subject: str) -> str:
    """``the new boy`` of ``The new boy stepped over promptly, and said:``: a description as a
    lead-in's subject ends before its verb, after a noun that says a gender or before an -ed
    word with no noun after it (``the landlady came out``, ``the stranger stepped over``; but
    ``the tall bearded man``). Only lead-ins cut it so: in a tag after the speech (``the boy
    went on``) PDNC does better reading no one than a "he"."""
    words = subject.split()
    if words[0] not in ("the", "a", "an"):
        return subject
    for k in range(2, len(words)):
        word, before, after = words[k], words[k - 1], words[k + 1 : k + 2]
        if word[:1].islower() and (
                (before.lower() in DESCRIPTOR_GENDER and word.lower() not in DESCRIPTOR_GENDER)
                or (word.endswith("ed") and len(word) > 4 and not before.endswith("ed") and _no_noun_after(after))):
            return " ".join(words[:k])
    return subject


def _no_noun_after(after: list[str]) -> bool:
    """Whether the word after an -ed word (if any) is a particle, preposition or function word,
    so the -ed word is a verb (``stepped over``), not an adjective (``bearded man``)."""
    return not after or after[0].lower() in VERB_PARTICLES or after[0].lower() in OBJECT_PREPOSITIONS \
        or after[0].lower() in DESCRIPTOR_STOP or after[0].lower() in _DETERMINERS


_CLAUSE_CONJUNCTIONS = frozenset("and but yet then so".split())
_NOT_CLAUSE_GOING_ON = frozenset("what which who whom whose they we you it there this that these those".split())


def subject_before_semicolon(chunk: str) -> str | None:
    """The subject of the clause before the semicolon that starts ``chunk``'s last clause, when
    that clause goes on without one of its own (``Miss Woodhouse made the proper acquiescence;
    and [...] turned to Frank Churchill.``: she turned)."""
    closing = last_sentence(chunk)
    return _subject_before_semicolon(chunk, closing, _words(closing))


def _subject_before_semicolon(chunk: str, sentence: str, words: list[str], *, after_aside: bool = False) -> str | None:
    """``Mrs. Weston agreed to it; but added, that [...]:``: a clause after a semicolon that
    goes on with a verb or a phrase (``and then, abruptly turning upon her, said:``, or an aside
    after ``and,``), not a subject of its own (``but what they said was this:``), has the clause
    before's subject."""
    if len(words) < 2 or words[0].lower() not in _CLAUSE_CONJUNCTIONS \
            or not (words[1][:1].islower() or after_aside) or words[1].lower() in _NOT_CLAUSE_GOING_ON:
        return None
    before = chunk.rstrip()[: chunk.rstrip().rfind(sentence)].rstrip()
    return sentence_subject(last_sentence(before), opening_phrase=True) if before.endswith(";") else None


_NOT_PARTICIPLES = frozenset("during according something nothing anything everything morning evening".split())


def _governs(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` takes the name after it as its object: a preposition (``to
    Katharine``) or a verb (``approached Fielding``, but not ``the black-browed``)."""
    return k >= 0 and (words[k].lower() in OBJECT_PREPOSITIONS or (
        words[k].lower() == "by" and k >= 1 and words[k - 1][:1].islower() and not _looks_transitive(words[k - 1]))
        or (_looks_transitive(words[k]) and (k < 1 or words[k - 1].lower() not in _DETERMINERS))
        or _before_infinitive(words, k - 1))  # "determined to see Fanny": an infinitive's object


def _description_ending_at(words: list[str], i: int) -> str | None:
    """``the under-secretary``, ``the old man`` ending at ``words[i]``, right before a verb."""
    k = next((k for k in range(i - 1, max(-1, i - 4), -1) if words[k].lower() in ("the", "a", "an")), None)
    if k is None or not all(w[:1].islower() and w.replace("-", "").isalpha() for w in words[k + 1 : i + 1]):
        return None
    described = _descriptor_at(words, k + 1, words[k].lower())
    return described if described and described.endswith(words[i]) else None


def _before_described(words: list[str], j: int) -> int:
    """Where the word before ``the bewildered Syme`` (a determiner and up to two adjectives
    before the name at ``j``) is, or -1 when no determiner opens the name."""
    k = j - 1
    while k >= 0 and j - k <= 3 and words[k][:1].islower() and words[k].lower() not in _DETERMINERS:
        k -= 1
    if k < 0 or words[k].lower() not in _DETERMINERS:
        return -1
    if k - 1 == 0 or (k >= 2 and (words[k - 2] == "," or words[k - 2].lower() in CONJUNCTIONS)):
        return -1  # "At the same moment Mr. Crawford ... said": an opening phrase, not an object's
    return k - 1


def _is_participle(word: str) -> bool:
    """``approaching``: in ``Mr. Crawford, approaching Julia, said`` it opens an aside."""
    return word[:1].islower() and len(word) > 4 and word.endswith("ing") and word not in _NOT_PARTICIPLES


_DETERMINERS = frozenset("the a an his her their my our your its this that".split())  # "the black-browed Secretary"
_OBJECT_DETERMINERS = _DETERMINERS - {"this", "that"}  # what opens an object, never a noun run on ("the man that")
_TRANSITIVE_IRREGULAR = frozenset("told gave met saw took caught held kept sent brought left".split())


def _looks_transitive(word: str) -> bool:
    """``approached Fielding and said``: a verb right before a name makes it an object."""
    return word in _TRANSITIVE_IRREGULAR or (
        word[:1].islower() and len(word) > 4 and "-" not in word and word.endswith(("ed", "ing"))
        and word not in _NOT_PARTICIPLES and word not in SPEECH_VERBS)


_PERCEPTION_VERBS = frozenset("heard hear hears hearing".split())
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "me": "I"}


def _heard_speaking(words: list[str], verb: int) -> str | None:
    """``she heard Harriet say``, ``Emma heard him almost immediately afterwards say``: whom
    someone hears speak is the speaker (him or her as he or she), not whoever hears."""
    heard = next((k for k in range(verb - 2, max(-1, verb - 8), -1) if words[k].lower() in _PERCEPTION_VERBS), None)
    if heard is None or _past_tense(words[verb]):
        return None  # "He heard her in silence, and then said:": he heard, and then he spoke
    who = words[heard + 1]
    return _OBJECT_PRONOUNS.get(who) or _subject_at(words[:verb], heard + 1)


_IRREGULAR_PAST_SPEECH = frozenset("said spoke began told went broke rang sang put".split())


def _past_tense(verb: str) -> bool:
    """``said``, ``replied``: a finite verb of its own subject, where one heard speaking says
    ``say``, ``reply``, ``saying`` (``heard her kiss Lucy and say:``)."""
    verb = verb.lower()
    return verb in _IRREGULAR_PAST_SPEECH or verb.endswith("ed")


# Before a name, words that make it an object: spoken to, or only placed ("sitting opposite Miss Crawford")
OBJECT_PREPOSITIONS = frozenset(
    "at to with from upon on towards toward of for into about "
    "opposite beside behind near across round around between among over under against".split())
SUBORDINATORS = frozenset("who whom whose which where when while whilst after before since until till though although "
                          "if as because unless".split())  # ", as she went hunting about,": an aside


def _asides(words: list[str], verb: int) -> set[int]:
    """Word positions inside comma-closed subordinate clauses before ``verb``: in
    ``Fielding, who didn't dislike Miss Derek, replied:`` Miss Derek is not the speaker."""
    inside: set[int] = set()
    k = 0
    while k < verb:
        if (words[k].lower() in SUBORDINATORS or _is_participle(words[k]) or (k == 0 and _opens_on_participle(words))
                or _passive_participle(words, k)) and (k == 0 or words[k - 1] == ","):
            end = next((m for m in range(k + 1, verb) if words[m] == ","), None)
            while end is not None and _clause_goes_on(words, end):  # "who had heard it all, and borne Edmund
                end = next((m for m in range(end + 2, verb) if words[m] == ","), None)  # company [...],"
            if end is not None:
                inside.update(range(k, end))
                k = end
        k += 1
    return inside


def _passive_participle(words: list[str], k: int) -> bool:
    """``Ahmed, apprized by Mohammed Latif of [...], said``: a participle and its agent, an aside."""
    return k + 1 < len(words) and words[k + 1] == "by" and words[k][:1].islower() and len(words[k]) > 4 \
        and words[k].endswith("ed")


def _clause_goes_on(words: list[str], comma: int) -> bool:
    """``, and borne Edmund company in every feeling,``: an aside's clause goes on past its comma
    with a second verb of the same subject (not "and she", "and the")."""
    if comma + 2 >= len(words) or words[comma + 1] != "and":
        return False
    verb = words[comma + 2]
    return _looks_transitive(verb) or verb in _IRREGULAR_PARTICIPLES


_IRREGULAR_PARTICIPLES = frozenset("borne been done gone seen made had taken given known heard felt thought".split())


# What follows a participle opening a sentence ("Turning to Cecil, Lucy said"), not a name
# that happens to end in -ing ("Fielding looked up")
_AFTER_A_PARTICIPLE = frozenset("to at from into upon on towards toward round up down back away over for with "
                                "the a an his her their my him them it me".split())
# ... and what may follow one that opens a sentence, though rarely one in an aside: "Roused by the noise,"
_AFTER_AN_OPENING_PARTICIPLE = frozenset("by in out forward against across through beside under about behind".split())


def _opens_on_participle(words: Sequence[str]) -> bool:
    """``Turning to Cecil, Lucy said``, ``Becoming immediately sensible of it, he``, ``Huddled
    in the corner, she``: a clause before the subject, closed by a comma."""
    if len(words) <= 2 or "," not in words[2:12]:
        return False
    first, second = words[0].lower(), words[1].lower()
    if first in ("having", "being") and second[:1].islower():
        return True  # "Having greeted Mrs. Lovell Mingott, [...] he sat down"
    return (_is_participle(first) or (len(first) > 5 and first.endswith("ed"))) and (
        second in _AFTER_A_PARTICIPLE or second in _AFTER_AN_OPENING_PARTICIPLE
        or (len(second) > 3 and second.endswith("ly")))


def first_sentence(chunk: str) -> str:
    """The first sentence of a narration chunk (a tag after a quote is in it)."""
    found = next((m.group(1) for m in SENTENCE.finditer(chunk) if m.group(1).strip()), "")
    return str(found)


@lru_cache(maxsize=256)
def last_sentence(chunk: str) -> str:
    """The last sentence of a narration chunk (a tag before a quote is in it). Kept for the
    last few chunks: a third of the calls over a novel ask again of a paragraph just read."""
    sentences = [m.group(1) for m in SENTENCE.finditer(chunk.rstrip()) if m.group(1).strip()]
    return str(sentences[-1]) if sentences else ""


# Words that follow an adverb opening a sentence ("Outside, the lamps went down"), not a
# name ("Emma, however, was...")
_AFTER_OPENING_ADVERB = frozenset("the a an he she it they we i you there his her their its my".split())


# What follows a capitalised word that opens a sentence as an adverb, before a comma ("Halfway
# over, the old man stopped rowing"): no name's verb
_ADVERB_PARTICLES = frozenset("over across through up down back along around inside outside away home".split())


# A sentence can open on a phrase before its subject: "After a short interruption Mr. Rushworth
# began again.", "On the stairs, she turned."
_OPENING_PREPOSITIONS = frozenset(
    "after at before during in on upon with within without for from by across behind beneath beside beyond "
    "through along around near outside inside".split()
)
# Adverbs of time and place that open a sentence before its subject, as a conjunction may:
# "Later he said", "Downstairs, Jenny said". ("Outside in the corridor, Kowalski caught up
# with her." opens on a preposition: see _past_opening_phrase.)
_SCENE_ADVERBS = frozenset("later meanwhile afterwards downstairs upstairs nearby elsewhere somewhere overhead".split())
_OPENING_PHRASE_WORDS = 6
# A clause before the subject, up to its comma: "When he came in, Tom sat down" is Tom's
# sentence (PDNC cast +16, cold -2; the short pieces of scripts/bench_short +0.1 to +0.2).
CLAUSE_OPENERS = frozenset(
    "as when while whilst although though if since because once until till unless whenever".split()
)
_OPENING_CLAUSE_WORDS = 12
_ARTICLES = frozenset({"the", "a", "an"})
_BEFORE_OPENING_PHRASE = (CONJUNCTIONS | _SCENE_ADVERBS) - _OPENING_PREPOSITIONS  # "And after a pause Theo ..."
_BEFORE_AN_OBJECT = OBJECT_PREPOSITIONS | _ARTICLES  # "at Hartfield Emma": Hartfield is no subject


_THIRD_PERSON_SUBJECTS = frozenset(("he", "she", "they", "we"))


def _past_opening_phrase(tokens: list[str]) -> list[str]:
    """The tokens from a sentence's subject on, when it opens on a prepositional phrase or a
    clause (``As soon as it was done, Mrs. Herriton``): after the phrase's comma, or else from
    the first capitalised word or subject pronoun after a lowercase phrase (``After a short
    interruption Mr. Rushworth``; ``After a hesitation he included Daisy``, where Daisy is his
    object); none otherwise. Not ``On Thursday Tony`` or ``at Hartfield Emma``: a capitalised
    word right after a preposition is its object."""
    at = 0
    while at < len(tokens) and (tokens[at] == "," or tokens[at].lower() in _BEFORE_OPENING_PHRASE):
        at += 1
    if at < len(tokens) and tokens[at].lower() in CLAUSE_OPENERS:  # "As soon as it was inevitable, Mrs. Herriton"
        clause = tokens[at + 1 : at + 2 + _OPENING_CLAUSE_WORDS]
        return tokens[at + 2 + clause.index(",") :] if "," in clause else []
    if at == len(tokens) or tokens[at].lower() not in _OPENING_PREPOSITIONS:
        return []
    phrase = tokens[at + 1 : at + 2 + _OPENING_PHRASE_WORDS]
    if "," in phrase:
        return tokens[at + 2 + phrase.index(",") :]
    k = next((k for k, w in enumerate(phrase) if w[:1].isupper() or w in _THIRD_PERSON_SUBJECTS), None)
    if k is None or k == 0 or phrase[k - 1].lower() in _BEFORE_AN_OBJECT:
        return []
    return tokens[at + 1 + k :]


def opening_connectives(words: Sequence[str]) -> int:
    """How many words open a sentence before its subject as a conjunction does: ``And``,
    ``Then``, ``Later``, ``At last`` (but ``At the front of the room`` is a place)."""
    k = 0
    while k < len(words):
        low = words[k].lower()
        if low == "at" and words[k + 1 : k + 2] in (["last"], ["Last"]):
            k += 2
        elif low in CONJUNCTIONS or low in _SCENE_ADVERBS:
            k += 1
        else:
            break
    return k


_NAMED_APPOSITIVE = re.compile(r"\s*(?:The|Her|His|Their|My|Our|Your)\s+[a-z\- ]{2,40},\s+an?\s+(?:[a-z\-]+\s+){0,3}?"
                               r"(?:named|called)\s+([A-Z][\w'\-]+(?:\.?\s[A-Z][\w'\-]+)?),"  # ("named Mr. Abbot,")
                               # "Then a girl in the front row, Chloe Barnes, put her hand up.": the name set off
                               r"|\s*(?:(?:Then|And|But|Now)\s+(?:the|an?|her|his|their|my|our|your)|The|An?|Her|His|Their|My|Our|Your)\s+"
                               r"[a-z\- ]{2,40},"
                               r"\s+([A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+)?),\s+(?=[a-z])")


_MY_OWN_PART = re.compile(rf"\s*My (?:[a-z]+ )??(?:{'|'.join(sorted(ACTING_PARTS))})\b")  # "My voice cracked."
# "It was Mary who spoke first.", "It was Miss Bartlett who returned": the name the sentence is about
_CLEFT = re.compile(r"\s*It (?:was|is) ((?:(?:Mr|Mrs|Ms|Dr|Miss)\.? )?[A-Z][a-z]+(?: [A-Z][a-z]+)?) who\b")


def sentence_subject(sentence: str, *, opening_phrase: bool = False) -> str | None:
    """The character (name, pronoun or description) a narration sentence is about, if it opens
    on one; with ``opening_phrase``, also after an opening prepositional phrase (beats and the
    narration before a speech, where discovery looks too). Elsewhere in plain narration the
    capitalised words after such phrases are as often places and days."""
    appositive = _NAMED_APPOSITIVE.match(sentence)
    if appositive:  # "The bartender, a tall guy named Pete, wanders over.": Pete
        return appositive.group(1) or appositive.group(2)
    cleft = _CLEFT.match(sentence)
    if cleft:  # "It was Mary who spoke first.": Mary
        return cleft.group(1)
    tokens = _words(sentence[:80])
    if _opens_on_participle(tokens):
        tokens = tokens[tokens.index(",", 2) + 1 :]
        if tokens[:1] in (["a"], ["an"]) and "," in tokens:  # "Having greeted Mrs. Mingott, a large
            tokens = tokens[tokens.index(",") + 1 :]  # blonde lady in creaking satin, he sat down"
    subject = _subject_of(tokens)
    if subject is None and opening_phrase and (rest := _past_opening_phrase(tokens)):
        subject = _subject_of(rest)
    if subject is None and opening_phrase:
        subject = _inverted_subject(sentence, tokens)
    if subject is None and _MY_OWN_PART.match(sentence):
        subject = "I"  # "My voice cracked.": the one telling the story (a "her voice" may be anyone's)
    return subject


# Verbs a place or a pose goes before, with who comes after: "In the doorway stood Marcus,
# dripping wet.", "There stood Old Badger, covered in leaves", "Sitting on the step, with her
# coat buttoned wrong, was Aunt Vera." (a story brings someone in so, just before they speak)
_INVERSION_VERBS = frozenset(
    "stood sat was lay knelt crouched perched lounged loomed waited appeared "
    "stands sits is lies kneels crouches perches lounges looms waits appears".split()
)


def _inverted_subject(sentence: str, opening: list[str]) -> str | None:
    """The name (or person described) after the verb of a sentence that opens on a place or
    a pose and puts its subject last, if it is one of those (``opening``: its first words)."""
    k = opening_connectives(opening)  # "And sitting on one of those roots, [...] was Mother Owl"
    first = opening[k].lower() if k < len(opening) else ""
    if first not in _OPENING_PREPOSITIONS and first not in ("there", "here") and not _is_participle(first):
        return None
    words = _words(sentence[:240])  # a pose may run long before its verb
    for v in range(k + 1, min(len(words) - 1, k + 30)):
        low = words[v].lower()
        if low in SUBJECT_PRONOUNS or low in _THIRD_PERSON_SUBJECTS or low in _SENTENCE_END \
                or (words[v - 1] == "," and words[v][:1].isupper()):
            return None  # "In the hall she stood", "Turning, Tom was": the subject before its verb
        if low not in _INVERSION_VERBS:
            continue
        after = words[v + 1]
        if (after[:1].isupper() and (after.lower() not in NOT_NAMES or after in NAME_ADJECTIVES)) or (
                after.lower() in _ARTICLES and _person_noun(words, v + 2, 3)):
            who = _subject_at(words, v + 1)
            return None if who is None or POSSESSIVE.search(who) else who  # ("In his hand was Emma's letter")
        return None
    return None


# A name is followed by its verb, not by these: a capitalised word before one opens the sentence
# as an adverb would ("Wherefore the clerk put on his comforter"; "Thereupon I rose") or is a
# thing ("Boots which extended halfway up his calves": a name takes "which" after a comma, if
# at all). Short stories need this: a novel shows such a word is never capitalised inside a sentence.
_OPEN_A_CLAUSE = (_DETERMINERS - {"this", "that"}) | _THIRD_PERSON_SUBJECTS | {"I", "it", "which"}


_LIST_ITEM_OPENERS = frozenset("a an some two three four five six".split())
_SET_OFF_ADVERBS = frozenset("though however too also then now meanwhile again instead still perhaps".split())


def _opens_a_list(after: list[str]) -> bool:
    """Whether the words after a capitalised one go on with a list of things (``, bread, a bag
    of oranges``, ``, bread and some milk``, ``, bread, milk.``) rather than with a word set
    off before the verb (``, smiling, sat down``; ``, pale, nodded``)."""
    if after[:1] != [","] or len(after) < 4 or not _may_be_a_thing(after[1]) or after[1] in _SET_OFF_ADVERBS:
        return False
    if after[2] in (",", "and", "or") and after[3] in _LIST_ITEM_OPENERS:
        return True
    return after[2] == "," and _may_be_a_thing(after[3]) and after[4:5] in ([], ["."], ["and"], ["or"])


# What follows a verb, never a name as subject: a capitalised word before one is a command
_OBJECTS_OF_A_COMMAND = frozenset("me him her us them it something anything nothing everything yourself".split())
# What a word before it describes in a verbless sketch of someone ("Red coat, good shoes", "Grey
# hair and a limp"): no name is followed by one of these, nor by a part of the body set off on
# its own ("Blue eyes, a tired smile", not "Maya eyes the door").
_LOOKS = frozenset("hair coat dress suit shoes boots jacket hat scarf skirt gloves glasses spectacles beard "
                   "moustache mustache skin lipstick trousers jeans shirt blouse sweater jumper uniform".split())


def _describes_looks(after: list[str]) -> bool:
    """Whether the words after a capitalised one say how someone looks (``coat ,``), so that
    it is an adjective opening a verbless sentence, not a name."""
    return bool(after) and (after[0] in _LOOKS or (
        after[0] in ACTING_PARTS and after[1:2] in ([","], ["."], ["and"])))


def _may_be_a_thing(word: str) -> bool:
    """A lower-case word that is no participle or adverb (``bread``, not ``smiling`` or ``slowly``)."""
    return word.isalpha() and word.islower() and not word.endswith(("ing", "ed", "ly"))


def _subject_of(tokens: list[str]) -> str | None:
    words = [t for t in tokens if t != ","]
    words = words[opening_connectives(words):]
    subj = _subject_at(words, 0)
    if subj is None:
        return None
    parts = subj.split()
    appositive = False  # (a description before one checks as no list of names: "the paramedic", not "the trolley")
    if parts[0] in ("the", "a", "an") and len(parts) > 2:
        at = next((k for k, t in enumerate(tokens) if t.lower() == parts[0]), -1)
        comma = tokens.index(",", at + 2) if at >= 0 and "," in tokens[at + 2 : at + len(parts)] else -1
        if comma >= 0 and tokens[comma + 1 : comma + 2] in (["a"], ["an"]):
            subj = " ".join(parts[: comma - at])  # "The barista, a tall guy, came over": not "the barista a tall"
            parts = subj.split()
            appositive = True
    # Where the subject is written: its first word found whatever its case for someone's kin and a
    # machine ("Her aunt looked up from her netting", "The radio crackled as she pulled onto the
    # interstate" had found the later "her", "the"), and for a trade ("The nurse checks the drip"); for
    # the rest as it was fitted, case and all
    # (a person after "the" so costs Daisy Miller's "the young girl": see the journal)
    case_blind = (parts[0] in _POSSESSIVES and (parts[-1] in FAMILY_RELATION or parts[-1] in DESCRIPTOR_GENDER)) \
        or (parts[0] == "the" and (parts[-1] in MACHINES or parts[-1] in CREATURES or parts[-1] in TRADE_WORDS))
    at = next((k for k, t in enumerate(tokens) if t.lower() == parts[0]), -1) if case_blind else \
        (tokens.index(parts[0]) if parts[0] in tokens else -1)
    if len(parts) > 1 and at >= 0 and not appositive:
        written = tokens[at : at + len(parts)]
        if case_blind:
            written[0] = written[0].lower()
        if written[:-1] + [POSSESSIVE.sub("", written[-1])] != parts:  # ("Lord Aldric's eyebrows rose": his)
            return None  # "Maria, Julia, Henry Crawford, and Mr. Yates were...": a list, not one name
    if " " not in subj and subj in tokens:
        at = tokens.index(subj)
        if tokens[at + 1 : at + 2] == [","] and tokens[at + 2 : at + 3] \
                and tokens[at + 2].lower() in _AFTER_OPENING_ADVERB:
            return None
        if tokens[at + 1 : at + 2] and tokens[at + 1] in _ADVERB_PARTICLES and tokens[at + 2 : at + 3] == [","]:
            return None  # "Halfway over, the old man stopped rowing": an opening adverb, no one called Halfway
        if _opens_a_list(tokens[at + 1 : at + 6]):
            return None  # "Eggs, bread, a bag of oranges.": things unpacked, no one called Eggs
        if _describes_looks(tokens[at + 1 : at + 3]):
            return None  # "Red coat, good shoes.": how someone looks, no one called Red
        if tokens[at + 1 : at + 2] and tokens[at + 1] in _OBJECTS_OF_A_COMMAND:
            return None  # "*Say something useful*, she told herself.": a command, no one called Say
    start = next((k for k in range(min(3, len(words))) if words[k : k + len(parts)] == parts), 0)
    nxt = start + len(parts)  # the word after the subject: past "Old" and "My brother" before it
    if len(parts) == 1 and nxt < len(words) and words[nxt] in _OPEN_A_CLAUSE \
            and parts[0].rstrip(".").lower() not in HONORIFICS:
        return _subject_at(words, nxt)  # "Wherefore the clerk put on", "Whereupon she rose": an adverb
    if nxt < len(words) and words[nxt][:1].islower():
        return subj
    return None

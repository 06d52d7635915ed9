"""Naming: which names are one character, and whether a character is a man or a woman.

Cold mode finds characters as the names in tags and beats (``parsing.py`` counts them);
these pure functions merge the names into characters (``Theo``, ``Theo Marsh`` and
``Dr. Marsh``; ``Miss Chen`` and ``Ivy``), drop places and peoples, and infer each
character's gender from honorifics and the pronouns that follow its mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from storycast.first_names import babies_named, first_name_gender
from storycast.grammar import OBJECT_PREPOSITIONS, descriptor_pronoun
from storycast.model import Gender
from storycast.quotes import OPENING_MARKS, QuoteStyle
from storycast.words import (
    DESCRIPTOR_GENDER,
    FAMILY_NAME_GENDER,
    HONORIFIC_GENDER,
    HONORIFICS,
    LOWER,
    NAME_PARTICLES,
    NEUTRAL_HONORIFICS,
    OWNED_PERSON,
    SUBJECT_PRONOUNS,
    TITLE_SPELLINGS,
    UPPER,
    opening_on,
    starting_with,
)

# Where a name's pronoun window ends: a quote mark, a paragraph end, or a capitalised word
# that may be another name (mid-sentence, or opening the next sentence). In single-quote
# stories only the single marks that open or close a quote count, not the one in "don't".
_NEXT_NAME_OR_PARAGRAPH = (rf"(?:(?<=[{LOWER},;] )|(?<=[.!?] )|(?<=[.!?]\n)|(?<=[.!?]  ))"
                           rf"[{UPPER}](?:[{LOWER}]?['\u2019][{UPPER}])?[{LOWER}]+|\n[ \t]*\n")  # (and O'Brien)
_DOUBLE_MARKS = r"[\"\u201c\u201d]"
_SINGLE_MARKS = r"[\"\u201c\u201d`]|(?<!\w)['\u2018](?=\w)|(?<=[,.!?;:\u2014-])['\u2018\u2019]"
# (written to open on the mark or the capital itself, what comes before it checked after it: the
# search then skips in C to the next one, three times as fast; see opening_on)
_NEXT_NAME_OR_PARAGRAPH_FAST = (rf"[{UPPER}](?:(?<=[{LOWER},;] .)|(?<=[.!?] .)|(?<=[.!?]\n.)|(?<=[.!?]  .))"
                                rf"(?:[{LOWER}]?['\u2019][{UPPER}])?[{LOWER}]+|\n[ \t]*\n")
_WINDOW_STOP = {
    "double": opening_on(_DOUBLE_MARKS + "|" + _NEXT_NAME_OR_PARAGRAPH_FAST,
                         plain=_DOUBLE_MARKS + "|" + _NEXT_NAME_OR_PARAGRAPH),
    "single": opening_on(r"[\"\u201c\u201d`]|['\u2018](?<!\w.)(?=\w)|['\u2018\u2019](?<=[,.!?;:\u2014-].)|"
                         + _NEXT_NAME_OR_PARAGRAPH_FAST, plain=_SINGLE_MARKS + "|" + _NEXT_NAME_OR_PARAGRAPH),
}
# (a mark after a stop closes, however an editor curled it: "Hello,\u201c she said)
_CLOSE_QUOTE = {"double": re.compile(r"[\"\u201d]|(?<=[,.!?;:\u2014-])\u201c"),
                "single": re.compile(r"(?<=[,.!?;:\u2014-])['\u2018\u2019]")}
_OPENING_MARKS = frozenset(OPENING_MARKS)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_OPENING_AT = {"double": re.compile("[ \t]*[\"\u201c]"),  # a paragraph opening on a quote (in a story in
               "single": re.compile("[ \t]*['`\u2018]")}  # double quotes, not on "'Tis")
_PRONOUN_OPENS = re.compile(r"[ \t]+([Hh]e|[Ss]he)\b")  # "... isn't." He ... / "...," she agreed
_CLAUSE_END = re.compile(r"[.!?;](?=\s)")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?\"\u201d]\s+)$")  # what comes just before a name that opens its sentence
# "her" is as often "looked at her" (someone else) as "her hands": only before a word
# that is owned (a body part, a relative, her own) does it say the name is a woman's.
_OWNED_NOUNS = (
    "own hands? head eyes? face hair mother father sister brother husband voice lips arms? heart mind feet "
    "room friend chair cheeks? shoulders? legs? knees? lap neck chin mouth forehead fingers? brow throat "
    "skirt dress gown bonnet hat coat cloak shawl gloves? handbag purse phone pocket sleeves? hips waist "
    "breath tears nose teeth daughter son cousin aunt uncle bag schoolbag backpack rucksack satchel suitcase cup mug "
    "glass book notebook pen keys umbrella scarf boots shoes jacket"
)
_GENDER_PRONOUN = starting_with(
    "hsHS",
    r"\b(he|his|himself|she|herself|her(?= (?:" + "|".join(_OWNED_NOUNS.split()) + r")\b))\b", re.IGNORECASE)

# "Theo shook her hand", "looked into her eyes", "stared at her face": a hand shaken, eyes
# looked into, are someone else's, however owned "her hand" looks after "raised" or "rubbed".
# (PDNC whole novels: no change; held-out cold +9, The Wizard of Oz's Dorothy and Toto.)
_SOMEONE_ELSES = re.compile(
    r"\b(?:shook|shake|shaking|kissed|kiss|kissing|squeezed|squeeze|patted|stroked|clasped|grasped|into|at)\s+$",
    re.IGNORECASE)


def _someone_elses(window: str, pronoun: re.Match[str]) -> bool:
    """Whether an owned "her" is someone else's (``shook her hand``; ``shook her head`` is hers)."""
    return _SOMEONE_ELSES.search(window, 0, pronoun.start()) is not None \
        and not window.startswith(" head", pronoun.end())


# "his sister Jess", "her husband Tom": the relation right before a name says its gender
_KIN_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir|[Yy]our)\s+(?:(?:little|big|older|younger|elder|"
                         r"baby|twin|kid)\s+)?([a-z]+) $")
# "a tall guy named Pete", "a woman called Sarah": the noun that introduces a name says its gender
_INTRODUCED_AS = starting_with("AaTtOo",
                               r"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:[a-z\-]+\s+){0,2}?([a-z]+),?\s+(?:named|called) $")


# "The patient, a wiry man", ". The old woman": someone described opening a sentence or set off by a
# comma (not "Dr. Watson is the very man"), whose he or she a pronoun just after may be
_PERSON_DESCRIBED = re.compile(r"(?:^|[.!?;,]\s+)(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z\-]+\s+){0,2}?("
                               + "|".join(sorted(DESCRIPTOR_GENDER)) + r")\b")


def _owned_by_person_between(window: str, pronoun: re.Match[str]) -> bool:
    """Whether someone described comes between a name and the pronoun after it, with the
    pronoun's gender (``a wiry man in his sixties``): the pronoun is theirs, not the name's."""
    said = "she" if pronoun.group(1).lower().startswith(("she", "her")) else "he"
    return any(DESCRIPTOR_GENDER[m.group(1)] == said for m in _PERSON_DESCRIBED.finditer(window, 0, pronoun.start()))


def _opens_sentence(text: str, mention: re.Match[str]) -> bool:
    """Whether a name mention opens its sentence (after a sentence's end or a quote)."""
    return _OPENS_SENTENCE.search(text, max(0, mention.start() - 3), mention.start()) is not None


def _after_and(text: str, mention: re.Match[str]) -> bool:
    """Whether a name mention opens a clause after "and" (``The door banged open and Ron stumbled in``)."""
    return text[max(0, mention.start() - 5) : mention.start()] == " and "


def _opens_speech_mid_line(text: str, mark: re.Match[str]) -> bool:
    """Whether a quote mark that ends a name's window opens speech (after a space, before a
    word) rather than closes it, on the name's own line: a quote that opens a line may open
    the next paragraph, in a text that indents paragraphs or puts one on each line."""
    line_start = text.rfind("\n", 0, mark.start()) + 1
    after = text[mark.end()] if mark.end() < len(text) else " "
    return mark.group() in _OPENING_MARKS and text[mark.start() - 1 : mark.start()].isspace() \
        and text[line_start : mark.start()].strip() != "" and not after.isspace()


def _pronoun_after_speech(text: str, opening: re.Match[str], style: QuoteStyle) -> Gender | None:
    """The gender of a "he" or "she" that opens the narration right after the speech a quote
    mark opens, in the same paragraph: after the words of a name that opened its sentence
    (``Ruiz agreed. "..." She opened the file``, ``Kael looked at her. "Or who," he agreed.``)
    it is most often the name's; not after a name that did not (``Tom glanced at Rachel, who
    shrugged. "Fine," he said.``). Only a fallback vote: a beat may be someone else's."""
    close = _CLOSE_QUOTE[style].search(text, opening.end(), min(len(text), opening.end() + 2000))
    if not close or _PARAGRAPH_BREAK.search(text, opening.end(), close.end()):
        return None
    pronoun = _PRONOUN_OPENS.match(text, close.end())
    return None if pronoun is None else "male" if pronoun.group(1).lower() == "he" else "female"


def title_role(name: str) -> str | None:
    """The title of a name like ``the Major`` (a role, not a name), else None."""
    parts = name.split()
    if len(parts) == 2 and parts[0].lower() == "the" and parts[1].rstrip(".").lower() in HONORIFICS:
        return parts[1].rstrip(".").lower()
    return None


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    r"""One pattern for a whole-word match of any of ``words``, longest first ("Mr. Elton" before "Elton").

    Written as a trie of the words (see ``_as_trie``) whose first letters come first, each then
    checking that no word character came before it (as a ``\b`` would): a pattern that opens on
    a set of letters lets the engine skip in C to the next place one of them is written, instead
    of trying the pattern at every place in the text. The same matches as ``\b(?:...)\b``, a
    whole novel scanned in about a quarter of the time."""
    ordered = sorted(words, key=len, reverse=True)
    if not ordered or not all(w[:1].isalnum() or w[:1] == "_" for w in ordered):
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")
    return re.compile(_as_trie(ordered, after_first=r"(?<!\w\w)") + r"\b")


def _as_trie(words: list[str], *, after_first: str = "") -> str:
    """An alternation of ``words`` with their shared beginnings written once (``Mr. Elton`` and
    ``Mrs. Elton`` share ``Mr``): the engine reads a name at a place letter by letter instead of
    trying each of hundreds in turn. Where one word ends and a longer one goes on, the longer is
    tried first, so a match is the longest word the text has there (followed by a word's end),
    as in the plain alternation longest first. ``after_first`` is written after each first letter."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def written(node: dict[str, Any], after: str = "") -> str:
        branches = [re.escape(char) + after + written(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return written(trie, after_first)


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|into|to|through|towards|of)\s+(?:the\s+)?$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _untitled_owners(clusters: dict[str, list[str]]) -> dict[str, str]:
    """Each name to its cluster, for the clusters none of whose names has an honorific: anyone
    called Mr. or Lady is a person, so places_and_things() leaves them alone."""
    return {a: c for c, aliases in clusters.items() if not any(_split_name(a)[0] for a in aliases) for a in aliases}


_ITSELF_AFTER = re.compile(r"\s+itself\b")


def places_and_things(clusters: dict[str, list[str]], text: str) -> set[str]:
    """Names that are no one's. ``in Highbury``, ``to Coketown``, ``at Hetton``: a name written
    after a preposition at least half the time (and seen at least four times) is a place.
    People are mostly subjects ("Emma said"); anyone with an honorific is a person whatever
    precedes them. A one-word name written after "the" at least half the time (``by the
    Jail``, ``the Jail garden``) is no person's name either: a place, a thing, or a role (``the
    Dormouse``) that is a character of its own under that form. And a name the text calls
    "itself" (``Islam itself, though true, throws cross-lights``) is a faith, a town or a ship,
    not a voice, though it once opened a sentence before a speech; no one is "Emma itself".
    One pass over the text for all names."""
    owner = _untitled_owners(clusters)
    if not owner:
        return set()
    seen: Counter[str] = Counter()
    after_preposition: Counter[str] = Counter()
    after_the: Counter[str] = Counter()
    itself: set[str] = set()
    for m in any_of(owner).finditer(text):
        cluster = owner[m.group()]
        seen[cluster] += 1
        after_preposition[cluster] += bool(_PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()))
        after_the[cluster] += bool(_THE_BEFORE.search(text, max(0, m.start() - 5), m.start()))
        if _ITSELF_AFTER.match(text, m.end()):
            itself.add(cluster)
    one_word = {c for c in seen if all(" " not in a for a in clusters[c])}
    return itself | {c for c, n in seen.items() if n >= 4 and (
        after_preposition[c] >= 0.5 * n or (c in one_word and after_the[c] >= 0.5 * n))}


_VERB_AFTER = re.compile(r"\s+(?:(are|were|have)|(is|was|has))\b")


def peoples(clusters: dict[str, list[str]], text: str) -> set[str]:
    """Names that take a plural verb (``Hindus were``, ``the English have``) at least three
    times and far more often than a singular one: a people or a crowd, not one voice."""
    owners: dict[str, set[str]] = defaultdict(set)  # "English" counts for "the English" too
    for canonical, aliases in clusters.items():
        for alias in aliases:
            if _split_name(alias)[0] is None:
                owners[alias.removeprefix("the ")].add(canonical)
    if not owners:
        return set()
    plural: Counter[str] = Counter()
    singular: Counter[str] = Counter()
    for m in any_of(owners).finditer(text):
        verb = _VERB_AFTER.match(text, m.end())
        if verb:
            for canonical in owners[m.group()]:
                plural[canonical] += verb.group(1) is not None
                singular[canonical] += verb.group(2) is not None
    return {c for c, n in plural.items() if n >= 3 and n > 2 * singular[c]}


def join_maiden_titles(clusters: dict[str, list[str]], genders: dict[str, Gender]) -> None:
    """"Miss Woodhouse" is "Emma Woodhouse" when she is the only woman of that name.

    Only "Miss": a "Mrs." or "Mr." is as often a parent of the full-named character. And not
    a woman also called "Miss" and her given name (``Miss Marianne``): that is how a younger
    sister is called, so "Miss Dashwood" is the eldest, whose full name the text may never write.
    """
    for canonical in list(clusters):
        hon, words = _split_name(canonical)
        if hon not in ("miss", "ms") or len(words) != 1:
            continue
        women = [c for c, aliases in clusters.items() if c != canonical and genders.get(c) == "female"
                 and any(_split_name(a)[0] is None and len(a.split()) >= 2 and a.split()[-1] == words[0]
                         for a in aliases) and not _a_younger_sister(aliases, words[0])]
        if len(women) == 1:
            clusters[women[0]].extend(clusters.pop(canonical))
            genders.pop(canonical, None)


def _a_younger_sister(aliases: list[str], surname: str) -> bool:
    """Whether a woman with ``surname`` is also called "Miss" and her given name (``Miss
    Marianne`` of ``Marianne Dashwood``), as a younger sister is."""
    return any(title == "miss" and len(given) == 1 and f"{given[0]} {surname}" in aliases
               for title, given in map(_split_name, aliases))


def join_bare_surnames(clusters: dict[str, list[str]], genders: dict[str, Gender], counts: Counter[str]) -> None:
    """"Denham" is "Ralph Denham" when he is the only one of that full name and both are men,
    even with a Mrs. Denham about: a bare surname is the man's by period convention."""
    for canonical in list(clusters):
        if len(clusters[canonical]) != 1 or " " in canonical or genders.get(canonical) != "male" \
                or canonical.startswith("the "):
            continue
        bearers = [c for c in _full_names_ending(canonical, clusters, counts)
                   if c != canonical and genders.get(c) != "female"]  # "Loo Bounderby" is his wife: still his
        if not bearers:  # "McBryde" is "Mr. McBryde" (or "Major Callendar"), even with a Mrs. McBryde about
            bearers = [c for c, aliases in clusters.items() if c != canonical and genders.get(c) == "male"
                       and any(HONORIFIC_GENDER.get(_split_name(a)[0] or "") == "male"
                               and _split_name(a)[1] == [canonical] for a in aliases)]
        if len(bearers) == 1 and genders.get(bearers[0]) == "male":
            clusters[bearers[0]].extend(clusters.pop(canonical))
            genders.pop(canonical, None)


def join_mister(clusters: dict[str, list[str]], genders: dict[str, Gender], counts: Counter[str],
                only_addressed: frozenset[str] = frozenset()) -> None:
    """"Mr. Crawford" is Henry Crawford when he is the one man of that full name (his sister Mary
    is no bar once genders are known), unless the book calls that man by his first name more
    often than it writes "Mr. Crawford": George Emerson's "Mr. Emerson" is his father. A "Mr."
    the story only ever addresses ("That's page one, Mr. Brooks.") joins all the same, as does a
    "Mrs.", "Miss" or "Ms." ("Sometimes they do, Mrs. Lisle." to Vera Lisle, the one woman so named)."""
    for canonical in list(clusters):
        hon, words = _split_name(canonical)
        gender = "male" if hon == "mr" else "female" if hon in ("mrs", "miss", "ms") and canonical in only_addressed \
            else None
        if len(clusters[canonical]) != 1 or gender is None or len(words) != 1 or genders.get(canonical) != gender:
            continue
        only_called = canonical in only_addressed  # (their full name may be written once, in passing:
        bearers = {c: full for c, full  # "My witness was Gloria Treadwell, sixty-eight.", then "Mrs. Treadwell, you")
                   in _full_names_ending(words[0], clusters, counts, 0.1 if only_called else 1).items()
                   if c != canonical and genders.get(c) == gender}
        if len(bearers) != 1:
            continue
        (bearer, full_names), = bearers.items()
        if only_called or (counts[full_names[0].split()[0]] < counts[canonical] or canonical in only_addressed) \
                and sum(counts[a] for a in (*full_names, words[0]) if a in clusters[bearer]) \
                >= 0.5 * counts[canonical]:  # (the bare surname counts for the full name it joined)
            clusters[bearer].extend(clusters.pop(canonical))
            genders.pop(canonical, None)


def join_short_forms(clusters: dict[str, list[str]], genders: dict[str, Gender], counts: Counter[str]) -> None:
    """"Kat" is Katherine and "Bea" Beatrice: a short given name (four letters at most) that
    opens the given name of one other character, not of the other sex, is theirs (sisters who
    call each other so were four voices). Two such (Jo, with John and Josephine) say nothing,
    nor does a short form itself (Rob and Robbie, brothers: the census gives "Robbie" no sex),
    nor a name fewer babies bore (John Beaver is not Johnny, a boy). The one the story uses more
    names them both: Ron, called Ronald once, stays Ron."""
    for short in list(clusters):
        if len(short) > 4 or not short.isalpha() or short not in clusters:
            continue
        gender = genders.get(short, "unknown")
        fuller = [c for c in clusters if c != short and _opens_fuller(short, gender, c, genders.get(c, "unknown"))]
        if len(fuller) == 1:
            kept, joined = fuller[0], short
            if sum(counts[a] for a in clusters[short]) > sum(counts[a] for a in clusters[kept]):
                kept, joined = short, kept
            clusters[kept].extend(clusters.pop(joined))
            if genders.get(kept, "unknown") == "unknown":
                genders[kept] = genders.get(joined, "unknown")
            genders.pop(joined, None)


PET_ENDINGS = ("y", "ie", "ey")  # Sammy, Robbie, Joey; the last letter doubled or not (Sam-my, Dan-ny, Jo-ey)


def join_pet_forms(clusters: dict[str, list[str]], genders: dict[str, Gender], only_called: frozenset[str]) -> None:
    """"Sammy", only ever called so (``I said no, Sammy.``), is Sam, whom the story tags and
    narrates: a given name and a pet ending (-y, -ie, -ey, its last letter doubled or not) that
    opens no other character's name, not of the other sex. Not a pet form the narration uses
    too: that may be someone else (a Johnny beside a John)."""
    for pet in list(clusters):
        if pet not in clusters or " " in pet or not set(clusters[pet]) <= only_called:
            continue
        gender = genders.get(pet, "unknown")
        bases = [c for c in clusters if c != pet and pet_form_of(pet, c.split()[0])
                 and (genders.get(c, "unknown") == gender or "unknown" in (gender, genders.get(c, "unknown")))]
        if len(bases) == 1:
            clusters[bases[0]].extend(clusters.pop(pet))
            if genders.get(bases[0], "unknown") == "unknown":
                genders[bases[0]] = gender
            genders.pop(pet, None)


def pet_form_of(pet: str, given: str) -> bool:
    """Whether ``pet`` is ``given`` with a pet ending: Sammy of Sam, Danny of Dan, Robbie of Rob;
    or the opening of a longer ``given`` with one (Bernie of Bernadette, Charley of Charles)."""
    if len(given) >= 2 and pet.startswith(given):
        ending = pet[len(given):]
        if ending[:1] == given[-1]:
            ending = ending[1:]
        return ending in PET_ENDINGS
    for ending in PET_ENDINGS:
        stem = pet[: -len(ending)]
        if len(stem) > _PET_STEM and stem[-1] == stem[-2]:
            stem = stem[:-1]  # (Samm-y of Samantha)
        if pet.endswith(ending) and len(stem) >= _PET_STEM and given.startswith(stem) and len(given) > len(stem) + 1:
            return True
    return False


_PET_STEM = 3  # letters of a longer name a pet form keeps at least (Bern-ie; not Jo-ey of Joanna)


def _opens_fuller(short: str, gender: Gender, canonical: str, its_gender: Gender) -> bool:
    """Whether ``short`` opens the given name of ``canonical``, a fuller form of either sex."""
    given = canonical.split()[0]
    return len(given) > len(short) and given.startswith(short) and first_name_gender(given) is not None \
        and babies_named(given) > babies_named(short) and (gender == its_gender or "unknown" in (gender, its_gender))


def _full_names_ending(surname: str, clusters: dict[str, list[str]], counts: Counter[str],
                       least: float = 1) -> dict[str, list[str]]:
    """The clusters with an untitled full name ending in ``surname`` that the text really uses
    (not a 0.1 bridge from ``add_full_name_bridges``, unless ``least`` allows it), with those
    full names."""
    found: dict[str, list[str]] = {}
    for canonical, aliases in clusters.items():
        full = [a for a in aliases if _split_name(a)[0] is None and len(a.split()) >= 2
                and a.split()[-1] == surname and counts[a] >= least]
        if full:
            found[canonical] = full
    return found


# One word of a name: O'Connell, McKay, Jean-Luc, José; and the same past its first capital
_NAME_WORD_REST = rf"(?:[{LOWER}]?['\u2019][{UPPER}])?[{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:-[{UPPER}][{LOWER}]+)?"
_NAME_WORD = rf"[{UPPER}]{_NAME_WORD_REST}"
_AFTER_A = opening_on(rf"a(?<![\w-]a)n? ({_NAME_WORD})(?![\w'\u2019-])",  # "an Italian": no surname
                      plain=rf"(?<![\w-])an? ({_NAME_WORD})(?![\w'\u2019-])")
_BIGRAM = opening_on(rf"([{UPPER}](?<![\w'\u2019-].){_NAME_WORD_REST}) ({_NAME_WORD})(?![\w'\u2019-])",
                     plain=rf"(?<![\w'\u2019-])({_NAME_WORD}) ({_NAME_WORD})(?![\w'\u2019-])")


def _bigrams(text: str) -> Iterator[tuple[str, str]]:
    """Each two capitalised words in a row, a third word after two read with the second as
    well (``Sheriff Amos Crane``: Amos Crane too)."""
    for m in _BIGRAM.finditer(text):
        yield m.group(1), m.group(2)
        if (after := _BIGRAM.match(text, m.start(2))) is not None:
            yield after.group(1), after.group(2)


def add_full_name_bridges(counts: Counter[str], text: str) -> None:
    """"Ivy Chen" written once, anywhere, links "Ivy" and "Miss Chen" even if it never starts a
    sentence (a name already counted, with or without its title, needs no bridge). But "Cecil is
    teaching Lucy Italian" is no Lucy Italian when the text writes "an Italian": no surname is
    had by "a" or "an"."""
    singles = {n for n in counts if " " not in n}
    surnames = {_split_name(n)[1][-1] for n in counts if _split_name(n)[0] is not None}
    counted = {" ".join(_split_name(n)[1]) for n in counts}  # "Dr. Priya Nair" counts "Priya Nair"
    had = set(_AFTER_A.findall(text))
    nicknamed = [(m, given) for m in _NICKNAME.finditer(text)  # (the given name before the quoted one)
                 if (given := _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start()))]
    pairs = [*_bigrams(text), *(m.group(1, 2) for m, _ in nicknamed)]
    rank_of = {(first, last): rank for rank, first, last in _RANKED_FULL.findall(text)}  # "Sheriff Amos Crane":
    for first, last in dict.fromkeys(pairs):  # in the order written          # "the sheriff" is Amos Crane
        if first in singles and (last in surnames or last in singles) and f"{first} {last}" not in counted \
                and last not in had:
            ranked_as = rank_of.get((first, last))
            counts[f"{ranked_as} {first} {last}" if ranked_as else f"{first} {last}"] = 0.1  # type: ignore[assignment]
    for rank, name in dict.fromkeys(_RANKED.findall(text)):  # "Sgt. Kowalski and DC Adeyemi sat at the front."
        if name in singles and f"{rank} {name}" not in counts:
            counts[f"{rank} {name}"] = 0.1  # type: ignore[assignment]  # (then "Sergeant," calls him)
    for m, given in nicknamed:  # "Detective Sergeant Alexandra "Sandy" Kowalczyk": Sergeant Sandy Kowalczyk too
        rank = _RANK_BEFORE.search(text, max(0, m.start() - 70), given.start())
        if rank and f"{m.group(1)} {m.group(2)}" in counts and (ranked := f"{rank.group(1)} {m.group(1)} "
                                                               f"{m.group(2)}") not in counts:
            counts[ranked] = 0.1  # type: ignore[assignment]


_RANKS = sorted({*NEUTRAL_HONORIFICS, *(short for short, rank in TITLE_SPELLINGS.items() if rank in NEUTRAL_HONORIFICS)}
                - {"saint", "st"}, key=len, reverse=True)
# A rank, spelt out or cut short, before a name: "Sgt. Kowalski", "DC Adeyemi", "Inspector Rowe"
# (not before a given name that a family name follows: "Dr. Priya Nair"; nor a saint's: "St. Paul's")
_RANKED = starting_with("".join(sorted({w[0].upper() for w in _RANKS})),
                        r"(?<![\w.])((?:" + "|".join(w.capitalize() + "|" + w.upper() for w in _RANKS) + ")"
                        + rf"\.?) ({_NAME_WORD})(?![\w'\u2019-]|\s+[{UPPER}])")
_RANKED_FULL = starting_with("".join(sorted({w[0].upper() for w in _RANKS})),
                             r"(?<![\w.])(" + "|".join(w.capitalize() for w in _RANKS if len(w) > 2)
                             + rf") ({_NAME_WORD}) ({_NAME_WORD})(?![\w'\u2019-])")
_RANK_BEFORE = re.compile(r"\b(" + "|".join(sorted(NEUTRAL_HONORIFICS)) + r")\.? $", re.IGNORECASE)
# A nickname in quotes inside a full name: 'Alexandra "Sandy" Kowalczyk' is Sandy Kowalczyk too (the
# quoted name and the surname; the given name before it is checked apart, as a pattern opening on the
# quote mark is quick to find)
_NICKNAME = re.compile(rf"[\"\u201c'\u2018]({_NAME_WORD})[\"\u201d'\u2019] ({_NAME_WORD})(?![\w'\u2019-])")
_NAME_BEFORE = re.compile(rf"(?<![\w'\u2019-]){_NAME_WORD} $")


def _split_name(name: str) -> tuple[str | None, list[str]]:
    """``Mr. George Knightley`` -> ("mr", ["George", "Knightley"])."""
    words = [w for w in name.split() if w not in NAME_PARTICLES]  # "Miss de Bourgh": as "Miss Bourgh"
    if len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
        title = words[0].rstrip(".").lower()
        return TITLE_SPELLINGS.get(title, title), words[1:]
    return None, words


# Titles used with a first name: "Sir Thomas" for Sir Thomas Burdon, "Lord Henry" for Lord Henry
# Wotton (but "Lady Bertram" is a surname, which joins as any title and surname do).
_FIRST_NAME_TITLES = frozenset({"sir", "lord", "lady", "dame", "master"})  # (and a boy's "Master John")

_MAIN_HOLDER = 4  # times the evidence of any other holder of a title, for "the Major" to be that one


def _called_by_first_name(full_names: list[str], counts: dict[str, float]) -> list[str]:
    """Of the full names a first name may be short for, the one the book does not call by its
    surname more than by itself, if only one: "John" is John Andrew's when John Beaver is
    "Beaver" (52 times to his full name's once; Andrew, never)."""
    if len(full_names) < 2:
        return full_names
    called_so = [f for f in full_names if counts.get(_split_name(f)[1][-1], 0) <= counts.get(f, 0)]
    return called_so if len(called_so) == 1 else full_names


def merge_aliases(counts: dict[str, float]) -> dict[str, list[str]]:
    """Group name forms that refer to one person: Theo / Theo Marsh / Dr. Marsh.

    Conservative: a form joins a full name only when exactly one full name fits it, and
    an honorific joins only a cluster of its own gender (Mr. Abbott never joins Caroline
    Abbott when a Miss Abbott is about too). Unmerged forms still name the right person;
    they just do not share a voice.
    """
    forms = sorted(counts, key=lambda n: (-counts[n], n))
    clusters: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    genders: dict[str, set[str]] = defaultdict(set)  # cluster -> genders its honorifics imply
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    surname_genders: dict[str, set[str]] = defaultdict(set)
    titled_as: dict[str, set[str]] = defaultdict(set)  # "James Harthouse" is written "Mr. James Harthouse"
    ranked_as: dict[str, set[str]] = defaultdict(set)  # "Sandy Kowalczyk" is written "Sergeant Sandy Kowalczyk"
    for name in forms:
        hon, words = _split_name(name)
        if hon in HONORIFIC_GENDER:
            surname_genders[words[-1]].add(HONORIFIC_GENDER[hon])
            titled_as[" ".join(words)].add(HONORIFIC_GENDER[hon])
        elif hon is not None and len(words) >= 2:
            ranked_as[" ".join(words)].add(hon)

    def add_root(name: str, words: list[str]) -> None:
        clusters[name] = [name]
        owner[name] = name
        by_first[words[0]].append(name)
        by_last[words[-1]].append(name)

    for name in forms:
        hon, words = _split_name(name)
        if hon is None and len(words) >= 2 and not name.startswith("the "):
            add_root(name, words)
    for name in forms:  # a full name only ever written with a title ("Dr. Priya Nair"), if no other has its words
        hon, words = _split_name(name)  # (a Mrs. only with her own given name: "Mrs. Adela Price", not "Mrs. John
        if hon is not None and (hon != "mrs" or first_name_gender(words[0]) == "female") \
                and len(words) >= 2 and " ".join(words) not in counts \
                and words[0] not in by_first and words[-1] not in by_last:  # Dashwood")
            add_root(name, words)

    def join(name: str, root: str, hon: str | None) -> None:
        clusters[root].append(name)
        owner[name] = root
        if hon in HONORIFIC_GENDER:
            genders[root].add(HONORIFIC_GENDER[hon])

    roles_last = [f for f in forms if title_role(f) is None] + [f for f in forms if title_role(f) is not None]
    for name in roles_last:
        if name in owner:
            if owner[name] != name and owner[name] in clusters and name not in clusters[owner[name]]:
                clusters[owner[name]].append(name)  # the bare "Corwin" that "Mr. Corwin" claimed
            continue
        hon, words = _split_name(name)
        gender = HONORIFIC_GENDER.get(hon or "")
        target: str | None = None
        title = title_role(name)
        if title is not None:
            holders = sorted({owner[f] for f in owner if _split_name(f)[0] == title and owner[f] in clusters},
                             key=lambda h: (-sum(counts[a] for a in clusters[h]), h))
            weights = [sum(counts[a] for a in clusters[h]) for h in holders]
            if len(holders) == 1 or (holders and weights[0] >= _MAIN_HOLDER * weights[1]):
                join(name, holders[0], None)  # "the Major" is Major Hale when he is the only Major,
                continue  # or the one the book talks of (Major Callendar, not a Major Roberts named once)
        bare = " ".join(words)
        if hon is not None and len(words) >= 2 and bare in owner \
                and first_name_gender(words[0]) in (None, HONORIFIC_GENDER.get(hon)):
            target = owner[bare]  # Mr. George Knightley -> George Knightley (Mrs. John Dashwood is his wife)
        elif len(words) == 1 and not name.startswith("the "):
            word = words[0]
            if hon is None:
                firsts, lasts = by_first.get(word, []), by_last.get(word, [])
                if len(firsts) > 1:  # "Jock Menzies", bridged from one slip, is no second Jock
                    firsts = [f for f in firsts if counts[f] >= 1] or firsts
                firsts = _called_by_first_name(firsts, counts)
                if firsts:  # nor is "on Saturday Ralph went", bridged, a Ralph who is someone's surname
                    lasts = [f for f in lasts if counts[f] >= 1]
                if len(firsts) == 1 and not lasts:
                    target = firsts[0]
                elif len(lasts) == 1 and not firsts and len(surname_genders.get(word, ())) <= 1:
                    target = lasts[0]
            else:
                # "Mr. Woodhouse" never joins "Emma Woodhouse": a surname is a family's, not a person's
                shared = len(surname_genders.get(word, ())) > 1 or len(by_last.get(word, [])) > 0
                firsts = _called_by_first_name(by_first.get(word, []), counts)
                if hon in _FIRST_NAME_TITLES and len(firsts) == 1 and _split_name(firsts[0])[0] in (None, hon) \
                        and word not in by_last:
                    target = firsts[0]  # "Sir Thomas" is Sir Thomas Burdon: a knight goes by his first name
                elif word in owner and owner[word] in clusters and not shared \
                        and _split_name(owner[word])[0] in (None, hon):
                    target = owner[word]  # Mr. Corwin -> Corwin; but Dr. Grant is not Mrs. Grant
                elif word not in owner and len(by_last.get(word, [])) == 1 and gender is not None \
                        and (full := _split_name(by_last[word][0]))[0] in (None, hon) \
                        and titled_as.get(" ".join(full[1])) == {gender} and counts.get(full[1][0], 0) < counts[name]:
                    # Mr. Harthouse -> Mr. James Harthouse, the one Mr. of that name (and Mr. Childers -> Mr. E.
                    # W. B. Childers, only ever written with his title, but Miss de Bourgh is not Lady Catherine
                    # de Bourgh); but a man the book mostly calls "George" is not the "Mr. Emerson" it names as
                    # often: that is his father
                    target = by_last[word][0]
                elif word in owner and by_last.get(word) == [owner[word]] and gender is not None \
                        and surname_genders.get(word) == {gender} \
                        and counts.get(owner[word].split()[0], 0) < counts[name]:
                    # Mr. Fielding -> Cyril Fielding, whom the book calls Fielding: the one of that
                    # surname, and no Mrs. or Miss Fielding about; still not a George Emerson's father
                    target = owner[word]
                elif word not in owner and gender is None and len(by_last.get(word, [])) == 1 \
                        and hon in ranked_as.get(" ".join(_split_name(by_last[word][0])[1]), ()):
                    target = by_last[word][0]  # DS Kowalczyk -> Sandy Kowalczyk, written with that rank too
        if target is not None and gender is not None and genders[owner[target]] - {gender}:
            target = None  # never join a cluster of the other gender
        if target is None:
            clusters[name] = [name]
            owner[name] = name
            if gender:
                genders[name].add(gender)
            if hon is not None and len(words) == 1 and words[0] not in owner \
                    and len(surname_genders.get(words[0], ())) <= 1:
                owner[words[0]] = name  # a later bare "Corwin" joins "Mr. Corwin"
        else:
            join(name, owner[target], hon)
    for name in list(clusters):  # "Winnie-the-Pooh" is the one the story calls "Pooh"
        short = _byname_short(name)
        root = owner.get(short or "")
        if root and root != name and root in clusters and clusters[name] == [name]:
            clusters[root].append(name)
            owner[name] = root
            del clusters[name]
    result: dict[str, list[str]] = {}
    full_name_firsts: defaultdict[str, set[str]] = defaultdict(set)  # a first name -> the clusters with it
    for root, aliases in clusters.items():
        for alias in aliases:
            if _split_name(alias)[0] is None and " " in alias and counts.get(alias, 0) >= 1:  # (not one bridged)
                full_name_firsts[alias.split()[0]].add(root)
    for root, aliases in clusters.items():
        canonical = _canonical(aliases, counts)
        if " " not in canonical and full_name_firsts.get(canonical, set()) - {root}:
            canonical = max((a for a in aliases if a.split()[0] == canonical and " " in a), default=canonical,
                            key=lambda a: (counts.get(a, 0), len(a)))  # "John", of two: John Andrew
        result[canonical] = sorted(aliases, key=lambda n: -counts.get(n, 0))
    for canonical, aliases in result.items():
        aliases.remove(canonical)
        aliases.insert(0, canonical)
    return result


def _byname_short(name: str) -> str | None:
    """The short name inside a byname joined by hyphens round a lower-case word
    (``Winnie-the-Pooh``: Pooh), if ``name`` is one."""
    parts = name.split("-")
    if " " in name or len(parts) < 3 or not parts[-1][:1].isupper() \
            or not any(p[:1].islower() for p in parts[1:-1]):
        return None
    return parts[-1]


_COURTESY_TITLES = frozenset({"mr", "miss", "ms"})  # (a Mrs. John Dashwood is John Dashwood's wife)


def _canonical(aliases: list[str], counts: dict[str, float]) -> str:
    """The form to call a character by: the most used, but a fuller form (Mr. Bounderby,
    Theo Marsh) when it is used at least a quarter as often."""
    named = [a for a in aliases if not a.startswith("the ")] or aliases  # Major Hale, not "the Major"
    top = max(named, key=lambda n: (counts.get(n, 0), len(n)))
    fuller = [a for a in aliases if len(a.split()) > 1 and counts.get(a, 0) >= 0.25 * counts.get(top, 0)]
    chosen = max(fuller, key=lambda n: (counts.get(n, 0), len(n))) if fuller and len(top.split()) == 1 else top
    hon, words = _split_name(chosen)
    untitled = " ".join(chosen.split()[1:])
    if hon in _COURTESY_TITLES and len(words) >= 2 and untitled in aliases:
        return untitled  # George Emerson, not Mr. George Emerson (but Sir Thomas Bertram keeps his)
    return chosen


_SPOKEN_TO_AFTER = re.compile(r"[,.!?]\s+(?:[Yy]ou|[Yy]our)\b")  # "Ilsa, you...", "Ilsa. Your..."


def infer_genders(text: str, clusters: dict[str, list[str]], is_name_word: Callable[[str], bool],
                   style: QuoteStyle = "double") -> dict[str, Gender]:
    """Honorifics decide; otherwise the pronouns that follow each character's mentions.

    One pass over the text for all names. The window after a mention stops at a quote
    mark, a paragraph end or another name, so a pronoun in someone else's speech, paragraph
    or sentence does not count. When those votes are split (a short story has few), the
    ones in sentences the name opens, its own, decide. A name no pronoun follows at all, the
    last in its paragraph, takes the he or she of the tag that the next paragraph's speech
    opens on (``Dr. Whitlock was at the desk.`` / ``"Anything?" he asked.``).
    """
    votes: dict[str, Counter[str]] = {c: Counter() for c in clusters}  # pronouns in the name's sentence
    later: dict[str, Counter[str]] = {c: Counter() for c in clusters}  # in the next: a fallback only
    opening: dict[str, Counter[str]] = {c: Counter() for c in clusters}  # in a sentence the name opens
    titled: dict[str, set[Gender]] = {c: set() for c in clusters}
    across: dict[str, Counter[str]] = {c: Counter() for c in clusters}  # in the next paragraph's first tag
    owner: dict[str, str] = {}
    for canonical, aliases in clusters.items():
        for alias in aliases:
            owner.setdefault(alias, canonical)
            first = title_role(alias) or alias.split()[0].rstrip(".").lower()
            if first in HONORIFIC_GENDER:
                titled[canonical].add(HONORIFIC_GENDER[first])
            elif alias.lower() in FAMILY_NAME_GENDER:  # "Dad", "Grandma"
                titled[canonical].add(FAMILY_NAME_GENDER[alias.lower()])
            elif (owned := OWNED_PERSON.fullmatch(alias)) and (pronoun := DESCRIPTOR_GENDER.get(owned.group(2))) \
                    and (owned_gender := SUBJECT_PRONOUNS[pronoun]):
                titled[canonical].add(owned_gender)  # "Chidi's mother", "Tom's girlfriend"
    for canonical, given in _given_name_genders(clusters).items():
        votes[canonical][given] += _GIVEN_NAME_VOTES
    own_words = {c: {w for alias in aliases for w in alias.split()} for c, aliases in clusters.items()}
    window_stop = _WINDOW_STOP[style]
    if owner:
        for m in any_of(owner).finditer(text):
            canonical = owner[m.group()]
            kin = _KIN_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if kin and kin.group(1).lower() in DESCRIPTOR_GENDER:  # "his sister Jess": a vote for a woman
                votes[canonical][SUBJECT_PRONOUNS[DESCRIPTOR_GENDER[kin.group(1).lower()]] or ""] += 1
            introduced = _INTRODUCED_AS.search(text, max(0, m.start() - 50), m.start())
            if introduced and (pronoun := descriptor_pronoun(introduced.group(1))):  # "a tall guy named Pete"
                votes[canonical][SUBJECT_PRONOUNS[pronoun] or ""] += 2
            if _SPOKEN_TO_AFTER.match(text, m.end()):
                continue  # "Captain Ilsa. You were at the border. Is he right?": she is the "you", not the "he"
            limit = min(len(text), m.end() + 200)
            stop = window_stop.search(text, m.end(), limit)  # searched in place: lookbehinds see "Philip's"
            while stop and stop.group()[:1].isalpha() and (  # a quote mark or a paragraph end stops it
                    stop.group() in own_words[canonical] or not is_name_word(stop.group())):
                stop = window_stop.search(text, stop.end(), limit)
            window = text[m.end() : stop.start() if stop else limit]
            p = next((p for p in _GENDER_PRONOUN.finditer(window) if not _someone_elses(window, p)), None)
            if not p and stop and _opens_speech_mid_line(text, stop) \
                    and (_opens_sentence(text, m) or _after_and(text, m)):
                after = _pronoun_after_speech(text, stop, style)
                if after:  # 'Ruiz agreed. "Right up until ..." She opened the file.'
                    later[canonical][after] += 1
            elif not p and stop and stop.group()[:1] == "\n" \
                    and (quote_mark := _OPENING_AT[style].match(text, stop.end())):
                after = _pronoun_after_speech(text, quote_mark, style)  # 'Dr. Whitlock was at the desk.' then
                if after:  # '"Anything?" he asked.': his, when nothing else says
                    across[canonical][after] += 1
            elif p and _owned_by_person_between(window, p):
                pass  # "Dr. Lindqvist pulled the curtain. The patient, a wiry man in his sixties": the man's
            elif p:  # "Ralph was silent. She said ...": the next sentence is often someone else's
                end = _CLAUSE_END.search(window, 0, p.start())
                gender = "male" if p.group(1).lower() in ("he", "his", "himself") else "female"
                governed = _GOVERNED.search(text, max(0, m.start() - 12), m.start())  # "appealed to Hamidullah.
                # If she had shown": the subject's she; and "Miss Ashworth was at the pianoforte when Captain
                # Harcourt was announced, and she did not rise": a name in a clause of time, a she past its comma
                # (no vote at all: the main clause's subject is hers)
                subordinate = "," in window[: p.start()] and _SUBORDINATE_BEFORE.search(
                    text, max(0, m.start() - 12), m.start()) is not None
                if not subordinate:
                    (later if end or governed else votes)[canonical][gender] += 1
                if not end and _opens_sentence(text, m):
                    opening[canonical][gender] += 1
    decided: dict[str, Gender] = {}
    for c, near in votes.items():
        weighted = Counter({g: near[g] + 0.3 * later[c][g] for g in near.keys() | later[c].keys()})
        decided[c] = decide_gender(weighted, titled[c])
        if decided[c] == "unknown" and len(opening[c]) == 1 and \
                sum(near.values()) + sum(later[c].values()) <= 2 * sum(opening[c].values()):
            # "Omar rubs the back of his neck.": a pronoun in a sentence the name opens is its
            # own, and outweighs as many from elsewhere ("Omar comes in. She looks up.")
            decided[c] = decide_gender(opening[c], titled[c])
        if decided[c] == "unknown":  # few mentions: the next sentence is all there is
            decided[c] = decide_gender(near + later[c], titled[c])
        if decided[c] == "unknown" and not near and not later[c]:  # a name with no pronoun near it at all
            decided[c] = decide_gender(across[c], titled[c])
    return decided


# What a given name weighs against the pronouns: three of them. PDNC cut into 2,000-word pieces,
# cold mode: 73.2% -> 75.1% of lines (one vote 74.4%, five 75.2% but whole novels -5 lines).
_GIVEN_NAME_VOTES = 3


def _past_ranks(alias: str) -> str:
    """A name past the ranks that open it, where a given and a family name follow
    (``Detective Inspector Ruth Calloway``: Ruth Calloway); else the name as it is."""
    words = alias.split()
    k = 0
    while k < len(words) and words[k].rstrip(".").lower() in NEUTRAL_HONORIFICS:
        k += 1
    return " ".join(words[k:]) if 0 < k <= len(words) - 2 else alias


def _given_name_genders(clusters: dict[str, list[str]]) -> dict[str, Gender]:
    """The gender each character's given name says (``Katharine``, ``Ralph`` of ``Ralph`` and
    ``Denham``), where its untitled names say one (``Mr. Denham`` has a title for that; a rank
    says none, so ``Detective Inspector Ruth Calloway`` is read past it). A lone
    word that ends a longer name is a surname (``Wade`` of ``Helen Wade``), whatever the census
    says of it as a given name."""
    found: dict[str, Gender] = {}
    for canonical, aliases in clusters.items():
        surnames = {alias.split()[-1] for alias in aliases if " " in alias}
        said = {gender for alias in map(_past_ranks, aliases)
                if alias.split()[0].rstrip(".").lower() not in HONORIFICS
                and not (" " not in alias and alias in surnames)
                and (gender := first_name_gender(alias.split()[0])) is not None}
        if len(said) == 1:
            found[canonical] = said.pop()
    return found


# A name right after a preposition is an object; a pronoun after it is more often the subject's. PDNC
# cut into 2,000-word pieces, cold mode +8 lines (A Passage to India's Hamidullah was a woman in one)
_SUBORDINATE_BEFORE = re.compile(r"\b(?:when|while|after|before|until|till|since|because|though|although)\s+$")
_GOVERNED = re.compile(r"\b(?:" + "|".join(sorted(OBJECT_PREPOSITIONS)) + r")\s+$")


def decide_gender(votes: Counter[str], titled: set[Gender] | None = None) -> Gender:
    """A gender from pronoun votes: one title settles it; otherwise the leading pronoun
    wins if unopposed, or by at least two votes and half again as many as the other."""
    if titled and len(titled) == 1:
        return next(iter(titled))  # Mr. Woodhouse is a man, whatever follows
    if not votes:
        return "unknown"
    (top, n), *rest = votes.most_common()
    other = rest[0][1] if rest else 0
    decided = n >= 1 if other == 0 else n >= 2 and n >= 1.5 * other
    return top if decided else "unknown"  # type: ignore[return-value]

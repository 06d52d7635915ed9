"""The English the parser reads stories by: speech verbs, honorifics, pronouns, and words
that are never names. Plain data, shared by attribution (``parsing.py``) and by the naming
of characters (``naming.py``); none of it is specific to one story. Besides the data, the
helpers every module that scans text with these words uses to compile its fast patterns:
``starting_with``, ``opening_on`` and ``written_fast``."""

from __future__ import annotations

import re

from storycast.model import Gender, name_key

# Letters for the patterns that find names: Latin-1's accented ones too (Élodie, José, Zoë, Bjørn).
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"

STARTING_WITH: list[tuple[re.Pattern[str], int]] = []  # what starting_with compiled, and its lookahead's length


def starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern``, every match of which starts with one of the characters ``first`` (the
    inside of a character class), compiled behind a lookahead for them: the engine then passes
    over every other place in a text with one test, where it would try the whole pattern at
    each. The same matches (a test checks each such pattern against its bare self), two to
    three times as fast on a novel; the parser runs a dozen of them over every line."""
    ahead = f"(?=[{first}])"
    compiled = re.compile(ahead + pattern, flags)
    STARTING_WITH.append((compiled, len(ahead)))
    return compiled


FAST_FORMS: list[tuple[re.Pattern[str], str]] = []  # what written_fast compiled, and the plain pattern it stands for


def written_fast(pattern: str, *, plain: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern the parser runs over every line, rewritten to match exactly as ``plain`` does,
    faster: the common case first in an alternation, possessive repeats (``++``) where giving a
    character back could never make a match. A test checks each against its plain form, on
    the sample story and on generated text."""
    compiled = re.compile(pattern, flags)
    FAST_FORMS.append((compiled, plain))
    return compiled


def opening_on(pattern: str, *, plain: str) -> re.Pattern[str]:
    r"""A pattern run over a whole novel, written to open on its first character itself, with
    what must come before that character checked after it by a lookbehind one character longer
    (``[A-Z](?<!\w\w)`` for ``\b[A-Z]``). The engine skips in C to the next place such a
    character is written, which it cannot do past a lookahead as ``starting_with`` writes: two
    to three times as fast again where capitals are few. ``plain`` is the same pattern written
    the plain way (see ``written_fast``)."""
    return written_fast(pattern, plain=plain)


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
    cry explained ejaculated interposed rejoined pursued resumed returned continued expostulated simpered
    flashed saying calling crying asking replying exclaiming adding answering whispering muttering remarking
    observing continuing interrupting repeating shouting murmuring laughing sighing declaring spoke speak speaks
    assented asserted blustered entreated tell tells told panted hazarded speculated quavered
    remonstrated screeched reiterated affirmed besought interjected subjoined
    bawled howled boomed volunteered accosted addressed greeted
    rumble rumbled rumbles rasp rasped rasps wheeze wheezed croon crooned chirp chirped trill trilled intone
    intoned cooed gushed""".split()
)
# Speech verbs that are as often a gesture ("Catherine sighed."): a tag, but not proof that
# the quote before them is a different speaker's than the paragraph's.
GESTURE_VERBS = frozenset(
    """laugh laughed laughs sigh sighed sighs smile smiled grin grinned smirked shrugged nodded chuckle
    chuckled giggle giggled groan groaned gasp gasped sob sobbed moan moaned sneer sneered scoff scoffed
    thought wondered mused panted""".split()
)
# Verbs that are speech only with their particle: "Tom broke in", "put in Mrs. Jones".
PHRASAL_SPEECH: dict[str, frozenset[str]] = {
    **{verb: frozenset(("in", "out", "forth"))
       for verb in "put puts broke breaks burst bursts struck chimed chimes".split()},
    **{verb: frozenset(("out",)) for verb in "points pointed".split()},  # "Tom pointed out"
    **{verb: frozenset(("on",)) for verb in "went goes".split()},  # "so Alice went on eagerly:"
}
# Words that end a descriptive speaker ("said the old man to her"); never part of it.
DESCRIPTOR_STOP = frozenset(
    "to in at with from as and but who whose whom which that for of on into upon by after before while when "
    "again then once still quite very so too not "
    "had has have was were is are would could should will shall might must can may did does".split()  # verbs
)
# Head nouns of descriptive speakers that say the speaker's gender ("said the old lady").
DESCRIPTOR_GENDER: dict[str, str] = {
    **dict.fromkeys("lady woman girl mother aunt sister wife widow daughter queen duchess princess maid "
                    "matron hostess governess mistress landlady spinster grandmother niece witch sorceress "
                    "waitress actress heroine girlfriend bride nun empress countess baroness stepmother "
                    "granddaughter schoolgirl blonde brunette lass gal".split(), "she"),
    **dict.fromkeys("man gentleman boy fellow father uncle brother husband son king duke prince lad master "
                    "youth landlord grandfather nephew squire guy dude bloke chap wizard sorcerer boyfriend "
                    "bridegroom monk emperor baron stepfather grandson schoolboy widower blond brunet".split(), "he"),
}
# Gendered nouns that name a trade or a rank ("said the landlord", "said the duchess"): a person of
# their own, not an epithet of whoever of that gender is in mind, as "said the old man" may be
GENDERED_TRADES = frozenset(
    "queen duchess princess maid matron hostess governess landlady witch sorceress waitress actress nun "
    "empress countess baroness king duke prince landlord squire wizard sorcerer monk emperor baron".split())
# Nouns for a person that say no gender ("the nurse", "a stranger"): an unnamed speaker's, a newcomer's
UNGENDERED_PERSONS = ("stranger|person|figure|visitor|newcomer|servant|child|youth|kid|teenager|nurse|doctor|waiter"
                      "|barista|bartender|barkeep|clerk|guard|officer|soldier|driver|porter|receptionist|cook|chef"
                      "|teacher|student|priest|constable|cop|sailor|customer|passenger|neighbour|neighbor"
                      "|shopkeeper|attendant|messenger|courier|paramedic|pilot|steward|bouncer|cashier"
                      "|butler|valet|gardener|housekeeper|innkeeper|farmer|ensign|cadet|sergeant|lieutenant|corporal"
                      "|deputy|detective|inspector|medic|technician|mechanic|engineer")
UNGENDERED_PERSON_WORDS = frozenset(UNGENDERED_PERSONS.split("|"))
# Person words that say what someone does ("the nurse", "the landlord"): a speaker tagged once so is
# someone of their own, and a sentence opening on one is about them; not looks, age or a passing role
# ("the stranger", "the kid", "the customer"), as often an epithet of someone named
TRADE_WORDS = (GENDERED_TRADES | UNGENDERED_PERSON_WORDS) - frozenset(
    "stranger person figure visitor newcomer child kid teenager youth student customer passenger neighbour neighbor"
    .split())
# Beasts that talk in fables and children's stories ("said the fox", "The badger looked up at the
# crow."): in a story that names no one, one acting at speech is someone, as a person word is
CREATURES = frozenset("fox crow badger wolf bear rabbit hare owl mouse rat cat dog horse pig goose duck hen cockerel "
                      "rooster frog toad tortoise turtle lion tiger mole squirrel hedgehog weasel stoat otter raven "
                      "magpie sparrow robin eagle hawk snake dragon donkey goat sheep lamb cow bull ox monkey elephant "
                      "crocodile parrot beaver deer stag spider ant bee grasshopper caterpillar butterfly".split())
# Things that talk in a story (a ship's computer, a radio, a robot): what a tag calls so ("answered
# the computer") or a beat has acting ("The radio crackled again.") is no one else's epithet, as
# "said the old man" may be, so a character at once
MACHINES = frozenset("computer robot android droid machine terminal console intercom radio loudspeaker tannoy "
                     "recording answerphone satnav".split())
# Someone known by whose they are: "Chidi's mother", "Tom's girlfriend" (the owner, then the noun)
OWNED_PERSON = re.compile(r"(.*\w)['\u2019]s ([a-z]+)")
# What a character does a beat with: "Nora's eyes narrowed." is Nora's beat ("Nora's father
# sighed." is not: a relative is someone else).
ACTING_PARTS = frozenset(
    "eyes face voice tone lips mouth jaw gaze expression smile grin brow brows eyebrows head heart hand hands "
    "fingers shoulders cheeks chin throat nose nostrils lip forehead fist ears whiskers".split()
)
KIN_SHARING_SURNAME = frozenset("sister brother daughter son".split())
KIN_BY_TITLE = {"wife": "mrs", "mother": "mrs", "husband": "mr", "father": "mr"}  # his wife: Mrs. <his surname>
ANAPHORIC_DESCRIPTORS = frozenset("other others another former latter first second last same one two both".split())
NUMBER_WORDS = frozenset(  # "Three," said the old woman: a price, not someone called Three
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand".split())
NOUN_DETERMINERS = frozenset("the a an of his her their its my your our this that these those no".split())
# "which they called "the bad weather"": naming, not speaking, when no comma comes first.
NAMING_VERBS = frozenset("call calls called calling name names named dub dubbed term termed".split())
QUOTED_PHRASE_NOUNS = frozenset("word words phrase expression term name title motto sentence line".split())
# Reported speech in quotation marks speaks of everyone in the third person and in the past:
# "He must be going. He had business at the Crown": what speaks of me or you is said in its own words.
FIRST_SECOND_PERSON = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves thee thou thy ye".split())
THIRD_PERSON = frozenset("he she him her his hers himself herself they them their theirs themselves".split())
REPORTING_AUXILIARIES = frozenset("had was were would could should might".split())
VERB_PARTICLES = frozenset("out up in back again aloud".split())
SUBJECT_PRONOUNS: dict[str, Gender | None] = {"he": "male", "she": "female", "i": None}
_HONORIFIC_GENDER_AS_WRITTEN: dict[str, Gender] = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "master": "male", "monsieur": "male",
    "herr": "male", "m": "male", "signor": "male", "señor": "male", "father": "male",
    "uncle": "male", "king": "male", "prince": "male", "duke": "male", "count": "male", "baron": "male",
    "brother": "male", "rev": "male", "reverend": "male",
    "mrs": "female", "miss": "female", "ms": "female", "lady": "female", "madam": "female",
    "madame": "female", "mme": "female", "mlle": "female", "mademoiselle": "female", "frau": "female",
    "fräulein": "female", "señora": "female", "señorita": "female",
    "signora": "female", "mother": "female", "aunt": "female",
    "queen": "female", "princess": "female", "duchess": "female", "countess": "female", "baroness": "female",
    "sister": "female", "dame": "female", "mistress": "female",
}
# ... and each accented title as typed without its accent too ("senor", "fraulein"): lookups lower-case
# a title but do not fold its accents
HONORIFIC_GENDER: dict[str, Gender] = {**_HONORIFIC_GENDER_AS_WRITTEN,
                                       **{name_key(t): g for t, g in _HONORIFIC_GENDER_AS_WRITTEN.items()}}
# The words a family calls each of its elders by ("Mum" for "their mother", "Gran" for "her
# grandmother"): how a story that never names them still says whom "their mother said" means.
FAMILY_WORDS: dict[str, frozenset[str]] = {
    "mother": frozenset("mother mum mom mummy mommy mama mamma ma".split()),
    "father": frozenset("father dad daddy papa pa pop".split()),
    "grandmother": frozenset("grandmother gran granny grandma nana nan".split()),
    "grandfather": frozenset("grandfather grandpa grandad granddad gramps".split()),
}
FAMILY_RELATION = {word: relation for relation, words in FAMILY_WORDS.items() for word in words}
# What families call their own ("Dad said", "asked Grandma"): a name that says its gender ("Mother"
# and "Father" are titles as well: KIN_TITLES).
_ELDER_GENDER: dict[str, Gender] = {"father": "male", "grandfather": "male",
                                    "mother": "female", "grandmother": "female"}
FAMILY_NAME_GENDER: dict[str, Gender] = {word: gender for relation, gender in _ELDER_GENDER.items()
                                         for word in sorted(FAMILY_WORDS[relation] - {"father", "mother"})}
# A title spoken of as a style: "asked her ladyship" is the Lady in mind, "his lordship" the Lord.
TITLE_STYLES = {"ladyship": "lady", "lordship": "lord"}
# ... and the titles whose holder a style calls: "Yes, Your Majesty." to the one king or queen
STYLE_HOLDERS: dict[str, tuple[str, ...]] = {"majesty": ("king", "queen"), "highness": ("prince", "princess"),
                                             "lordship": ("lord",), "ladyship": ("lady",), "grace": ("duke", "duchess"),
                                             "honour": ("judge", "magistrate"), "honor": ("judge", "magistrate")}
KIN_TITLES = frozenset("mother father aunt uncle".split())  # "Mother called from the landing", "Yes, father."
# How a court calls its betters ("Majesty", "Highness", "Sire"): whoever holds the rank, no name; and the
# styles that are such only after "your" ("Your Grace", "Your Honour": Grace alone is a woman's name).
STYLES_OF_ADDRESS = frozenset("majesty highness excellency lordship ladyship eminence holiness sire liege".split())
OWNED_STYLES_OF_ADDRESS = STYLES_OF_ADDRESS | frozenset("grace honour honor worship".split())
# Lower-case words inside a name: "Madame de Chevreuse", "Lady Catherine de Bourgh", "Ludwig van Beethoven"
NAME_PARTICLES = frozenset("de du des di da del della van von der den ter ten le la".split())
# Ranks as written short, and the rank each stands for: "DS Walsh" is a sergeant (not "Di" or "Col",
# who are as often people: "said Di")
_SHORT_RANKS = {"sgt": "sergeant", "lt": "lieutenant", "capt": "captain", "cmdr": "commander", "insp": "inspector",
                "det": "detective", "supt": "superintendent", "dci": "inspector", "ds": "sergeant",
                "dc": "constable", "pc": "constable"}
NEUTRAL_HONORIFICS = frozenset(
    "dr doctor professor prof inspector sergeant detective officer judge dean saint st "
    "colonel captain major general lieutenant commander admiral constable superintendent "
    "sheriff marshal deputy coach agent senator governor mayor president chancellor pastor rabbi corporal "
    "ensign nurse chief".split()
) | _SHORT_RANKS.keys()
HONORIFICS = frozenset(HONORIFIC_GENDER) | NEUTRAL_HONORIFICS
# One title written two ways: "Doctor" calls Dr. Watson, "the Professor" is Prof. Godbole.
TITLE_SPELLINGS = {"dr": "doctor", "prof": "professor", "st": "saint", "m": "monsieur", "mme": "madame",
                   "mlle": "mademoiselle", **_SHORT_RANKS}
# Capitalised words that start sentences or quotes but are never names.
NOT_NAMES = frozenset(
    """i oh ah yes no well why what how who where when then there here now so but and or if my dear good
    very indeed perhaps come look please thank thanks nay aye alas hush hey hello ay o nothing nobody
    something everything everyone anybody somebody someone anyone mine yours his hers its our ours their theirs this
    that these those it he she we they you me him her us them the a an one all both each every some
    another other such either neither several many few most any none not never only just still yet even
    also too quite rather after before since while though although because unless until as at by for from
    in into of on to with without upon about above below under over again once twice first last next
    poor little great old young dear god heaven
    lord sir madam mr mrs miss ms dr meanwhile afterwards instead presently suddenly besides however
    therefore nevertheless otherwise somehow sometimes thus hence across behind beneath beside beyond
    between inside outside through throughout toward towards within along among around against during
    despite near underneath later soon finally eventually tonight today tomorrow yesterday always
    somewhere anywhere everywhere nowhere elsewhere nearby downstairs upstairs overhead ahead
    hi hiya bye goodbye goodnight morning okay ok yeah yep yup nope sorry sure right wait listen stop hmm
    um uh er wow damn cheers congratulations welcome
    whatever whereas whenever wherever whoever whichever whilst lest
    gawd lawd lor thank'ee
    pray hullo hallo halloa psha pshaw bah humph hark yea ahoy hurrah huzzah bravo fie tush tut egad
    zounds alack heigh eh
    copy affirmative negative mayday wilco understood
    esquire esq""".split()  # (dialect spellings of god, lord, thank you; then interjections; then a radio's
    # words: "Copy, Four. What have you got?"; then the style after a name: "James Harthouse, Esquire")
)
# Words for a people or a country's things ("British officialism", "Italian"), capitalised in English
# but no one's name on their own (a character described so is "the Indian", read as a description;
# not Christian or Roman, which are given names too)
DEMONYMS = frozenset(
    """british english french german italian spanish russian american indian irish scotch scottish welsh
    dutch swiss greek european asian african chinese japanese persian turkish arab arabian egyptian
    hindu moslem muslim jewish catholic protestant anglo anglican austrian belgian danish swedish
    norwegian polish portuguese hungarian mexican canadian australian eurasian oriental""".split()
)
# Days, months and feasts, capitalised but no one's name unless a tag makes them one ("said
# Friday"); April, May, June and August are given names too.
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march july september
    october november december christmas easter michaelmas whitsun whitsuntide lent advent""".split()
)
# What a capital does not make a name unless a tag does (the two lists, one lookup on a hot path)
UNTAGGED_NON_NAMES = DEMONYMS | CALENDAR_WORDS | NUMBER_WORDS
CONJUNCTIONS = frozenset("and but then so now still yet presently suddenly finally".split())  # and "at last"

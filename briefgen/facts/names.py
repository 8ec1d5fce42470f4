"""Word lists and string rules for names: cleaning, transliteration, who can be whom.

Pure functions over strings, shared by the story pass and the edition pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from briefgen.text.abbreviations import ADDRESS
from briefgen.text.claims import NAME_SUFFIXES as NAME_SUFFIXES  # one list; facts read it as names.NAME_SUFFIXES
from briefgen.text.places import PLACE_ABBREVIATIONS as PLACE_ABBREVIATIONS
from briefgen.text.places import STATE_CODES as STATE_CODES
from briefgen.text.speech import SPEECH as SPEECH  # one list; facts read it as names.SPEECH

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "PRODUCT": "PRODUCT", "WORK_OF_ART": "PRODUCT"}
#: Tie order when NER votes split evenly (spaCy calls towns ORG more often than the reverse).
PREFERENCE = ("PERSON", "PLACE", "ORG", "VESSEL", "PRODUCT")
TYPES = ("PERSON", "ORG", "PLACE", "VESSEL", "PRODUCT")
#: The last word of a name that says what it is, whatever NER voted: 'Emory University', 'Lehigh County'.
ORG_HEADS = frozenset(
    {
        "university",
        "college",
        "institute",
        "school",
        "academy",
        "hospital",
        "association",
        "society",
        "council",
        "committee",
        "commission",
        "department",
        "ministry",
        "agency",
        "bank",
        "foundation",
        "church",
        "court",
        "police",
        "party",
        "corporation",
        "company",
        "inc",
        "corp",
        "club",
        "union",
        "board",
        "authority",
        "network",
        "times",
        "post",
        "news",
        "press",
        "airlines",
        "airways",
        "motors",
        "group",
        "holdings",
        "administration",
        "bureau",
        "office",
        "service",
        "fund",
        "trust",
        "league",
        "federation",
        "organization",
        "organisation",
        "center",
        "centre",
        "museum",
        "library",
        "studios",
        "records",
        "magazine",
        "journal",
    }
)
PLACE_HEADS = frozenset(
    {
        "county",
        "township",
        "city",
        "province",
        "island",
        "islands",
        "valley",
        "river",
        "lake",
        "bay",
        "mountain",
        "mountains",
        "peninsula",
        "desert",
        "sea",
        "ocean",
        "coast",
        "district",
        "region",
        "village",
        "borough",
        "parish",
        "canyon",
        "glacier",
        "strait",
        "gulf",
        "falls",
        "springs",
        "heights",
        "hills",
        "hill",
        "park",
    }
)
ORG_SUFFIXES = frozenset({"group", "pmc", "inc", "corp", "corporation", "ltd", "co", "company", "llc", "plc"})
#: Words of address and honorifics before a person's name ("Mr.", "Dr.", "Dame"): a person's, not a role.
HONORIFICS = ADDRESS | {"sir", "dame"}
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "its", "their"})
TITLES = frozenset(
    {
        "president",
        "minister",
        "leader",
        "chief",
        "head",
        "ceo",
        "founder",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "mayor",
        "general",
        "commander",
        "premier",
        "king",
        "queen",
        "prince",
        "senator",
        "ambassador",
        "envoy",
        "official",
        "deputy",
        "adviser",
        "advisor",
        "judge",
        "prosecutor",
        "editor",
        "owner",
        "boss",
        "manager",
        "chancellor",
        "lawmaker",
        "officer",
        "executive",
        "colonel",
        "lieutenant",
        "captain",
        "admiral",
        "marshal",
        "coach",
        "gm",
        "lawyer",
        "attorney",
        "constable",
        "sergeant",
        "detective",
        "inspector",
        "sheriff",
        "rep",
        "sen",
        "gov",
        "representative",
        "congressman",
        "congresswoman",
        "superintendent",
        "commissioner",
        "dr",
        "professor",
        "prof",
        "rev",
        "reverend",
        "bishop",
        "pope",
        "cardinal",
        "ada",
        "da",
        "agent",
        "actress",
        "actor",
        "singer",
        "publicist",
        "spokesmen",
        "player",
        "pitcher",
        "baseman",
        "outfielder",
        "shortstop",
        "catcher",
        "forward",
        "guard",
        "center",
        "boxer",
        "champion",
        "challenger",
        "trainer",
        "promoter",
        "analyst",
        "columnist",
        "reporter",
        "correspondent",
        "producer",
        "writer",
        "star",
        "sir",
        "dame",
        "lord",
        "lady",
        "vice",
        "assistant",
        "acting",
        "former",
        "interim",
        "new",
        "veteran",
    }
)
#: Words before a name that only people carry ('pin-up queen Bettie Page', 'author Stephenie Meyer').
PERSON_TITLES = (
    TITLES
    - {
        "head",
        "general",
        "star",
        "center",
        "guard",
        "forward",
        "new",
        "former",
        "acting",
        "interim",
        "veteran",
        "vice",
        "assistant",
        "owner",
        "official",
    }
) | {"author", "novelist", "model", "icon", "filmmaker", "actress", "poet", "artist", "comedian", "rapper", "musician"}
#: Nouns beside a name that say it is a person's, though they are no role ('Amber Pasztor, the woman who ...').
PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "person", "teenager", "teen", "gentleman", "toddler"})
KIN = frozenset(
    {
        "husband",
        "wife",
        "son",
        "daughter",
        "brother",
        "sister",
        "father",
        "mother",
        "friend",
        "boyfriend",
        "girlfriend",
        "partner",
        "fiance",
        "fiancee",
        "uncle",
        "aunt",
        "cousin",
        "nephew",
        "niece",
        "grandson",
        "granddaughter",
        "child",
    }
)
#: One-word "names" that NER takes for organisations: time zones, boxing results.
JUNK_NAMES = frozenset({"gmt", "bst", "est", "edt", "pst", "pdt", "cst", "cdt", "ist", "utc", "cet", "ko", "tko", "ap", "afp"})
#: Titles that name the same kind of post, so "the Belarusian leader" can be "Belarusian President X".
TITLE_CLASSES = (
    frozenset(
        {
            "leader",
            "president",
            "head",
            "chief",
            "boss",
            "premier",
            "chairman",
            "chairwoman",
            "chair",
            "ruler",
            "dictator",
            "king",
            "queen",
            "founder",
            "owner",
            "ceo",
        }
    ),
    frozenset({"minister", "secretary"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    frozenset({"coach", "manager", "trainer"}),
    frozenset({"lawyer", "attorney", "counsel"}),
)
#: The posts and people of a sports side that its name stands before ("Southampton manager Harry Redknapp",
#: "Newcastle's striker", "Chelsea fans"): a town's or a country's name there is its club's or its team's, which
#: NER calls a place (BBC sport of 2004-2005, unseen: Southampton, Newcastle and Birmingham typed as places). Chosen by
#: hand from the posts of football, rugby and cricket sides; not "player" or "chairman", which other bodies have, nor
#: "centre", "wing" or "lock" ("a Birmingham centre").
TEAM_ROLES = frozenset(
    {
        "manager",
        "boss",
        "coach",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "keeper",
        "winger",
        "captain",
        "skipper",
        "squad",
        "fans",
        "supporters",
        "playmaker",
        "batsman",
        "bowler",
        "fly-half",
        "scrum-half",
        "flanker",
        "full-back",
    }
)
#: Nouns before or beside a name that make it an organisation or a place, whatever NER said.
ORG_NOUNS = frozenset(
    {
        "regulator",
        "agency",
        "company",
        "firm",
        "group",
        "network",
        "newspaper",
        "daily",
        "broadcaster",
        "channel",
        "party",
        "club",
        "team",
        "bank",
        "ministry",
        "watchdog",
        "organisation",
        "organization",
        "outlet",
        "website",
        "site",
        "magazine",
        "paper",
        "station",
        "airline",
        "carrier",
        "band",
        "brand",
        "maker",
        "manufacturer",
        "retailer",
        "publisher",
        "studio",
        "union",
        "charity",
        "foundation",
        "institute",
        "university",
        "college",
        "school",
        "hospital",
        "clinic",
        "facility",
        "court",
        "council",
        "committee",
        "commission",
        "service",
        "tabloid",
        "show",
        "program",
        "programme",
        "franchise",
        "cooperative",
        "co-op",
        "corporation",
        "creamery",
        "dairy",
        "business",
        "enterprise",
        "label",
        "chain",
        "store",
        "restaurant",
    }
)
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "province",
        "district",
        "capital",
        "county",
        "neighborhood",
        "neighbourhood",
        "suburb",
        "island",
        "country",
        "state",
        "street",
        "road",
        "avenue",
        "area",
        "port",
        "republic",
        "enclave",
        "territory",
        "borough",
    }
)
PLACE_SUFFIXES = frozenset({"road", "street", "avenue", "boulevard", "lane", "drive", "square", "bridge", "highway", "st", "ave", "rd"})
#: "in Ashgabat": a name governed by one of these is a place even when NER said person.
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "throughout", "around"})
#: Nouns beside a name that make it a ship ("the battleship Musashi", "its sister-ship the Yamato").
VESSEL_NOUNS = frozenset(
    {
        "ship",
        "battleship",
        "warship",
        "vessel",
        "destroyer",
        "frigate",
        "cruiser",
        "submarine",
        "yacht",
        "tanker",
        "freighter",
        "ferry",
        "trawler",
        "liner",
        "steamer",
        "schooner",
        "corvette",
    }
)
#: Nouns beside a name that make it a work ("the movie Jurassic Park", "Infamous, the album", "the book JonBenét"):
#: chosen by hand from the kinds of work news names (a product or work, names.LABELS); the genres ('TV drama Baretta')
#: added after a judged box typed a series a body. Not newspapers and magazines
#: (ORG_HEADS: their names are bodies), nor 'program' ('the Medicare program' is no work).
WORK_NOUNS = frozenset(
    {
        "film",
        "movie",
        "show",
        "series",
        "miniseries",
        "sitcom",
        "drama",
        "comedy",
        "thriller",
        "soap",
        "documentary",
        "album",
        "song",
        "book",
        "novel",
        "memoir",
        "musical",
        "opera",
        "play",
        "poem",
        "painting",
        "game",
        "videogame",
        "app",
        "podcast",
        "franchise",
        "sequel",
        "remake",
    }
)
#: First words that make a name a place's: "Mount Shishapangma", "Lake Tahoe", "Fort Wayne", "Cape Cod" (a kind of
#: place before the name, as PLACE_HEADS after it; a body's last word still says body: "Mount Sinai Hospital").
PLACE_PREFIXES = frozenset({"mount", "mt", "lake", "fort", "ft", "cape"})
#: Plural last words of places' names ('United States', 'Virgin Islands', 'Great Lakes', 'Florida Keys', 'Swiss Alps'):
#: chosen by hand from the plural kinds of place and the ranges and isles named by a plural; any other plural last
#: word names a team, an award or a group ('Pittsburgh Pirates', 'Golden Globes').
PLACE_PLURALS = frozenset(
    {
        "states",
        "islands",
        "isles",
        "keys",
        "lakes",
        "mountains",
        "hills",
        "heights",
        "highlands",
        "falls",
        "springs",
        "plains",
        "banks",
        "woods",
        "territories",
        "provinces",
        "emirates",
        "gardens",
        "cities",
        "alps",
        "andes",
        "hebrides",
        "antilles",
    }
)
#: Words that make a name a ship's: "INS Mysore", "the Indian Naval Ship Sukanya".
VESSEL_PREFIXES = frozenset({"ins", "mv", "m/v", "m.v.", "uss", "hms", "rv", "fv", "hmas", "hmcs", "ship", "warship"})
#: A capitalised one-word org that means the one "X <word>" of the story: "the Navy" = "Indian Navy".
GENERIC_ORGS = frozenset(
    {
        "navy",
        "army",
        "ministry",
        "police",
        "government",
        "party",
        "court",
        "council",
        "agency",
        "commission",
        "committee",
        "department",
        "university",
        "board",
        "bank",
        "union",
        "federation",
        "league",
        "bureau",
        "guard",
        "parliament",
        "cabinet",
        "administration",
        "senate",
        "assembly",
        "office",
        "service",
        "force",
        "forces",
        "club",
        "team",
    }
)
ABBREVIATED_PLACES = re.compile(r"^(?:U\.? ?S\.?|U\.? ?K\.?|E\.? ?U\.?|U\.? ?N\.?)(?:\s|$)")
NAME_PARTICLES = frozenset({"de", "van", "von", "da", "di", "al", "el", "bin", "ibn", "le", "la", "du", "del", "der", "ten", "ter", "dos"})
#: The edition pass asks about the same few thousand names over and over; the rules are pure.
_MEMO = 1 << 17
_HONORIFIC = re.compile(r"^(?:the|mr|mrs|ms|dr)\.?\s+", flags=re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_NOT_LETTER = re.compile(r"[^a-z]")
_Y_VOWEL = re.compile(r"^y(?=[eu])")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=_MEMO)
def as_name(text: str) -> str:
    """Mention text as a name: no leading 'the' or 'Mr', no possessive, one space between words."""
    text = " ".join(text.split()).strip(" ,;:()[]\"“”‘'")
    text = _HONORIFIC.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" ,;:-–—'’")


@lru_cache(maxsize=_MEMO)
def skel(word: str) -> str:
    """A transliteration skeleton, so Aleksandr/Alexander or Yevgeny/Evgeniy compare alike."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().casefold()
    w = _NOT_LETTER.sub("", w).replace("x", "ks").replace("kh", "h").replace("ph", "f").replace("dh", "d")  # Gadhafi/Gaddafi
    w = _Y_VOWEL.sub("", w).replace("y", "i").replace("w", "v").replace("j", "i")
    return _DOUBLED.sub(r"\1", w)


@lru_cache(maxsize=_MEMO)
def strip_words(key: str, suffixes: frozenset[str], keep: int) -> tuple[str, ...]:
    words = [w.strip(".,") for w in key.split()]
    while len(words) > keep and words[-1] in suffixes:
        words.pop()
    return tuple(words)


@lru_cache(maxsize=_MEMO)
def surname(key: str) -> str:
    return skel(strip_words(key, NAME_SUFFIXES, 1)[-1])


def first_name(key: str) -> str:
    return skel(key.split()[0])


#: English given names' short forms that share no beginning with the name they stand for (those that do, "Ben" of
#: "Benjamin", "Sam" of "Samuel", are one name already by ``_same_given``), written from common usage and kept to short
#: forms that stand for these names almost only: 'Chuck Schumer' is Charles E. Schumer, 'Liz Cheney' Elizabeth Cheney,
#: 'Mike Bloomberg' Michael Bloomberg (each once two boxes in one story of the development sets). Not 'Jack' (a name of
#: its own as often as John's), 'Sandy', 'Sasha' or 'Bert' (short for several), nor the forms only a family uses.
HYPOCORISMS = {
    "abe": ("abraham",),
    "andy": ("andrew",),
    "becky": ("rebecca",),
    "beth": ("elizabeth",),
    "betsy": ("elizabeth",),
    "betty": ("elizabeth",),
    "bill": ("william",),
    "billy": ("william",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "cathy": ("catherine", "cathleen"),
    "chuck": ("charles",),
    "cindy": ("cynthia",),
    "dave": ("david",),
    "debbie": ("deborah", "debra"),
    "dick": ("richard",),
    "drew": ("andrew",),
    "eddie": ("edward",),
    "gabe": ("gabriel",),
    "gene": ("eugene",),
    "hank": ("henry",),
    "jenny": ("jennifer",),
    "jerry": ("gerald", "jerome"),
    "jim": ("james",),
    "jimmy": ("james",),
    "joe": ("joseph",),
    "joey": ("joseph",),
    "kathy": ("katherine", "kathleen"),
    "larry": ("lawrence", "laurence"),
    "liz": ("elizabeth",),
    "maggie": ("margaret",),
    "mandy": ("amanda",),
    "mike": ("michael",),
    "mikey": ("michael",),
    "nate": ("nathan", "nathaniel"),
    "nick": ("nicholas", "nicolas"),
    "patty": ("patricia",),
    "peggy": ("margaret",),
    "rick": ("richard",),
    "ricky": ("richard",),
    "steve": ("stephen", "steven"),
    "sue": ("susan",),
    "ted": ("edward", "theodore"),
    "teddy": ("edward", "theodore"),
    "tom": ("thomas",),
    "tommy": ("thomas",),
    "tony": ("anthony",),
    "vicky": ("victoria",),
    "zack": ("zachary",),
}


def _both_ways(table: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """A table of short forms as ``skel`` forms, both ways: each form -> the forms it can be one name with."""
    out: dict[str, set[str]] = {}
    for short, names in table.items():
        for name in names:
            out.setdefault(skel(short), set()).add(skel(name))
            out.setdefault(skel(name), set()).add(skel(short))
    return {k: frozenset(v) for k, v in out.items()}


_SHORT_FORMS = _both_ways(HYPOCORISMS)


def _same_given(a: str, b: str) -> bool:
    fa, fb = skel(a), skel(b)
    if not fa or not fb:
        return True
    if min(len(a.strip(".")), len(b.strip("."))) == 1:
        return fa[0] == fb[0]
    if fb in _SHORT_FORMS.get(fa, ()):
        return True  # Chuck, Charles
    if fa.endswith("a") != fb.endswith("a"):  # Alexandra is not Alexander
        return False
    if min(len(fa), len(fb)) >= 3 and (fa.startswith(fb) or fb.startswith(fa)):
        return True  # Sam, Samuel
    return fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.8


@lru_cache(maxsize=_MEMO)
def same_person(a: str, b: str) -> bool:
    """Same surname and compatible first names (equal, an initial, or a transliteration);
    'H. Dale Hall' is Dale Hall."""
    if surname(a) != surname(b):
        return False
    ga, gb = strip_words(a, NAME_SUFFIXES, 1)[:-1], strip_words(b, NAME_SUFFIXES, 1)[:-1]
    if not ga or not gb or _same_given(ga[0], gb[0]):
        return True
    return (len(ga) > 1 and len(ga[0].strip(".")) == 1 and _same_given(ga[1], gb[0])) or (
        len(gb) > 1 and len(gb[0].strip(".")) == 1 and _same_given(gb[1], ga[0])
    )


def misspelt(a: str, b: str) -> bool:
    """Klistchko for Klitschko: one long word spelt nearly alike."""
    sa, sb = skel(a), skel(b)
    return min(len(sa), len(sb)) >= 7 and sa[0] == sb[0] and SequenceMatcher(None, sa, sb).ratio() >= 0.85


#: The story's one country under its several names: 'U.S.', 'US', 'United States', 'America' (cluster.py joins those a
#: story uses). 'America' alone is the country in news; the continents are 'North America', 'Latin America'.
ONE_COUNTRY = frozenset({"u.s.", "u.s", "us", "usa", "u.s.a.", "united states", "united states of america", "america"})
#: Endings that make a place's adjective from its name, the name's last vowel dropped: Malaysia -> Malaysian,
#: Canada -> Canadian, China -> Chinese, Israel -> Israeli, America -> American (the regular forms; irregular
#: ones such as French, Dutch, Swiss are not folded).
_ADJECTIVE_ENDINGS = ("n", "an", "ian", "ese", "i")
_VERSION = re.compile(r"^(?:\d+(?:\.\d+)*|[ivx]{1,4})$")


def adjective_of(adj: str, place: str) -> bool:
    """'malaysian' is the adjective of 'malaysia' (casefolded single words)."""
    stem = place[:-1] if place[-1:] in "aeiouy" else place
    return len(stem) >= 4 and adj != place and adj.startswith(stem) and adj[len(stem) :] in _ADJECTIVE_ENDINGS


#: Kinds of body written in several words, which a short form leaves out as it does one of ORG_HEADS: the 'Fifth
#: Circuit' is the 'Fifth Circuit Court of Appeals'. Only these: a head with any 'of' phrase names a part of a body
#: ('White House' and the 'White House Office of Legislative Affairs', which the tuning data had as two).
HEAD_PHRASES = frozenset({"court of appeals", "court of appeal"})


def short_form(short: str, long: str) -> str:
    """How ``long`` names more fully what ``short`` names ('' when it does not): its leading words followed by one kind
    of body ('interior' of 'interior department', 'fifth circuit' of 'fifth circuit court of appeals': "head"), an 'of'
    phrase ('house' of 'house of representatives': "of") or a version ('windows' of 'windows 8': "version"). A tail is
    another thing: 'house' is not 'white house'."""
    s, lw = short.split(), long.split()
    if len(lw) <= len(s) or lw[: len(s)] != s:
        return ""
    tail = lw[len(s) :]
    if len(tail) == 1 and tail[0].strip(".") in ORG_HEADS:
        return "head"
    if len(tail) >= 2 and tail[0] == "of":
        return "of"
    if " ".join(tail) in HEAD_PHRASES:  # 'fifth circuit' of 'fifth circuit court of appeals'
        return "head"
    return "version" if len(tail) == 1 and _VERSION.match(tail[0]) else ""


#: Small words an acronym leaves out: 'FBI' of 'Federal Bureau of Investigation'.
ACRONYM_SMALL = frozenset({"of", "the", "and", "for", "&", "on", "in", "de"})


def initials(name: str, small: frozenset[str] = ACRONYM_SMALL) -> str:
    """The first letters of a name's words, casefolded, hyphenated parts apart and ``small`` words left out: 'fbi'
    of 'Federal Bureau of Investigation'. '' unless two or more words remain, all of letters only."""
    words = [w for w in name.casefold().replace("-", " ").split() if w not in small]
    return "".join(w[0] for w in words) if len(words) >= 2 and all(w.isalpha() for w in words) else ""


#: Ordinal words as figures, so one body written both ways is one name: 'Fifth Circuit' and '5th Circuit', 'Second
#: Fleet' and '2nd Fleet'. First to twentieth: news writes higher ordinals (districts, precincts) as figures already.
ORDINALS = dict(
    zip(
        (
            *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
            *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth"),
            *("nineteenth", "twentieth"),
        ),
        [f"{i}{'th' if 10 <= i % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(i % 10, 'th')}" for i in range(1, 21)],
        strict=True,
    )
)
#: The country's abbreviation in a body's name, which writers put in or leave out: '5th U.S. Circuit Court of Appeals'
#: is the 'Fifth Circuit Court of Appeals', 'US Food and Drug Administration' the 'Food and Drug Administration'. As the
#: first word only when two words or more remain: 'U.S. Army' beside 'Army' could be another country's ('the Navy' is
#: the story's one 'X Navy' by cluster.py's own rule).
COUNTRY_WORD = "us"
#: An acronym written with points ('u.n.', 'u.s', 'f.b.i.'), which writers also write without them.
_POINTED = re.compile(r"^(?:[a-z]\.){1,}[a-z]?\.?$")


#: Kinds of a government's body that news names both ways: 'Department of Labor' and 'Labor Department', 'Ministry of
#: Defence' and 'Defence Ministry' (chosen by hand: the two ways are one body; 'Bank of America' is no 'America Bank').
DEPARTMENTS = frozenset({"department", "ministry"})


@lru_cache(maxsize=_MEMO)
def body_key(key: str) -> str:
    """A body's casefolded name as one spelling: an acronym without its points, ordinal words as figures, the
    country's abbreviation left out (ORDINALS, COUNTRY_WORD), and a department 'of' its field written as the field's
    department ('department of justice' is 'justice department'; DEPARTMENTS), when the field holds no other kind of
    body ('Department of Justice Office of ...' stays)."""
    words = [ORDINALS.get(w, w.replace(".", "") if _POINTED.match(w) else w) for w in key.split()]
    lead = words[0] == COUNTRY_WORD and len(words) >= 3
    words = [w for i, w in enumerate(words) if w != COUNTRY_WORD or (i == 0 and not lead)]
    if len(words) >= 3 and words[0] in DEPARTMENTS and words[1] == "of" and not set(words[2:]) & ORG_HEADS:
        words = [*words[2:], words[0]]
    return " ".join(words)


def org_key(key: str) -> str:
    """A body's name as one spelling (``body_key``) without its suffix: 'wagner group' and 'wagner' are 'wagner'."""
    return " ".join(strip_words(body_key(key), ORG_SUFFIXES, 0))


def vessel_key(key: str) -> str:
    """'ins mysore' and 'indian naval ship mysore' -> 'mysore'; '' when no ship prefix."""
    words = key.split()
    last = max((i for i, w in enumerate(words[:-1]) if w in VESSEL_PREFIXES), default=-1)
    return " ".join(words[last + 1 :]) if last >= 0 else ""


def top(votes: Counter[str]) -> str:
    best = max(votes.values(), default=0)
    return next((label for label in PREFERENCE if best and votes[label] == best), "")


def title_class(word: str) -> frozenset[str]:
    word = word.casefold()
    return next((c for c in TITLE_CLASSES if word in c), frozenset({word}))

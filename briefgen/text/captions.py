"""Picture captions that carry no credit: "Armed men take cover behind an armored vehicle".

A caption with a credit or a wire date ("(AP Photo/...)", "Tuesday, May 2, 2017") is furniture
(text/lines.py ``FURNITURE``). Without one, a caption is still told by its grammar: it describes
what a picture shows, in the simple present, with a verb of posture or action ("stand", "walk",
"hold", "take cover"), standing alone in its paragraph; or it places people in the frame with
"(L)", "(R)", "(C)"; or it ends on the picture's place and date ("... in Paris, April 22, 2015.").
News written in the present ("The company makes three quarters of its revenue ...", "Gosnell
still faces charges", "Officials hope ...") uses other verbs, and is kept. Summaries and titles
both leave captions out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from briefgen.models import Sentence
from briefgen.text.dates import DAY_NAME, MONTH
from briefgen.text.lines import FURNITURE
from briefgen.text.screen import Screen

#: Whether a text holds furniture: ``FURNITURE.search(text) is not None``, answered sooner (text/screen.py).
has_furniture = Screen(FURNITURE)

#: Verbs of posture and visible action that captions describe a picture with (lemmas). A closed
#: list of what photographs show, from captions seen in news text; reporting, mental and
#: stative verbs ("says", "hopes", "faces", "makes") are not in it.
POSE_VERBS = frozenset(
    {
        "stand",
        "sit",
        "walk",
        "look",
        "hold",
        "take",
        "patrol",
        "gather",
        "wait",
        "arrive",
        "pose",
        "attend",
        "watch",
        "ride",
        "carry",
        "march",
        "kneel",
        "mourn",
        "react",
        "embrace",
        "hug",
        "pray",
        "celebrate",
        "shout",
        "chant",
        "guard",
        "inspect",
        "gesture",
        "wave",
        "smile",
        "sing",
        "burn",
        "rise",
        "lie",
        "lay",
        "stare",
        "greet",
        "shake",
        "speak",
        "listen",
        "sign",
        "protest",
        "demonstrate",
        "rally",
        "clean",
        "search",
        "survey",
        "view",
        "leave",
        "enter",
        "cross",
        "line",
        "queue",
        "play",
        "perform",
        "dance",
        "cheer",
        "weep",
        "cry",
        "grieve",
        "light",
        "place",
        "remove",
        "fly",
        "flee",
        "run",
        "push",
        "pull",
        "help",
        "rescue",
        "evacuate",
        "work",
        "examine",
        "display",
        "wear",
        "raise",
        "block",
        "clash",
        "throw",
        "fire",
        "aim",
        "point",
        "hang",
        "crowd",
        "fill",
        "sweep",
        "dig",
        "drive",
        "board",
    }
)
#: People placed in the frame: "Francois Hollande (R) speaks with ...".
_PLACED = re.compile(r"\((?:L|R|C)\)\s(?=[a-z])|\((?:left|right|center|centre|top|bottom|front|back)\)")  # not "Rick Perry (R), a ..."
#: A picture's place and date closing a caption with no preposition before the date, as captions write them and news
#: prose does not ("... in Caracas, Venezuela May 15, 2018"; prose says "on May 15, 2018"), in any tense.
PLACE_DATE = re.compile(rf"\b(?!{DAY_NAME}\b)[A-Z][a-z]+(?:,\s|\s)(?:{DAY_NAME},?\s)?{MONTH}\s\d{{1,2}},?\s\d{{4}}\.?[\"”’)]*$")
#: An outlet's credit closing a caption or a picture's line, in capitals after the text: "... bomb threats USA TODAY",
#: "... in Paris AFP", "... demanding bitcoin. USA TODAY", or an agency's mark in brackets ("... on Thursday. (AP)").
#: No closing full stop: a sentence that ends "... said the NAACP." is prose.
_AGENCY_MARK = r"\s\((?:AP|AFP|Reuters|REUTERS|EPA|Getty Images)(?: Photos?(?:/[^()]*)?)?\)\s*$"  # "... on Thursday. (AP)"
CLOSING_CREDIT = re.compile(r"(?<=[a-z0-9,;.)”\"’]) (?:[A-Z]{2,}(?: [A-Z]{2,})+|AP|AFP|REUTERS|EPA|Getty Images)\s*$|" + _AGENCY_MARK)
#: The same in a title, which has no closing full stop to tell prose by: only a credit of several words in capitals
#: ("... USA TODAY"); "Judge sides with AP" is a headline.
TITLE_CREDIT = re.compile(r"(?<=[a-z0-9,;.)”\"’]) [A-Z]{2,}(?: [A-Z]{2,})+\s*$|" + _AGENCY_MARK)
#: "is seen" / "are seen" with where or when the picture was taken: "... is seen on a shopping cart"; not "is seen as".
_SEEN = re.compile(r"\b(?:is|are) (?:seen|shown) (?:in|on|at|during|outside|inside|near|through|from|after|before|here)\b")
#: The picture's date closing the caption: "..., April 22, 2015." or "... on Tuesday, May 2."
_CLOSING_DATE = re.compile(
    rf"(?:,\s|\s(?=[A-Z]))(?:{DAY_NAME},?\s)?{MONTH}"
    r"\s\d{1,2}(?:,\s\d{4})?\.?[\"”’)]*$"
)


def is_caption(sentence: Sentence, alone: bool) -> bool:
    """``sentence`` describes a picture; ``alone``: it is the only sentence of its paragraph (``alone_in``)."""
    text = sentence.text.strip()
    if _PLACED.search(text) or PLACE_DATE.search(text) or CLOSING_CREDIT.search(text):
        return True
    if alone and _SEEN.search(text) and not any(t.tag in ("VBD", "MD") for t in sentence.tokens):
        return True  # "A box of corn flakes made by Kellogg is seen on a shopping cart ..." (a past tells a story); in a
        # paragraph of prose "The disease is seen in about one in 5,000 births" is no caption
    toks = sentence.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None:
        return False
    if (
        toks[root].lemma.lower() in ("see", "picture")
        and toks[root].tag == "VBN"
        and any(t.head == root and t.dep == "auxpass" and t.tag in ("VBZ", "VBP") for t in toks)
        and not any(t.head == root and t.dep in ("xcomp", "ccomp") for t in toks)
    ):
        return True  # "A store of Jimmy Choo is seen in St. Moritz", "... are pictured"
    # captions are in the simple present; a bare form with a subject and no auxiliary is one the tagger misread
    # ("Senate Minority Leader Chuck Schumer and Majority Leader Mitch McConnell walk to the Senate floor Wednesday.")
    bare = toks[root].tag == "VB" and not any(t.head == root and t.dep in ("aux", "auxpass") for t in toks)
    if toks[root].tag not in ("VBZ", "VBP") and not bare:
        return False
    if any(t.tag in ("VBD", "MD") for t in toks):
        return False  # a past or a modal: the text tells a story, a picture does not
    if toks[root].lemma.lower() not in POSE_VERBS or not (alone or _CLOSING_DATE.search(text)):
        return False
    subject = next((i for i, t in enumerate(toks) if t.head == root and t.dep in ("nsubj", "nsubjpass")), None)
    if subject is None or not _pictured(toks, subject):
        return False
    return not any(t.head == root and t.dep in ("ccomp", "xcomp") for t in toks)


def _pictured(toks: tuple, i: int) -> bool:  # type: ignore[type-arg]
    """Someone or something a picture shows: a name, people ("Armed men"), or "a/an" one ("A woman");
    not a pronoun ("They walk ...": a story goes on) nor an owned or abstract thing ("Its performance stands")."""
    t = toks[i]
    if t.pos == "PRON":
        return False
    if t.ent in ("PERSON", "NORP", "ORG") or t.pos == "PROPN" or t.tag == "NNS":
        return True
    return any(u.head == i and u.dep == "det" and u.text.lower() in ("a", "an") for u in toks)


def alone_in(sentences: Sequence[Sentence], furniture: Callable[[str], object] = has_furniture) -> dict[int, bool]:
    """For each sentence (by index), whether it stands alone as a caption does: the only sentence of its paragraph
    that is not a credit or furniture ("A man lays on top of a woman as others flee. (Photo: David Becker, Getty
    Images)"), or the article's first sentence (a picture's caption before the story: "Armed men take cover ...";
    a lead in the simple present with a verb of posture is rare). ``furniture``: ``has_furniture``, or a memo
    of it when the caller searches the same sentences again."""
    text_of = Counter(s.paragraph for s in sentences if not (furniture(s.text) or CLOSING_CREDIT.search(s.text.strip())))
    first = min((s.index for s in sentences), default=-1)
    return {s.index: text_of[s.paragraph] <= 1 or s.index == first for s in sentences}

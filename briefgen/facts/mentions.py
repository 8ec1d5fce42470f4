"""NER mentions -> cleaned names with a type vote, junk dropped, missed names added.

spaCy's small model makes the same few mistakes often: datelines and bylines as
entities, a title glued to a name ("Constable Tim Fanning"), a headline word glued to
one ("Yvonne Hiller Kills"), towns and regulators as people. Each rule here is one of
those, cheap and local; the vote it casts is settled by majority later.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from briefgen.facts import names as n
from briefgen.facts.lexicon import role_noun
from briefgen.facts.syntax import children, end, head, premods
from briefgen.models import AnalyzedArticle, Sentence, Token
from briefgen.text.outlets import name_key

_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{0,40})?\s*)?\([^()\n]{2,90}\)")
_FURNITURE = re.compile(r"^(?:By\s+[A-Z]|This post appeared first)|\bdate\s+\d{4}-")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*)+$")
#: An ellipsis that ends a paragraph: an excerpt cut off there ('... former Minneapolis officer Derek...').
_CUT_OFF = re.compile(r"^[ \t]?(?:\.\.\.|…)[ \t]*(?:\n|$)")
_LONE_JUNK = n.VESSEL_PREFIXES | n.JUNK_NAMES
#: Kinds of work that make the name right after them a work's even where the parse ties them elsewhere: the work nouns
#: that are not verbs or a match as well ('rioting show Alexandros Grigoropoulos died', 'the other game Cameroon's').
_GENRES = n.WORK_NOUNS - {"show", "play", "book", "film", "game"}


class M(NamedTuple):
    """A mention as we use it: cleaned form, its label vote ("" abstains) and its tokens."""

    art: int
    sent: int
    start: int
    form: str
    label: str
    toks: tuple[int, ...]
    in_title: bool = False
    description: bool = False  # 'the Belarusian leader': counts as a mention, never an alias
    hint: str = ""  # the type a noun beside the name states ('the regulator X'); outweighs NER
    kin: bool = False  # 'her husband Eric': a relative, not the story's other Eric
    at: bool = False  # 'in Washington': where something happened
    mod: str = ""  # 'Turkmen flags', 'Woodburn police': the common noun a one-word mention modifies (says nothing of its type)
    ner: str = ""  # spaCy's own label of the mention ('GPE', 'LOC', 'ORG', ...), before any rule here changed the vote
    prep: str = ""  # 'in Russia': the preposition the name is the object of, casefolded ("" if none, or after 'the')
    cut: bool = False  # 'officer Derek...' ending an excerpt: the text stops inside the name, which may go on

    @property
    def key(self) -> str:
        return self.form.casefold()


def _hint(sent: Sentence, toks: list[int], label: str, h: int, before: list[int]) -> tuple[str, str]:
    """A better vote than NER's from the words around the name, and the vote of a noun that
    says outright what the name is ('the media regulator Roskomnadzor', 'Mat Maid, a farmer's
    cooperative'), which outweighs NER's labels later. ``h`` is the name's head, ``before`` its
    pre-modifiers."""
    words = [sent.tokens[i] for i in toks]
    text = " ".join(t.text for t in words)
    if any(t.text.casefold() in n.VESSEL_PREFIXES for t in words[:-1]) and words[0].text[:1].isupper():
        return "VESSEL", "VESSEL"
    beside = before[-1:]  # the noun right before the name, or in apposition
    kids = children(sent, h)
    beside += [j for j in kids if sent.tokens[j].dep == "appos" and j > h]
    if sent.tokens[h].dep == "appos" and sent.tokens[h].head < toks[0] and sent.tokens[sent.tokens[h].head].pos == "NOUN":
        beside.append(sent.tokens[h].head)  # 'the media regulator Roskomnadzor'
    nouns = {_word(sent, j) for j in beside if sent.tokens[j].pos == "NOUN" and sent.tokens[j].dep != "poss"}
    prev = toks[0] - 1  # the word right before, whatever the parse tied it to ('star of US TV drama Baretta has denied')
    if nouns & n.WORK_NOUNS or (prev >= 0 and sent.tokens[prev].pos == "NOUN" and _word(sent, prev) in _GENRES):
        return "PRODUCT", "PRODUCT"  # 'the movie Jurassic Park', 'Infamous, the album': a work, whatever NER or its last word said
    last = words[-1].text.casefold().strip(".")
    if len(words) > 1 and (last in n.ORG_HEADS or (words[0].text.casefold() in ("university", "bank") and words[1].text == "of")):
        return "ORG", "ORG"  # 'Emory University', 'University of Minnesota', 'Lehigh County Humane Society'
    if len(words) > 1 and (last in n.PLACE_HEADS or (last in n.PLACE_SUFFIXES and label != "PERSON")):
        return "PLACE", "PLACE"  # 'Lehigh County', 'Perry Street'; 'Mark Lane' that NER reads as a person is a surname
    if len(words) > 1 and words[0].text.casefold().strip(".") in n.PLACE_PREFIXES:
        return "PLACE", "PLACE"  # 'Mount Shishapangma' (NER: a person), 'Lake Tahoe', 'Fort Wayne'
    if (nouns & n.PERSON_NOUNS or _personal(sent, toks, h, kids, before + beside)) and "," not in text and not text.isupper():
        return "PERSON", "PERSON"
    if nouns & n.VESSEL_NOUNS:
        return "VESSEL", "VESSEL"
    if nouns & n.ORG_NOUNS:
        return "ORG", "ORG"
    if nouns & n.PLACE_NOUNS:
        return "PLACE", "PLACE"
    if label == "PLACE" and words[-1].lemma.casefold() in n.ORG_NOUNS and len(words) > 1:
        return "ORG", ""  # 'West Coast Bank'
    if label == "PLACE" and _side(sent, toks, h):
        return "ORG", "ORG"  # 'Southampton manager Harry Redknapp', "Newcastle's striker": the town's club
    if label != "PERSON":
        return label, ""
    if n.ABBREVIATED_PLACES.match(text) or any(c.isdigit() for c in text):
        return "ORG", ""
    gov = sent.tokens[sent.tokens[h].head]
    if sent.tokens[h].dep == "pobj" and gov.text.casefold() in n.PLACE_PREPS:
        return "PLACE", ""
    return label, ""


def _side(sent: Sentence, toks: list[int], h: int) -> bool:
    """The name stands before one of a sports side's posts or people (``names.TEAM_ROLES``), which it modifies:
    'Southampton manager Harry Redknapp', "Newcastle's striker", 'England captain Michael Vaughan'."""
    after = toks[-1] + 1
    if after < len(sent.tokens) and sent.tokens[after].text in ("'s", "’s"):
        after += 1
    if after >= len(sent.tokens):
        return False
    t = sent.tokens[after]
    modifies = sent.tokens[h].head == after and sent.tokens[h].dep in ("compound", "poss")
    return modifies and t.pos == "NOUN" and t.text.casefold() in n.TEAM_ROLES


def _word(sent: Sentence, j: int) -> str:
    """The casefolded lemma of token ``j``, read with the word a hyphen joins to its front when the two make a noun the
    role lexicon knows: 'film-maker' is a filmmaker (a person), 'car-maker' a carmaker (a firm); 'drug-maker', unknown
    joined, stays a 'maker'. spaCy splits words at hyphens."""
    t = sent.tokens[j]
    if (
        j >= 2
        and sent.tokens[j - 1].text in ("-", "‐")
        and sent.tokens[j - 1].start == end(sent.tokens[j - 2])
        and t.start == end(sent.tokens[j - 1])
    ):
        joined = (sent.tokens[j - 2].text + t.lemma).casefold()
        if role_noun(joined, "PERSON") or role_noun(joined, "ORG"):
            return joined
    return t.lemma.casefold()


def _aged(sent: Sentence, toks: list[int], h: int) -> bool:
    """A name of two words or more follows an age written as one word that modifies it: 'Ten-year-old Dakota Fanning'
    (spaCy reads the age as a date and leaves it out of the name's modifiers). Only people (and animals, which news
    rarely names) are given an age this way; a firm is 'ten years old' or 'month-old'. Not 'the 35-year-old Cobh
    runner' (the age is the runner's) nor 'the 55-year-old Frenchman' (one word, a nationality)."""
    k = toks[0]
    return (
        len(toks) > 1
        and k >= 3
        and sent.tokens[k - 1].text.casefold() == "old"
        and sent.tokens[k - 1].head == h
        and sent.tokens[k - 2].text in ("-", "‐")
        and sent.tokens[k - 3].lemma.casefold() == "year"
    )


def _personal(sent: Sentence, toks: list[int], h: int, kids: list[int], near: list[int]) -> bool:
    """Signs of a person that NER missed: 'pin-up queen Bettie Page', 'Ms Page', 'Page, who ...',
    'Page, 85,', 'film-maker Gary Winick', 'Ten-year-old Dakota Fanning'. ``kids`` are the children of the name's head
    ``h``; ``near``, the words before it and beside it."""
    if any(
        sent.tokens[j].text.casefold().strip(".") in n.PERSON_TITLES
        or (role_noun(word := _word(sent, j), "PERSON") and not role_noun(word, "ORG"))
        for j in near
        if sent.tokens[j].pos in ("NOUN", "PROPN")
    ):
        return True  # 'quarterback Kain Colter': a person's role beside the name
    if _aged(sent, toks, h):
        return True
    if len(toks) > 1 and sent.tokens[toks[-1]].text.casefold().strip(".,") in n.NAME_SUFFIXES:
        return True  # 'DeOrr Kunz Sr.'
    if toks[0] > 0 and sent.tokens[toks[0] - 1].text.casefold().strip(".") in n.HONORIFICS:
        return True
    for j in kids:
        t = sent.tokens[j]
        if (
            j > h
            and len(toks) == 1
            and t.dep == "relcl"
            and any(sent.tokens[k].text.casefold() in ("who", "whom") for k in children(sent, j))
        ):
            return True
        if j > h and t.dep == "appos" and t.pos == "NUM" and t.text.isdigit() and 10 <= int(t.text) <= 110:
            return True
    return False


def _person_span(sent: Sentence, toks: list[int], norp: set[str]) -> list[int]:
    """Drop a title, an adjective or a record glued to a person's name."""

    def junk_first(t: Token) -> bool:
        word = t.text.casefold().strip(".")
        return (t.text[:1].islower() and word not in n.NAME_PARTICLES) or t.pos in ("ADJ", "NOUN") or word in n.TITLES or t.text in norp

    def junk_last(t: Token) -> bool:
        return not any(c.isalpha() for c in t.text) or any(c.isdigit() for c in t.text)

    while len(toks) > 1 and junk_first(sent.tokens[toks[0]]):
        toks = toks[1:]
    while len(toks) > 1 and junk_last(sent.tokens[toks[-1]]):
        toks = toks[:-1]
    return toks


def _raw(ai: int, aa: AnalyzedArticle) -> list[tuple[M, tuple[M, ...]]]:
    out: list[tuple[M, tuple[M, ...]]] = []
    dateline = _DATELINE.match(aa.article.text)
    norp = {m.text for m in aa.mentions if m.label == "NORP"}  # 'Russian' Alexander Povetkin
    starts = {p.start for p in aa.article.paragraphs}
    offsets: dict[int, list[int]] = {}  # per sentence, its tokens' starts (ascending)
    furniture: dict[int, bool] = {}
    for men in aa.mentions:
        if men.label not in n.LABELS or (dateline and men.start < dateline.end()):
            continue
        after = aa.article.text[men.end : men.end + 2]
        if len(after) == 2 and after[0] in "-‐" and after[1].islower():
            continue  # 'Ross-shire', 'Minnesota-based': part of a word, not a name
        if men.label == "WORK_OF_ART" and not (
            aa.article.text[max(0, men.start - 1) : men.start] in ('"', "“", "‘")
            and aa.article.text[men.end : men.end + 1] in ('"', "”", "’")
        ):
            continue  # spaCy's WORK_OF_ART is mostly noise; a title in quotation marks is one
        key = men.text.casefold().strip()
        if (men.label in ("GPE", "LOC") and key.rstrip(".") in n.PLACE_ABBREVIATIONS and men.text.endswith(".")) or (
            men.label != "PERSON"
            and men.text.isupper()
            and key in n.STATE_CODES
            and aa.article.text[: men.start].rstrip().endswith(",")
            and aa.article.text[men.end : men.end + 1] in ("", ".", ",", ")", "\n")
        ):
            continue  # 'Calif.', 'Mansfield, CT.' (whatever NER calls 'CT'): an address's state ('Apple, HP, Dell' is a list)
        sent = aa.sentences[men.sentence]
        if men.sentence not in offsets:
            offsets[men.sentence] = [t.start for t in sent.tokens]
            furniture[men.sentence] = bool(_FURNITURE.search(sent.text))
        where = offsets[men.sentence]
        toks = list(range(bisect_left(where, men.start), bisect_left(where, men.end)))
        if not toks or furniture[men.sentence]:
            continue
        opened = next((k for k, j in enumerate(toks) if sent.tokens[j].text == "("), len(toks))
        if 0 < opened < len(toks):
            toks = toks[:opened]  # 'World Health Organization (WHO)': a name ends before its acronym or gloss in parentheses
        while toks[0] > 0:  # "the Wagner PMC": spaCy tagged only "PMC"; "INS Sukanya": only "Sukanya"
            p = sent.tokens[toks[0] - 1]
            vessel = p.text.casefold() in n.VESSEL_PREFIXES and (p.text.isupper() or p.head in toks)
            if not vessel and (
                men.label != "ORG"
                or p.pos != "PROPN"
                or p.ent
                or p.dep != "compound"
                or p.head not in toks
                or p.text.casefold() in n.TITLES
            ):
                break
            toks.insert(0, toks[0] - 1)
        label = n.LABELS[men.label]
        if label == "PERSON":
            toks = _person_span(sent, toks, norp)
            first = sent.tokens[toks[0]]
            if len(toks) == 1 and first.tag == "NNPS":
                continue  # 'Greeks', 'Turkmens': a people, not a person
            if len(toks) == 1 and first.text.isupper() and len(first.text) > 3:
                continue  # 'DISCUSSION': a section heading in capitals, not a person
            if _INITIALS.match(aa.article.text[first.start : end(sent.tokens[toks[-1]])]):
                continue  # 'L. A.'
            if toks[0] > 0 and sent.tokens[toks[0] - 1].text.casefold() == "the":
                label = "ORG"  # "the Patriot's board": people take no article
        if len(toks) == 1 and (sent.tokens[toks[0]].text.casefold() in _LONE_JUNK or sent.tokens[toks[0]].pos == "ADJ"):
            continue  # a lone "INS", "GMT", "Ukrainian"
        if men.start in starts and men.label in ("GPE", "LOC") and men.text.isupper() and len(men.text) > 3:
            continue  # 'PHILADELPHIA -- ': a dateline
        hi, before = head(sent, toks), premods(sent, toks)
        label, strong = _hint(sent, toks, label, hi, before)
        after = aa.article.text[men.end : men.end + 3]
        if (
            men.start > 0
            and aa.article.text[men.start - 1] in ('"', "“")
            and (after[:1] in ('"', "”") or (after[:1] in (",", ".") and after[1:2] in ('"', "”")))
        ):
            label, strong = "PRODUCT", "PRODUCT"  # '“Moonlight”', '“La La Land,”': a title in quotation marks
        start = sent.tokens[toks[0]].start
        form = aa.article.text[start : end(sent.tokens[toks[-1]])]
        h = sent.tokens[hi]
        kin = any(sent.tokens[j].lemma.casefold() in n.KIN for j in before) or (
            h.dep == "appos" and sent.tokens[h.head].lemma.casefold() in n.KIN
        )  # 'her husband, Eric'

        the = toks[0] > 0 and sent.tokens[toks[0] - 1].text.casefold() == "the"  # "in the NBA": a body takes 'the', a town not
        by = sent.tokens[h.head]  # a capitalised preposition inside a sentence is part of a name: 'Won In Choul'
        prep = by.text.casefold() if h.dep == "pobj" and not the and (by.text.islower() or h.head == 0) else ""
        at = prep in n.PLACE_PREPS
        mod = modified(sent, toks)
        stop = end(sent.tokens[toks[-1]])
        cut = bool(_CUT_OFF.match(aa.article.text[stop : stop + 8]))
        whole = M(ai, men.sentence, start, form, label, tuple(toks), hint=strong, kin=kin, at=at, mod=mod, ner=men.label, prep=prep)
        whole = whole._replace(cut=cut)
        case = next((k for k, j in enumerate(toks[:-1]) if sent.tokens[j].dep == "case"), 0)  # the 's
        if not case:
            out.append((whole, ()))
            continue
        owner = whole._replace(form=form[: sent.tokens[toks[case]].start - start], label="", toks=whole.toks[:case])
        owner = owner._replace(hint="", kin=False, at=False, mod="", ner="", prep="", cut=False)
        second = sent.tokens[toks[case + 1]].start
        out.append((whole, (owner, whole._replace(start=second, form=form[second - start :], toks=whole.toks[case + 1 :]))))
    return out


def mentions(articles: Sequence[AnalyzedArticle]) -> list[M]:
    """Kept NER mentions, cleaned and junk-free, plus bare names spaCy missed elsewhere."""
    raw = [r for ai, aa in enumerate(articles) for r in _raw(ai, aa)]
    known = {n.as_name(w.form).casefold() for w, _ in raw}
    out: list[M] = []
    for whole, parts in raw:  # "Prigozhin's Patriot" is two names when Prigozhin is known alone
        out += parts if parts and n.as_name(parts[0].form).casefold() in known else (whole,)
    out = [m._replace(form=n.as_name(m.form)) for m in out]
    whole_names = {m.key for m in out if not m.cut}
    out = [m for m in out if not m.cut or m.key in whole_names]  # 'officer Derek...': only a name the story writes uncut elsewhere
    out = [
        m
        for m in out
        if "@" not in m.form
        and "/" not in m.form
        and sum(c.isalpha() for c in m.form) > 1
        and m.key not in n.PRONOUNS
        and (m.form[:1].isupper() or m.form[:1].isdigit() or (m.label == "PRODUCT" and any(c.isupper() for c in m.form)))
    ]
    proper = {
        m.key
        for m in out
        if any(  # a capitalised common noun ('Media group') is no name
            articles[m.art].sentences[m.sent].tokens[i].pos == "PROPN" for i in m.toks
        )
    }
    out = [m for m in out if m.key in proper]
    out = _trim_headlines(articles, out)
    surnames = {m.key.split()[-1] for m in out if m.label == "PERSON" and " " in m.key}
    out = [m for m in out if " " in m.key or m.key.strip(".") not in n.TITLES or m.key in surnames]  # 'Sheriff'
    out = _drop_common_nouns(articles, out)
    out = _pointed_bodies(out)
    out = _outlets(articles, out)
    titles = {
        (m.art, m.sent, j)
        for m in out
        if m.label == "PERSON"
        for j in [*premods(articles[m.art].sentences[m.sent], m.toks), *_title_run(articles[m.art].sentences[m.sent], m.toks)]
    }
    out = [m._replace(in_title=all((m.art, m.sent, j) in titles for j in m.toks)) for m in out]
    return out + _missed(articles, out)


def _coined(name: str) -> bool:
    """A name that can be no common word or surname: two words or more ('Daily Wire'), or a capital inside a word
    ('HuffPost'). 'The Hill' and 'The Atlantic' are outlets, but 'Hill' and 'Atlantic' in a text may be a surname or
    an ocean."""
    words = name.split()
    return len(words) >= 2 or any(c.isupper() for w in words for c in w[1:])


def _outlets(articles: Sequence[AnalyzedArticle], ms: list[M]) -> list[M]:
    """A name that is the outlet of one of the story's articles (its front matter's ``source``) is a body, as a noun
    beside it would say ('HuffPost' that NER calls a product, 'the Daily Wire' a place), when the name is coined."""
    names = {name_key(k) for aa in articles if (k := aa.article.source) and _coined(n.as_name(k))}
    return [m._replace(label="ORG", hint="ORG") if _coined(m.form) and name_key(m.form) in names else m for m in ms]


#: An acronym written with points: 'F.B.I.', 'U.N.'.
_POINTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")


def _pointed_bodies(ms: list[M]) -> list[M]:
    """An acronym with points whose letters the story writes without them, as a body by NER's vote ('F.B.I.' beside
    'FBI'), takes no vote of its own: one name written two ways is one body (cluster.py joins them by ``body_key``),
    and NER often calls the pointed letters a place. 'U.S.' stays as NER reads it unless the story's 'US' is a body."""
    plain: dict[str, Counter[str]] = {}
    for m in ms:
        if m.label and not _POINTED.match(m.key):
            plain.setdefault(m.key, Counter())[m.label] += 1
    return [
        m._replace(label="", ner="") if _POINTED.match(m.key) and n.top(plain.get(m.key.replace(".", ""), Counter())) == "ORG" else m
        for m in ms
    ]


def _title_run(sent: Sentence, toks: tuple[int, ...]) -> list[int]:
    """'Interior Secretary' Dirk Kempthorne, however the parser attached it: up to three
    capitalised words ending in a title just before the name."""
    run: list[int] = []
    j = toks[0] - 1
    while j >= 0 and len(run) < 3 and sent.tokens[j].text[:1].isupper() and sent.tokens[j].pos in ("PROPN", "NOUN", "ADJ"):
        run.append(j)
        j -= 1
    return run if run and sent.tokens[run[0]].text.casefold().strip(".") in n.TITLES else []


def _trim_headlines(articles: Sequence[AnalyzedArticle], ms: list[M]) -> list[M]:
    """'Yvonne Hiller Kills' in a title-case heading is 'Yvonne Hiller' when the body knows her;
    a name only a heading has ('Riots Erupt') is dropped."""
    known = {m.key for m in ms if not articles[m.art].sentences[m.sent].is_heading}
    known |= {k.split()[-1] for k in known}
    out = []
    for m in ms:
        sent = articles[m.art].sentences[m.sent]
        if m.key not in known and sent.is_heading:
            text = articles[m.art].article.text
            for k in range(len(m.toks) - 1, 0, -1):
                form = n.as_name(text[m.start : end(sent.tokens[m.toks[k - 1]])])
                if form.casefold() in known:
                    m = m._replace(form=form, toks=m.toks[:k])
                    break
            else:
                continue
        out.append(m)
    return out


def _drop_common_nouns(articles: Sequence[AnalyzedArticle], ms: list[M]) -> list[M]:
    """A one-word 'person' the articles also write in lower case ('Riot', 'Arson') is a word."""
    parts = {w for m in ms if m.label == "PERSON" and " " in m.key for w in m.key.split()}
    single = {m.key for m in ms if m.label == "PERSON" and " " not in m.key} - parts
    if not single:
        return ms
    lower = {t.text for aa in articles for s in aa.sentences for t in s.tokens[1:] if t.text in single}
    return [m for m in ms if not (m.label == "PERSON" and m.key in lower)]


def modified(sent: Sentence, toks: Sequence[int]) -> str:
    """The common noun a one-word name modifies ('Turkmen flags' -> 'flag'), or ""."""
    if len(toks) != 1:
        return ""
    t = sent.tokens[toks[0]]
    return sent.tokens[t.head].lemma.casefold() if t.dep in ("compound", "amod") and sent.tokens[t.head].pos == "NOUN" else ""


def _missed(articles: Sequence[AnalyzedArticle], found: list[M]) -> list[M]:
    """Names spaCy missed elsewhere: a lone known name or surname ('Prigozhin agreed'), or a
    known org with a suffix ('the Wagner PMC'); they count as mentions but do not vote."""
    names = {m.key.split()[-1] for m in found if (m.label == "PERSON" or " " not in m.key) and not m.in_title}
    orgs = {n.org_key(m.key) for m in found if m.label == "ORG"} - {""}
    ships = {n.vessel_key(m.key) for m in found if m.label == "VESSEL"} - {""}
    taken = {(m.art, m.sent, i) for m in found for i in m.toks}
    out = []
    for ai, aa in enumerate(articles):
        for si, sent in enumerate(aa.sentences):
            run: list[int] = []
            for i, t in enumerate([*sent.tokens, None]):
                if t is not None and t.pos == "PROPN" and t.ent not in n.LABELS and (ai, si, i) not in taken:
                    run.append(i)
                    continue
                if not run:
                    continue
                form = aa.article.text[sent.tokens[run[0]].start : end(sent.tokens[run[-1]])]
                words = form.casefold().split()
                if (
                    (len(run) == 1 and (words[0] in names or words[0] in ships))
                    or n.vessel_key(form.casefold()) in ships
                    or (len(run) > 1 and words[-1] in n.ORG_SUFFIXES and n.org_key(form.casefold()) in orgs)
                ):
                    out.append(M(ai, si, sent.tokens[run[0]].start, form, "", tuple(run), mod=modified(sent, run)))
                run = []
    return out

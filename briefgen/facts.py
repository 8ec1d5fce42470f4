"""Entity fact boxes: who and what a story is about, every claim cited to a sentence.

Works only from the records analyze.py produced (no spaCy here), so the rules are plain
heuristics over NER labels and dependency arcs. They lean conservative: a missed merge
shows as two boxes, a wrong one would put one person's words in another's mouth.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import NamedTuple, TypeVar

from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Citation, FactBox, Quote, Role, Sentence, Token

log = logging.getLogger(__name__)
T = TypeVar("T")
Key = tuple[int, int, int]  # (article, sentence, token)

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
#: Tie order when NER votes split evenly (spaCy calls towns ORG more often than the reverse).
PREFERENCE = ("PERSON", "PLACE", "ORG")
ORG_SUFFIXES = frozenset({"group", "pmc", "inc", "corp", "corporation", "ltd", "co", "company", "llc", "plc"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "its", "their"})
TITLES = frozenset(
    {
        "president", "minister", "leader", "chief", "head", "ceo", "founder", "chairman", "chairwoman", "chair", "director", "secretary",
        "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "general", "commander", "premier", "king", "queen", "prince",
        "senator", "ambassador", "envoy", "official", "deputy", "adviser", "advisor", "judge", "prosecutor", "editor", "owner", "boss",
        "manager", "chancellor", "lawmaker", "officer", "executive", "colonel", "lieutenant", "captain", "admiral", "marshal",
    }
)
SPEECH = frozenset(
    {
        "say", "tell", "add", "claim", "warn", "write", "state", "note", "announce", "declare", "insist", "explain", "argue", "accuse",
        "reply", "respond", "stress", "emphasize", "emphasise", "remark", "comment", "ask", "suggest", "predict", "promise", "vow",
        "allege", "acknowledge", "admit", "deny", "report", "tweet", "post", "urge", "describe", "recall", "conclude",
    }
)
PREMODS = frozenset({"compound", "amod", "nmod", "poss", "case"})
_QUOTES = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{0,40})?\s*)?\([^()\n]{2,90}\)")
_FURNITURE = re.compile(r"^(?:By\s+[A-Z]|This post appeared first)|\bdate\s+\d{4}-")


class _M(NamedTuple):
    """A mention as we use it: cleaned form, its label vote ("" abstains) and its tokens."""

    art: int
    sent: int
    start: int
    form: str
    label: str
    toks: tuple[int, ...]
    in_title: bool = False

    @property
    def key(self) -> str:
        return self.form.casefold()


class _Ent(NamedTuple):
    name: str
    type: str
    mentions: list[int]
    forms: Counter[str]


def _clean(text: str) -> str:
    """Mention text as a name: no leading 'the' or 'Mr', no possessive, one space between words."""
    text = re.sub(r"^(?:the|mr|mrs|ms|dr)\.?\s+", "", " ".join(text.split()).strip(" ,;:()[]\"“”"), flags=re.I)
    return re.sub(r"(?:['’]s|(?<=s)['’])$", "", text).strip()


def _skel(word: str) -> str:
    """A transliteration skeleton, so Aleksandr/Alexander or Yevgeny/Evgeniy compare alike."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().casefold()
    w = re.sub(r"[^a-z]", "", w).replace("x", "ks").replace("kh", "h").replace("ph", "f")
    w = re.sub(r"^y(?=[eu])", "", w).replace("y", "i").replace("w", "v").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def _strip(key: str, suffixes: frozenset[str], keep: int) -> list[str]:
    words = [w.strip(".,") for w in key.split()]
    while len(words) > keep and words[-1] in suffixes:
        words.pop()
    return words


def _surname(key: str) -> str:
    return _skel(_strip(key, NAME_SUFFIXES, 1)[-1])


def _same_person(a: str, b: str) -> bool:
    """Same surname and compatible first names (equal, an initial, or a transliteration)."""
    fa, fb = (_skel(k.split()[0]) for k in (a, b))
    if _surname(a) != _surname(b) or not fa or not fb:
        return _surname(a) == _surname(b)
    if min(len(a.split()[0].strip(".")), len(b.split()[0].strip("."))) == 1:
        return fa[0] == fb[0]
    if fa.endswith("a") != fb.endswith("a"):  # Alexandra is not Alexander
        return False
    return fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.8


def _org_key(key: str) -> str:
    return " ".join(_strip(key, ORG_SUFFIXES, 0))


def _top(votes: Counter[str]) -> str:
    best = max(votes.values(), default=0)
    return next((label for label in PREFERENCE if best and votes[label] == best), "")


def _end(tok: Token) -> int:
    return tok.start + len(tok.text)


def _children(sent: Sentence, i: int) -> list[int]:
    return [j for j, t in enumerate(sent.tokens) if t.head == i and j != i]


def _subtree(sent: Sentence, i: int) -> set[int]:
    out, todo = {i}, [i]
    while todo:
        new = [j for j in _children(sent, todo.pop()) if j not in out]
        out.update(new)
        todo += new
    return out


def _head(sent: Sentence, toks: Sequence[int]) -> int:
    return next((i for i in toks if sent.tokens[i].head not in toks), toks[-1])


def _premods(sent: Sentence, toks: Sequence[int]) -> list[int]:
    """Contiguous modifiers just left of a name: 'Belarusian Interior Minister' Ivan Kubrakov."""
    inside, grew = set(toks), True
    while grew:
        new = {j for j, t in enumerate(sent.tokens[: min(toks)]) if j not in inside and t.dep in PREMODS
               and t.head in inside and t.pos != "PRON" and t.ent not in ("DATE", "TIME", "CARDINAL")}
        inside |= new
        grew = bool(new)
    first = min(toks)
    while first - 1 in inside:
        first -= 1
    return list(range(first, min(toks)))


def _mentions(articles: Sequence[AnalyzedArticle]) -> list[_M]:
    """Kept NER mentions, cleaned and junk-free, plus bare names spaCy missed elsewhere."""
    raw: list[tuple[_M, tuple[_M, ...]]] = []
    for ai, aa in enumerate(articles):
        dateline = _DATELINE.match(aa.article.text)
        for men in aa.mentions:
            sent = aa.sentences[men.sentence]
            toks = [i for i, t in enumerate(sent.tokens) if men.start <= t.start < men.end]
            if (men.label not in LABELS or not toks or (dateline and men.start < dateline.end())
                    or _FURNITURE.search(sent.text)):
                continue
            while men.label == "ORG" and toks[0] > 0:  # "the Wagner PMC": spaCy tagged only "PMC"
                p = sent.tokens[toks[0] - 1]
                if p.pos != "PROPN" or p.ent or p.dep != "compound" or p.head not in toks or p.text.casefold() in TITLES:
                    break
                toks.insert(0, toks[0] - 1)
            start, label = sent.tokens[toks[0]].start, LABELS[men.label]
            if label == "PERSON" and toks[0] > 0 and sent.tokens[toks[0] - 1].text == "the":
                label = "ORG"  # "the Patriot's board": people take no article
            form = aa.article.text[start : _end(sent.tokens[toks[-1]])]
            whole = _M(ai, men.sentence, start, form, label, tuple(toks))
            cut = next((n for n, j in enumerate(toks[:-1]) if sent.tokens[j].dep == "case"), 0)  # the 's
            if not cut:
                raw.append((whole, ()))
                continue
            owner = whole._replace(form=form[: sent.tokens[toks[cut]].start - start], label="", toks=whole.toks[:cut])
            second = sent.tokens[toks[cut + 1]].start
            raw.append((whole, (owner, whole._replace(start=second, form=form[second - start :], toks=whole.toks[cut + 1 :]))))
    known = {_clean(w.form).casefold() for w, _ in raw}
    out: list[_M] = []
    for whole, parts in raw:  # "Prigozhin's Patriot" is two names when Prigozhin is known alone
        out += parts if parts and _clean(parts[0].form).casefold() in known else (whole,)
    out = [m._replace(form=_clean(m.form)) for m in out]
    out = [m for m in out if "@" not in m.form and sum(c.isalpha() for c in m.form) > 1 and m.key not in PRONOUNS]
    proper = {m.key for m in out if any(  # a capitalised common noun ('Media group') is no name
        articles[m.art].sentences[m.sent].tokens[i].pos == "PROPN" for i in m.toks)}
    out = [m for m in out if m.key in proper]
    titles = {(m.art, m.sent, j) for m in out if m.label == "PERSON"
              for j in _premods(articles[m.art].sentences[m.sent], m.toks)}
    out = [m._replace(in_title=all((m.art, m.sent, j) in titles for j in m.toks)) for m in out]
    return out + _missed(articles, out)


def _missed(articles: Sequence[AnalyzedArticle], found: list[_M]) -> list[_M]:
    """Names spaCy missed elsewhere: a lone known name or surname ('Prigozhin agreed'), or a
    known org with a suffix ('the Wagner PMC'); they count as mentions but do not vote."""
    names = {m.key.split()[-1] for m in found if (m.label == "PERSON" or " " not in m.key) and not m.in_title}
    orgs = {_org_key(m.key) for m in found if m.label == "ORG"} - {""}
    taken = {(m.art, m.sent, i) for m in found for i in m.toks}
    out = []
    for ai, aa in enumerate(articles):
        for si, sent in enumerate(aa.sentences):
            run: list[int] = []
            for i, t in enumerate([*sent.tokens, None]):
                if t is not None and t.pos == "PROPN" and t.ent not in LABELS and (ai, si, i) not in taken:
                    run.append(i)
                    continue
                form = aa.article.text[sent.tokens[run[0]].start : _end(sent.tokens[run[-1]])] if run else ""
                words = form.casefold().split()
                if (len(run) == 1 and words[0] in names) or (
                        len(run) > 1 and words[-1] in ORG_SUFFIXES and _org_key(form.casefold()) in orgs):
                    out.append(_M(ai, si, sent.tokens[run[0]].start, form, "", tuple(run)))
                run = []
    return out


def _cluster(ms: list[_M]) -> list[list[int]]:
    """Merge surface forms into entities: people by name, bare surnames, org suffixes."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        groups[m.key].append(i)
    groups = {k: v for k, v in groups.items() if not all(ms[i].in_title for i in v)}  # 'Interior' Minister
    votes = {k: Counter(ms[i].label for i in v if ms[i].label) for k, v in groups.items()}
    parent = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    people: list[list[str]] = []
    for k in order:
        if " " in k and _top(votes[k]) == "PERSON":
            fits = [c for c in people if all(_same_person(k, o) for o in c)]
            if len(fits) == 1:
                fits[0].append(k)
                parent[k] = fits[0][0]
            else:  # a new name, or one that could be either of two people
                people.append([k])
    for k in (k for k in order if " " not in k):
        fits = [c for c in people if _surname(c[0]) == _skel(k)]
        if len(fits) == 1 and _top(votes[k] + sum((votes[o] for o in fits[0]), Counter())) == "PERSON":
            parent[k] = fits[0][0]
        elif len(fits) > 1:
            log.debug("%r could be any of %s; not merged", k, [c[0] for c in fits])
    orgs: dict[str, list[str]] = defaultdict(list)
    for k in order:
        if find(k) == k and _top(votes[k]) in ("ORG", "") and not any(c[0] == k for c in people):
            orgs[_org_key(k)].append(k)
    for k in orgs.pop("", []):  # "the PMC" is the one org called "X PMC", if there is one
        owners = {find(o) for ks in orgs.values() for o in ks if o.split()[-1] == k}
        if len(owners) == 1:
            parent[k] = owners.pop()
    for ks in orgs.values():
        for o in ks[1:]:
            parent[o] = ks[0]
    clusters: dict[str, list[int]] = defaultdict(list)
    for k in order:
        clusters[find(k)] += groups[k]
    return [sorted(v) for v in clusters.values()]


def _entity(ms: list[_M], idx: list[int]) -> _Ent | None:
    """Settle the type by majority; name it by its most frequent full form."""
    kind = _top(Counter(ms[i].label for i in idx if ms[i].label))
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for i in idx:
        spelled[ms[i].key][ms[i].form] += 1
    forms = Counter({min(c, key=lambda f: (-c[f], f)): c.total() for c in spelled.values()})
    full = [f for f in forms if " " in f] or list(forms)
    name = min(full, key=lambda f: (-forms[f], -len(f), f))
    return _Ent(name, kind, idx, forms) if kind else None


def _slug(name: str, taken: set[str]) -> str:
    base = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = slug = re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "entity"
    n = 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _cite(aa: AnalyzedArticle, si: int) -> Citation:
    s = aa.sentences[si]
    return Citation(s.text, aa.article.id, s.index, aa.article.date)


def _ordered(items: list[tuple[Citation, int, T]], newest: bool, key: Callable[[T], Hashable]) -> list[T]:
    """Unique by ``key``, by article date (undated last), then article id, then position."""
    items = sorted(items, key=lambda x: (x[0].article, x[0].sentence, x[1]))
    if newest:
        items.sort(key=lambda x: x[0].date or "", reverse=True)
    else:
        items.sort(key=lambda x: (x[0].date is None, x[0].date or ""))
    seen: dict[Hashable, T] = {}
    for _, _, item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _role_spans(sent: Sentence, toks: Sequence[int]) -> list[tuple[int, int]]:
    """Titles as written: pre-modifiers, appositions, 'the regulator X', 'X is the Y'."""
    h = _head(sent, toks)
    t, spans = sent.tokens[h], [_premods(sent, toks)]
    spans += [sorted(_subtree(sent, j)) for j in _children(sent, h)
              if j > h and sent.tokens[j].dep == "appos" and not sent.tokens[j].ent]
    if t.dep == "appos" and t.head < toks[0] and sent.tokens[t.head].pos == "NOUN":
        spans.append(sorted(j for j in _subtree(sent, t.head) - _subtree(sent, h) if j < toks[0]))
    if t.dep == "nsubj" and sent.tokens[t.head].lemma == "be":
        spans += [sorted(_subtree(sent, j)) for j in _children(sent, t.head) if sent.tokens[j].dep == "attr"]
    out = []
    for span in spans:
        while span and sent.tokens[span[-1]].pos == "PUNCT":
            span = span[:-1]
        while span and sent.tokens[span[0]].pos in ("PUNCT", "CCONJ"):
            span = span[1:]
        words = [sent.tokens[j] for j in span]
        if not span or span != list(range(span[0], span[-1] + 1)) or set(span) & set(toks):
            continue
        if (len(words) > 1 or not words[0].text.islower()) and any(  # "chief" alone says little
                w.pos == "NOUN" or w.text.casefold() in TITLES for w in words):
            out.append((words[0].start, _end(words[-1])))
    return out


class _Story:
    """Indexes over one story's entities, shared by the quote and evidence passes."""

    def __init__(self, articles: Sequence[AnalyzedArticle], ms: list[_M], ents: list[_Ent]) -> None:
        self.articles, self.ms, self.ents = articles, ms, ents
        self.tok: dict[Key, int] = {}
        self.head: dict[Key, int] = {}
        for e, ent in enumerate(ents):
            for m in (ms[i] for i in ent.mentions):
                self.tok.update(((m.art, m.sent, j), e) for j in m.toks)
                self.head[(m.art, m.sent, _head(articles[m.art].sentences[m.sent], m.toks))] = e
        self.spans = [[(p.start + q.start(g), p.start + q.end(g), pi)
                       for pi, p in enumerate(aa.article.paragraphs) for q in _QUOTES.finditer(p.text)
                       for g in (1 if q.group(1) is not None else 2,)] for aa in articles]
        self.pron: dict[Key, int] = {}
        for ai in range(len(articles)):
            self._resolve_pronouns(ai)

    def quoted(self, ai: int, offset: int) -> bool:
        return any(qs - 1 <= offset <= qe for qs, qe, _ in self.spans[ai])

    def _resolve_pronouns(self, ai: int) -> None:
        """he/she: the latest person who was a subject in this or the last paragraph, else the
        latest person named; 'who' is the name its clause hangs on."""
        events: list[tuple[int, int]] = []
        seen: list[int] = []
        for si, sent in enumerate(self.articles[ai].sentences):
            for i, t in enumerate(sent.tokens if not sent.is_heading else ()):
                e = self.head.get((ai, si, i))
                if self.quoted(ai, t.start) or (e is not None and self.ents[e].type != "PERSON"):
                    continue
                if e is not None:
                    seen.append(e)
                elif t.dep in ("nsubj", "nsubjpass") and t.text.casefold() in ("he", "she"):
                    recent = [x for p, x in events if p >= sent.paragraph - 1]
                    e = recent[-1] if recent else (seen[-1] if seen else None)
                elif t.dep == "nsubj" and t.tag == "WP" and sent.tokens[t.head].dep == "relcl":
                    e = self.tok.get((ai, si, sent.tokens[t.head].head))
                if e is None or self.ents[e].type != "PERSON":
                    continue
                if (ai, si, i) not in self.tok:
                    self.pron[(ai, si, i)] = e
                if t.dep in ("nsubj", "nsubjpass"):
                    events.append((sent.paragraph, e))

    def subject(self, ai: int, si: int, v: int) -> int | None:
        """The entity doing the saying; participles and conjuncts borrow their head's subject."""
        sent = self.articles[ai].sentences[si]
        subj = [j for j in _children(sent, v) if sent.tokens[j].dep == "nsubj"]
        for _ in range(3):
            if subj or sent.tokens[v].dep not in ("conj", "advcl", "xcomp"):
                break
            v = sent.tokens[v].head
            subj = [j for j in _children(sent, v) if sent.tokens[j].dep == "nsubj"]
        for u in subj[:1]:
            for j in [u, *(k for k in _children(sent, u) if sent.tokens[k].dep == "appos")]:
                e = self.tok.get((ai, si, j), self.pron.get((ai, si, j)))
                if e is not None:
                    return e
            if sent.tokens[u].pos == "NOUN" and any(sent.tokens[k].text.casefold() == "the"
                                                    for k in _children(sent, u)):
                return self._definite_org(ai, sent.tokens[u])
        return None

    def _definite_org(self, ai: int, t: Token) -> int | None:
        """'the ministry' is the latest organisation named '... Ministry' before it."""
        found = [(m.start, e) for e, ent in enumerate(self.ents) if ent.type == "ORG"
                 for m in (self.ms[i] for i in ent.mentions)
                 if m.art == ai and m.start < t.start and not self.quoted(ai, m.start)
                 and m.key.split()[-1] == t.text.casefold()]
        return max(found)[1] if found else None

    def _speech_verb(self, ai: int, qs: int, qe: int) -> tuple[int, int] | None:
        """The speech verb outside quotes that governs the quote, else the nearest such verb."""
        sents = [(si, s) for si, s in enumerate(self.articles[ai].sentences) if s.start < qe and s.end > qs]
        for si, sent in sents:
            for i, t in enumerate(sent.tokens):
                k, steps = i, 0
                while qs <= t.start < qe and steps < 15 and sent.tokens[k].head != k:
                    k, steps = sent.tokens[k].head, steps + 1
                    v = sent.tokens[k]
                    if v.lemma in SPEECH and v.pos == "VERB" and not self.quoted(ai, v.start):
                        return si, k
        near = [(min(abs(t.start - qs), abs(t.start - qe)), si, j) for si, sent in sents
                for j, t in enumerate(sent.tokens)
                if t.lemma in SPEECH and t.pos == "VERB" and not self.quoted(ai, t.start)]
        return (min(near)[1], min(near)[2]) if near else None

    def quotes(self, ai: int) -> list[tuple[int, Quote]]:
        """Quoted words with a speaker; a bare quote opening the next sentence continues one."""
        aa, out = self.articles[ai], []
        last: tuple[int, int] | None = None  # (paragraph, entity) of the previous quote
        for qs, qe, pi in self.spans[ai]:
            found = self._speech_verb(ai, qs, qe)
            e = self.subject(ai, *found) if found else None
            si = found[0] if found else next((i for i, s in enumerate(aa.sentences) if s.end > qs), -1)
            if si < 0:
                continue
            if found is None and last and last[0] == pi and qs - aa.sentences[si].start <= 1:
                e = last[1]
            last = (pi, e) if e is not None else None
            text = aa.article.text[qs:qe].strip().rstrip(",").rstrip()
            if e is not None and any(c.isalpha() for c in text):
                out.append((e, Quote(text, self.ents[e].name, _cite(aa, si))))
        return out

    def evidence(self, ai: int) -> list[tuple[int, Citation]]:
        """Sentences whose main verb has the entity as its subject: what they said or did."""
        out = []
        for si, sent in enumerate(self.articles[ai].sentences):
            if sent.is_heading or sent.text.rstrip().endswith("?"):
                continue
            for r in (r for r, t in enumerate(sent.tokens) if t.dep == "ROOT" and not self.quoted(ai, t.start)):
                subj = {self.tok.get((ai, si, j), -1) for j in _children(sent, r) if sent.tokens[j].dep == "nsubj"}
                out += [(e, _cite(self.articles[ai], si)) for e in sorted(subj - {-1})]
        return out


def fact_boxes(articles: Sequence[AnalyzedArticle], config: BuildConfig) -> list[FactBox]:
    """Fact boxes for one story's articles, most mentioned first (then most articles, name)."""
    if not articles or config.max_fact_boxes <= 0:
        return []
    ms = _mentions(articles)
    ents = [e for e in (_entity(ms, c) for c in _cluster(ms)) if e is not None]
    story = _Story(articles, ms, ents)
    roles: dict[int, list[tuple[Citation, int, Role]]] = defaultdict(list)
    quotes: dict[int, list[tuple[Citation, int, Quote]]] = defaultdict(list)
    evidence: dict[int, list[tuple[Citation, int, Citation]]] = defaultdict(list)
    together: dict[tuple[int, int], set[int]] = defaultdict(set)
    for e, ent in enumerate(ents):
        for m in (ms[i] for i in ent.mentions):
            together[(m.art, m.sent)].add(e)
            aa = articles[m.art]
            for start, end in _role_spans(aa.sentences[m.sent], m.toks) if ent.type == "PERSON" else ():
                roles[e].append((_cite(aa, m.sent), start, Role(_cite(aa, m.sent), aa.article.text[start:end])))
    for ai in range(len(articles)):
        for n, (e, q) in enumerate(story.quotes(ai)):
            quotes[e].append((q.citation, n, q))
        for e, c in story.evidence(ai):
            evidence[e].append((c, 0, c))
    related: dict[int, Counter[int]] = defaultdict(Counter)
    for group in together.values():
        for e in group:
            related[e].update(group - {e})
    boxes = []
    for e, ent in enumerate(ents):
        ids = sorted({articles[ms[i].art].article.id for i in ent.mentions})
        sources = {a.article.source or f"\0{a.article.id}" for a in articles if a.article.id in ids}
        near = sorted(related[e].items(), key=lambda x: (-x[1], ents[x[0]].name))
        boxes.append(FactBox(
            id="", name=ent.name, type=ent.type,
            aliases=tuple(sorted(ent.forms, key=lambda f: (f != ent.name, -ent.forms[f], f))),
            roles=tuple(_ordered(roles[e], True, lambda r: r.text)),
            quotes=tuple(_ordered(quotes[e], True, lambda q: q.text)),
            mentions=len(ent.mentions), articles=tuple(ids), sources=len(sources),
            related=tuple(ents[o].name for o, _ in near[:5]),
            evidence=tuple(_ordered(evidence[e], False, lambda c: c.text)[:2]),
        ))
    boxes.sort(key=lambda b: (-b.mentions, -len(b.articles), b.name, b.type))
    taken: set[str] = set()
    return [replace(b, id=_slug(b.name, taken)) for b in boxes[: config.max_fact_boxes]]

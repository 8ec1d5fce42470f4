"""One story's entities in context: pronouns, speakers of quotes, what each entity did.

Quotes are only text inside quotation marks, attributed through the speech verb of
their sentence; a bare quote opening the next sentence continues the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate

from briefgen.facts.cluster import Ent
from briefgen.facts.mentions import M
from briefgen.facts.names import SPEECH
from briefgen.facts.syntax import children, head
from briefgen.models import AnalyzedArticle, Citation, Quote, Token

Key = tuple[int, int, int]  # (article, sentence, token)
#: 'the “American Pie” star': a title in quotation marks, not words anyone said.
_TITLE = re.compile(r"^(?:(?:[A-Z0-9][\w'’:.&-]*|of|the|a|an|and|in|on|to|for|at|with)\s*){1,6}$")
_QUOTES = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")


def cite(aa: AnalyzedArticle, si: int) -> Citation:
    s = aa.sentences[si]
    return Citation(s.text, aa.article.id, s.index, aa.article.date)


class Story:
    """Indexes over one story's entities, shared by the quote and evidence passes."""

    def __init__(self, articles: Sequence[AnalyzedArticle], ms: list[M], ents: list[Ent]) -> None:
        self.articles, self.ms, self.ents = articles, ms, ents
        self.tok: dict[Key, int] = {}
        self.head: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)  # (article, sentence) -> head token -> entity
        for e, ent in enumerate(ents):
            for m in (ms[i] for i in ent.mentions):
                self.tok.update(((m.art, m.sent, j), e) for j in m.toks)
                self.head[(m.art, m.sent)][head(articles[m.art].sentences[m.sent], m.toks)] = e
        self.spans = [[(p.start + q.start(g), p.start + q.end(g), pi)
                       for pi, p in enumerate(aa.article.paragraphs) for q in _QUOTES.finditer(p.text)
                       for g in (1 if q.group(1) is not None else 2,)] for aa in articles]
        # quoted(): where each quote's reach [qs - 1, qe] opens, ascending, and how far those opened so far reach
        self._opens: list[list[int]] = []
        self._reach: list[list[int]] = []
        for spans in self.spans:
            reach = sorted((qs - 1, qe) for qs, qe, _ in spans)
            self._opens.append([lo for lo, _ in reach])
            self._reach.append(list(accumulate((hi for _, hi in reach), max)))
        self.pron: dict[Key, int] = {}
        for ai in range(len(articles)):
            self._resolve_pronouns(ai)

    def quoted(self, ai: int, offset: int) -> bool:
        k = bisect_right(self._opens[ai], offset)
        return k > 0 and self._reach[ai][k - 1] >= offset

    def _resolve_pronouns(self, ai: int) -> None:
        """he/she: the latest person who was a subject in this or the last paragraph, else the
        latest person named; 'who' is the name its clause hangs on."""
        events: list[tuple[int, int]] = []
        seen: list[int] = []
        for si, sent in enumerate(self.articles[ai].sentences):
            named = self.head.get((ai, si), {})
            for i, t in enumerate(sent.tokens if not sent.is_heading else ()):
                e = named.get(i)
                if (e is None and t.dep not in ("nsubj", "nsubjpass")) or self.quoted(ai, t.start) or (
                        e is not None and self.ents[e].type != "PERSON"):
                    continue  # neither a name nor a subject, or in quotes
                if e is not None:
                    seen.append(e)
                elif t.dep in ("nsubj", "nsubjpass") and t.text.casefold() in ("he", "she"):
                    e = next((x for p, x in reversed(events) if p >= sent.paragraph - 1), seen[-1] if seen else None)
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
        subj = [j for j in children(sent, v) if sent.tokens[j].dep == "nsubj"]
        for _ in range(3):
            if subj or sent.tokens[v].dep not in ("conj", "advcl", "xcomp"):
                break
            v = sent.tokens[v].head
            subj = [j for j in children(sent, v) if sent.tokens[j].dep == "nsubj"]
        for u in subj[:1]:
            for j in [u, *(k for k in children(sent, u) if sent.tokens[k].dep == "appos")]:
                e = self.tok.get((ai, si, j), self.pron.get((ai, si, j)))
                if e is not None:
                    return e
            if sent.tokens[u].pos == "NOUN" and any(sent.tokens[k].text.casefold() == "the"
                                                    for k in children(sent, u)):
                return self._definite_org(ai, sent.tokens[u])
        return None

    def _definite_org(self, ai: int, t: Token) -> int | None:
        """'the ministry' is the latest organisation named '... Ministry' before it."""
        found = [(m.start, e) for e, ent in enumerate(self.ents) if ent.type == "ORG"
                 for m in (self.ms[i] for i in ent.mentions)
                 if m.art == ai and m.start < t.start and not self.quoted(ai, m.start)
                 and m.key.split()[-1] == t.text.casefold()]
        return max(found)[1] if found else None

    def _governor(self, ai: int, qs: int, qe: int) -> tuple[int, int] | None:
        """The first speech verb outside quotes on the way up from the quote's words."""
        for si, sent in enumerate(self.articles[ai].sentences):
            if not (sent.start < qe and sent.end > qs):
                continue
            for i, t in enumerate(sent.tokens):
                k, steps = i, 0
                while qs <= t.start < qe and steps < 15 and sent.tokens[k].head != k:
                    k, steps = sent.tokens[k].head, steps + 1
                    v = sent.tokens[k]
                    if v.lemma in SPEECH and v.pos == "VERB" and not self.quoted(ai, v.start):
                        return si, k
        return None

    def _taken(self, ai: int, si: int, k: int, qs: int) -> bool:
        """'Heller said she was “ensconced” ... — “I hear ...”': the verb already has a quote between
        it and this one, so this quote belongs to a verb higher up."""
        verb = self.articles[ai].sentences[si].tokens[k].start
        return any(verb < s < qs and self._governor(ai, s, e) == (si, k) for s, e, _ in self.spans[ai])

    def _speech_verb(self, ai: int, qs: int, qe: int) -> tuple[int, int] | None:
        """The speech verb outside quotes that governs the quote, else the nearest such verb."""
        sents = [(si, s) for si, s in enumerate(self.articles[ai].sentences) if s.start < qe and s.end > qs]
        for si, sent in sents:  # 'heard a cop yell, “What ...”': the verb just before the quote is its own
            before = [j for j, t in enumerate(sent.tokens) if t.start < qs and t.pos != "PUNCT"]
            if before and sent.tokens[before[-1]].lemma in SPEECH and sent.tokens[before[-1]].pos in ("VERB", "NOUN") \
                    and qs - sent.tokens[before[-1]].start <= len(sent.tokens[before[-1]].text) + 4:
                return si, before[-1]
        for si, sent in sents:
            for i, t in enumerate(sent.tokens):
                k, steps = i, 0
                while qs <= t.start < qe and steps < 15 and sent.tokens[k].head != k:
                    k, steps = sent.tokens[k].head, steps + 1
                    v = sent.tokens[k]
                    if v.lemma in SPEECH and v.pos == "VERB" and not self.quoted(ai, v.start) and not self._taken(ai, si, k, qs):
                        return si, k
        near = [(min(abs(t.start - qs), abs(t.start - qe)), si, j) for si, sent in sents
                for j, t in enumerate(sent.tokens)
                if t.lemma in SPEECH and t.pos == "VERB" and not self.quoted(ai, t.start) and not self._taken(ai, si, j, qs)]
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
            ended = si > 0 and aa.sentences[si - 1].text.rstrip()[-1:] in ('.', '!', '?', '”', '"', '’')  # not '... —'
            if found is None and last and last[0] == pi and qs - aa.sentences[si].start <= 1 and ended:
                e = last[1]
            last = (pi, e) if e is not None else None
            text = aa.article.text[qs:qe].strip().rstrip(",").rstrip()
            if e is not None and any(c.isalpha() for c in text) and not _TITLE.match(text):
                out.append((e, Quote(text, self.ents[e].name, cite(aa, si))))
        return out

    def evidence(self, ai: int) -> list[tuple[int, Citation]]:
        """Sentences whose main verb has the entity as its subject: what they said or did."""
        out = []
        for si, sent in enumerate(self.articles[ai].sentences):
            if sent.is_heading or (ai, si) not in self.head or sent.text.rstrip().endswith("?"):
                continue  # a heading, a question, or no entity in it
            for r in (r for r, t in enumerate(sent.tokens) if t.dep == "ROOT" and not self.quoted(ai, t.start)):
                subj = {self.tok.get((ai, si, j), -1) for j in children(sent, r) if sent.tokens[j].dep == "nsubj"}
                out += [(e, cite(self.articles[ai], si)) for e in sorted(subj - {-1})]
        return out


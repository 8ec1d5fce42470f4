"""One story's entities in context: pronouns, speakers of quotes, what each entity did.

Quotes are only text inside quotation marks, attributed through the speech verb of
their sentence; a bare quote opening the next sentence continues the one before, while
its speaker is the subject of every sentence between.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from briefgen.facts.cluster import Ent
from briefgen.facts.lexicon import role_noun
from briefgen.facts.mentions import M
from briefgen.facts.syntax import children, head
from briefgen.models import AnalyzedArticle, Citation, Quote, Token
from briefgen.text.quotes import quoted
from briefgen.text.speech import SPEECH

Key = tuple[int, int, int]  # (article, sentence, token)
#: Who can speak the words of a quote: a person, or a body through its spokespeople ('the ministry said'). Not a place:
#: words in quotation marks are someone's, and a quote the parse gives a country ('United States') was a person's nearby.
SPEAKERS = frozenset({"PERSON", "ORG"})
#: 'the “American Pie” star': a title in quotation marks, not words anyone said.
_TITLE = re.compile(r"^(?:(?:[A-Z0-9][\w'’:.&-]*|of|the|a|an|and|in|on|to|for|at|with)\s*){1,6}$")
#: Nouns and honorifics before a name that tell a person's gender.
GENDERED = {
    **dict.fromkeys(
        (
            "mr",
            "sir",
            "lord",
            "husband",
            "father",
            "son",
            "brother",
            "boyfriend",
            "king",
            "prince",
            "actor",
            "spokesman",
            "businessman",
            "congressman",
            "councilman",
            "uncle",
            "nephew",
            "grandson",
            "widower",
            "fiance",
            "dad",
            "grandfather",
            "stepfather",
        ),
        "m",
    ),
    **dict.fromkeys(
        (
            "mrs",
            "ms",
            "miss",
            "dame",
            "lady",
            "wife",
            "mother",
            "daughter",
            "sister",
            "girlfriend",
            "queen",
            "princess",
            "actress",
            "spokeswoman",
            "businesswoman",
            "congresswoman",
            "councilwoman",
            "aunt",
            "niece",
            "granddaughter",
            "widow",
            "fiancee",
            "mom",
            "mum",
            "grandmother",
            "stepmother",
            "chairwoman",
        ),
        "f",
    ),
}
#: Nouns for someone not named, with the gender they give ("One woman ... she said"); role nouns are people too.
SOMEONE = {"man": "m", "boy": "m", "woman": "f", "girl": "f", "person": ""}
#: Determiners that bring in someone new ("One young volunteer squinted ... “...,” he said"): not who was named before.
_INDEFINITE = frozenset({"a", "an", "one", "another"})
PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "m"), **dict.fromkeys(("she", "her", "hers", "herself"), "f")}
#: Quoted words up to this many are a scare quote or a term ('a “showboat”', '“lift the cloud”'), not a quote.
SCARE_WORDS = 3
#: A negation of the reporter's at most two words before a quotation that goes on with his clause ('the federal
#: government should not “be suing states for making decisions that they think” are in ...', 'would not “lose any sleep
#: over it”'): the quoted words alone would say the opposite of what was said.
_NEGATED = re.compile(r"(?:\bnot|\bnever|n['’]t|\bno longer)\s+(?:[\w'’-]+\s+){0,2}[“\"‘]$")
#: Small words a title in quotation marks leaves in lower case ('“The Method to College Ready by Age Twelve”'; the
#: possessives some styles leave small too: '“Covering: The Hidden Assault on our Civil Rights”').
_TITLE_SMALL = frozenset(
    {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "by", "or", "from", "as"}
    | {"our", "their", "your", "his", "her", "its", "my"}
)


def quote_spans(aa: AnalyzedArticle) -> list[tuple[int, int, int]]:
    """The quoted passages of an article: (start, end) of the words inside the marks, and the paragraph."""
    return [(p.start + a, p.start + b, pi) for pi, p in enumerate(aa.article.paragraphs) for a, b in quoted(p.text)]


#: Between the pieces of one quote that the speaker's attribution splits.
JOIN = " … "


def _spoken(text: str) -> bool:
    """Words someone said: more than a scare quote's few words, not a title in quotation marks, and no straight
    double quotation mark inside."""
    words = text.split()
    if len(words) <= SCARE_WORDS or not any(c.isalpha() for c in text) or _TITLE.match(text):
        return False
    if '"' in text:
        return False  # marks paired wrongly: 'the “Games" sequel "Catching Fire”' holds two titles, not one quote (a curly
        # mark inside is a quotation nested in the words: '... his own “Russian lawyer meeting” emails')
    # a figure is neither case: 'the “240th Anniversary of the Battle of the Capes”' is a title
    content = [w for w in words if (c := w.strip("“”\"'‘’(:,.")).casefold() not in _TITLE_SMALL and c[:1].isalpha()]
    return not all(w.strip("“”\"'‘’(:").strip()[:1].isupper() for w in content)  # 'The Brainy Bunch: The Harding Family's Method'


#: Words between two pieces of one quote that are only its attribution ('“We are hoping,” said Andrew, “that Jonny
#: will be ready”', '”, Mr. Smith told reporters on Tuesday, “'): the speaker's name, the verb and when or to whom.
ATTRIBUTION_WORDS = 6


def _attribution(gap: str) -> bool:
    """The text between two pieces of a quote is only the attribution (at most ATTRIBUTION_WORDS words, no reported
    clause): a piece opening in lower case after more ('“...,” Bundy said, but added that he knows what he means,
    “when I say slavery.”') goes on with the reporter's own clause; joined to the first piece it would read as one
    statement, the reporter's words between dropped, and alone it is a fragment; unless it is a whole clause itself
    (``Story._clause``)."""
    words = re.findall(r"[\w'’.-]+", gap)
    return len(words) <= ATTRIBUTION_WORDS and not any(w.casefold() == "that" for w in words)


def _negated(article: str, start: int, text: str) -> bool:
    """The quoted words (``text``, starting at ``start`` in ``article``) go on with the reporter's clause (they open in
    lower case) right after his negation (``_NEGATED``): not a quote of their own."""
    return text[:1].islower() and _NEGATED.search(article, max(0, start - 60), start) is not None


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
        self.spans = [quote_spans(aa) for aa in articles]
        # quoted(): where each quote's reach [qs - 1, qe] opens, ascending, and how far those opened so far reach
        self._opens: list[list[int]] = []
        self._reach: list[list[int]] = []
        for spans in self.spans:
            reach = sorted((qs - 1, qe) for qs, qe, _ in spans)
            self._opens.append([lo for lo, _ in reach])
            self._reach.append(list(accumulate((hi for _, hi in reach), max)))
        self.pron: dict[Key, int] = {}
        self.gender = self._genders()
        for ai in range(len(articles)):
            self._resolve_pronouns(ai)

    def quoted(self, ai: int, offset: int) -> bool:
        k = bisect_right(self._opens[ai], offset)
        return k > 0 and self._reach[ai][k - 1] >= offset

    def _genders(self) -> dict[int, str]:
        """Each person's gender as the text shows it ("m", "f"; absent when unclear): an honorific or a
        gendered noun beside a name ('Mrs', 'her husband Eric', 'his fiancee, Rhonda Rouer'), else the
        pronouns after the name in sentences that name that person alone, as their subject. Used to
        rule a pronoun's candidates out."""
        votes: dict[int, Counter[str]] = defaultdict(Counter)
        stated: dict[int, Counter[str]] = defaultdict(Counter)  # an honorific or a gendered noun outweighs pronouns
        by_sent: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # (article, sentence) -> (token, person)
        for (ai, si, i), e in self.tok.items():
            if self.ents[e].type == "PERSON":
                by_sent[(ai, si)].append((i, e))
        for (ai, si), found in by_sent.items():
            sent = self.articles[ai].sentences[si]
            for i, e in found:
                t = sent.tokens[i]
                beside = [sent.tokens[i - 1]] if i > 0 and (ai, si, i - 1) not in self.tok else []
                if t.dep == "appos" and t.head != i:
                    beside.append(sent.tokens[t.head])  # 'his fiancee, Rhonda Rouer'
                for b in beside:
                    word = b.text.casefold().strip(".")
                    if word in GENDERED:
                        stated[e][GENDERED[word]] += 1
            people = {e for _, e in found}
            subjects = [i for i, _ in found if sent.tokens[i].dep in ("nsubj", "nsubjpass")]
            if (
                len(people) != 1
                or sent.is_heading
                or not subjects
                or any(sum(t.dep == "nsubj" and t.head == sent.tokens[i].head for t in sent.tokens) > 1 for i in subjects)
            ):
                # pronouns tell the gender of the sentence's subject only, and not when the parse gives its verb
                # two subjects: 'With his fiancee, Rhonda Rouer, he ...' says nothing of hers
                continue
            (e,) = people
            first = min(i for i, _ in found)
            for t in sent.tokens[first:]:  # 'Smith said his ...': only in the sentence that names that person alone
                g = PRONOUN_GENDER.get(t.text.casefold())
                if g and t.pos == "PRON" and not self.quoted(ai, t.start):
                    votes[e][g] += 1
        out = {}
        for e, v in [*votes.items(), *stated.items()]:  # stated last, so it overrides
            for g, other in (("m", "f"), ("f", "m")):
                if v[g] >= 1 and v[g] >= 2 * v[other] + (1 if v[other] else 0):
                    out[e] = g
        return out

    def _resolve_pronouns(self, ai: int) -> None:
        """he/she as a subject: the nearest person named as a subject before it in this or the last
        paragraph whose gender fits; one of unknown gender only when no other person there fits.
        Never a guess from further back. 'who' is the name its clause hangs on."""
        named: list[tuple[int, int, int]] = []  # (offset, paragraph, entity) of each person's name, in order;
        # entity -1 or -2: a 'he' or 'she' that was nobody's
        anywhere: list[tuple[int, int, int, str]] = []  # (offset, sentence, entity, arc) of each person's name, subject or not
        for si, sent in enumerate(self.articles[ai].sentences):
            names = self.head.get((ai, si), {})
            for i, t in enumerate(sent.tokens if not sent.is_heading else ()):
                e = names.get(i)
                if e is not None and self.ents[e].type == "PERSON" and not self.quoted(ai, t.start):
                    if t.dep != "compound":  # 'the Sheen matter' refers to a matter
                        anywhere.append((t.start, si, e, t.dep))
                    if t.dep in ("nsubj", "nsubjpass"):  # subjects are what a later 'he' or 'she' means
                        named.append((t.start, sent.paragraph, e))
                    continue
                if t.dep not in ("nsubj", "nsubjpass") or self.quoted(ai, t.start) or (ai, si, i) in self.tok:
                    continue
                agent = self._agent(ai, si, i)
                if agent:  # "Cosby's lawyer, Walter Phillips, said": the lawyer speaks, not Cosby
                    named.extend((start, sent.paragraph, a) for start, a in agent)
                    continue
                someone = self._someone(ai, si, i)
                if someone is not None:  # a person brought in unnamed: a later 'he' or 'she' may mean them
                    named.extend(
                        (t.start, sent.paragraph, marker) for marker in ((-1,) if someone == "m" else (-2,) if someone == "f" else (-1, -2))
                    )
                    continue
                found: int | None = None
                g = PRONOUN_GENDER.get(t.text.casefold())
                if t.text.casefold() in ("he", "she") and g:
                    twice = sum(x.dep == "nsubj" and x.head == t.head for x in sent.tokens) > 1  # 'Rouer, he complained': a misparse
                    found = None if twice else self._nearest(named, t.start, sent.paragraph, g)
                    if found is not None and self._nearer(anywhere, named, found, t.start, si, g):
                        found = None
                    if found is None:  # a 'he' nobody named: a later 'he' may mean him too, so it blocks what came before
                        named.append((t.start, sent.paragraph, -1 if g == "m" else -2))
                elif t.dep == "nsubj" and t.tag == "WP" and sent.tokens[t.head].dep == "relcl":
                    found = self.tok.get((ai, si, sent.tokens[t.head].head))
                if found is not None and self.ents[found].type == "PERSON":
                    self.pron[(ai, si, i)] = found

    def _agent(self, ai: int, si: int, i: int) -> tuple[tuple[int, int], ...]:
        """Token ``i``, a subject, is someone's agent or relation, named or not ("Cosby's lawyer, Walter M Phillips Jr",
        "his spokesman", "her husband"), as (offset, entity) for the subjects a later 'he' or 'she' may mean: the
        person its apposition names (an entity, at the name), else the markers of a 'he' or 'she' that is nobody's box
        (-1, -2, both when its noun tells no gender, at the noun); never the one whose agent it is (BBC reports, unseen:
        "Cosby's lawyer, Walter M Phillips Jr, said ... '...,' he said" was given to Cosby). Empty when it is no
        person's noun with a possessive."""
        sent = self.articles[ai].sentences[si]
        t = sent.tokens[i]
        if t.pos != "NOUN" or not role_noun(t.lemma.casefold(), "PERSON"):
            return ()
        kids = children(sent, i)
        if not any(sent.tokens[k].dep == "poss" for k in kids):
            return ()
        names = self.head.get((ai, si), {})
        for k in kids:
            e = names.get(k)
            if sent.tokens[k].dep == "appos" and e is not None and self.ents[e].type == "PERSON":
                return ((sent.tokens[k].start, e),)
        gender = GENDERED.get(t.lemma.casefold(), "")
        return tuple((t.start, m) for m in ((-1,) if gender == "m" else (-2,) if gender == "f" else (-1, -2)))

    def _someone(self, ai: int, si: int, i: int) -> str | None:
        """Token ``i``, a subject, brings in a person without a name ("One young volunteer", "a woman", "an officer";
        not "the minister", who may be someone named before, nor "a spokesman, John Smith"): the gender its noun gives
        ("m", "f", "" when none); None when it is no such person, or not the subject of its sentence's main verb."""
        sent = self.articles[ai].sentences[si]
        t = sent.tokens[i]
        lemma = t.lemma.casefold()
        if t.pos != "NOUN" or not (lemma in SOMEONE or lemma in GENDERED or role_noun(lemma, "PERSON")):
            return None
        kids = children(sent, i)
        if any((ai, si, k) in self.tok for k in kids) or not any(sent.tokens[k].text.casefold() in _INDEFINITE for k in kids):
            return None
        if sent.tokens[t.head].dep != "ROOT":
            return None  # 'Taylor doubts a judge will throw them out': someone inside what a named person says or does
        return SOMEONE.get(lemma, GENDERED.get(lemma, ""))

    def _nearest(self, named: list[tuple[int, int, int]], at: int, paragraph: int, g: str) -> int | None:
        seen: list[int] = []
        for start, p, e in reversed(named):
            if e < 0 and start < at and p >= paragraph - 1 and (e == -1) == (g == "m"):
                break  # an unnamed 'he' stands between: whom a new 'he' means, the text does not settle
            if e >= 0 and start < at and p >= paragraph - 1 and e not in seen:
                seen.append(e)
        fits = [e for e in seen if self.gender.get(e, g) == g]
        if not fits:
            return None
        if self.gender.get(fits[0]) == g:
            return fits[0]
        return fits[0] if len(fits) == 1 else None

    def _nearer(
        self, anywhere: list[tuple[int, int, int, str]], named: list[tuple[int, int, int]], e: int, at: int, si: int, g: str
    ) -> bool:
        """Another person of the pronoun's gender is named between the subject ``e`` last named before ``at`` and
        the pronoun: in a sentence between theirs, as anything (not as a noun's modifier), or in the subject's
        own sentence as its apposition or another subject ('Through Dr. Kolb, Anne Ziegenhorn met other women.
        ... She said', which the parse reads with Kolb as the subject): whom 'she' means, the text does not
        settle. So does another subject of the subject's own sentence, before it or after ('O'Rourke said he
        believed Trump sought to obstruct justice. “...,” he said': Trump is the last subject named, O'Rourke
        the speaker), and a name in the pronoun's own sentence when the subject was named in an earlier one
        ('Morell acted on his own. But when the draft was sent to Petraeus, he dismissed it, saying “...”').
        An object beside the subject ('Snider said he backed King. “...,” he said') and a name in the
        pronoun's own sentence that also names the subject ('As Brill was about to drive past Scott, he said')
        leave the parse's reading."""
        last = max(start for start, _, o in named if o == e and start < at)
        own = next(s for start, s, o, _ in anywhere if start == last)
        return any(
            o != e
            and (
                (self.gender.get(o) == g and ((last < start < at and s not in (si, own)) or (s == si != own and start < at)))
                # another subject of the subject's own sentence whose gender the story does not tell may be the one meant
                # too ('Sen. Lindsey Graham suggested Trump might want to think twice ... “...,” he said')
                or (self.gender.get(o, g) == g and s == own and dep in ("appos", "nsubj", "nsubjpass"))
            )
            for start, s, o, dep in anywhere
        )

    def subject(self, ai: int, si: int, v: int) -> int | None:
        """The entity doing the saying; participles and conjuncts borrow their head's subject. A subject inside the
        quotation marks is none ('"We apologize to ... Warren Beatty ...," a statement from the firm said', parsed with
        Beatty as the subject of 'said'); nor is a borrowed one that the verb's own object may mean ('He confirmed that
        Ryan called him and told him to "..."', parsed with 'told' beside 'confirmed': who told whom, the parse
        cannot settle)."""
        sent = self.articles[ai].sentences[si]
        own = v

        def subjects(v: int) -> list[int]:
            return [j for j in children(sent, v) if sent.tokens[j].dep == "nsubj" and not self.quoted(ai, sent.tokens[j].start)]

        subj = subjects(v)
        for _ in range(3):
            if subj or sent.tokens[v].dep not in ("conj", "advcl", "xcomp"):
                break
            v = sent.tokens[v].head
            subj = subjects(v)
        if v != own and subj:
            told = {
                PRONOUN_GENDER.get(sent.tokens[j].text.casefold()) for j in children(sent, own) if sent.tokens[j].dep in ("dobj", "dative")
            }
            e = self.tok.get((ai, si, subj[0]), self.pron.get((ai, si, subj[0])))
            said = PRONOUN_GENDER.get(sent.tokens[subj[0]].text.casefold()) or (self.gender.get(e) if e is not None else None)
            if said is not None and said in told:
                return None
        if len(subj) > 1:
            return None  # 'with his fiancee, Rhonda Rouer, he complained': two subjects, a misparse; whose words is unclear
        if sent.tokens[v].lemma == "quote" and any(sent.tokens[j].text.casefold() == "as" for j in children(sent, v)):
            subj = [j for j in children(sent, v) if sent.tokens[j].dep == "dobj"]  # 'the agency quoted X as saying': X spoke
        for u in subj[:1]:
            for j in [u, *(k for k in children(sent, u) if sent.tokens[k].dep == "appos")]:
                e = self.tok.get((ai, si, j), self.pron.get((ai, si, j)))
                if e is not None:
                    return e
            if sent.tokens[u].pos == "NOUN" and any(sent.tokens[k].text.casefold() == "the" for k in children(sent, u)):
                return self._definite_org(ai, sent.tokens[u])
        return None

    def _definite_org(self, ai: int, t: Token) -> int | None:
        """'the ministry' is the latest organisation named '... Ministry' before it."""
        found = [
            (m.start, e)
            for e, ent in enumerate(self.ents)
            if ent.type == "ORG"
            for m in (self.ms[i] for i in ent.mentions)
            if m.art == ai and m.start < t.start and not self.quoted(ai, m.start) and m.key.split()[-1] == t.text.casefold()
        ]
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

    def _outer(self, ai: int, si: int, k: int) -> list[int]:
        """Speech verbs above verb ``k``, outside quotes."""
        sent, out, steps = self.articles[ai].sentences[si], [], 0
        while sent.tokens[k].head != k and steps < 15:
            k, steps = sent.tokens[k].head, steps + 1
            v = sent.tokens[k]
            if v.lemma in SPEECH and v.pos == "VERB" and not self.quoted(ai, v.start):
                out.append(k)
        return out

    def _taken(self, ai: int, si: int, k: int, qs: int) -> bool:
        """'Heller said she was “ensconced” ... — “I hear ...”': the verb already has a quote between
        it and this one, so this quote belongs to a verb higher up."""
        verb = self.articles[ai].sentences[si].tokens[k].start
        return any(verb < s < qs and self._governor(ai, s, e) == (si, k) for s, e, _ in self.spans[ai])

    def _speech_verb(self, ai: int, qs: int, qe: int) -> tuple[int, int, bool] | None:
        """The speech verb outside quotes that governs the quote, else the nearest such verb; with whether it governs."""
        sents = [(si, s) for si, s in enumerate(self.articles[ai].sentences) if s.start < qe and s.end > qs]
        for si, sent in sents:  # 'heard a cop yell, “What ...”': the verb just before the quote is its own
            before = [j for j, t in enumerate(sent.tokens) if t.start < qs and t.pos != "PUNCT"]
            if (
                before
                and sent.tokens[before[-1]].lemma in SPEECH
                and sent.tokens[before[-1]].pos in ("VERB", "NOUN")
                and qs - sent.tokens[before[-1]].start <= len(sent.tokens[before[-1]].text) + 4
            ):
                return si, before[-1], True
        for si, sent in sents:
            for i, t in enumerate(sent.tokens):
                k, steps = i, 0
                while qs <= t.start < qe and steps < 15 and sent.tokens[k].head != k:
                    k, steps = sent.tokens[k].head, steps + 1
                    v = sent.tokens[k]
                    if v.lemma in SPEECH and v.pos == "VERB" and not self.quoted(ai, v.start) and not self._taken(ai, si, k, qs):
                        return si, k, True
        near = [
            (min(abs(t.start - qs), abs(t.start - qe)), si, j)
            for si, sent in sents
            for j, t in enumerate(sent.tokens)
            if t.lemma in SPEECH and t.pos == "VERB" and not self.quoted(ai, t.start) and not self._taken(ai, si, j, qs)
        ]
        return (min(near)[1], min(near)[2], False) if near else None

    def _according(self, ai: int, qs: int, qe: int) -> int | None:
        """The source a quote's sentence names with 'according to' outside quotes ('“...,” according to CNN'): its
        entity, or -1 when the source is no entity of the story ('according to a source'); None without one."""
        for si, sent in enumerate(self.articles[ai].sentences):
            if not (sent.start < qe and sent.end > qs):
                continue
            for j, t in enumerate(sent.tokens[:-1]):
                if t.text.casefold() != "according" or sent.tokens[j + 1].text.casefold() != "to" or self.quoted(ai, t.start):
                    continue
                obj = [k for k in children(sent, j + 1) if sent.tokens[k].dep == "pobj"]
                return next((e for k in obj[:1] for e in [self.tok.get((ai, si, k))] if e is not None), -1)
        return None

    def quotes(self, ai: int) -> list[tuple[int, Quote]]:
        """Quoted words with an explicit speaker; a bare quote opening the next sentence continues one (``_still``).
        Pieces of one speaker's quote in one paragraph ('“A,” she said. “B”') are one quote, joined by
        JOIN; scare quotes (up to SCARE_WORDS words) and titles are nobody's words."""
        aa = self.articles[ai]
        out: list[tuple[int, Quote]] = []
        last: tuple[int, int, int] | None = None  # (paragraph, entity, sentence it ends in) of the previous quote
        joined = -1  # paragraph of out[-1], while the quotes since are its pieces
        piece_end = 0  # where the last piece of out[-1] ends
        for qs, qe, pi in self.spans[ai]:
            verb = self._speech_verb(ai, qs, qe)
            found = verb[:2] if verb else None
            e = self.subject(ai, *found) if found else None
            if found and e is not None and any(self.subject(ai, found[0], v) != e for v in self._outer(ai, *found)):
                e = None  # 'Sanders said Trump denies “all of these allegations”': whose words they are, the text does not settle
            source = None if verb and verb[2] else self._according(ai, qs, qe)
            if source is not None:  # 'The president is “furious,” according to CNN': no verb governs the words, CNN is their source
                e = source if source >= 0 else None
            if e is not None and self.ents[e].type not in SPEAKERS:
                e = None  # a place does not speak words in quotation marks; who did, the parse missed
            asked = verb is not None and self.articles[ai].sentences[verb[0]].tokens[verb[1]].lemma == "ask"
            if asked and aa.article.text[qs : qs + 1].islower():
                e = None  # 'Rose asked Rubio whether ... his campaign portrays leaders as "trapped in the past"': words
                #           the asker puts back to the one asked, not his own
            si = found[0] if found else next((i for i, s in enumerate(aa.sentences) if s.end > qs), -1)
            if si < 0:
                continue
            ended = si > 0 and aa.sentences[si - 1].text.rstrip()[-1:] in (".", "!", "?", "”", '"', "’")  # not '... —'
            if (
                found is None
                and source is None
                and last
                and last[0] == pi
                and qs - aa.sentences[si].start <= 1
                and ended
                and self._still(ai, *last[1:], si)
            ):
                e = last[1]
            text = aa.article.text[qs:qe].strip().rstrip(",").rstrip()
            if e is None or not _spoken(text) or self._term(ai, si, qs, qe) or _negated(aa.article.text, qs, text):
                last, joined = None, -1
                continue
            last = (pi, e, next((k for k in range(si, len(aa.sentences)) if aa.sentences[k].end >= qe), si))
            if joined == pi and out and out[-1][0] == e:
                if text[:1].islower() and not _attribution(aa.article.text[piece_end:qs]) and not self._clause(ai, qs, qe):
                    continue  # it goes on with the reporter's clause: joined, it would read as one statement; alone, a fragment
                q = out[-1][1]
                out[-1] = (e, replace(q, text=q.text + JOIN + text))
                piece_end = qe
                continue
            out.append((e, Quote(text, self.ents[e].name, cite(aa, si))))
            joined, piece_end = pi, qe
        return out

    def _clause(self, ai: int, qs: int, qe: int) -> bool:
        """The quoted words are a whole main clause: a verb with its own subject among them, not opened by a
        subordinating word ('... adding that "issues of interaction with the PMC ... were put on the agenda"'; not "when
        I say slavery", "to get away from this issue", "is a niche player")."""
        for sent in self.articles[ai].sentences:
            if not (sent.start < qe and sent.end > qs):
                continue
            inside = [i for i, t in enumerate(sent.tokens) if qs <= t.start < qe and t.pos != "PUNCT"]
            if inside and (sent.tokens[inside[0]].pos == "SCONJ" or sent.tokens[inside[0]].tag in ("WRB", "WDT", "WP")):
                return False  # "when I say slavery", "because we really don't know what happened": a subordinate clause
            for i in inside:
                t = sent.tokens[i]
                if t.pos not in ("VERB", "AUX") or (qs <= sent.tokens[t.head].start < qe and t.head != i):
                    continue  # not a verb at the top of the quoted words
                kids = [k for k in children(sent, i) if qs <= sent.tokens[k].start < qe]
                if any(sent.tokens[k].dep in ("nsubj", "nsubjpass") for k in kids) and not any(sent.tokens[k].dep == "mark" for k in kids):
                    return True
        return False

    def _still(self, ai: int, e: int, after: int, si: int) -> bool:
        """Entity ``e``, the speaker of a quote ending in sentence ``after``, is still the one speaking at sentence
        ``si``: every sentence between has ``e`` as its main verb's subject ('“...,” Snow said. He said the tram
        slid ... “...”'). A sentence about someone or something else ends the run: a bare quote after it is
        nobody's ('... the U.S. Consulate advised ... Tony Molina ... He told CNN ... “I saw the truck ...”')."""
        for k in range(after + 1, si):
            tokens = self.articles[ai].sentences[k].tokens
            subjects = [
                self.tok.get((ai, k, j), self.pron.get((ai, k, j)))
                for r, t in enumerate(tokens)
                if t.dep == "ROOT"
                for j, u in enumerate(tokens)
                if u.head == r and j != r and u.dep in ("nsubj", "nsubjpass")
            ]
            if e not in subjects:
                return False
        return True

    def _term(self, ai: int, si: int, qs: int, qe: int) -> bool:
        """The quoted words stand between a determiner and the noun they name, a term and not words said ('the
        “don't ask, don't tell” policy', 'a “stand your ground” law')."""
        tokens = self.articles[ai].sentences[si].tokens
        before = [t for t in tokens if t.start < qs and t.pos != "PUNCT"]
        after = [t for t in tokens if t.start >= qe and t.pos != "PUNCT"]
        return bool(before and after and (before[-1].pos == "DET" or before[-1].dep == "poss") and after[0].pos == "NOUN")

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

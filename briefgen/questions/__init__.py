"""Open questions: what a story's sources leave unknown, disputed, unverified, conflicting or pending.

Works only from the records of analyze.py (no spaCy), so it is tested with hand-made tokens.
Questions are rebuilt from the dependency parse instead of echoing a sentence, so they read
like a reader's question; evidence is always whole, verbatim sentences. A question that the
story's own summary or another of its sources answers is not asked (see answering.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from briefgen.config import BuildConfig
from briefgen.models import AnalyzedArticle, Citation, Question, Sentence, SummarySentence
from briefgen.questions import kinds, support
from briefgen.questions.answering import (
    CHOSEN,
    NOBODY,
    RESULTS,
    Focus,
    answered,
    answers,
    asked_person,
    confirms,
    could_answer,
    denies,
    fated,
    focus,
    mentions,
    names_as,
    nominals,
    outcome,
    purposed,
    stated,
    uncertain,
)
from briefgen.questions.conflicting import conflicts
from briefgen.questions.parse import (
    MAX_WORDS,
    PRONOUNS,
    UNRESOLVED,
    as_tree,
    bare_definites,
    children,
    clause_question,
    dangling,
    key_stems,
    lemma_forms,
    named_in,
    number_for_noun,
    own_subject,
    resolve,
    subtree,
)

__all__ = ["MAX_WORDS", "answers", "candidates", "clause_question", "open_questions", "question_focus", "resolved_questions"]

log = logging.getLogger(__name__)

WEIGHTS = {"unknown": 3.0, "disputed": 3.0, "conflicting": 3.0, "unverified": 2.5, "pending": 1.5}
PER_KIND = {"pending": 2}  # plans are many and mostly routine: at most this many, so other kinds get room
BROKEN = re.compile(
    r"\s[-–—]{1,2}\s|\s-\w|\w-\s|--"  # a dash aside cut in half reads as nonsense
    r"|\b(?:be|been|being|have|has|had|do|does|did|is|are|was|were|will|would)\?$"  # "Will O'Brien be?"
    r"|\b(?:of|than|the|a|an)\?$"  # "Did Brown have a blood alcohol content of?": a sentence split early ("being treated for?" is whole)
    r"|\b(?:at|after|before|until|by|from)\s+\d{1,2}\?$"  # "shortly after 06?" of "after 06: 00 BST": a time cut in two
    r"|\b(?:that|those)\s+(?!(?:the|a|an|it|he|she|they)\b)[a-z]+"
)  # "that range": which one?


#: A trial's question (kinds.charged): "Did Pitman set fire to the store?" beside "Will Pitman be convicted of arson?" asks
#: the same thing twice, and the trial's question is the one the story awaits.
_TRIAL = re.compile(r"^Will (.+?) be convicted\b")


@dataclass
class _Cand:
    kind: str
    question: str
    evidence: list[tuple[int, int]]  # (article position, sentence index)
    keys: set[str] = field(default_factory=set)
    weight: float = 0.0
    focus: Focus | None = None
    variants: list[str] = field(default_factory=list)  # the wordings merged into this question
    signs: set[str] = field(default_factory=set)  # the support.CUES it carries
    cores: list[tuple[set[str], set[str]]] = field(default_factory=list)  # each wording's claim without asides: (keys, names)
    person: str = ""  # the role noun an identity question asks about ("victim"; see answering.asked_person)
    sents: list[Sentence] = field(default_factory=list)  # the sentence of each wording, as ``cores``
    bare: dict[str, set[str]] = field(default_factory=dict)  # each wording's bare definite nouns (parse.bare_definites)
    alleged: bool = False  # an allegation (kinds.alleged): a case decided answers it


def _candidates(
    articles: Sequence[AnalyzedArticle],
    sent_keys: dict[tuple[int, int], set[str]],
    names: set[str],
    forms: Sequence[Mapping[int, frozenset[str]]],
) -> list[_Cand]:
    """Every detection of every sentence; a detector runs only where its cue words are (``kinds.cues``)."""
    cues = [{si: kinds.cues(f) for si, f in by_sent.items()} for by_sent in forms]
    notes = [
        (ai, s.index)
        for ai, a in enumerate(articles)
        for s in a.sentences
        if not s.is_heading and "no_proof" in cues[ai][s.index] and kinds.no_proof(s)
    ]
    cands: list[_Cand] = []
    by_pos = {(ai, s.index): s for ai, a in enumerate(articles) for s in a.sentences}

    def add(
        kind: str,
        found: kinds.Found,
        ai: int,
        s: Sentence,
        more: Sequence[tuple[int, int]] = (),
        bonus: float = 0.0,
        cue: bool = True,
        alleged: bool = False,
    ) -> None:
        if (
            found.question[:1].isalpha()
            and len(found.question.split()) >= 3
            and not UNRESOLVED.search(found.question)
            and not number_for_noun(found.sent.tokens, found.idx)
            and not dangling(found.sent.tokens, _worded(found))
            and not BROKEN.search(found.question)
            and (not found.question.startswith("What ") or len(_content_words(found.question)) >= 2)
        ):
            # "What was at issue?", "What was the defect?": about nothing named ("Where is Prigozhin?" asks for a place)
            cites = list(dict.fromkeys([(ai, s.index), (ai, found.sent.index), *more]))
            keys = key_stems(found.sent.tokens, found.idx)[0]
            plain = all(
                (name := resolve(articles[ai], found.sent, i, 0) or own_subject(articles[ai], found.sent, i)) is not None
                and name.removesuffix("'s") in found.question
                for i in found.idx
                if found.sent.tokens[i].pos == "PRON" and found.sent.tokens[i].text.casefold() in PRONOUNS
            )  # no pronoun, or one its own sentence resolves to the name the question holds ("the reasoning behind his ruling";
            # "Prigozhin portrayed his actions as ... his group's field camps", the name untagged: own_subject)
            signs = {sign for sign, holds in (("cue", cue), ("plain", plain)) if holds}
            cands.append(
                _Cand(
                    kind,
                    found.question,
                    cites,
                    keys,
                    WEIGHTS[kind] + bonus,
                    focus(kind, found),
                    signs=signs,
                    cores=[_core(found)],
                    sents=[found.sent],
                    bare={found.question: bare_definites(found.sent.tokens, _worded(found))},
                    person=asked_person(found) if kind == "unknown" else "",
                    alleged=alleged,
                )
            )

    for ai, a in enumerate(articles):
        for s in (s for s in a.sentences if not s.is_heading and s.tokens and not _shouting(s.text)):
            run = cues[ai][s.index]
            for found in kinds.unknown(a, s) if "unknown" in run else ():
                add("unknown", found, ai, s)
            # each other article's best sentence raising the same claim joins the evidence
            for found in kinds.disputed(a, s) if "disputed" in run else ():
                keys = key_stems(found.sent.tokens, found.idx)[0]
                hits = sorted((-len((keys & ks) - names), k) for k, ks in sent_keys.items() if k[0] != ai and len((keys & ks) - names) >= 2)
                add("disputed", found, ai, s, list({k[0]: k for _, k in reversed(hits)}.values()))
            # a claim is asked only when a note of missing proof links to it, or "claim"/"allege" already doubts it:
            # the question, the costly part, is built only then
            asked = notes or "no_proof" in run or not kinds.CLAIMED.isdisjoint(forms[ai][s.index])
            for r in kinds.reported(s) if "claims" in run and asked else ():
                keys = key_stems(s.tokens, r.span)[0]
                claimer = kinds.speakers(s, r.verb)
                # the note must point at the claim: the next sentence saying what proof is missing of it, or the claim's
                # own sentence. A note nearby or in another article sharing the claim's words (the paths tried before)
                # linked claims judged wrong every time on news no rule was made on (0 of 11 over four rounds)
                linked = [
                    n
                    for n in notes
                    if n == (ai, s.index + 1)
                    and not (claimer and claimer & kinds.speakers(by_pos[n]))
                    and kinds.points_back(by_pos[n], keys)
                ] + [(ai, s.index)] * ("no_proof" in run and kinds.no_proof(s, r.core, keys))
                if (linked or r.claimed) and (claim := kinds.claim(a, s, r)) is not None:
                    add("unverified", claim.found, ai, s, linked, 0.0 if linked else -0.5, cue=bool(linked))
            for found in kinds.pending(a, s) if "pending" in run else ():
                add("pending", found, ai, s, cue=found.awaited)
            for found in kinds.charged(a, s) if "charged" in run else ():
                add("pending", found, ai, s)  # a trial's outcome, awaited
            for found in kinds.sued(a, s) if "sued" in run else ():
                add("pending", found, ai, s)  # a suit's outcome, awaited
            for found in kinds.alleged(a, s) if "alleged" in run else ():
                add("unverified", found, ai, s, alleged=True)  # a deed alleged, not proven
    tried = {m.group(1).split()[-1] for c in cands if (m := _TRIAL.match(c.question))}  # by surname: "Smith" of "John Smith"
    cands = [c for c in cands if not (c.alleged and not tried.isdisjoint(re.findall(r"[\w'’-]+", c.question)))]  # one question a person
    for question, cited, keys in conflicts(articles):
        # built from a template and the counted noun, never by resolving a pronoun: plain
        cands.append(_Cand("conflicting", question, cited, keys, WEIGHTS["conflicting"], signs={"cue", "plain"}))
    return cands


def _worded(found: kinds.Found) -> set[int]:
    """The tokens of ``found``'s span that its question still holds: "Why was Rose in the area?" of "why Rose was in the
    area, which is off campus" lost what said which area, and "Why did Reid enter rehab?" holds none of the span's
    "a source from the magazine". Compared by their words, as the rebuilt question keeps no token indices."""
    words = set(re.findall(r"[\w'’-]+", found.question.casefold()))
    return {i for i in found.idx if found.sent.tokens[i].text.casefold() in words}


def _core(found: kinds.Found) -> tuple[set[str], set[str]]:
    """The key stems of a question's clause without its asides ("Weitz, who directed The Golden Compass, is
    negotiating ..."), and those of them that are names: what a confirmation must be about."""
    toks, kids = found.sent.tokens, children(found.sent.tokens)
    aside = {j for k in found.idx if k != found.head and toks[k].dep in ("relcl", "appos", "parataxis") for j in subtree(kids, k)}
    keys, names = key_stems(toks, set(found.idx) - aside)
    return keys, names


def _answered_in_story(articles: Sequence[AnalyzedArticle], c: _Cand, forms: Sequence[Mapping[int, frozenset[str]]]) -> bool:
    """Another source of the story answers it: a plan that happened, an unknown that a later article
    states, a claim that another article confirms on its own or reports confirmed (``confirms``). A sentence without a form of the
    predicate (``forms``, see ``parse.lemma_forms``) cannot, so it is not parsed."""
    f = c.focus
    if f is None or c.kind in ("disputed", "conflicting"):
        return False
    cited = {ai for ai, _ in c.evidence}
    said = f.pred | nominals(f.pred)  # "made an appearance" can answer "When will X appear?"
    first = min((articles[ai].article.date or "" for ai in cited), default="")
    people: list[dict[int, list[tuple[int, int]]]] = [{} for _ in articles]
    for ai, a in enumerate(articles) if c.person else ():
        for m in a.mentions:
            if m.label == "PERSON":
                people[ai].setdefault(m.sentence, []).append((m.start, m.end))
    for ai, a in enumerate(articles):
        if c.kind == "unverified" and ai in cited:
            continue  # the claimer repeating the claim is no corroboration
        if c.kind == "pending" and a.article.date and first and a.article.date < first:
            continue  # an article older than the plan cannot know its outcome
        sents = (
            s
            for s in a.sentences
            if not said.isdisjoint(forms[ai][s.index])
            and (ai, s.index) not in c.evidence
            and not (c.alleged and _relayed(forms[ai][s.index]))
        )
        if (hit := answered(f, sents)) is not None:
            log.debug("dropped %r: %s answers it: %s", c.question, a.article.id, hit.text)
            return True
        if (
            c.kind == "unknown"
            and (
                hit := next(
                    (
                        s
                        for s in a.sentences
                        if not (f.pred or {f.light}).isdisjoint(forms[ai][s.index])
                        and not (NOBODY | {"not", "n't", "never"}).isdisjoint(forms[ai][s.index])
                        and (ai, s.index) not in c.evidence
                        and denies(f, s)
                    ),
                    None,
                )
            )
            is not None
        ):
            log.debug("dropped %r: %s answers no: %s", c.question, a.article.id, hit.text)
            return True  # "Was anyone else in the building?" beside "there was nobody else in the building"
        if (
            c.person
            and (
                hit := next(
                    (
                        s
                        for s in a.sentences
                        if c.person in forms[ai][s.index]
                        and (ai, s.index) not in c.evidence
                        and names_as(c.person, s, people[ai].get(s.index, ()))
                    ),
                    None,
                )
            )
            is not None
        ):
            log.debug("dropped %r: %s names the %s: %s", c.question, a.article.id, c.person, hit.text)
            return True  # "the victim's name was not released" beside "the victim, John Smith, ..."
        if (
            c.kind == "unverified"
            and (
                hit := next(
                    (
                        s
                        for s in a.sentences
                        if not kinds.VERIFY.isdisjoint(forms[ai][s.index]) and any(confirms(k, n, s) for k, n in c.cores)
                    ),
                    None,
                )
            )
            is not None
        ):
            log.debug("dropped %r: %s confirms it: %s", c.question, a.article.id, hit.text)
            return True
    if c.alleged and (hit := next((s for a in articles for s in a.sentences if kinds.decided(s)), None)) is not None:
        log.debug("dropped %r: the story reports the case decided: %s", c.question, hit.text)
        return True  # "Did Smith shoot the man?" beside "Smith was convicted of murder"
    for result, given in kinds.DECIDED_BY.items():
        if result in f.pred and (hit := next((s for a in articles for s in a.sentences if given(s)), None)) is not None:
            log.debug("dropped %r: the story reports the case decided: %s", c.question, hit.text)
            return True  # "Will Smith be convicted?" beside "Smith pleaded guilty"; a suit beside "the judge dismissed it"
    results = set().union(*RESULTS.values(), CHOSEN)
    for ai, a in enumerate(articles):  # the story has moved past it, or states it outright (in the claim's article too)
        for s in a.sentences:
            if (ai, s.index) in c.evidence or (c.alleged and _relayed(forms[ai][s.index])):
                continue
            if not results.isdisjoint(forms[ai][s.index]) and outcome(f, s):
                log.debug("dropped %r: %s reports its outcome: %s", c.question, a.article.id, s.text)
                return True
            if (f.target in forms[ai][s.index] and fated(f, s)) or (not f.act.isdisjoint(forms[ai][s.index]) and purposed(f, s)):
                log.debug("dropped %r: %s answers it in other words: %s", c.question, a.article.id, s.text)
                return True  # "would be handed over to authorities", "had gone to the apartment to question a woman"
            if c.kind == "unverified" and any(stated(f, cs, core, s) for cs, core in zip(c.sents, c.cores, strict=True)):
                log.debug("dropped %r: %s states it as fact: %s", c.question, a.article.id, s.text)
                return True
    return False


#: Words by which a sentence gives its statement as someone's account: "Gray pointed a gun at them, according to police".
#: Wider than ``hedges.reported``, which needs a reporting verb's own clause: "Gray was shot after, police say, pointing
#: a gun at approaching cops" reports the deed too (as ``answering.stated`` does not read it).
RELAYED = kinds.ANNOUNCE | {"according", "accord", "account"}


def _relayed(forms: frozenset[str]) -> bool:
    """The sentence gives what it states as someone's account (``forms``: its ``parse.lemma_forms``): of an allegation,
    another source relaying the accusers' account ("according to police accounts") is no answer."""
    return not RELAYED.isdisjoint(forms)


def _quoted(sent: Sentence) -> bool:
    """The sentence is a speaker's words, its main verb in quotation marks (``kinds.quoted_at``): a witness's ('"The cop
    took out his gun and started firing at Kimani."')."""
    root = next((i for i, t in enumerate(sent.tokens) if t.dep == "ROOT"), None)
    return root is not None and kinds.quoted_at(sent.tokens, root)


def _overtaken(articles: Sequence[AnalyzedArticle], c: _Cand) -> bool:
    """An unknown that its sources call unknown for now ("not immediately known", "still", ``kinds.time_bound``)
    is not asked when an article of the story is dated after the latest of them: by then the answer
    was likely out ("Is the shooter still in the building?" beside a later report of his arrest).
    Only real dates count: one inferred from similar articles (``Article.date_source``) is for grouping."""
    if c.kind != "unknown" or not any(kinds.time_bound(s) for ai, si in c.evidence for s in articles[ai].sentences if s.index == si):
        return False
    dates = [a.article.date if a.article.date_source != "inferred" else None for a in articles]
    cited = [dates[ai] for ai, _ in c.evidence]
    if not all(cited):
        return False  # a source of unknown date may be the latest
    latest = max(d for d in cited if d)
    later = next((a.article.id for a, d in zip(articles, dates, strict=True) if d and d > latest), None)
    if later is not None:
        log.debug("dropped %r: unknown for now, and %s is later", c.question, later)
    return later is not None


def open_questions(
    articles: Sequence[AnalyzedArticle], config: BuildConfig, summary: Sequence[SummarySentence] | None = None, title: str | None = None
) -> list[Question]:
    """What one story's sources leave open, best first, at most ``config.max_questions``: only the
    candidates (see ``candidates``) that are well formed and reach ``support.THRESHOLD`` points of
    evidence. An empty list is a fine answer: a wrong question misleads, a missing one only omits."""
    shown = [q for q, signs, formed in candidates(articles, summary, title) if formed and support.score(signs) >= support.THRESHOLD]
    counts: dict[str, int] = {}
    out: list[Question] = []
    for q in shown:
        if any(o.question == q.question for o in out):
            continue  # "Did Smith have an affair?" both denied and unverified: asked once, as its best kind
        counts[q.kind] = counts.get(q.kind, 0) + 1
        if counts[q.kind] <= PER_KIND.get(q.kind, config.max_questions):
            out.append(q)
    log.debug("%d open questions shown", len(out))
    return out[: config.max_questions]


def candidates(
    articles: Sequence[AnalyzedArticle], summary: Sequence[SummarySentence] | None = None, title: str | None = None
) -> list[tuple[Question, frozenset[str], bool]]:
    """Every question the sources raise and nothing in the story answers, best first, each with the
    evidence signs it carries (``support.CUES``) and whether its wording passes ``support.well_formed``.

    With ``summary``, questions that a summary sentence answers are dropped, and so are plans that the
    summary states and more than one source reports: "Will X host the Oscars?" under "X will host the
    Oscars" asks nothing new. A plan only one source mentions stays a question even when that source's
    sentence is in the summary. And a question must say which thing it means: one whose bare definite noun
    ("the abduction") the story's ``title`` does not name is dropped (``_unintroduced``: the title is what every
    reader of the question has read; without a title, the summary other than the question's own evidence stands in;
    with neither, no such check is made).
    """
    articles = [replace(a, sentences=tuple(as_tree(s) for s in a.sentences)) for a in articles]
    sent_keys: dict[tuple[int, int], set[str]] = {}
    names: set[str] = set()
    for ai, a in enumerate(articles):
        for s in a.sentences:
            keys, ents = key_stems(s.tokens, range(len(s.tokens)))
            names |= ents
            if not s.is_heading:
                sent_keys[ai, s.index] = keys
    position = {a.article.id: ai for ai, a in enumerate(articles)}
    in_summary = {
        (position[s.citation.article], x.index)
        for s in summary or ()
        if s.citation.article in position
        for x in s.citation.sentences(articles[position[s.citation.article]].sentences)
    }
    by_index = [{s.index: s for s in a.sentences} for a in articles]
    summary_sents = [(ai, by_index[ai][si]) for ai, si in sorted(in_summary) if si in by_index[ai]]
    forms = [{s.index: lemma_forms(s) for s in a.sentences} for a in articles]
    cands = _candidates(articles, sent_keys, names, forms)
    merged = [c for c in _merge(cands) if not _answered_in_story(articles, c, forms) and not _overtaken(articles, c)]
    kept = []
    for c in merged:
        if (summary is not None or title is not None) and (unknown := _unintroduced(c, summary_sents, forms, title)):
            log.debug("dropped %r: the title (or summary) does not say which %s", c.question, ", ".join(sorted(unknown)))
            continue
        if (f := c.focus) is not None and answered(
            f,
            (
                s
                for ai, s in summary_sents
                if not (f.pred | nominals(f.pred)).isdisjoint(forms[ai][s.index]) and (ai, s.index) not in c.evidence
            ),
        ):
            log.debug("dropped %r: the summary answers it", c.question)
            continue
        cited = {ai for ai, _ in c.evidence}
        if (
            c.kind == "pending"
            and "cue" not in c.signs
            and (
                (len(cited) > 1 and in_summary & set(c.evidence))
                or (c.focus is not None and any(mentions(c.focus, s) and (len(cited) > 1 or ai not in cited) for ai, s in summary_sents))
            )
        ):
            log.debug("dropped %r: the summary already states the plan", c.question)
            continue
        if title is not None and c.bare.get(c.question):
            c.signs.add("named")  # its bare nouns are the title's ("What caused the fire?" under "Warehouse fire kills two")
        kept.append(c)
    named, tagged = support.story_names(articles), support.story_names(articles, least=1)
    return _finish(articles, kept, sent_keys, names, named, support.story_nouns(articles), tagged)


def _unintroduced(
    c: _Cand, summary_sents: Sequence[tuple[int, Sentence]], forms: Sequence[Mapping[int, frozenset[str]]], title: str | None = None
) -> set[str]:
    """The bare definite nouns of ``c``'s wording ("Did authorities have suspects in the abduction?", "When might the
    high court act?") that the story's ``title`` does not name (``named_in``): the reader cannot tell which abduction or
    court it means. Judges marked questions about "the plan", "the store", "the devices" and "the election" wrong when only
    the summary spoke of them: the title is what every reader of the question has read. Without a title, a summary
    sentence other than the question's own evidence must mention it."""
    bare = c.bare.get(c.question, set())
    if not bare:
        return set()
    if title is not None:
        return {n for n in bare if not named_in(n, title)}
    known = set().union(*(forms[ai][s.index] for ai, s in summary_sents if (ai, s.index) not in c.evidence))
    return {n for n in bare if n not in known}


def _merge(cands: list[_Cand]) -> list[_Cand]:
    """One question per claim across sources: same kind and mostly the same key words, or the same
    wh-word and predicate about the same things ("What is Reid being treated for?" twice)."""
    out: list[_Cand] = []
    for c in cands:
        same = next(
            (
                o
                for o in out
                if o.kind == c.kind
                and (
                    o.question == c.question
                    or (c.keys & o.keys and len(c.keys & o.keys) / len(c.keys | o.keys) >= (0.4 if c.kind == "pending" else 0.5))
                    or (
                        c.focus is not None
                        and o.focus is not None
                        and c.focus.pred & o.focus.pred
                        and ((c.focus.wh and c.focus.wh == o.focus.wh) or (c.kind == "pending" and c.focus.args & o.focus.args))
                    )
                    or (
                        c.focus is not None
                        and o.focus is not None
                        and c.focus.wh == o.focus.wh == "why"
                        and _names(c.question) & _names(o.question)
                    )
                )
            ),
            None,
        )  # "Why did Reid enter rehab?" = "What was behind Reid's checking in?"
        if same is None:
            out.append(c)
            continue
        same.evidence += [e for e in c.evidence if e not in same.evidence]
        same.keys, same.weight, same.signs = same.keys | c.keys, max(same.weight, c.weight), same.signs | c.signs
        same.cores += c.cores
        same.sents += c.sents
        for wording, nouns in c.bare.items():
            same.bare[wording] = same.bare.get(wording, set()) | nouns
        same.variants += [same.question] * (not same.variants) + [c.question]
    for c in out:  # a wording that does not run on into another sentence, the one most sources give, then the shortest
        if c.variants:
            c.question = min(c.variants, key=lambda q: (support.run_on(q), -c.variants.count(q), len(q), q))
    return out


_FUNCTION = frozenset(
    {
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "when",
        "where",
        "why",
        "how",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "did",
        "do",
        "does",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "has",
        "have",
        "had",
        "the",
        "a",
        "an",
        "of",
        "at",
        "to",
        "in",
        "on",
        "for",
        "by",
        "with",
        "from",
        "as",
        "about",
        "into",
        "than",
        "that",
        "this",
        "these",
        "those",
        "there",
        "it",
        "its",
        "and",
        "or",
        "but",
        "not",
        "any",
        "some",
    }
)


def _shouting(text: str) -> bool:
    """A sentence in capitals (a broadcast transcript): its parse is too poor to rebuild a question from."""
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 20 and sum(map(str.isupper, letters)) > 0.8 * len(letters)


def _content_words(question: str) -> set[str]:
    """The words of a question that say what it is about."""
    return {w for w in re.findall(r"[\w'’-]+", question.casefold()) if w not in _FUNCTION}


def _names(question: str) -> set[str]:
    """Capitalised words after the first, without a possessive: the names a question is about."""
    return {re.sub(r"['’]s$", "", w) for w in question.rstrip("?").split()[1:] if w[:1].isupper()}


def _finish(
    articles: Sequence[AnalyzedArticle],
    cands: list[_Cand],
    sent_keys: dict[tuple[int, int], set[str]],
    names: set[str],
    named: frozenset[str],
    nouns: frozenset[str],
    tagged: frozenset[str] = frozenset(),
) -> list[tuple[Question, frozenset[str], bool]]:
    """Score, cite and collect the evidence signs. An article addresses a question if one sentence shares
    two of its key words, two of them not names (names like "Wagner" run through the whole story); for a question
    its sources state as open (an unknown or an awaited outcome, with its cue), only if that sentence also speaks of
    its predicate (``answering.mentions``) or shares more than ``support.PREMISE`` key words.
    ``named`` are the words of the names the story uses twice (``support.story_names``), ``nouns`` the words
    it uses only as nouns (``support.story_nouns``), ``tagged`` those of every name it uses (the wording check's:
    "Will Beijing formally recognize ...?" opens with a name the story tags once)."""
    total, result = max(1, len(sent_keys)), []
    by_index = [{s.index: s for s in a.sentences} for a in articles]
    keys_of: list[list[tuple[int, set[str]]]] = [[] for _ in articles]  # each article's sentences' key words
    for (ai, si), ks in sent_keys.items():
        keys_of[ai].append((si, ks))
    for c in cands:
        cited = {ai for ai, _ in c.evidence}
        need = min(2, len(c.keys - names))
        speaks = [
            [si for si, ks in keys_of[ai] if len(c.keys & ks) >= 2 and len((c.keys & ks) - names) >= need] if ai not in cited else []
            for ai in range(len(articles))
        ]
        silent = tuple(a.article.id for ai, a in enumerate(articles) if ai not in cited and not speaks[ai])
        f = c.focus
        if c.kind == "unknown" and f is not None:  # an unknown is half-answered only where an answer could be
            speaks = [[si for si in sis if could_answer(f, c.question, by_index[ai][si])] for ai, sis in enumerate(speaks)]
        if c.kind in ("unknown", "pending") and "cue" in c.signs and f is not None and f.pred:
            # stated open by its sources: a sentence that shares only the premise's words restates what happened
            # ("IDF ground soldiers attacked Gaza" of "Was the attack the prelude to a ground invasion?"), see PREMISE
            speaks = [
                [si for si in sis if mentions(f, by_index[ai][si]) or len(c.keys & sent_keys[ai, si]) > support.PREMISE]
                for ai, sis in enumerate(speaks)
            ]
        if c.alleged:  # an allegation relayed or doubted elsewhere ("contest police allegations that ...") is no less open
            speaks = [
                [
                    si
                    for si in sis
                    if not (_relayed(lemma_forms(by_index[ai][si])) or uncertain(by_index[ai][si]) or _quoted(by_index[ai][si]))
                ]
                for ai, sis in enumerate(speaks)
            ]
        half = sum(1 for ai in range(len(articles)) if speaks[ai])
        salience = max((sum(1 for ks in sent_keys.values() if e in ks) / total for e in c.keys & names), default=0.0)
        addressing = len(articles) - len(silent) - len(cited)
        score = round(c.weight + 0.5 * (len(cited) - 1) + 0.25 * addressing + min(1.0, 2 * salience), 3)
        cites = tuple(
            Citation(text=by_index[ai][si].text, article=articles[ai].article.id, sentence=si, date=articles[ai].article.date)
            for ai, si in sorted(c.evidence)
            if si in by_index[ai]
        )
        signs = c.signs | {
            sign
            for sign, holds in (
                ("sources", len(cited) > 1),
                ("open", half == 0),
                ("short", len(c.question.split()) <= support.SHORT),
                ("named", support.named(c.question, named)),
            )
            if holds
        }
        result.append(
            (Question(c.question, c.kind, cites, silent, score), frozenset(signs), support.well_formed(c.question, named | tagged, nouns))
        )
    return sorted(result, key=lambda x: (-x[0].score, x[0].question))


def resolved_questions(
    previous: Sequence[Mapping[str, Any]], articles: Sequence[AnalyzedArticle], new: set[str]
) -> list[tuple[str, Citation]]:
    """Questions of the previous edition (as in its briefing.json) that one of the ``new`` articles answers.

    A question's focus is rebuilt from its first evidence sentence when that article is still in the
    story; a question whose evidence is gone cannot be checked and is not reported as answered.
    """
    articles = [replace(a, sentences=tuple(as_tree(s) for s in a.sentences)) for a in articles]
    by_id = {a.article.id: a for a in articles}
    out = []
    for q in previous:
        text, kind = q.get("question"), q.get("kind")
        ev = [e for e in q.get("evidence", []) if isinstance(e, dict) and e.get("article") in by_id]
        if not isinstance(text, str) or not ev:
            continue
        art = by_id[ev[0]["article"]]
        sent = next((s for s in art.sentences if s.index == ev[0].get("sentence")), None)
        if sent is None:
            continue
        f = question_focus(art, sent, kind, text)
        if f is None:
            continue
        for aid in sorted(new):
            if aid in by_id and aid != art.article.id and (hit := answered(f, by_id[aid].sentences)) is not None:
                out.append((text, Citation(hit.text, aid, hit.index, by_id[aid].article.date)))
                break
    return out


def question_focus(art: AnalyzedArticle, sent: Sentence, kind: Any, text: str) -> Focus | None:
    """The focus of a question built from ``sent`` (see answering.py): the detection that gives the same
    text if there is one, else the first of the same kind; None for conflicting figures."""
    detect = {
        "unknown": kinds.unknown,
        "disputed": kinds.disputed,
        "pending": kinds.pending,
        "unverified": lambda a, s: [c.found for c in kinds.claims(a, s)],
    }.get(kind)
    if detect is None:
        return None
    found = detect(art, as_tree(sent))
    hit = next((f for f in found if f.question == text), found[0] if found else None)
    return focus(str(kind), hit) if hit is not None else None

"""A story's articles -> a short extractive summary, each sentence cited.

Candidates are whole news statements from every article of the story: single
sentences, or a few consecutive ones when a quotation runs across them (a quote
fragment never stands alone). Each candidate is scored by what single-document
rankers see and what they miss across sources:

- ``algorithm``: sumy's rank (LexRank, TextRank, LSA, KL, SumBasic, Luhn) with
  the whole story as one document (one sumy paragraph per article paragraph,
  built offline with our own tokenizer; NLTK data is never needed);
- ``centrality``: tf-idf cosine to the story's centroid;
- ``corroboration``: how closely each other article states the same thing
  (best-matching candidate there, averaged over the other articles);
- ``coverage``: the share of its word pairs that the other articles also use;
- ``position``: the lead of each article, decaying with rank in the article.

Maximal marginal relevance then picks statements under the word budget, never
two that state the same fact (text/claims.py ``same_fact``: the same numbers about
the same names or event, one event of the same people, or mostly the same words)
nor two articles' ledes of one day naming one main participant (``same_ledes``),
and never shows a statement that adds no fact to one chosen before it (``_repeats``: a
quotation restating what its speaker was said to say, or a continuation, "Akin
continued his refusal"; ``retellings``: another outlet's lead about the same one on the
same days), nor one that leans on such a statement. A statement of how things stand or a
guess (``_standing``) that no other article states is never taken,
nor a statement of a piece that is no news report by its own label (``pieces.not_news``: a column,
an editorial, an analysis) when the story has a report: a story of such pieces only has no summary
(``opinion_only``); nor a statement that leans on one the reader has not seen ("He", "The
company", "also", "But", "Now it is", "those ten children") unless the statement before it in its article is chosen
first. The summary is in the order of choice, most important first (the first
``key_point_count`` are the key points), with a leaning statement right after the
one it leans on. ``timeline`` gives the story's dated events in date order.
Sentences are copied verbatim from the analysed article.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import numpy as np

from briefgen.config import BuildConfig
from briefgen.errors import ConfigError
from briefgen.models import AnalyzedArticle, Citation, Sentence, SummarySentence, TimelineEvent
from briefgen.text.abbreviations import ADDRESS
from briefgen.text.captions import alone_in, has_furniture, is_caption
from briefgen.text.claims import (
    EVENTS,
    FINITE,
    NOT_DEEDS,
    SHARED,
    Claim,
    Claims,
    definite_subject,
    is_clause,
    main_clause,
    main_names,
    name_at,
    same_fact,
    same_fact_pairs,
    same_lede,
    same_name,
)
from briefgen.text.dates import MONTH, date_mentions, of_a_thing, planned, scheduled
from briefgen.text.daynames import DAY_NAME
from briefgen.text.hedges import REPORTING_VERBS, reported
from briefgen.text.lines import DASHES, DEMONSTRATIVES, LEANING_START, READER, SECTION_LABEL, personal_voice
from briefgen.text.pieces import not_news
from briefgen.text.quotes import open_quote, quoted
from briefgen.text.stems import WORD as _WORD
from briefgen.text.stems import stem as _stem
from briefgen.text.stems import stems
from briefgen.text.stems import stop_words as _stop_words

log = logging.getLogger(__name__)

ALGORITHMS = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
}
MIN_WORDS = 8
MAX_WORDS = 70  # one sentence
MAX_UNIT_WORDS = 110  # a quotation over several sentences
MAX_UNIT_SENTENCES = 4
#: Candidates per story, taken lead-first across its articles: rating compares every pair, so a
#: story of dozens of articles would otherwise cost time quadratic in its length.
MAX_CANDIDATES = 300
#: Weights of the (0..1) features; tuned on half of a Multi-News sample, checked on the other half.
WEIGHTS = {"position": 1.0, "corroboration": 0.5, "coverage": 0.5, "centrality": 0.3, "algorithm": 0.3}
POSITION_DECAY = 8.0  # candidates into an article at which the lead weight falls to 1/e
MMR_LAMBDA = 0.85
BACKSTORY = 0.8  # score factor for a statement in the past perfect ("had marched"): background, not the news
#: Years before the story's own at which a statement dated by years alone tells what happened before the news ("One day
#: in Delft in the fall of 1677, ...", "The Dead's last performance with Jerry Garcia ... was ... on July 9, 1995" in a
#: story of 2015): two, so that a story's news of the last days of a year and of the first of the next stays news. Not
#: tuned: the least gap at which a year cannot be the story's own (judged wrong as background: 2 of 91 points of
#: Multi-News rows 0-124, AllSides and BASIL part B, session 19).
OLD_YEARS = 2
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
#: Key points: the first statements of the summary up to this share of its word budget, and
#: never fewer than KEY_POINTS[0] nor more than KEY_POINTS[1] sentences (the issue asks for 3-5).
KEY_SHARE = 0.6
KEY_POINTS = (3, 5)
#: Events on a timeline at most; the story's most central sentence for each day, in date order.
MAX_EVENTS = 8

EVENT_LEMMAS = frozenset().union(*EVENTS.values())
_CAPTION = re.compile(
    r"^(?:FILE\s*[-–—(]|In this (?:[\w.,]+ ){1,6}(?:file )?(?:photo|image)\b|"
    rf"{MONTH} \d{{1,2}}, \d{{4}}\b)",
    re.I,
)
_BYLINE = re.compile(r"^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,|$| and )")
_LABEL = re.compile(r"^(?:[A-Z][\w'’&-]*\s){0,3}[A-Z][\w'’&-]*:\s")  # "RELATED: ...", "Drop This Fact: ..."
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,30}(?:, [A-Z][\w.]+)?\s*(?:\([\w .&/-]{2,40}\)\s*)?[" + DASHES + r"]{1,2}\s")
_PRONOUN_START = LEANING_START
_DAY_NAME = re.compile(rf"\b{DAY_NAME}\b")
_QUOTE_OPEN = re.compile(r"^[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”][)]?$")
_ATTRIBUTION = re.compile(r"[\"”],? (?:\w+ ){0,4}(?:said|says|told|added|wrote)\b")


class _Tokenizer:
    """What sumy needs of a tokenizer, without NLTK's punkt data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def make_summarizer(name: str) -> Any:
    """A sumy summarizer by name, stemming through our memo (same stems, each word stemmed once per process)."""
    import importlib

    try:
        module, cls = ALGORITHMS[name.lower()].split(":")
    except KeyError:
        raise ConfigError(f"setting 'summary_algorithm': {name!r} is not one of {', '.join(sorted(ALGORITHMS))}") from None
    base = getattr(importlib.import_module(module), cls)
    summarizer = (_matrix_lexrank(base) if name.lower() == "lexrank" else base)(_stem)
    summarizer.stop_words = _stop_words()
    return summarizer


@cache
def _matrix_lexrank(base: type) -> type:
    """sumy's LexRank with its two O(sentences²) Python loops done as matrix products.

    sumy compares every pair of sentences in Python (a 300-sentence story is 90,000
    calls); here the idf-modified cosines are one product of tf-idf rows. The tf,
    the idf formula, the threshold, the degree normalisation and the power method
    are sumy's own, so the ranks are LexRank's.
    """

    class MatrixLexRank(base):  # type: ignore[misc, valid-type]
        def _to_words_set(self, sentence: Any) -> list[str]:
            """sumy's: each word lower-cased (``normalize_word``), stop words out, the rest stemmed; sumy's
            ``stem_word`` lower-cases the word again, which changes nothing (``str.lower`` of lower-case text is
            itself: tests/test_summarize.py checks every character), so it is not called."""
            stop, stem = self._stop_words, self._stemmer
            return [stem(w) for w in map(str.lower, sentence.words) if w not in stop]

        @staticmethod
        def _compute_idf(sentences: Sequence[Sequence[str]]) -> dict[str, float]:
            df = Counter(t for s in sentences for t in set(s))
            return {t: math.log(len(sentences) / (1 + d)) for t, d in df.items()}

        def _create_matrix(
            self,
            sentences: Sequence[Sequence[str]],
            threshold: float,
            tf_metrics: Sequence[dict[str, float]],
            idf_metrics: dict[str, float],
        ) -> np.ndarray:
            vocab = {t: k for k, t in enumerate(idf_metrics)}
            rows = np.zeros((len(sentences), max(1, len(vocab))))
            for r, tf in enumerate(tf_metrics):
                for t, v in tf.items():
                    rows[r, vocab[t]] = v * idf_metrics[t]
            norms = np.sqrt((rows * rows).sum(axis=1))
            products = rows @ rows.T
            scale = np.outer(norms, norms)
            cosines = np.divide(products, scale, out=np.zeros_like(products), where=scale > 0)
            matrix = (cosines > threshold).astype(float)
            degrees = matrix.sum(axis=1)
            degrees[degrees == 0] = 1
            return matrix / degrees[:, None]

    return MatrixLexRank


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_junk(text: str, furniture: Callable[[str], object] = has_furniture) -> bool:
    """Furniture, captions, credits, labels, datelines, words to the reader: never part of a summary. ``furniture``:
    ``captions.has_furniture`` (text/lines.py ``FURNITURE``), or a memo of it. A sentence that opens with a label,
    the site's (``_LABEL``: "RELATED: ...") or a section's (``lines.SECTION_LABEL``: "Why it matters: ..."), is
    left out whole: a summary sentence is cited from its start, and the label says what follows is framing."""
    return bool(furniture(text) or READER.search(text)) or any(p.match(text) for p in (_CAPTION, _BYLINE, _LABEL, SECTION_LABEL, _DATELINE))


def is_candidate(sentence: Sentence) -> bool:
    """A whole, self-standing news sentence: no heading, fragment, question, credit or notice."""
    return _statement_ok((sentence,))


def _statement_ok(sentences: Sequence[Sentence], furniture: Callable[[str], object] = has_furniture) -> bool:
    text = " ".join(s.text.strip() for s in sentences)
    if any(s.is_heading or _words(s.text) > MAX_WORDS for s in sentences):
        return False
    if any(s.tokens and not (any(t.tag in FINITE for t in s.tokens) and is_clause(s)) for s in sentences):
        return False  # no finite verb on its main clause: a caption ("Two statues belonging to ..."), a label, a list
    if any(_reply(s) for s in sentences):
        return False  # "Not yet, said Efraim Levy, an analyst.": an answer to a question the sentence does not give
    if not MIN_WORDS <= _words(text) <= MAX_UNIT_WORDS:
        return False
    if not re.search(r"[.!][\"'”’)]?$", text) or not re.match(r"^[\"“‘(]?[A-Z0-9]", text):
        return False  # questions, cut-off text, lower-case continuations
    if any(is_junk(s.text.strip(), furniture) for s in sentences) or open_quote(text):
        return False
    if re.search(r"(?:\.\.\.|…)[\"'”’)]?$", text):
        return False  # cut off: a caption or teaser that trails away
    # a bare quotation: its speaker is in another sentence
    return not (_QUOTE_OPEN.match(text) and _QUOTE_CLOSE.search(text) and not _ATTRIBUTION.search(text))


#: Parts of speech of a reply said before its verb of saying ("Not yet", "Absolutely not", "Yes"): no word that names
#: or tells anything.
_REPLY = frozenset({"ADV", "PART", "INTJ"})


def _reply(sentence: Sentence) -> bool:
    """What the sentence reports someone said is a bare reply ("Not yet, said Efraim Levy, a S&P Capital IQ equity
    analyst", "Absolutely not, the spokesman said"): its main verb is one of saying with no clause said, and every word
    before the comma that opens it is an adverb, particle or interjection."""
    toks = sentence.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None or toks[root].lemma.lower() not in REPORTING_VERBS:
        return False
    if any(t.head == root and t.dep in ("ccomp", "parataxis", "dobj", "xcomp", "dep") for t in toks):
        return False
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    words = [t for t in toks[: comma or 0] if t.pos not in ("PUNCT", "SPACE")]
    return bool(words) and all(t.pos in _REPLY for t in words)


def statements(sentences: Sequence[Sentence]) -> list[tuple[Sentence, ...]]:
    """An article's sentences grouped so that a quotation running over several stays whole."""
    out: list[tuple[Sentence, ...]] = []
    i = 0
    while i < len(sentences):
        group = [sentences[i]]
        while (
            open_quote(" ".join(s.text for s in group))
            and i + len(group) < len(sentences)
            and sentences[i + len(group)].paragraph == sentences[i].paragraph
            and len(group) < MAX_UNIT_SENTENCES
        ):
            group.append(sentences[i + len(group)])
        text = " ".join(s.text for s in group)
        # '"More of the quote."' right after a quotation in the same paragraph: the same speaker goes on; not after a
        # sentence whose marks only set off a term ('Facebook has used a “social graph” ...'), which quotes nobody
        if out and _QUOTE_OPEN.match(text) and out[-1][-1].paragraph == group[0].paragraph and _quoting(out[-1][-1].text):
            merged = out[-1] + tuple(group)
            if len(merged) <= MAX_UNIT_SENTENCES:
                out[-1] = merged
                i += len(group)
                continue
        out.append(tuple(group))
        i += len(group)
    return out


def _quoting(text: str) -> bool:
    """The sentence quotes someone: it ends with a quotation ('... “we will rebuild.”') or attributes one ('“...,” she
    said'), not only marks off a term inside ('a “social graph”')."""
    return bool(_QUOTE_CLOSE.search(text.rstrip().rstrip(".!?")) or _ATTRIBUTION.search(text))


def _pairs(text: str) -> set[tuple[str, str]]:
    """Stemmed word pairs, leaving out pairs of two stop words."""
    stop = _stop_words()
    words = [w.lower() for w in _WORD.findall(text)]
    return {(_stem(a), _stem(b)) for a, b in itertools.pairwise(words) if not (a in stop and b in stop)}


def rate(summarizer: Any, groups: Sequence[Sequence[str]]) -> list[float]:
    """Run a sumy summarizer over paragraphs of sentences; return each sentence's rank score in (0, 1]."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _Tokenizer()
    flat: list[Any] = []
    paragraphs = []
    for group in groups:
        sents = [SumySentence(text, tokenizer) for text in group]
        flat.extend(sents)
        paragraphs.append(Paragraph(sents))
    document = ObjectDocumentModel(tuple(paragraphs))
    captured: dict[Any, float] = {}

    def grab(sentences: Sequence[Any], count: int, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        for s in sentences:
            captured[s] = rating[s] if isinstance(rating, dict) else rating(s, *args, **kwargs)
        return ()

    summarizer._get_best_sentences = grab
    if flat:
        with np.errstate(divide="ignore", invalid="ignore"):  # LexRank's power method on sentences sharing no word: 0/0
            summarizer(document, len(flat))
    # a rating that is not a number (that 0/0) says nothing: as 0, so the tie rule (earlier first) orders them
    values = [v if math.isfinite(v) else 0.0 for v in (float(captured.get(s, 0.0)) for s in flat)]
    order = sorted(range(len(values)), key=lambda i: (values[i], -i))
    ranks = [0.0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = (rank + 1) / len(values)
    return ranks


@dataclass(frozen=True)
class Candidate:
    article: int
    sentences: tuple[Sentence, ...]
    rank: int  # among the article's candidates

    # what several steps read of a candidate, made once (a story's summary and timeline share its candidates)
    @cached_property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @cached_property
    def vector(self) -> Counter[str]:
        """Its ``stems``."""
        return stems(self.text)

    @cached_property
    def voice(self) -> bool:
        """``lines.personal_voice``: in the writer's own voice."""
        return personal_voice(self.text)

    @cached_property
    def leans(self) -> bool:
        """``_leans``: it needs the statement before it."""
        return _leans(self)

    @cached_property
    def backstory(self) -> bool:
        """A sentence of it is in the past perfect (``_past_perfect``)."""
        return any(_past_perfect(s) for s in self.sentences)

    @cached_property
    def speakers(self) -> frozenset[str]:
        """``_speakers``: whom it reports as saying something."""
        return frozenset().union(*(_speakers(s) for s in self.sentences))

    @cached_property
    def actors(self) -> frozenset[str]:
        """``_actors``: the names that are the subjects of its main claims."""
        return frozenset().union(*(_actors(s) for s in self.sentences))

    @cached_property
    def continues(self) -> bool:
        """``_continues``: its main verb tells that something goes on."""
        return any(_continues(s) for s in self.sentences)


#: Dependents that are what a verb of saying reports: a clause ("said [that ...]", '"[...]," Rice told PBS').
_REPORTED = ("ccomp", "parataxis")
#: Marks that close a quotation ('Very unfair," Trump said').
_QUOTE_CLOSING = frozenset({'"', "”"})


def _subject_names(toks: Sequence[Any], verbs: set[int]) -> frozenset[str]:
    """The names (``claims.name_at``) of the subjects of the verbs at ``verbs``."""
    found = (name_at(toks, i) for i, t in enumerate(toks) if t.head in verbs and t.dep in ("nsubj", "nsubjpass") and t.head != i)
    return frozenset(n for n in found if n)


def _reporting(toks: Sequence[Any]) -> set[int]:
    """The verbs that report something: with a clause ("said [that ...]") or a quotation that closes on them ('Very
    unfair," Trump said', when the parse hangs the quotation's words elsewhere)."""
    return {t.head for i, t in enumerate(toks) if (t.dep in _REPORTED or t.text in _QUOTE_CLOSING) and t.head != i}


def _speakers(sentence: Sentence) -> frozenset[str]:
    """Whom the sentence reports as saying something: the named subjects of its own verbs of saying, the root or a
    verb on it ('"...," said Romney', '"...," Trump said, before ...'), that report something (``_reporting``; a
    participle with no subject of its own reports the root's subject: "Romney released a statement saying: ...");
    not a saying inside a quotation ("As I said yesterday") nor a verb of saying that reports nothing ("Romney added
    his voice")."""
    toks = sentence.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None:
        return frozenset()
    reports = _reporting(toks)
    subject = {t.head for i, t in enumerate(toks) if t.dep in ("nsubj", "nsubjpass") and t.head != i}
    saying = {i for i, t in enumerate(toks) if t.lemma.lower() in REPORTING_VERBS and i in reports and (i == root or t.head == root)}
    # beside the root, an attribution ('"...," Trump said, before ...') or a participle with no subject of its own, which
    # says what the root's subject says ("Romney released a statement saying"); not a clause with its own subject
    # ("... after a court hearing, where the lawyer said she was ...")
    verbs = {i for i in saying if i == root or toks[i].dep == "parataxis"}
    bare = any(i not in subject for i in saying - verbs)
    return _subject_names(toks, verbs | ({root} if bare else set()))


def _actors(sentence: Sentence) -> frozenset[str]:
    """The named subjects of the sentence's main claim: of its root and of the verbs that carry the claim with it
    (``claims.main_clause``: "Mitt Romney joined ...", "President Trump called ...", "Susan Rice ... said ...")."""
    toks = sentence.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    return frozenset() if root is None else _subject_names(toks, main_clause(toks, root))


def _continues(sentence: Sentence) -> bool:
    """Its root is "continue" telling that something goes on ("Akin continued his refusal to step down", "The
    congressman continued to allege ..."), so it is news only to a reader who has not been told of that thing; not
    "continue" as a verb of saying that reports a quotation ('"I don't like that language," the speaker continued')."""
    toks = sentence.tokens
    return any(t.dep == "ROOT" and t.lemma.lower() == "continue" and i not in _reporting(toks) for i, t in enumerate(toks))


def story_year(items: Sequence[AnalyzedArticle]) -> int | None:
    """The year of the story's news: its latest article's, else the latest year its articles' leads name (two
    sentences each; a lead tells the news, the body may name a year to come)."""
    dated = [int(i.article.date[:4]) for i in items if i.article.date and i.article.date[:4].isdigit()]
    if dated:
        return max(dated)
    named = [int(y) for i in items for s in i.sentences[:2] for y in _YEAR.findall(s.text)]
    return max(named) if named else None


#: Dependency labels by which a date hangs on the verb it dates: "swept away [in] 1999", "[In] 1994 the NFL
#: initiated", "left [Tuesday]".
_DATING = frozenset({"prep", "pobj", "npadvmod", "advmod"})


def _main_dates(sentence: Sentence) -> list[list[int]]:
    """The date and time spans (token indices) that date the sentence's main verb: each span's top hangs on the root,
    directly or through a preposition ("were swept away in 1999"); not a date of a thing ("a 2012 measure", "the 2000
    fiasco"), one inside a clause that describes someone ("Fox, who was president from 2000 to 2006, ...") or a
    baseline after "since" ("rose at the fastest pace since 1992")."""
    toks = sentence.tokens
    spans: list[list[int]] = []
    for k, t in enumerate(toks):
        if t.ent in ("DATE", "TIME"):
            if spans and spans[-1][-1] == k - 1 and toks[k - 1].ent == t.ent:
                spans[-1].append(k)
            else:
                spans.append([k])
    out = []
    for span in spans:
        top = next((k for k in span if toks[k].head not in span or toks[k].head == k), span[0])
        k, hops, since = top, 0, False
        while toks[k].dep in _DATING and toks[k].head != k and hops < 3:  # up through "in", "on"
            since |= toks[k].text.lower() == "since"
            k, hops = toks[k].head, hops + 1
        if toks[k].dep == "ROOT" and not since:  # "the highest pace since 1992": a measure's baseline, not its time
            out.append(span)
    return out


def _years_back(sentence: Sentence, year: int | None) -> bool:
    """The sentence's main verb is dated by years alone (``_main_dates``), all ``OLD_YEARS`` or more before the story's
    ``year`` ("were swept away in 1999", "In 1994 the NFL initiated ..."): what happened before the news. A time it
    names without a year ("on Tuesday", "Jan. 6") may be the news's own, and keeps it news."""
    if year is None:
        return False
    dates = _main_dates(sentence)
    years = [[int(y) for y in _YEAR.findall(" ".join(sentence.tokens[k].text for k in span))] for span in dates]
    return bool(years) and all(found and max(found) <= year - OLD_YEARS for found in years)


def backstories(items: Sequence[AnalyzedArticle], cands: Sequence[Candidate]) -> np.ndarray:
    """Each candidate tells what happened before the news: a sentence of it is in the past perfect (``backstory``) or
    dated by years alone, well before the story's own (``_years_back``)."""
    year = story_year(items)
    return np.array([c.backstory or any(_years_back(s, year) for s in c.sentences) for c in cands], dtype=bool)


def _past_perfect(sentence: Sentence) -> bool:
    """'had marched': what happened before the news, which other articles usually tell too."""
    toks = sentence.tokens
    return any(t.text.lower() == "had" and t.dep == "aux" and toks[t.head].tag == "VBN" for t in toks) if toks else False


def _unit_rows(vectors: Sequence[Counter[str]], idf: dict[str, float] | None = None) -> np.ndarray:
    """Counts (or tf-idf) as L2-normalised rows, so a matrix product gives cosines."""
    vocab = {t: i for i, t in enumerate(sorted({t for v in vectors for t in v}))}
    m = np.zeros((len(vectors), max(1, len(vocab))))
    for r, v in enumerate(vectors):
        for t, c in v.items():
            m[r, vocab[t]] = c * (idf[t] if idf else 1.0)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def summarize(
    items: Sequence[AnalyzedArticle],
    config: BuildConfig,
    summarizer: Callable[..., Any] | None = None,
    claims: Claims | None = None,
    cands: Sequence[Candidate] | None = None,
    ledes: Mapping[int, frozenset[int]] | None = None,
) -> list[SummarySentence]:
    """Pick statements that together tell the story, within ``config.summary_words``, most important first. A
    story's brief passes what its other parts read too: ``claims``, its memo of its sentences' claims
    (``claims.Claims``), ``cands``, its ``candidates``, and ``ledes``, their ``same_ledes``."""
    claims = claims if claims is not None else Claims()
    cands = cands if cands is not None else candidates(items)
    if not cands or opinion_only(items):
        return []
    features = _features(items, cands, summarizer or make_summarizer(config.summary_algorithm))
    scores = features["backstory"] * sum(WEIGHTS[name] * features[name] for name in WEIGHTS) / sum(WEIGHTS.values())
    rows = _unit_rows([c.vector for c in cands])
    overlap = rows @ rows.T
    values = signals(items, cands, features, claims)
    # when evidence is weak, show less: the writer's own comment that no other article states is left out
    # and so is a statement of how things stand or a guess (``_standing``: scene-setting, background, judgement)
    comment = np.array([c.voice or all(_standing(s) for s in c.sentences) for c in cands])
    weak = comment & (values["agreement"] == 0) if len(items) > 1 else None
    # a column's, an editorial's or an analysis's sentence is its writer's view of the news, not the news: never chosen
    # while the story has a report (AllSides part A: see the README's "Summaries and key points")
    labelled = [not_news(i.article) for i in items]  # once per article, not per candidate
    unreported = np.array([labelled[c.article] for c in cands])
    if unreported.any():
        weak = unreported if weak is None else weak | unreported
    # what happened before the news (the past perfect: "had arrived") is no first point
    # two articles' ledes that state one event in their own words are told once (same_ledes)
    ledes = ledes if ledes is not None else same_ledes(items, cands, claims)
    background = values["backstory"] > 0
    # the days a statement names (``_days``), read only for the statements ``_repeats`` compares
    days = cache(lambda k: _days(cands[k].text, items[cands[k].article].article.date))
    retold = retellings(items, cands)  # other outlets' leads retelling a chosen lead's news are not shown
    chosen = select_mmr(
        cands, scores, overlap, config, importance(values), weak, background, surnames(items, cands), claims, ledes, days, retold
    )
    out = []
    for k in chosen:
        article = items[cands[k].article].article
        unit = cands[k].sentences
        # one statement is one summary sentence: a quotation that runs over several sentences is shown whole
        # (its first half alone, '"This tragedy hits our community very hard.', is no sentence), cited to its first
        text = article.text[unit[0].start : unit[-1].end]
        out.append(
            SummarySentence(
                Citation(text, article.id, unit[0].index, article.date),
                round(float(scores[k]), 6),
                reported=any(reported(sent) for sent in unit),
            )
        )
    return out


def opinion_only(items: Sequence[AnalyzedArticle]) -> bool:
    """Every article of the story is a piece that is no news report by its own label (``pieces.not_news``: opinion,
    analysis, commentary): nothing in it is drawn as the story's news."""
    return bool(items) and all(not_news(i.article) for i in items)


def same_ledes(items: Sequence[AnalyzedArticle], cands: Sequence[Candidate], claims: Claims | None = None) -> dict[int, frozenset[int]]:
    """For each article's lede (its first candidate, ``rank`` 0) that states one fact with other articles' ledes,
    those ledes (candidate indexes). Two ledes state one fact when they name the same days (``dates.date_mentions``:
    "on Tuesday" resolved against each article's date; at least one, and the same) and ``claims.same_lede``: a main
    participant of the story in both, neither negating or hedging alone, no number against. A lede that is a
    quotation or comment (``_soft``) states no event, and a word-for-word copy is the same wire text, not another
    telling. Ledes of different days, or sharing no main name and not two of the words most ledes tell of
    (``lede_things``), are left apart (a story that may hold two events changes nothing). The one definition of "two
    ledes state one fact": the summary keeps one of them, and confidence.py counts the others' articles as its
    sources."""
    claim_of = claims if claims is not None else Claims()
    by_article: dict[int, list[int]] = {}
    for k, c in enumerate(cands):
        by_article.setdefault(c.article, []).append(k)
    if len(by_article) < 2:
        return {}
    main = main_names([[claim_of(s) for k in ks for s in cands[k].sentences] for ks in by_article.values()])
    ledes = []
    for ks in by_article.values():
        lede = next((k for k in ks if cands[k].rank == 0), None)
        if lede is None or _soft(cands[lede]):
            continue
        sent = cands[lede].sentences[0]
        date = items[cands[lede].article].article.date
        days, named = _lead_days(sent.text, date)
        if days:
            ledes.append((lede, days, named, claim_of(sent), sent.text.strip(), date))
    things = lede_things([claim for _, _, _, claim, _, _ in ledes], len(by_article))
    alike: dict[int, set[int]] = {}
    for (i, days_i, named_i, claim_i, text_i, date_i), (j, days_j, named_j, claim_j, text_j, date_j) in itertools.combinations(ledes, 2):
        # the same days (``_lead_days``), or the same weekday named by two articles dated a day apart at most
        same_days = days_i == days_j if named_i and named_j else bool(days_i & days_j)
        same_days = same_days or (named_i and named_j and _same_weekday(claim_i, claim_j, date_i, date_j))
        if same_days and text_i != text_j and same_lede(claim_i, claim_j, main, things):
            alike.setdefault(i, set()).add(j)
            alike.setdefault(j, set()).add(i)
    return {k: frozenset(v) for k, v in alike.items()}


def lede_things(claims: Sequence[Claim], articles: int) -> frozenset[str]:
    """The words of what the story's ledes tell of, beside its names: the content words (``Claim.words``, not a verb of
    saying) in the ledes of at least half its articles, two at least ("federal", "judge", "eviction", "moratorium",
    where one lede names the judge, one the agency and one neither)."""
    seen = Counter(w for c in claims for w in c.words - _SAYING)
    need = max(2, math.ceil(articles / 2))
    return frozenset(w for w, k in seen.items() if k >= need)


def lede_statements(
    items: Sequence[AnalyzedArticle],
    cands: Sequence[Candidate],
    claims: Claims | None = None,
    ledes: Mapping[int, frozenset[int]] | None = None,
) -> dict[tuple[str, int], frozenset[tuple[str, int]]]:
    """``same_ledes`` (``ledes``, when the caller has them) by sentence: for each lede (its article's id, its first
    sentence's index) that states one fact with other articles' ledes, those ledes (article id, sentence index);
    confidence.py counts the articles of those that also state its claim among its sources (``backers``)."""
    return _by_sentence(items, cands, ledes if ledes is not None else same_ledes(items, cands, claims))


def _by_sentence(
    items: Sequence[AnalyzedArticle], cands: Sequence[Candidate], alike: Mapping[int, frozenset[int]]
) -> dict[tuple[str, int], frozenset[tuple[str, int]]]:
    """Candidates' relation ``alike`` (candidate index -> candidate indexes) by sentence: (article id, first sentence's
    index) for each."""

    def key(k: int) -> tuple[str, int]:
        return items[cands[k].article].article.id, cands[k].sentences[0].index

    return {key(k): frozenset(key(j) for j in others) for k, others in alike.items()}


def lead_statements(
    items: Sequence[AnalyzedArticle],
    cands: Sequence[Candidate],
    claims: Claims | None = None,
    ledes: Mapping[int, frozenset[int]] | None = None,
) -> dict[tuple[str, int], frozenset[tuple[str, int]]]:
    """``lede_statements``, and for each statement of an article's lead the lead statements of the other articles that
    retell its news (``retellings``: about the same one on the same days, or, both of undated articles, on no day
    they name): the statements confidence.py may count as sources of it when they also share enough of its words
    (``claims.lede_agree``)."""
    told = lede_statements(items, cands, claims, ledes)
    for at, others in _by_sentence(items, cands, retellings(items, cands, undated=True, sources=True)).items():
        told[at] = told.get(at, frozenset()) | others
    return told


def lede_sources(
    items: Sequence[AnalyzedArticle],
    cands: Sequence[Candidate],
    claims: Claims | None = None,
    ledes: Mapping[int, frozenset[int]] | None = None,
) -> dict[tuple[str, int], frozenset[str]]:
    """``lede_statements`` by article: for each lede (its article's id, its first sentence's index) that states one fact
    with other articles' ledes, those articles (the titles read them)."""
    return {k: frozenset(a for a, _ in v) for k, v in lede_statements(items, cands, claims, ledes).items()}


#: Days apart two articles' dates may be and their ledes' one weekday still be one day ("testimony to Congress on
#: Wednesday" in an article dated Tuesday, the 14th, and in another dated the 15th): a date one day off (a time zone,
#: an update) resolves the weekday to another week. As titles.DAY_GAP: outlets report an event the day it happens and
#: the morning after.
WEEKDAY_GAP = 1


def _same_weekday(a: Claim, b: Claim, date_a: str | None, date_b: str | None) -> bool:
    """Two ledes that name one weekday, and only weekdays, alike ("on Wednesday"), in articles dated ``WEEKDAY_GAP`` days
    apart at most."""
    if not a.days or a.days != b.days or not all(re.fullmatch(DAY_NAME, d, re.I) for d in a.days) or not (date_a and date_b):
        return False
    try:
        gap = abs((dt.date.fromisoformat(date_a[:10]) - dt.date.fromisoformat(date_b[:10])).days)
    except ValueError:
        return False
    return gap <= WEEKDAY_GAP


def _lead_days(text: str, article_date: str | None) -> tuple[frozenset[str], bool]:
    """The days a lead statement tells of, and whether it names them: those it names (``_days``), else its article's
    (``_news_days``). Two lead statements tell of the same days when both name them alike, or when one names none
    and its article's days hold one of the other's."""
    named = _days(text, article_date)
    return (named, True) if named else (_news_days(article_date), False)


def _news_days(article_date: str | None) -> frozenset[str]:
    """The days a dated article's lede that names no day tells of: its article's day or the day before (a report
    "has announced" what happened since the last day's news; an evening's event is dated the next morning). Empty for
    an undated article."""
    try:
        day = dt.date.fromisoformat((article_date or "")[:10])
    except ValueError:
        return frozenset()
    return frozenset({day.isoformat(), (day - dt.timedelta(days=1)).isoformat()})


def _days(text: str, article_date: str | None) -> frozenset[str]:
    """The days a statement names: ISO dates (``dates.date_mentions``: "on Tuesday" resolved against its article's date);
    in an undated article, the full dates it states and the weekdays it names as words ("tuesday"), which only
    another undated article's weekdays can match."""
    days = {m[2] for m in date_mentions(text, article_date)}
    if not article_date:
        days |= {m.lower() for m in _DAY_NAME.findall(text)}
    return frozenset(days)


def candidates(items: Sequence[AnalyzedArticle]) -> list[Candidate]:
    """The statements the summary and the timeline choose from: whole news statements, no captions, at most
    MAX_CANDIDATES (the leads of every article first)."""
    cands: list[Candidate] = []
    furniture = cache(has_furniture)  # a sentence is searched for furniture once, not in alone_in and again in is_junk
    for a, item in enumerate(items):
        alone = alone_in(item.sentences, furniture)
        kept = [
            unit
            for unit in statements(item.sentences)
            if _statement_ok(unit, furniture) and not any(is_caption(s, alone[s.index]) for s in unit)
        ]
        cands.extend(Candidate(a, unit, r) for r, unit in enumerate(kept))
    if len(cands) > MAX_CANDIDATES:
        keep = sorted(range(len(cands)), key=lambda k: (cands[k].rank, cands[k].article))[:MAX_CANDIDATES]
        cands = [cands[k] for k in sorted(keep)]
    return cands


def key_point_count(summary: Sequence[SummarySentence], config: BuildConfig) -> int:
    """How many of the summary's first sentences are its key points (the summary is most important first)."""
    low, high = KEY_POINTS
    count, words = 0, 0
    for s in summary:
        words += _words(s.citation.text)
        if count >= high or (count >= low and words > KEY_SHARE * config.summary_words):
            break
        count += 1
    return min(count, len(summary))


def timeline(
    items: Sequence[AnalyzedArticle], claims: Claims | None = None, cands: Sequence[Candidate] | None = None
) -> list[TimelineEvent]:
    """The story's dated events, in date order: for each day that its statements date (a full
    date in the text, or "on Tuesday", "yesterday" resolved against the article's date), the
    most central statement about that day, never two that state the same fact. Empty when
    fewer than two days are dated: one day is the story's date, not a timeline. ``claims`` and ``cands``: as
    ``summarize``'s."""
    cands = [c for c in (cands if cands is not None else candidates(items)) if len(c.sentences) == 1 and not c.leans]
    if not cands:
        return []
    claim_of = claims if claims is not None else Claims()
    vectors = [c.vector for c in cands]
    df = Counter(t for v in vectors for t in v)
    rows = _unit_rows(vectors, {t: math.log((len(cands) + 1) / (d + 0.5)) for t, d in df.items()})
    centroid = rows.sum(axis=0)
    centrality = rows @ (centroid / (np.linalg.norm(centroid) or 1.0))
    days: dict[str, list[tuple[float, bool, int]]] = {}
    for k, c in enumerate(cands):
        sent = c.sentences[0]
        if _future(sent):
            continue
        published = items[c.article].article.date
        found = [
            m
            for m in date_mentions(sent.text, published)
            # a date stated in full before the article's day is history, which a caption tells in the present
            if not (scheduled(sent, *m[:2], historical=not m[3] and (not published or m[2] < published[:10])) or of_a_thing(sent, *m[:2]))
        ]
        if not found:
            continue  # no date, or only a limit's, a plan's ("remanded until August 19") or a thing's ("the March 3 crash")
        _, _, day, approximate = found[0]
        days.setdefault(day, []).append((-float(centrality[k]), approximate, k))
    if len(days) < 2:
        return []
    events: list[tuple[str, bool, int]] = []
    told: list[Claim] = []
    ranked = sorted(days.items(), key=lambda kv: min(kv[1])[0])  # the days with the most central statements first
    for day, options in ranked:
        for _, approximate, k in sorted(options):
            fact = claim_of(cands[k].sentences[0])
            if any(same_fact(fact, t) for t in told):
                continue
            told.append(fact)
            events.append((day, approximate, k))
            break
        if len(events) >= MAX_EVENTS:
            break
    out = []
    for day, approximate, k in sorted(events, key=lambda e: (e[0], cands[e[2]].article, cands[e[2]].sentences[0].index)):
        article = items[cands[k].article].article
        sent = cands[k].sentences[0]
        out.append(TimelineEvent(day, Citation(sent.text, article.id, sent.index, article.date), approximate))
    return out if len(out) >= 2 else []


def _future(sent: Sentence) -> bool:
    """'will meet on Tuesday', 'is expected to rule': a plan, not an event that happened."""
    root = next((i for i, t in enumerate(sent.tokens) if t.dep == "ROOT"), None)
    return root is not None and planned(sent.tokens, root)


def _features(items: Sequence[AnalyzedArticle], cands: Sequence[Candidate], summarizer: Any) -> dict[str, np.ndarray]:
    n = len(cands)
    groups: list[list[str]] = []
    last: tuple[int, int] | None = None
    for c in cands:
        if (c.article, c.sentences[0].paragraph) != last:
            groups.append([])
            last = (c.article, c.sentences[0].paragraph)
        groups[-1].append(c.text)
    algorithm = np.array(rate(summarizer, groups))
    vectors = [c.vector for c in cands]
    df = Counter(t for v in vectors for t in v)
    rows = _unit_rows(vectors, {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()})
    similarity = rows @ rows.T
    centroid = rows.sum(axis=0)
    centrality = rows @ (centroid / (np.linalg.norm(centroid) or 1.0))
    articles = sorted({c.article for c in cands})
    members = {a: np.array([k for k, c in enumerate(cands) if c.article == a]) for a in articles}
    # each candidate's best match in each article (a column per article; max picks a value, so these are the same
    # floats a candidate's row gives, summed below in the same order)
    best = np.stack([similarity[:, members[b]].max(axis=1) for b in articles], axis=1).tolist()
    pairs_of = cache(_pairs)  # a one-sentence candidate's pairs are its sentence's
    pairs = [set().union(*(pairs_of(s.text) for s in item.sentences)) if item.sentences else set() for item in items]
    # how many articles hold each pair: the pairs a candidate shares with each other article, summed, are its pairs'
    # counts less its own article's (the same whole number as intersecting it with every other article's pairs)
    held = Counter(p for article_pairs in pairs for p in article_pairs)
    corroboration = np.zeros(n)
    coverage = np.zeros(n)
    others_count = len(items) - 1
    for k, c in enumerate(cands):
        if others_count == 0:
            break
        corroboration[k] = sum(best[k][j] for j, b in enumerate(articles) if b != c.article) / others_count
        own = pairs_of(c.text)
        if own:
            mine = pairs[c.article]
            coverage[k] = sum(held[p] - (p in mine) for p in own) / (len(own) * others_count)
    position = np.exp(-np.array([c.rank for c in cands]) / POSITION_DECAY)
    backstory = np.where(backstories(items, cands), BACKSTORY, 1.0)
    return {
        "algorithm": algorithm,
        "centrality": _scaled(centrality),
        "corroboration": _scaled(corroboration),
        "coverage": _scaled(coverage),
        "position": position,
        "backstory": backstory,
    }


#: What the key points are ordered by: signals of "this is the news" (what happened, to whom, the
#: toll), each 0..1, and their logistic weights. Learned by benchmarks/key_points.py on Multi-News
#: validation rows 0-124 (target: the statements closest to the reference summary's first sentence);
#: scored there on rows 125-249 and by hand on unseen rows.
SIGNALS = (
    "position",
    "first",
    "agreement",
    "participants",
    "event",
    "number",
    "when",
    "quote",
    "reported",
    "voice",
    "backstory",
    "hedged",
    "centrality",
    "length",
)
IMPORTANCE = {
    "position": 1.91,
    "first": 1.5,
    "agreement": 0.0,
    "participants": 0.79,
    "event": -0.26,
    "number": 0.15,
    "when": 0.24,
    "quote": -1.08,
    "reported": 0.29,
    "voice": 0.23,
    "backstory": 0.27,
    "hedged": 0.28,
    "centrality": 3.04,
    "length": -0.33,
    "bias": -6.38,
}


def _event(sent: Sentence) -> bool:
    """The main clause reports something that happened: a past-tense or passive main verb that is an
    action (not one of ``claims.NOT_DEEDS``: "said", "is", "has"), or a kind of event claims.py knows (a death, an
    arrest ...)."""
    toks = sent.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None:
        return False
    for i in main_clause(toks, root):
        t = toks[i]
        if t.lemma.lower() in EVENT_LEMMAS:
            return True
        if (
            t.pos == "VERB"
            and t.lemma.lower() not in NOT_DEEDS
            and (t.tag == "VBD" or (t.tag == "VBN" and any(u.head == i and u.dep in ("aux", "auxpass") for u in toks)))
        ):
            return True
    return False


def _quoted_share(text: str) -> float:
    inside = sum(len(text[a:b].split()) for a, b in quoted(text))
    return min(1.0, inside / max(1, len(text.split())))


def signals(
    items: Sequence[AnalyzedArticle], cands: Sequence[Candidate], features: dict[str, np.ndarray], claims: Claims | None = None
) -> dict[str, np.ndarray]:
    """Each candidate's SIGNALS (0..1): its place in its article, how many other articles state the
    same fact (claims.py), how many of the story's main participants it names, whether it reports an
    event with a number or a time, and what marks it as comment rather than news (a quotation,
    attribution, the writer's own voice, background, a hedge). ``claims``: the story's memo of claims."""
    claim_of = claims if claims is not None else Claims()
    facts = [[claim_of(s) for s in c.sentences] for c in cands]
    by_article: dict[int, list[int]] = {}
    for k, c in enumerate(cands):
        by_article.setdefault(c.article, []).append(k)
    main = main_names([[f for k in ks for f in facts[k]] for ks in by_article.values()])
    others = max(1, len(items) - 1)
    # each candidate's agreement: the share of the other articles with a candidate stating the same fact
    owner = [k for k, fs in enumerate(facts) for _ in fs]
    flat = [f for fs in facts for f in fs]
    stated: list[set[int]] = [set() for _ in cands]
    for p, q in same_fact_pairs(flat, [cands[k].article for k in owner]):
        stated[owner[p]].add(cands[owner[q]].article)
        stated[owner[q]].add(cands[owner[p]].article)
    agreement = np.array([len(arts) / others for arts in stated])
    names = [frozenset().union(*(f.names for f in fs)) for fs in facts]
    participants = np.array([len(nm & main) / len(main) if main else 0.0 for nm in names])
    sents = [c.sentences[0] for c in cands]
    return {
        "position": features["position"],
        "first": np.array([1.0 if c.rank == 0 else 0.0 for c in cands]),
        "agreement": agreement,
        "participants": participants,
        "event": np.array([1.0 if any(_event(s) for s in c.sentences) else 0.0 for c in cands]),
        "number": np.array([1.0 if any(f.numbers for f in fs) else 0.0 for fs in facts]),
        "when": np.array([1.0 if any(t.ent in ("DATE", "TIME") for t in s.tokens) else 0.0 for s in sents]),
        "quote": np.array([_quoted_share(c.text) for c in cands]),
        "reported": np.array([1.0 if any(reported(s) for s in c.sentences) else 0.0 for c in cands]),
        "voice": np.array([1.0 if c.voice else 0.0 for c in cands]),
        "backstory": np.where(features["backstory"] < 1.0, 1.0, 0.0),
        "hedged": np.array([1.0 if any(f.hedged for f in fs) else 0.0 for fs in facts]),
        "centrality": features["centrality"],
        "length": np.array([min(1.0, _words(c.text) / 40) for c in cands]),
    }


def importance(values: dict[str, np.ndarray]) -> np.ndarray:
    """How surely each candidate is the story's news (0..1): the logistic model over SIGNALS."""
    z = IMPORTANCE["bias"] + sum(IMPORTANCE[name] * values[name] for name in SIGNALS)
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


#: Modals of a judgement or a guess, not a plan ("it may be cold comfort", "Americans must be feeling good").
_GUESSING = frozenset({"may", "might", "must", "could", "should"})
#: Entity labels of figures: a count or amount is a fact whatever the tense ("The bill includes $550 billion").
_FIGURES = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _standing(sent: Sentence) -> bool:
    """The sentence states how things stand or a guess, not what happened: its main clause is in the simple present
    ("McDonald's doesn't often mess around with signature menu items", "Today, nearly all ethanol fuel is made from
    corn", "Ziegenhorn lives in Florida") or under a modal of a guess ("Americans must be feeling pretty good"), and
    it gives no figure, names no day or time, and reports no one (``hedges.reported``; not a verb of saying at its root: "Police say ...").
    Scene-setting, background and the writer's judgement are written so; the news is in the past, the present
    perfect, the progressive or the future, or dated ("Joining the menu today ... is the McRibster")."""
    toks = sent.tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is None or toks[root].lemma.lower() in REPORTING_VERBS or reported(sent):
        return False
    if any(t.ent in ("DATE", "TIME") or t.ent in _FIGURES for t in toks):
        return False  # dated, or a figure: a fact whatever the tense ("may be fined up to €1,500")
    aux = [t for t in toks if t.head == root and t.dep in ("aux", "auxpass", "cop")]
    if any(t.tag == "MD" and t.lemma.lower() in _GUESSING for t in aux):
        return True
    if any(t.tag == "MD" or t.lemma.lower() == "have" for t in aux) or toks[root].tag == "VBG":
        return False  # a plan ("will"), the present perfect ("has announced"), the progressive ("is barreling")
    finite = next((t.tag for t in [*aux, toks[root]] if t.tag in FINITE), None)
    return finite in ("VBZ", "VBP")


def _soft(c: Candidate) -> bool:
    """A quotation or comment rather than a statement of what happened: it opens with a quotation
    mark, is mostly quoted, or is in the writer's own voice ("we hope", "you might")."""
    return bool(_QUOTE_OPEN.match(c.text)) or _quoted_share(c.text) > 0.5 or c.voice


#: Pronouns that stand for a person.
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})
_QUOTE_MARKS = frozenset({'"', "“", "”"})


def _unnamed_person(c: Candidate) -> bool:
    """A person pronoun with no one in the statement it can stand for: no person is named in it, and
    no noun is the subject before it ("Before he came out, his clerk cautioned ...", "Look at the
    glimpse he gives the referee"). "Police found a trail leading to his car" is left alone."""
    if any(t.ent == "PERSON" for s in c.sentences for t in s.tokens):
        return False
    for sent in c.sentences:
        quoted = False
        subject = False  # a noun subject outside quotation marks so far
        for t in sent.tokens:
            if t.text in _QUOTE_MARKS:
                quoted = not quoted if t.text == '"' else t.text == "“"
            elif t.text.lower() in _PERSON_PRONOUNS and t.tag in ("PRP", "PRP$"):
                return not subject
            elif not quoted and t.dep in ("nsubj", "nsubjpass") and t.pos in ("NOUN", "PROPN"):
                subject = True
    return False


#: Pronouns that stand for a thing or a group ("Now it is seeking ...", "In 2014, they ...").
_THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})


def _points_back(c: Candidate) -> bool:
    """Outside quotation marks and before any noun of the statement that could be what it stands for, a word that
    stands for something only the sentences before tell: a thing's or group's pronoun ("Now it is seeking to change
    the anthem") or a demonstrative on a noun that is no time ("Except seven of those ten children"; not "this week",
    which the reader's calendar tells, nor "the Armenian genocide ... observed in that country"). ``LEANING_START``'s
    words past the statement's first word."""
    toks = c.sentences[0].tokens
    quoted = False
    for t in toks:
        low = t.text.lower()
        if t.text in _QUOTE_MARKS:
            quoted = not quoted if t.text == '"' else t.text == "“"
        elif quoted:
            continue
        elif (low in _THING_PRONOUNS and t.tag in ("PRP", "PRP$")) or (
            low in DEMONSTRATIVES and t.dep == "det" and t.tag == "DT" and toks[t.head].ent not in ("DATE", "TIME")
        ):
            return True  # a pronoun, or a demonstrative on no time, before any noun it could stand for
        elif t.pos in ("NOUN", "PROPN"):
            return False  # what follows may stand for this noun ("the Armenian genocide ... observed in that country")
    return False


def _leans(c: Candidate) -> bool:
    """A statement that needs the one before it: it opens with a pronoun, demonstrative or
    connective, has "also" on its main verb, a person pronoun with no one named for it, a thing's
    pronoun or a demonstrative that points back (``_points_back``), or a bare definite subject ("The company said")."""
    if _PRONOUN_START.match(c.text) or _unnamed_person(c) or _points_back(c):
        return True
    toks = c.sentences[0].tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    if root is not None and any(t.text.lower() == "also" and t.head == root for t in toks):
        return True
    if root is not None and any(
        _bare_quantifier(toks, i) for i, t in enumerate(toks) if t.head == root and t.dep in ("nsubj", "nsubjpass")
    ):
        return True
    return _definite_subject(c) is not None


#: Words of quantity that stand for a group without naming it when they have no noun ("Many fired in the air").
_QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "all", "both", "others", "none", "neither"})


def _bare_quantifier(toks: Sequence[Any], i: int) -> bool:
    """Token ``i`` is a quantity word standing alone for a group the sentences before name ("Many fired in the air,
    celebrating the truce"; "Most of them"), not one with its group ("Many residents", "Most of the protesters")."""
    if toks[i].text.lower() not in _QUANTIFIERS or toks[i].pos in ("NOUN", "PROPN"):
        return False
    of = [g for k, t in enumerate(toks) if t.head == i and k != i and t.dep == "prep" for g, u in enumerate(toks) if u.head == k and g != k]
    return not any(toks[g].pos in ("NOUN", "PROPN") for g in of)


def _definite_subject(c: Candidate) -> str | None:
    """The noun of a bare definite subject ("The company said"), if any (``claims.definite_subject``; an article's first
    statement, ``rank`` 0, as its lede)."""
    return definite_subject(c.sentences[0], lede=c.rank == 0)


def _name_words(text: str) -> list[str]:
    """The words of a person's name as a mention gives it, without a possessive ending."""
    return [w for w in re.sub(r"['’]s?$", "", text).split() if w[:1].isalpha()]


def _person_names(item: AnalyzedArticle) -> dict[int, list[list[str]]]:
    """Per sentence, the words of each PERSON mention in it; a one-word mention only when it stands bare: not
    a modifier ("the Trump administration") and not after a title or first name the tagger left out of the
    name ("Princess Diana", "President Trump"), but after a word of address, which tells no more than the last name
    ("Mr. Rother said ...": who he is, the sentence that named John Rother told; ``ADDRESS``). A one-word mention
    the tagger calls something else is a person's too when the article has named a person with that last word before
    it ("police spokeswoman Ashley Savage said", then "..., Savage said." tagged an organisation)."""
    by_index = {s.index: s for s in item.sentences}
    out: dict[int, list[list[str]]] = {}
    named: set[str] = set()  # the last words of the article's full person names so far
    for m in sorted(item.mentions, key=lambda m: m.start):
        sent = by_index.get(m.sentence)
        words = _name_words(m.text)
        if m.label == "PERSON" and len(words) > 1:
            named.add(words[-1])
        if sent is None or not (m.label == "PERSON" or (len(words) == 1 and words[0] in named)):
            continue
        if len(words) == 1:
            i = next((k for k, tok in enumerate(sent.tokens) if tok.start == m.start), None)
            before = sent.tokens[i - 1] if i is not None and i > 0 else None
            if i is None or sent.tokens[i].dep == "compound" or (before is not None and before.tag == "NNP" and not _address(before.text)):
                continue
        if words:
            out.setdefault(m.sentence, []).append(words)
    return out


def _address(word: str) -> bool:
    """A word of address ("Mr.", "Ms", "Dr.": ``ADDRESS``)."""
    return word.rstrip(".").casefold() in ADDRESS


def _known(items: Sequence[AnalyzedArticle]) -> set[str]:
    """Last names some article of the story first gives alone ("Trump said", "President Trump"): its writer
    takes the reader to know who that is, so the summary may too."""
    known: set[str] = set()
    for item in items:
        seen: set[str] = set()
        for m in sorted((m for m in item.mentions if m.label == "PERSON"), key=lambda m: m.start):
            words = _name_words(m.text)
            if not words or words[-1] in seen:
                continue
            seen.add(words[-1])
            if len(words) == 1:
                known.add(words[0])
    return known


def surnames(items: Sequence[AnalyzedArticle], cands: Sequence[Candidate]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Per candidate, (the last names it uses bare, the last names it introduces). A person named by a
    last name alone ("Conard told police") needs the full name first ("Michael Conard") when the
    story has one: a reader cannot tell who "Conard" is. It introduces the last name of every full
    name it gives. A one-word name no full name of the story ends in (a mononym), or one an article of the
    story first gives alone (``_known``: "Trump said"), needs nothing."""
    per_sentence = [_person_names(item) for item in items]  # one pass over each article's mentions
    full = {words[-1] for names in per_sentence for found in names.values() for words in found if len(words) > 1}
    full -= _known(items)
    out = []
    for c in cands:
        found = [words for s in c.sentences for words in per_sentence[c.article].get(s.index, [])]
        gives = frozenset(w[-1] for w in found if len(w) > 1)
        needs = frozenset(w[0] for w in found if len(w) == 1 and w[0] in full) - gives
        out.append((needs, gives))
    return out


#: The verbs of saying as claim words: "said" in two statements is that both report someone, not one fact.
_SAYING = frozenset(REPORTING_VERBS)


def _repeats(c: Candidate, mine: Sequence[Claim], earlier: Candidate, theirs: Sequence[Claim]) -> bool:
    """``c`` adds no fact to ``earlier`` (a chosen statement; ``mine`` and ``theirs`` are their claims): it is a
    continuation (``_continues``: "Akin continued his refusal to step down"; what goes on was told with the news),
    or it reports what someone said (``_speakers``) whom ``earlier`` has as a subject of its claim (``_actors``), in
    the words of that claim: at least ``claims.SHARED`` of the units of what it reports (``Claim.core``, without the
    speaker and the verbs of saying) are units of ``earlier`` (a quotation restating its paraphrase: "President Trump
    called the case very unfair, claiming he and Hillary Clinton both 'lied' to the FBI", then '"Hillary Clinton lied
    many times to the FBI ...," Trump said'). SHARED is claims.py's least overlap of two statements of one claim,
    reused, not tuned. What the speaker says beyond that shares less ('"I feel badly for General Flynn," Mr. Trump
    said') and is kept."""
    if c.continues:
        return True
    if not c.speakers & earlier.actors:
        return False
    said = set().union(*(f.core for f in mine)) - _SAYING - c.speakers
    return len(said & set().union(*(f.units for f in theirs))) >= SHARED


def _apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two statements that name days (``_days``) and no day in common: they tell of different days."""
    return bool(a and b and not a & b)


def _nouns(c: Candidate) -> set[str]:
    return {t.lemma.lower() for x in c.sentences for t in x.tokens if t.pos == "NOUN"}


def _head_noun(c: Candidate) -> str:
    return _definite_subject(c) or ""


#: The statements of an article's lead that tell its news: its first two (the lede and the one that completes it:
#: "Melanie Stansbury has defeated Republican opponent Mark Moores" after the lede on the seat Democrats kept). A
#: report's lead is its own telling of the event; deeper statements add to it.
LEAD = 2


def _subject(c: Candidate, said: bool = False) -> frozenset[str]:
    """Whom the statement's main claim is about: the names in the subject of its first sentence's root (the whole
    phrase: "Democrat Melanie Stansbury", "The Food and Drug Administration and the Centers for Disease Control"),
    else the subject's own noun ("officials"); empty for a pronoun or no subject. When the root is a verb of saying
    with a clause said ("Williams died on Thursday, a spokesman said"; "People said Reid's representative confirmed
    ..."), ``said`` reads that clause's subject, the claim's; without it, the root's own, the teller ("a spokesman",
    "police")."""
    toks = c.sentences[0].tokens
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), None)
    for _ in range(2 if said else 0):  # "Reid checked into rehab, her rep told People": the claim is what was told
        clause = next((i for i, t in enumerate(toks) if t.head == root and t.dep == "ccomp" and i != root), None)
        if root is None or toks[root].lemma.lower() not in REPORTING_VERBS or clause is None:
            break
        root = clause
    subject = next((i for i, t in enumerate(toks) if t.head == root and t.dep in ("nsubj", "nsubjpass") and i != root), None)
    if root is None or subject is None or toks[subject].pos == "PRON":
        return frozenset()

    def under(j: int) -> bool:  # token j is in the subject's phrase
        for _ in range(len(toks)):
            if j == subject:
                return True
            if toks[j].head == j:
                return False
            j = toks[j].head
        return False

    names = {name for j in range(len(toks)) if under(j) and (name := name_at(toks, j))}
    return frozenset(names) if names else frozenset({toks[subject].lemma.lower()})


def _same_subject(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two statements' ``_subject`` that name one of the same: a name within another ("Stansbury", "Democrat Melanie
    Stansbury"; ``claims.same_name``), or the same noun."""
    return any(same_name(x.split(), y.split()) for x in a for y in b)


def retellings(
    items: Sequence[AnalyzedArticle], cands: Sequence[Candidate], *, undated: bool = False, sources: bool = False
) -> dict[int, frozenset[int]]:
    """For each statement of an article's lead (its first ``LEAD`` statements) that is no quotation or comment
    (``_soft``), the lead statements of the story's other articles that retell its news: about the same one
    (``_subject``: "Stansbury won election to Congress on Tuesday", "Stansbury prevailed in an open, four-way race") on
    the same days (``_lead_days``). Each outlet's lead tells the event in its own words, verbs and all ("won",
    "defeated", "prevailed"), which no test of words or deeds joins; who it is about and when are what they share.
    ``undated``: two statements of undated articles that name no day are of one day too (nothing says otherwise): the
    labels' reading (``lead_statements``), not the summary's, which would hide a point on that little.
    For the summary a lead is about its main verb's subject, the teller of one that reports what someone said ("...,
    police said" in both retells it: a point hidden on that only omits). ``sources`` (the labels' reading) reads what
    was said (``_subject``: "Williams died on Thursday, a spokesman said" is about Williams): two leads of one day that
    both report what police said are not two sources of each other's fact."""
    leads = [
        (k, subject, *_lead_days(cands[k].text, items[cands[k].article].article.date))
        for k in range(len(cands))
        if cands[k].rank < LEAD and not _soft(cands[k]) and (subject := _subject(cands[k], said=sources))
    ]
    out: dict[int, set[int]] = {}
    for (i, subject_i, days_i, named_i), (j, subject_j, days_j, named_j) in itertools.combinations(leads, 2):
        if cands[i].article == cands[j].article or not _same_subject(subject_i, subject_j):
            continue
        same = days_i == days_j if named_i and named_j else bool(days_i & days_j)
        if same or (undated and not (days_i or days_j)):
            out.setdefault(i, set()).add(j)
            out.setdefault(j, set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


def select_mmr(
    cands: Sequence[Candidate],
    scores: np.ndarray,
    overlap: np.ndarray,
    config: BuildConfig,
    news: np.ndarray | None = None,
    weak: np.ndarray | None = None,
    background: np.ndarray | None = None,
    persons: Sequence[tuple[frozenset[str], frozenset[str]]] | None = None,
    claims: Claims | None = None,
    ledes: Mapping[int, frozenset[int]] | None = None,
    days: Callable[[int], frozenset[str]] | None = None,
    retold: Mapping[int, frozenset[int]] | None = None,
) -> list[int]:
    """Maximal marginal relevance under a word budget; the chosen statements in reading order.

    Two statements that share most words (``config.redundancy``) or state the same fact
    (``same_fact``) are never both chosen. A statement that leans on the one before it in its
    article ("He", "also", "The company") can be chosen only once that one is; a bare definite
    subject ("The quake struck") also once the summary has named its noun. With ``news`` (each
    statement's ``importance``), the statement most surely the news is chosen first, and the
    KEY_POINTS[1] most important of the chosen lead in that order, quotations and comment
    (``_soft``) after the statements of fact; the rest follow in the order of choice. Statements
    marked ``background`` (what happened before the news) come after the other statements of
    fact among the key points, and are the first point only when the story has nothing else. Statements
    marked ``weak`` are never chosen. Either way a leaning statement comes right after the one it
    leans on. With ``persons`` (``surnames``), a statement naming someone by a bare last name is
    chosen only once a chosen statement gives the full name, and comes after that one. ``claims``: the story's
    memo of claims. With ``ledes`` (``same_ledes``), a lede is never chosen after another lede that states its fact.
    A statement that adds no fact to one chosen before it (``_repeats``; with ``days``, each statement's ``_days``,
    not when the two name different days), or, with ``retold`` (``retellings``), another article's lead statement that
    retells the news of one chosen, is chosen but not shown, so the budget and the other rules see it as before and the
    summary is shorter; a statement that leans on it, or needs a name or noun only it gave, is not shown either.
    """
    n = len(cands)
    claim_of = claims if claims is not None else Claims()
    ends = {(c.article, c.sentences[-1].index): k for k, c in enumerate(cands)}
    before = np.array([ends.get((c.article, c.sentences[0].index - 1), -1) for c in cands])
    leaning = np.array([c.leans for c in cands], dtype=bool)
    soft = np.array([_soft(c) for c in cands], dtype=bool)
    nouns = [_head_noun(c) if leaning[k] and not _PRONOUN_START.match(c.text) else "" for k, c in enumerate(cands)]
    facts: dict[int, list[Claim]] = {}
    hidden: set[int] = set()  # chosen statements that repeat an earlier choice (``_repeats``): not shown
    lengths = [_words(c.text) for c in cands]
    open_ = np.ones(n, dtype=bool) if weak is None else ~weak
    if background is None:
        background = np.zeros(n, dtype=bool)
    taken = np.zeros(n, dtype=bool)
    worst = np.zeros(n)
    chosen: list[int] = []
    named: set[str] = set()
    introduced: dict[int, int] = {}  # a statement whose bare "The company" an earlier choice named: that choice
    needs = [p[0] for p in persons] if persons is not None else [frozenset()] * n
    gives = [p[1] for p in persons] if persons is not None else [frozenset()] * n
    known: dict[str, int] = {}  # a last name -> the first chosen statement that gave its full name
    words = 0
    while words < config.summary_words:
        ok = ~leaning | ((before >= 0) & taken[np.maximum(before, 0)])
        ok |= np.array([bool(noun) and noun in named for noun in nouns], dtype=bool)
        ok &= np.array([need <= known.keys() for need in needs], dtype=bool)
        value = MMR_LAMBDA * scores - (1 - MMR_LAMBDA) * worst
        if news is not None and not chosen:
            # the first point is the news itself: never a quotation or comment, and background only
            # when the story has nothing else (importance is in 0..1)
            value = np.where(soft, -2.0, np.where(background, news - 1.0, news))
        value[~open_ | ~ok | (worst >= config.redundancy)] = -np.inf
        best = int(np.argmax(value))  # the first of equals: deterministic
        if value[best] == -np.inf:
            break
        open_[best] = False
        if chosen and words + lengths[best] > config.summary_words * 1.15:
            continue
        mine = facts.setdefault(best, [claim_of(x) for x in cands[best].sentences])
        if any(same_fact(a, b) for k in chosen for a in mine for b in facts[k]):
            continue
        if ledes and any(taken[k] for k in ledes.get(best, ())):
            continue  # another article's lede already told it: two outlets opening on one event in their own words
        if any(_repeats(cands[best], mine, cands[k], facts[k]) and not (days and _apart(days(best), days(k))) for k in chosen) or (
            retold and any(taken[k] for k in retold.get(best, ()))
        ):
            # it adds no fact to a chosen statement: chosen all the same, so that its other tellings (same_fact) and
            # its share of the budget stay spent as before, but not shown (a shorter summary, not another pick)
            hidden.add(best)
        if nouns[best] and nouns[best] in named:
            # its noun is named in what the reader has already seen: it needs that statement, not its own predecessor
            introduced[best] = next(k for k in chosen if nouns[best] in _nouns(cands[k]))
        if needs[best]:
            # it must come after the last statement that gave a name it uses bare (or named its noun)
            namers = [known[s] for s in needs[best]] + ([introduced[best]] if best in introduced else [])
            introduced[best] = max(namers, key=chosen.index)
        chosen.append(best)
        for s in gives[best]:
            known.setdefault(s, best)
        taken[best] = True
        words += lengths[best]
        worst = np.maximum(worst, overlap[:, best])
        named |= _nouns(cands[best])
    picked = list(chosen)  # the order of choice
    for k in [k for k in introduced if hidden and k not in hidden]:
        # the names and noun it needs from the shown statements chosen before it (the same ones when none of them is
        # hidden); a statement that needs what only a hidden one gave is hidden too
        shown = [j for j in picked[: picked.index(k)] if j not in hidden]
        givers: list[int | None] = [next((j for j in shown if s in gives[j]), None) for s in needs[k]]
        if nouns[k] and any(nouns[k] in _nouns(cands[j]) for j in picked[: picked.index(k)]):
            givers.append(next((j for j in shown if nouns[k] in _nouns(cands[j])), None))
        found = [j for j in givers if j is not None]
        if found and len(found) == len(givers):
            introduced[k] = max(found, key=picked.index)
        else:
            hidden.add(k)
    if news is not None:
        # the key points: the news first, statements of fact by importance, then quotations and comment;
        # the rest in the order of choice (ordering them all by importance: ROUGE-2 16.89/15.48 on rows
        # 0-124/125-249 against 17.02/15.80 this way; both halves seen, so a choice, not a tuned number)
        head = sorted(chosen, key=lambda k: (bool(soft[k]), bool(background[k]), -float(news[k])))[: KEY_POINTS[1]]
        chosen = head + [k for k in chosen if k not in head]
    follows = {k: int(before[k]) for k in chosen if leaning[k] and k not in introduced and before[k] in chosen}
    # a bare "The company" the key points' order would put before the statement that names a company goes right after it
    follows |= {k: namer for k, namer in introduced.items() if chosen.index(k) < chosen.index(namer)}
    # a statement that leans on a hidden one, or needs a name or noun only a hidden one gave, goes with it
    while True:
        more = {k for k in chosen if k not in hidden and (follows.get(k, -1) in hidden or introduced.get(k, -1) in hidden)}
        if not more:
            break
        hidden |= more
    order: list[int] = []

    def place(k: int) -> None:
        order.append(k)
        for j in chosen:  # what leans on k comes right after it
            if follows.get(j) == k and j not in hidden:
                place(j)

    for k in chosen:
        if k not in follows and k not in hidden:
            place(k)
    return order

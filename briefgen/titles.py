"""How a story is titled: one rule, applied once the story's key points are known.

Grouping titles a story from its articles alone, before anything is summarised (group.title_choice:
the real headline of its most central article, else a lead sentence cut by punctuation); that
title and where it came from (Story.title_source, Story.title_article) travel with the story. The
stories stage, with the brief made, titles it for good (``story_title``), first rule that gives one:

1. an editor's title (stories.yml) stays;
2. the real headline (group.real_headline: not inferred, not boilerplate, not cut) of the article
   the first key point cites, at most ``MAX_WORDS`` words: the news, in its writer's headline;
3. grouping's headline when its article is the story's most central one or a key point cites it
   (at most ``MAX_WORDS``);
4. the first key point whose sentence makes a headline (``headline``);
5. grouping's title.

A key point made a headline (``headline``) is its sentence's main clause, by its parse:

- the clause that carries the news: the sentence's root, or, when the root is a verb of saying
  with a clause under it ("..., officials said Wednesday"), that clause;
- without what a headline leaves out: side clauses (``advcl``: "When ...", "..., after ..."),
  appositions and relative clauses (", one of just four rhinos left,", ", who ...,"), anything in
  parentheses or dashes, leading phrases before the subject ("Early Sunday morning, ...",
  "According to police, ..."), and "according to ..." anywhere;
- when still longer than ``MAX_WORDS``, trailing adjuncts (prepositional phrases, times, "with
  police discovering ...") dropped from the end, whole phrases only, never cut mid-phrase;
- never a clause whose subject or object is a bare pronoun ("He addressed ...", "... euthanize
  her"), which would need another sentence to be understood, nor one inside a quotation.

A story's id never depends on its title (group.assign_ids: founding articles and the last edition).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.group import _DANGLING, clean_title, real_headline, sentence_case
from briefgen.models import AnalyzedArticle, Sentence, Story, SummarySentence, Token
from briefgen.text.lines import DATELINE, DATELINE_BARE

#: Longest title made from a sentence, in words. Real headlines of the ECB+ dev articles run 6-12
#: words (median 9); 16 leaves room for a full name and a place, set by hand on Multi-News rows 100-112.
MAX_WORDS = 16
#: Shortest: fewer words is no statement ("Nola died" is one, but rarely the news).
MIN_WORDS = 4

#: Verbs that attribute a statement: the news is the clause under them.
_SAYING = frozenset({"say", "tell", "announce", "report", "confirm", "state", "add", "claim", "allege", "reveal",
                     "insist", "acknowledge", "warn", "note", "explain", "write", "disclose"})
#: Dependents of the clause's verb a headline leaves out whatever the length.
_ALWAYS_DROPPED = frozenset({"advcl", "parataxis", "intj", "discourse", "dislocated", "meta", "mark", "cc", "preconj"})
#: Dependents of the verb that may go, from the end, when the title is too long (adjuncts, not arguments).
_OPTIONAL = frozenset({"prep", "npadvmod", "advmod", "agent", "conj", "acl", "tmod"})
#: Bare pronouns: a title with one leans on another sentence.
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "me", "you", "this", "these",
                       "those", "that", "our", "my", "your"})  # and the writer's own voice


def story_title(story: Story, items: Sequence[AnalyzedArticle], summary: Sequence[SummarySentence], key_points: int) -> str:
    """The story's final title (the module's rule, steps 1-5), from grouping's choice (``story``), its analysed
    articles, its summary and how many of the summary's first sentences are key points."""
    if story.title_source == "editor" or not summary:
        return story.title
    points = summary[: max(key_points, 1)]
    by_id = {item.article.id: item for item in items}
    first = by_id.get(points[0].citation.article)
    title = real_headline(first) if first is not None else None
    if title and len(title.split()) <= MAX_WORDS:
        return title
    cited = {p.citation.article for p in points}
    if (story.title_source == "headline-central" or (story.title_source == "headline" and story.title_article in cited)) and (
            len(story.title.split()) <= MAX_WORDS):
        return story.title
    for point in points:
        item = by_id.get(point.citation.article)
        sentence = next((s for s in item.sentences if s.index == point.citation.sentence), None) if item else None
        title = headline(sentence, item.article.text) if item is not None and sentence is not None else None
        if item is not None and title:
            return sentence_case(title, item.article.text)
    return story.title


def _children(tokens: Sequence[Token]) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in tokens]
    for i, t in enumerate(tokens):
        if t.head != i and 0 <= t.head < len(tokens):
            kids[t.head].append(i)
    return kids


def _subtree(i: int, kids: list[list[int]]) -> set[int]:
    out, todo = set(), [i]
    while todo:
        k = todo.pop()
        if k not in out:
            out.add(k)
            todo.extend(kids[k])
    return out


def _set_off(span: set[int], tokens: Sequence[Token]) -> bool:
    """The span is set off by commas, dashes or parentheses (an aside), not part of the clause's run."""
    lo, hi = min(span), max(span)
    before = tokens[lo - 1].text if lo > 0 else ""
    after = tokens[hi + 1].text if hi + 1 < len(tokens) else ""
    return before in {",", "(", "—", "–", "--", "-"} and after in {",", ")", "—", "–", "--", "-", "."}


def _adjunct(k: int, tokens: Sequence[Token], kids: list[list[int]], keep: set[int]) -> bool:
    """A phrase a headline can do without: a participle phrase or second conjunct anywhere, an adjunct of a verb
    (not a noun's "of a judge", "on a church", which name what the noun is) that is not all the verb has after it
    ("calling [for action]")."""
    t = tokens[k]
    if t.dep in ("acl", "conj"):
        return True
    if t.dep not in _OPTIONAL or tokens[t.head].pos not in ("VERB", "AUX"):
        return False
    return any(c in keep and c > t.head and c != k for c in kids[t.head])


def _words(keep: set[int], tokens: Sequence[Token]) -> int:
    return sum(1 for i in keep if tokens[i].pos not in ("PUNCT", "SPACE"))


def headline(sentence: Sentence, text: str) -> str | None:
    """The sentence's main clause as a headline (see the module's docstring), or None when it makes none."""
    tokens = sentence.tokens
    if not tokens or re.match(r"^\s*[\"“‘']", sentence.text):
        return None
    kids = _children(tokens)
    roots = [i for i, t in enumerate(tokens) if t.dep == "ROOT" or t.head == i]
    if not roots:
        return None
    root = roots[0]
    said = [k for k in kids[root] if tokens[k].dep == "ccomp"]
    if tokens[root].lemma.lower() in _SAYING and said:
        root = said[0]  # "X was arrested, officials said" -> "X was arrested"
    if tokens[root].pos not in ("VERB", "AUX"):
        return None
    keep = _subtree(root, kids)
    subjects = [k for k in kids[root] if tokens[k].dep in ("nsubj", "nsubjpass", "csubj", "expl")]
    if not subjects:
        return None
    first_subject = min(_subtree(subjects[0], kids))
    for k in sorted(kids[root]):
        dep = tokens[k].dep
        if dep in _ALWAYS_DROPPED or (k < first_subject and dep not in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "expl")) or (
                dep == "ccomp" and tokens[k].lemma.lower() in _SAYING):
            keep -= _subtree(k, kids)  # side clauses and phrases before the subject ("Early Sunday morning, ...")
        elif dep == "conj" and k > root:
            keep -= _subtree(k, kids)  # a second clause ("... and police said ...")
    for i in sorted(keep):
        if i not in keep:
            continue
        t = tokens[i]
        # an apposition only when set off on both sides: a parse that runs it on past the comma took in more
        aside = t.dep == "relcl" or (t.dep in ("appos", "acl", "amod", "npadvmod", "nummod") and _set_off(_subtree(i, kids), tokens))
        according = t.text.lower() == "according" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "to"
        if (aside or according) and i != root:
            keep -= _subtree(i, kids)
    keep = _drop_brackets(keep, tokens)
    start = len(sentence.text) - len(_undated(sentence.text))  # "PARIS An Algerian man ...", "Washington (CNN) ..."
    keep = {i for i in keep if tokens[i].start >= sentence.start + start}
    after = [k for k in kids[root] if k in keep and k > root and tokens[k].pos != "PUNCT"]
    passive = any(tokens[k].dep in ("auxpass", "nsubjpass") for k in kids[root])
    # the verb's first complement stays ("participated in an exercise"); a passive is whole without it ("was arrested")
    needed = min(after) if after and not passive else -1
    while _words(keep, tokens) > MAX_WORDS:
        words = {i for i in keep if tokens[i].pos != "PUNCT"}
        last = max(words)
        trailing = [k for k in words if k > root and k != needed and max(_subtree(k, kids) & words) == last
                    and _adjunct(k, tokens, kids, words)]
        conjuncts = [k for k in trailing if tokens[k].dep == "conj"]
        if conjuncts:  # a second conjunct goes whole ("... and for calling for action on ...")
            trailing = [max(conjuncts, key=lambda k: len(_subtree(k, kids)))]
            keep -= {c for c in kids[tokens[trailing[0]].head] if tokens[c].dep == "cc" and c < trailing[0]}
        if not trailing:
            trailing = [k for k in kids[root] if k in keep and k > root and k != needed and tokens[k].dep in _OPTIONAL]
        if not trailing:
            return None
        keep -= _subtree(max(trailing), kids)  # the shortest phrase at the end first: whole phrases only
    if _words(keep, tokens) < MIN_WORDS or any(tokens[i].text.lower() in _PRONOUNS and tokens[i].pos == "PRON" for i in keep):
        return None
    out = _join(sorted(keep), tokens, text)
    if not out or _DANGLING.search(out) or out.count('"') % 2 or out.count("“") != out.count("”") or out.count("(") != out.count(")"):
        return None
    return out[:1].upper() + out[1:]


def _drop_brackets(keep: set[int], tokens: Sequence[Token]) -> set[int]:
    """Without whatever stands in parentheses or between dashes."""
    out, depth, dash = set(), 0, False
    for i, t in enumerate(tokens):
        if t.text == "(":
            depth += 1
        if t.text in ("—", "–", "--"):
            dash = not dash
            continue
        if i in keep and depth == 0 and not dash:
            out.add(i)
        if t.text == ")":
            depth = max(0, depth - 1)
    return out


#: A dateline before the sentence: "PARIS An ...", "OSAN AIR BASE, South Korea — ...".
_CAPS_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*"
                            r"(?:,\s[A-Z][\w.'’ -]{1,30}?)?(?:\s*[-–—]{1,2}\s*|\s(?=(?:A|An|The)\s))")


def _undated(text: str) -> str:
    """The sentence without a dateline or section label before it."""
    t = clean_title(text)
    dateline = DATELINE.match(t) or DATELINE_BARE.match(t) or _CAPS_DATELINE.match(t)
    return t[dateline.end() :].lstrip() if dateline and dateline.end() < len(t) else t


def _join(kept: list[int], tokens: Sequence[Token], text: str) -> str:
    """The kept tokens as written (their own spacing), without commas left at the ends or doubled."""
    chosen = set(kept)
    # a comma left at the edge of what was taken out: "Nola, [one of four rhinos,] died"
    shown = [i for i in kept if tokens[i].pos != "SPACE"
             and not (tokens[i].text in {",", ";", ":"} and not (i - 1 in chosen and i + 1 in chosen))]
    parts: list[str] = []
    for n, i in enumerate(shown):
        t = tokens[i]
        end = t.start + len(t.text)
        space = " " if (end < len(text) and text[end : end + 1].isspace()) or (n + 1 < len(shown) and shown[n + 1] != i + 1) else ""
        parts.append(t.text + space)
    out = "".join(parts).strip()
    out = re.sub(r"\s+([,.;:!?’”)])", r"\1", out)
    out = re.sub(r"(,\s*){2,}", ", ", out)
    return re.sub(r"^[\s,;:.-]+|[\s,;:.—–-]+$", "", out)

"""Verbs of saying: who said a quote (the fact boxes) and where a quote's attribution ends (the sentence splitter).

The fact boxes read lemmas; the splitter runs before the lemmatizer, so ``speech_form``
reads an inflected form itself ("said", "tweets", "added", "testified").
"""

from __future__ import annotations

#: Lemmas of the verbs that bring in what someone said ("said", "told", "tweeted", "asked" ...).
SPEECH = frozenset(
    {
        "say",
        "tell",
        "add",
        "claim",
        "warn",
        "write",
        "state",
        "note",
        "announce",
        "declare",
        "insist",
        "explain",
        "argue",
        "accuse",
        "reply",
        "respond",
        "stress",
        "emphasize",
        "emphasise",
        "remark",
        "comment",
        "ask",
        "suggest",
        "predict",
        "promise",
        "vow",
        "allege",
        "acknowledge",
        "admit",
        "deny",
        "report",
        "tweet",
        "post",
        "urge",
        "describe",
        "recall",
        "conclude",
        "yell",
        "shout",
        "scream",
        "cry",
        "whisper",
        "testify",
        "plead",
        "call",
        "hear",
        "read",
        "quote",
    }
)
#: Forms of those verbs that are not the lemma with -s, -es, -d, -ed or -ied.
IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "heard": "hear"}


def speech_form(word: str) -> bool:
    """``word`` is a form of a verb of saying, read without a lemmatizer: its own lemma, an irregular form, or the
    lemma with a regular ending ("says", "added", "noted", "tweeted", "testified", "admitted")."""
    w = word.casefold()
    if w in SPEECH or IRREGULAR.get(w) in SPEECH:
        return True
    stems = []
    if w.endswith(("ies", "ied")):
        stems.append(w[:-3] + "y")  # testifies, replied
    if w.endswith("s"):
        stems += [w[:-1], w[:-2] if w.endswith("es") else ""]  # says, stresses
    if w.endswith("ed"):
        stems += [w[:-1], w[:-2], w[:-3] if len(w) > 4 and w[-3] == w[-4] else ""]  # noted, added, admitted
    return any(s in SPEECH for s in stems if s)

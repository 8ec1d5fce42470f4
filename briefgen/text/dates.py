"""Dates as news text writes them: full dates, time-stamp lines, and parsing to ISO.

The one definition of month names and date shapes; ingest, grouping and the
timeline read dates through here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from briefgen.models import Sentence, Token
from briefgen.text.daynames import DAY_NAME, MONTH, MONTH_NAME

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?P<mon>{MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>\d{{4}})", re.I),
]
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
DATE_LINE = re.compile(
    rf"^\s*(?:date[d]?:?\s+|published:?\s+|updated:?\s+)?{_WEEKDAY}"
    rf"(?P<date>\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T ][\d:.]+Z?)?|{_DAY}\s+(?:of\s+)?{MONTH},?\s+\d{{4}}|"
    rf"{MONTH}\s+{_DAY},?\s+\d{{4}})"
    r"(?:\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"\s*(?:\(@?[\w.]+\))?\s*$",
    re.I,
)
# A time stamp line above or under a headline, as pasted from news sites: "December 15th, 2008, 7: 35 am",
# "Posted: Nov 27, 2005 8: 20 AM ET", "12 / 16 / 08 1: 30 AM EST", "8: 24am:". It is known by what is left
# once its dates, times, time zones, weekdays and labels are taken out: nothing but punctuation, or, next to
# a full date, one or two capitalised words (an agency or a place: "TNN Nov 12, 2011, 05. 51AM IST MUMBAI:").
_STAMP_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_STAMP_DATE = re.compile(
    r"(?<!\d)(?P<y1>\d{4})\s*(?P<s1>[-/.])\s*(?P<m1>\d{1,2})\s*(?P=s1)\s*(?P<d1>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<a2>\d{1,2})\s*(?P<s2>[-/.])\s*(?P<b2>\d{1,2})\s*(?P=s2)\s*(?P<y2>\d{4}|\d{2})(?!\d)"
    rf"|(?<!\d)(?P<d3>{_DAY})\s+(?:of\s+)?(?P<m3>{_STAMP_MONTH})(?![a-z])(?:,?\s+(?P<y3>\d{{4}})(?!\d))?"
    rf"|(?<![a-z])(?P<m4>{_STAMP_MONTH})\s+(?P<d4>{_DAY})(?![\d:])(?:,?\s+(?P<y4>\d{{4}})(?!\d))?",
    re.I,
)
_STAMP_PARTS = (
    # times: "7: 35 am", "23: 37: 00", "05. 51AM", "5: 55p", "6am"; "1052 GMT"
    re.compile(r"(?<!\d)\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:[ap]\.?\s*m\b\.?|[ap]\b))?", re.I),
    re.compile(r"(?<!\d)\d{1,2}(?:\s*\.\s*\d{2})?\s*[ap]\.?\s*m\b\.?", re.I),
    re.compile(r"(?<!\d)\d{4}(?=\s+[A-Z]{1,4}T\b)"),
    # time zones, with an offset: "EST", "GMT+05: 00", "hrs"
    re.compile(r"\b(?:[A-Z]{1,4}T|UTC|UK|hrs)\b(?:\s*[+-]\s*\d{1,2}(?:\s*:\s*\d{1,2})?)?"),
    re.compile(r"\b(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\b\.?", re.I),
    re.compile(
        r"\b(?:first|last|originally)?\s*(?:posted|published|updated|created|edited|modified|dated?)\b"
        r"|\b(?:story|article)\b(?=\s+(?:posted|published|created|updated))|\b(?:on|at|time)\b",
        re.I,
    ),
)
_STAMP_REST = re.compile(r"[\s,.|@:;\-–—•()\[\]/+*]+")
#: Paragraphs into the body in which a time stamp line is still looked for (under a standfirst, say).
STAMP_PARAGRAPHS = 3


def stamp_line(line: str, month: tuple[int, int] | None = None) -> tuple[bool, str | None]:
    """Is ``line`` a time stamp line, and the ISO date it gives (None when it has no full date)?

    Numbers are read month first ("12 / 16 / 08") unless that is impossible, or the
    parts are separated by dots or dashes ("08. 07. 2012" is 8 July), or ``month`` (the
    year and month the article's URL names: ``url_month``) agrees with the other reading
    only ("11 / 09 / 2010" under /2010/09/ is 11 September).
    """
    if len(line) > 160 or not re.search(r"\d", line):
        return False, None
    date = None
    found = False
    for m in _STAMP_DATE.finditer(line):
        found = True
        date = date or _stamp_date(m.groupdict(), month)
    rest = _STAMP_DATE.sub(" ", line)
    for part in _STAMP_PARTS[:3]:
        rest, n = part.subn(" ", rest)
        found = found or n > 0
    if not found:
        return False, None
    for part in _STAMP_PARTS[3:]:
        rest = part.sub(" ", rest)
    words = _STAMP_REST.sub(" ", rest).split()
    if not words or (date and len(words) <= 2 and all(len(w) > 1 and w.isupper() and w.isalpha() for w in words)):
        return True, date
    return False, None


def _stamp_date(parts: dict[str, str | None], named: tuple[int, int] | None = None) -> str | None:
    try:
        if parts["y1"]:
            year, month, day = int(parts["y1"]), int(parts["m1"] or 0), int(parts["d1"] or 0)
        elif parts["y2"]:
            a, b, year = int(parts["a2"] or 0), int(parts["b2"] or 0), int(parts["y2"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            month_first = b > 12 or (a <= 12 and parts["s2"] == "/")
            if a <= 12 and b <= 12 and named and named[0] == year and named[1] in (a, b) and a != b:
                month_first = named[1] == a  # both readings possible: the one the URL's month agrees with
            month, day = (a, b) if month_first else (b, a)
        elif parts["y3"] or parts["y4"]:
            name, written_day = (parts["m3"], parts["d3"]) if parts["y3"] else (parts["m4"], parts["d4"])
            year, month = int(parts["y3"] or parts["y4"] or 0), _MONTHS[_month_key(name or "")]
            day = int(re.sub(r"\D", "", written_day or ""))
        else:
            return None
        return dt.date(year, month, day).isoformat()
    except (KeyError, ValueError):
        return None


def parse_date(value: Any) -> str | None:
    """Return an ISO date for a date, datetime or a date written in English, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(value)
        if not match:
            continue
        parts = match.groupdict()
        try:
            month = int(parts["m"]) if parts.get("m") else _MONTHS[_month_key(parts["mon"])]
            day = int(re.sub(r"\D", "", parts["d"]))
            return dt.date(int(parts["y"]), month, day).isoformat()
        except (KeyError, ValueError):
            continue
    return None


def _month_key(name: str) -> str:
    name = name.rstrip(".").lower()
    return "sept" if name.startswith("sept") else name[:3]


def is_month(word: str) -> bool:
    """A month's name or its abbreviation, any case, with or without a full stop: "July", "Sept.", "jan"."""
    return word.rstrip(".").lower() in _MONTHS


# -- dates for articles that carry none -----------------------------------------------------------

#: Where an article's date came from (Article.date_source), strongest first. "inferred" dates (from the
#: most similar dated articles) are made by grouping, for grouping only, and never become Article.date.
DATE_SOURCES = ("front matter", "feed", "page", "dateline", "url", "text", "inferred")

#: Dates outside these years are not taken from URLs or text: a URL's "/1066/10/14/" is an id, not a day.
#: (News archives online start in the 1990s; htmldate's URL rule uses the same lower bound.)
EARLIEST_YEAR, LATEST_YEAR = 1990, 2099


_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/")


def url_month(url: str | None) -> tuple[int, int] | None:
    """The year and month a URL's path names ("/2010/09/"), or None."""
    m = _URL_MONTH.search(url or "")
    if not m or not EARLIEST_YEAR <= int(m.group("y")) <= LATEST_YEAR:
        return None
    return int(m.group("y")), int(m.group("m"))


def url_date(url: str | None) -> str | None:
    """The day a URL's path names (``/2013/05/02/``, ``/2013-07-21/``), by htmldate's URL rule."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, dt.datetime(LATEST_YEAR, 12, 31), dt.datetime(EARLIEST_YEAR, 1, 1), True, "%Y-%m-%d")
    try:
        return extract_url_date(url, options)
    except (ValueError, OverflowError):
        return None


def lead_date(paragraphs: Sequence[str]) -> str | None:
    """The first full date ("May 2, 2013", "2 May 2013", "2013-05-02") written in ``paragraphs``
    (the caller passes the lead: a date named there is most often the news's own day)."""
    for para in paragraphs:
        for pattern in _DATE_PATTERNS:
            for match in pattern.finditer(para):
                day = parse_date(match.group(0))
                if day and EARLIEST_YEAR <= int(day[:4]) <= LATEST_YEAR:
                    return day
    return None


#: dateparser's reading of a date line the rules above do not know ("Friday 3rd May, 2013 | 10:21"):
#: strict, with day, month and year required, so it never fills in today's date for a missing part.
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # fixed, so no reading depends on the day of the build
    "DATE_ORDER": "MDY",  # the rules' order for "12/16/08"; dots or dashes read day first (stamp_line)
}


#: What a written full date has: a year and a month name, or numbers with separators ("03.05.2013").
_FULL_DATE_SHAPE = re.compile(rf"(?=.*\b\d{{4}}\b)(?=.*\b{MONTH}(?!\w))|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", re.I | re.S)
_RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|tonight|last|next|this|since|before|after)\b", re.I)


def parse_date_fallback(value: Any) -> str | None:
    """``parse_date``, then dateparser for short English date strings the rules do not read."""
    day = parse_date(value)
    if day or not isinstance(value, str) or not (6 <= len(value.strip()) <= 60) or not _FULL_DATE_SHAPE.search(value):
        return day
    if _RELATIVE.search(value):
        return None  # "yesterday", "2 days ago": dateparser would count from RELATIVE_BASE
    import dateparser

    try:
        order = "DMY" if re.search(r"\d\s*[.-]\s*\d", value) and "/" not in value else "MDY"
        settings = {**_DATEPARSER_SETTINGS, "DATE_ORDER": order}
        parsed = dateparser.parse(value.strip(), languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return None
    return parsed.date().isoformat()


#: Weekdays by name, Monday 0.
WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_SENTENCE_WEEKDAY = re.compile(rf"\b(?P<last>last\s+)?(?P<day>{DAY_NAME})\b")
_SENTENCE_MONTH_DAY = re.compile(
    rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d)"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_NAME})\b(?!\.?,?\s*\d)"
)
_SENTENCE_RELATIVE = re.compile(r"\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|last night)\b", re.I)
_RELATIVE_DAYS = {"yesterday": -1, "last night": -1}


def nearest_year(month: int, day: int, ref: dt.date) -> dt.date:
    """The day ``month``/``day`` nearest to ``ref``: of the year before, the same year or the year after
    (news names near days, past or coming: "on December 20" in early March is last December's, "a May 10
    deadline" on 2 May is this May's). Raises ValueError for a day no such year has (30 February)."""
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    if not options:
        raise ValueError(f"no year has {month}/{day}")
    return min(options, key=lambda d: (abs((d - ref).days), d > ref))  # a tie goes to the past


def sentence_date(text: str, article_date: str | None) -> tuple[str, bool] | None:
    """The day a sentence dates what it tells: (ISO date, approximate), or None: the first of
    ``date_mentions``."""
    found = date_mentions(text, article_date)
    return (found[0][2], found[0][3]) if found else None


def date_mentions(text: str, article_date: str | None) -> list[tuple[int, int, str, bool]]:
    """The days a sentence names, as (start, end, ISO date, approximate), full dates first, each kind in text order.

    A full date in the text is taken as written (approximate False). Otherwise, against the
    article's date: a month and day ("on March 3": in the year that puts it nearest to the
    article's date, before or after it: ``nearest_year``), a weekday ("on Tuesday": the latest such day
    on or before the article's date; "last Tuesday" at least a day before), or "yesterday",
    "today", "last night" (approximate True: resolved, not stated).
    """
    stated: list[tuple[int, int, str, bool]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            day = parse_date(m.group(0))
            if day and not any(s < m.end() and m.start() < e for s, e, _, _ in stated):
                stated.append((m.start(), m.end(), day, False))
    stated.sort()
    if not article_date:
        return stated
    try:
        ref = dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return stated
    found: list[tuple[int, int, str, bool]] = []
    for m in _SENTENCE_MONTH_DAY.finditer(text):
        name, day = (m.group("mon"), m.group("d")) if m.group("mon") else (m.group("mon2"), m.group("d2"))
        try:
            when = nearest_year(_MONTHS[_month_key(name)], int(day), ref)
        except (KeyError, ValueError):
            continue
        found.append((m.start(), m.end(), when.isoformat(), True))
    for m in _SENTENCE_WEEKDAY.finditer(text):
        back = (ref.weekday() - WEEKDAYS[m.group("day").lower()]) % 7
        if m.group("last") and back == 0:
            back = 7
        found.append((m.start(), m.end(), (ref - dt.timedelta(days=back)).isoformat(), True))
    for m in _SENTENCE_RELATIVE.finditer(text):
        when = ref + dt.timedelta(days=_RELATIVE_DAYS.get(m.group("word").lower(), 0))
        found.append((m.start(), m.end(), when.isoformat(), True))
    return stated + sorted(found)


# -- dates that are a limit or a plan -------------------------------------------------------------

#: A preposition that makes the date it governs a limit, not the day of an event: "remanded until August 19",
#: "must leave by Friday", "before March 3".
#: "until", "by", "before" and "through" govern a limit ("extending the pause through Jan. 31"); "since" and "after" a
#: span's start ("has evacuated 82,300 people since Aug. 14", "the surge began soon after June 30"): the sentence tells
#: of the time before or after that date, not of the day itself.
_LIMIT_PREPOSITIONS = frozenset({"until", "till", "by", "before", "through", "thru", "since", "after"})
#: Words that make a date a plan or limit when the date hangs on them directly ("scheduled for Friday",
#: "the verdict is expected on Monday", "due on 30 September", "a May 10 deadline"), or when an infinitive
#: that the date hangs on is their complement ("is due to appear on Friday", "plans to vote on Thursday").
_PLAN_WORDS = frozenset({"schedule", "expect", "due", "deadline"})
_PLAN_HEADS = _PLAN_WORDS | {"plan", "set", "intend", "be"}  # "be": "the bill is to be voted on Thursday"
#: Verbs that make a date a plan when it is what they are set *for*: "sentencing is set for March 25", "a
#: trial slated for June" ("set on Monday", "set fire ... on Monday" stay the day something happened).
_SET_FOR = frozenset({"set", "slate"})
#: A court's order for a day to come, with an infinitive complement or purpose: "remanded in custody to
#: appear in court on 19 August", "bailed to appear on Monday".
_COURT_ORDERS = frozenset({"remand", "bail"})
#: "a November 22 release date", "the due date", "a target date": a date that is a plan by name.
_PLANNED_DATE_KINDS = frozenset({"release", "due", "target", "launch"})


def planned(tokens: Sequence[Token], i: int) -> bool:
    """Does the verb ``tokens[i]`` tell of a plan, not of something that happened: "will vote", "shall meet",
    "is due to appear", "is expected to rule", "plans to vote", "is to be voted", "remanded to appear", "the
    measures to be voted" (an infinitive that qualifies a noun)? A verb joined to a planned one ("will be
    charged and appear") is planned too."""
    for j in (i, tokens[i].head) if tokens[i].dep == "conj" else (i,):
        tok = tokens[j]
        kids = [t for t in tokens if t.head == j and t is not tok]
        if any(t.dep.startswith("aux") and t.lemma.lower() in ("will", "shall") for t in kids):
            return True
        if any(t.dep == "aux" and t.tag == "TO" for t in kids):
            head = tokens[tok.head]
            if (
                tok.dep in ("acl", "relcl")
                or (tok.dep == "xcomp" and head.lemma.lower() in _PLAN_HEADS)
                or (tok.dep in ("xcomp", "advcl") and head.lemma.lower() in _COURT_ORDERS)
            ):
                return True
    return False


#: How a date stands before a noun it qualifies: "the August 17 earthquake", "Tuesday's attack", "the 1999 vote".
_PREMODIFIER = frozenset({"nmod", "compound", "poss", "amod", "nummod"})


def of_a_thing(sentence: Sentence, start: int, end: int) -> bool:
    """Is the date at ``sentence.text[start:end]`` (a ``date_mentions`` span) the date of a thing the sentence names
    rather than of what it tells: the date stands before a noun it qualifies ("survivors of the August 17, 1999
    earthquake are still living in tents", "relatives of those killed in the March 3 crash met officials on Friday",
    "his Monday column"), and that noun is not the subject of a verb in the past ("The Aug. 17 earthquake killed
    17,000", "Tuesday's attack killed five": those tell the day). Only a date before its noun counts: a date after it
    ("the attack on Monday") hangs on the noun in the parse as often as the parser misplaces the verb's "on Monday"."""
    toks = sentence.tokens
    inside = {i for i, t in enumerate(toks) if start <= t.start - sentence.start < end}
    for i in inside:
        k, j = i, toks[i].head
        while j != k and (j in inside or toks[j].ent in ("DATE", "TIME")):  # "Tuesday night": up from "night"
            k, j = j, toks[j].head
        word = toks[j]
        if j == k or word.pos not in ("NOUN", "PROPN") or k > j or toks[k].dep not in _PREMODIFIER:
            continue
        verb = toks[word.head]
        if not (word.dep in ("nsubj", "nsubjpass") and verb.tag in ("VBD", "VBN") and verb.pos in ("VERB", "AUX")):
            return True
    return False


def scheduled(sentence: Sentence, start: int, end: int, historical: bool = False) -> bool:
    """Is the date at ``sentence.text[start:end]`` (a ``date_mentions`` span) a limit or a plan rather than
    the day something happened, by the parse: governed by "until", "by", "before", "through", "since", "after" (a span's
    edge), or "set for"; the date of a "deadline" or a "release date"; hanging on "scheduled", "expected", "due", on a
    planned verb (``planned``), or on one under a modal or in the simple present (``_not_told_as_done``).
    ``historical``: the date is stated in full and earlier than the article (or the article is undated), so a simple
    present is a caption's or a history's ("The rescue vessel sets out from Sanya on March 9, 2014", "commemorates the
    end of slavery on June 19, 1865"), not a schedule. A date in a side clause still dates the sentence ("The reality
    star, who returned from Dubai on Sunday, covered up in a furry black coat"): leaving out the dates of relative
    clauses and of clauses opened by "since" or "after" took out more right entries than wrong on news it was not
    made on (README, *Timeline*)."""
    toks = sentence.tokens
    inside = {i for i, t in enumerate(toks) if start <= t.start - sentence.start < end}
    for i in inside:
        j = toks[i].head
        if j in inside or j == i:
            continue
        governor = toks[j]
        lemma = governor.lemma.lower()
        if lemma in _LIMIT_PREPOSITIONS and (governor.pos == "ADP" or governor.dep == "prep"):  # "since" is often SCONJ
            return True
        if lemma == "for" and toks[governor.head].lemma.lower() in _SET_FOR:
            return True
        if lemma == "date" and any(t.head == j and t.lemma.lower() in _PLANNED_DATE_KINDS for t in toks):
            return True
        for _ in toks:  # up to the verb the date tells about ("on Monday night's episode" -> "will be")
            if toks[j].lemma.lower() in _PLAN_WORDS:
                return True
            if toks[j].pos in ("VERB", "AUX") or toks[j].head == j:
                break
            j = toks[j].head
        if toks[j].pos in ("VERB", "AUX") and (planned(toks, j) or _not_told_as_done(toks, j, historical)):
            return True
    return False


def _not_told_as_done(tokens: Sequence[Token], i: int, historical: bool = False) -> bool:
    """The verb ``tokens[i]`` does not tell of something that happened: it is under a modal ("could return on Jan. 7",
    "a shutdown that would kick in Friday", "may vote Tuesday"), or in the simple present ("Newsom heads into the
    recall Tuesday", "the mandate takes effect on Monday": a schedule; what happened is told in a past tense, or the
    present perfect, whose verb is a participle). A verb joined to another ("was arrested and charged on Monday")
    takes its tense and modal from that one. ``historical``: see ``scheduled``; the simple present then tells of it."""
    j = tokens[i].head if tokens[i].dep == "conj" and tokens[i].tag not in ("VBD", "VBN") else i
    kids = [t for t in tokens if t.head == j and t is not tokens[j]]
    if any(t.tag == "MD" for t in kids):
        return True
    if any(t.dep.startswith("aux") for t in kids):
        return False  # "has announced", "is barreling", "was charged": the auxiliary's tense is the verb's
    return not historical and tokens[j].tag in ("VBZ", "VBP")

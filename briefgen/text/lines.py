"""Lines of pasted news that are not article text: bylines, handles, datelines, site furniture."""

from __future__ import annotations

import re

from briefgen.text.dates import DAY_NAME as _DAY_NAME
from briefgen.text.dates import MONTH as _MONTH
from briefgen.text.quotes import unquoted

BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.'’-]+(?:[ ,]+[\w.'’&-]+){0,10}\s*$")
# A byline and date run into the lead's first line: "By Karen Graham Oct 31, 2015 in Entertainment A famous
# photograph ..." (a page's byline block flattened into the text; "By" may be doubled by the page's label). Only
# with the date after the name, so a lead that opens "By Friday, he ..." or "By the time ..." is text. The section
# ("in Entertainment") is one word: a second is the lead's ("in Politics President Obama said ...").
BYLINE_LEAD = re.compile(
    r"^\s*(?:(?:By|BY|Written by)\s+)+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}),?\s+"
    r"(?:(?:Updated|Published|Posted):?\s+)?(?P<date>" + _MONTH + r"\s+\d{1,2},?\s+\d{4})(?:\s+in\s+[A-Z][\w&'’-]*)?"
    r"(?:\s*[|•·-]\s*|\s+)(?=[A-Z\"“])"
)
HANDLE_LINE = re.compile(r"^\s*\(?@\w+\)?\s*$")
#: The dashes a dateline ends with, in a regular expression's class: hyphen, en dash, em dash and the
#: horizontal bar some sites write instead ("WASHINGTON ― President ...").
DASHES = "-–—―"
# A dateline: "MINSK (UrduPoint News / Sputnik - 25th July, 2023)", "WASHINGTON (Reuters) -",
# "LONDON, July 3 (AP) --", "(CNN)".
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*" + _MONTH + r"\s+\d{1,2})?)?\s*"
    r"\((?P<inner>[^()\n]{2,90})\)\s*(?:[" + DASHES + r":]{1,2}\s*)?"
)
# A place in capitals and a dash: spaced ("WASHINGTON -- ", "LARGO, Fla. — "), or an em or en dash or bar written close
# against the sentence's first capital ("WASHINGTON—An attorney for ...", as some papers set it; a hyphen so set joins words).
DATELINE_BARE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][A-Za-z.]+)?)"
    r"(?:\s+[" + DASHES + r"]{1,2}\s+|\s?[—–―](?=[A-Z\"“]))"
)
#: A place written as a name and a news agency's or network's mark: "Washington (CNN) Vermont Sen. ...", "Denver (AP) –
#: Colorado's ...". Only these marks: a name before any other parenthesis ("Obama (D-Ill.) said") is no dateline.
DATELINE_NAMED = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:, [A-Z][\w.]+)?) \((?P<inner>CNN|AP|Reuters|AFP|UPI|Bloomberg|CNBC|BBC)\)"
    r"\s*(?:[" + DASHES + r"]{1,2}\s*)?(?=[A-Z\"“])"
)
#: A place in capitals run into the sentence with no dash, before its article ("PARIS An Algerian man ..."), or two
#: places joined by a slash, a wire's dateline for a story filed from both ("SINGAPORE/BEIJING Flamboyant ...").
DATELINE_CAPS = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*"
    r"(?:,\s[A-Z][\w.'’ -]{1,30}?)?(?:\s*[" + DASHES + r"]{1,2}\s*|\s(?=(?:A|An|The)\s))"
    r"|^[A-Z]{3,}(?:\s[A-Z]{3,})*/[A-Z]{3,}(?:\s[A-Z]{3,})*,?\s+(?=[A-Z])"
)
#: A video player's button run into the caption after it ("CLOSE Bone-chilling cold gripped ...").
PLAYER_BUTTON = re.compile(r"^CLOSE\s+(?=[A-Z\"“])")
# Whole lines that are site furniture, not article text.
TRAILERS = re.compile(
    r"^\s*(?:This (?:post|article|story) (?:appeared|was originally published|first appeared)"
    r"|Tweet with a location|Follow us on|Sign up for|Subscribe (?:to|now)|Click here"
    r"|Read more\b|Related:|Share this|All rights reserved|Copyright\s|©|\(c\) \d{4}"
    r"|We use cookies|This site uses cookies|Advertisement\s*$|ADVERTISEMENT\s*$"
    r"|Photo:|Image:|Picture:|Getty Images\s*$|Caption:)",
    re.I,
)
# Sentences that are site furniture, captions, credits or headings, never news (anywhere in a sentence).
FURNITURE = re.compile(
    r"(Tweet with a location|Follow (?:us|him|her|@)|Sign up|Subscribe|newsletter|mailing list|your inbox|cookies?\b|"
    r"privacy policy|terms of (?:use|service)|Click here|Read more|Continue reading|Story continued|All rights reserved|"
    r"Copyright \d|©|Getty Images|\bAP Photo\b|\(Photo|Photo(?:graph)?:|Image:|Picture:|File photo|\bfile photo\b|caption|"
    r"appeared first on|https?://|www\.|@\w{2,}|Contact us|Advertisement|Related articles?|enable Javascript|"
    r"Facebook Twitter|Share (?:this|on)|contributed to this report|Add as an interest|Watch the video|"
    r"Image Credit|Photo Credit|Image copyright|\b(?:Reuters|AFP|EPA|AP|Getty) (?:Photo|Images?)\b|"
    r"\((?:[A-Z][\w.'’-]* ?){1,4}/(?:[A-Z][\w.'’-]* ?){1,4}\)|Video (?:by|courtesy)|Embed (?:this|code)|"
    r"Media playback|your (?:device|browser)|this video|the video (?:above|below)|in the video|Download the|"
    r"\bapp\b.{0,20}\b(?:iPhone|Android)\b|Wayback Machine|Internet Archive|crawl data|Please (?:verify|try again)|"
    r"Learn more|Rating is available|See more of|JavaScript is disabled|\b(?:clip|video|photo|image)s? (?:above|below)\b|"
    r"^Watch\b|^Updated\s*\||^Email This\b|"
    # a photo caption: people placed in the picture
    r",\s(?:left|right|center|centre|top|bottom|front|back)(?: row)?,|\((?:left|right|center|centre|top|bottom)\)|\bpictured\b|"
    # a wire photo's caption dates its picture with weekday, month, day and year; its credit names the agency
    r"\b" + _DAY_NAME + r",\s" + _MONTH + r"\s\d{1,2},\s\d{4}\b|"
    r"\w\s?/\s?(?:AP|AFP|Reuters|REUTERS|Getty|EPA)\b|"
    # a photographer's credit after a bar, a page's picture furniture ("... walk to the Senate floor Wednesday. | John
    # Shinkle/POLITICO Congressional leaders reach budget deal ..."): the credit line runs into the page's headline
    r"\|\s*(?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+\s?/\s?[A-Z])",
    re.I,
)
# A news site's section label at a sentence's head, Axios' house style ("Why it matters: The ruling could have
# implications ...", "The big picture: ...", "What they're saying: ..."): the site's furniture, which frames the
# sentence after it as significance, background, a forecast or a reaction rather than the news. Listed by hand from
# that house style (labels of capitalised words alone, "Details:", "RELATED:", are told by summarize's ``_LABEL``).
SECTION_LABEL = re.compile(
    r"^(?:Why it matters|Why it['’]s important|The big picture|Driving the news|Between the lines|What they['’]re saying"
    r"|The bottom line|Bottom line|Go deeper|Details|State of play|By the numbers|Flashback|Yes,? but|What['’]s next"
    r"|Context|Catch up quick|Zoom in|Zoom out|Our thought bubble|Reality check|Be smart|The intrigue|What to watch"
    r"|What we['’]re watching|Where it stands|The backstory|The other side|Of note|Worth noting|Behind the scenes"
    r"|How it works|What['’]s new|What happened|The latest|Go further|The state of play|Threat level|Don['’]t forget)"
    r"\s?:\s"
)
# Addressed to the reader: site furniture or an appeal ("Anyone with information ... should call",
# "(see below)"), never news and never a title (search it, not match). A telephone number is one too: a sentence that
# gives one asks the reader to call ("Anyone wishing to remain anonymous should call Crime Stoppers at 1-800-222-TIPS",
# "Police ask anyone with information to call the ATF at 800-800-3855") or is a reporter's contact line ("Contact
# Tracey Kaplan at 408-278-3482"): all 42 numbers in the development sets' texts are such, but one a song's title, in
# quotation marks (Logic's "1-800-273-8255"), which a number right after a quotation mark is not taken for.
READER = re.compile(
    r"^(?:You|Your|Anyone with (?:any )?information)\b|\((?:see|video|photos?) (?:below|above)\)"
    r"|(?<![\w\"“-])(?:1[-. ])?(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-.]\d{4}(?![\w-])|(?<![\"“])\b1-8\d\d-[\dA-Z]{3}-[\dA-Z]{4}\b"
)
# Whole paragraphs of social-media widgets, web-archive notes and reprint furniture: each starts a
# block that runs to the end of its paragraph, and the paragraphs after it that continue the same
# widget ("Tweet with a location" is followed by "You can add location information ...").
BOILERPLATE_PARAGRAPH = re.compile(
    r"^\s*(?:Tweet with a location|You can add location information to your Tweets|Add this Tweet to your website"
    r"|Starting in \d{4}, Alexa Internet|These crawls are part of an effort|The seed for \w+ was:"
    r"|This (?:data|page) is currently not publicly accessible|Sorry, the page you requested"
    r"|Please enable Javascript|This feature is not available right now|Rating is available when the video"
    r"|Media playback is unsupported|Image copyright|Image caption|Story highlights\s*$|Embed this video"
    r"|Breaking News Emails\b|Newsletter Sign Up|Sign up (?:here|now|for)|Get The [\w' ]+ by email"
    r"|Want stories like these|Interested in [^?]{0,40}\? Add|Have a tip we should know|Follow [\w .]+ on Twitter"
    # a page's social buttons ("Join us on Facebook Like us and you'll find ..."), a host's placeholder for a new site
    r"|(?:Join|Like) us on (?:Facebook|Twitter|Instagram)|Your custom domain mapping may take"
    r"|From Wikipedia, the free encyclopedia|Advertisement(?: Continue reading the main story)?\s*$"
    r"|Story Continued Below\s*$|Text Size\b|This (?:article|story) was (?:reprinted|republished|originally published)"
    r"|Copyright \d{4}|© ?\d{4}|All rights reserved"
    # a video site's licensing notice ("“This video is represented by Break.com - For any licensing requests ...")
    r"|\W*This video is (?:copyright protected|represented by)|\W*For (?:any )?licensing (?:requests|inquiries)"
    # Twitter's location widget in its other wording, and a web archive's crawl notes and collection blurbs
    r"|Add a location to your Tweets|When you tweet with a location"
    r"|[-\s]*(?:Slash pages from every domain|a ranking of all URLs that|up to a maximum of \d+ most highly ranked"
    r"|Top ranked pages \(up to)|This is a set of web collections curated by"
    r"|The seed (?:list )?for this crawl was|This crawl was run at a level|The WARC files associated with this crawl"
    r"|Web wide crawl with initial seedlist|What’s in the data set:|Crawl (?:start|end) date:|Number of (?:captures|unique URLs|hosts):"
    # a web archive's collection and partner notes ("A collection of government web content. Terms of use ...", "Arizona
    # State Library, Archives, and Public RecordsArchive-It Partner Since: Apr, 2007 ..."; the collection's name a sentence
    # of its own, not "A collection of web pages documenting the protest was ..."), and the error pages a saved
    # page can be: a host's notice that its address moved, a site's page gone
    r"|A collection of [\w ]{0,40}\bweb (?:content|sites|pages)\.|[^\n]{0,120}?Archive-It Partner Since"
    r"|The IP address (?:for this domain )?(?:has|may have) changed|We['’]re sorry, but (?:this|the) page (?:is not|isn['’]t) available)",
    re.I,
)
# A paragraph that is nothing but marks ("___", "+", "###", "..."), a lone widget word ("reset", "Twitter"), or a web
# address, alone or after a short label ("Camera man - https://instagram.com/...": a video page's credits).
EMPTY_PARAGRAPH = re.compile(
    r"^\s*(?:[\W_]+|reset|twitter|facebook|play facebook|photo|email|print|share|more information|abstract|also:?"
    r"|(?:[\w .'’-]{1,40}\s[-–—:]\s*)?https?://\S+)\s*$",
    re.I,
)


def is_boilerplate(paragraph: str) -> bool:
    """A paragraph that is site, archive or social-media furniture rather than article text."""
    return bool(BOILERPLATE_PARAGRAPH.match(paragraph) or EMPTY_PARAGRAPH.match(paragraph))


# An opening that leans on what came before: a pronoun, a demonstrative or a connective, or a time or
# order counted from something told before ("Just days later", "A short while later", "The next day",
# "Around the same time", "Other hits included", "After all,", "Finally", "First,"), or a connective that
# says how it follows from, answers or turns from what was told before ("Either way", "On the other hand",
# "In other words", "By contrast", "For its part", "Hence", "Otherwise,"). An opener that also
# begins a phrase leaning on nothing needs its comma ("After all the votes were counted", "In addition to
# the fine", "As a result of the storm", "Besides the fine", "First Lady", "In response to the ruling",
# "In contrast to", "Otherwise healthy adults", "As such measures") or is kept from that phrase
# ("Instead of", "Later this year", "So far", and any hyphenated word: "Then-President", "So-called").
_LATER = (
    r"(?i:(?:(?:just|only|about|some|barely|nearly|almost|less than|more than|not long)\s)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|\d+)\s)?(?:short\s)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|moments?|while)\s(?:later\b|afterwards?\b|after,))"
)
#: Demonstratives that point back at what was told before ("this picture", "those ten children"): summaries and titles.
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})

LEANING_START = re.compile(
    r"^[\"“‘(]?(?:(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|Him|Them|But|And|Also|However|Meanwhile|Still|"
    r"Yet|Instead(?! of\b)|Moreover|Furthermore|Then|So(?! far\b)|Thus|Therefore|Later(?! (?:this|next)\b)|Previously|Such|Both|"
    r"The two|The other|Another|Others?|Finally|Additionally|Nevertheless|Nonetheless|Likewise|Similarly|(?:At|Around|About|By) "
    r"(?:the same|that) time|The (?:next|following|same) (?:day|morning|afternoon|evening|night|week|month|year)|"
    r"Either way|In any (?:case|event)|Even so|On the other hand|In other words|By contrast|Conversely|Consequently|"
    r"Accordingly|Hence|In the meantime|For (?:his|her|its|their) part)\b(?!-)|"
    r"(?:First|Second|Third|Next|After all|In addition|As a result|Besides|In contrast|In response|Otherwise|As such|Regardless),|"
    + _LATER
    + r")"
)
_PERSONAL = re.compile(r"\b(?:you|your|yours|I|me|my|we|us|our)\b", re.I)


def personal_voice(text: str) -> bool:
    """The writer talking to the reader or about themselves ("you might want to", "we sat and yawned")
    outside any quotation: commentary, not a headline. Text with an unbalanced quotation mark (part
    of a quotation) is left alone. Titles use it; summaries do not (the sentences inside a long
    quotation carry no quotation marks, and leaving them out cost 0.5 ROUGE-2 on rows 0-124)."""
    if text.count("“") != text.count("”") or text.count('"') % 2 or re.search(r"[‘’']\s*$", text):
        return False
    return bool(_PERSONAL.search(unquoted(text)))

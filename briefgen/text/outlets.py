"""Who published an article: the one rule for an article's outlet.

The outlet is the ``source`` an article names (front matter, a feed's title, a saved page's site
name, a dateline's agency), else the site of its web address (``www.ocregister.com`` ->
``ocregister.com``). A file name is never an outlet: an article with neither has no known outlet,
and pages say so rather than show its path.

``outlet_name`` is what a reader sees; ``outlet_key`` is what tells two outlets apart when sources
are counted: case, spacing, a leading "the" and the web address's parts that name no outlet ("www.",
"edition.", ".co.uk") do not make another outlet ("The Guardian", theguardian.com); a news agency is one
outlet by any of its names ("AP", "The Associated Press", apnews.com), and a page whose address says it
is an agency's copy (nytimes.com/aponline/..., dailymail.co.uk/wires/reuters/...) is that agency's.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefgen.models import Article

# Host prefixes that name a version of a site, not another site: "www.", "www2.", "m.", "mobile.", "amp.".
_SITE_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.")


def host_name(url: str | None) -> str | None:
    """The site of a web address as a reader would name it, or None when it has no host."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:  # a malformed address ("http://[x")
        return None
    host = _SITE_PREFIX.sub("", host)
    return host or None


def outlet_name(article: Article) -> str | None:
    """The outlet as shown to a reader, or None when the article names none and has no address."""
    if article.source and (name := " ".join(article.source.split())):
        return name
    return host_name(article.url)


#: News agencies by the names an article gives them (a dateline's "(AP)", a source line) and by their sites:
#: the agencies whose copy English-language outlets run under their own sites' names. Listed by hand.
AGENCIES = {
    "ap": ("ap", "associated press", "apnews.com", "ap.org"),
    "reuters": ("reuters", "thomson reuters", "reuters.com"),
    "afp": ("afp", "agence france-presse", "agence france presse", "afp.com"),
    "pa": ("pa", "press association", "pa media"),
    "upi": ("upi", "united press international", "upi.com"),
}
_AGENCY = {re.sub(r"\W", "", name): key for key, names in AGENCIES.items() for name in names}
#: Path words by which a site files an agency's copy: the first path segment, by words no section of a site's own is
#: called (nytimes.com/aponline/, nytimes.com/reuters/), or any agency's key after "wires" (dailymail.co.uk/wires/afp/).
_FIRST_PATHS = {"aponline": "ap", "reuters": "reuters"}
#: Second-level labels under a country's code that name no outlet ("bbc.co.uk", "smh.com.au").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"})


def agency_copy(url: str | None) -> str | None:
    """The news agency whose copy a page is, when its web address's path says so (``AGENCIES``' key), else None."""
    if not url:
        return None
    try:
        parts = [p.casefold() for p in urlsplit(url.strip()).path.split("/") if p]
    except ValueError:
        return None
    if parts and parts[0] in _FIRST_PATHS:
        return _FIRST_PATHS[parts[0]]
    after = next((parts[i + 1] for i, p in enumerate(parts[:-1]) if p in ("wires", "wire")), None)
    return after if after in AGENCIES else None


def _site(host: str) -> str:
    """The label of a host that names its site: 'edition.cnn.com' -> 'cnn', 'www.bbc.co.uk' -> 'bbc'."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def outlet_key(article: Article) -> str | None:
    """The outlet as compared when counting independent sources (None when unknown): an agency's key for its
    copy or any of its names, else the named source or the address's site, in letters and digits only."""
    if wire := agency_copy(article.url):
        return wire
    if article.source and (name := _bare(article.source)):
        return _AGENCY.get(name, name)
    host = host_name(article.url)
    if not host:
        return None
    if agency := _AGENCY.get(_bare(host)) or _AGENCY.get(_bare(".".join(host.split(".")[-2:]))):
        return agency
    site = _bare(_site(host))
    return site if site not in AGENCIES else _bare(host)  # pa.gov is no Press Association


def name_key(name: str) -> str:
    """An outlet's name as ``outlet_key`` compares it, for a name read in a text ('HuffPost', 'the Associated Press')."""
    plain = _bare(name)
    return _AGENCY.get(plain, plain)


def _bare(name: str) -> str:
    """A name in lower-case letters and digits only, without a leading "the": 'The Guardian', 'theguardian' -> 'guardian'."""
    plain = re.sub(r"\W", "", name.casefold())
    return re.sub(r"^the(?=\w{3})", "", plain) or plain

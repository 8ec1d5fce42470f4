"""Who published an article: the one rule for an article's outlet.

The outlet is the ``source`` an article names (front matter, a feed's title, a saved page's site
name, a dateline's agency), else the site of its web address (``www.ocregister.com`` ->
``ocregister.com``). A file name is never an outlet: an article with neither has no known outlet,
and pages say so rather than show its path.

``outlet_name`` is what a reader sees; ``outlet_key`` is what tells two outlets apart when sources
are counted (case and spacing do not make another outlet).
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


def outlet_key(article: Article) -> str | None:
    """The outlet as compared when counting independent sources (None when unknown)."""
    name = outlet_name(article)
    return name.casefold() if name else None

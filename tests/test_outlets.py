"""briefgen.text.outlets: who published an article, never its file name."""

from __future__ import annotations

from briefgen.models import Article
from briefgen.text.outlets import host_name, outlet_key, outlet_name


def art(**kw: str) -> Article:
    return Article("feeds/1_11ecbplus.md", "t", "", (), **kw)


def test_source_wins_and_keeps_its_spelling() -> None:
    a = art(source="  The  Guardian ", url="https://www.theguardian.com/x")
    assert outlet_name(a) == "The Guardian"
    assert outlet_key(a) == "the guardian"


def test_site_of_the_address_when_no_source() -> None:
    assert outlet_name(art(url="http://www.ocregister.com/angels/million-416271.html")) == "ocregister.com"
    assert outlet_name(art(url="https://m.bbc.co.uk/news/1")) == "bbc.co.uk"
    assert outlet_name(art(url="https://WWW2.Example.org:8080/a")) == "example.org"


def test_no_outlet_is_none_never_the_file_name() -> None:
    assert outlet_name(art()) is None
    assert outlet_key(art(source="   ")) is None
    assert host_name("not an address") is None
    assert host_name("http://[bad") is None

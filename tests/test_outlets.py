"""briefgen.text.outlets: who published an article, never its file name."""

from __future__ import annotations

from briefgen.models import Article
from briefgen.text.outlets import host_name, outlet_key, outlet_name


def art(**kw: str) -> Article:
    return Article("feeds/1_11ecbplus.md", "t", "", (), **kw)


def test_source_wins_and_keeps_its_spelling() -> None:
    a = art(source="  The  Guardian ", url="https://www.theguardian.com/x")
    assert outlet_name(a) == "The Guardian"
    assert outlet_key(a) == "guardian"


def test_site_of_the_address_when_no_source() -> None:
    assert outlet_name(art(url="http://www.ocregister.com/angels/million-416271.html")) == "ocregister.com"
    assert outlet_name(art(url="https://m.bbc.co.uk/news/1")) == "bbc.co.uk"
    assert outlet_name(art(url="https://WWW2.Example.org:8080/a")) == "example.org"


def test_no_outlet_is_none_never_the_file_name() -> None:
    assert outlet_name(art()) is None
    assert outlet_key(art(source="   ")) is None
    assert host_name("not an address") is None
    assert host_name("http://[bad") is None


def test_one_outlet_whatever_the_spelling() -> None:
    assert outlet_key(art(source="The Guardian")) == outlet_key(art(url="https://www.theguardian.com/x")) == "guardian"
    assert outlet_key(art(url="https://edition.cnn.com/2017/x")) == outlet_key(art(url="http://money.cnn.com/y")) == "cnn"
    assert outlet_key(art(url="https://www.bbc.co.uk/news/1")) == "bbc"
    assert outlet_key(art(url="https://usa.chinadaily.com.cn/a")) == "chinadaily"
    assert outlet_key(art(source="—")) is None


def test_an_agency_by_any_of_its_names_and_its_copies_on_other_sites() -> None:
    ap = {outlet_key(art(source=s)) for s in ("AP", "The Associated Press", "Associated Press")}
    assert ap == {outlet_key(art(url="https://apnews.com/x"))} == {"ap"}
    assert outlet_key(art(url="https://www.nytimes.com/aponline/2017/12/27/world/europe/ap-eu-germany.html")) == "ap"
    assert outlet_key(art(url="https://www.nytimes.com/reuters/2017/12/31/world/asia/31reuters-x.html")) == "reuters"
    assert outlet_key(art(url="http://www.dailymail.co.uk/wires/afp/article-1/x.html")) == "afp"
    assert outlet_key(art(source="Agence France-Presse")) == "afp"
    # the site's own reporting stays the site's, and a word in a later path segment is no agency's copy
    assert outlet_key(art(url="https://www.nytimes.com/2017/12/27/world/europe/x.html")) == "nytimes"
    assert outlet_key(art(url="https://www.example.com/news/ap/x")) == "example"
    assert outlet_key(art(url="https://www.example.com/ap/x")) == "example"  # a section of its own, by its first word
    assert outlet_key(art(url="https://www.pa.gov/news/1")) == "pagov"  # a site named like an agency is not one
    assert outlet_key(art(source="—", url="https://www.bbc.co.uk/news/1")) == "bbc"  # a source of no letters: the site
    # what the reader sees is still the site
    assert outlet_name(art(url="https://www.nytimes.com/aponline/2017/x.html")) == "nytimes.com"

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.config import BuildConfig, load_config
from briefgen.models import AnalyzedArticle

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_config() -> BuildConfig:
    return load_config(content_dir=SEEDS)


@pytest.fixture(scope="session")
def seed_analyzed(seed_config: BuildConfig) -> list[AnalyzedArticle]:
    """The two seed articles, ingested and parsed once per test session (loads spaCy)."""
    from briefgen.analyze import analyze
    from briefgen.ingest import ingest

    articles, skipped = ingest(seed_config)
    assert not skipped
    return analyze(articles, seed_config)


@pytest.fixture
def content_dir(tmp_path: Path):
    """Build a content folder from {relative path: text or bytes}."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "content"
        root.mkdir(exist_ok=True)
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make


def search_docs(edition: Path) -> list[dict]:
    """The pages in an edition's search index (pagefind's fragments: gzip, a marker, then JSON), of every
    shard (briefgen/search.py), each with its shard's folder under ``pagefind/`` as "shard" ("" for the first)."""
    import gzip

    bundle = edition / "pagefind"
    folders = [""] + [f.rstrip("/") for f in json.loads((bundle / "shards.json").read_text(encoding="utf-8"))["merge"]]
    docs = []
    for folder in folders:
        for path in sorted((bundle / folder / "fragment").iterdir()):
            raw = gzip.decompress(path.read_bytes())
            docs.append({**json.loads(raw[raw.index(b"{") :]), "shard": folder})
    return docs


def story_page(sb, *article) -> str:
    """The story page's HTML (templates/pages/story.html.j2) for a brief of the articles ``article`` (the first one's id
    "a.md")."""
    from briefgen import front
    from briefgen.render import make_html_env

    env = make_html_env(Path(__file__).resolve().parent.parent / "templates")
    articles = {a.id: a for a in article}
    ids = list(articles)
    return env.get_template("pages/story.html.j2").render(
        sb=sb,
        numbers={i: k for k, i in enumerate(ids, 1)},
        slugs={i: i.removesuffix(".md") for i in ids},
        facts=(),
        edition="e",
        articles=articles,
        pdfs={},
        site_name="B",
        groups=front.sources_by_outlet(ids, articles, {}),
        tips={i: f"{i.removesuffix('.md')}.example" for i in ids},
        status="",
        sources=len(ids),
        related=[],
    )

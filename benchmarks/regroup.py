"""What of grouping's work one more article leaves as it was: the measure of what a rebuild could keep.

Usage: python benchmarks/regroup.py --content DIR --site DIR [--cache DIR] [--article ID]

Reads a built site's records as a build does (ingest, analysis and counts from its cache; run it on a
copy of the site and cache: ingest records what it reads there) and groups the edition twice, with
and without one article (``--article``: an id or a part of one; default the newest by date), both with
the site's last edition as memory. It prints, for the articles both share, how many of their TF-IDF
vectors, candidate pairs, pair cosines, first-pass blocks and stories come out the same, bit for bit,
and the grouping's CPU seconds by part. Only what comes out the same could be kept from the last build
without changing the site; a value that moves by the last bit may flip a tie or a threshold.
"""

from __future__ import annotations

import argparse
import functools
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from briefgen import group, pipeline
from briefgen.cache import Cache
from briefgen.config import load_config
from briefgen.group import cluster, features
from briefgen.group.sparse import SparseRows, Vectors

#: The grouping functions timed by ``parts`` (module, name): the passes over every article or pair.
TIMED = (
    (features, "vector_layout"),
    (group, "vector_layout"),  # imported by name there (the topics' vectors)
    (cluster, "candidate_pairs"),
    (cluster, "average_link"),
    (group, "written_names"),
    (group, "make_topics"),
    (group, "title_choice"),
    (group, "why_grouped"),
)


def records(content: Path, site: Path, cache: Path) -> dict[str, Any]:
    """The build's records up to the previous edition (pipeline.STAGES up to ``previous``)."""
    config = load_config(content_dir=content, site_dir=site, cache_dir=cache, edition="regroup", pdf=False)
    store = Cache(cache)
    made: dict[str, Any] = {"config": config}
    upto = [s.name for s in pipeline.STAGES].index("previous") + 1
    with store.locked():
        pipeline.run_stages(pipeline.STAGES[:upto], made, config, store, "regroup", lambda *a: None)
    return made


def state(items: Sequence[Any], counted: Sequence[Any], made: dict[str, Any]) -> dict[str, Any]:
    """Grouping's intermediate results over ``items``: vectors, candidate pairs, their cosines, the first
    pass's blocks and the stories, each keyed by article ids."""
    config = made["config"]
    settings = group.settings_for(config)
    found, layout = features.vectorized(items, settings, counted)
    vectors = Vectors(*layout)
    ids = [f.id for f in found]
    edges = cluster.candidate_edges(found, settings.topic_threshold / 4, vectors)
    dated = cluster.infer_dates(found, edges, settings)
    timed = cluster.weigh(dated, edges, settings)
    blocks = cluster.average_link(range(len(dated)), timed.where(timed.value >= settings.topic_threshold / 4), settings.topic_threshold)
    first, second = cluster.candidate_pairs(vectors, [(f.date.toordinal() if f.date else 0, f.id) for f in found])
    memory = group.previous_memory(made["previous"][1] if made["previous"] else None)
    grouped = group.group_all(items, config, memory, None, settings, counted)
    return {
        "vectors": {f.id: f.weights for f in found},
        "pairs": {(ids[i], ids[j]) for i, j in zip(first.tolist(), second.tolist(), strict=True)},
        "cosines": {(ids[i], ids[j]): v for (i, j), v in edges.sorted_items()},
        "blocks": {frozenset(ids[i] for i in g) for g in blocks},
        "stories": {(s.id, s.articles, s.title, s.why, s.topic) for s in grouped.stories},
    }


def parts(run: Callable[[], object]) -> tuple[float, dict[str, float]]:
    """CPU seconds of ``run`` and of each TIMED function and pair comparison within it."""
    spent: dict[str, float] = {}

    def timed(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(real)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return wrapper

    patched: list[tuple[Any, str, Callable[..., Any]]] = [(m, n, getattr(m, n)) for m, n in TIMED] + [
        (SparseRows, "dots", SparseRows.dots),
        (cluster.PairFeatures, "compare", cluster.PairFeatures.compare),
    ]
    for module, name, real in patched:
        setattr(module, name, timed(name, real))
    try:
        start = time.process_time()
        run()
        return time.process_time() - start, spent
    finally:
        for module, name, real in patched:
            setattr(module, name, real)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, required=True, help="the site's content folder")
    parser.add_argument("--site", type=Path, required=True, help="the built site (its last edition is the memory)")
    parser.add_argument("--cache", type=Path, default=None, help="its build cache (default: beside the site)")
    parser.add_argument("--article", default=None, help="the article left out of one grouping: an id or part of one (default: the newest)")
    args = parser.parse_args()
    made = records(args.content, args.site, args.cache or args.site.parent / f".{args.site.name}.briefgen-cache")
    parsed, counts = made["parsed"], made["counts"]
    if args.article:
        out = [k for k, p in enumerate(parsed) if args.article in p.article.id]
        if len(out) != 1:
            raise SystemExit(f"--article {args.article!r} names {len(out)} articles, not one")
        new = out[0]
    else:
        new = max(range(len(parsed)), key=lambda k: (parsed[k].article.date or "", parsed[k].article.id))
    keep = [k for k in range(len(parsed)) if k != new]
    print(f"{len(parsed)} articles; left out of one grouping: {parsed[new].article.id}")
    before = state([parsed[k] for k in keep], [counts[k] for k in keep], made)
    after = state(parsed, counts, made)
    added = parsed[new].article.id

    def old(pairs: set[Any]) -> set[Any]:
        return {p for p in pairs if added not in p}

    same_vectors = sum(1 for a, v in before["vectors"].items() if after["vectors"].get(a) == v)
    print(f"vectors the same: {same_vectors} of {len(before['vectors'])}")
    kept = before["pairs"] & old(after["pairs"])
    print(
        f"candidate pairs: {len(before['pairs'])} -> {len(after['pairs'])}; of the other articles' pairs "
        f"{len(kept)} kept, {len(before['pairs'] - kept)} gone, {len(old(after['pairs']) - before['pairs'])} new"
    )
    common = before["cosines"].keys() & after["cosines"].keys()
    same = sum(1 for p in common if before["cosines"][p] == after["cosines"][p])
    moved = max((abs(before["cosines"][p] / after["cosines"][p] - 1.0) for p in common if after["cosines"][p]), default=0.0)
    print(f"pair cosines: {len(common)} pairs in both, {same} the same, largest relative change {moved:.2e}")
    print(
        f"first-pass blocks: {len(before['blocks'])} -> {len(after['blocks'])}, {len(before['blocks'] & after['blocks'])} the same "
        f"(largest {max(map(len, after['blocks']))} articles)"
    )
    same_stories = len(before["stories"] & after["stories"])
    print(f"stories (id, articles, title, why, topic): {len(before['stories'])} -> {len(after['stories'])}, {same_stories} the same")
    settings = group.settings_for(made["config"])
    memory = group.previous_memory(made["previous"][1] if made["previous"] else None)
    total, spent = parts(lambda: group.group_all(parsed, made["config"], memory, None, settings, counts))
    shown = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]))
    print(f"group_all: {total:.2f} CPU s; of it {shown}; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

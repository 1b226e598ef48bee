"""Adding one article to a large store: incremental resolution and edge grading, beyond the article's own
extraction (`make bench`).

Each store holds the demo corpus's real extractions (examples/, minus the held-out articles) and generated
documents around them: fictional actors named in a few documents each, places, and the demo corpus's states
named again and again (hubs, as states are in real reporting), with claims between them. The store is
resolved in full once; then each held-out demo article (extracted once, beforehand) is stored and resolved
incrementally, and that time is what is reported (median over the held-out articles). Writes
bench/results/incremental.json.

    .venv/bin/python bench/incremental.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from claimgraph.analysis.resolution import finish_pending, resolve_network
from claimgraph.extract.pipeline import extract_documents
from claimgraph.extract.records import Extraction
from claimgraph.ingest.sources import iter_inputs, read_source
from claimgraph.store.db import open_store
from claimgraph.store.write import store_extraction

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HELD_OUT = 5
SYLLABLES = ("ka", "ro", "vel", "mar", "ost", "tan", "dri", "sel", "bor", "quin", "al", "zen", "thu", "rak",
             "mo", "lis", "dan", "fer", "gho", "ira", "nex", "pol", "ush", "yor", "ven", "kai", "lum", "sar")
RELATIONS = ("member_of", "leader_of", "supports", "affiliated_with", "operates_in", "directs", "targets")


def _word(rng: random.Random, i: int) -> str:
    """A fictional word, unique for i (its digits spelled in syllables) after a random syllable pair."""
    tail, n = [], i
    while True:
        tail.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if n == 0:
            break
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + "".join(tail)).capitalize()


def demo_extractions() -> list[Extraction]:
    documents = [d for s in iter_inputs([str(ROOT / "examples")]) for d in read_source(s)]
    unique = sorted({d.id: d for d in documents}.values(), key=lambda d: d.source)
    return list(extract_documents(unique))


def build_store(path: Path, n_docs: int, base: list[Extraction], seed: int = 11) -> dict:
    """The real demo extractions plus generated documents up to n_docs, resolved in full."""
    rng = random.Random(seed)
    engine = open_store(f"sqlite:///{path}")
    for extraction in base:
        store_extraction(engine, extraction)
    states = sorted({e.name for x in base for e in x.entities if e.type == "state"})
    n_gen = n_docs - len(base)
    actors = [(f"{_word(rng, i)} {_word(rng, i + 7)}", rng.choice(("person", "organization"))) for i in
              range(max(10, n_gen // 2))]
    places = [_word(rng, 10_000_000 + i) for i in range(max(5, n_gen // 10))]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    docs, fts, entities, mentions, claims = [], [], [], [], []
    pk = conn.execute("SELECT coalesce(max(id), 0) FROM entities").fetchone()[0]
    for d in range(n_gen):
        doc_id = f"{0xb0000000 + d:016x}"
        picked = [(rng.choice(states), "state"), (rng.choice(places), "place"),
                  *[rng.choice(actors) for _ in range(4)]]
        picked = list(dict.fromkeys(picked))
        text = " ".join(f"{name} was named." for name, _ in picked)
        docs.append((doc_id, f"gen/{d}.txt", text, f"20{10 + d % 15}-{1 + d % 12:02d}-{1 + d % 28:02d}",
                     f"Outlet {d % 40}"))
        fts.append((doc_id, text, " ".join(name for name, _ in picked)))
        ids, offset = [], 0
        for k, (name, type_) in enumerate(picked):
            pk += 1
            ids.append(pk)
            entities.append((pk, doc_id, f"e{k}", name, type_, json.dumps([name])))
            mentions.append((pk, offset, offset + len(name), name))
            offset += len(name) + len(" was named. ")
        for k in range(4):
            s, o = rng.sample(ids, 2)
            claims.append((doc_id, s, RELATIONS[(d + k) % len(RELATIONS)], o,
                           rng.choice(("certain", "probable", "possible")), f"claim {d}.{k}"))
    conn.executemany("INSERT INTO documents (id, source, kind, text, authors, published, publication, ingested_at) "
                     "VALUES (?, ?, 'text', ?, '[]', ?, ?, '2026-01-01 00:00:00')", docs)
    conn.executemany("INSERT INTO documents_fts (doc_id, title, text, entities) VALUES (?, NULL, ?, ?)", fts)
    conn.executemany("INSERT INTO entities (id, doc_id, local_id, name, type, aliases, refs, rule) "
                     "VALUES (?, ?, ?, ?, ?, ?, '[]', 'bench')", entities)
    conn.executemany("INSERT INTO mentions (entity_id, start, \"end\", text) VALUES (?, ?, ?, ?)", mentions)
    conn.executemany("INSERT INTO claims (doc_id, subject_id, relation, object_id, source_id, source_is_author, "
                     "certainty, polarity, evidence_text, evidence_start, evidence_end, rule) "
                     "VALUES (?, ?, ?, ?, NULL, 1, ?, 'positive', ?, 0, 10, 'bench')", claims)
    conn.commit()
    conn.close()
    t0 = time.perf_counter()
    with Session(engine) as session, session.begin():
        summary = resolve_network(session, lookup_refs=None)
    full_s = time.perf_counter() - t0
    engine.dispose()
    return {"documents": n_docs, "entities": summary.entities, "canonical": summary.canonical,
            "edges": summary.edges, "full_resolution_s": round(full_s, 1),
            "db_mb": round(path.stat().st_size / 1e6, 1)}


def add_one(path: Path, extraction: Extraction) -> dict:
    """Store one extracted article and resolve as ingest does (incrementally); the seconds of each step."""
    engine = open_store(f"sqlite:///{path}")
    try:
        t0 = time.perf_counter()
        store_extraction(engine, extraction)
        t1 = time.perf_counter()
        summary = finish_pending(engine, lookup_refs=None)
        t2 = time.perf_counter()
    finally:
        engine.dispose()
    return {"store_s": t1 - t0, "resolve_s": t2 - t1, "total_s": t2 - t0, "mode": summary.mode,
            "region": summary.region, "edges_refreshed": summary.edges_refreshed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args()
    extractions = demo_extractions()
    base, held_out = extractions[:-HELD_OUT], extractions[-HELD_OUT:]
    report: dict = {"python": platform.python_version(), "held_out": [x.document.source for x in held_out],
                    "sizes": []}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="claimgraph-incremental-") as tmp:
            path = Path(tmp) / "store.db"
            store = build_store(path, size, base)
            runs = [add_one(path, x) for x in held_out]
            row = {**store, "add_one_article_s_median": round(statistics.median(r["total_s"] for r in runs), 3),
                   "add_one_article_s_max": round(max(r["total_s"] for r in runs), 3),
                   "resolve_s_median": round(statistics.median(r["resolve_s"] for r in runs), 3),
                   "region_median": statistics.median(r["region"] for r in runs),
                   "modes": sorted({r["mode"] for r in runs})}
            report["sizes"].append(row)
            print(json.dumps(row), flush=True)
            RESULTS.mkdir(parents=True, exist_ok=True)  # after each size: the large ones take long to build
            (RESULTS / "incremental.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

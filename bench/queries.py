"""Query speed on a generated network: 100,000 entities, 1,000,000 claims in SQLite (`make bench`).

Builds the store through the real schema (Alembic migrations), fills it with fictional generated actors and
claims in bulk, resolves and grades edges with the real code, then times `entity` (dossier) and a 3-hop
`path` query on random entities through the Python API the CLI and web use. Writes bench/results/queries.json
and bench/results/queries.md.

    .venv/bin/python bench/queries.py [--entities 100000] [--claims 1000000] [--samples 200]
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

from claimgraph.analysis import dossier, find_paths
from claimgraph.analysis.edges import rebuild_edges
from claimgraph.store.db import open_store

RESULTS = Path(__file__).resolve().parent / "results"
RELATIONS = ("member_of", "leader_of", "supports", "affiliated_with", "allied_with", "operates_in", "facilitates",
             "opposes", "directs", "trains", "targets")
CERTAINTIES = ("certain", "certain", "probable", "possible", "unknown")
TYPES = ("person", "person", "organization", "group", "place", "state")
SYLLABLES = ("ka", "ro", "vel", "mar", "ost", "tan", "dri", "sel", "bor", "quin", "al", "zen", "thu", "rak",
             "mo", "lis", "dan", "fer", "gho", "ira", "nex", "pol", "ush", "yor", "ven", "kai", "lum", "sar")


def _name(rng: random.Random, i: int) -> str:
    """A fictional two-word name, unique by construction (the index is spelled in syllables)."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    tail, n = [], i
    while True:
        tail.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if n == 0:
            break
    return f"{word} {''.join(tail).capitalize()}"


def generate(path: Path, n_entities: int, n_claims: int, seed: int = 7) -> dict:
    """Fill a fresh store: documents of ~20 claims, each canonical entity named in ~2.5 documents."""
    rng = random.Random(seed)
    open_store(f"sqlite:///{path}").dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    n_docs = max(1, n_claims // 20)
    publications = [f"Outlet {i}" for i in range(40)]
    conn.executemany(
        "INSERT INTO documents (id, source, kind, text, authors, published, publication, ingested_at) "
        "VALUES (?, ?, 'text', '', '[]', ?, ?, '2026-01-01 00:00:00')",
        ((f"{d:016x}", f"gen/{d}.txt", f"20{10 + d % 15}-{1 + d % 12:02d}-{1 + d % 28:02d}",
          publications[d % len(publications)]) for d in range(n_docs)))
    names = [_name(rng, i) for i in range(n_entities)]
    types = [rng.choice(TYPES) for _ in range(n_entities)]
    conn.executemany(
        "INSERT INTO canonical_entities (id, name, name_key, type, aliases, refs, n_documents) "
        "VALUES (?, ?, ?, ?, ?, '[]', 1)",
        ((f"g{i}", names[i], names[i].lower(), types[i], json.dumps([names[i]])) for i in range(n_entities)))
    conn.executemany("INSERT INTO canonical_aliases (alias_key, canonical_id) VALUES (?, ?)",
                     ((names[i].lower(), f"g{i}") for i in range(n_entities)))
    # Skewed popularity: a few entities are named often (hubs), most rarely.
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_entities)]
    order = list(range(n_entities))
    rng.shuffle(order)
    entity_rows: dict[tuple[int, int], int] = {}
    claims = []
    cum = list(_accumulate(weights))
    for c in range(n_claims):
        doc = c // 20
        s = order[_pick(rng, cum)]
        o = order[_pick(rng, cum)]
        if s == o:
            o = (o + 1) % n_entities
        ids = []
        for ent in (s, o):
            key = (doc, ent)
            if key not in entity_rows:
                entity_rows[key] = len(entity_rows) + 1
            ids.append(entity_rows[key])
        certainty = rng.choice(CERTAINTIES)
        polarity = "negative" if rng.random() < 0.03 else "positive"
        evidence = f"{names[s]} {RELATIONS[c % len(RELATIONS)]} {names[o]}, claim {c}."
        claims.append((c + 1, f"{doc:016x}", ids[0], RELATIONS[(s + o) % len(RELATIONS)], ids[1], certainty,
                       polarity, evidence, f"20{10 + doc % 15}-{1 + doc % 12:02d}" if c % 4 == 0 else None))
    conn.executemany(
        "INSERT INTO entities (id, doc_id, local_id, name, type, aliases, refs, rule, canonical_id) "
        "VALUES (?, ?, ?, ?, ?, ?, '[]', 'bench', ?)",
        ((pk, f"{doc:016x}", f"e{ent}", names[ent], types[ent], json.dumps([names[ent]]), f"g{ent}")
         for (doc, ent), pk in entity_rows.items()))
    conn.executemany(
        "INSERT INTO claims (id, doc_id, subject_id, relation, object_id, source_id, source_is_author, certainty, "
        "polarity, evidence_text, evidence_start, evidence_end, rule, date) "
        "VALUES (?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, 0, 10, 'bench', ?)", claims)
    conn.execute("UPDATE canonical_entities SET n_documents = "
                 "(SELECT count(DISTINCT doc_id) FROM entities WHERE entities.canonical_id = canonical_entities.id)")
    conn.commit()
    conn.close()
    return {"documents": n_docs, "entity_rows": len(entity_rows), "canonical_entities": n_entities,
            "claims": n_claims}


def _accumulate(weights: list[float]):  # noqa: ANN202
    total = 0.0
    for w in weights:
        total += w
        yield total


def _pick(rng: random.Random, cum: list[float]) -> int:
    import bisect

    return min(bisect.bisect_left(cum, rng.random() * cum[-1]), len(cum) - 1)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(path: Path, samples: int, seed: int = 11) -> dict:
    engine = open_store(f"sqlite:///{path}")
    rng = random.Random(seed)
    with Session(engine) as session:
        ids = [r[0] for r in session.execute(
            __import__("sqlalchemy").text("SELECT id FROM canonical_entities ORDER BY id"))]
        picks = [rng.choice(ids) for _ in range(samples)]
        pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(samples)]
        dossier(session, picks[0])  # warm the page cache
        entity_ms, path_ms, found, hops = [], [], 0, []
        for cid in picks:
            t0 = time.perf_counter()
            dossier(session, cid)
            entity_ms.append((time.perf_counter() - t0) * 1000)
        for a, b in pairs:
            t0 = time.perf_counter()
            result = find_paths(session, a, b, max_hops=3, k=3)
            path_ms.append((time.perf_counter() - t0) * 1000)
            if result.paths:
                found += 1
                hops.append(result.paths[0].length)
    engine.dispose()
    return {
        "entity_ms": {"p50": round(statistics.median(entity_ms), 2), "p95": round(_p(entity_ms, 0.95), 2),
                      "max": round(max(entity_ms), 2)},
        "path3_ms": {"p50": round(statistics.median(path_ms), 2), "p95": round(_p(path_ms, 0.95), 2),
                     "max": round(max(path_ms), 2)},
        "samples": samples, "paths_found": found,
        "mean_hops_found": round(statistics.mean(hops), 2) if hops else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "claimgraph-queries-bench.db")
    parser.add_argument("--reuse", action="store_true", help="Measure an existing generated database.")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict = {"python": platform.python_version(), "machine": platform.machine()}
    previous = RESULTS / "queries.json"
    if args.reuse and previous.exists():
        report.update({k: v for k, v in json.loads(previous.read_text(encoding="utf-8")).items()
                       if k in ("generated", "generate_s", "edges", "edges_s")})
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        t0 = time.perf_counter()
        report["generated"] = generate(args.db, args.entities, args.claims)
        report["generate_s"] = round(time.perf_counter() - t0, 1)
        engine = open_store(f"sqlite:///{args.db}")
        t0 = time.perf_counter()
        with Session(engine) as session, session.begin():
            report["edges"] = rebuild_edges(session)
        report["edges_s"] = round(time.perf_counter() - t0, 1)
        engine.dispose()
        conn = sqlite3.connect(args.db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
        conn.close()
    report["db_mb"] = round(args.db.stat().st_size / 1e6, 1)
    report.update(measure(args.db, args.samples))
    (RESULTS / "queries.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()

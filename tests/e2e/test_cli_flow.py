"""End to end through real processes and a real store (a SQLite file, a PostgreSQL database): ingest, extract,
docs, show, stats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ENVOY = """Ostravan envoy meets Lantern couriers

By Petra Unsgaard

An envoy of the Ostravan interior ministry met two couriers of the Brotherhood of the Grey Lantern in Kessel
last week, according to a Valdorian police report. The ministry said the meeting never took place.
"""
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kessel Ledger</title><link>https://ledger.example/</link>
<description>Fictional news</description>
<item><title>Lantern courier detained</title><link>https://ledger.example/courier</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>Police in Kessel detained a courier of the Brotherhood of the Grey Lantern on Monday.</description></item>
<item><title>Ministry denies ties</title><link>https://ledger.example/denial</link>
<pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
<description>The Ostravan Ministry of Internal Harmony denied any link to the Grey Lantern.</description></item>
</channel></rss>
"""


def claimgraph(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], input=stdin, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, backend) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("flow")
    inputs = root / "inputs"
    (inputs / "deeper").mkdir(parents=True)
    (inputs / "lantern.txt").write_text((ARTICLES / "grey_lantern_store.txt").read_text(encoding="utf-8"))
    (inputs / "deeper" / "envoy.txt").write_text(ENVOY, encoding="utf-8")
    (inputs / "ledger.rss").write_text(FEED, encoding="utf-8")
    return inputs, backend.empty()


@pytest.fixture(scope="module")
def ingested(corpus) -> subprocess.CompletedProcess[str]:
    inputs, db = corpus
    return claimgraph("ingest", str(inputs), "--db", db)


def test_flow_ingest_stores_every_document(ingested):
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout == "3 inputs: 4 stored, 0 replaced, 0 skipped, 0 failed\n"


def test_flow_second_ingest_is_a_no_op(corpus, ingested):
    inputs, db = corpus
    again = claimgraph("ingest", str(inputs), "--db", db)
    assert (again.returncode, again.stdout) == (0, "3 inputs: 0 stored, 0 replaced, 4 skipped, 0 failed\n")


@pytest.mark.parametrize("name", ["lantern.txt", "ledger.rss"])
def test_flow_show_gives_back_what_extract_printed(corpus, ingested, name):
    inputs, db = corpus
    extracted = claimgraph("extract", str(inputs / name), "--format", "json")
    assert extracted.returncode == 0, extracted.stderr
    results = json.loads(extracted.stdout)
    results = results if isinstance(results, list) else [results]
    for result in results:
        shown = claimgraph("show", result["document"]["id"], "--db", db, "--json")
        assert shown.returncode == 0, shown.stderr
        stored = json.loads(shown.stdout)
        del stored["document"]["ingested_at"]
        for entity in stored["entities"]:
            entity.pop("canonical_id")  # filled by cross-document resolution after the run
        assert stored == result


def test_flow_docs_and_stats_agree(corpus, ingested):
    _, db = corpus
    docs = claimgraph("docs", "--db", db, "--json")
    stats = claimgraph("stats", "--db", db, "--json")
    assert (docs.returncode, docs.stderr, stats.returncode, stats.stderr) == (0, "", 0, "")
    listed = json.loads(docs.stdout)
    counts = json.loads(stats.stdout)["counts"]
    assert len(listed) == counts["documents"] == 4
    assert sum(d["entities"] for d in listed) == counts["entities"]
    assert sum(d["claims"] for d in listed) == counts["claims"]
    assert sum(d["events"] for d in listed) == counts["events"]
    assert sorted(d["kind"] for d in listed) == ["feed", "feed", "text", "text"]


def test_flow_stdin_and_bad_input_in_one_run(corpus, ingested):
    inputs, db = corpus
    run = claimgraph("ingest", "-", str(inputs / "absent.txt"), "--db", db,
                     stdin="A Valdorian court jailed two Lantern couriers on Friday, the Kessel Ledger reported.\n")
    assert run.returncode == 1
    assert run.stdout == "2 inputs: 1 stored, 0 replaced, 0 skipped, 1 failed\n"
    assert run.stderr == f"claimgraph: error: {inputs / 'absent.txt'}: no such file [E106]\n"

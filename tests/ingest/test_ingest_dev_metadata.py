"""Every metadata field the dev gold files give comes out of read_source, compared as score.py compares it."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from ingest_paths import SHARED, needs_shared

from claimgraph.ingest.sources import read_source

DEV = SHARED / "eval" / "dev"
FIELDS = ("title", "subtitle", "authors", "published", "publication", "volume", "issue")
NAMES = sorted(p.name.removesuffix(".gold.json") for p in DEV.glob("*.gold.json")) if DEV.exists() else []


def norm(value) -> str:
    """The scorer's normalisation (../shared/eval/score.py `norm`), restated so the test runs without importing it."""
    if not isinstance(value, str):
        return ""
    s = unicodedata.normalize("NFKD", value)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.casefold().strip()
    s = re.sub(r"('s|s')$", "", s)
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@needs_shared
def test_all_nine_dev_articles_are_present():
    assert len(NAMES) == 9


@needs_shared
@pytest.mark.parametrize("name", NAMES)
def test_dev_metadata_matches_gold(name):
    gold = json.loads((DEV / f"{name}.gold.json").read_text())["metadata"]
    docs = read_source(str(DEV / f"{name}.txt"))
    assert len(docs) == 1
    got = docs[0].metadata.to_json()
    for field in FIELDS:
        if gold.get(field) is None:
            continue
        if field == "authors":
            assert {norm(a) for a in got["authors"]} == {norm(a) for a in gold["authors"]}
        else:
            assert norm(got[field]) == norm(gold[field]), field


@needs_shared
def test_weekly_standard_body_has_no_chrome():
    doc = read_source(str(DEV / "weekly-standard-azerbaijan-2012.txt"))[0]
    assert doc.metadata.authors == ["Thomas Joscelyn"]
    assert (doc.metadata.published, doc.metadata.volume, doc.metadata.issue) == ("2012-05-07", "17", "32")
    for chrome in ("Widget tooltip", "Single Page Print", "Recent Blog Posts", "Browse 20 Years", "Archives",
                   "Old covers", "The Magazine", "By THOMAS JOSCELYN"):
        assert chrome not in doc.text
    assert doc.text.startswith("Then in March, the Azerbaijanis arrested 22 people")
    assert doc.text.endswith("Thomas Joscelyn is a senior fellow at the Foundation for Defense of Democracies.")


@needs_shared
def test_wire_benchmark_datelines():
    doc = read_source(str(SHARED / "benchmarks" / "muc4" / "dev" / "text" / "TST1-MUC3-0001.txt"))[0]
    assert doc.kind == "wire"
    assert (doc.metadata.dateline_place, doc.metadata.published, doc.metadata.publication) == (
        "GUATEMALA CITY", "1990-02-04", "ACAN-EFE")
    assert doc.text.startswith("[TEXT] THE GUATEMALA ARMY DENIED TODAY")

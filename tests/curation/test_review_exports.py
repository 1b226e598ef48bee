"""A rejected claim is in no export format (STIX, FtM, GraphML, GEXF, CSV); a confirmed one says so in each."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from curation_helpers import claim_id
from sqlalchemy.orm import Session

from claimgraph.analysis.review import review_claim
from claimgraph.exports import FORMATS, MemorySink, export_network
from claimgraph.exports.from_store import network_from_store
from claimgraph.exports.stix_extensions import CLAIM
from claimgraph.store.audit import Actor

ANA = Actor("Ana Lyst", "analyst", 1)
REJECTED = "Orsk Holdings denied that it ever paid Idris Kovac."  # the only claim of its edge
CONFIRMED = "Police said Kovac commands the Velmar Liberation Front."


@pytest.fixture
def reviewed(store):
    with Session(store) as session, session.begin():
        review_claim(session, claim_id(session, REJECTED), "reject", ANA)
        review_claim(session, claim_id(session, CONFIRMED), "confirm", ANA)
    with Session(store) as session:
        yield {fmt: _export(session, fmt) for fmt in FORMATS}


def _export(session: Session, fmt: str) -> str:
    sink = MemorySink()
    export_network(network_from_store(session), fmt, sink)
    return "\n".join(part.decode("utf-8") for _, part in sorted(sink.parts.items()))


@pytest.mark.parametrize("fmt", ["stix", "ftm"])
def test_review_exports_leave_out_rejected_claims_evidence(reviewed, fmt):
    assert "denied that it ever paid" not in reviewed[fmt]
    assert "probably bankrolls Gen. Kovac" in reviewed[fmt]  # the edge's other claim stays


def test_review_exports_count_claims_without_the_rejected_one(reviewed):
    row = next(line for line in reviewed["csv"].splitlines() if line.startswith("orsk-holdings,idris-kovac,"))
    assert row.split(",")[3:6] == ["1", "1", "0"]  # claims, corroboration, denials (was 2 claims, 1 denial)
    for fmt in ("graphml", "gexf"):
        graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.StringIO(reviewed[fmt]))
        data = next(d for s, o, d in graph.edges(data=True) if (s, o) == ("orsk-holdings", "idris-kovac"))
        assert int(data["claims"]) == 1 and int(data.get("denials", 0)) == 0


def test_review_exports_say_which_claims_an_analyst_confirmed(reviewed):
    bundle = json.loads(reviewed["stix"])
    reviews = {o["description"]: o["extensions"][CLAIM.id].get("review") for o in bundle["objects"]
               if o["type"] == "relationship" and CLAIM.id in o.get("extensions", {})}
    assert reviews[CONFIRMED] == "confirmed"
    assert {v for k, v in reviews.items() if k != CONFIRMED} == {None}
    assert f"confirmed by an analyst): {CONFIRMED}" in reviewed["ftm"]
    rows = [line for line in reviewed["csv"].splitlines() if line.startswith("idris-kovac,velmar-liberation-front")]
    assert rows and rows[0].endswith(",1")
    assert 'attr.name="confirmed"' in reviewed["graphml"]
    assert 'title="confirmed"' in reviewed["gexf"]

"""Two CSV files, nodes and edges, for spreadsheets and Gephi's spreadsheet import (`id`/`label`,
`source`/`target`). Lists are joined with "; "; every claim's claimant is listed on its edge."""

from __future__ import annotations

import csv
import io

from claimgraph.exports.graph import LIST_SEPARATOR
from claimgraph.exports.network import ExportNetwork
from claimgraph.exports.sink import Sink

SUFFIX = ".csv"
NODE_COLUMNS = ["id", "label", "type", "aliases", "refs", "documents"]
EDGE_COLUMNS = ["source", "target", "relation", "claims", "corroboration", "denials", "grade", "contradiction",
                "first_date", "last_date", "claimants", "certainties", "documents", "confirmed"]


def node_rows(network: ExportNetwork) -> list[dict]:
    return [{"id": n.id, "label": n.name, "type": n.type, "aliases": LIST_SEPARATOR.join(n.aliases),
             "refs": LIST_SEPARATOR.join(n.refs), "documents": len(n.documents)} for n in network.nodes]


def edge_rows(network: ExportNetwork) -> list[dict]:
    return [{"source": e.subject, "target": e.object, "relation": e.relation, "claims": e.claim_count,
             "corroboration": e.corroboration, "denials": e.denials, "grade": e.grade,
             "contradiction": e.contradiction or "", "first_date": e.first_date or "", "last_date": e.last_date or "",
             "claimants": LIST_SEPARATOR.join(e.claimants),
             "certainties": LIST_SEPARATOR.join(f"{c.source}: {c.certainty} {c.polarity}" for c in e.claims),
             "documents": LIST_SEPARATOR.join(dict.fromkeys(c.document_id for c in e.claims)),
             "confirmed": e.confirmed}
            for e in network.edges]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
    apostrophe, as OWASP recommends for CSV injection; numbers and other cells are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _write_table(sink: Sink, part: str, columns: list[str], rows: list[dict]) -> None:
    with sink.open(part, SUFFIX) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        writer = csv.DictWriter(text, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
        text.flush()
        text.detach()


def write_csv(network: ExportNetwork, sink: Sink) -> None:
    _write_table(sink, "nodes", NODE_COLUMNS, node_rows(network))
    _write_table(sink, "edges", EDGE_COLUMNS, edge_rows(network))


__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "write_csv"]

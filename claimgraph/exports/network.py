"""The network as every export writer sees it: plain dataclasses, no database, no analysis imports.

The store adapter (`from_store.py`) fills an `ExportNetwork`; each writer (stix, ftm, graphml, gexf, csv) reads
only this shape, so writers are tested on hand-built networks and the web app can export whatever it has loaded.
Node ids are canonical entity ids (stable slugs); every other stable id is derived from `*.key` strings here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

AUTHOR = "author"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def day(value: str | None) -> str | None:
    """The first day an ISO date (year, year-month or full, optionally with a time) can mean: `2019-03` ->
    `2019-03-01`. None when the value does not start with an ISO date."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, dom = match.group(1), match.group(2) or "01", match.group(3) or "01"
    if not ("01" <= month <= "12" and "01" <= dom <= "31"):
        return None
    return f"{year}-{month}-{dom}"


def iso_date(value: str | None) -> str | None:
    """The ISO date at the start of a value, at the precision it has (`2019`, `2019-03`, `2019-03-04`)."""
    d = day(value)
    if d is None:
        return None
    match = _DATE.match(value.strip())
    return d[: len(match.group(0))]


class UniqueKeys:
    """Stable keys made unique: the n-th repeat of a key (the extractor stated the same event twice in one
    sentence) gets `#n`, in network order, so derived ids stay stable and never collide."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, key: str) -> str:
        n = self.seen.get(key, 0)
        self.seen[key] = n + 1
        return key if n == 0 else f"{key}#{n}"


@dataclass
class ExportNode:
    """A canonical entity: one actor, state or place across documents."""

    id: str
    name: str
    type: str  # person | organization | group | state | place
    aliases: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # sanctions-list references, e.g. QDi.290
    documents: list[str] = field(default_factory=list)  # ids of the documents that name it


@dataclass
class ExportClaim:
    """One attributed statement behind an edge, with the document that carries it."""

    document_id: str
    subject: str  # node id
    relation: str
    object: str  # node id
    source: str  # claimant's name, or "author" for the writer of the document
    source_id: str | None  # claimant's node id when the claimant is an entity
    certainty: str
    polarity: str
    evidence: str
    evidence_start: int
    evidence_end: int
    date: str | None = None  # when the claimed link held, as precise as the text says
    published: str | None = None  # the document's publication date
    rule: str = ""
    review: str | None = None  # confirmed | corrected: an analyst vouched for it (rejected claims are never here)

    @property
    def when(self) -> str | None:
        """The claim's own date, else the date of the document that makes it."""
        return self.date or self.published

    @property
    def key(self) -> str:
        """Stable across exports and re-ingests: the document hash and the evidence span identify a claim."""
        return "|".join(("claim", self.document_id, str(self.evidence_start), str(self.evidence_end), self.subject,
                         self.relation, self.object, self.source_id or self.source, self.polarity))


@dataclass
class ExportEdge:
    """(subject, relation, object) with every claim behind it and what analysis concluded about it."""

    subject: str
    relation: str
    object: str
    claims: list[ExportClaim] = field(default_factory=list)
    corroboration: int = 0  # independent sources affirming the edge
    denials: int = 0  # independent sources denying it
    grade: int = 6  # NATO/Admiralty credibility, 1 confirmed .. 6 cannot be judged
    contradiction: str | None = None  # kind of conflict among the claims, if any
    first_date: str | None = None
    last_date: str | None = None

    @property
    def key(self) -> str:
        return "|".join(("edge", self.subject, self.relation, self.object))

    @property
    def claim_count(self) -> int:
        return len(self.claims)

    @property
    def affirmed(self) -> bool:
        """At least one claim says the link exists (denied-only edges are kept for the record)."""
        return any(c.polarity != "negative" for c in self.claims)

    @property
    def claimants(self) -> list[str]:
        return list(dict.fromkeys(c.source for c in self.claims))

    @property
    def confirmed(self) -> int:
        """Claims an analyst confirmed (or corrected)."""
        return sum(1 for c in self.claims if c.review)


@dataclass
class ExportDocument:
    id: str  # content hash
    title: str | None = None
    source: str = ""  # file or URL it was read from
    url: str | None = None
    publication: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    text_sha256: str | None = None  # SHA-256 of the text as stored: what evidence offsets point into

    @property
    def label(self) -> str:
        return self.title or self.source or self.id

    @property
    def web_url(self) -> str | None:
        """The URL when it is an absolute web address; a file path read from disk is not one."""
        parts = urlsplit(self.url or "")
        return self.url if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass
class ExportParticipant:
    role: str  # perpetrator | ordered_by | target | victim | agent | sponsor
    entity: str  # node id


@dataclass
class ExportEvent:
    """An attack, plot, arrest, killing, designation or training as one document reports it."""

    document_id: str
    type: str
    evidence: str
    evidence_start: int
    evidence_end: int
    subtype: str | None = None
    date: str | None = None
    location: str | None = None  # node id of the place
    participants: list[ExportParticipant] = field(default_factory=list)
    killed: int | None = None
    wounded: int | None = None
    arrested: int | None = None
    weapons: list[str] = field(default_factory=list)
    source: str = AUTHOR
    certainty: str = "certain"

    @property
    def key(self) -> str:
        return "|".join(("event", self.document_id, str(self.evidence_start), str(self.evidence_end), self.type))

    @property
    def label(self) -> str:
        what = self.subtype or self.type
        return f"{what} {self.date}" if self.date else what


@dataclass
class ExportNetwork:
    nodes: list[ExportNode] = field(default_factory=list)
    edges: list[ExportEdge] = field(default_factory=list)
    documents: list[ExportDocument] = field(default_factory=list)
    events: list[ExportEvent] = field(default_factory=list)

    def node(self, node_id: str) -> ExportNode:
        return self.node_index()[node_id]

    def node_index(self) -> dict[str, ExportNode]:
        return {n.id: n for n in self.nodes}

    def document_index(self) -> dict[str, ExportDocument]:
        return {d.id: d for d in self.documents}

    def claims(self) -> Iterable[ExportClaim]:
        for edge in self.edges:
            yield from edge.claims

    def node_dates(self) -> dict[str, tuple[str, str]]:
        """First and last day each node appears: its edges' dates, its events' dates and its documents'
        publication dates. Nodes with no known date are absent."""
        seen: dict[str, list[str]] = {}

        def note(node_id: str, *values: str | None) -> None:
            for value in values:
                d = day(value)
                if d:
                    seen.setdefault(node_id, []).append(d)

        for edge in self.edges:
            note(edge.subject, edge.first_date, edge.last_date)
            note(edge.object, edge.first_date, edge.last_date)
        for event in self.events:
            for p in event.participants:
                note(p.entity, event.date)
            if event.location:
                note(event.location, event.date)
        published = {d.id: d.published for d in self.documents}
        for node in self.nodes:
            note(node.id, *(published.get(doc) for doc in node.documents))
        return {k: (min(v), max(v)) for k, v in seen.items()}

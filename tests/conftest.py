"""Shared fixtures: the model loaded once, the ../shared folder when present, a migrated DB path, and the
store backends (SQLite and PostgreSQL, see tests/backends.py) that store, analysis, web and e2e tests take."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from backends import BACKENDS, PG_ENV, PostgresServer, Throwaway, copy_sqlite
from twins import Twins

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "dev").exists(), reason="../shared is not beside the repo")


@pytest.fixture(scope="session")
def nlp():
    from claimgraph.extract.pipeline import load_nlp

    return load_nlp()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A migrated, empty SQLite store in tmp_path."""
    from claimgraph.store.db import open_store

    path = tmp_path / "claimgraph.db"
    open_store(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def sample_extraction():
    """A hand-built extraction of a short fictional article with every record kind (store and CLI tests)."""
    from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant
    from claimgraph.ingest.document import Document, Metadata

    text = (FIXTURES / "articles" / "grey_lantern_store.txt").read_text(encoding="utf-8")

    def mentions(*surfaces: str) -> list[Mention]:
        found = []
        for surface in surfaces:
            start = text.index(surface)
            found.append(Mention(start, start + len(surface), surface))
        return found

    def evidence(sentence_start: str, sentence_end: str) -> Evidence:
        start = text.index(sentence_start)
        end = text.index(sentence_end, start) + len(sentence_end)
        return Evidence(text[start:end], start, end)

    metadata = Metadata(title="Lantern network widens its reach in the Valdorian highlands",
                        authors=["Mira Tolvanen"], published="2024-03-05", publication="The Kessel Ledger",
                        volume="4", issue="11", url="fixtures/grey_lantern_store.txt")
    document = Document(text=text, metadata=metadata, source="fixtures/grey_lantern_store.txt", kind="text")
    entities = [
        Entity("e1", "Brotherhood of the Grey Lantern", "organization", ["Brotherhood of the Grey Lantern", "BGL"],
               mentions("Brotherhood of the Grey Lantern", "BGL"), rule="entities/ner"),
        Entity("e2", "Ministry of Internal Harmony", "organization", ["Ministry of Internal Harmony"],
               mentions("Ministry of Internal Harmony"), rule="entities/ner"),
        Entity("e3", "Ostrava", "state", ["Ostrava"], mentions("Ostrava"), refs=["XX.001"], rule="entities/ner"),
        Entity("e4", "Anton Brask", "person", ["Anton Brask"], mentions("Anton Brask"), rule="entities/ner"),
        Entity("e5", "Kessel", "place", ["Kessel"], mentions("Kessel"), rule="entities/ner"),
        Entity("e6", "officials in Kessel", "group", ["officials in Kessel"], mentions("officials in Kessel"),
               rule="entities/group"),
        Entity("e7", "Police", "organization", ["Police"], mentions("Police"), rule="entities/ner"),
    ]
    funded = evidence("The Brotherhood", "officials in Kessel.")
    denial = evidence("Anton Brask", "from Ostrava.")
    claims = [
        Claim("e2", "supports", "e1", funded, source="e6", certainty="certain", rule="relations/supports.funded",
              cue="according to"),
        Claim("e4", "leader_of", "e1", denial, rule="relations/leader_of.leader"),
        Claim("e3", "supports", "e1", denial, source="e4", polarity="negative", rule="relations/supports.funded",
              date="2024-03", cue="denied"),
        Claim("e2", "part_of", "e3", funded, certainty="probable", rule="relations/part_of.of"),
    ]
    events = [
        Event("attack", evidence("On 3 March", "wounded 30."), subtype="car bombing", date="2024-03-03",
              location="e5", participants=[Participant("perpetrator", "e1")], killed=12, wounded=30,
              weapons=["car bomb"], rule="events/attack.bomb"),
        Event("arrest", evidence("Police arrested", "the Lantern."), date="2024-03", arrested=4,
              participants=[Participant("agent", "e7"), Participant("victim", "e1")], source="e6",
              certainty="probable", rule="events/arrest.arrested"),
    ]
    return Extraction(document=document, entities=entities, relations=claims, events=events)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional demo corpus (examples/) ingested once through the real pipeline; copy it before writing."""
    from claimgraph.process import process_sources

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = process_sources([str(EXAMPLES)], f"sqlite:///{path}")
    assert summary.failed == 0, summary.to_json()["errors"]
    return path


@pytest.fixture(scope="session")
def name_twins(demo_store: Path) -> Twins:
    """Two canonical entities of the demo store that share one proper name but were kept apart (the extraction
    reads the name as different kinds of actor in different articles): the pair the curation tests merge. Which
    name that is follows the extraction of the day, and the ids hash their members, so both are read from the
    store, not written into the tests."""
    import sqlite3

    with sqlite3.connect(demo_store) as db:
        rows = db.execute("SELECT name, id, type FROM canonical_entities ORDER BY name, id").fetchall()
    by_name: dict[str, list[tuple[str, str]]] = {}
    for name, eid, etype in rows:
        by_name.setdefault(name, []).append((eid, etype))
    names = [n for n, ids in by_name.items() if len(ids) == 2 and n[:1].isupper()
             and {t for _, t in ids} != {"group"}]
    assert names, "the demo store has no proper name resolution kept apart"
    keep, twin = sorted((eid for eid, _ in by_name[names[0]]), key=lambda eid: (len(eid), eid))
    return Twins(keep, twin, names[0])


@pytest.fixture(scope="session")
def pg_server() -> tuple[PostgresServer | None, str]:
    """The PostgreSQL server for this session and, when there is none, why."""
    provided = os.environ.get(PG_ENV)
    if provided:
        server = PostgresServer(provided)
        try:
            server.check()
        except Exception as err:  # noqa: BLE001 - any failure to reach the server CI promised is fatal
            pytest.fail(f"{PG_ENV}={provided} is set but PostgreSQL does not answer: {err}")
        yield server, ""
        server.drop_all()
        return
    throwaway = Throwaway()
    url = throwaway.start()
    if url is None:
        throwaway.stop()
        yield None, f"no PostgreSQL server could start ({throwaway.error}); set {PG_ENV} to use one"
        return
    server = PostgresServer(url)
    yield server, ""
    server.drop_all()
    throwaway.stop()


@dataclass
class Backend:
    """One store backend: fresh empty stores and copies of prepared ones, as URLs."""

    name: str
    folder: pytest.TempPathFactory
    server: PostgresServer | None = None

    def empty(self) -> str:
        """Where a new store can be made: a SQLite path not yet there, or an empty PostgreSQL database."""
        if self.server is not None:
            return self.server.create()
        return f"sqlite:///{self.folder.mktemp('store') / 'claimgraph.db'}"

    def fresh(self) -> str:
        """A new, migrated, empty store."""
        from claimgraph.store.db import open_store

        url = self.empty()
        open_store(url).dispose()
        return url

    def copy(self, url: str) -> str:
        """A private copy of the store at url (no engine may be open on it)."""
        if self.server is not None:
            return self.server.create(template=url)
        return copy_sqlite(url, self.folder.mktemp("copy"))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """Each test that takes it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return Backend("sqlite", tmp_path_factory)
    server, reason = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip(reason)
    return Backend("postgresql", tmp_path_factory, server)


@pytest.fixture
def store_url(backend: Backend) -> str:
    """A migrated, empty store on the backend under test."""
    return backend.fresh()


@pytest.fixture(scope="session")
def demo_template(backend: Backend, demo_store: Path) -> str:
    """The demo corpus on the backend, kept pristine: hand out copies (`backend.copy`), never connect to it.
    On PostgreSQL it is ingested through the real pipeline, as demo_store is on SQLite."""
    if backend.server is None:
        return f"sqlite:///{demo_store}"
    from claimgraph.process import process_sources

    url = backend.server.create()
    summary = process_sources([str(EXAMPLES)], url)
    assert summary.failed == 0, summary.to_json()["errors"]
    return url


@pytest.fixture(scope="session")
def demo_url(backend: Backend, demo_template: str) -> str:
    """The demo corpus on the backend under test, shared by tests that only read it."""
    return demo_template if backend.server is None else backend.copy(demo_template)


_BACKEND_ID = re.compile(r"[\[-](" + "|".join(BACKENDS) + r")[\]-]")


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest's TerminalReporter
    """One line per store backend, so a CI log shows that the PostgreSQL half ran (or why it did not)."""
    counts: dict[str, Counter] = {name: Counter() for name in BACKENDS}
    for outcome in ("passed", "failed", "error", "skipped"):
        for nodeid in {report.nodeid for report in terminalreporter.stats.get(outcome, [])
                       if hasattr(report, "nodeid")}:
            found = _BACKEND_ID.search(nodeid)
            if found:
                counts[found.group(1)][outcome] += 1
    if not any(counts.values()):
        return
    terminalreporter.write_sep("-", "store backends")
    for name, count in counts.items():
        terminalreporter.write_line(f"{name}: " + ", ".join(f"{count[o]} {o}" for o in
                                                           ("passed", "failed", "error", "skipped")))
    reasons = {report.longrepr[2] for report in terminalreporter.stats.get("skipped", [])
               if isinstance(getattr(report, "longrepr", None), tuple) and "PostgreSQL" in report.longrepr[2]}
    for reason in sorted(reasons):
        terminalreporter.write_line(f"postgresql skipped: {reason}")

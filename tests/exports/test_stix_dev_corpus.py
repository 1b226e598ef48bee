"""The issue-14 bar on real reporting: the STIX export of the dev corpus passes the strict stix2-validator run
(0 errors, 0 warnings) and reads back, through stix2, into exactly the store's edges."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.exports.stix_read import bundle_edges, parse_bundle
from claimgraph.exports.stix_validation import stix_issues, validate_stix

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the repo")]


@pytest.fixture(scope="module")
def dev_export(tmp_path_factory) -> tuple[str, str]:
    """The dev articles ingested into a fresh store, exported as STIX: (store URL, bundle text)."""
    folder = tmp_path_factory.mktemp("dev-stix")
    url = f"sqlite:///{folder / 'dev.db'}"
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", "--db", url, "--quiet", *map(str, sorted(DEV.glob("*.txt")))])
    assert ingested.exit_code == 0, ingested.stderr
    exported = runner.invoke(app, ["export", "--db", url, "-f", "stix", "-o", str(folder / "dev.json")])
    assert exported.exit_code == 0, exported.stderr
    return url, (folder / "dev.json").read_text(encoding="utf-8")


def test_stix_dev_corpus_export_passes_the_strict_validator(dev_export):
    result = validate_stix(dev_export[1])
    assert stix_issues(result) == []
    assert result.is_valid


def test_stix_dev_corpus_round_trip_rebuilds_the_store_edges(dev_export):
    url, bundle_text = dev_export
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = {tuple(r) for r in conn.execute(text("SELECT subject_id, relation, object_id FROM edges"))}
    engine.dispose()
    assert stored and bundle_edges(parse_bundle(bundle_text)) == stored

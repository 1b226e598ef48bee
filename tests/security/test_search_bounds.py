"""Item 1: search is bounded (length, distinct words), refused clearly when over, the same in the CLI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.store.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS, SearchQueryError, fts_query, search_terms


def test_search_terms_dedupes_and_bounds() -> None:
    assert search_terms("Ferry ferry FERRY harbour") == ["Ferry", "harbour"]
    assert search_terms("a " * 200) == ["a"]  # repetition costs nothing
    with pytest.raises(SearchQueryError):
        search_terms("x" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(SearchQueryError):
        search_terms(" ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1)))
    assert fts_query(['say "hi"', "NEAR"]) == '"say ""hi""" "NEAR"'


@pytest.mark.parametrize("query", [
    " ".join(["a"] * 1600),  # the 22-second CPU burner: now refused for its length
    " ".join(f"w{i}" for i in range(40)),  # many distinct words, short enough
    "ab " * 20_000,  # the 60 KB query that made LIKE fail with a 500
])
def test_over_long_queries_are_refused_with_422(client: TestClient, query: str) -> None:
    for path in ("/api/v1/search", "/search"):
        response = client.get(path, params={"q": query})
        assert response.status_code == 422, (path, response.status_code)
    body = client.get("/api/v1/search", params={"q": query}).json()
    assert body["code"] == "E510" and "search query" in body["error"]


def test_repeated_word_query_answers(client: TestClient) -> None:
    data = client.get("/api/v1/search", params={"q": "ferry " * 50}).json()
    assert data["ok"] and data["documents"]


def test_cli_search_uses_the_same_bounds(demo_store) -> None:  # noqa: ANN001
    runner = CliRunner()
    ok = runner.invoke(app, ["search", "ferry", "--db", str(demo_store), "--json"])
    assert ok.exit_code == 0, ok.output
    assert '"documents"' in ok.output
    refused = runner.invoke(app, ["search", " ".join(["a"] * 1600), "--db", str(demo_store)])
    assert refused.exit_code == 1
    assert "search query too long" in refused.output and "E510" in refused.output

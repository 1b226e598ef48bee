"""PageRank written out (no scipy): it must agree with the published values for Zachary's karate club."""

from __future__ import annotations

import networkx as nx

from claimgraph.analysis.centrality import pagerank_scores


def test_centrality_pagerank_matches_known_values():
    graph = nx.Graph(nx.karate_club_graph().edges())
    scores = pagerank_scores(graph)
    assert (round(scores[0], 4), round(scores[33], 4)) == (0.097, 0.1009)
    assert round(sum(scores.values()), 6) == 1.0

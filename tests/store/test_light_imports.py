"""The store, analysis, exports and web layers read stored results: importing them must not load the NLP stack."""

from __future__ import annotations

import subprocess
import sys


def test_store_and_analysis_import_without_spacy():
    code = ("import sys, claimgraph, claimgraph.store, claimgraph.analysis, claimgraph.exports\n"
            "heavy = sorted(m for m in ('spacy', 'sklearn', 'thinc') if m in sys.modules)\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

"""The public API: `__all__` sorted and complete (as httpx guards its exports), light to import, and the two
entry points behaving as docs/api.md says."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from types import ModuleType

import pytest

import claimgraph
from claimgraph.api import _published


def test_api_all_is_sorted_and_complete():
    assert claimgraph.__all__ == sorted(claimgraph.__all__)
    for name in claimgraph.__all__:
        assert getattr(claimgraph, name) is not None, name
    assert dir(claimgraph) == claimgraph.__all__
    defined = {n for n, v in vars(claimgraph).items() if not n.startswith("_") and not isinstance(v, ModuleType)}
    assert defined <= set(claimgraph.__all__)  # nothing public by accident (submodules are attributes once loaded)


def test_api_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        claimgraph.nothing  # noqa: B018


@pytest.mark.parametrize("statement", [
    "import claimgraph",
    "import claimgraph.store",
    "import claimgraph; claimgraph.open_store; claimgraph.Store; claimgraph.Extraction; claimgraph.extract",
    "import claimgraph.analysis, claimgraph.exports",
])
def test_api_import_does_not_load_spacy(statement):
    check = f"{statement}\nimport sys\nassert 'spacy' not in sys.modules, [m for m in sys.modules if 'spacy' in m]"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_api_extract_is_the_package_and_the_function():
    import claimgraph.extract as package

    assert claimgraph.extract is package and callable(package)
    from claimgraph.extract import Extraction, load_nlp  # the package's own names still import

    assert Extraction is claimgraph.Extraction and callable(load_nlp)


@pytest.mark.parametrize(("value", "iso"), [
    (None, None), ("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-15", "2024-03-15"),
    (dt.date(2024, 3, 15), "2024-03-15"), ("15 March 2024", "2024-03-15"),
])
def test_api_published_dates(value, iso):
    assert _published(value) == iso


def test_api_bad_inputs_are_claimgraph_errors(tmp_path):
    with pytest.raises(ValueError, match="cannot read 'soon' as a date"):
        claimgraph.extract("The Lantern Front met in Velmar.", published="soon")
    with pytest.raises(claimgraph.IngestError) as empty:
        claimgraph.extract("   \n")
    assert empty.value.code == "E105"
    with pytest.raises(claimgraph.StoreError) as missing:
        claimgraph.open_store(tmp_path / "absent.db")
    assert missing.value.code == "E405"

"""FollowTheMoney writer: every line read back as an entity proxy, validated by the model and by `ftm validate`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from followthemoney import model
from followthemoney.cli.util import binary_entities
from followthemoney.proxy import EntityProxy

from claimgraph.exports import MemorySink
from claimgraph.exports.ftm import write_ftm

FTM = Path(sys.executable).parent / "ftm"


def _export(network) -> tuple[bytes, list[EntityProxy]]:
    sink = MemorySink()
    write_ftm(network, sink)
    data = sink.parts[""]
    return data, [model.get_proxy(json.loads(line)) for line in data.splitlines()]


def _named(entities: list[EntityProxy], name: str) -> EntityProxy:
    return next(e for e in entities if name in e.get("name"))


def test_ftm_entities_by_schema(small_network):
    _, entities = _export(small_network)
    assert Counter(e.schema.name for e in entities) == {
        "Organization": 3, "Person": 2, "PublicBody": 1, "Address": 1, "Sanction": 1, "Article": 2,
        "Documentation": 9, "Directorship": 1, "UnknownLink": 3, "Event": 1}


def test_ftm_every_entity_passes_model_validation(small_network):
    _, entities = _export(small_network)
    for entity in entities:
        assert entity.schema.validate(entity.to_dict()) is None


def test_ftm_output_loads_with_the_library_reader(small_network):
    data, entities = _export(small_network)
    read = list(binary_entities(io.BytesIO(data), EntityProxy))
    assert [e.id for e in read] == [e.id for e in entities]


def test_ftm_cli_validates_the_file(small_network, tmp_path):
    data, entities = _export(small_network)
    source, target = tmp_path / "net.ftm.json", tmp_path / "checked.json"
    source.write_bytes(data)
    run = subprocess.run([str(FTM), "validate", "-i", str(source), "-o", str(target)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(entities)


def test_ftm_leadership_is_a_directorship_with_claimants_and_dates(small_network):
    _, entities = _export(small_network)
    varga, blf = _named(entities, "Ilse Varga"), _named(entities, "Brannock Liberation Front")
    link = next(e for e in entities if e.schema.name == "Directorship")
    assert link.get("director") == [varga.id] and link.get("organization") == [blf.id]
    assert link.get("role") == ["leader_of"]
    assert sorted(link.get("date")) == ["2019", "2022-01-20"]
    assert "Osterran Interior Ministry (probable, positive): The ministry said Varga probably still commands " \
           "the BLF." in link.get("summary")
    articles = {a.get("title")[0]: a.id for a in entities if a.schema.name == "Article"}
    assert sorted(link.get("proof")) == sorted(articles.values())


def test_ftm_denied_only_edge_is_left_out(small_network):
    _, entities = _export(small_network)
    kessler = _named(entities, "Dorn Kessler")
    pointing = [e.schema.name for e in entities if kessler.id in [v for _, v in e.itervalues()]]
    assert pointing == ["Documentation"]  # named in the wire story, linked to nothing


def test_ftm_event_and_listing(small_network):
    _, entities = _export(small_network)
    event = next(e for e in entities if e.schema.name == "Event")
    assert event.get("date") == ["2021-06-02"]
    assert event.get("organizer") == [_named(entities, "Brannock Liberation Front").id]
    assert event.get("addressEntity") == [_named(entities, "Port Vellin").id]
    assert event.get("location") == ["Port Vellin"]
    listing = next(e for e in entities if e.schema.name == "Sanction")
    assert listing.get("unscId") == ["QDe.901"]


def test_ftm_ids_are_stable(small_network):
    first, _ = _export(small_network)
    second, _ = _export(small_network)
    assert first == second

"""Events from sentences we wrote about fictional actors (Korvath Brigade, Velmar, Orlandia, Zorin)."""

import pytest

from claimgraph.extract.models import RULES_ONLY
from claimgraph.extract.pipeline import extract_document
from claimgraph.ingest.document import Document, Metadata

KEYS = ("type", "subtype", "date", "location", "killed", "wounded", "arrested", "weapons")


def events(nlp, text: str, published: str | None = "2012-05-07") -> list[dict]:
    data = extract_document(Document(text=text, metadata=Metadata(published=published)), nlp, RULES_ONLY).to_json()
    return data["events"]


def summary(event: dict) -> dict:
    out = {k: event[k] for k in KEYS}
    out["participants"] = sorted((p["role"], p["entity"]) for p in event["participants"])
    return out


def test_verbal_attack_with_date_place_counts_and_perpetrator(nlp):
    found = events(nlp, "The Korvath Brigade bombed a police station in Velmar on Monday, killing 12 people and "
                        "wounding nearly 200 more.")
    assert [summary(e) for e in found] == [{
        "type": "attack", "subtype": "bombing", "date": "2012-05-07", "location": "velmar", "killed": 12,
        "wounded": 200, "arrested": None, "weapons": [],
        "participants": [("perpetrator", "korvath_brigade"), ("target", "np_police_station")],
    }]


def test_nominal_attack_whose_verb_reports_the_toll(nlp):
    found = events(nlp, "The bombing of the Velmar courthouse killed two policemen.")
    assert [(e["type"], e["subtype"], e["killed"]) for e in found] == [("attack", "bombing", 2)]


def test_passive_arrest_with_agent_members_and_count(nlp):
    # the counted members are the ones arrested (a `group`, as the gold corpus annotates them), not their brigade
    found = events(nlp, "Five members of the Korvath Brigade were arrested by the Orlandian police in Velmar in March.")
    assert [summary(e) for e in found] == [{
        "type": "arrest", "subtype": None, "date": "2012-03", "location": "velmar", "killed": None, "wounded": None,
        "arrested": 5, "weapons": [],
        "participants": [("agent", "np_orlandian_police"), ("target", "group_five_members")],
    }]


def test_disrupted_cell_is_an_arrest_without_count(nlp):
    found = events(nlp, "Orlandia disrupted the Korvath cell in mid-April.")
    assert [(e["type"], e["date"], e["arrested"]) for e in found] == [("arrest", "2012-04", None)]
    assert ("agent", "orlandia") in {(p["role"], p["entity"]) for p in found[0]["participants"]}


def test_killing_victim_and_perpetrator(nlp):
    found = events(nlp, "Tomas Brenner was killed by Orlandian troops yesterday.")
    assert [summary(e) for e in found] == [{
        "type": "killing", "subtype": None, "date": "2012-05-06", "location": None, "killed": None,
        "wounded": None, "arrested": None, "weapons": [],
        "participants": [("perpetrator", "np_orlandian_troops"), ("victim", "tomas_brenner")],
    }]


def test_designation(nlp):
    found = events(nlp, "The Ministry of Finance designated the Korvath Brigade as a terrorist group in July 2011.")
    assert [summary(e) for e in found] == [{
        "type": "designation", "subtype": None, "date": "2011-07", "location": None, "killed": None,
        "wounded": None, "arrested": None, "weapons": [],
        "participants": [("agent", "ministry_of_finance"), ("target", "korvath_brigade")],
    }]


def test_sanctioning_is_a_designation(nlp):
    found = events(nlp, "The Ministry of Finance sanctioned the Korvath Brigade on Monday.")
    assert [(e["type"], e["date"]) for e in found] == [("designation", "2012-05-07")]
    assert {(p["role"], p["entity"]) for p in found[0]["participants"]} == {
        ("agent", "ministry_of_finance"), ("target", "korvath_brigade")}


def test_training_with_place_and_trainer(nlp):
    found = events(nlp, "Korvath fighters were trained in Zelonia by the Velmari Front.")
    assert [(e["type"], e["location"]) for e in found] == [("training", "zelonia")]
    assert ("agent", "velmari_front") in {(p["role"], p["entity"]) for p in found[0]["participants"]}


def test_plotted_attacks_are_a_plot(nlp):
    found = events(nlp, "The Korvath Brigade plotted attacks against the Orlandian embassy in Velmar.")
    assert [(e["type"], e["location"]) for e in found] == [("plot", "velmar")]
    assert ("perpetrator", "korvath_brigade") in {(p["role"], p["entity"]) for p in found[0]["participants"]}


def test_weapons_and_shooting(nlp):
    found = events(nlp, "Gunmen fired machineguns and threw a car bomb at the Velmar hotel on 3 March 2011.")
    assert [summary(e) for e in found] == [{
        "type": "attack", "subtype": "shooting", "date": "2011-03-03", "location": "velmar", "killed": None,
        "wounded": None, "arrested": None, "weapons": ["machineguns", "car bomb"],
        "participants": [("perpetrator", "np_gunmen"), ("target", "np_velmar_hotel")],
    }]


def test_mentions_of_one_incident_are_merged(nlp):
    found = events(nlp, "A car bomb exploded outside the Velmar hotel on Monday. The attack killed three guards. "
                        "Police said the bombing was the work of the Korvath Brigade.")
    assert [(e["type"], e["date"], e["killed"], e["weapons"]) for e in found] == [
        ("attack", "2012-05-07", 3, ["car bomb"])]


def test_distinct_incidents_stay_apart(nlp):
    found = events(nlp, "The Korvath Brigade bombed a bus in Velmar in March 2010. "
                        "It bombed a train in Zorin in January 2011.")
    assert [(e["type"], e["date"]) for e in found] == [("attack", "2010-03"), ("attack", "2011-01")]


def test_upper_case_wire_text(nlp):
    text = ("KORVATH CITY, 4 FEB 90 (WIRE) -- [TEXT] GUERRILLAS OF THE VELMARI FRONT BOMBED A BUS IN ZORIN "
            "YESTERDAY WITH DYNAMITE.\n\n   THE ARMY SAID TWO PEASANTS WERE KILLED IN THE ATTACK.")
    found = events(nlp, text, published=None)
    assert [summary(e) for e in found] == [{
        "type": "attack", "subtype": "bombing", "date": "1990-02-03", "location": "zorin", "killed": 2,
        "wounded": None, "arrested": None, "weapons": ["dynamite"],
        "participants": [("perpetrator", "np_guerrillas"), ("target", "np_bus")],
    }]


def test_np_participants_are_entities_with_offsets(nlp):
    doc = Document(text="Gunmen attacked a bus in Velmar.", metadata=Metadata(published="2012-05-07"))
    data = extract_document(doc, nlp, RULES_ONLY).to_json()
    by_id = {e["id"]: e for e in data["entities"]}
    assert by_id["np_gunmen"]["type"] == "group"
    assert by_id["np_bus"]["type"] == "place"
    assert [(m["start"], m["end"]) for m in by_id["np_bus"]["mentions"]] == [(18, 21)]


def test_named_people_listed_after_a_victim_noun_are_victims(nlp):
    found = events(nlp, "Orlandian patrols killed three reporters: Tomas Brenner, a photographer, and Maria Dolan, "
                        "a staff member of a radio station.")
    victims = sorted(p["entity"] for e in found for p in e["participants"] if p["role"] == "victim")
    assert victims == ["maria_dolan", "tomas_brenner"]


def test_victims_identified_after_the_attack_join_it(nlp):
    found = events(nlp, "A bomb exploded in a market in Velmar yesterday. The victims were identified as "
                        "Tomas Brenner and Ilse Varga.")
    assert [(e["type"], sorted(p["entity"] for p in e["participants"] if p["role"] == "victim")) for e in found] \
        == [("attack", ["ilse_varga", "tomas_brenner"])]


def test_a_person_who_died_in_the_attack_is_its_victim(nlp):
    found = events(nlp, "Gunmen attacked a bus near Velmar on Monday. Tomas Brenner died in the attack.")
    assert [(e["type"], sorted(p["entity"] for p in e["participants"] if p["role"] == "victim")) for e in found] \
        == [("attack", ["tomas_brenner"])]


def test_unnamed_attackers_are_also_known_by_their_head_noun(nlp):
    data = extract_document(Document(text="Korvath rebels bombed a bridge in Velmar on Monday.",
                                     metadata=Metadata(published="2012-05-07")), nlp, RULES_ONLY).to_json()
    perpetrators = [e for e in data["entities"] if e["id"].startswith("np_") and "rebels" in e["aliases"]]
    assert [e["name"] for e in perpetrators] == ["Korvath rebels"]


def test_group_issuing_a_claim_of_responsibility_is_the_perpetrator(nlp):
    found = events(nlp, "The Korvath Brigade distributed leaflets claiming responsibility for the murder of "
                        "Tomas Brenner in Velmar.")
    assert [(e["type"], sorted(p for p in map(lambda p: (p["role"], p["entity"]), e["participants"])))
            for e in found] == [("killing", [("perpetrator", "korvath_brigade"), ("victim", "tomas_brenner")])]


def test_group_held_responsible_is_the_perpetrator(nlp):
    found = events(nlp, "Gunmen bombed a bus in Velmar on Monday, and the Korvath Brigade was held responsible.")
    assert ("perpetrator", "korvath_brigade") in {(p["role"], p["entity"]) for e in found for p in e["participants"]}


def test_weapons_named_once_and_fire_names_the_gun(nlp):
    found = events(nlp, "Gunmen opened rifle fire on a bus in Velmar on Monday and a car bomb exploded; the bomb "
                        "destroyed two houses.")
    assert sorted({w for e in found for w in e["weapons"]}) == ["car bomb", "rifle"]


def test_a_place_named_in_the_sentence_locates_an_event_its_clause_left_unplaced(nlp):
    data = extract_document(Document(text="Gunmen ambushed an army convoy on Monday, killing three soldiers, a police "
                                          "spokesman in Kessel said.", metadata=Metadata(published="2012-05-07")),
                            nlp, RULES_ONLY).to_json()
    assert [(e["type"], e["location"]) for e in data["events"]] == [("attack", "kessel")]


@pytest.mark.parametrize("text", [
    "Gunmen fired machineguns and threw a car bomb at the Velmar hotel on 3 March 2011.",
    "Korvath Brigade guerrillas bombed a police station in Velmar on Monday.",  # the guerrillas and the Brigade
])
def test_the_entity_table_holds_the_participants_and_events_come_out_the_same(nlp, text):
    from claimgraph.extract.entities.find import find_entities
    from claimgraph.extract.events.find import find_events
    from claimgraph.extract.pipeline import entity_table, gazetteer_for

    doc = nlp(text)
    document = Document(text=text, metadata=Metadata(published="2012-05-07"))
    fresh = find_entities(doc, document, gazetteer_for(doc))
    assert not any(e.id.startswith("np_") for e in fresh.entities)
    expected = [e.to_json() for e in find_events(doc, fresh, document)]
    table = entity_table(doc, document)
    participants = {p["entity"] for e in expected for p in e["participants"] if p["entity"].startswith("np_")}
    assert participants and participants <= {e.id for e in table.entities}
    assert [e.to_json() for e in find_events(doc, table, document)] == expected
    assert find_events(doc, table, document, participants_only=True) == []

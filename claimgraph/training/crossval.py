"""Cross-validation by document, and the training of every model from the gold corpus.

Stage 0 adds each article's unnamed groups with a group detector that never saw it, merges its entities with a
merge model that never saw it, then retypes them with a type model that never saw it (all in place: at run time
the relation model meets these groups and merged, retyped entities too). Measured
but not shipped: before stage 0, the articles' names re-read by a spaCy NER updated on the other folds
(`ner_update`; see training/ner.py and the README for why it does not ship). Stage 1
fits the relation model; its out-of-fold claims (each article's claims from a model that never saw it) are what
the entity and event filters learn from in stage 2, exactly as they will see claims at run time.
`cross_validate` scores every article with models that never saw it; `train_all` fits the shipped models.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.extract.events.find import dateline_entity, find_events
from claimgraph.extract.events.roles import is_participant
from claimgraph.extract.models import Models
from claimgraph.extract.models.entity_merge import APART, MERGE, MergeModel, candidate_pairs
from claimgraph.extract.models.entity_types import TypeModel, mention_spans, type_features
from claimgraph.extract.models.event_locations import ELSEWHERE, HERE, LocationModel, location_rows
from claimgraph.extract.models.filters import (
    DROP,
    KEEP,
    Filters,
    KeepFilter,
    apply_filters,
    entity_features,
    event_features,
)
from claimgraph.extract.models.relation_features import FeatureContext, pair_features
from claimgraph.extract.models.relation_model import RelationModel
from claimgraph.extract.models.unnamed_groups import GROUP, OTHER, GroupModel, candidate_rows
from claimgraph.extract.pipeline import entity_table, find_links, load_nlp
from claimgraph.extract.records import Claim, Event, Extraction
from claimgraph.extract.relations.claims import find_claims
from claimgraph.extract.relations.events import event_claims
from claimgraph.extract.syntax import Resolver
from claimgraph.training.corpus import Article
from claimgraph.training.labels import as_list, entity_mapping, event_hits, labelled_pairs
from claimgraph.training.ner import examples_of, ner_from, update_ner
from claimgraph.training.relations import fit_linear
from claimgraph.training.scoring import score_documents, scorer

SEED = 13
# chosen by CV with RELATION_C: 0.4/C 0.1 gave F1 0.277, 0.25/0.3 0.303, 0.2/1.0 0.304. Session 10: CV is flat
# from 0.25 to 0.30 (relations 0.361 / 0.360 / 0.360 / 0.359 at 0.25 / 0.27 / 0.28 / 0.30); 0.25 puts dev
# relations at 0.6996, under the floor of 0.70, and 0.28 is the plateau's best by attributed (0.297).
RELATION_THRESHOLD = 0.28
RELATION_C = 0.3
ENTITY_THRESHOLD = 0.5  # session 10: 0.45 / 0.55 / 0.6 / 0.7 gave CV entities 0.779 / 0.789 / 0.792 / 0.794 against
# 0.784, relations 0.360 / 0.360 / 0.358 / 0.346 against 0.360; 0.55 cost MUC-4 dev 0.331 -> 0.321, so 0.5 stays
EVENT_THRESHOLD = 0.2
MERGE_THRESHOLD = 0.5
GROUP_THRESHOLD = 0.2  # chosen by CV: 0.3 gave relations 0.347-0.350, 0.2 0.352-0.355 (entities -0.002)
GROUP_C = 3.0  # C 1.0: relations 0.353 vs 0.355 at threshold 0.2
MERGE_C = 1.0  # few, dense features: less regularisation than the relation model's thousands
TYPE_THRESHOLD = 0.5
TYPE_C = 0.3
LOCATION_C = 0.1  # few examples (about 150 events with their place among the candidates): C 0.3 placed one event fewer


@dataclass
class Examples:
    """One article's feature rows and labels (computed once, reused by every fold)."""

    rows: list[dict[str, float]]
    labels: list[str]


def relation_examples(shared: Path, article: Article, events: list[Event]) -> Examples:
    """`events`: the article's events as extraction finds them before the claims (find_all_events)."""
    ctx = FeatureContext(Resolver(article.table), events)
    pairs = labelled_pairs(shared, article)
    return Examples([pair_features(p, ctx) for p, _ in pairs], [label for _, label in pairs])


NER_MODES = ("replace", "add")


def ner_out_of_fold(articles: list[Article], k: int, mode: str,
                    progress: Callable[[str], None] = lambda _: None) -> None:
    """Re-read every article's names with an NER updated on the other folds and rebuild its entity table.
    `replace`: the updated NER's entities instead of the published model's; `add`: the published model's plus
    the updated NER's where they overlap none of them."""
    nlp = load_nlp()
    examples = examples_of(articles)  # before any article is re-read: rehearsal is on the published model
    fold = folds_of([a.name for a in articles], k)
    for f in range(k):
        progress(f"ner: fold {f + 1}/{k}")
        data = update_ner(nlp, [examples[a.name] for a in articles if fold[a.name] != f])
        with ner_from(nlp, data) as ner:
            for a in articles:
                if fold[a.name] == f:
                    reread(a, ner, mode)


def reread(article: Article, ner, mode: str) -> None:  # noqa: ANN001 - a spaCy pipe
    """The article's names read again by `ner` (see ner_out_of_fold), and its entity table rebuilt."""
    base = list(article.doc.ents)
    article.doc.set_ents([], default="missing")  # the NER keeps preset entities: clear them
    ner(article.doc)
    if mode == "add":
        taken = {i for e in base for i in range(e.start, e.end)}
        extra = [e for e in article.doc.ents if not taken.intersection(range(e.start, e.end))]
        article.doc.set_ents(base + extra, default="outside")
    article.table = entity_table(article.doc, article.document)


def group_examples(shared: Path, article: Article) -> Examples:
    """Candidate phrases labelled `group` when they name a required gold entity that no entity of the table maps
    to yet (any gold type: "the police" is an organization there), `other` when they name nothing or an entity
    already found (a second entity for it would be a duplicate); phrases naming only optional entities are left
    out."""
    score = scorer(shared)
    mapped = set(entity_mapping(shared, article).values())
    gold = [(g, score.names_of(g)) for g in article.gold["entities"]]
    rows, labels = [], []
    doc = article.doc
    for c, features in candidate_rows(doc, article.table):
        names = {score.norm(doc[c.start:c.end].text), score.norm(doc[c.start:c.full_end].text)}
        hits = [g for g, gn in gold if names & gn]
        if hits and all(g.get("optional") for g in hits):
            continue
        new = any(not g.get("optional") and g["id"] not in mapped for g in hits)
        rows.append(features)
        labels.append(GROUP if new else OTHER)
    return Examples(rows, labels)


def fit_groups(examples: list[Examples], **kwargs) -> GroupModel:
    return GroupModel(_fit(examples, c=GROUP_C, **kwargs), GROUP_THRESHOLD)


def groups_out_of_fold(shared: Path, articles: list[Article], k: int,
                       progress: Callable[[str], None] = lambda _: None) -> dict[str, Examples]:
    """Add every article's unnamed groups, in place, with a group model fitted on the other folds; returns the
    examples (computed on the tables before any group was added)."""
    examples = {a.name: group_examples(shared, a) for a in articles}
    _apply_out_of_fold(articles, k, examples, fit_groups, "unnamed groups", progress)
    return examples


def merge_examples(shared: Path, article: Article) -> Examples:
    """Candidate entity pairs whose ends both map to gold entities: merge when it is the same one."""
    mapping = entity_mapping(shared, article)
    rows, labels = [], []
    for a, b, features in candidate_pairs(article.doc, article.table):
        ga, gb = mapping.get(a.id), mapping.get(b.id)
        if ga is not None and gb is not None:
            rows.append(features)
            labels.append(MERGE if ga == gb else APART)
    return Examples(rows, labels)


def fit_merges(examples: list[Examples], **kwargs) -> MergeModel:
    return MergeModel(_fit(examples, c=MERGE_C, min_count=1, **kwargs), MERGE_THRESHOLD)


def merge_out_of_fold(shared: Path, articles: list[Article], k: int,
                      progress: Callable[[str], None] = lambda _: None) -> None:
    """Merge every article's entities, in place, with a merge model fitted on the other folds."""
    _apply_out_of_fold(articles, k, {a.name: merge_examples(shared, a) for a in articles}, fit_merges,
                       "entity merges", progress)


def _apply_out_of_fold(articles: list[Article], k: int, examples: dict[str, Examples],
                       fit: Callable[[list[Examples]], GroupModel | MergeModel | TypeModel | LocationModel], stage: str,
                       progress: Callable[[str], None],
                       apply: Callable[[Any, Article], object] = lambda model, a: model.apply(a.doc, a.table)) -> None:
    """Each fold's articles changed in place (`apply`) by a model fitted on the other folds' examples."""
    fold = folds_of([a.name for a in articles], k)
    for f in range(k):
        progress(f"{stage}: fold {f + 1}/{k}")
        model = fit([examples[a.name] for a in articles if fold[a.name] != f])
        for a in articles:
            if fold[a.name] == f:
                apply(model, a)


def type_examples(shared: Path, article: Article) -> Examples:
    """Entities that map to a gold entity, labelled with its type (ours when the gold accepts it, else the
    gold's first)."""
    mapping = entity_mapping(shared, article)
    gold = {g["id"]: as_list(g["type"]) for g in article.gold["entities"]}
    spans = mention_spans(article.table)
    rows, labels = [], []
    for e in article.table.entities:
        gid = mapping.get(e.id)
        if gid is not None and not is_participant(e):
            rows.append(type_features(e, article.doc, article.table, spans.get(e.id, [])))
            labels.append(e.type if e.type in gold[gid] else gold[gid][0])
    return Examples(rows, labels)


def fit_types(examples: list[Examples], **kwargs) -> TypeModel:
    return TypeModel(_fit(examples, c=TYPE_C, **kwargs), TYPE_THRESHOLD)


def retype_out_of_fold(shared: Path, articles: list[Article], k: int,
                       progress: Callable[[str], None] = lambda _: None) -> dict[str, Examples]:
    """Retype every article's entities, in place, with a type model fitted on the other folds; returns the
    examples (read before any retyping) for fitting the shipped model."""
    examples = {a.name: type_examples(shared, a) for a in articles}
    _apply_out_of_fold(articles, k, examples, fit_types, "entity types", progress)
    return examples


def location_examples(shared: Path, article: Article, events: list[Event]) -> Examples:
    """Each event that a gold event with a place matches on type and date: its candidate places, `here` when one
    maps to the gold place (events with no candidate at the gold place teach nothing and are left out)."""
    mapping = entity_mapping(shared, article)
    dateline = dateline_entity(article.document, article.table)
    rows, labels = [], []
    for event in events:
        places = set()
        for g in article.gold["events"]:
            if event.type in as_list(g["type"]) and g.get("location") \
                    and (not g.get("date") or str(event.date or "").startswith(g["date"])):
                places.update(as_list(g["location"]))
        candidates = location_rows(article.doc, article.table, event, dateline)
        hits = [mapping.get(eid) in places for eid, _ in candidates]
        if any(hits):
            rows += [f for _, f in candidates]
            labels += [HERE if hit else ELSEWHERE for hit in hits]
    return Examples(rows, labels)


def fit_locations(examples: list[Examples], **kwargs) -> LocationModel:
    return LocationModel(_fit(examples, c=LOCATION_C, min_count=1, **kwargs))


def relocate_out_of_fold(shared: Path, articles: list[Article], first: dict[str, Stage1], k: int,
                         progress: Callable[[str], None] = lambda _: None) -> dict[str, Examples]:
    """Re-place every article's stage-1 events, in place, with a model fitted on the other folds; returns the
    examples (read before any move) for fitting the shipped model."""
    examples = {a.name: location_examples(shared, a, first[a.name].events) for a in articles}
    _apply_out_of_fold(articles, k, examples, fit_locations, "event places", progress,
                       lambda model, a: model.apply(a.doc, a.table, a.document, first[a.name].events))
    return examples


def folds_of(names: list[str], k: int = 5, seed: int = SEED) -> dict[str, int]:
    """Document -> fold, a seeded shuffle dealt round-robin (the same split every run)."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return {name: i % k for i, name in enumerate(order)}


def _fit(examples: list[Examples], **kwargs):
    return fit_linear([r for e in examples for r in e.rows], [x for e in examples for x in e.labels], **kwargs)


@dataclass
class Stage1:
    """An article's out-of-fold claims and its events, the input of the filters."""

    claims: list[Claim]
    events: list[Event]


def filter_examples(shared: Path, article: Article, stage: Stage1) -> tuple[Examples, Examples]:
    """Entity rows (keep = maps to a gold entity) and event rows (keep = matches a gold event)."""
    entities = article.table.entities
    mapping = entity_mapping(shared, article)
    ent = Examples([entity_features(e, article.doc, stage.claims, stage.events) for e in entities],
                   [KEEP if e.id in mapping else DROP for e in entities])
    hits = event_hits(article.gold["events"], stage.events, mapping)
    ev = Examples([event_features(e, i, stage.events, article.doc) for i, e in enumerate(stage.events)],
                  [KEEP if hit else DROP for hit in hits])
    return ent, ev


def system_json(article: Article, claims: list[Claim], events: list[Event], filters: Filters) -> dict:
    claims, events = copy.deepcopy(claims), copy.deepcopy(events)
    entities, claims, events = apply_filters(filters, article.doc, list(article.table.entities), claims, events)
    return Extraction(article.document, entities, claims, events).to_json()


def find_all_events(articles: list[Article]) -> dict[str, list[Event]]:
    """Every article's events, found once on its merged, retyped table (as extraction finds them), for every
    fold's claims and for the event places."""
    return {a.name: find_events(a.doc, a.table, a.document) for a in articles}


def stage1(shared: Path, articles: list[Article], events: dict[str, list[Event]], k: int,
           progress: Callable[[str], None], threshold: float = RELATION_THRESHOLD, keep_rules: bool = True,
           relation_fraction: float = 1.0, **fit_kwargs) -> dict[str, Stage1]:
    """Out-of-fold claims for every article (`events`: from find_all_events). `relation_fraction` < 1 fits each
    fold's relation model on that share of the fold's training articles (a learning curve: how the score grows
    with annotated articles)."""
    examples = {a.name: relation_examples(shared, a, events[a.name]) for a in articles}
    fold = folds_of([a.name for a in articles], k)
    fit_kwargs.setdefault("c", RELATION_C)
    out = {}
    for f in range(k):
        progress(f"relations: fold {f + 1}/{k}")
        train = [a.name for a in articles if fold[a.name] != f]
        if relation_fraction < 1.0:
            kept = set(random.Random(SEED + f).sample(train, max(1, round(len(train) * relation_fraction))))
            train = [name for name in train if name in kept]
        model = RelationModel(_fit([examples[name] for name in train], **fit_kwargs), threshold, keep_rules)
        for a in articles:
            if fold[a.name] == f:
                out[a.name] = Stage1(*find_links(a.doc, a.table, a.document, model, events[a.name]))
    return out


def rules_only(article: Article) -> dict:
    """The article as the rules alone read it, on a table of its own (the article's table stays untouched)."""
    table = entity_table(article.doc, article.document)
    claims, events = find_links(article.doc, table, article.document, None)
    return Extraction(article.document, list(table.entities), claims, events).to_json()


def cross_validate(shared: Path, articles: list[Article], k: int = 5,
                   progress: Callable[[str], None] = lambda _: None, ner_update: str | None = None,
                   relation_fraction: float = 1.0, **fit_kwargs) -> dict:
    """Scores of rules alone, + unnamed groups, entity merges and types, + relation model, + entity filter (what
    ships), + event filter (measured, not shipped while it does not pay), every article scored out of fold; `ner_update`
    ("replace" or "add") first re-reads the names with an NER updated out of fold (measured, not shipped).
    Groups, merges and types change the articles' entity tables in place."""
    rules = {a.name: rules_only(a) for a in articles}
    if ner_update:
        ner_out_of_fold(articles, k, ner_update, progress)
    groups_out_of_fold(shared, articles, k, progress)
    merge_out_of_fold(shared, articles, k, progress)
    retype_out_of_fold(shared, articles, k, progress)
    first = stage1(shared, articles, find_all_events(articles), k, progress, relation_fraction=relation_fraction,
                   **fit_kwargs)
    relocate_out_of_fold(shared, articles, first, k, progress)
    examples = {a.name: filter_examples(shared, a, first[a.name]) for a in articles}
    fold = folds_of([a.name for a in articles], k)
    outputs: dict[str, list[tuple[dict, dict]]] = {key: [] for key in (
        "rules only", "+ entity merges and types", "+ relation model", f"+ entity filter {ENTITY_THRESHOLD} (shipped)",
        f"+ event filter {EVENT_THRESHOLD} (not shipped)")}
    for a in articles:
        outputs["rules only"].append((a.gold, rules[a.name]))
        merged = find_claims(a.doc, a.table, a.document, model=None)  # with the events of stage 1 (found once
        merged += event_claims(first[a.name].events, merged)  # per article)
        outputs["+ entity merges and types"].append((a.gold, system_json(a, merged, first[a.name].events, Filters())))
        outputs["+ relation model"].append(
            (a.gold, system_json(a, first[a.name].claims, first[a.name].events, Filters())))
    for f in range(k):
        progress(f"filters: fold {f + 1}/{k}")
        train = [examples[a.name] for a in articles if fold[a.name] != f]
        entity_rows = [e for e, _ in train]
        event_rows = [e for _, e in train]
        entities = KeepFilter(_fit(entity_rows), ENTITY_THRESHOLD)
        events = KeepFilter(_fit(event_rows), EVENT_THRESHOLD)
        for key, filters in zip(list(outputs)[3:], (Filters(entities), Filters(entities, events)), strict=True):
            for a in articles:
                if fold[a.name] == f:
                    s = first[a.name]
                    outputs[key].append((a.gold, system_json(a, s.claims, s.events, filters)))
    return {key: score_documents(shared, pairs) for key, pairs in outputs.items()}


def train_all(shared: Path, articles: list[Article], k: int = 5,
              progress: Callable[[str], None] = lambda _: None) -> Models:
    """The shipped models: groups and merges fitted on every article; merges on tables holding every article's
    out-of-fold groups, relations on its out-of-fold groups and merged, retyped entities; the entity filter on
    every article's out-of-fold claims (as each meets its input at run time). Groups and merges change the
    articles' entity tables in place."""
    progress("unnamed groups: all articles")
    groups = fit_groups(list(groups_out_of_fold(shared, articles, k, progress).values()), info=_info(len(articles)))
    progress("entity merges: all articles")
    merges = fit_merges([merge_examples(shared, a) for a in articles], info=_info(len(articles)))
    merge_out_of_fold(shared, articles, k, progress)
    progress("entity types: all articles")
    types = fit_types(list(retype_out_of_fold(shared, articles, k, progress).values()), info=_info(len(articles)))
    progress("relations: all articles")
    events = find_all_events(articles)
    relations = RelationModel(_fit([relation_examples(shared, a, events[a.name]) for a in articles], c=RELATION_C,
                                   info=_info(len(articles))), RELATION_THRESHOLD)
    first = stage1(shared, articles, events, k, progress)
    progress("event places: all articles")
    locations = fit_locations(list(relocate_out_of_fold(shared, articles, first, k, progress).values()),
                              info=_info(len(articles)))
    examples = [filter_examples(shared, a, first[a.name])[0] for a in articles]
    progress("entity filter: all articles")
    entities = _fit(examples, info=_info(len(articles)))
    return Models(groups, merges, types, relations, locations, Filters(KeepFilter(entities, ENTITY_THRESHOLD)))


def _info(n: int) -> dict[str, str]:
    return {"trained_on": f"../shared/eval/train ({n} articles)", "seed": str(SEED)}

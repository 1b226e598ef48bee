"""The gold corpus, parsed once: each article's Document, spaCy Doc, entity table and gold annotation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.pipeline import entity_table, load_nlp, model_text
from claimgraph.ingest.document import Document
from claimgraph.ingest.sources import read_source
from claimgraph.progress import ProgressReport


@dataclass
class Article:
    name: str
    document: Document
    doc: Doc
    table: EntityTable
    gold: dict


def gold_names(folder: Path) -> list[str]:
    return sorted(p.name[: -len(".gold.json")] for p in folder.glob("*.gold.json"))


def load_articles(folder: Path, limit: int | None = None, quiet: bool = False) -> list[Article]:
    """Parse every `<name>.txt` that has a `<name>.gold.json` beside it, in name order."""
    nlp = load_nlp()
    names = gold_names(folder)[:limit]
    documents = [read_source(str(folder / f"{n}.txt"))[0] for n in names]
    texts = ((model_text(d, nlp), d) for d in documents)
    out = []
    parsed = nlp.pipe(texts, as_tuples=True, batch_size=16)
    with ProgressReport(f"parse {folder.name}", quiet=quiet) as progress:
        for done, (name, (doc, document)) in enumerate(zip(names, parsed, strict=True), start=1):
            gold = json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8"))
            out.append(Article(name, document, doc, entity_table(doc, document), gold))
            progress(done, len(names), name)
    return out

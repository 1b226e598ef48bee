"""Near-duplicate documents (the same story reformatted, re-posted or syndicated) found with MinHash over word
shingles and an LSH index kept in the store (datasketch computes the hashes and the banding).

Each stored document gets a MinHash of its 5-word shingles (case and punctuation ignored) and one key per LSH
band. A new document is compared with the documents that share a band key; when the best estimated Jaccard
similarity reaches STORY_SIMILARITY it joins that document's story, else it starts its own. Claims of documents
in one story count as one source (analysis/corroboration.py), and the reader shows "also published by".
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from claimgraph.store.models import DocumentRow
from claimgraph.store.story_models import DocumentStoryRow, StoryBandRow

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 13
SCHEME = "affine32"  # datasketch's permutation scheme, named so stored sketches stay comparable
STORY_SIMILARITY = 0.7  # estimated Jaccard similarity of shingle sets from which two texts are one story
_WORD = re.compile(r"\w+")


def shingles(text: str) -> list[bytes]:
    """The text's overlapping 5-word sequences, case-folded, punctuation and layout ignored."""
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")] if words else []
    return list({" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
                 for i in range(len(words) - SHINGLE_WORDS + 1)})


def text_minhash(text: str) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    found = shingles(text)
    if found:
        sketch.update_batch(found)
    return sketch


# The LSH banding datasketch's MinHashLSH chooses for STORY_SIMILARITY and NUM_PERM (false positives and
# negatives weighed equally): 14 bands of 9 rows. Kept as numbers because finding them integrates numerically
# for about 2 s, which every ingest process would pay while holding the store's write lock;
# tests/curation/test_curation_store.py checks them against datasketch.
BANDS, ROWS = 14, 9


def lsh_banding() -> tuple[int, int]:
    """(bands, rows) as datasketch computes them for the threshold: what BANDS and ROWS must equal."""
    lsh = MinHashLSH(threshold=STORY_SIMILARITY, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _bands() -> list[tuple[int, int]]:
    return [(i * ROWS, (i + 1) * ROWS) for i in range(BANDS)]


def band_keys(sketch: MinHash) -> list[tuple[int, str]]:
    return [(band, hashlib.sha1(sketch.hashvalues[start:end].tobytes()).hexdigest()[:16])
            for band, (start, end) in enumerate(_bands())]


def _sketch_of(data: bytes) -> MinHash | None:
    values = np.frombuffer(data, dtype=MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).hashvalues.dtype)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values) if len(values) == NUM_PERM else None


def record_story(session: Session, doc_id: str, text: str) -> str:
    """Index a stored document and give it a story: that of its most similar stored near-duplicate, else its
    own id. Returns the story id."""
    sketch = text_minhash(text)
    keys = band_keys(sketch)
    story, similarity = doc_id, 1.0
    if shingles(text):
        candidates = session.scalars(select(StoryBandRow.doc_id).distinct().where(
            StoryBandRow.doc_id != doc_id,
            or_(*[(StoryBandRow.band == band) & (StoryBandRow.key == key) for band, key in keys]))).all()
        best: tuple[float, str] | None = None
        for row in session.scalars(select(DocumentStoryRow).where(DocumentStoryRow.doc_id.in_(candidates))):
            other = _sketch_of(row.minhash)
            if other is None:
                continue
            score = float(sketch.jaccard(other))
            if score >= STORY_SIMILARITY and (best is None or (score, row.story_id) > best):
                best = (score, row.story_id)
        if best is not None:
            similarity, story = best
    session.add(DocumentStoryRow(doc_id=doc_id, story_id=story, similarity=similarity,
                                 minhash=sketch.hashvalues.tobytes()))
    session.execute(insert(StoryBandRow), [{"doc_id": doc_id, "band": b, "key": k} for b, k in keys])
    session.flush()
    return story


def forget_story(session: Session, doc_id: str) -> None:
    session.execute(delete(StoryBandRow).where(StoryBandRow.doc_id == doc_id))
    session.execute(delete(DocumentStoryRow).where(DocumentStoryRow.doc_id == doc_id))


def story_of(session: Session, doc_id: str) -> str:
    return session.scalar(select(DocumentStoryRow.story_id).where(DocumentStoryRow.doc_id == doc_id)) or doc_id


def also_published(session: Session, doc_ids: list[str]) -> dict[str, list[dict]]:
    """For each of these documents, the other documents of its story: id, title, publication, date."""
    if not doc_ids:
        return {}
    stories = dict(session.execute(select(DocumentStoryRow.doc_id, DocumentStoryRow.story_id)
                                   .where(DocumentStoryRow.doc_id.in_(sorted(set(doc_ids))))).all())
    if not stories:
        return {}
    members: dict[str, list[dict]] = {}
    for doc_id, story, title, publication, published in session.execute(
            select(DocumentStoryRow.doc_id, DocumentStoryRow.story_id, DocumentRow.title, DocumentRow.publication,
                   DocumentRow.published).join(DocumentRow, DocumentRow.id == DocumentStoryRow.doc_id)
            .where(DocumentStoryRow.story_id.in_(sorted(set(stories.values()))))
            .order_by(DocumentRow.published, DocumentRow.id)):
        members.setdefault(story, []).append({"id": doc_id, "title": title, "publication": publication,
                                              "published": published})
    return {d: [m for m in members.get(s, []) if m["id"] != d] for d, s in stories.items()
            if len(members.get(s, [])) > 1}

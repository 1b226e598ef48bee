"""Near-duplicate documents: the same story reformatted or re-posted. Each stored document has a MinHash of its
word shingles and the LSH band keys of that MinHash; documents whose estimated similarity passes the threshold
share a `story_id` and count as one source in corroboration (analysis/corroboration.py)."""

from __future__ import annotations

from sqlalchemy import Float, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from claimgraph.store.models import Base


class DocumentStoryRow(Base):
    """A document's story (its own id when it duplicates nothing stored before it) and its MinHash."""

    __tablename__ = "document_stories"

    doc_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(16), index=True)
    similarity: Mapped[float] = mapped_column(Float, default=1.0)  # to the document it was matched with
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class StoryBandRow(Base):
    """One LSH band of one document's MinHash: documents sharing a band key are compared."""

    __tablename__ = "story_bands"
    __table_args__ = (Index("ix_story_bands_band_key", "band", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(16), index=True)
    band: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(16))

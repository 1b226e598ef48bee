"""Ingest from the browser: file uploads and feed subscriptions (writes), and the list of subscribed feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy import select
from starlette.responses import JSONResponse, RedirectResponse, Response

from claimgraph.errors import IngestError
from claimgraph.store.models import DocumentRow
from claimgraph.store.watch_models import FeedRow
from claimgraph.web.deps import SessionDep, Writer, respond
from claimgraph.web.feeds import feed_json, subscribe
from claimgraph.web.fetch import AddressPolicy
from claimgraph.web.ingestion import ingest_paths, save_upload

router = APIRouter()


@dataclass
class IngestContext:
    feeds: list[dict]
    max_upload: int
    default_interval: int
    result: dict | None = None
    messages: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"feeds": self.feeds, "max_upload": self.max_upload, "default_interval": self.default_interval,
                "result": self.result}


def _context(request: Request, session: SessionDep, result: dict | None = None) -> IngestContext:
    settings = request.app.state.settings
    feeds = [feed_json(r) for r in session.scalars(select(FeedRow).order_by(FeedRow.id))]
    return IngestContext(feeds, settings.max_upload, settings.feed_interval, result)


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    """At most limit + 1 bytes, so an oversized upload is refused without reading it all."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise IngestError(f"upload larger than {limit} bytes", where=upload.filename or "upload", code="E151")
    return data


async def _ingest_uploads(request: Request, files: list[UploadFile]) -> dict:
    settings = request.app.state.settings
    if not files:
        raise IngestError("no file uploaded", where="upload", code="E152")
    paths = []
    for upload in files:
        data = await _read_limited(upload, settings.max_upload)
        paths.append(str(save_upload(settings.data_dir, upload.filename, data, settings.max_upload)))
    summary, alerts = await run_in_threadpool(ingest_paths, request.app.state.engine, paths, settings.max_upload)
    result = summary.to_json()
    with request.app.state.sessions() as session:  # the result names articles by title and file, not by hash
        ids = [d["id"] for d in result["documents"]]
        titles = dict(session.execute(select(DocumentRow.id, DocumentRow.title).where(DocumentRow.id.in_(ids))).all())
    for item in [*result["documents"], *result["errors"], *result.get("not_articles", [])]:
        item["name"] = Path(item["source"]).name
        if "id" in item:
            item["title"] = titles.get(item["id"]) or item["name"]
    return {**result, "alerts": alerts}


@router.get("/ingest", include_in_schema=False)
def ingest_page(request: Request, session: SessionDep) -> Response:
    return respond(request, "ingest.html", _context(request, session))


@router.get("/api/v1/ingest", tags=["ingest"])
def ingest_api(request: Request, session: SessionDep) -> Response:
    """Subscribed feeds with their last poll, and the upload limit."""
    return respond(request, "ingest.html", _context(request, session), api=True)


@router.post("/api/v1/uploads", tags=["ingest"])
async def upload_api(request: Request, _writer: Writer, files: list[UploadFile] = File(...)) -> Response:
    """Ingest uploaded files (text, HTML, RSS/Atom); returns the ingest summary and new alerts (needs the token)."""
    return JSONResponse({"ok": True, **await _ingest_uploads(request, files)})


@router.post("/ingest/upload", include_in_schema=False)
async def upload_form(request: Request, session: SessionDep, _writer: Writer,
                      files: list[UploadFile] = File(...)) -> Response:
    result = await _ingest_uploads(request, files)
    return respond(request, "ingest.html", _context(request, session, result))


def _policy(request: Request) -> AddressPolicy:
    return AddressPolicy(request.app.state.settings.allow_private_feeds)


class FeedIn(BaseModel):
    url: str
    interval: int | None = None


@router.get("/api/v1/feeds", tags=["ingest"])
def feeds_api(session: SessionDep) -> dict:
    return {"ok": True, "feeds": [feed_json(r) for r in session.scalars(select(FeedRow).order_by(FeedRow.id))]}


@router.post("/api/v1/feeds", tags=["ingest"], status_code=201)
def subscribe_api(request: Request, body: FeedIn, session: SessionDep, _writer: Writer) -> Response:
    """Subscribe to an RSS/Atom URL polled every `interval` seconds (needs the token)."""
    settings = request.app.state.settings
    row = subscribe(session, body.url, body.interval or settings.feed_interval, _policy(request))
    session.commit()
    return JSONResponse({"ok": True, "feed": feed_json(row)}, status_code=201)


@router.post("/feeds", include_in_schema=False)
async def subscribe_form(request: Request, session: SessionDep, _writer: Writer) -> Response:
    form = await request.form()
    interval = str(form.get("interval") or "").strip()
    subscribe(session, str(form.get("url", "")),
              int(interval) if interval.isdigit() else request.app.state.settings.feed_interval, _policy(request))
    session.commit()
    return RedirectResponse("/ingest", status_code=303)

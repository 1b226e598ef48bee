"""Export downloads: a network written in one format, named `<stem><the writer's extension>`, or a zip of parts.

The name comes from the extension the writer gives each part (".stix.json", ".ftm.json", ".graphml", ...), so
two formats never download under the same name and overwrite each other.
"""

from __future__ import annotations

import io
import zipfile

from starlette.responses import Response

from claimgraph.errors import QueryError
from claimgraph.exports import FORMATS, MemorySink, export_network
from claimgraph.exports.network import ExportNetwork

MEDIA = {"stix": "application/json", "ftm": "application/json", "graphml": "application/xml",
         "gexf": "application/xml", "csv": "text/csv"}


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}", code="E701")


def safe_stem(text: str, fallback: str) -> str:
    """Letters, digits, `-` and `_` of text (a file name that needs no quoting), else fallback."""
    return "".join(ch for ch in text if ch.isalnum() or ch in "-_")[:80] or fallback


def _attachment(body: bytes, media: str, filename: str) -> Response:
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def export_download(network: ExportNetwork, fmt: str, stem: str) -> Response:
    """The network as a download in `fmt`; a format writing several files comes as `<stem>-<fmt>.zip`."""
    check_format(fmt)
    sink = MemorySink()
    export_network(network, fmt, sink)
    if len(sink.parts) == 1:
        part, body = next(iter(sink.parts.items()))
        return _attachment(body, MEDIA[fmt], f"{stem}{sink.suffixes[part]}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in sorted(sink.parts.items()):
            archive.writestr(f"{stem}-{part or 'main'}{sink.suffixes[part]}", data)
    return _attachment(buffer.getvalue(), "application/zip", f"{stem}-{fmt}.zip")

"""One error tree for every stage; the CLI prints `claimgraph: error: <where>: <reason> [Ennn]`.

ClaimgraphError
  IngestError      1xx  unreadable, binary, empty, too large, undecodable input
  ExtractError     2xx  model missing or failing
  StoreError       4xx  database problems
  QueryError       5xx  unknown entity, bad query
  ExportError      7xx
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    code = "E000"
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        if code:
            self.code = code

    def __str__(self) -> str:
        prefix = f"{printable(self.where)}: " if self.where else ""
        return f"{prefix}{printable(self.message)} [{self.code}]"


def printable(text: str) -> str:
    """Text safe for one log line: control characters (a newline in a file name, a terminal escape) are written
    as escapes such as \\n or \\x1b, so no name can forge or colour another line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class IngestError(ClaimgraphError):
    code = "E100"
    http_status = 400


class ExtractError(ClaimgraphError):
    code = "E200"


class StoreError(ClaimgraphError):
    code = "E400"


class QueryError(ClaimgraphError):
    code = "E500"
    http_status = 404


class ExportError(ClaimgraphError):
    code = "E700"

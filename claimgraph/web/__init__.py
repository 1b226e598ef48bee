"""The web app: server-rendered pages with HTMX, a JSON API under /api/v1, and the feed poller."""

from claimgraph.web.app import create_app
from claimgraph.web.deps import WebSettings

__all__ = ["WebSettings", "create_app"]

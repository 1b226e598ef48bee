"""`claimgraph serve`: the token is generated and printed on the first run only; the poller runs in the lifespan."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from claimgraph.web import WebSettings, create_app

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_once(db: str, data: Path) -> tuple[str, str]:
    """Start serve, wait until it answers, stop it; returns its stdout and stderr."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_TOKEN", "CLAIMGRAPH_SECRET")}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "claimgraph"), "serve", "--db", db,
                             "--port", str(port), "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/archive", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    return out, err


def test_serve_prints_token_once(store_url: str, tmp_path: Path) -> None:
    db, data = store_url, tmp_path / "data"
    out, err = _serve_once(db, data)
    token = (data / "token").read_text(encoding="utf-8").strip()
    assert token.startswith("cgtok_")
    assert oct((data / "token").stat().st_mode & 0o777) == "0o600"
    assert out.splitlines()[0] == token
    assert "shown once" in err
    assert "/api/v1" not in out and "http://127.0.0.1:" in out
    out2, err2 = _serve_once(db, data)
    assert token not in out2
    assert str(data / "token") in err2


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_lifespan_poller_ingests_subscribed_feed(web_db: str, tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(ROOT / "examples" / "feeds")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = WebSettings(db_url=web_db, data_dir=tmp_path / "data", token="cgtok_t", secret="s" * 32,
                           max_upload=1_000_000, poll=True, tick=0.2, trusted_hosts=("testserver",),
                           allow_private_feeds=True)
    try:
        with TestClient(create_app(settings)) as client:
            url = f"http://127.0.0.1:{server.server_address[1]}/frontline-ledger.rss"
            made = client.post("/api/v1/feeds", json={"url": url, "interval": 3600},
                               headers={"Authorization": "Bearer cgtok_t"})
            assert made.status_code == 201
            status = None
            for _ in range(300):  # the poller's first tick after the subscription
                status = client.get("/api/v1/feeds").json()["feeds"][0]["last_status"]
                if status:
                    break
                time.sleep(0.2)
            assert status is not None and status.startswith("ok:")
    finally:
        server.shutdown()


def test_serve_get_answers_one_request(web_db: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimgraph.cli import app

    runner = CliRunner()
    ok = runner.invoke(app, ["serve", "--db", web_db, "--data-dir", str(tmp_path / "d"),
                             "--get", "/api/v1/entities/EGA"])
    assert ok.exit_code == 0, ok.output
    assert '"name":"Eastern Gate Army"' in ok.stdout
    missing = runner.invoke(app, ["serve", "--db", web_db, "--data-dir", str(tmp_path / "d"),
                                  "--get", "/api/v1/entities/nobody-at-all"])
    assert missing.exit_code == 1
    assert '"code":"E501"' in missing.stdout
    assert not (tmp_path / "d" / "token").exists()

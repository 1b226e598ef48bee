"""Web latency under load: p50/p95 of the archive, reader, dossier, graph and search pages with 30 concurrent clients
against a real `claimgraph serve` (uvicorn) on loopback (`make bench`).

Ingests the fictional demo corpus (examples/) into a temporary store unless --db names one, starts the server as
a subprocess, warms each page up, then runs --requests requests per page from --clients concurrent httpx clients.
Writes bench/results/web_load.json and bench/results/web_load.md.

    .venv/bin/python bench/web_load.py [--db sqlite:///claimgraph.db] [--clients 30] [--requests 400]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
EXAMPLES = ROOT / "examples"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ingest_demo(folder: Path) -> str:
    from claimgraph.process import process_sources

    url = f"sqlite:///{folder / 'demo.db'}"
    inputs = sorted(str(p) for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ".md")
    process_sources(inputs, url)
    return url


def _start(url: str, port: int, data_dir: Path, log, page_cache: float) -> subprocess.Popen:  # noqa: ANN001
    claimgraph = Path(sys.executable).parent / "claimgraph"
    env = {**os.environ, "CLAIMGRAPH_TOKEN": "cgtok_bench-0123456789abcdefghijklmnop"}
    proc = subprocess.Popen([str(claimgraph), "serve", "--db", url, "--port", str(port), "--data-dir",
                             str(data_dir), "--page-cache", str(page_cache)],
                            env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/archive", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start")


def _pages(base: str) -> dict[str, list[str]]:
    """A few URLs per page kind, taken from the running app."""
    docs = httpx.get(f"{base}/api/v1/archive").json()["documents"]
    nodes = httpx.get(f"{base}/api/v1/graph").json()["nodes"]
    top = sorted(nodes, key=lambda n: -n["degree"])[:10]
    return {
        "archive": ["/archive", "/archive?year=2024", "/archive?year=2023"],
        "reader": [f"/documents/{d['id']}" for d in docs[:10]],
        "dossier": [f"/entities/{n['id']}" for n in top],
        "graph": ["/graph", "/api/v1/graph", "/api/v1/graph?min_certainty=certain"],
        "search": ["/search?q=ferry", "/search?q=Eastern+Gate", "/search?q=Tolvesk+cell", "/search?q=sanctions",
                   "/api/v1/search?q=Talon+Directorate"],
    }


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str) -> int:
    """One GET over a kept-alive HTTP/1.1 connection; the status. A minimal client, so that on two cores the
    load generator takes as little CPU from the server as it can (httpx costs about a millisecond a request)."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _run(base: str, urls: list[str], clients: int, requests: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(urls[i % len(urls)])
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not queue.empty():
                url = queue.get_nowait()
                start = time.perf_counter()
                status = await _get(reader, writer, f"{host}:{port}", url)
                latencies.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: the demo corpus ingested into a temp folder)")
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--requests", type=int, default=400, help="requests per page kind")
    parser.add_argument("--page-cache", type=float, default=5.0,
                        help="seconds the server keeps anonymous pages (serve --page-cache; 0 renders every request)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = args.db or _ingest_demo(folder)
        port = _free_port()
        log = (folder / "server.log").open("w")
        proc = _start(url, port, folder / "data", log, args.page_cache)
        base = f"http://127.0.0.1:{port}"
        try:
            pages = _pages(base)
            results = {}
            for kind, urls in pages.items():
                asyncio.run(_run(base, urls, 2, len(urls) * 2))  # warm-up
                started = time.perf_counter()
                latencies, errors = asyncio.run(_run(base, urls, args.clients, args.requests))
                elapsed = time.perf_counter() - started
                results[kind] = {"requests": len(latencies), "errors": errors, "p50_ms": _pct(latencies, 0.50),
                                 "p95_ms": _pct(latencies, 0.95), "mean_ms": round(statistics.mean(latencies), 1),
                                 "requests_per_s": round(len(latencies) / elapsed, 1), "urls": len(urls)}
                print(f"{kind:8} p50 {results[kind]['p50_ms']:7.1f} ms  p95 {results[kind]['p95_ms']:7.1f} ms  "
                      f"{results[kind]['requests_per_s']:6.1f} req/s  errors {errors}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            log.close()
            tail = (folder / "server.log").read_text(encoding="utf-8")[-2000:]
            if tail.strip():
                print(tail, file=sys.stderr)
    report = {"clients": args.clients, "page_cache_seconds": args.page_cache,
              "server": "claimgraph serve (uvicorn, 1 worker) on 127.0.0.1",
              "store": "demo corpus" if not args.db else args.db, "python": platform.python_version(),
              "machine": platform.machine(), "cpus": os.cpu_count(), "pages": results}
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = "web_load" if args.page_cache else "web_load_nocache"
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Web latency, {args.clients} concurrent clients on loopback", "",
             f"{report['server']}, store: {report['store']}, {report['cpus']} CPUs, "
             f"page cache {args.page_cache:g} s.", "",
             "| page | requests | p50 ms | p95 ms | req/s | errors |", "|---|---:|---:|---:|---:|---:|"]
    for kind, r in results.items():
        lines.append(f"| {kind} | {r['requests']} | {r['p50_ms']} | {r['p95_ms']} | {r['requests_per_s']} | "
                     f"{r['errors']} |")
    (RESULTS / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Exports of the network: one writer per format, all `write_<format>(network: ExportNetwork, sink: Sink)`.

Writers are imported on first use, so loading the CLI does not load stix2 or followthemoney.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from claimgraph.exports.network import ExportNetwork
from claimgraph.exports.sink import FileSink, MemorySink, Sink, StreamSink

FORMATS = ("stix", "ftm", "graphml", "gexf", "csv")
Writer = Callable[[ExportNetwork, Sink], None]


def get_writer(fmt: str) -> Writer:
    """The writer function of a format; ValueError for an unknown one."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return getattr(import_module(f"claimgraph.exports.{fmt}"), f"write_{fmt}")


def export_network(network: ExportNetwork, fmt: str, sink: Sink) -> None:
    get_writer(fmt)(network, sink)


__all__ = ["FORMATS", "ExportNetwork", "FileSink", "MemorySink", "Sink", "StreamSink", "Writer", "export_network",
           "get_writer"]

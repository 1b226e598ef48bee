"""claimgraph: evidence-backed networks of attributed claims from reporting."""

__version__ = "0.1.0"
__all__ = ["__version__"]

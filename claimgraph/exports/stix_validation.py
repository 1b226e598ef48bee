"""The strict `stix2-validator` run on a bundle: warnings count as failures, and claimgraph's extension schemas
are checked too (the validator applies a schema named after each extension definition an object uses)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from stix2validator import ValidationOptions, validate_string
from stix2validator.validator import FileValidationResults

from claimgraph.exports.stix_extensions import write_schemas


def strict_options(schema_dir: Path) -> ValidationOptions:
    """Every best-practice check on; warnings are errors; no custom types or top-level custom properties;
    relationship ends must be in the bundle."""
    return ValidationOptions(version="2.1", strict=True, strict_types=False, strict_properties=True,
                             enforce_refs=True, schema_dir=str(schema_dir))


def validate_stix(text: str) -> FileValidationResults:
    """Validate a STIX 2.1 bundle (JSON text) strictly, with claimgraph's extension schemas."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-stix-schemas-") as folder:
        return validate_string(text, strict_options(write_schemas(Path(folder))))


def stix_issues(result) -> list[str]:
    """Every error and warning of a validation result, one line each (a bundle's result may be per object)."""
    results = getattr(result, "object_results", None) or [result]
    return [str(message) for r in results for message in [*r.errors, *r.warnings]]


__all__ = ["stix_issues", "strict_options", "validate_stix"]

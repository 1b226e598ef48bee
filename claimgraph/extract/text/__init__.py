"""Text before the parse: true-casing of upper-case wire copy and sentence rules."""

"""The NATO/Admiralty information-credibility grade of an edge (1 confirmed ... 6 cannot be judged).

Inputs, all over the edge's claims: S = independent sources affirming it, D = independent sources denying it
(see corroboration.py), C = the highest certainty among affirming claims, and whether claimants disagree on
certainty. The first rule that applies gives the grade:

    6  cannot be judged   no affirming or denying source, or every affirming claim has certainty "unknown"
                          and nobody denies it
    5  improbable         D >= S (denials at least as strong as affirmations; a denied-only edge is 5)
    4  doubtful           D > 0 (affirmed more than denied, but contested), or S = 1 with C = possible
    1  confirmed          S >= 2, at least two of the sources certain, and no certainty disagreement
    2  probably true      S >= 2 otherwise
    3  possibly true      S = 1 with C = certain or probable
"""

from __future__ import annotations

GRADE_LABELS = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                6: "cannot be judged"}


def grade_counts(affirming: int, denying: int, max_certainty: int, certain_sources: int, disagree: bool) -> int:
    """The grade from the counts (see the module docstring); max_certainty is 0 unknown .. 3 certain."""
    if affirming == 0 and denying == 0:
        return 6
    if denying == 0 and max_certainty == 0:
        return 6
    if denying >= affirming:
        return 5
    if denying > 0:
        return 4
    if affirming >= 2:
        return 1 if certain_sources >= 2 and not disagree else 2
    return 3 if max_certainty >= 2 else 4

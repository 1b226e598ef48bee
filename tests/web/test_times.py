"""Times shown in people's words."""

from datetime import datetime, timedelta, timezone

from claimgraph.web.times import when


def test_when_writes_a_stored_timestamp_in_words():
    assert when("2026-12-04T09:21:37.123456") == "4 Dec 2026, 09:21 UTC"
    assert when(datetime(2026, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=2)))) == "2 Jan 2026, 01:04 UTC"


def test_when_leaves_what_is_not_a_timestamp():
    assert when(None) == "" and when("") == "" and when("yesterday") == "yesterday"

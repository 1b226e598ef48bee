from datetime import date

from claimgraph.extract.events.dates import find_dates, reference_date
from claimgraph.ingest.document import Document, Metadata

MAY_2012 = date(2012, 5, 7)


def values(text: str, ref: date | None = MAY_2012) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in find_dates(text, ref)]


def test_bare_month_resolves_to_the_past_month_of_the_reference_year():
    assert values("Then in March, the Velmar police arrested 12 people.") == [("in March", "2012-03")]


def test_month_after_the_reference_month_is_last_year():
    assert values("The cell was formed in September.") == [("in September", "2011-09")]


def test_part_of_month_and_year_relatives():
    assert values("They struck in mid-April.") == [("mid-April", "2012-04")]
    assert values("He was killed early this year.") == [("early this year", "2012")]
    assert values("It happened last week.") == [("last week", "2012-04")]


def test_day_relatives_and_weekdays():
    assert values("The depot burned yesterday.") == [("yesterday", "2012-05-06")]
    assert values("The raid was on Monday.", date(2012, 2, 13)) == [("on Monday", "2012-02-13")]
    assert values("Two men were held on Sunday.", date(2012, 2, 28)) == [("on Sunday", "2012-02-26")]


def test_wire_dates_and_full_dates_keep_their_precision():
    assert values("KORVATH CITY, 3 JAN 90 -- [TEXT]") == [("3 JAN 90", "1990-01-03")]
    assert values("the March 2010 bombing") == [("March 2010", "2010-03")]
    assert values("on March 29, 2010, at dawn") == [("March 29, 2010", "2010-03-29")]
    assert values("a 2008 attack") == [("2008", "2008")]


def test_next_day_follows_the_previous_date():
    found = values("Orlan was arrested on February 14. Brisk was arrested the next day.", date(2012, 2, 28))
    assert found == [("February 14", "2012-02-14"), ("the next day", "2012-02-15")]


def test_may_the_verb_is_not_a_date_and_no_reference_leaves_relative_dates_open():
    assert values("The group may strike again.") == []
    assert values("He was held yesterday.", None) == [("yesterday", None)]


def test_reference_date_from_metadata_or_wire_dateline():
    assert reference_date(Document(text="x", metadata=Metadata(published="2012-05-07"))) == MAY_2012
    assert reference_date(Document(text="KORVATH CITY, 4 FEB 90 (WIRE) -- [TEXT] BODY")) == date(1990, 2, 4)
    assert reference_date(Document(text="No dateline here.")) is None

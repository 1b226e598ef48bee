"""The general header and chrome rules, one line at a time."""

from __future__ import annotations

import pytest

from claimgraph.ingest.chrome import is_chrome_line, strip_chrome
from claimgraph.ingest.metadata import (
    name_case,
    parse_byline,
    parse_credit,
    parse_date,
    parse_date_line,
    parse_issue_line,
    publication_candidates,
    vote,
)
from claimgraph.ingest.text import read_text
from claimgraph.ingest.wire import read_dateline


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By MARTA VELLINGHAM", ["Marta Vellingham"]),
        ("By Ilse Marroway and Petra Oslund", ["Ilse Marroway", "Petra Oslund"]),
        ("BY ANKA DREMEL, OSKAR DE RUYTER AND VARO MCCALLAN", ["Anka Dremel", "Oskar de Ruyter", "Varo McCallan"]),
        ("By Teodor Malick, Staff Writer", ["Teodor Malick"]),
        ("By the end of May", None),
        ("Byzantine routes", None),
    ],
)
def test_byline(line, authors):
    assert parse_byline(line) == authors


def test_name_case_keeps_mixed_case():
    assert name_case("Oskar de Ruyter") == "Oskar de Ruyter"
    assert name_case("ANNA-LENA O'BRIEN") == "Anna-Lena O'Brien"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published February 13, 2012 2:00PM (EST)", "2012-02-13"),
        ("Monday, May 7, 2012", "2012-05-07"),
        ("Updated 3:45 PM ET, Tue March 4, 2014", "2014-03-04"),
        ("2014-01-07 14:03", "2014-01-07"),
        ("7 May 2012", "2012-05-07"),
        ("28/02/2012", "2012-02-28"),
        ("02/28/2012", "2012-02-28"),
        ("The Kestrel Brigade was founded on May 7, 2012 in the hills", None),
        ("Infobox", None),
    ],
)
def test_date_line(line, iso):
    assert parse_date_line(line) == iso


def test_two_digit_wire_years():
    assert parse_date("3 JAN 90") == "1990-01-03"
    assert parse_date("14 MAR 21") == "2021-03-14"


def test_issue_line():
    assert parse_issue_line("May 7, 2012, Vol. 17, No. 32") == ("2012-05-07", "17", "32")
    assert parse_issue_line("Volume 4, Issue 9 (September 2011)") == (None, "4", "9")
    assert parse_issue_line("May 7, 2012") is None


def test_credit_lines():
    assert parse_credit("Posted on May 3, 2014 by Jane Roe") == (["Jane Roe"], "2014-05-03")
    assert parse_credit("Written by BILL ROE on May 26, 2011") == (["Bill Roe"], "2011-05-26")
    assert parse_credit("Published February 13, 2012") is None


@pytest.mark.parametrize(
    "line",
    [
        "Single Page Print Larger Text Smaller Text Alerts",
        "Widget tooltip",
        "Recent Blog Posts",
        "Share on Facebook | Tweet | Email",
        "Skip to main content",
        "© 2021 The Lantern Post. All rights reserved.",
        "Copyright 2019 Borderland Monitor",
        "Make a donation to keep our reporting free!",
        "ferry-photo-01.jpg",
    ],
)
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Police in Tallow arrested four men.",
        "The Kestrel Brigade",
        "Homeland Security",
        "Support for the group grew after the raid, officials said.",
        "What's Going On in Calvessa?",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome_line(line)


def test_publication_from_footer_patterns():
    lines = [
        "Anka Dremel is a staff writer at The Ostrava Dispatch.",
        "The Ostrava Dispatch Archives",
        "Browse 12 Years of the Ostrava Dispatch",
        "Jane Roe is a senior fellow at the Institute for Harbour Studies.",
    ]
    assert publication_candidates(lines) == ["The Ostrava Dispatch", "The Ostrava Dispatch", "The Ostrava Dispatch"]
    assert vote(publication_candidates(lines)) == "The Ostrava Dispatch"
    assert vote([]) is None


def test_copyright_publication():
    assert publication_candidates(["© 2023 The Lantern Post. All rights reserved."]) == ["The Lantern Post"]
    assert publication_candidates(["Copyright (c) 2019-2023 Borderland Monitor Inc."]) == ["Borderland Monitor"]


def test_news_dateline_in_first_paragraph():
    line = "TALLOW, March 2 (Coastal Wire) - Police arrested four men on Friday."
    dateline = read_dateline(line, wire=False)
    assert (dateline.place, dateline.agency, dateline.published) == ("TALLOW", "Coastal Wire", None)
    assert read_dateline("TALLOW (CPS) — Police arrested four men.", wire=False).agency == "CPS"
    assert read_dateline("TALLOW — Police arrested four men.", wire=False) is None


def test_pasted_page_with_credit_line_and_kicker():
    page = (
        "Menu\nSearch\n\nAnalysis\n\nHarbour Guild Splits Over Talks\n\n"
        "Posted on June 2, 2022 by Petra Oslund\n\n"
        "The Harbour Guild split on Tuesday after two of its leaders rejected the port authority's offer, "
        "according to members present.\n\nTags\nHarbour Guild\nCalvessa\n"
    )
    body, meta = read_text(page)
    assert (meta.title, meta.subtitle, meta.authors, meta.published) == (
        "Harbour Guild Splits Over Talks", None, ["Petra Oslund"], "2022-06-02")
    assert body == (
        "The Harbour Guild split on Tuesday after two of its leaders rejected the port authority's offer, "
        "according to members present."
    )


def test_caption_under_organisation_banner_stays_in_body():
    page = (
        "Institute for Harbour Studies\n\n\nTeodor Malick, the Harbour Guild's treasurer, in 2019.\n\n"
        "The Harbour Guild named a new treasurer on Monday, a spokesman for the Guild said in a statement.\n"
    )
    body, meta = read_text(page)
    assert meta.publication == "Institute for Harbour Studies"
    assert meta.title is None
    assert body.startswith("Teodor Malick, the Harbour Guild's treasurer, in 2019.")


def test_byline_next_to_share_bar_is_kept_as_metadata():
    page = (
        "Kestrel Brigade Regroups\n\nNovember 20, 2023 • By ANKA DREMEL\nShare Tweet Email\nPrint | Larger Text\n"
        "Comments (12)\n\nThe Kestrel Brigade has regrouped in the hills, two officials said on Monday.\n"
    )
    body, meta = read_text(page)
    assert (meta.title, meta.authors, meta.published) == ("Kestrel Brigade Regroups", ["Anka Dremel"], "2023-11-20")
    assert body == "The Kestrel Brigade has regrouped in the hills, two officials said on Monday."


def test_strip_chrome_keeps_paragraphs():
    text = "Home\nSubscribe\nLog In\n\nThe Guild denied it, its spokesman said.\n\nRelated Articles\nMost Popular"
    assert strip_chrome(text) == "The Guild denied it, its spokesman said."


def test_series_label_and_desk_credit():
    page = (
        "Institute for Harbour Studies\nOccasional Paper No. 7\n\nThe Guild and the Guns\n\n"
        "By Jane Roe | Foreign Desk\nMay 2, 2022\n\n"
        "The Harbour Guild has moved rifles through Brindmoor for a decade, according to customs records.\n"
    )
    body, meta = read_text(page)
    assert (meta.title, meta.subtitle, meta.issue, meta.authors, meta.published, meta.publication) == (
        "The Guild and the Guns", None, "7", ["Jane Roe"], "2022-05-02", "Institute for Harbour Studies")
    assert body == "The Harbour Guild has moved rifles through Brindmoor for a decade, according to customs records."


BODY = "Valdorian police arrested nine members of the Korvath Brigade in the port of Tessaly after a long inquiry."


@pytest.mark.parametrize("head, iso", [
    ("Brigade Cell Broken Up\nMarch 7, 2023The raid on Tuesday ended a long inquiry into the brigade's cells.",
     "2023-03-07"),
    ("date 2021-11-02 " + BODY, "2021-11-02"),
    ("Thursday, Oct. 19, 2023 — " + BODY, "2023-10-19"),
    ("Brigade Cell Broken Up\n\nThe Tessaly Courier, 14 January 2000\n\n" + BODY, "2000-01-14"),
])
def test_page_date_at_the_head(head, iso):
    assert read_text(head)[1].published == iso


@pytest.mark.parametrize("head", [
    "Brigade Cell Broken Up\n\nOn March 3, 2019, " + BODY,  # the arrest's date, not the page's
    "The crackdown began 5 October 1970 with the arrest of the brigade's leaders in the port of Tessaly.",
    "Brigade Cell Broken Up\n\nBrigade leader Oskel Varn speaks to reporters in Tessaly, Valdoria, on a rainy "
    "morning of August 11, 2014 (Photo: Tessaly Courier)\n\n" + BODY,  # a long caption's date
])
def test_event_dates_are_not_the_page_date(head):
    assert read_text(head)[1].published is None


def test_an_infobox_date_is_not_the_page_date():
    page = ("= Tessaly Station Bombing =\n\nInfobox\n- Title: Tessaly Station Bombing\n- Date: March 29, 2010\n"
            "- Perp: Korvath Brigade\n\n" + BODY)
    assert read_text(page)[1].published is None

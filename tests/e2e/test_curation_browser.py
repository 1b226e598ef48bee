"""Curation in a real browser (Debian's chromium through Playwright) on each backend: a merge suggestion
accepted and undone from the dossier, a claim rejected that leaves the export and stays in the audit log, and a
claim opened and confirmed with the keyboard alone. Screenshots go to test-artifacts/browser/curation-*.png."""

from __future__ import annotations

import re

from test_browser import ARTIFACTS, TOKEN, page, pytestmark, server  # noqa: F401  (fixtures and marks shared)
from twins import Twins


def _shot(page, name: str) -> None:  # noqa: ANN001, F811
    page.screenshot(path=str(ARTIFACTS / f"curation-{name}.png"), full_page=True)


def _log_in(page, base: str, then: str) -> None:  # noqa: ANN001, F811
    page.context.clear_cookies()
    page.goto(f"{base}/login?next={then}")
    page.fill("input[name=token]", TOKEN)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}{then}")


def _exported(page, url: str, claim: dict) -> bool:  # noqa: ANN001, F811
    """Whether the exported bundle carries this claim: its link and its evidence span (other claims read from
    the same sentence may stay)."""
    from claimgraph.exports.stix_read import bundle_claims, parse_bundle

    wanted = (claim["subject_id"], claim["relation"], claim["object_id"], claim["document_id"],
              claim["evidence_start"], claim["evidence_end"])
    return any((c.subject, c.relation, c.object, c.document, c.start, c.end) == wanted
               for c in bundle_claims(parse_bundle(page.request.get(url).text())))


def _watch_csp(page) -> list[str]:  # noqa: ANN001, F811
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda err: seen.append(str(err)))
    return seen


def test_curation_merge_suggestion_accepted_and_undone(server: str, page, name_twins: Twins) -> None:  # noqa: ANN001, F811
    keep, twin = name_twins.keep, name_twins.twin
    violations = _watch_csp(page)
    _log_in(page, server, "/suggestions")
    item = page.locator("li.suggestion", has=page.locator(f"a[href='/entities/{twin}']")).filter(
        has=page.locator(f"a[href='/entities/{keep}']"))
    assert f"same name “{name_twins.name}”" in item.inner_text()
    _shot(page, "suggestions")
    item.locator("button.merge-button").click()
    page.wait_for_url(f"{server}/entities/{keep}")
    undo = page.locator("#entity-curation button.undo-button")  # the curation panel, loaded by HTMX
    undo.wait_for()
    assert page.request.get(f"{server}/api/v1/entities/{twin}").status == 404
    _shot(page, "dossier-merged")
    undo.click()
    page.wait_for_url(f"{server}/entities/{keep}")
    page.locator("#entity-curation").wait_for()
    assert page.locator("#entity-curation button.undo-button").count() == 0
    assert page.request.get(f"{server}/api/v1/entities/{twin}").status == 200
    page.goto(f"{server}/audit?action=entity")
    rows = page.locator("tr.audit-entry")
    assert [rows.nth(i).locator("code").inner_text() for i in range(2)] == ["entity.undo", "entity.merge"]
    _shot(page, "audit-merge-undo")
    assert not violations, violations


def test_curation_claim_rejected_leaves_the_export_and_stays_in_the_audit_log(server: str, page) -> None:  # noqa: ANN001, F811
    violations = _watch_csp(page)
    _log_in(page, server, "/review")
    first = page.locator("li.queue-item").first
    claim_id = re.search(r"/claims/(\d+)", first.locator("a.open-claim").get_attribute("href")).group(1)
    claim = page.request.get(f"{server}/api/v1/claims/{claim_id}").json()["claim"]
    export = f"{server}/entities/{claim['subject_id']}/export/stix"
    assert _exported(page, export, claim)
    _shot(page, "review-queue")
    first.locator("input[name=note]").fill("the text says no such thing")
    first.locator("button[value=reject]").click()
    first.locator(".review-state.rejected").wait_for()  # swapped in place by HTMX
    assert not _exported(page, export, claim)
    page.goto(f"{server}/audit?target=claim:{claim_id}")
    entry = page.locator("tr.audit-entry").first
    assert "claim.reject" in entry.inner_text() and "the text says no such thing" in entry.inner_text()
    entry.locator("summary").click()
    assert '"review": "rejected"' in entry.inner_text()
    _shot(page, "audit-reject")
    page.goto(f"{server}/claims/{claim_id}")
    assert page.text_content("h1 .review-state") == "rejected"
    _shot(page, "claim")
    assert not violations, violations


def _tab_to(page, test: str, what: str) -> None:  # noqa: ANN001, F811
    """Press Tab until the focused element passes `test` (JavaScript over `el`), as a keyboard user would."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"no {what} reached with Tab")


def test_curation_keyboard_alone_opens_and_confirms_a_claim(server: str, page) -> None:  # noqa: ANN001, F811
    _log_in(page, server, "/review")
    page.locator("body").focus()
    _tab_to(page, "el.classList.contains('open-claim')", "claim link")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}{href}")
    _tab_to(page, "el.value === 'confirm'", "Confirm button")
    page.keyboard.press("Enter")
    page.locator("h1 .review-state.confirmed, .review-panel .review-state.confirmed").first.wait_for()
    _shot(page, "claim-confirmed-by-keyboard")

"""axe-core in the browser tests: what an accessibility checker finds on the page now.

axe.min.js is vendored beside this file (axe-core, MPL-2.0, see vendor/README.md), so a fresh
clone runs the checks offline and every run uses the same rules.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def violations(page):
    """axe's violations on the page as [(rule id, impact, how many nodes, the first one)]."""
    # Evaluated by the browser's devtools protocol, which the page's Content Security Policy
    # does not govern: a <script> tag of ours would be refused, as any inline script is.
    page.evaluate(AXE.read_text())
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        (rule["id"], rule["impact"], len(rule["nodes"]), rule["nodes"][0]["html"][:160])
        for rule in found
    ]


def assert_no_violations(page, what):
    found = violations(page)
    assert not found, f"axe found on {what}: {found}"

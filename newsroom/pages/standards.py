"""The outlet's standards: which page is which policy, for readers (the footer, every story)
and for search engines (the NewsMediaOrganization's schema.org properties)."""

from dataclasses import dataclass

from newsroom.caching.pieces import kept
from newsroom.caching.tracking import note
from newsroom.pages.models import Standards

# Carried by what shows the standards: choosing another page for a policy.
STANDARDS = "standards"

# (field of Standards, schema.org property of NewsMediaOrganization, what readers read).
POLICIES = (
    ("publishing_principles", "publishingPrinciples", "Standards and principles"),
    ("ethics_policy", "ethicsPolicy", "Ethics policy"),
    ("corrections_policy", "correctionsPolicy", "Corrections policy"),
    ("masthead", "masthead", "Masthead"),
    ("ownership_funding", "ownershipFundingInfo", "Ownership and funding"),
    ("feedback_policy", "actionableFeedbackPolicy", "Contact and feedback"),
)


@dataclass(frozen=True)
class Policy:
    label: str
    url: str
    schema_property: str


def policies():
    """The published policies, in a fixed order: [Policy], kept until one changes."""
    return kept("standards", [], _policies, listings=False)


def _policies():
    note([STANDARDS])
    standards = (
        Standards.objects.select_related(*(name for name, _, _ in POLICIES)).filter(pk=1).first()
    )
    if standards is None:
        return []
    chosen = []
    for name, schema_property, label in POLICIES:
        page = getattr(standards, name)
        if page is not None and page.is_published():
            chosen.append(Policy(label, page.get_absolute_url(), schema_property))
    return chosen


def publisher_details(request):
    """The policies as properties of the outlet's NewsMediaOrganization (absolute addresses)."""
    return {policy.schema_property: request.build_absolute_uri(policy.url) for policy in policies()}

"""Anchors of a document's page: the ids of its claims and quotes, and the passages they mark in its text."""

from __future__ import annotations

from .body import Passage
from .models import Document


def anchor_ids(document: Document) -> list[str]:
    """Anchors of a document's claims then quotes, one namespace per page.

    An explicit `id` is kept as written (duplicates are reported by validate); a derived
    one, `ev-<actor>-<demand>` or `q-<speaker>`, takes `-2`, `-3`... past any id in use.
    """
    wanted = [(c.id, f"ev-{(c.actor_ids or ('claim',))[0]}-{c.topic}") for c in document.claims]
    wanted += [(q.id, f"q-{q.voice or 'quote'}") for q in document.quotes]
    taken = {explicit for explicit, _ in wanted if explicit}
    ids = []
    for explicit, derived in wanted:
        if explicit:
            ids.append(explicit)
            continue
        candidate, n = derived, 1
        while candidate in taken:
            n += 1
            candidate = f"{derived}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def claim_ids(document: Document) -> list[str]:
    """Anchor ids of a document's claims."""
    return anchor_ids(document)[: len(document.claims)]


def quote_ids(document: Document) -> list[str]:
    """Anchor ids of a document's quotes."""
    return anchor_ids(document)[len(document.claims) :]


def passages(document: Document) -> list[Passage]:
    """The passages of a document to mark, numbered: its claims' evidence, then its quotes."""
    marked = [(c.evidence, "evidence", c.basis == "quoted") for c in document.claims] + [(q.text, "quote", False) for q in document.quotes]
    return [Passage(pid, *what, label=str(n)) for n, (pid, what) in enumerate(zip(anchor_ids(document), marked, strict=True), start=1)]

"""A small synthetic dossier for the export tests: the mini fixture, and the format's joint and relayed cases.

Everything here is invented for the tests (labelled so in each file): a joint communiqué of
two issuers that condemns another party's declaration as a whole (a stance on an
instrument) and invokes a charter its issuers signed; an envoy's briefing that relays what a
women's forum told him, once with the briefing's date as an upper bound and once with an
earlier upper bound of its own.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from build_scripts.index import ClaimRecord, Index
from build_scripts.views.stances import Cell

from .conftest import MINI

FILES = {
    "actors/envoy.md": """\
---
name: Special Envoy for the Talks
type: person
sources: [envoy-briefing]
---
Synthetic actor written for the tests.
""",
    "actors/women-forum.md": """\
---
name: Women's Forum
type: organisation
sources: [envoy-briefing]
---
Synthetic actor written for the tests.
""",
    "instruments/ministry-declaration.md": """\
---
name: Declaration of the Ministry
kind: declaration
date: "2024-05"
issuers:
  - actor: ministry
    status: issued
    source: joint-communique
sources: [joint-communique]
---
Synthetic instrument written for the tests.
""",
    "documents/joint-communique.md": """\
---
title: Joint communiqué of the Council and the Observer State
kind: statement
language: en
issuers: [council, observer-state]
date: "2024-06-10"
summary: Two parties reject the Ministry's declaration and ask for the talks to resume.
note: Synthetic document written for the tests.
actors: [council, observer-state, ministry]
instruments: [talks-charter, ministry-declaration]
claims:
  - actors: [council, observer-state]
    basis: own-publication
    instrument: ministry-declaration
    stance: opposes
    evidence: reject the Declaration of the Ministry
  - actors: [council, observer-state]
    basis: own-publication
    demand: resume-talks
    stance: supports
    instruments: [talks-charter]
    evidence: call for the talks to resume under the Charter of the Talks
---
The Council and the Observer State, who signed the Charter of the Talks, reject the Declaration of the Ministry and call for the talks to resume under the Charter of the Talks.
""",
    "documents/envoy-briefing.md": """\
---
title: Briefing of the Special Envoy
kind: speech
language: en
issuer: envoy
date: "2024-09-02"
summary: The envoy reports what the Women's Forum told him.
note: Synthetic document written for the tests.
actors: [envoy, women-forum]
claims:
  - actor: women-forum
    relayed_by: envoy
    basis: reported
    demand: release-detainees
    stance: supports
    evidence: Women's Forum told me they demand the release of all detainees
  - actor: women-forum
    relayed_by: envoy
    basis: reported
    demand: resume-talks
    stance: supports
    date:
      value: "2024-07"
      no_later_than: true
    evidence: Before July, the Forum had asked for the talks to resume
---
The Women's Forum told me they demand the release of all detainees. Before July, the Forum had asked for the talks to resume.

Briefing of the Special Envoy for the Talks.
""",
}

CHARTER_ISSUERS = """\
issuers:
  - actor: council
    status: signed
    source: joint-communique
  - actor: observer-state
    status: signed
    source: joint-communique
"""


def write_joint(root: Path) -> Path:
    """The synthetic dossier under `root` (a new folder): the mini fixture, the files above, and the charter's signatories."""
    shutil.copytree(MINI, root)
    for path, text in FILES.items():
        (root / path).write_text(text, encoding="utf-8")
    charter = root / "instruments" / "talks-charter.md"
    charter.write_text(
        charter.read_text(encoding="utf-8").replace("sources: [council-statement]\n", CHARTER_ISSUERS + "sources: [council-statement]\n"), encoding="utf-8"
    )
    return root


ARABIC = {
    "conferences/spring-talks.md": ("kind: negotiation-round\n", "name_ar", "جولة الربيع"),
    "instruments/talks-charter.md": ("kind: agreement\n", "name_ar", "ميثاق المحادثات"),
    "demands/resume-talks.md": ("theme: process\n", "statement_ar", "استئناف المحادثات"),
    "actors/council.md": ("type: coalition\n", "description_ar", "تحالف.\n\nفقرة ثانية."),
}
"""Synthetic Arabic values, each the editors' (path → the line it follows, field, value): `write_arabic` adds them to the mini fixture."""


def write_arabic(root: Path) -> Path:
    """The mini fixture under `root` with an Arabic name, statement and description (each marked as the editors')."""
    shutil.copytree(MINI, root)
    for path, (after, field, value) in ARABIC.items():
        fact = f"{field}:\n  value: |-\n" + "".join(f"    {line}\n" if line else "\n" for line in value.split("\n"))
        fact += "  editorial: Synthetic test fixture; the editors' Arabic.\n"
        text = (root / path).read_text(encoding="utf-8")
        assert after in text
        (root / path).write_text(text.replace(after, after + fact, 1), encoding="utf-8")
    return root


def position_cells(index: Index) -> dict[tuple[str, str], Cell]:
    """Actor × topic cells over every position, the issuers' authorship included.

    The networks take their cells from the stance matrix; these are cells as the matrix counts them
    once it compares stances on instruments and issuers' authorship (issue 17 §2), so that the
    export tests do not wait on it.
    """
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for position in index.positions:
        for actor in position.actors:
            grouped[actor, position.topic].append(position)
    return {key: Cell(key[0], key[1], tuple(claims)) for key, claims in sorted(grouped.items())}

"""A synthetic dossier, written for the tests (no real actor, statement or event): a 15-party joint communiqué and a later rejection.

- 2018: Signatory Parties 1 to 3 issue the Lakeside Statement.
- 2019: Signatory Parties 1 to 15 issue one communiqué with seven demands nearly everyone supports.
- 2025: the Xeno Movement and the Ypsilon Union, jointly, reject the Lakeside Statement, oppose a federal system and support the
  communiqué's first demand; Signatory Parties 1 and 2, each in a statement of its own, reaffirm the Lakeside Statement and
  support a federal system.
- 2025: the Hostile Front describes Signatory Party 4 as opposing a federal system (a third party's description, nothing more).
"""

from __future__ import annotations

from pathlib import Path

SIGNERS = [f"s{n:02d}" for n in range(1, 16)]
CONSENSUS = [f"d{n}" for n in range(1, 8)]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


NAMED_IN = {"s01": "reply-s01", "s02": "reply-s02", "s04": "hostile-account", "hostile": "hostile-account", "xeno": "xy-rejection", "ypsilon": "xy-rejection"}
"""The document that gives an actor's name; the others' names are the tests' own."""


def _actor(root: Path, actor: str, name: str) -> None:
    given = f"source: {NAMED_IN[actor]}" if actor in NAMED_IN else "editorial: Synthetic test fixture."
    _write(root / "actors" / f"{actor}.md", f"---\nname: {{value: {name}, {given}}}\ntype: party\n---\nA synthetic party.\n")


def _document(root: Path, doc: str, title: str, date: str, issuers: list[str], claims: list[tuple[list[str], str, str, str, str]], extra: str = "") -> None:
    """claims: (actors, `demand: x` or `instrument: x`, stance, basis, evidence); the body is the evidence, one paragraph each."""
    named = sorted({a for actors, *_ in claims for a in actors} | set(issuers))
    lines = [f"title: {title}", "kind: statement", "language: en", f'date: "{date}"', "summary: Synthetic document written for the tests."]
    if issuers:
        lines.append(f"issuers: [{', '.join(issuers)}]")
    lines.append(f"actors: [{', '.join(named)}]")
    lines.append(extra.rstrip()) if extra else None
    lines.append("claims:")
    for actors, topic, stance, basis, evidence in claims:
        lines += [f"  - actors: [{', '.join(actors)}]", f"    {topic}", f"    stance: {stance}", f"    basis: {basis}", f"    evidence: {evidence}"]
    body = "\n\n".join(dict.fromkeys(evidence for *_, evidence in claims))
    _write(root / "documents" / f"{doc}.md", "---\n" + "\n".join(line for line in lines if line) + "\n---\n" + body + "\n")


def write(root: Path) -> Path:
    """The dossier's sources under `root`; returns `root`."""
    for n, actor in enumerate(SIGNERS, start=1):
        _actor(root, actor, f"Signatory Party {n}")
    for actor, name in (("xeno", "Xeno Movement"), ("ypsilon", "Ypsilon Union"), ("hostile", "Hostile Front")):
        _actor(root, actor, name)
    for n, demand in enumerate(CONSENSUS, start=1):
        _write(root / "demands" / f"{demand}.md", f"---\nstatement: Consensus demand {n}\ntheme: process\n---\nA synthetic demand.\n")
    _write(root / "demands" / "federal.md", "---\nstatement: A federal system\ntheme: governance\n---\nA synthetic demand.\n")
    issuers = "\n".join(f"  - {{actor: {s}, status: issued, source: lakeside}}" for s in SIGNERS[:3])
    _write(
        root / "instruments" / "lakeside-statement.md",
        f'---\nname: {{value: Lakeside Statement, source: lakeside}}\nkind: declaration\ndate: "2018-01-10"\nissuers:\n{issuers}\n---\nA synthetic statement.\n',
    )
    _document(
        root,
        "lakeside",
        "The Lakeside Statement",
        "2018-01-10",
        SIGNERS[:3],
        [(SIGNERS[:3], "demand: d1", "supports", "own-publication", "We issue the Lakeside Statement and ask for consensus demand 1.")],
        "instruments: [lakeside-statement]",
    )
    _document(
        root,
        "communique",
        "Joint communiqué of fifteen parties",
        "2019-05-01",
        SIGNERS,
        [(SIGNERS, f"demand: {d}", "supports", "own-publication", f"The fifteen parties together ask for consensus demand {d[1:]}.") for d in CONSENSUS],
    )
    _document(
        root,
        "xy-rejection",
        "Xeno Movement and Ypsilon Union reject the Lakeside Statement",
        "2025-02-01",
        ["xeno", "ypsilon"],
        [
            (["xeno", "ypsilon"], "instrument: lakeside-statement", "opposes", "own-publication", "We reject the Lakeside Statement."),
            (["xeno", "ypsilon"], "demand: federal", "opposes", "own-publication", "We oppose any federal system."),
            (["xeno", "ypsilon"], "demand: d1", "supports", "own-publication", "We ask for consensus demand 1."),
        ],
        "instruments: [lakeside-statement]",
    )
    for n, actor in ((1, "s01"), (2, "s02")):
        _document(
            root,
            f"reply-{actor}",
            f"Signatory Party {n} reaffirms the Lakeside Statement",
            "2025-03-01",
            [actor],
            [
                ([actor], "instrument: lakeside-statement", "supports", "own-publication", f"Signatory Party {n} stands by the Lakeside Statement."),
                ([actor], "demand: federal", "supports", "own-publication", f"Signatory Party {n} wants a federal system."),
            ],
            "instruments: [lakeside-statement]",
        )
    _document(
        root,
        "hostile-account",
        "Hostile Front on Signatory Party 4",
        "2025-04-01",
        ["hostile"],
        [(["s04"], "demand: federal", "opposes", "characterised", "The Hostile Front says Signatory Party 4 secretly fights a federal system.")],
    )
    return root

"""Migrate sources written in the first format (before attribution and provenance) to today's, in place.

What changes, file by file, keeping comments and layout (ruamel.yaml round trip):

- documents: `provenance: own-media` becomes `issuer:` (the publisher's actor), other values go;
  every claim gets a `basis` (`own-publication` when the issuer is the claim's actor, `quoted` when
  the evidence lies inside quotation marks, else `reported`), marked for review with a comment;
  a quote whose `speaker` is not a person names it as `actor` instead;
- conferences: each participant gets `status: attended` (the old format's only meaning), marked for review;
- demands: free-text `instruments` become instrument records (`sources/instruments/<slug>.md`);
- actors, conferences, instruments: a name, Arabic name, acronym, alias or place that no document
  gives, and an affiliation without a source, are marked `editorial:` with a reason to replace;
  an approximate date without a note gets one to replace;
- claims (the second format, before a claim credited only the instruments it lists): a claim used
  to invoke every instrument of its demand. Where the claim's own evidence names one (by name,
  short name, alias or number), it is added to the claim's `instruments`, marked for review; where
  the evidence names none, the claim no longer invokes it, and the report says so.

Nothing is guessed silently: each value the migration supplies carries a comment or a reason that
says so, and `check` lists them with the other editorial facts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .body import Passage, render_body
from .passages import normalise

REVIEW = "set by `dossier migrate`: check it against the text"
EDITORIAL = "Recorded before facts were marked; no bundled document gives it (marked by `dossier migrate`): replace with the editors' reason, cite a document, or remove it."
UNCITED_TIE = "Recorded before ties had to cite a document (marked by `dossier migrate`): cite the document that states it, or give the editors' reason."
UNREASONED_DATE = "Worked out before dates needed a reason (marked by `dossier migrate`): say how the date was worked out."


@dataclass
class SourceFile:
    """A source file split for editing: its front matter as round-trip YAML, and the rest as it was."""

    path: Path
    data: CommentedMap
    head: str  # the opening `---` line
    tail: str  # the closing `---` line and the body, untouched

    @classmethod
    def read(cls, path: Path, yaml: YAML) -> SourceFile | None:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if not lines or lines[0].rstrip() != "---":
            return None
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            return None
        data = yaml.load("\n".join(lines[1:end]) + "\n")
        if not isinstance(data, CommentedMap):
            return None
        return cls(path, data, lines[0], "\n".join(lines[end:]))

    def write(self, yaml: YAML) -> None:
        out = io.StringIO()
        yaml.dump(self.data, out)
        self.path.write_text(f"{self.head}\n{out.getvalue()}{self.tail}", encoding="utf-8")


@dataclass
class Report:
    """What a migration changed, and what it could not do and left for a person."""

    changed: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """What the files no longer say under today's rules, though no file changed (a claim's inherited instrument)."""


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a maintainer's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _insert_after(mapping: CommentedMap, after: str, key: str, value: Any, comment: str | None = None) -> None:
    keys = list(mapping.keys())
    position = keys.index(after) + 1 if after in keys else len(keys)
    mapping.insert(position, key, value, comment=comment)


def slug(text: str) -> str:
    """A safe id made from a title: `UN Security Council Resolution 2254` → `un-security-council-resolution-2254`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-") or "instrument"


def _load_all(root: Path, yaml: YAML) -> dict[str, dict[str, SourceFile]]:
    files: dict[str, dict[str, SourceFile]] = {}
    for kind in ("documents", "actors", "conferences", "demands", "instruments"):
        files[kind] = {}
        for path in sorted((root / kind).glob("*.md")) if (root / kind).is_dir() else []:
            source = SourceFile.read(path, yaml)
            if source is not None:
                files[kind][path.stem] = source
    return files


def _basis(claim: CommentedMap, issuer: str | None, body: str) -> str:
    actor = claim.get("actor")
    if issuer and actor == issuer:
        return "own-publication"
    evidence = claim.get("evidence")
    if isinstance(evidence, str):
        rendered = render_body(body, [Passage("claim", evidence, "evidence", quoted=True)])
        if "claim" in rendered.found and "claim" not in rendered.unquoted:
            return "quoted"
    return "reported"


def _migrate_document(doc: SourceFile, people: set[str], report: Report) -> bool:
    data, changed = doc.data, False
    name = f"documents/{doc.path.name}"
    if "provenance" in data:
        old = data.pop("provenance")
        publisher = data.get("publisher")
        actor = publisher.get("actor") if isinstance(publisher, dict) else None
        if old == "own-media" and actor and "issuer" not in data:
            _insert_after(data, "language", "issuer", actor)
            report.changed.append(f"{name}: `provenance: own-media` → `issuer: {actor}`")
        else:
            report.changed.append(f"{name}: `provenance: {old}` removed (provenance now follows from `issuer` and `publisher`)")
        changed = True
    body = doc.tail.split("\n", 1)[1] if "\n" in doc.tail else ""
    for claim in data.get("claims") or []:
        if isinstance(claim, CommentedMap) and "basis" not in claim:
            basis = _basis(claim, data.get("issuer"), body)
            _insert_after(claim, "stance", "basis", basis, comment=REVIEW)
            report.changed.append(f"{name}: claim `{claim.get('actor')}` on `{claim.get('demand')}`: `basis: {basis}`")
            changed = True
    for quote in data.get("quotes") or []:
        speaker = quote.get("speaker") if isinstance(quote, CommentedMap) else None
        if speaker and speaker not in people and "actor" not in quote:
            position = list(quote.keys()).index("speaker")
            quote.pop("speaker")
            quote.insert(position, "actor", speaker, comment="not a person: the quote is attributed to it (`dossier migrate`)")
            report.changed.append(f"{name}: quote by `{speaker}`, not a person: `speaker` → `actor`")
            changed = True
    return changed


def _migrate_conference(conf: SourceFile, report: Report) -> bool:
    data, changed = conf.data, False
    name = f"conferences/{conf.path.name}"
    for part in data.get("participants") or []:
        if isinstance(part, CommentedMap) and "status" not in part:
            _insert_after(part, "actor", "status", "attended", comment=REVIEW)
            report.changed.append(f"{name}: participant `{part.get('actor')}`: `status: attended`")
            changed = True
        if isinstance(part, CommentedMap) and not part.get("source"):
            report.todo.append(f"{name}: participant `{part.get('actor')}` has no `source`: add the document that gives its status")
    organisers = data.get("organisers")
    cited = [doc for doc in data.get("sources") or [] if isinstance(doc, str)]
    if organisers and cited:
        participants = data.get("participants")
        if not isinstance(participants, CommentedSeq):
            participants = CommentedSeq()
            _insert_after(data, "organisers", "participants", participants)
        for actor in organisers:
            entry = CommentedMap([("actor", actor), ("status", "organised"), ("source", cited[0])])
            entry.yaml_add_eol_comment("set by `dossier migrate` from `organisers` and the first of `sources`: check", "source")
            participants.insert(0, entry)
            report.changed.append(f"{name}: organiser `{actor}` → participant with `status: organised`, `source: {cited[0]}`")
        data.pop("organisers")
        changed = True
    elif organisers:
        report.todo.append(f"{name}: `organisers` cite no document: list each as a participant with `status: organised` and its `source`")
    if isinstance(data.get("attendance"), dict) and not data["attendance"].get("source"):
        report.todo.append(f"{name}: `attendance` has no `source`: add the document that counts it")
    for outcome in data.get("outcomes") or []:
        if isinstance(outcome, dict) and not outcome.get("source"):
            report.todo.append(f"{name}: outcome `{outcome.get('title')}` has no `source`: add the document that reports it")
    return changed


def _migrate_demand(demand: SourceFile, instruments: dict[str, str], report: Report) -> bool:
    values = demand.data.get("instruments")
    if not values or all(isinstance(v, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v) for v in values):
        return False
    ids = CommentedSeq()
    for value in values:
        ids.append(slug(value))
        instruments.setdefault(slug(value), value)
    ids.fa.set_flow_style()
    demand.data["instruments"] = ids
    report.changed.append(f"demands/{demand.path.name}: `instruments` now name instrument records: {', '.join(ids)}")
    return True


def _write_instrument(root: Path, instrument_id: str, name: str, yaml: YAML, report: Report) -> None:
    path = root / "instruments" / f"{instrument_id}.md"
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = CommentedMap()
    data["name"] = CommentedMap([("value", name), ("editorial", EDITORIAL)])
    data["kind"] = "other"
    data.yaml_add_eol_comment(REVIEW, "kind")
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(
        f"---\n{out.getvalue()}---\nCreated by `dossier migrate` from the demands that name it: describe it as the documents do.\n", encoding="utf-8"
    )
    report.changed.append(f"instruments/{instrument_id}.md: new record for “{name}”")


def _date_notes(entity: SourceFile, keys: tuple[str, ...], report: Report) -> bool:
    changed = False
    for key in keys:
        date = entity.data.get(key)
        if isinstance(date, CommentedMap) and date.get("approximate") and not date.get("note"):
            date["note"] = UNREASONED_DATE
            report.changed.append(f"{entity.path.parent.name}/{entity.path.name}: approximate `{key}` given a note to replace")
            changed = True
    return changed


def _mark_facts(root: Path, files: dict[str, dict[str, SourceFile]], report: Report) -> set[tuple[str, str]]:
    """Mark as editorial every plain text fact that the migrated sources do not support."""
    from .load import load
    from .validate import validate

    sources, _ = load(root)
    checked, _ = validate(sources)
    touched: set[tuple[str, str]] = set()
    for kind, entity_id, loc in checked.unsupported:
        entity = files[kind].get(entity_id)
        if entity is None:
            continue
        parent: Any = entity.data
        for part in loc[:-1]:
            parent = parent[part]
        value = parent[loc[-1]]
        if isinstance(value, str):
            if isinstance(parent, CommentedSeq):
                parent.fa.set_block_style()  # a list of long-form facts reads better one per line
            parent[loc[-1]] = CommentedMap([("value", value), ("editorial", EDITORIAL)])
            report.changed.append(f"{kind}/{entity_id}.md: `{value}` ({loc[0]}) is in no document: marked editorial, reason to replace")
            touched.add((kind, entity_id))
    return touched


def migrate(root: Path) -> Report:
    """Bring every file under `root` (a `sources/` folder) to today's format, in place."""
    yaml = _yaml()
    report = Report()
    files = _load_all(root, yaml)
    people = {actor_id for actor_id, actor in files["actors"].items() if actor.data.get("type") == "person"}
    dirty: set[tuple[str, str]] = set()
    for doc_id, doc in files["documents"].items():
        if _migrate_document(doc, people, report) | _date_notes(doc, ("date",), report):
            dirty.add(("documents", doc_id))
    for conf_id, conf in files["conferences"].items():
        if _migrate_conference(conf, report) | _date_notes(conf, ("start", "end"), report):
            dirty.add(("conferences", conf_id))
    instruments: dict[str, str] = {}
    for demand_id, demand in files["demands"].items():
        if _migrate_demand(demand, instruments, report):
            dirty.add(("demands", demand_id))
    for actor_id, actor in files["actors"].items():
        for tie in actor.data.get("affiliations") or []:
            if isinstance(tie, CommentedMap) and not tie.get("source") and not tie.get("editorial"):
                tie["editorial"] = UNCITED_TIE
                report.changed.append(f"actors/{actor_id}.md: affiliation to `{tie.get('to')}` cites no document: marked editorial, reason to replace")
                dirty.add(("actors", actor_id))
    for kind, entity_id in sorted(dirty):
        files[kind][entity_id].write(yaml)
    for instrument_id, name in sorted(instruments.items()):
        _write_instrument(root, instrument_id, name, yaml, report)
    files = _load_all(root, yaml)
    for kind, entity_id in sorted(_mark_facts(root, files, report)):
        files[kind][entity_id].write(yaml)
    files = _load_all(root, yaml)
    for doc_id in sorted(_credit_instruments(root, files, report)):
        files["documents"][doc_id].write(yaml)
    return report


CREDITED = "was its demand's: the evidence names it (`dossier migrate`), check it"


def _credit_instruments(root: Path, files: dict[str, dict[str, SourceFile]], report: Report) -> set[str]:
    """Claims credit only the instruments they list: list a demand's instrument on its claims whose evidence names it."""
    from .checker import contains_words
    from .load import load
    from .names import instrument_names

    sources, _ = load(root)
    touched: set[str] = set()
    for doc_id, doc in files["documents"].items():
        listed = doc.data.get("instruments")
        for claim in doc.data.get("claims") or []:
            demand = sources.demands.get(claim.get("demand") or "") if isinstance(claim, CommentedMap) else None
            if demand is None or not isinstance(claim.get("evidence"), str):
                continue
            evidence = normalise(claim["evidence"]).casefold()
            own = claim.get("instruments") or []
            for instrument_id in demand.model.instruments:
                instrument = sources.instruments.get(instrument_id)
                if instrument is None or instrument_id in own:
                    continue
                where = f"documents/{doc.path.name}: claim `{claim.get('actor') or claim.get('actors')}` on `{demand.id}`"
                if not any(contains_words(evidence, name) for name in instrument_names(instrument.model)):
                    report.dropped.append(f"{where} no longer invokes `{instrument_id}` through its demand (its evidence does not name it)")
                    continue
                if not isinstance(claim.get("instruments"), CommentedSeq):
                    seq = CommentedSeq()
                    seq.fa.set_flow_style()
                    _insert_after(claim, "conference" if "conference" in claim else "stance", "instruments", seq)
                claim["instruments"].append(instrument_id)
                claim.yaml_add_eol_comment(CREDITED, "instruments")
                own = claim["instruments"]
                if not isinstance(listed, CommentedSeq):
                    listed = CommentedSeq()
                    _insert_after(doc.data, "conferences" if "conferences" in doc.data else "actors", "instruments", listed)
                if instrument_id not in listed:
                    listed.append(instrument_id)
                report.changed.append(f"{where}: `instruments` lists `{instrument_id}`, which its evidence names")
                touched.add(doc_id)
    return touched

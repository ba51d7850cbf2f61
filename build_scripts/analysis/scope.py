"""What an analysis counts: positions of chosen bases, in one period.

Every figure a reader can quote (agreement, blocs, contested, ties, highlights) is computed over a
scope: the bases it admits and, when the reader asks, one period. The default admits first-hand and
reported positions; a third party's description of an actor counts only when asked for.

Bases fall into three classes (`basis_class`):

- first-hand: the actor's quoted words, its own publication (a joint statement included), or its
  authorship of an instrument it issued, adopted or signed;
- reported: the source's account of what the actor said or did;
- described: a third party's characterisation of the actor's position.

Dates are intervals (`interval`): `2024` is 1 January to 31 December 2024, `2024-06` all of June,
a day is itself. An approximate date widens by one unit each side (c. June 2024 is May to July),
and an upper bound (`no_later_than`) has no start. A position belongs to a period only when its
whole interval lies inside it; otherwise it is not placed in any period, rather than guessed into one.
One exception (`Period.places`): a position known only to stand no later than a date (a speech the
document prints undated, a demand it relays) is placed in the period that holds that date, because
the document that gives it, dated then, presents it as standing then; it is never placed earlier.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..index import ClaimRecord
from ..models import Date

BasisClass = Literal["first-hand", "reported", "described"]
BASIS_CLASSES: tuple[BasisClass, ...] = ("first-hand", "reported", "described")
DEFAULT_BASES: frozenset[BasisClass] = frozenset({"first-hand", "reported"})
"""What every analysis counts unless the reader asks for third parties' descriptions too."""
EARLIEST, LATEST = "0000-01-01", "9999-12-31"


def basis_class(claim: ClaimRecord) -> BasisClass:
    """First-hand (quoted, own publication, authorship), reported, or described by a third party."""
    if claim.first_hand:
        return "first-hand"
    return "described" if claim.basis == "characterised" else "reported"


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def interval(date: Date | None) -> tuple[str, str]:
    """The first and last day a date can mean, as ISO strings (an unknown date can mean any day)."""
    if date is None:
        return EARLIEST, LATEST
    parts = [int(p) for p in date.value.split("-")]
    widen = 1 if date.approximate else 0
    if len(parts) == 1:
        first, last = f"{parts[0] - widen:04d}-01-01", f"{parts[0] + widen:04d}-12-31"
    elif len(parts) == 2:
        (y0, m0), (y1, m1) = _shift(parts[0], parts[1], -widen), _shift(parts[0], parts[1], widen)
        first, last = f"{y0:04d}-{m0:02d}-01", f"{y1:04d}-{m1:02d}-{calendar.monthrange(y1, m1)[1]:02d}"
    else:
        first = last = date.value
        if widen:  # c. a day: the days either side
            day = datetime.date.fromisoformat(date.value)
            first, last = (day - datetime.timedelta(days=1)).isoformat(), (day + datetime.timedelta(days=1)).isoformat()
    return (EARLIEST if date.no_later_than else first), last


@dataclass(frozen=True, order=True)
class Period:
    """A stretch of time the analyses can be limited to: a calendar year by default, or a named phase."""

    start: str
    """First day, ISO."""
    end: str
    """Last day, ISO."""
    name: str
    name_ar: str | None = field(default=None, compare=False)
    """The editors' name for it in Arabic (`name_ar` of `extra.dossier_periods`), shown in the Arabic edition."""

    @property
    def slug(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")

    def holds(self, date: Date | None) -> bool:
        """Whether every day the date can mean lies in this period."""
        first, last = interval(date)
        return self.start <= first and last <= self.end

    def places(self, date: Date | None) -> bool:
        """Whether a position of this date is counted in this period: it holds the date, or the date is an
        upper bound whose own span lies in it (the position stood by then, as the document that gives it says)."""
        first, last = _span(date)
        return self.start <= first and last <= self.end


def _span(date: Date | None) -> tuple[str, str]:
    """The days a date can mean for placing it in a period: an upper bound counts as its own span."""
    return interval(date.model_copy(update={"no_later_than": False}) if date is not None and date.no_later_than else date)


def years(claims: Iterable[ClaimRecord]) -> list[Period]:
    """One period per calendar year in which a position is dated to that year or more precisely (the default periods)."""
    spans = [_span(c.date) for c in claims if c.date is not None]
    found = {first[:4] for first, last in spans if first[:4] == last[:4]}
    return [Period(f"{year}-01-01", f"{year}-12-31", year) for year in sorted(found)]


def periods_from(config: Sequence[tuple[str, ...]] | None, claims: Iterable[ClaimRecord]) -> list[Period]:
    """Periods as `mkdocs.yml` names them (`extra: dossier_periods: [{name, start, end, name_ar}]`, see `read_periods`), or one per year."""
    if not config:
        return years(claims)
    made = []
    for name, start, end, *arabic in config:
        made.append(Period(interval(Date(value=start))[0], interval(Date(value=end))[1], name, arabic[0] if arabic else None))
    return sorted(made)


ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
"""A letter of the Arabic script (its blocks), of which an Arabic name holds at least one."""
PERIOD_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def read_periods(raw: object) -> tuple[tuple[str, ...], ...]:
    """`extra.dossier_periods` of mkdocs.yml as (name, start, end), and `name_ar` after them when given, checked; raises ValueError with
    every problem, each with its fix."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError("extra.dossier_periods must be a list of {name, start, end} — or leave it out for one period per year")
    problems, found = [], []
    for n, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or not {"name", "start", "end"} <= set(entry):
            problems.append(f"extra.dossier_periods, entry {n}: give `name`, `start` and `end` (e.g. name: Geneva II to Vienna, start: 2014-01, end: 2015-10)")
            continue
        name, start, end = (str(entry[k]) for k in ("name", "start", "end"))
        bad = [k for k, v in (("start", start), ("end", end)) if not PERIOD_DATE.match(v)]
        arabic = entry.get("name_ar")
        if arabic is not None and not (isinstance(arabic, str) and ARABIC_LETTER.search(arabic)):
            problems.append(
                f"extra.dossier_periods, entry {n} ({name}): `name_ar` is {arabic!r}, not a name in Arabic script — write the period's "
                'name in Arabic (e.g. name_ar: "من جنيف 2 إلى فيينا"), or leave it out to show the English name in the Arabic edition'
            )
        elif bad:
            problems.append(f"extra.dossier_periods, entry {n} ({name}): `{bad[0]}` is not a date like 2014, 2014-01 or 2014-01-22 — quote it in YAML")
        elif interval(Date(value=start))[0] > interval(Date(value=end))[1]:
            problems.append(f"extra.dossier_periods, entry {n} ({name}): it ends before it starts — swap `start` and `end`")
        else:
            found.append((name, start, end, arabic) if arabic is not None else (name, start, end))
    problems += _clashes(found)
    if problems:
        raise ValueError("\n".join(problems))
    return tuple(found)


def _clashes(found: Sequence[tuple[str, ...]]) -> list[str]:
    """Periods that share a day or a page address: a position would count in both, and the dossier's figures add up periods."""
    problems = []
    spans = sorted((interval(Date(value=start))[0], interval(Date(value=end))[1], name) for name, start, end, *_ in found)
    for n, (_, last, name) in enumerate(spans):
        for other_first, other_last, other in spans[n + 1 :]:
            if other_first <= last:
                problems.append(
                    f"extra.dossier_periods: `{name}` and `{other}` overlap (from {other_first} to {min(last, other_last)}) — a position "
                    f"dated then would count in both; make `{name}` end before `{other}` starts"
                )
    slugs: dict[str, str] = {}
    for _, _, name in spans:
        slug = Period("", "", name).slug
        if slug in slugs:
            problems.append(f"extra.dossier_periods: `{slugs[slug]}` and `{name}` would have one page address (`{slug}`) — rename one of them")
        slugs.setdefault(slug, name)
    return problems


@dataclass(frozen=True)
class Scope:
    """The bases an analysis admits and, optionally, the one period it is limited to."""

    bases: frozenset[BasisClass] = DEFAULT_BASES
    period: Period | None = None

    def admits(self, claim: ClaimRecord) -> bool:
        if basis_class(claim) not in self.bases:
            return False
        return self.period is None or self.period.places(claim.date)

    def of(self, claims: Iterable[ClaimRecord]) -> list[ClaimRecord]:
        return [claim for claim in claims if self.admits(claim)]

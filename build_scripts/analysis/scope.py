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
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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

    @property
    def slug(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")

    def holds(self, date: Date | None) -> bool:
        """Whether every day the date can mean lies in this period."""
        first, last = interval(date)
        return self.start <= first and last <= self.end


def years(claims: Iterable[ClaimRecord]) -> list[Period]:
    """One period per calendar year in which a position is dated to that year or more precisely (the default periods)."""
    found = {interval(c.date)[0][:4] for c in claims if c.date is not None and interval(c.date)[0][:4] == interval(c.date)[1][:4]}
    return [Period(f"{year}-01-01", f"{year}-12-31", year) for year in sorted(found)]


def periods_from(config: Sequence[dict[str, str]] | None, claims: Iterable[ClaimRecord]) -> list[Period]:
    """Periods as `mkdocs.yml` names them (`extra: dossier_periods: [{name, start, end}]`), or one per year by default."""
    if not config:
        return years(claims)
    made = []
    for entry in config:
        start, end = interval(Date(value=entry["start"]))[0], interval(Date(value=entry["end"]))[1]
        made.append(Period(start, end, entry["name"]))
    return sorted(made)


@dataclass(frozen=True)
class Scope:
    """The bases an analysis admits and, optionally, the one period it is limited to."""

    bases: frozenset[BasisClass] = DEFAULT_BASES
    period: Period | None = None

    def admits(self, claim: ClaimRecord) -> bool:
        if basis_class(claim) not in self.bases:
            return False
        return self.period is None or self.period.holds(claim.date)

    def of(self, claims: Iterable[ClaimRecord]) -> list[ClaimRecord]:
        return [claim for claim in claims if self.admits(claim)]

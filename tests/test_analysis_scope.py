"""Scopes of analysis (build_scripts/analysis/scope.py): basis classes, date intervals and periods, on synthetic positions."""

from __future__ import annotations

import pytest

from build_scripts.analysis.scope import DEFAULT_BASES, EARLIEST, Period, Scope, basis_class, interval, periods_from, read_periods, years
from build_scripts.index import AUTHORSHIP
from build_scripts.models import Date

from .analysis_claims import position


@pytest.mark.parametrize(
    ("basis", "expected"),
    [("quoted", "first-hand"), ("own-publication", "first-hand"), (AUTHORSHIP, "first-hand"), ("reported", "reported"), ("characterised", "described")],
)
def test_every_basis_has_its_class(basis: str, expected: str) -> None:
    assert basis_class(position("a", "i" if basis == AUTHORSHIP else "d", basis=basis)) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (Date(value="2024"), ("2024-01-01", "2024-12-31")),
        (Date(value="2024-02"), ("2024-02-01", "2024-02-29")),
        (Date(value="2024-06-15"), ("2024-06-15", "2024-06-15")),
        (Date(value="2024-06", approximate=True, note="synthetic"), ("2024-05-01", "2024-07-31")),
        (Date(value="2024-01", approximate=True, note="synthetic"), ("2023-12-01", "2024-02-29")),
        (Date(value="2012", approximate=True, note="synthetic"), ("2011-01-01", "2013-12-31")),
        (Date(value="2024-03-01", approximate=True, note="synthetic"), ("2024-02-29", "2024-03-02")),
        (Date(value="2023-06", no_later_than=True), (EARLIEST, "2023-06-30")),
        (None, (EARLIEST, "9999-12-31")),
    ],
)
def test_a_date_means_every_day_it_can_mean(date: Date | None, expected: tuple[str, str]) -> None:
    assert interval(date) == expected


def test_a_position_is_in_a_period_only_when_its_whole_date_is() -> None:
    year = Period("2024-01-01", "2024-12-31", "2024")
    assert year.holds(Date(value="2024-06"))
    assert year.holds(Date(value="2024"))
    assert not year.holds(Date(value="2024-12", approximate=True, note="synthetic")), "c. December 2024 may be January 2025"
    assert not year.holds(Date(value="2024-06", no_later_than=True)), "by June 2024 may be any earlier year"
    assert not year.holds(None)


def test_a_position_known_to_stand_by_a_date_is_counted_in_that_dates_period_never_an_earlier_one() -> None:
    """The document that gives an undated speech, dated June 2024, presents it as standing then (synthetic)."""
    by_june = Date(value="2024-06", no_later_than=True)
    year, before = Period("2024-01-01", "2024-12-31", "2024"), Period("2023-01-01", "2023-12-31", "2023")
    assert year.places(by_june) and not before.places(by_june)
    assert year.places(Date(value="2024-06")) and not year.places(Date(value="2024-12", approximate=True, note="synthetic"))
    assert Scope(period=year).admits(position("a", "d", date="2024-06", no_later_than=True))
    assert [p.name for p in years([position("a", "d", date="2024-06", no_later_than=True)])] == ["2024"]


def test_default_periods_are_the_years_positions_are_dated_within() -> None:
    claims = [
        position("a", "d", date="2023-05"),
        position("a", "d", date="2024"),
        position("a", "d", date="2012", approximate=True),
        position("a", "d", date=None),
    ]
    assert [p.name for p in years(claims)] == ["2023", "2024"]
    assert periods_from(None, claims) == years(claims)


def test_named_periods_come_from_the_configuration_in_order() -> None:
    config = [{"name": "Later phase", "start": "2016-02", "end": "2017"}, {"name": "Geneva II to Vienna", "start": "2014-01-22", "end": "2015-11-14"}]
    made = periods_from(read_periods(config), [])
    assert made == [Period("2014-01-22", "2015-11-14", "Geneva II to Vienna"), Period("2016-02-01", "2017-12-31", "Later phase")]
    assert made[0].slug == "geneva-ii-to-vienna"


def test_a_misconfigured_period_is_reported_with_its_fix_every_problem_at_once() -> None:
    config = [{"name": "No end", "start": "2014"}, {"name": "Typed", "start": "2014-13", "end": "2015"}, {"name": "Back", "start": "2016", "end": "2015"}]
    with pytest.raises(ValueError) as raised:
        read_periods(config)
    lines = str(raised.value).splitlines()
    assert len(lines) == 3
    assert "entry 1: give `name`, `start` and `end`" in lines[0]
    assert "entry 2 (Typed): `start` is not a date like 2014" in lines[1]
    assert "entry 3 (Back): it ends before it starts — swap" in lines[2]
    assert read_periods(None) == ()


def test_periods_that_overlap_or_share_a_page_address_are_reported_with_their_fix() -> None:
    config = [
        {"name": "Geneva II to Vienna", "start": "2014-01-22", "end": "2015-11"},
        {"name": "Vienna talks", "start": "2015-10", "end": "2016"},
        {"name": "The long view", "start": "2010", "end": "2020"},
        {"name": "Geneva-II to Vienna!", "start": "2021", "end": "2021"},
    ]
    with pytest.raises(ValueError) as raised:
        read_periods(config)
    lines = str(raised.value).splitlines()
    assert lines == [
        "extra.dossier_periods: `The long view` and `Geneva II to Vienna` overlap (from 2014-01-22 to 2015-11-30) — a position dated then "
        "would count in both; make `The long view` end before `Geneva II to Vienna` starts",
        "extra.dossier_periods: `The long view` and `Vienna talks` overlap (from 2015-10-01 to 2016-12-31) — a position dated then would "
        "count in both; make `The long view` end before `Vienna talks` starts",
        "extra.dossier_periods: `Geneva II to Vienna` and `Vienna talks` overlap (from 2015-10-01 to 2015-11-30) — a position dated then "
        "would count in both; make `Geneva II to Vienna` end before `Vienna talks` starts",
        "extra.dossier_periods: `Geneva II to Vienna` and `Geneva-II to Vienna!` would have one page address (`geneva-ii-to-vienna`) — rename one of them",
    ]
    adjacent = [config[0], {"name": "Vienna talks", "start": "2015-12", "end": "2016"}]  # the first ends 2015-11-30
    assert [name for name, *_ in read_periods(adjacent)] == ["Geneva II to Vienna", "Vienna talks"]


def test_a_period_may_take_its_name_in_arabic_and_a_name_not_in_arabic_script_is_reported_with_its_fix() -> None:
    config = [
        {"name": "Geneva II to Vienna", "name_ar": "من جنيف 2 إلى فيينا", "start": "2014-01", "end": "2015-10"},
        {"name": "2018", "start": "2018", "end": "2018"},
    ]
    made = periods_from(read_periods(config), [])
    assert [(p.name, p.name_ar) for p in made] == [("Geneva II to Vienna", "من جنيف 2 إلى فيينا"), ("2018", None)]
    assert made[0] == Period("2014-01-01", "2015-10-31", "Geneva II to Vienna")  # the Arabic name is a label, not part of the period
    for wrong in ("Geneva II to Vienna", 2014, ["من جنيف"]):
        with pytest.raises(ValueError) as raised:
            read_periods([{"name": "Geneva II", "name_ar": wrong, "start": "2014", "end": "2015"}])
        assert "entry 1 (Geneva II): `name_ar` is" in str(raised.value) and "not a name in Arabic script — write the period's name in Arabic" in str(
            raised.value
        )


def test_the_default_scope_leaves_out_third_parties_descriptions_only() -> None:
    claims = [position("a", "d", basis=b) for b in ("quoted", "own-publication", "reported", "characterised")]
    assert {"first-hand", "reported"} == DEFAULT_BASES
    assert [c.basis for c in Scope().of(claims)] == ["quoted", "own-publication", "reported"]
    assert len(Scope(bases=frozenset({"first-hand", "reported", "described"})).of(claims)) == 4
    in_2023 = Scope(period=Period("2023-01-01", "2023-12-31", "2023"))
    assert in_2023.of([position("a", "d", date="2023-04"), position("a", "d", date="2024-04")]) == [position("a", "d", date="2023-04")]

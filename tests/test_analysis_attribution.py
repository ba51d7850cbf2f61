"""On whose word a summarised position rests (build_scripts/analysis/attribution.py), on the bundled dossier."""

from __future__ import annotations

from build_scripts.analysis.attribution import Attribution, attribution
from build_scripts.index import Index


def test_a_third_partys_description_names_whose_description_it_is(bundled_index: Index) -> None:
    found = {(c.document, c.id): attribution(bundled_index, c) for c in bundled_index.claims}
    # Kassioun's editorial describes Russia's position: the outlet's view, as the document frames it.
    assert found[("kassioun-editorial-846", "ev-russia-inclusive-political-process")] == Attribution("described", ("kassioun",))
    # The SOC's report of its working group describes the Suwayda movement.
    assert found[("soc-parties-working-group-meeting", "ev-suwayda-movement-implement-unscr-2254")] == Attribution("described", ("soc",))
    # An unsigned report whose publisher the text does not name: a description by the source, unnamed, never guessed.
    assert found[("snc-diplomatic-push-before-unga", "ev-snc-political-solution")] == Attribution("described")


def test_first_hand_and_reported_positions_name_no_describer(bundled_index: Index) -> None:
    kinds = {attribution(bundled_index, c) for c in bundled_index.claims if c.basis != "characterised"}
    assert kinds == {Attribution("first-hand"), Attribution("reported")}

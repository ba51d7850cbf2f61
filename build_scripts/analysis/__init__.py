"""Pure analysis functions on the dossier's positions, kept apart from pages and exports.

- `dna`: the Discourse Network Analyzer's one-mode actor networks (congruence and conflict,
  with its duplicate rule and its normalisations), from the same positions the views use.
- `polarisation`: DNA's polarisation score of a partition of actors, and a search for the
  partition that maximises it.

Nothing here reads files or renders: callers pass positions in and get sorted values out.
"""

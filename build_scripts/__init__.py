"""Build scripts for the dossier: load, validate, index, render and write."""

"""JSON Schema of the source format, generated from the models, for editors and other tools."""

from __future__ import annotations

import json

from .models import KINDS

SCHEMA_FILES = {"documents": "document", "actors": "actor", "conferences": "conference", "demands": "demand", "instruments": "instrument"}


def schemas() -> dict[str, str]:
    """File name → JSON Schema text of the front matter of each kind of source file."""
    out = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Front matter of a file in sources/{kind}/"
        out[f"{SCHEMA_FILES[kind]}.schema.json"] = json.dumps(schema, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    return out

"""`thidua schema`: write one JSON Schema per file kind."""

from __future__ import annotations

import json
from pathlib import Path

from thidua import io
from thidua.model.kinds import json_schemas
from thidua.report.diagnostics import JSON_OUTPUT_SCHEMA
from thidua.report.tally import JSON_OUTPUT_SCHEMA as TALLY_OUTPUT_SCHEMA


def render_schemas() -> dict[str, str]:
    """File name -> JSON text (deterministic)."""
    docs = {f"{name}.schema.json": schema for name, schema in json_schemas().items()}
    docs["validate-output.schema.json"] = JSON_OUTPUT_SCHEMA
    docs["tally-output.schema.json"] = TALLY_OUTPUT_SCHEMA
    return {name: json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            for name, doc in sorted(docs.items())}


def write_schemas(out_dir: Path) -> list[Path]:
    written = []
    for name, text in render_schemas().items():
        path = out_dir / name
        io.write_text_atomic(path, text)
        written.append(path)
    return written

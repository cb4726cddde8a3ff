"""The JSON Schema files in `schemas/json/` are generated from the models: `python -m schemas.json_schema`.
A test fails when a model changes and its file was not regenerated."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.document import Document
from schemas.extraction import Extraction
from schemas.quantity import Quantity

JSON_DIR = Path(__file__).resolve().parent / "json"
MODELS: dict[str, type[BaseModel]] = {"document": Document, "extraction": Extraction, "quantity": Quantity}


def schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json_schemas(folder: Path = JSON_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in MODELS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_json_schemas():
        print(path)

"""Build data/datapackage.json (Frictionless Data Package) from nkarrivals.schema.

The JSON file is generated, not hand-edited, so it cannot drift from the rules
the loaders enforce; a test checks that the committed file is up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

from nkarrivals import paths
from nkarrivals.files import write_atomic
from nkarrivals.schema import (
    BOOLEAN,
    DATE,
    INTEGER,
    NUMBER,
    PARTIAL_DATE,
    TABLES,
    Field,
    Table,
)

# Frictionless has no partial-date type; a pattern keeps the same rule.
_PARTIAL_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"

LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 (this compilation, its notes and conversions)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
]

PACKAGE_SOURCES = [
    {
        "title": "Ministry of Unification (Republic of Korea): statistics on North Korean defectors",
        "path": "https://www.unikorea.go.kr/cn_unikorea/news/statistics1/defectors/",
    },
    {
        "title": "Press reports of MOU announcements, broker fees and events: see sources.csv",
        "path": "sources.csv",
    },
]


def _field(spec: Field) -> dict:
    kind = {INTEGER: "integer", NUMBER: "number", BOOLEAN: "boolean", DATE: "date"}.get(spec.kind, "string")
    out: dict = {"name": spec.name, "type": kind, "description": spec.description}
    if spec.unit:
        out["unit"] = spec.unit
    if spec.kind == BOOLEAN:
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    constraints: dict = {}
    if spec.required:
        constraints["required"] = True
    if spec.minimum is not None:
        constraints["minimum"] = int(spec.minimum) if spec.kind == INTEGER else spec.minimum
    if spec.maximum is not None:
        constraints["maximum"] = int(spec.maximum) if spec.kind == INTEGER else spec.maximum
    if spec.enum is not None:
        constraints["enum"] = list(spec.enum)
    pattern = _PARTIAL_DATE_PATTERN if spec.kind == PARTIAL_DATE else spec.pattern
    if pattern is not None:
        constraints["pattern"] = pattern
    if spec.max_length is not None:
        constraints["maxLength"] = spec.max_length
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: Table) -> dict:
    schema: dict = {"fields": [_field(f) for f in table.fields], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": fk.column, "reference": {"resource": fk.table, "fields": fk.reference}}
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.filename,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def build() -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "nk-arrivals",
        "title": "North Korean arrivals in South Korea, broker fees and events",
        "description": (
            "Ministry of Unification counts of North Koreans arriving in South Korea by year and quarter, "
            "reported broker fees, and dated events, each figure tied to a source in sources.csv. "
            "See README.md beside this file."
        ),
        "licenses": LICENSES,
        "sources": PACKAGE_SOURCES,
        "resources": [_resource(t) for t in TABLES.values()],
    }


def render() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def write(data_dir: Path | None = None) -> Path:
    """Write datapackage.json into `data_dir`, which must be a folder holding the CSVs
    (DataValidationError otherwise; WriteError when the file cannot be written)."""
    from nkarrivals.data import check_data_dir

    target = check_data_dir(Path(data_dir) if data_dir else paths.DATA_DIR) / "datapackage.json"
    write_atomic(target, render(), subject="the data package")
    return target


#!/usr/bin/env python3
"""Extract DPRK-origin refugees and asylum-seekers from UNHCR's `refugees` R package.

Writes data/unhcr_dprk_origin.csv: one row per year and country of asylum for people
whose country of origin is the DPRK (ISO code PRK), with UNHCR's end-of-year counts of
refugees and asylum-seekers copied unchanged, and the source id of the release.

This script is not part of the nkarrivals package and nothing imports it. It needs
`rdata` and `pandas`, which requirements.lock deliberately leaves out, so run it from a
throwaway virtual environment:

    python3 -m venv unhcr-venv
    unhcr-venv/bin/pip install rdata pandas
    unhcr-venv/bin/python scripts/unhcr_dprk_origin.py --package REFUGEES --out data/unhcr_dprk_origin.csv

REFUGEES is an unpacked copy of the package's release 2025.12.1: a folder holding
DESCRIPTION, MD5 and data/population.rda, for example the tag 2025.12.1 of
https://github.com/cran/refugees extracted with `git archive`. The script refuses any
other release unless told (--release, --source-id), because UNHCR revises earlier years
from one release to the next and sources.csv records the release each figure comes from.
Run on the same release, it writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import os
import re
import sys
import tempfile
import warnings
from pathlib import Path

RELEASE = "2025.12.1"
SOURCE_ID = "UNHCR_REFUGEES_2025_12"
ORIGIN = "PRK"  # ISO 3166 alpha-3 of the DPRK; UNHCR's own code for it is KRN
TABLE = "data/population.rda"
COLUMNS = ("year", "country_of_asylum", "refugees", "asylum_seekers", "source_id")
ISO3 = re.compile(r"[A-Z]{3}")


class ExtractionError(Exception):
    """Anything that stops the extraction; printed as one line."""


def package_version(package: Path) -> str:
    description = package / "DESCRIPTION"
    if not description.is_file():
        raise ExtractionError(f"{description}: not found; --package must be the unpacked package folder")
    for line in description.read_text(encoding="utf-8").splitlines():
        if line.startswith("Version:"):
            return line.partition(":")[2].strip()
    raise ExtractionError(f"{description}: no Version field")


def check_md5(package: Path, relpath: str) -> None:
    """The data file must match the checksum listed in the package's own MD5 file."""
    listing = package / "MD5"
    if not listing.is_file():
        raise ExtractionError(f"{listing}: not found; cannot check {relpath}")
    listed = {
        name: digest
        for digest, _, name in (line.partition(" *") for line in listing.read_text(encoding="utf-8").splitlines())
    }
    if relpath not in listed:
        raise ExtractionError(f"{listing}: does not list {relpath}")
    path = package / relpath
    if not path.is_file():
        raise ExtractionError(f"{path}: not found")
    actual = hashlib.md5(path.read_bytes()).hexdigest()
    if actual != listed[relpath]:
        raise ExtractionError(f"{path}: md5 {actual} differs from {listed[relpath]} in {listing}")


def whole_count(value, what: str, where: str) -> int:
    """A UNHCR count as an int. R's NA (NaN here) is refused: the table has no way to say 'unknown'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ExtractionError(f"{where}: {what} is NA; the CSV holds known counts only")
    number = float(value)
    if not number.is_integer() or number < 0:
        raise ExtractionError(f"{where}: {what} {value!r} is not a whole number of people")
    return int(number)


def read_population(package: Path):
    import rdata  # imported here so that --help works without it

    with warnings.catch_warnings():
        # rdata has no constructor for the tibble class and falls back to a data frame, which is what we want.
        warnings.simplefilter("ignore", UserWarning)
        population = rdata.read_rda(str(package / TABLE))["population"]
    missing = {"year", "coo_iso", "coa_iso", "refugees", "asylum_seekers"} - set(population.columns)
    if missing:
        raise ExtractionError(f"{TABLE}: the population table lacks columns {', '.join(sorted(missing))}")
    return population


def extract(population) -> tuple[list[tuple[int, str, int, int]], int]:
    """Rows (year, country of asylum, refugees, asylum_seekers) sorted, and how many all-zero rows were dropped."""
    origin = population[population["coo_iso"] == ORIGIN]
    if origin.empty:
        raise ExtractionError(f"{TABLE}: no rows with coo_iso {ORIGIN}")
    rows, seen, dropped = [], set(), 0
    for record in origin[["year", "coa_iso", "refugees", "asylum_seekers"]].itertuples(index=False):
        year = whole_count(record.year, "year", f"{TABLE}, {ORIGIN} row")
        where = f"{TABLE}, {ORIGIN} row for {year}"
        country = record.coa_iso
        if not isinstance(country, str) or not ISO3.fullmatch(country):
            raise ExtractionError(f"{where}: coa_iso {country!r} is not an ISO 3166 alpha-3 code")
        if (year, country) in seen:
            raise ExtractionError(f"{where}: country of asylum {country} appears twice")
        seen.add((year, country))
        refugees = whole_count(record.refugees, "refugees", f"{where}, {country}")
        asylum_seekers = whole_count(record.asylum_seekers, "asylum_seekers", f"{where}, {country}")
        if refugees == 0 and asylum_seekers == 0:
            dropped += 1  # says nothing about this origin; none in release 2025.12.1
            continue
        rows.append((year, country, refugees, asylum_seekers))
    return sorted(rows), dropped


def write_csv(rows, source_id: str, out: Path) -> None:
    """Write all rows or nothing: a temporary file beside `out` replaces it only when complete."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows((*row, source_id) for row in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(buffer.getvalue())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", required=True, type=Path, help="unpacked `refugees` package folder")
    parser.add_argument("--out", required=True, type=Path, help="CSV file to write")
    parser.add_argument("--release", default=RELEASE, help=f"package version to accept (default {RELEASE})")
    parser.add_argument(
        "--source-id",
        default=SOURCE_ID,
        help=f"value of the source_id column (default {SOURCE_ID}); give a new id for a new release",
    )
    args = parser.parse_args(argv)
    try:
        version = package_version(args.package)
        if version != args.release:
            raise ExtractionError(
                f"package version is {version}, expected {args.release}; "
                f"a new release needs --release {version} and its own --source-id"
            )
        check_md5(args.package, TABLE)
        rows, dropped = extract(read_population(args.package))
        write_csv(rows, args.source_id, args.out)
    except (ExtractionError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"release {version}: {len(rows)} rows written to {args.out} "
        f"({dropped} rows with no refugees and no asylum-seekers left out)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

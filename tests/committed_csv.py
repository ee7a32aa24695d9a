"""The committed CSVs read with the csv module, apart from nkarrivals.data: tests compute
their expected values from the files themselves, not from the functions under test."""

import csv

from nkarrivals import paths


def read_csv_rows(name: str) -> list[dict[str, str]]:
    with open(paths.DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))

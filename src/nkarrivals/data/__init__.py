"""The data stage: the CSVs in data/, what they must look like, and their validated loading.

- ``data.load``: read and validate the CSVs (`load_dataset`, `load_tables`, `validate`);
- ``data.schema``: each table's columns and rules, for the loader, datapackage.json and the dictionary;
- ``data.rules``: the rules across rows and tables;
- ``data.problems``: what validation finds; ``data.dates``: partial dates and the clock;
- ``data.datapackage``: the Frictionless descriptor and the data dictionary, generated.
"""

from nkarrivals.data.load import (
    Dataset,
    check_data_dir,
    folder_problem,
    load_dataset,
    load_records,
    load_tables,
    validate,
)
from nkarrivals.data.problems import DataValidationError, Problem

__all__ = [
    "DataValidationError",
    "Dataset",
    "Problem",
    "check_data_dir",
    "folder_problem",
    "load_dataset",
    "load_records",
    "load_tables",
    "validate",
]

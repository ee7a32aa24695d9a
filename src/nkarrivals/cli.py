"""The ``nkarrivals`` command (also ``python -m nkarrivals``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DIR",
                        help="read the CSVs from DIR instead of the package's data/ folder")


def _cmd_validate(args: argparse.Namespace) -> int:
    from nkarrivals import data

    counts, problems = data.validate(args.data_dir)
    if problems:
        print(data.DataValidationError(problems), file=sys.stderr)
        return 1
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    print(f"OK: {len(counts)} tables valid ({summary} rows)")
    return 0


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from nkarrivals import datapackage

    target = datapackage.write(args.data_dir)
    print(f"wrote {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkarrivals",
        description="Sourced figures and charts of North Korean arrivals in South Korea.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every CSV in data/; exit 1 on any problem")
    _data_dir_option(validate)
    validate.set_defaults(run=_cmd_validate)

    package = commands.add_parser("datapackage", help="rewrite data/datapackage.json from the schema")
    _data_dir_option(package)
    package.set_defaults(run=_cmd_datapackage)

    from nkarrivals import export, notebooks

    export.add_command(commands, _data_dir_option)
    notebooks.add_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


def entry() -> None:
    """Console-script entry: run, flush, and leave without the slow interpreter
    teardown (freeing every figure and module costs a few tenths of a second)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

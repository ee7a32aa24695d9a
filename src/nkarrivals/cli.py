"""The ``nkarrivals`` command (also ``python -m nkarrivals``): every option is declared here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from nkarrivals.catalogue import CHARTS, FORMATS
from nkarrivals.i18n import LANGUAGES


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


def _cmd_export(args: argparse.Namespace) -> int:
    from nkarrivals import export, i18n
    from nkarrivals.data import DataValidationError

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        result = export.export_charts(args.only or None, data_dir=args.data_dir, out_dir=args.out,
                                      formats=formats, lang=args.lang, workers=os.cpu_count() or 1)
    except DataValidationError as error:
        print(error, file=sys.stderr)
        print("nothing exported", file=sys.stderr)
        return 1
    except (i18n.FontMissingError, KeyError, ValueError) as error:
        print(f"error: {error.args[0] if error.args else error}", file=sys.stderr)
        print("nothing exported", file=sys.stderr)
        return 1
    return 1 if result.failed else 0


def _cmd_notebooks_run(args: argparse.Namespace) -> int:
    from nkarrivals import notebooks

    return notebooks.run(args.names, args.jobs, args.data_dir)


def _cmd_notebooks_report(args: argparse.Namespace) -> int:
    from nkarrivals import notebooks

    return notebooks.report(args.names, args.out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkarrivals",
        description="Sourced figures and charts of North Korean arrivals in South Korea.")
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", type=Path, default=None, metavar="DIR",
                          help="read the CSVs from DIR instead of the package's data/ folder")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[data_dir],
                                   help="check every CSV in data/; exit 1 on any problem")
    validate.set_defaults(run=_cmd_validate)

    package = commands.add_parser("datapackage", parents=[data_dir],
                                  help="rewrite data/datapackage.json from the schema")
    package.set_defaults(run=_cmd_datapackage)

    export = commands.add_parser("export", parents=[data_dir],
                                 help="write every chart as PNG, SVG and PDF, its data (CSV) and metadata (JSON), "
                                      "with alt text")
    export.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder to write into (default: charts/)")
    export.add_argument("--format", default=",".join(FORMATS),
                        help=f"comma-separated formats (default: {','.join(FORMATS)}); the alt text is always written")
    export.add_argument("--only", nargs="+", choices=list(CHARTS), metavar="NAME",
                        help="export only these charts: " + ", ".join(CHARTS))
    export.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the chart text")
    export.set_defaults(run=_cmd_export)

    notebooks = commands.add_parser("notebooks", help="rerun the notebooks in place, or write HTML reports")
    actions = notebooks.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = actions.add_parser("run", parents=[data_dir], help="execute notebooks in place (all by default)")
    run.add_argument("names", nargs="*", help="notebook file names or stems")
    run.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: cores + 1)")
    run.set_defaults(run=_cmd_notebooks_run)
    report = actions.add_parser("report", help="write each notebook as HTML into reports/")
    report.add_argument("names", nargs="*")
    report.add_argument("--out", type=Path, default=None, metavar="DIR")
    report.set_defaults(run=_cmd_notebooks_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


def entry() -> None:
    """Console-script entry: run, flush, and leave without the slow interpreter
    teardown (freeing every figure and module costs a few tenths of a second)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

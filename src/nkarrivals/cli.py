"""The ``nkarrivals`` command (also ``python -m nkarrivals``): every option is declared here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from nkarrivals import __version__
from nkarrivals.charts import CHARTS, FORMATS, UnknownChartError, check_chart_name
from nkarrivals.data.problems import DataValidationError
from nkarrivals.files import WriteError, display_path
from nkarrivals.output.notebooks import UnknownNotebookError
from nkarrivals.text.i18n import LANGUAGES, FontMissingError


def _cmd_validate(args: argparse.Namespace) -> int:
    from nkarrivals import data

    counts, problems = data.validate(args.data_dir)
    if problems:
        raise DataValidationError(problems)
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    print(f"OK: {len(counts)} tables valid ({summary} rows)")
    print()
    return _cmd_latest(args)


def _cmd_latest(args: argparse.Namespace) -> int:
    from nkarrivals.output import latest

    lang = getattr(args, "lang", "en")
    print(latest.summary(latest.latest_figures(lang, args.data_dir), lang))
    return 0


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from nkarrivals.data import datapackage

    target = datapackage.write(args.data_dir)
    print(f"wrote {target}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from nkarrivals.charts import has_compact_variant
    from nkarrivals.output import export

    if args.compact:
        for name in args.only or ():
            if not has_compact_variant(name):
                return _fail(f"nkarrivals export: {name} has no compact variant; leave it out of --only", 2)

    result = export.export_charts(
        args.only or None,
        data_dir=args.data_dir,
        out_dir=args.out,
        formats=args.format,
        lang=args.lang,
        workers=os.cpu_count() or 1,
        compact=args.compact,
        scale=args.scale,
    )
    return 1 if result.failed else 0


def _cmd_notebooks_run(args: argparse.Namespace) -> int:
    from nkarrivals.output import notebooks

    return notebooks.run(args.names, args.jobs, args.data_dir)


def _cmd_notebooks_report(args: argparse.Namespace) -> int:
    from nkarrivals.output import notebooks

    return notebooks.report(args.names, args.out)


def _cmd_site(args: argparse.Namespace) -> int:
    from nkarrivals.output import site

    site.build(args.out)
    return 0


class _Parser(argparse.ArgumentParser):
    """Reports a usage error in one line rather than the usage text followed by the message."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


def _chart_name(text: str) -> str:
    try:
        check_chart_name(text)
    except UnknownChartError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _formats(text: str) -> list[str]:
    from nkarrivals.output.export import check_format

    formats = [f.strip() for f in text.split(",") if f.strip()]
    if not formats:
        raise argparse.ArgumentTypeError("no format given")
    try:
        for fmt in formats:
            check_format(fmt)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return formats


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nkarrivals", description="Sourced figures and charts of North Korean arrivals in South Korea."
    )
    # "nkarrivals 2026.12.0": the release to cite (CITATION.cff and CHANGELOG.md say the same).
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    data_dir = _Parser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="read the CSVs from DIR instead of the package's data/ folder",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", parents=[data_dir], help="check every CSV in data/; exit 1 on any problem"
    )
    validate.set_defaults(run=_cmd_validate, nothing_done="")

    latest = commands.add_parser(
        "latest",
        parents=[data_dir],
        help="print the latest year, half-year and quarter, and the cumulative total, with their sources",
    )
    latest.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the summary")
    latest.set_defaults(run=_cmd_latest, nothing_done="")

    package = commands.add_parser(
        "datapackage", parents=[data_dir], help="rewrite data/datapackage.json from the schema"
    )
    package.set_defaults(run=_cmd_datapackage, nothing_done="datapackage.json not written")

    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help="write every chart as PNG, SVG and PDF, its data (CSV) and metadata (JSON), with alt text",
    )
    export.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder to write into (default: charts/)")
    export.add_argument(
        "--format",
        type=_formats,
        default=",".join(FORMATS),
        help=f"comma-separated formats (default: {','.join(FORMATS)}); the alt text is always written",
    )
    export.add_argument(
        "--only", nargs="+", type=_chart_name, metavar="NAME", help="export only these charts: " + ", ".join(CHARTS)
    )
    export.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the chart text")
    export.add_argument(
        "--compact",
        action="store_true",
        help="the compact variant for the web and social media: 1200 x 675 px, no strip, as NAME.compact.*",
    )
    export.add_argument(
        "--scale", type=_positive, default=1, metavar="N", help="PNGs at N times the pixels (default: 1)"
    )
    export.set_defaults(run=_cmd_export, nothing_done="nothing exported")

    notebooks = commands.add_parser("notebooks", help="rerun the notebooks in place, or write HTML reports")
    actions = notebooks.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = actions.add_parser("run", parents=[data_dir], help="execute notebooks in place (all by default)")
    run.add_argument("names", nargs="*", help="notebook file names or stems")
    run.add_argument("--jobs", type=_positive, default=None, help="notebooks run at once (default: cores + 1)")
    run.set_defaults(run=_cmd_notebooks_run, nothing_done="no notebook run")
    report = actions.add_parser("report", help="write each notebook as HTML into reports/")
    report.add_argument("names", nargs="*")
    report.add_argument("--out", type=Path, default=None, metavar="DIR")
    report.set_defaults(run=_cmd_notebooks_report, nothing_done="")

    site = commands.add_parser(
        "site",
        help="build the static website: every chart, the notebooks and the data, in English and Korean",
    )
    site.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="folder to build into, emptied first (default: site/)"
    )
    site.set_defaults(run=_cmd_site, nothing_done="site not built")
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _data_problems(error: DataValidationError) -> str:
    """One problem on one line; several under a line that counts them."""
    if len(error.problems) == 1:
        return str(error.problems[0])
    return str(error)


def _system_refused(error: OSError) -> str:
    names = [display_path(Path(os.fsdecode(n))) for n in (error.filename, error.filename2) if n is not None]
    return ": ".join([error.strerror or str(error), *names])


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every expected failure ends in one line starting 'error: ' (data
    problems: one line each) and a non-zero exit: 2 for a usage error, 1 otherwise."""
    args = build_parser().parse_args(argv)
    done = f"{args.nothing_done}: " if args.nothing_done else ""
    try:
        return int(args.run(args))
    except DataValidationError as error:
        return _fail(done + _data_problems(error))
    except FontMissingError as error:
        return _fail(done + str(error))
    except WriteError as error:
        return _fail(str(error))
    except (UnknownChartError, UnknownNotebookError) as error:
        return _fail(done + str(error), 2)
    except OSError as error:  # anything else the system refused, still in one line
        return _fail(done + _system_refused(error))


def entry() -> None:
    """Console-script entry."""
    sys.exit(main())

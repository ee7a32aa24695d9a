"""Builders of who arrives (MOU's cumulative profiles by age, occupation, education and
province of origin) and where else North Koreans seek protection (UNHCR's DPRK-origin
refugees and asylum-seekers outside South Korea).

Each takes its figures from its facts (``nkarrivals.facts``) and its frame from
``nkarrivals.framing``; ``nkarrivals.catalogue`` registers them.
"""

from __future__ import annotations

import re

import pandas as pd

from nkarrivals.analysis import facts
from nkarrivals.charts.base import Chart, covid_events, finished, framed
from nkarrivals.data import Dataset
from nkarrivals.data.schema import PROFILE_CATEGORIES
from nkarrivals.text import i18n

SHARE_PANELS = ("age_at_arrival", "occupation", "education")  # then the province of origin
ORIGIN = "province"


def _category(category: str, lang: str) -> str:
    return i18n.label("profile_category", category, lang)


def _in_sentence(label: str, lang: str) -> str:
    """An English category label inside a sentence: 'Workers' -> 'workers'."""
    return label[:1].lower() + label[1:] if lang == "en" else label


def _pct(value: float, lang: str) -> str:
    return i18n.percent(value, lang)


def _tops(found: facts.ProfileFacts, lang: str) -> str:
    """The largest group of each dimension and series, for alt text."""
    parts = []
    for dimension in SHARE_PANELS:
        tops = [t for t in found.tops if t.dimension == dimension]
        if not tops:
            continue
        listed = [
            i18n.text(
                "profile_top",
                lang,
                series=i18n.text(f"profile_series_{t.series}", lang),
                category=_in_sentence(_category(t.category, lang), lang),
                share=_pct(t.share_pct, lang),
            )
            for t in tops
        ]
        parts.append(
            i18n.text(
                "profile_tops_of",
                lang,
                dimension=_in_sentence(i18n.text(f"profile_panel_{dimension}", lang), lang),
                tops=", ".join(listed),
            )
        )
    return ("; " if lang == "en" else " ").join(parts)  # Korean: one sentence per dimension


def _origin_text(origin: pd.DataFrame, lang: str) -> str:
    """Each province's partial figures, largest first, for alt text."""
    parts = []
    order = origin.groupby("category")["people"].max().sort_values(ascending=False, kind="stable").index
    for category in order:
        rows = origin[origin["category"] == category].sort_values("as_of", ascending=False)
        figures = [
            i18n.text(
                "profile_origin_figure",
                lang,
                date=i18n.partial_date(r["as_of"], lang),
                people=i18n.count(r["people"], lang),
            )
            for _, r in rows.iterrows()
        ]
        parts.append(
            i18n.text(
                "profile_origin_item",
                lang,
                province=_category(category, lang),
                figures=(", " if lang == "en" else "·").join(figures),
            )
        )
    return ("; " if lang == "en" else ", ").join(parts)


def _profile_values(found: facts.ProfileFacts, lang: str) -> dict:
    men, women = found.top("occupation", "men"), found.top("occupation", "women")
    if found.women_share_pct is None or found.women_share_as_of is None or men is None or women is None:
        raise ValueError("profiles.csv has no complete snapshot by sex: the profile chart needs one")
    shares = found.shares
    split_dates = shares.loc[shares["series"] != "everyone", "as_of"]
    total_dates = shares.loc[shares["series"] == "everyone", "as_of"]
    no_women = [d for d in SHARE_PANELS if not ((shares["dimension"] == d) & (shares["series"] == "women")).any()]
    change = found.largest_change
    compared = None if change is None else found.dimension(change[0])
    span = (
        None
        if compared is None or compared.first is None or compared.latest is None
        else (
            compared.first.as_of,
            compared.latest.as_of,
        )
    )
    values = dict(
        women_share=_pct(found.women_share_pct, lang),
        women_top=_in_sentence(_category(women.category, lang), lang),
        women_top_pct=_pct(women.share_pct, lang),
        men_top=_in_sentence(_category(men.category, lang), lang),
        men_top_pct=_pct(men.share_pct, lang),
        women_date=i18n.partial_date(found.women_share_as_of, lang),
        split_date=i18n.partial_date(split_dates.max(), lang),
        total_date=i18n.partial_date(total_dates.max(), lang),
        tops=_tops(found, lang),
        origin=_origin_text(found.origin, lang),
        origin_dates=i18n.text(
            "profile_and",
            lang,
            first=i18n.partial_date(found.origin["as_of"].min(), lang),
            last=i18n.partial_date(found.origin["as_of"].max(), lang),
        ),
        **{
            key: ""
            if not no_women
            else i18n.text(
                f"arrivals_profile_{key}",
                lang,
                dimensions=", ".join(i18n.text(f"profile_panel_{d}", lang) for d in no_women),
            )
            for key in ("no_women", "no_women_alt")
        },
        change=""
        if change is None or span is None
        else i18n.text(
            "arrivals_profile_change",
            lang,
            points=f"{abs(change[1].change_points):.2f}",
            first=i18n.partial_date(span[0], lang),
            last=i18n.partial_date(span[1], lang),
        ),
        error="".join(
            i18n.text(
                "arrivals_profile_error",
                lang,
                date=i18n.partial_date(e.as_of, lang),
                category=_category(e.category, lang),
                published=i18n.count(e.published_total, lang),
                male=i18n.count(e.male, lang),
                female=i18n.count(e.female, lang),
                both=i18n.count(e.male + e.female, lang),
            )
            for e in found.errors
        ),
    )
    return values


def build_arrivals_profile(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts
    from nkarrivals.draw import who_where as charts_who_where

    name = "arrivals-profile"
    found = facts.profile_facts(dataset)
    shares, origin = found.shares, found.origin
    values = _profile_values(found, lang)
    source = _profile_source(dataset, [*shares["source_id"], *origin["source_id"]], lang)
    fig, words = framed(
        name,
        lang,
        values,
        source,
        rows=2,
        columns=2,
        plot_height=6.6,
        left_margin=2.05 if lang == "en" else 1.75,
        column_gap=2.3 if lang == "en" else 1.9,
        row_gap=0.95,
        title_room=0.3,
    )
    axes = fig.axes
    legends = []
    for ax, dimension in zip(axes, SHARE_PANELS, strict=False):
        rows = shares[shares["dimension"] == dimension]
        categories = [c for c in PROFILE_CATEGORIES[dimension] if c in set(rows["category"])]
        labels = {
            series: i18n.text(f"profile_legend_{series}", lang, date=i18n.partial_date(group["as_of"].iloc[0], lang))
            for series, group in rows.groupby("series", sort=False)
        }
        legends.append(labels)
        charts_who_where.plot_profile_panel(
            ax,
            rows,
            categories,
            labels,
            {c: _category(c, lang) for c in categories},
            rows["share_pct"].max() * charts.HEADROOM,
        )
        ax.set_title(i18n.text(f"profile_panel_{dimension}", lang), loc="left", fontsize=11, fontweight="bold")
        ax.set_xlabel(i18n.text("profile_share_axis", lang))
    # A legend in the first panel, and in any other that names a series the first does not.
    for ax, labels in zip(axes, legends, strict=False):
        if ax is axes[0] or not set(labels.values()) <= set(legends[0].values()):
            _ordered_legend(ax, list(labels.values()))
    origin_ax = axes[len(SHARE_PANELS)]
    provinces = [c for c in PROFILE_CATEGORIES[ORIGIN] if c in set(origin["category"])]
    dates = {
        d: i18n.text("profile_legend_origin", lang, date=i18n.partial_date(d, lang))
        for d in sorted(origin["as_of"].unique(), reverse=True)
    }  # the bars' date first
    charts_who_where.plot_origin_panel(origin_ax, origin, provinces, dates, {c: _category(c, lang) for c in provinces})
    origin_ax.set_title(i18n.text("profile_panel_province", lang), loc="left", fontsize=11, fontweight="bold")
    origin_ax.set_xlabel(i18n.text("profile_people_axis", lang))
    _ordered_legend(origin_ax, list(dates.values()))
    data = pd.concat(
        [
            shares.rename(columns={"category": "group"}),
            origin.rename(columns={"category": "group"}).assign(
                dimension=ORIGIN, series="everyone", share_pct=float("nan")
            ),
        ],
        ignore_index=True,
    )[["dimension", "group", "series", "as_of", "people", "share_pct", "source_id"]]
    return finished(dataset, name, lang, fig, words, data)


def _ordered_legend(ax, order: list[str]) -> None:
    """A legend in the lower right with its entries in `order` (matplotlib lists lines before bars)."""
    handles = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    ax.legend([handles[label] for label in order], order, loc="lower right", fontsize=9)


def _profile_source(dataset: Dataset, source_ids: list[str], lang: str) -> str:
    from nkarrivals import analysis

    names = analysis.source_publishers(dataset.sources, source_ids, lang)
    return i18n.text("profile_sources", lang, publishers=", ".join(names))


def _country(code: str, lang: str) -> str:
    return i18n.label("country", code, lang)


def build_protection_abroad(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts
    from nkarrivals.draw import who_where as charts_who_where

    name, events = "protection-abroad", dataset.events
    found = facts.protection_abroad_facts(dataset)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    hosts = [
        i18n.text(
            "abroad_host",
            lang,
            country=_country(h.country, lang),
            peak=count(h.peak),
            peak_year=h.peak_year,
            latest=count(h.latest),
            latest_year=found.latest_year,
        )
        for h in found.top_hosts
    ]
    values = dict(
        first_year=found.first_year,
        latest_year=found.latest_year,
        peak_year=found.peak_year,
        peak=count(found.peak),
        peak_refugees=count(found.peak_refugees),
        peak_asylum_seekers=count(found.peak_asylum_seekers),
        refugees_peak_year=found.refugees_peak_year,
        refugees_peak=count(found.refugees_peak),
        latest=count(found.latest),
        latest_refugees=count(found.latest_refugees),
        latest_asylum_seekers=count(found.latest_asylum_seekers),
        latest_countries=found.latest_countries,
        hosts_count=len(found.top_hosts),
        hosts=("; " if lang == "en" else ", ").join(hosts),
        **{
            key: ""
            if not found.missing_years
            else i18n.text(f"protection_abroad_{key}", lang, years=", ".join(map(str, found.missing_years)))
            for key in ("missing", "missing_alt")
        },
    )
    unhcr = dataset.unhcr
    source = _unhcr_source(dataset, unhcr["source_id"].unique(), lang)
    fig, words = framed(name, lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.0)
    totals_ax, hosts_ax = fig.axes
    charts_who_where.plot_abroad_totals(totals_ax, found.totals, lang)
    charts_who_where.plot_host_countries(
        hosts_ax, found.hosts_by_year, {c: _country(c, lang) for c in found.hosts_by_year}, lang
    )
    hosts_ax.set_xlim(*totals_ax.get_xlim())
    for ax in fig.axes:
        charts.shade_covid(ax, events, lang)
    totals_ax.legend(loc="upper left", ncols=2)
    lines = hosts_ax.get_lines()  # the countries, without the COVID-19 shading the panel above explains
    hosts_ax.legend(lines, [str(line.get_label()) for line in lines], loc="upper left")
    year_source = unhcr.groupby("year")["source_id"].agg(_one_source)
    totals = found.totals.reset_index()
    hosts_long = found.hosts_by_year.reset_index().melt(
        id_vars="year", var_name="country_of_asylum", value_name="refugees_and_asylum_seekers"
    )
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "series": "all_countries",
                    "year": totals["year"],
                    "country_of_asylum": "",
                    "refugees": totals["refugees"],
                    "asylum_seekers": totals["asylum_seekers"],
                    "refugees_and_asylum_seekers": totals["both"],
                }
            ),
            hosts_long.assign(series="country"),
        ],
        ignore_index=True,
    )
    data["source_id"] = data["year"].map(year_source)
    data = data[
        [
            "series",
            "year",
            "country_of_asylum",
            "refugees",
            "asylum_seekers",
            "refugees_and_asylum_seekers",
            "source_id",
        ]
    ].astype({"refugees": "Int64", "asylum_seekers": "Int64"})
    return finished(dataset, name, lang, fig, words, data, covid_events(events))


def _one_source(ids: pd.Series) -> str:
    unique = ids.unique()
    if len(unique) != 1:
        raise ValueError(f"unhcr_dprk_origin.csv mixes releases in one year: {', '.join(unique)}")
    return str(unique[0])


def _unhcr_source(dataset: Dataset, source_ids, lang: str) -> str:
    """UNHCR's database and the release of its data package each figure comes from (sources.csv's title)."""
    titles = dataset.sources.set_index("id").loc[list(source_ids), "title"]
    releases = [found.group(1) if (found := re.search(r"release ([\w.]+)", t)) else str(t) for t in titles]
    return i18n.text("unhcr_source", lang, release=", ".join(releases))

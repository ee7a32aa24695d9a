"""Who arrives: MOU's cumulative profiles by age, occupation, education and province of origin."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    finished,
    framed,
)
from nkarrivals.data import Dataset
from nkarrivals.data.schema import PROFILE_CATEGORIES
from nkarrivals.draw.axes import (
    COLORS,
    HEADROOM,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "arrivals-profile"
# Four panels of up to nine categories each need the full height: no 16:9 compact variant.
COMPACT_VARIANT = False


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
            else TEXT(
                key,
                lang,
                dimensions=", ".join(i18n.text(f"profile_panel_{d}", lang) for d in no_women),
            )
            for key in ("no_women", "no_women_alt")
        },
        change=""
        if change is None or span is None
        else TEXT(
            "change",
            lang,
            points=f"{abs(change[1].change_points):.2f}",
            first=i18n.partial_date(span[0], lang),
            last=i18n.partial_date(span[1], lang),
        ),
        error="".join(
            TEXT(
                "error",
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


PROFILE_STYLES = {  # colour, bar (True) or marker (False)
    "men": (COLORS["men"], True),
    "women": (COLORS["women"], True),
    "everyone": ("#000000", False),
}


def plot_profile_panel(
    ax: Axes,
    shares: pd.DataFrame,
    categories: list[str],
    labels: dict[str, str],
    category_labels: dict[str, str],
    xmax: float,
) -> Axes:
    """One dimension of who arrives: per category (top to bottom), a bar for the share of men
    and one for the share of women, and a diamond for the share of everyone; `shares` as
    ``profiles.shares_by_sex_and_everyone``. `labels` names each series in the legend,
    `xmax` is the panel's right edge in percent (shared by the panels drawn side by side)."""
    position = {c: i for i, c in enumerate(categories)}
    bars = [s for s, (_, is_bar) in PROFILE_STYLES.items() if is_bar and s in set(shares["series"])]
    height = 0.8 / max(len(bars), 1)
    for series, rows in shares.groupby("series", sort=False):
        color, is_bar = PROFILE_STYLES[series]
        y = rows["category"].map(position).astype(float)
        if is_bar:
            offset = (bars.index(series) - (len(bars) - 1) / 2) * height
            ax.barh(y + offset, rows["share_pct"], height=height * 0.92, color=color, label=labels[series], zorder=2)
        else:
            ax.plot(
                rows["share_pct"],
                y,
                linestyle="none",
                marker="D",
                markersize=5.5,
                color=color,
                markeredgecolor="white",
                markeredgewidth=0.8,
                label=labels[series],
                zorder=3,
            )
    ax.set_yticks(range(len(categories)), [category_labels[c] for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, xmax)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    return ax


def plot_origin_panel(
    ax: Axes, origin: pd.DataFrame, categories: list[str], labels: dict[str, str], category_labels: dict[str, str]
) -> Axes:
    """Province of origin from partial figures, in people: a bar for each province in the
    newest partial snapshot, a hollow diamond for each in earlier ones (`labels` by as_of)."""
    position = {c: i for i, c in enumerate(categories)}
    dates = sorted(origin["as_of"].unique())
    for as_of, rows in origin.groupby("as_of", sort=True):
        y = rows["category"].map(position).astype(float)
        if as_of == dates[-1]:
            ax.barh(y, rows["people"], height=0.55, color=COLORS["arrivals"], label=labels[as_of], zorder=2)
        else:
            ax.plot(
                rows["people"],
                y,
                linestyle="none",
                marker="D",
                markersize=5.5,
                markerfacecolor="white",
                markeredgecolor="#000000",
                markeredgewidth=1.2,
                label=labels[as_of],
                zorder=3,
            )
    ax.set_yticks(range(len(categories)), [category_labels[c] for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, origin["people"].max() * HEADROOM)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    return ax


def _ordered_legend(ax, order: list[str]) -> None:
    """A legend in the lower right with its entries in `order` (matplotlib lists lines before bars)."""
    handles = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    ax.legend([handles[label] for label in order], order, loc="lower right", fontsize=9)


def _profile_source(dataset: Dataset, source_ids: list[str], lang: str) -> str:

    names = i18n.source_publishers(dataset.sources, source_ids, lang)
    # The ministry's tables first, then the outlets that reported them (in Korean joined with ·),
    # so that no bracket reads as if it described the last outlet alone.
    mou = i18n.text("mou", lang)
    press = ("·" if lang == "ko" else ", ").join(name for name in names if name != mou)
    return i18n.text("profile_sources", lang, mou=mou, press=press)


def build(dataset: Dataset, lang: str) -> Chart:

    name = NAME
    found = facts.profile_facts(dataset)
    shares, origin = found.shares, found.origin
    values = _profile_values(found, lang)
    source = _profile_source(dataset, [*shares["source_id"], *origin["source_id"]], lang)
    fig, words = framed(
        name,
        TEXT,
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
        plot_profile_panel(
            ax,
            rows,
            categories,
            labels,
            {c: _category(c, lang) for c in categories},
            rows["share_pct"].max() * HEADROOM,
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
    plot_origin_panel(origin_ax, origin, provinces, dates, {c: _category(c, lang) for c in provinces})
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

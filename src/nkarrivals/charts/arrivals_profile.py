"""Who arrives: MOU's cumulative profiles by age and sex, occupation and education, and what the
partial figures say of province of origin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    finished,
    framed,
)
from nkarrivals.data import Dataset
from nkarrivals.data.schema import PROFILE_CATEGORIES
from nkarrivals.draw import axes, figure, palette
from nkarrivals.draw.figure import SMALL_SIZE, SUBTITLE_SIZE, TEXT_SIZE
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "arrivals-profile"
# A pyramid, two panels of eight categories and a statement need the full height: no 16:9 variant.
COMPACT_VARIANT = False

PYRAMID = "age_at_arrival"  # in people, men left and women right: the newest table split by sex
SHARE_PANELS = ("occupation", "education")  # the share of everyone: the newest table with totals
SORTED = {"occupation"}  # largest first; education keeps its levels in order
ORIGIN = "province"
BAR_HEIGHT = 0.72
SHARE_ROOM = 1.16  # the share axis ends this far beyond the largest share: room for its label
TICK_PAD = 0.06  # inches between a category label and its panel (matplotlib's 3.5-point pad)
COLUMN_SPACE = 0.4  # inches between the pyramid and the statement
ARRIVED_BY = "arrived_by_end_of_year"  # the CSV's dimension for the sums a derived share is set against


def _category(category: str, lang: str) -> str:
    return i18n.label("profile_category", category, lang)


def _share(value: float, lang: str) -> str:
    """A share as its label and the alt text write it: whole percentages, one decimal under 1%."""
    return i18n.percent(value, lang, 0 if round(value) >= 1 else 1)


def _about(low: float, high: float, lang: str) -> str:
    """A derived range of shares as the statement's lead rounds it: 'About 60%', the middle of
    the range to the nearest 5 (the statement gives the range itself)."""
    return TEXT("about", lang, pct=i18n.percent(round((low + high) / 2 / 5) * 5, lang))


def _ages(band: facts.AgeBand, lang: str) -> str:
    """'in their 20s or 30s' / '20~30대': MOU's age groups are decades, and the headline's two
    are neighbours. Groups that are not whole decades (0–9, 60 and over) have no words here yet."""
    if band.high is None or band.low == 0 or band.low % 10 or (band.high + 1) % 10:
        raise ValueError(f"no headline words for ages {band.low} to {band.high}: add them to arrivals_profile.toml")
    return TEXT("ages_decades", lang, low=band.low, high=band.high + 1 - 10)


def _listing(items: list[str], lang: str) -> str:
    """'a, b and c' / 'a, b, c'."""
    return ", ".join(items[:-1]) + TEXT("and_last", lang, last=items[-1]) if len(items) > 1 else items[0]


def _in_sentence(label: str, lang: str) -> str:
    """An English category label inside a sentence: 'Workers' -> 'workers'."""
    return label[:1].lower() + label[1:] if lang == "en" else label


def _origin_words(found: facts.OriginShare | None, lang: str) -> dict[str, str]:
    """The statement on province of origin: a lead (the largest province's derived share) and
    what it rests on; the same as alt text sentences; and the note's sentence on the derived
    share. Where arrivals.csv cannot give the sums to set it against, no share and no lead."""
    words = {"origin_lead": "", "origin_body": "", "origin_note": "", "origin_alt": ""}
    if found is None:
        return words
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    province, date = _category(found.category, lang), i18n.partial_date(found.as_of, lang)
    named = [f"{_category(r['category'], lang)} {count(r['people'])}" for _, r in found.named.iterrows()]
    listed = _listing(named, lang)
    body = {
        suffix: [TEXT(f"origin_named{suffix}", lang, date=date, count=len(named), named=listed)]
        for suffix in ("", "_alt")
    }
    lead: dict[str, list[str]] = {"": [], "_alt": []}
    shares = found.share_range_pct
    if shares is not None and found.before is not None and found.by is not None:
        low, high = shares
        derived = dict(
            people=count(found.people),
            before=count(found.before.people),
            before_year=found.before.year,
            by=count(found.by.people),
            by_year=found.by.year,
            low=i18n.percent(low, lang),
            high=i18n.percent(high, lang),
        )
        for suffix in lead:
            lead[suffix].append(TEXT(f"origin_lead{suffix}", lang, share=_about(low, high, lang), province=province))
            body[suffix].append(TEXT(f"origin_derived{suffix}", lang, **derived))
        words["origin_note"] = TEXT("origin_note", lang, before_year=found.before.year, by_year=found.by.year)
    words["origin_lead"] = " ".join(lead[""])
    words["origin_body"] = " ".join(body[""])
    words["origin_alt"] = " ".join([*lead["_alt"], *body["_alt"]])
    return words


def _values(found: facts.ProfileFacts, pyramid: pd.DataFrame, panels: dict[str, pd.DataFrame], lang: str) -> dict:
    band = found.age_band
    if band is None:
        raise ValueError("profiles.csv has no complete age table split by sex: the profile chart needs one")
    if band.share_pct <= 50:  # the headline says "more than half"
        raise ValueError(
            f"the two largest age groups hold {band.share_pct:.1f}%, not more than half: "
            "new headline words in arrivals_profile.toml"
        )
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    people = pyramid.pivot(index="category", columns="series", values="people")
    people = people.reindex([c for c in PROFILE_CATEGORIES[PYRAMID] if c in people.index])
    ages = [
        TEXT("pyramid_group", lang, age=_category(c, lang), men=count(row["men"]), women=count(row["women"]))
        for c, row in people.iterrows()
    ]
    listed = {
        dimension: ", ".join(
            f"{_in_sentence(_category(r['category'], lang), lang)} {_share(r['share_pct'], lang)}"
            for _, r in rows.iterrows()
        )
        for dimension, rows in panels.items()
    }
    dates = [i18n.partial_date(d, lang) for d in sorted({str(rows["as_of"].iloc[0]) for rows in panels.values()})]
    return dict(
        band_share=i18n.percent(band.share_pct, lang),
        ages=_ages(band, lang),
        pyramid_date=i18n.partial_date(band.as_of, lang),
        total_date=_listing(dates, lang),
        pyramid=("; " if lang == "en" else ", ").join(ages),
        base=count(band.base),
        men=count(band.men),
        women=count(band.women),
        women_share=i18n.percent(band.women_share_pct, lang),
        occupation=listed["occupation"],
        education=listed["education"],
        **_origin_words(found.origin_share, lang),
    )


def plot_pyramid(
    ax: Axes, people: pd.DataFrame, categories: list[str], category_labels: dict[str, str], men: str, women: str
) -> Axes:
    """Age at arrival in people: per age group (youngest at the bottom), men to the left and
    women to the right of a middle column that names the group, on one scale, each bar with its
    count at its end; `men` and `women` name the sides above the oldest group. `people` has a
    row per category and columns men and women. Each side is as wide as its bars and labels
    need, so the larger side is drawn larger. Call once the panel has its place in the figure."""
    width = _width(ax)
    left, right = people.loc[categories, "men"], people.loc[categories, "women"]
    middle = max(figure.text_width(category_labels[c], TEXT_SIZE) for c in categories) + 0.25  # inches
    room = max(figure.text_width(f"{v:,.0f}", SMALL_SIZE) for v in [*left, *right]) + 0.1
    per_inch = (left.max() + right.max()) / (width - middle - 2 * room)  # people per inch, both sides
    gap, pad = middle / 2 * per_inch, room * per_inch
    y = list(range(len(categories)))
    ax.barh(y, -left, left=-gap, height=BAR_HEIGHT, color=palette.MEN, zorder=2)
    ax.barh(y, right, left=gap, height=BAR_HEIGHT, color=palette.WOMEN, zorder=2)
    for position, (man, woman) in enumerate(zip(left, right, strict=True)):
        for value, side in ((man, -1), (woman, 1)):
            ha = "right" if side < 0 else "left"
            axes.value_label(ax, f"{value:,.0f}", (side * (gap + value), position), (side * 3, 0), ha=ha, va="center")
        ax.text(0, position, category_labels[categories[position]], ha="center", va="center", fontsize=TEXT_SIZE)
    top = len(categories) - 0.5
    for words, side in ((men, -1), (women, 1)):
        ax.text(side * gap, top, words, ha="right" if side < 0 else "left", va="bottom", fontsize=TEXT_SIZE)
    ax.set_xlim(-gap - left.max() - pad, gap + right.max() + pad)
    ax.set_ylim(-0.5, len(categories) + 0.3)  # a row above the oldest group for the sides' names
    ax.set_yticks([])
    _bare(ax)
    ax.spines["left"].set_visible(False)
    return ax


def plot_shares(ax: Axes, rows: pd.DataFrame, category_labels: dict[str, str], xmax: float, lang: str) -> Axes:
    """Each category's share of everyone (rows in the order drawn, top to bottom) as a bar with
    its share at its end; `xmax` the share axis's end, the same for every panel."""
    y = range(len(rows))
    ax.barh(y, rows["share_pct"], height=BAR_HEIGHT, color=palette.ARRIVALS, zorder=2)
    for position, share in zip(y, rows["share_pct"], strict=True):
        axes.value_label(ax, _share(share, lang), (share, position), (3, 0), ha="left", va="center")
    ax.set_yticks(list(y), [category_labels[c] for c in rows["category"]])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, xmax)
    _bare(ax)
    return ax


def _bare(ax: Axes) -> None:
    """Direct labels instead of an x-axis: no ticks, no gridlines, no frame but the baseline."""
    ax.xaxis.set_visible(False)
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    for spine in ("top", "right", "bottom"):
        ax.spines[spine].set_visible(False)


def write_statement(ax: Axes, lead: str, body: str) -> None:
    """A panel of words under its title: the lead in bold, what it rests on under it, both
    wrapped to the panel."""
    ax.set_axis_off()
    width = _width(ax)
    lead_lines = figure.wrap(lead, SUBTITLE_SIZE, width, weight="bold")
    ax.annotate(
        "\n".join(lead_lines),
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, -TEXT_SIZE * 0.6),
        textcoords="offset points",
        va="top",
        fontsize=SUBTITLE_SIZE,
        fontweight="bold",
    )
    below = TEXT_SIZE * 1.2 + len(lead_lines) * SUBTITLE_SIZE * 1.2  # points
    ax.annotate(
        "\n".join(figure.wrap(body, TEXT_SIZE, width)),
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, -below),
        textcoords="offset points",
        va="top",
        fontsize=TEXT_SIZE,
        linespacing=1.35,
        color=palette.TEXT,
    )


def _profile_source(dataset: Dataset, source_ids: list[str], lang: str) -> str:

    names = i18n.source_publishers(dataset.sources, source_ids, lang)
    # The ministry's tables first, then the outlets that reported them (in Korean joined with ·),
    # so that no bracket reads as if it described the last outlet alone.
    mou = i18n.text("mou", lang)
    press = ("·" if lang == "ko" else ", ").join(name for name in names if not mou.startswith(name))
    return i18n.text("profile_sources", lang, mou=mou, press=press)


def _width(ax: Axes) -> float:
    """A panel's width in inches (charts are drawn on a whole figure, never a subfigure)."""
    return ax.get_position().width * cast(Figure, ax.figure).get_figwidth()


def _label_width(labels: Sequence[str]) -> float:
    """Inches from the left of the widest category label to its panel (the tick pad included)."""
    return max(figure.text_width(label, TEXT_SIZE) for label in labels) + TICK_PAD


def _layout(fig, share_labels: list[list[str]]) -> tuple[Axes, Axes, list[Axes]]:
    """Two columns, each starting where its share panel's category labels start: the pyramid
    over the occupations, the statement over the education levels. The frame gives a grid of
    two by two; the top row's panels are moved into those columns."""
    pyramid_ax, statement_ax, *share_axes = fig.axes
    inches = fig.get_figwidth()
    lefts = [
        ax.get_position().x0 * inches - _label_width(labels)
        for ax, labels in zip(share_axes, share_labels, strict=True)
    ]
    top = pyramid_ax.get_position()
    right = share_axes[-1].get_position().x1 * inches
    pyramid_ax.set_position([lefts[0] / inches, top.y0, (lefts[1] - COLUMN_SPACE - lefts[0]) / inches, top.height])
    statement_ax.set_position([lefts[1] / inches, top.y0, (right - lefts[1]) / inches, top.height])
    return pyramid_ax, statement_ax, share_axes


def _title(ax: Axes, words: str, labels: Sequence[str] = ()) -> None:
    """A panel's title, from the left of its category labels where it has them."""
    x = -_label_width(labels) / _width(ax) if labels else 0
    ax.set_title(words, loc="left", x=x, fontsize=TEXT_SIZE, fontweight="bold")


def _rows(found: facts.ProfileFacts, panels: dict[str, pd.DataFrame], pyramid: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: the pyramid in people (share_pct: of everyone in its table), the shares
    of everyone, the provinces named and, flagged derived, the sums of arrivals the province's
    share is set against."""
    base = pyramid["people"].sum()
    parts = [
        pyramid.assign(dimension=PYRAMID, share_pct=pyramid["people"] / base * 100),
        *(rows.assign(dimension=dimension) for dimension, rows in panels.items()),
    ]
    origin = found.origin_share
    if origin is not None:
        parts.append(origin.named.assign(dimension=ORIGIN, series="everyone", as_of=origin.as_of))
        for arrived in (origin.before, origin.by):
            if arrived is not None:
                parts.append(
                    pd.DataFrame(
                        {
                            "dimension": [ARRIVED_BY],
                            "category": ["all"],
                            "series": ["everyone"],
                            "as_of": [f"{arrived.year}-12"],
                            "people": [arrived.people],
                            "source_id": [arrived.source_id],
                            "derived": [True],
                        }
                    )
                )
    data = pd.concat(parts, ignore_index=True).rename(columns={"category": "group"})
    data["derived"] = data["derived"].astype("boolean").fillna(False).astype(bool)
    data["share_pct"] = data["share_pct"].astype("float64")
    data = data.astype({"people": "int64"})
    return data[["dimension", "group", "series", "as_of", "people", "share_pct", "derived", "source_id"]]


def build(dataset: Dataset, lang: str) -> Chart:

    name = NAME
    found = facts.profile_facts(dataset)
    shares = found.shares
    pyramid = shares[(shares["dimension"] == PYRAMID) & shares["series"].isin(["men", "women"])]
    pyramid = pyramid.drop(columns=["dimension", "share_pct"]).reset_index(drop=True)
    panels = {}
    for dimension in SHARE_PANELS:
        rows = shares[(shares["dimension"] == dimension) & (shares["series"] == "everyone")]
        if rows.empty:
            raise ValueError(f"profiles.csv has no complete {dimension} table with totals: the profile chart needs one")
        rows = rows.drop(columns="dimension").astype({"share_pct": "float64"})
        if dimension in SORTED:
            rows = rows.sort_values("share_pct", ascending=False, kind="stable")
        panels[dimension] = rows.reset_index(drop=True)
    values = _values(found, pyramid, panels, lang)
    data = _rows(found, panels, pyramid)
    source = _profile_source(dataset, list(data["source_id"]), lang)
    fig, words = framed(
        name,
        TEXT,
        lang,
        values,
        source,
        rows=2,
        columns=2,
        plot_height=6.4,
        left_margin=2.65 if lang == "en" else 1.75,
        column_gap=1.75 if lang == "en" else 1.9,
        row_gap=0.75,
        title_room=0.3,
    )
    labels = {dimension: [_category(c, lang) for c in rows["category"]] for dimension, rows in panels.items()}
    age_ax, origin_ax, share_axes = _layout(fig, list(labels.values()))
    ages = [c for c in PROFILE_CATEGORIES[PYRAMID] if c in set(pyramid["category"])]
    people = pyramid.pivot(index="category", columns="series", values="people")
    sides = (TEXT("men_side", lang, count=values["men"]), TEXT("women_side", lang, count=values["women"]))
    plot_pyramid(age_ax, people, ages, {c: _category(c, lang) for c in ages}, *sides)
    _title(age_ax, i18n.text(f"profile_panel_{PYRAMID}", lang))
    xmax = max(rows["share_pct"].max() for rows in panels.values()) * SHARE_ROOM  # one share axis for both
    for ax, (dimension, rows) in zip(share_axes, panels.items(), strict=True):
        plot_shares(ax, rows, dict(zip(rows["category"], labels[dimension], strict=True)), xmax, lang)
        _title(ax, i18n.text(f"profile_panel_{dimension}", lang), labels[dimension])
    _title(origin_ax, i18n.text(f"profile_panel_{ORIGIN}", lang))
    write_statement(origin_ax, values["origin_lead"], values["origin_body"])
    return finished(dataset, name, lang, fig, words, data)

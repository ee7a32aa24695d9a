"""The timeline strip under a time series: one lane per kind of event, a bar for each
period, a dot for each one-off event, and labels packed so that none collide.

The strip is planned before the figure exists (:func:`plan` measures every label and
packs the labels into as few rows as they allow), so the figure can be made exactly
tall enough; :func:`draw` then draws the plan on the strip's Axes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from nkarrivals.data.schema import EVENT_CATEGORIES
from nkarrivals.text import i18n, korean

LANE_COLORS = {
    "covid": "#E69F00",
    "surveillance": "#0072B2",
    "border-control": "#D55E00",
    "repatriation": "#CC79A7",
    "politics": "#666666",
}
LABEL_SIZE = 8.5
ROW_INCHES = 0.22  # one row of labels
PAD_INCHES = 0.07  # between a mark and its label
GAP_INCHES = 0.12  # least space between two labels in one row
MARK_INCHES = 0.05  # half the width of a dot
_MEASURE_DPI = 100


@dataclass(frozen=True)
class Item:
    """One mark in the strip and its label, placed in a row."""

    category: str
    text: str
    kind: str  # "period", "event" or "estimate"
    x: float  # where the mark starts: a period's start (clipped to the view) or a dot
    x_end: float | None  # a period's end (the view's edge while it lasts); None for a dot
    ongoing: bool
    label_x: float  # where the label is anchored
    label_align: str  # "left" or "right" of label_x
    row: int  # counted from the top of the strip
    when: str  # the dates, written out for alt text: "May 2015 to 2020"
    record: dict[str, object]  # what the chart's data table says of this mark
    cut: bool = False  # a period that began before the view: its bar has no start tick


@dataclass(frozen=True)
class _Mark:
    category: str
    text: str
    kind: str
    x: float
    x_end: float | None
    ongoing: bool
    when: str
    record: dict[str, object]
    cut: bool = False


@dataclass(frozen=True)
class Lane:
    category: str
    first_row: int
    rows: int


@dataclass(frozen=True)
class Strip:
    items: tuple[Item, ...]
    lanes: tuple[Lane, ...]
    xlim: tuple[float, float]

    @property
    def rows(self) -> int:
        return sum(lane.rows for lane in self.lanes)

    @property
    def height(self) -> float:
        """Height of the strip in inches: none without marks."""
        return self.rows * ROW_INCHES + 0.08 if self.items else 0.0


def _text_width(text: str) -> float:
    """Width of a label in inches, in the current house style's font."""
    renderer = RendererAgg(10, 10, _MEASURE_DPI)
    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=LABEL_SIZE), ismath=False)
    return width / _MEASURE_DPI


def event_label(event: pd.Series, lang: str) -> str:
    """An event's own label in `lang`, as events.csv gives it."""
    return str(event["label_ko"] if lang == "ko" else event["label"])


def event_text(event: pd.Series, lang: str) -> str:
    """The label an event carries in the strip: its own, plus 'ongoing' or 'alleged'."""
    text = event_label(event, lang)
    if event["status"] == "alleged":
        text = i18n.text("event_alleged", lang, label=text)
    if event["end"] == "ongoing":
        text = i18n.text("event_ongoing", lang, label=text)
    return text


def estimate_count(estimate: pd.Series, lang: str) -> str:
    """'349 million' / '3억4900만'."""
    cameras = int(estimate["cameras"])
    return korean.man_eok(cameras) if lang == "ko" else f"{cameras / 1e6:g} million"


def _estimator_code(estimate: pd.Series) -> str:
    """The estimator as the end of a translation key: 'IHS Markit' -> 'ihs_markit'."""
    return re.sub(r"[^a-z0-9]+", "_", str(estimate["estimator"]).lower()).strip("_")


def estimate_text(estimate: pd.Series, lang: str) -> str:
    """The strip's label, naming who estimated, since estimates by different estimators are not
    one series: '349 million cameras (IHS Markit estimate)' / '카메라 3억4900만대(IHS마킷 추정)'."""
    estimator = i18n.label("estimator", _estimator_code(estimate), lang)
    return i18n.text("camera_estimate", lang, count=estimate_count(estimate, lang), estimator=estimator)


def estimate_record_label(estimate: pd.Series, lang: str) -> str:
    """The estimate in the data table and alt text, with the estimator described:
    '중국 내 감시카메라 2억대(보안 정보 사이트 Precisesecurity.com 추정)'."""
    estimator = i18n.label("estimator_described", _estimator_code(estimate), lang)
    return i18n.text("camera_estimate_source", lang, count=estimate_count(estimate, lang), estimator=estimator)


def plan(
    spans: pd.DataFrame, estimates: pd.DataFrame | None, xlim: tuple[float, float], width: float, lang: str
) -> Strip:
    """Place every event (`spans`: ``analysis.event_spans``) and camera estimate that falls inside
    `xlim` (call inside house_style).

    `width` is the strip's width in inches. Within each lane, marks are taken in time order
    and each label goes into the first row where it collides with nothing.
    """
    low, high = xlim
    per_inch = (high - low) / width
    marks: list[_Mark] = []
    for _, event in spans.iterrows():
        when = i18n.date_span(event["start"], None if pd.isna(event["end"]) else event["end"], lang)
        record = {
            "layer": "event",
            "start": event["start"],
            "end": "" if pd.isna(event["end"]) else event["end"],
            "category": event["category"],
            "status": event["status"],
            "label": event_label(event, lang),
            "source_id": event["source_id"],
        }
        if event["is_period"]:
            end = high if event["ongoing"] else float(event["x_end"])
            if end <= low or event["x_start"] >= high:
                continue
            marks.append(
                _Mark(
                    event["category"],
                    event_text(event, lang),
                    "period",
                    max(float(event["x_start"]), low),
                    min(end, high),
                    bool(event["ongoing"]),
                    when,
                    record,
                    cut=float(event["x_start"]) < low,
                )
            )
        elif low <= event["x"] <= high:
            marks.append(
                _Mark(event["category"], event_text(event, lang), "event", float(event["x"]), None, False, when, record)
            )
    if estimates is not None:
        for _, estimate in estimates[~estimates["forecast"].astype(bool)].iterrows():
            x = float(estimate["year"]) + 0.5
            if low <= x <= high:
                text = estimate_text(estimate, lang)
                label = estimate_record_label(estimate, lang)
                record = {
                    "layer": "camera_estimate",
                    "start": str(estimate["year"]),
                    "end": "",
                    "category": "surveillance",
                    "status": "",
                    "label": label,
                    "source_id": estimate["source_id"],
                }
                marks.append(
                    _Mark(
                        "surveillance",
                        text,
                        "estimate",
                        x,
                        None,
                        False,
                        i18n.date_span(str(estimate["year"]), None, lang),
                        record,
                    )
                )

    items: list[Item] = []
    lanes: list[Lane] = []
    next_row = 0
    for category in EVENT_CATEGORIES:
        mine = sorted((m for m in marks if m.category == category), key=lambda m: m.x)
        if not mine:
            continue
        taken: list[list[tuple[float, float]]] = []  # per row: occupied (from, to) in data units
        pad, gap, mark = PAD_INCHES * per_inch, GAP_INCHES * per_inch, MARK_INCHES * per_inch
        for mark_ in mine:
            x, x_end = mark_.x, mark_.x_end
            width = _text_width(mark_.text) * per_inch
            end = x_end if x_end is not None else x + mark
            # The label after the mark (over a period's bar), or else before it. A label longer
            # than its bar goes wholly beside the bar, after its end or else before its start:
            # half on the colour and half off it looks like a mistake.
            on_bar = x_end is None or x + pad + width <= x_end - pad
            after = x + pad if on_bar else end + pad
            placements = [
                (after, "left", (x - mark, max(end, after + width))),
                (x - pad, "right", (x - pad - width, end)),
            ]
            fitting = [p for p in placements if p[2][0] >= low and p[2][1] <= high] or placements[:1]

            def free(row: list[tuple[float, float]], span: tuple[float, float], gap: float = gap) -> bool:
                return all(span[0] >= b + gap or span[1] + gap <= a for a, b in row)

            row, (label_x, align, span) = next(
                ((i, p) for i, used in enumerate(taken) for p in fitting if free(used, p[2])), (len(taken), fitting[0])
            )
            if row == len(taken):
                taken.append([])
            taken[row].append(span)
            items.append(
                Item(
                    category,
                    mark_.text,
                    mark_.kind,
                    x,
                    x_end,
                    mark_.ongoing,
                    label_x,
                    align,
                    next_row + row,
                    mark_.when,
                    mark_.record,
                    mark_.cut,
                )
            )
        lanes.append(Lane(category, next_row, len(taken)))
        next_row += len(taken)
    return Strip(tuple(items), tuple(lanes), xlim)


def _date_key(start: str) -> tuple[int, int, int]:
    """A start date as a sort key that puts what is known only to the month after every day of that
    month, and what is known only to the year after every month of it: 'December 2011' may have come
    after 17 December 2011, so a list in date order must not say it came first."""
    parts = [int(part) for part in start.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32


def _in_date_order(strip: Strip) -> list[Item]:
    # By when each mark starts, as precisely as that is known; ties are broken the same way in every language.
    return sorted(
        strip.items,
        key=lambda item: (
            _date_key(str(item.record["start"])),
            EVENT_CATEGORIES.index(item.category),
            str(item.record["source_id"]),
        ),
    )


def records(strip: Strip) -> pd.DataFrame:
    """The strip's marks as rows of a chart's data table, in date order."""
    return pd.DataFrame([item.record for item in _in_date_order(strip)])


def describe(strip: Strip, lang: str) -> str:
    """Every mark of the strip in date order, with the start and end of each period, for alt text.
    In Korean, one list for a sentence: '2011년 12월 17일 김정일 사망·김정은 집권, 2020년~현재
    중국의 북중 접경 안면인식 카메라 설치, ...' (an ongoing period says 현재 in its dates, not again
    in its label; a headline's 'actor, event' becomes 'actor의 event')."""
    ordered = _in_date_order(strip)
    if lang == "ko":
        return ", ".join(f"{item.when} {_in_sentence(item)}" for item in ordered)
    return "; ".join(f"{item.text}, {item.when}" for item in ordered)


def _in_sentence(item: Item) -> str:
    label = korean.in_sentence(str(item.record["label"]))
    return i18n.text("event_alleged", "ko", label=label) if item.record["status"] == "alleged" else label


def draw(ax: Axes, strip: Strip, lang: str) -> Axes:
    """Draw a planned strip on `ax`, which shares its x-axis with the data above it."""
    ax.set_ylim(strip.rows, 0)
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    for index, lane in enumerate(strip.lanes):
        if index % 2 == 0:
            ax.axhspan(lane.first_row, lane.first_row + lane.rows, color="#F3F3F3", linewidth=0, zorder=0)
    ax.set_yticks(
        [lane.first_row + lane.rows / 2 for lane in strip.lanes],
        [i18n.text(f"lane_{lane.category.replace('-', '_')}", lang) for lane in strip.lanes],
        fontsize=LABEL_SIZE,
    )
    for item in strip.items:
        y = item.row + 0.5
        color = LANE_COLORS[item.category]
        if item.kind == "period":
            ax.barh(
                y,
                (item.x_end or item.x) - item.x,
                left=item.x,
                height=0.62,
                color=color,
                alpha=0.28,
                linewidth=0,
                zorder=1,
            )
            if not item.cut:  # a bar cut by the view's left edge did not start there
                ax.plot([item.x], [y], marker="|", markersize=9, color=color, zorder=2)
            if item.ongoing:
                right = item.x if item.x_end is None else item.x_end
                ax.plot([right], [y], marker=">", markersize=5, color=color, clip_on=False, zorder=2)
        else:
            ax.plot(
                [item.x],
                [y],
                marker="s" if item.kind == "estimate" else "o",
                markersize=4.5,
                color=color,
                linestyle="none",
                zorder=2,
            )
        ax.text(
            item.label_x,
            y,
            item.text,
            ha=item.label_align,
            va="center",
            fontsize=LABEL_SIZE,
            color="#222222",
            gid="event-label",
            zorder=3,
        )
    return ax

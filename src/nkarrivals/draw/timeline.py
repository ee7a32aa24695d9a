"""The timeline strip under a time series: one lane per kind of event, told apart by row, not
by colour. Every mark is the one neutral colour of ``palette.EVENT``: a solid bar for each period
(a start tick where it began, an arrow while it lasts), a pin for each one-off event, a star for
each camera-count estimate, and labels beside the marks, packed so that none collide.

One-off events of one kind that crowd each other, so that their labels cannot share a row, share
one row as a cluster: each pin at its own date and one label for them all ("Forced returns: 6
events, 2021–25"). Only the drawing merges them: the data table and the alt text list every event.

The strip is planned before the figure exists (:func:`plan` measures every label and packs the
labels into as few rows as they allow), so the figure can be made exactly tall enough; :func:`draw`
then draws the plan on the strip's Axes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd
from matplotlib.axes import Axes

from nkarrivals.data.schema import EVENT_CATEGORIES
from nkarrivals.draw import figure, palette
from nkarrivals.draw.axes import year_middle
from nkarrivals.text import i18n, korean

LABEL_SIZE = figure.SMALL_SIZE
ROW_INCHES = 0.25  # one row of labels: a line of SMALL_SIZE type and the space between rows
PAD_INCHES = 0.07  # between a mark and its label
GAP_INCHES = 0.15  # least space between two labels in one row
MARK_INCHES = 0.06  # half the width of a pin or a star
LEAD_INCHES = 0.12  # a period's bar before and after the gap that holds its label
INLINE_SHARE = 0.5  # the most of a bar that the gap holding its label may take
LANE_LABEL_PAD = 3.0  # points between a lane's name and the strip
LANE_LABEL_ROOM = 0.15  # inches kept free between a lane's name and the figure's left edge
BAR_HEIGHT = 0.34  # a period's bar, in rows
CLUSTER_LEAST = 3  # one-off events that merge into a cluster: two keep their own labels, in two rows at most
STRIP_PAD_INCHES = 0.08  # above the first row and below the last, together


@dataclass(frozen=True)
class Item:
    """One mark in the strip and its label, placed in a row. A cluster of one-off events is one
    item: a pin at each of its `dates`, one label."""

    category: str
    text: str
    kind: str  # "period", "event", "estimate" or "cluster"
    x: float  # where the mark starts: a period's start (clipped to the view), a pin, a cluster's first pin
    x_end: float | None  # a period's end (the view's edge while it lasts); None for a pin or a star
    ongoing: bool
    label_x: float  # where the label is anchored
    label_align: str  # "left" or "right" of label_x, or "inline": left of label_x, in a gap of its bar
    label_width: float  # in data units
    row: int  # counted from the top of the strip
    when: str  # the dates, written out for alt text: "May 2015 to 2020"
    record: dict[str, object]  # what the chart's data table says of this mark (a cluster's first event)
    cut: bool = False  # a period that began before the view: its bar has no start tick
    dates: tuple[float, ...] = ()  # a cluster's pins, one per event
    y: float = 0.0  # the middle of its row; rows of a lane taller than its marks need are centred


@dataclass(frozen=True)
class _Mark:
    """One event or estimate as the data table and the alt text list it."""

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
class _Unit:
    """What is placed in a row: one mark, or a cluster of one-off events with one label."""

    marks: tuple[_Mark, ...]
    text: str
    width: float  # of the label, in data units

    @property
    def first(self) -> _Mark:
        return self.marks[0]

    @property
    def x(self) -> float:
        return self.first.x

    @property
    def is_cluster(self) -> bool:
        return len(self.marks) > 1


@dataclass(frozen=True)
class Lane:
    category: str
    first_row: int
    rows: int
    label: str = ""  # its name at the left, broken into lines where it is wider than the margin


@dataclass(frozen=True)
class Strip:
    items: tuple[Item, ...]
    lanes: tuple[Lane, ...]
    xlim: tuple[float, float]
    marks: tuple[_Mark, ...] = ()  # every event and estimate, one each, clusters taken apart
    width: float = 0.0  # inches, as planned

    @property
    def rows(self) -> int:
        return sum(lane.rows for lane in self.lanes)

    @property
    def height(self) -> float:
        """Height of the strip in inches: none without marks."""
        return self.rows * ROW_INCHES + STRIP_PAD_INCHES if self.items else 0.0


def _text_width(text: str) -> float:
    """Width of a label in inches, in the current house style's font."""
    return figure.text_width(text, LABEL_SIZE)


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

    `width` is the strip's width in inches. Within each lane, crowded one-off events become
    clusters (see :func:`_units`); then marks are taken in time order and each label goes beside
    its mark in the first row where it collides with nothing.
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
            x = year_middle(float(estimate["year"]))  # an estimate for a year, at its middle
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
    space = _Space(low, high, per_inch)
    for category in EVENT_CATEGORIES:
        mine = sorted((m for m in marks if m.category == category), key=lambda m: m.x)
        if not mine:
            continue
        units = _units(mine, category, space, lang)
        first_item = len(items)
        taken: list[list[tuple[float, float]]] = []  # per row: occupied (from, to) in data units
        for unit in sorted(units, key=lambda u: u.x):
            placements = space.placements(unit)
            # The first row with room; in it, the placement that leaves the most room to its right
            # (marks come in time order), so that a label before its mark lets the next one follow.
            row, (label_x, align, span) = next(
                (
                    (i, min(fits, key=_leftmost_end))
                    for i, used in enumerate(taken)
                    if (fits := [p for p in placements if space.free(used, p[2])])
                ),
                (len(taken), min(placements, key=_leftmost_end)),
            )
            if row == len(taken):
                taken.append([])
            taken[row].append(span)
            first = unit.first
            items.append(
                Item(
                    category,
                    unit.text,
                    "cluster" if unit.is_cluster else first.kind,
                    first.x,
                    first.x_end,
                    first.ongoing,
                    label_x,
                    align,
                    unit.width,
                    next_row + row,
                    first.when,
                    first.record,
                    first.cut,
                    tuple(m.x for m in unit.marks) if unit.is_cluster else (),
                )
            )
        name = i18n.text(f"lane_{category.replace('-', '_')}", lang)
        lines = figure.wrap(name, LABEL_SIZE, figure.LEFT_MARGIN[lang] - LANE_LABEL_PAD / 72 - LANE_LABEL_ROOM)
        rows = max(len(taken), len(lines))  # a name on two lines needs two rows
        lanes.append(Lane(category, next_row, rows, "\n".join(lines)))
        centred = (rows - len(taken)) / 2
        items[first_item:] = [replace(item, y=item.row + 0.5 + centred) for item in items[first_item:]]
        next_row += rows
    return Strip(tuple(items), tuple(lanes), xlim, tuple(marks), width)


def _leftmost_end(placement: tuple[float, str, tuple[float, float]]) -> tuple[float, float]:
    # The placement that ends furthest left, and of two that end together the narrower.
    span = placement[2]
    return span[1], -span[0]


@dataclass(frozen=True)
class _Space:
    """The view in data units, and the strip's spacing converted into them."""

    low: float
    high: float
    per_inch: float

    @property
    def pad(self) -> float:
        return PAD_INCHES * self.per_inch

    @property
    def gap(self) -> float:
        return GAP_INCHES * self.per_inch

    @property
    def mark(self) -> float:
        return MARK_INCHES * self.per_inch

    def extent(self, unit: _Unit) -> tuple[float, float]:
        """Where a unit's marks lie: a period's bar, a pin or star, a cluster's first to last pin."""
        first, last = unit.marks[0], unit.marks[-1]
        if first.x_end is not None:
            return first.x, first.x_end
        return first.x - self.mark, last.x + self.mark

    def placements(self, unit: _Unit) -> list[tuple[float, str, tuple[float, float]]]:
        """Where a unit's label may go, as (anchor, alignment, span of marks and label): in a gap
        of a period's bar long enough to hold it, after the marks or before them, those inside
        the view; if none is, the one that leaves it least. Never on a bar's fill: dark under
        text is hard to read."""
        start, end = self.extent(unit)
        options = [
            (end + self.pad, "left", (start, end + self.pad + unit.width)),
            (start - self.pad, "right", (start - self.pad - unit.width, end)),
        ]
        # In a gap of the bar: right after its start tick, or after a stretch of bar where the
        # view cuts it (no tick), where the label takes at most half of the bar, so that the
        # bar left after it still reads as the period running on.
        lead = LEAD_INCHES * self.per_inch
        before_label = lead if unit.first.cut else self.pad
        gap = before_label + 2 * self.pad + unit.width
        if unit.first.x_end is not None and gap + lead <= end - start and gap <= INLINE_SHARE * (end - start):
            options.insert(0, (start + before_label + self.pad, "inline", (start, end)))
        inside = [p for p in options if p[2][0] >= self.low and p[2][1] <= self.high]
        if inside:
            return inside
        overrun = lambda p: max(self.low - p[2][0], 0) + max(p[2][1] - self.high, 0)  # noqa: E731
        return [min(options, key=overrun)]

    def free(self, row: list[tuple[float, float]], span: tuple[float, float]) -> bool:
        return all(span[0] >= b + self.gap or span[1] + self.gap <= a for a, b in row)

    def share_a_row(self, units: list[_Unit]) -> bool:
        """Whether units in time order can all be placed in one row, each label beside its own mark.
        Placing each in turn where it ends furthest left is optimal for marks in time order."""
        row: list[tuple[float, float]] = []
        for unit in units:
            fits = [p for p in self.placements(unit) if self.free(row, p[2])]
            if not fits:
                return False
            row.append(min(fits, key=_leftmost_end)[2])
        return True


def _units(marks: list[_Mark], category: str, space: _Space, lang: str) -> list[_Unit]:
    """The marks of one lane as units to place. A run of one-off events, each too close to the next
    for a label between them (:func:`_crowded`), becomes one cluster when it has at least
    CLUSTER_LEAST events and their labels cannot share a row; periods, estimates and alleged events
    stand alone (an estimate names its estimator, an alleged event says so)."""
    singles = [_Unit((m,), m.text, _text_width(m.text) * space.per_inch) for m in marks]
    units: list[_Unit] = []
    run: list[_Unit] = []

    def close_run() -> None:
        if len(run) >= CLUSTER_LEAST and not space.share_a_row(run):
            units.append(_cluster([u.first for u in run], category, space, lang))
        else:
            units.extend(run)
        run.clear()

    for unit in singles:
        mark = unit.first
        if mark.kind != "event" or mark.record["status"] == "alleged":
            units.append(unit)
            continue
        if run and not _crowded(run[-1], unit, space):
            close_run()
        run.append(unit)
    close_run()
    return units


def _crowded(earlier: _Unit, later: _Unit, space: _Space) -> bool:
    """Two one-off events too close for a label between their pins: not even the shorter of
    their two labels fits in the room between them."""
    room = later.x - earlier.x - 2 * space.mark - space.pad - space.gap
    return room < min(earlier.width, later.width)


def _cluster(marks: list[_Mark], category: str, space: _Space, lang: str) -> _Unit:
    """One label for crowded one-offs: 'Forced returns: 6 events, 2021–25' / '강제북송 6건(2021~2025년)'."""
    first, last = (int(str(mark.record["start"])[:4]) for mark in (marks[0], marks[-1]))
    if first == last:
        years = i18n.year_label(first, lang)
    elif lang == "en" and first // 100 == last // 100:
        years = f"{first}–{last % 100:02d}"
    else:
        years = i18n.text("bucket_range", lang, first=first, last=last)
    lane = i18n.text(f"lane_{category.replace('-', '_')}", lang)
    text = i18n.text("strip_cluster", lang, lane=lane, count=len(marks), years=years)
    return _Unit(tuple(marks), text, _text_width(text) * space.per_inch)


def _date_key(start: str) -> tuple[int, int, int]:
    """A start date as a sort key that puts what is known only to the month after every day of that
    month, and what is known only to the year after every month of it: 'December 2011' may have come
    after 17 December 2011, so a list in date order must not say it came first."""
    parts = [int(part) for part in start.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32


def _in_date_order(strip: Strip) -> list[_Mark]:
    # Every event and estimate, a cluster's each on its own, by when it starts, as precisely as
    # that is known; ties are broken the same way in every language.
    return sorted(
        strip.marks,
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


def _in_sentence(item: _Mark) -> str:
    label = korean.in_sentence(str(item.record["label"]))
    return i18n.text("event_alleged", "ko", label=label) if item.record["status"] == "alleged" else label


def draw(ax: Axes, strip: Strip, lang: str) -> Axes:
    """Draw a planned strip on `ax`, which shares its x-axis with the data above it: every mark
    in the one event colour, every other lane on a light background, and no x tick labels (the
    years are labelled under the data)."""
    ax.set_ylim(strip.rows, 0)
    ax.grid(False)
    ax.tick_params(axis="y", length=0, pad=LANE_LABEL_PAD)
    ax.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
    ax.spines["bottom"].set_visible(False)
    for index, lane in enumerate(strip.lanes):
        if index % 2 == 0:
            ax.axhspan(
                lane.first_row,
                lane.first_row + lane.rows,
                color=palette.LANE_BACKGROUND,
                linewidth=0,
                zorder=0,
                gid="lane",
            )
    ax.set_yticks(
        [lane.first_row + lane.rows / 2 for lane in strip.lanes],
        [lane.label for lane in strip.lanes],
        fontsize=LABEL_SIZE,
        linespacing=1.1,
    )
    for item in strip.items:
        y = item.y
        if item.kind == "period":
            right = item.x if item.x_end is None else item.x_end
            pieces = [(item.x, right)]
            if item.label_align == "inline":  # the label in a gap of the bar, never on its fill
                pad = PAD_INCHES * (strip.xlim[1] - strip.xlim[0]) / strip.width
                pieces = [(item.label_x + item.label_width + pad, right)]
                if item.cut:  # the stretch of bar that shows the view cuts the period
                    pieces.insert(0, (item.x, item.label_x - pad))
            for left, end in pieces:
                ax.barh(y, end - left, left=left, height=BAR_HEIGHT, color=palette.EVENT, linewidth=0, zorder=1)
            if not item.cut:  # a bar cut by the view's left edge did not start there
                ax.plot(
                    [item.x],
                    [y],
                    marker=palette.PERIOD_START_GLYPH,
                    markersize=11,
                    markeredgewidth=1.6,
                    color=palette.EVENT,
                    zorder=2,
                )
            if item.ongoing:
                ax.plot(
                    [right],
                    [y],
                    marker=palette.ONGOING_GLYPH,
                    markersize=7,
                    color=palette.EVENT,
                    linestyle="none",
                    clip_on=False,
                    zorder=2,
                )
        else:
            estimate = item.kind == "estimate"
            ax.plot(
                list(item.dates or [item.x]),
                [y] * len(item.dates or [item.x]),
                marker=palette.ESTIMATE_GLYPH if estimate else palette.EVENT_GLYPH,
                markersize=10 if estimate else 7,
                color=palette.EVENT,
                linestyle="none",
                zorder=2,
            )
        ax.text(
            item.label_x,
            y,
            item.text,
            ha="left" if item.label_align == "inline" else item.label_align,
            va="center",
            fontsize=LABEL_SIZE,
            color=palette.TEXT,
            gid="event-label",
            zorder=3,
        )
    return ax

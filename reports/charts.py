"""The review charts, drawn as SVG with matplotlib (imported only when a chart is drawn)."""

import io
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

from kamledger.domain.scorecard import MAX_TOTAL, Band, band_ranges

BAND_COLOURS = {Band.DECLINE: "#f6d5d1", Band.AT_RISK: "#fbe7c6", Band.WORKABLE: "#e4efd9", Band.IDEAL: "#cfe6c4"}
TIER_COLOURS = {"gold": "#d4a017", "silver": "#9ea7b3", "bronze": "#b06a2c", "unrated": "#d9d9d9"}
LINE = "#1f4e79"


@dataclass(frozen=True)
class ScoreChart:
    """The scorecard total at each scoring, over the score bands."""

    days: tuple[date, ...]
    totals: tuple[int, ...]
    title: str = "Scorecard total over time"

    def svg(self) -> str:
        figure, axes = new_figure(9, 3.4)
        for band, low, high in band_ranges():
            axes.axhspan(low, high, color=BAND_COLOURS[band], linewidth=0)
            axes.text(1.01, (low + high) / 2, band.value, transform=axes.get_yaxis_transform(), va="center", fontsize=9, color="#555")
        axes.plot(self.days, self.totals, marker="o", color=LINE, linewidth=2)
        for day, total in zip(self.days, self.totals):
            axes.annotate(str(total), (day, total), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9)
        axes.set_ylim(0, MAX_TOTAL + 5)
        axes.set_ylabel(f"total of {MAX_TOTAL}")
        _dates_on(axes, self.days)
        return _svg(figure, "score")


@dataclass(frozen=True)
class AnswerChart:
    """Each of the 12 answers at each scoring: one small chart per question."""

    days: tuple[date, ...]
    answers: tuple[tuple[int, ...], ...]
    questions: tuple[str, ...]
    title: str = "Answers per question"

    def svg(self) -> str:
        figure, grid = new_figure(10, 7.6, rows=3, columns=4)
        for number, axes in enumerate(grid.flat):
            axes.plot(self.days, [answers[number] for answers in self.answers], marker="o", markersize=4, color=LINE)
            question = self.questions[number] if number < len(self.questions) else ""
            axes.set_title("\n".join(textwrap.wrap(f"{number + 1}. {question}", 30)[:3]), fontsize=8.5, loc="left")
            axes.set_ylim(0, 10.8)
            axes.set_yticks([1, 5, 10])
            axes.grid(axis="y", color="#e5e5e5")
            _dates_on(axes, self.days)
        return _svg(figure, "answers")


@dataclass(frozen=True)
class TierChart:
    """How many clients each tier has."""

    counts: tuple[tuple[str, int], ...]
    title: str = "Clients per tier"

    def svg(self) -> str:
        figure, axes = new_figure(6, 0.5 + 0.45 * len(self.counts))
        tiers = [tier for tier, _ in self.counts][::-1]
        numbers = [count for _, count in self.counts][::-1]
        bars = axes.barh(tiers, numbers, color=[TIER_COLOURS.get(t, "#999") for t in tiers])
        axes.bar_label(bars, padding=3, fontsize=9)
        axes.set_xlim(0, max(numbers + [1]) * 1.15)
        axes.xaxis.set_visible(False)
        axes.spines[["top", "right", "bottom"]].set_visible(False)
        return _svg(figure, "tiers")


def new_figure(width: float, height: float, rows: int = 1, columns: int = 1):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=rows * columns == 1)
    return figure, grid


def _dates_on(axes, days: tuple[date, ...]) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    if len(set(days)) == 1:  # a single scoring: a month either side, so the axis has dates to show
        axes.set_xlim(days[0] - timedelta(days=30), days[0] + timedelta(days=30))
    locator = AutoDateLocator(maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.spines[["top", "right"]].set_visible(False)


def _svg(figure, name: str) -> str:
    """The figure as an <svg> element to put inline (no XML prolog); text stays text."""
    from matplotlib import rc_context

    out = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": f"kam-{name}"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]

"""Portfolio charts written to a file, PNG or SVG by its suffix: the Pareto chart and the
two-sided matrix. matplotlib is imported only when a chart is drawn (no display is needed)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kamledger.domain.errors import InvalidInput
from kamledger.domain.matrix import HIGH, Quadrant
from kamledger.domain.owners import IMPROVEMENT_WEIGHTS
from kamledger.reports.charts import LINE, TIER_COLOURS, new_figure

CHART_FORMATS = (".png", ".svg")
HEAD_COLOUR, TAIL_COLOUR = "#1f4e79", "#a9bfd6"
QUADRANT_CORNERS = {  # where each quadrant's name is written: (x, y, alignment)
    Quadrant.KEY: (98, 98, "right"), Quadrant.DEVELOP: (98, 2, "right"),
    Quadrant.MAINTAIN: (2, 98, "left"), Quadrant.RECONSIDER: (2, 2, "left"),
}


def checked_chart_path(path: str) -> Path:
    """The chart file to write, which must end in .png or .svg."""
    out = Path(path)
    if out.suffix.lower() not in CHART_FORMATS:
        raise InvalidInput(f"--chart {path} must end in .png or .svg")
    return out


@dataclass(frozen=True)
class ParetoChart:
    """Clients' values as bars, highest first, the cumulative share as a line, and the head's mark."""

    keys: tuple[str, ...]
    values: tuple[Decimal, ...]
    cumulative_shares: tuple[Decimal, ...]
    head_size: int
    head_share: Decimal
    measure: str
    clients: int  # with a value, those without a positive one included

    def draw(self):
        figure, axes = new_figure(max(6.0, 1.2 + 0.32 * len(self.keys)), 4.2)
        places = range(len(self.keys))
        colours = [HEAD_COLOUR if n < self.head_size else TAIL_COLOUR for n in places]
        axes.bar(places, [float(v) for v in self.values], color=colours)
        axes.set_xticks(list(places), self.keys, rotation=60, ha="right", fontsize=8)
        axes.set_ylabel(self.measure)
        axes.spines[["top"]].set_visible(False)
        cumulative = axes.twinx()
        cumulative.plot(places, [float(s) * 100 for s in self.cumulative_shares], color="#c0392b", marker="o", markersize=3)
        mark = float(self.head_share) * 100
        cumulative.axhline(mark, color="#555", linestyle="--", linewidth=1)
        cumulative.text(len(self.keys) - 0.5, mark + 1.5, f"{mark:g}%", ha="right", fontsize=9, color="#555")
        cumulative.set_ylim(0, 105)
        cumulative.set_ylabel("cumulative share, %")
        axes.set_title(f"Pareto by {self.measure}: {self.head_size} of {self.clients} clients make up {mark:g}%", loc="left", fontsize=11)
        return figure


@dataclass(frozen=True)
class MatrixChart:
    """Each client placed by its attractiveness to us (x) and ours to it (y), coloured by tier."""

    keys: tuple[str, ...]
    theirs: tuple[Decimal, ...]
    ours: tuple[Decimal, ...]
    tiers: tuple[str, ...]
    client_high: Decimal = HIGH  # the lines on 0-100: the client's side (x) and ours (y)
    our_high: Decimal = HIGH

    def draw(self):
        figure, axes = new_figure(7, 6.4)
        axes.axvline(float(self.client_high), color="#999", linewidth=1)
        axes.axhline(float(self.our_high), color="#999", linewidth=1)
        for quadrant, (x, y, align) in QUADRANT_CORNERS.items():
            axes.text(x, y, quadrant.value, ha=align, va="top" if y > 50 else "bottom", fontsize=12, color="#888", weight="bold")
        axes.scatter([float(x) for x in self.theirs], [float(y) for y in self.ours],
                     c=[TIER_COLOURS.get(t, "#999") for t in self.tiers], edgecolors=LINE, s=60, zorder=3)
        for n, (key, x, y) in enumerate(zip(self.keys, self.theirs, self.ours)):  # alternate, so neighbours' names part
            axes.annotate(key, (float(x), float(y)), textcoords="offset points", xytext=(5, 4 if n % 2 else -11), fontsize=8)
        for tier in sorted(set(self.tiers), key=list(TIER_COLOURS).index):
            axes.scatter([], [], c=TIER_COLOURS.get(tier, "#999"), edgecolors=LINE, label=tier)
        axes.legend(loc="lower center", fontsize=8, ncols=4, frameon=False)
        axes.set_xlim(0, 100)
        axes.set_ylim(0, 100)
        axes.set_xlabel("client's attractiveness to us (scorecard, 0-100)")
        axes.set_ylabel("our attractiveness to the client (its criteria, else survey; 0-100)")
        axes.set_title("Two-sided matrix", loc="left", fontsize=11)
        return figure


@dataclass(frozen=True)
class OwnersChart:
    """Each owner's improvement over a period as a bar, the most improved on top."""

    owners: tuple[str, ...]
    improvements: tuple[int, ...]
    period: str

    def draw(self):
        figure, axes = new_figure(7.0, max(2.5, 0.9 + 0.3 * len(self.owners)))
        places = list(range(len(self.owners)))[::-1]
        axes.barh(places, self.improvements, color=[HEAD_COLOUR if n >= 0 else "#c0392b" for n in self.improvements])
        axes.set_yticks(places, self.owners, fontsize=8)
        axes.axvline(0, color="#555", linewidth=1)
        weights = ", ".join(f"{what.replace('_', ' ')} {weight}" for what, weight in IMPROVEMENT_WEIGHTS.items())
        axes.set_xlabel(f"improvement ({weights})")
        axes.set_title(f"Account owners' results, {self.period}", loc="left", fontsize=11)
        return figure


def owners_chart(rows: Sequence[dict], period: str) -> OwnersChart:
    return OwnersChart(tuple(r["owner"] or "(none)" for r in rows), tuple(r["improvement"] for r in rows), period)


BAND_COLOURS = {"ideal": "#1e8449", "workable": "#7dcea0", "at-risk": "#f0b27a", "decline": "#c0392b", None: "#bbb"}


@dataclass(frozen=True)
class PipelineChart:
    """The open and pursued prospects' expected profit (chance x estimated profit) as bars, highest
    first, coloured by the scorecard's band; key prospects starred."""

    keys: tuple[str, ...]
    expected: tuple[Decimal, ...]
    bands: tuple[str | None, ...]
    key_prospects: tuple[bool, ...]

    def draw(self):
        figure, axes = new_figure(7, max(2.5, 0.9 + 0.3 * len(self.keys)))
        places = range(len(self.keys))
        axes.barh(list(places), [float(v) for v in self.expected], color=[BAND_COLOURS.get(b, "#bbb") for b in self.bands])
        axes.set_yticks(list(places), [f"{k} *" if key else k for k, key in zip(self.keys, self.key_prospects)], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlabel("expected profit (chance x estimated profit)")
        from matplotlib.patches import Patch

        axes.legend(handles=[Patch(color=colour, label=band or "unscored") for band, colour in BAND_COLOURS.items() if band in self.bands],
                    loc="lower right", fontsize=8, frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        open_ones = f"{len(self.keys)} open prospect" + ("" if len(self.keys) == 1 else "s")
        axes.set_title(f"Pipeline: {open_ones} by expected profit (* key prospect)", loc="left", fontsize=11)
        return figure


def pipeline_chart(rows: Sequence[dict]) -> PipelineChart:
    """The chart of the pipeline's rows (open or pursued, with an expected profit)."""
    shown = sorted((r for r in rows if r["status"] in ("open", "pursued") and r["expected_profit"] is not None),
                   key=lambda r: (-Decimal(r["expected_profit"]), r["key"]))
    return PipelineChart(tuple(r["key"] for r in shown), tuple(Decimal(r["expected_profit"]) for r in shown),
                         tuple(r["band"] for r in shown), tuple(r["key_prospect"] for r in shown))


def save_chart(chart: ParetoChart | MatrixChart | OwnersChart | PipelineChart, out: Path) -> None:
    """Write the chart as PNG or SVG, by the file's suffix."""
    from matplotlib import rc_context

    figure = chart.draw()
    kind = out.suffix.lower().lstrip(".")
    try:
        with rc_context({"svg.fonttype": "none", "svg.hashsalt": "kam-chart"}):
            figure.savefig(out, format=kind, dpi=150, metadata={"Date": None} if kind == "svg" else None)
    except OSError as error:
        raise InvalidInput(f"cannot write {out}: {error.strerror}") from None


def pareto_chart(answer: dict) -> ParetoChart:
    """The chart of a Pareto answer (the ledger's pareto())."""
    rows = answer["rows"]
    return ParetoChart(
        tuple(r["key"] for r in rows), tuple(Decimal(r["value"]) for r in rows),
        tuple(Decimal(r["cumulative_share"]) for r in rows), len(answer["head"]),
        Decimal(answer["head_share"]), answer["by"], answer["clients"],
    )


def matrix_chart(rows: Sequence[dict], client_high: Decimal = HIGH, our_high: int | Decimal = HIGH) -> MatrixChart:
    """The chart of the matrix rows (the ledger's matrix()), its lines where high starts on each
    side (0-100); clients not yet placed are left out."""
    placed = [r for r in rows if r["quadrant"] is not None]
    return MatrixChart(
        tuple(r["key"] for r in placed), tuple(Decimal(r["client_attractiveness"]) for r in placed),
        tuple(Decimal(r["our_attractiveness"]) for r in placed), tuple(r["tier"] for r in placed),
        Decimal(client_high), Decimal(our_high),
    )

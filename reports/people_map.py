"""The relationship map as a picture a KAM lead would put on the wall: the client's people by level
(rows) and department (columns), coloured by stance, decision makers framed thick, and under each
the people of ours who hold the relationship, its strength and last touch (cold ones in red).
Drawn with matplotlib to SVG or PNG, or as an HTML page around the SVG; from plain data (the
answer of the service's client_map)."""

import html
import io
from pathlib import Path
from typing import Any

from kamledger.domain.errors import InvalidInput
from kamledger.domain.people import PersonLevel, Stance

MAP_FORMATS = (".svg", ".png", ".html")
STANCE_COLOURS = {
    Stance.CHAMPION.value: "#4f9d55", Stance.SUPPORTER.value: "#a8d5a2", Stance.NEUTRAL.value: "#e0e0e0",
    Stance.CRITIC.value: "#f3c17a", Stance.BLOCKER.value: "#e0675a",
}
COLD = "#c0392b"
BOX_W, BOX_H, GAP_X, GAP_Y, LINE_H = 3.2, 1.3, 0.5, 0.9, 0.32


def checked_map_path(path: str) -> Path:
    out = Path(path)
    if out.suffix.lower() not in MAP_FORMATS:
        raise InvalidInput(f"--out {path} must end in .svg, .png or .html")
    return out


def save_map(answer: dict[str, Any], out: Path) -> None:
    """Write the client's map to out, as its suffix says."""
    kind = out.suffix.lower().lstrip(".")
    try:
        if kind == "html":
            out.write_text(map_html(answer), encoding="utf-8")
        else:
            _save(_figure(answer), out, kind)
    except OSError as error:
        raise InvalidInput(f"cannot write {out}: {error.strerror}") from None


def map_svg(answer: dict[str, Any]) -> str:
    buffer = io.StringIO()
    _save(_figure(answer), buffer, "svg")
    return buffer.getvalue()


def map_html(answer: dict[str, Any]) -> str:
    c = answer["coverage"]
    risks = "".join(f"<li>{html.escape(risk)}</li>" for risk in c["risks"]) or "<li>none</li>"
    mismatch = f"<p class='mismatch'>{html.escape(answer['synergy_mismatch'])}</p>" if answer["synergy_mismatch"] else ""
    svg = map_svg(answer)
    svg = svg[svg.index("<svg"):]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Relationship map of {html.escape(answer['name'])}</title>"
        "<style>body{font-family:sans-serif;margin:2em} .mismatch{color:#c0392b}</style></head><body>"
        f"<h1>Relationship map of {html.escape(answer['name'])} ({html.escape(answer['key'])})</h1>"
        f"<p>On {answer['on']}: {answer['tier']}, pyramid {answer['pyramid_level']}, owner {html.escape(answer['owner'] or '-')}. "
        f"{c['reached']} of {c['contacts']} people reached, levels {len(c['levels_reached'])}/3, "
        f"departments {len(c['departments_reached'])} of {len(c['departments_known'])}, "
        f"decision maker {'covered' if c['decision_maker_covered'] else 'not covered'}.</p>"
        f"<h2>Risks</h2><ul>{risks}</ul>{mismatch}{svg}</body></html>\n"
    )


def layout(answer: dict[str, Any]) -> tuple[list[tuple[str, float]], list[tuple[str, float]], list[tuple[float, float, dict[str, Any]]]]:
    """The departments (columns) with their left edge, the levels (rows) with their lower edge, and
    each person's box: its lower left corner, and the person. Levels are rows, executive at the top;
    people of one level and department stand side by side."""
    here = [p for p in answer["people"] if not p["left_on"]]
    departments = sorted({p["department"] or "" for p in here}) or [""]
    levels = [level.value for level in PersonLevel]
    cell: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for person in here:
        cell.setdefault((levels.index(person["level"]), departments.index(person["department"] or "")), []).append(person)
    widths = [max([len(cell.get((row, column), ())) for row in range(len(levels))] + [1]) for column in range(len(departments))]
    heights = [max([max((len(p["ours"]) for p in cell.get((row, column), ())), default=0) for column in range(len(departments))] + [1])
               for row in range(len(levels))]
    boxes, rows, columns = [], [], []
    y = 0.0
    for row in reversed(range(len(levels))):
        x = 0.0
        rows.append((levels[row], y + heights[row] * LINE_H))
        for column in range(len(departments)):
            if row == 0:
                columns.append((departments[column] or "(no department)", x))
            for n, person in enumerate(cell.get((row, column), ())):
                boxes.append((x + n * (BOX_W + GAP_X), y + heights[row] * LINE_H, person))
            x += widths[column] * (BOX_W + GAP_X) + GAP_X
        y += BOX_H + heights[row] * LINE_H + GAP_Y
    return columns, rows, boxes


def _figure(answer: dict[str, Any]):
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    columns, rows, boxes = layout(answer)
    width = max([x + BOX_W for x, _, _ in boxes] + [x + BOX_W for _, x in columns]) + 1.6
    height = max(y for _, y in rows) + BOX_H + 1.8
    figure = Figure(figsize=(max(6.0, width * 0.9), max(3.0, height * 0.9)))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(-1.4, width - 1.2)
    axes.set_ylim(-0.4, height)
    axes.axis("off")
    c = answer["coverage"]
    axes.text(-1.3, height - 0.3, f"{answer['name']} ({answer['key']}): relationship map on {answer['on']}", fontsize=12, weight="bold", va="top")
    axes.text(-1.3, height - 0.75, f"{answer['tier']}, pyramid {answer['pyramid_level']}; risks: {', '.join(c['risks']) or 'none'}",
              fontsize=8.5, va="top", color=COLD if c["risks"] else "#333")
    for level, y in rows:
        axes.text(-1.3, y + BOX_H / 2, level, fontsize=8, rotation=90, va="center", color="#555")
    for department, x in columns:
        axes.text(x + BOX_W / 2, height - 1.25, department, fontsize=9, ha="center", va="top", color="#555", weight="bold")
    for x, y, person in boxes:
        axes.add_patch(FancyBboxPatch((x, y), BOX_W, BOX_H, boxstyle="round,pad=0.05", facecolor=STANCE_COLOURS[person["stance"]],
                                      edgecolor="#222", linewidth=2.6 if person["decides"] else 0.8))
        axes.text(x + 0.12, y + BOX_H - 0.15, person["name"] or person["person"], fontsize=9, weight="bold", va="top")
        axes.text(x + 0.12, y + BOX_H - 0.55, _short(person["role"] or "", 34), fontsize=7.5, va="top")
        label = f"{person['level']} · {person['department'] or '-'} · {person['stance']}" + (" · decides" if person["decides"] else "")
        axes.text(x + 0.12, y + 0.12, label, fontsize=6.5, va="bottom", color="#333")
        for n, ours in enumerate(person["ours"]):
            strength = "●" * ours["strength"] + "○" * (5 - ours["strength"])
            text = f"{ours['ours']} {strength} {ours['last_touch'] or 'never'}" + (" (left us)" if ours["holder_left"] else "")
            axes.text(x + 0.12, y - 0.08 - n * LINE_H, text, fontsize=7, va="top", color=COLD if ours["cold"] or ours["holder_left"] else "#1f4e79")
        if not person["ours"]:
            axes.text(x + 0.12, y - 0.08, "nobody of ours", fontsize=7, va="top", color=COLD, style="italic")
    if not boxes:
        axes.text(0, 0.5, "nobody on the map", fontsize=10, style="italic")
    return figure


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"


def _save(figure: Any, out: Any, kind: str) -> None:
    from matplotlib import rc_context

    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "kam-map"}):
        figure.savefig(out, format=kind, dpi=150, metadata={"Date": None} if kind == "svg" else None)

"""A report as a self-contained file: Markdown (charts as data: URIs) or HTML (inline CSS and SVG)."""

import base64
import re
from html import escape
from pathlib import Path

from kamledger.domain.errors import InvalidInput
from kamledger.domain.tiers import TIERS
from kamledger.reports.report import Report, Section

FORMATS = (".md", ".html")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?(/\d+)?")

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2430; background: #f4f5f7; margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 12px; color: #1f4e79; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1f4e79; color: #1f4e79; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 8px; }
dl.fields dt { font-weight: 600; color: #555; }
dl.fields dd { margin: 0; }
figure.chart { margin: 10px 0 16px; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 13px; color: #666; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th, td.word { white-space: nowrap; }
p.empty { color: #777; font-style: italic; }
.tier { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 13px; font-weight: 600; }
.tier.gold { background: #f6e3a1; } .tier.silver { background: #e1e5ea; }
.tier.bronze { background: #ecc9a8; } .tier.unrated { background: #f0f0f0; color: #666; }
footer { margin-top: 30px; font-size: 12px; color: #888; }
"""


def checked_output(path: str) -> Path:
    """The file to write, which must end in .md or .html."""
    out = Path(path)
    if out.suffix.lower() not in FORMATS:
        raise InvalidInput(f"--out {path} must end in .md or .html")
    return out


def write(report: Report, out: Path) -> None:
    text = to_html(report) if out.suffix.lower() == ".html" else to_markdown(report)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"cannot write {out}: {error.strerror}") from None


def to_markdown(report: Report) -> str:
    lines = [f"# {_md(report.title)}", ""]
    lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in report.fields]
    for section in report.sections:
        lines += ["", f"## {_md(section.title)}", ""]
        lines += [_md(line) + "\n" for line in section.lines]
        for chart in section.charts:
            picture = base64.b64encode(chart.svg().encode()).decode()
            lines += [f"![{_md(chart.title)}](data:image/svg+xml;base64,{picture})", ""]
        if section.rows:
            lines.append("| " + " | ".join(_md(c) for c in section.columns) + " |")
            lines.append("|" + "|".join("---:" if _numeric(section, n) else "---" for n in range(len(section.columns))) + "|")
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in section.rows]
        elif section.empty:
            lines.append(f"_{_md(section.empty)}_")
    return "\n".join(lines) + "\n"


def _md(value) -> str:
    """Text that shows as written in Markdown: no raw HTML tags, no table breaks."""
    return str(value).replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def _numeric(section: Section, column: int) -> bool:
    cells = [str(row[column]) for row in section.rows if str(row[column])]
    return bool(cells) and all(NUMBER.fullmatch(cell) for cell in cells)


def to_html(report: Report) -> str:
    fields = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in report.fields)
    body = "\n".join(_html_section(section) for section in report.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(report.title)}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{escape(report.title)}</h1>\n"
        f'<dl class="fields">{fields}</dl>\n{body}\n'
        "<footer>Written by kam review from the ledger's event log.</footer>\n</main>\n</body>\n</html>\n"
    )


def _html_section(section: Section) -> str:
    parts = [f'<section id="{section.anchor}">', f"<h2>{escape(section.title)}</h2>"]
    parts += [f"<p>{escape(line)}</p>" for line in section.lines]
    parts += [
        f'<figure class="chart" aria-label="{escape(chart.title)}">{chart.svg()}<figcaption>{escape(chart.title)}</figcaption></figure>'
        for chart in section.charts
    ]
    if section.rows:
        numeric = [_numeric(section, n) for n in range(len(section.columns))]
        head = "".join(f"<th>{escape(column)}</th>" for column in section.columns)
        rows = "".join(
            "<tr>" + "".join(_cell(cell, is_number) for cell, is_number in zip(row, numeric)) + "</tr>\n" for row in section.rows
        )
        parts.append(f'<table class="{section.anchor}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>')
    elif section.empty:
        parts.append(f'<p class="empty">{escape(section.empty)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _cell(value, is_number: bool) -> str:
    text = str(value)
    if text in TIERS:
        return f'<td><span class="tier {text}">{text}</span></td>'
    kind = "num" if is_number else "word" if len(text) <= 24 and " " not in text else ""
    return f'<td class="{kind}">{escape(text)}</td>' if kind else f"<td>{escape(text)}</td>"

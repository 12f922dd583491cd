"""A drawing as a Mermaid flowchart: renders in GitHub and GitLab Markdown."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from archcheck.model import Status
from archcheck.report.drawing.scene import Box, Mark, Place, Role, Scene, line_label, node_text, short_ids
from archcheck.report.drawing.style import AMBER, BLUE, COLOURS, GREY, ORANGE, RED
from archcheck.report.escape import for_line


def _mermaid_text(text: str) -> str:
    text = for_line(text)  # controls (line breaks included) shown as escapes
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("|", "#124;").replace("\n", " "))


def to_mermaid(s: Scene) -> str:
    """The scene as a Mermaid flowchart (renders in GitHub and GitLab Markdown)."""
    ids = short_ids(s)
    out = ["flowchart TB", f"  %% {_mermaid_text(s.title)}: {_mermaid_text(s.subtitle)}"]
    for i, band in enumerate(s.bands):
        out.append(f'  subgraph B{i}["{_mermaid_text(band.title)}"]')
        out.append("    direction LR")
        for key in band.boxes:
            box = s.boxes[key]
            label = "<br/>".join(_mermaid_text(p) for p in node_text(box))
            shape = ('[["', '"]]') if box.hub else ('["', '"]')
            out.append(f"    {ids[key]}{shape[0]}{label}{shape[1]}")
        out.append("  end")
    rows = [i for i, b in enumerate(s.bands) if b.place is Place.ROW]
    for a, b in itertools.pairwise(rows):
        out.append(f"  B{a} ~~~ B{b}")
    styles: list[str] = []
    for n, ln in enumerate(s.lines, start=len(rows) - 1 if rows else 0):
        arrow = "-->" if ln.status is Status.PRESENT and ln.role is not Role.MISSING and not ln.unsure else "-.->"
        out.append(f"  {ids[ln.source]} {arrow}|{_mermaid_text(line_label(ln, s.lang))}| {ids[ln.target]}")
        colour = RED if ln.role is not Role.CONNECTION else (
            COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY)
        dash = ",stroke-dasharray:6 4" if ln.role is Role.MISSING or ln.status is not Status.PRESENT or ln.unsure \
            else ""
        width = "3px" if ln.role is not Role.CONNECTION else "1.5px"
        styles.append(f"  linkStyle {n} stroke:{colour},stroke-width:{width}{dash}")
    out.extend(styles)
    out.append(f"  classDef failed stroke:{RED},stroke-width:3px")
    for mark, colour in ((Mark.WARNING, ORANGE), (Mark.INFO, BLUE)):
        if any(b.mark is mark for b in s.boxes.values()):
            out.append(f"  classDef {mark.value} stroke:{colour},stroke-width:2px")
    out.append(f"  classDef unsure stroke:{AMBER},stroke-width:2px,stroke-dasharray:4 3,fill:#fff8e1")
    out.append(f"  classDef missing stroke:{RED},stroke-width:2px,stroke-dasharray:6 4,fill:#ffebee")
    out.append("  classDef hub stroke:#1f5fbf,stroke-width:4px,fill:#e3f2fd")
    out.append(f"  classDef faint stroke:{GREY},stroke-dasharray:3 3,color:#616161")
    picks: tuple[tuple[str, Callable[[Box], bool]], ...] = (
                     ("hub", lambda b: b.hub and not b.missing),
                      ("faint", lambda b: b.status is not Status.PRESENT and not b.missing),
                      ("unsure", lambda b: b.mark is Mark.CANNOT_VERIFY),
                      ("failed", lambda b: b.mark is Mark.FAILED and not b.missing),
                      ("warning", lambda b: b.mark is Mark.WARNING and not b.missing),
                      ("info", lambda b: b.mark is Mark.INFO and not b.missing),
                      ("missing", lambda b: b.missing))
    for cls, pick in picks:
        chosen = [ids[k] for band in s.bands for k in band.boxes if pick(s.boxes[k])]
        if chosen:
            out.append(f"  class {','.join(chosen)} {cls}")
    return "\n".join(out) + "\n"

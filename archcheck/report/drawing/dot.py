"""A drawing as a Graphviz DOT digraph (``dot -Tsvg``), one cluster per layer."""

from __future__ import annotations

import itertools

from archcheck.model import Status
from archcheck.report.drawing.scene import Mark, Place, Role, Scene, line_label, node_text, short_ids, title_of
from archcheck.report.drawing.style import AMBER, COLOURS, GREY, MARK_COLOURS, RED
from archcheck.report.escape import for_line


def _dot_text(text: str) -> str:
    text = for_line(text)  # controls (line breaks included) shown as escapes
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def to_dot(s: Scene) -> str:
    """The scene as a Graphviz DOT digraph (``dot -Tsvg``), one cluster per layer.

    Each box, layer and line carries an ``id`` (``box:KEY``, ``band:ID``, ``line:SOURCE|TARGET|KIND|N``) that
    Graphviz writes into its SVG, so that its drawing can be compared with the built-in one.
    """
    ids = short_ids(s)
    title = title_of(s)
    out = [f'digraph "{_dot_text(title)}" {{',
           f'  graph [rankdir=TB, newrank=true, fontname="DejaVu Sans", labelloc=t, '
           f'label="{_dot_text(title)}\\n{_dot_text(s.subtitle)}"];',
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="DejaVu Sans", fontsize=10];',
           '  edge [fontname="DejaVu Sans", fontsize=9];']
    for i, band in enumerate(s.bands):
        out.append(f"  subgraph cluster_{i} {{")
        out.append(f'    id="band:{_dot_text(band.id)}"; label="{_dot_text(band.title)}"; style="rounded"; '
                   'color="#bdbdbd";')
        if band.place is Place.ROW:
            out.append("    rank=same;")
        for key in band.boxes:
            box = s.boxes[key]
            label = "\\n".join(_dot_text(p) for p in node_text(box))
            attrs = [f'id="box:{_dot_text(key)}"', f'label="{label}"']
            if box.missing and box.mark is Mark.CANNOT_VERIFY:
                attrs += [f'color="{AMBER}"', 'style="rounded,dashed,filled"', 'fillcolor="#fff8e1"', "penwidth=2"]
            elif box.missing:
                attrs += [f'color="{RED}"', 'style="rounded,dashed,filled"', 'fillcolor="#ffebee"', "penwidth=2"]
            elif box.mark in (Mark.FAILED, Mark.WARNING, Mark.INFO):
                attrs += [f'color="{MARK_COLOURS[box.mark.value]}"', "penwidth=3"]
            elif box.mark is Mark.CANNOT_VERIFY:
                attrs += [f'color="{AMBER}"', 'style="rounded,dashed,filled"', 'fillcolor="#fff8e1"', "penwidth=2"]
            elif box.status is not Status.PRESENT:
                attrs += [f'color="{GREY}"', 'style="rounded,dotted,filled"', 'fontcolor="#616161"']
            if box.hub and not box.missing:
                attrs += ['fillcolor="#e3f2fd"', "penwidth=4" if box.mark is Mark.NONE else "peripheries=2"]
            out.append(f"    {ids[key]} [{', '.join(attrs)}];")
        out.append("  }")
    rows = [b for b in s.bands if b.place is Place.ROW]
    for a, b in itertools.pairwise(rows):
        out.append(f"  {ids[a.boxes[0]]} -> {ids[b.boxes[0]]} [style=invis, weight=10];")
    for n, ln in enumerate(s.lines):
        attrs = [f'id="line:{_dot_text(ln.source)}|{_dot_text(ln.target)}|{_dot_text(ln.kind)}|{n}"',
                 f'label="{_dot_text(line_label(ln, s.lang, status=False))}"']
        if ln.role is Role.CONNECTION:
            colour = COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY
            attrs.append(f'color="{colour}"')
            if ln.status is not Status.PRESENT:
                attrs.append("style=dotted")
            elif ln.unsure:
                attrs.append("style=dashed")
        else:
            attrs += [f'color="{RED}"', f'fontcolor="{RED}"', "penwidth=2.5"]
            if ln.role is Role.MISSING:
                attrs.append("style=dashed")
        out.append(f"  {ids[ln.source]} -> {ids[ln.target]} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"

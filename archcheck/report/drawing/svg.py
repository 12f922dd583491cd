"""A drawing as a standalone SVG image, laid out here: layers as rows, security at the left, national
systems at the right, lines routed around the boxes (:mod:`archcheck.report.drawing.route`), with no
external program."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from archcheck.catalogue import msg
from archcheck.model import Status
from archcheck.report.drawing.scene import Band, Box, Line, Mark, Place, Role, Scene, line_status, said, title_of, word
from archcheck.report.drawing.style import AMBER, BLUE, COLOURS, GREY, MARK_COLOURS, ORANGE, RED
from archcheck.report.escape import for_xml
from archcheck.values import record

BOX_W, GAP, PAD, LINE_H, PER_ROW = 172, 22, 14, 14, 7
_CHARS = 25  # characters of 11.5 px sans per line of a box
_COLUMN_CHARS = 28  # characters of a column's title per line
_ROW_CHARS = 64  # characters of a row's title per line: a caption as wide as the row would wall its boxes off
LEGEND_COLUMNS, LEGEND_W = 2, 430
CAPTION_CHANNEL = 14
"""Room between a band's caption and its boxes, for the lines that reach the boxes' top sides."""


def _text_width(text: str, per_char: float) -> float:
    """A sans-serif text's width in px, estimated from its length (no font metrics here)."""
    return len(text) * per_char


def _esc(text: str) -> str:
    """XML-escape text for an SVG (or HTML) element or attribute (controls XML forbids shown as escapes)."""
    return for_xml(text).replace("'", "&#39;")


def wrap(text: str, width: int = _CHARS, lines: int = 3) -> list[str]:
    """Break ``text`` at spaces into at most ``lines`` lines of about ``width`` characters.

    >>> wrap("Hệ thống quản lý văn bản và điều hành", 20)
    ['Hệ thống quản lý văn', 'bản và điều hành']
    """
    out: list[str] = []
    current = ""
    for w in text.split():
        if current and len(current) + 1 + len(w) > width:
            out.append(current)
            current = w
        else:
            current = f"{current} {w}" if current else w
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return [ln if len(ln) <= width + 6 else ln[: width + 5] + "…" for ln in out]


@record
class _Placed:
    x: float
    y: float
    w: float
    h: float


def _box_lines(box: Box) -> list[tuple[str, str]]:
    out = [(t, "t") for t in wrap(box.title)]
    if box.detail and box.detail != box.title:
        out.append((box.detail, "d"))
    if box.rules:
        badge = "?" if box.mark is Mark.CANNOT_VERIFY else "✕"
        for part in wrap(f"{badge} {', '.join(box.rules)}", _CHARS - 1, 3):
            out.append((part, "r"))
    return out


def layout(s: Scene) -> tuple[dict[str, _Placed], list[tuple[str, str, float, float, float, float]], float, float]:
    """Place every box: rows top to bottom in the middle, left and right columns beside them.

    Returns the box positions, the band frames (band id, title, x, y, w, h) and the canvas size.
    """
    heights = {k: PAD + LINE_H * len(_box_lines(b)) + 4 for k, b in s.boxes.items()}
    left = [b for b in s.bands if b.place is Place.LEFT]
    right = [b for b in s.bands if b.place is Place.RIGHT]
    rows = [b for b in s.bands if b.place is Place.ROW]
    col_w = BOX_W + 2 * GAP
    x0 = GAP + (col_w + GAP if left else 0)
    per_row = max((min(len(b.boxes), PER_ROW) for b in rows), default=1)
    # wide enough for the boxes, for each row's title, and (with the columns) for the subtitle and legend
    main_w = max(per_row * (BOX_W + GAP) + GAP, 2 * (BOX_W + GAP),
                 max((_text_width(t, 7.2) + 24 for b in rows for t in wrap(b.title, _ROW_CHARS, 3)), default=0))
    sides = (col_w + GAP) * ((1 if left else 0) + (1 if right else 0))
    main_w = max(main_w, _text_width(s.subtitle, 6.4) - sides, LEGEND_COLUMNS * LEGEND_W - sides)
    placed: dict[str, _Placed] = {}
    frames: list[tuple[str, str, float, float, float, float]] = []
    top = 64.0
    y = top
    for band in rows:
        y_band = y
        y += 12 + 14 * len(wrap(band.title, _ROW_CHARS, 3)) + CAPTION_CHANNEL
        chunks = [band.boxes[i: i + PER_ROW] for i in range(0, len(band.boxes), PER_ROW)]
        for chunk in chunks:
            h = max(heights[k] for k in chunk)
            span = len(chunk) * (BOX_W + GAP) - GAP
            x = x0 + (main_w - span) / 2
            for k in chunk:
                placed[k] = _Placed(x, y + (h - heights[k]) / 2, BOX_W, heights[k])
                x += BOX_W + GAP
            y += h + 34
        frames.append((band.id, band.title, x0, y_band, main_w, y - y_band - 12))
        y += 4
    bottom = y

    def column(bands: list[Band], x: float) -> float:
        yy = top
        for band in bands:
            y_band = yy
            yy += 12 + 14 * len(wrap(band.title, _COLUMN_CHARS, 3)) + CAPTION_CHANNEL
            for k in band.boxes:
                placed[k] = _Placed(x + GAP, yy, BOX_W, heights[k])
                yy += heights[k] + 22
            frames.append((band.id, band.title, x, y_band, col_w, yy - y_band - 8))
            yy += 12
        return yy

    if left:
        bottom = max(bottom, column(left, GAP))
    if right:
        bottom = max(bottom, column(right, x0 + main_w + GAP))
    width = x0 + main_w + GAP + (col_w + GAP if right else 0)
    return placed, frames, width, bottom


def _captions(frames: Sequence[tuple[str, str, float, float, float, float]]) -> list[tuple[str, float, float]]:
    """Each band caption's lines: (text, x, baseline y)."""
    out: list[tuple[str, float, float]] = []
    for _, title, x, y, w, _h in frames:
        parts = wrap(title, _ROW_CHARS if w > BOX_W + 2 * GAP else _COLUMN_CHARS, 3)
        out.extend((part, x + 10, y + 17 + 14 * i) for i, part in enumerate(parts))
    return out


def to_svg(s: Scene, prefix: str = "") -> str:
    """The scene as a standalone SVG image (no script, no external resource).

    Lines are routed around the boxes and the band captions (:mod:`archcheck.report.drawing.route`).
    ``prefix`` starts every id in the image, so that several drawings can sit in one HTML page.
    """
    placed, frames, width, height = layout(s)
    height += 12  # a channel under the last band for lines that go round it
    legend_h = 30 + 20 * ((len(s.legend) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS)
    routing_h = height
    height += legend_h
    title = title_of(s)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="{width:.0f}" height="{height:.0f}" font-family="DejaVu Sans, Arial, sans-serif" '
           f'role="img" aria-label="{_esc(title)}">',
           f"<title>{_esc(title)}: {_esc(s.subtitle)}</title>",
           "<defs>"]
    colours = sorted({*COLOURS.values(), RED, GREY})
    for c in colours:
        out.append(f'<marker id="{prefix}a{c[1:]}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>')
    out.append(f'<text x="{GAP}" y="28" font-size="18" font-weight="bold" fill="#212121">{_esc(title)}</text>')
    out.append(f'<text x="{GAP}" y="48" font-size="12" fill="#424242">{_esc(s.subtitle)}</text>')
    for band_id, _title, x, y, w, h in frames:
        out.append(f'<rect class="band" data-band="{_esc(band_id)}" x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" '
                   f'height="{h:.0f}" rx="8" fill="#fafafa" stroke="#d0d0d0"/>')
    captions = _captions(frames)
    for part, x, y in captions:
        out.append(f'<text class="caption" x="{x:.0f}" y="{y:.0f}" font-size="11.5" font-weight="bold" '
                   f'fill="#546e7a">{_esc(part)}</text>')
    caption_rects = [(x - 2, y - 12, _text_width(part, 7.4) + 4, 16) for part, x, y in captions]
    out.extend(_svg_lines(s, placed, prefix, caption_rects, (4, 54, width - 8, routing_h - 58)))
    for band in s.bands:
        for key in band.boxes:
            out.extend(_svg_box(s.boxes[key], placed[key]))
    # legend
    y = height - legend_h + 18
    out.append(f'<text x="{GAP}" y="{y:.0f}" font-size="11.5" font-weight="bold" fill="#546e7a">'
               f'{_esc(said(msg("drawing.legend"), s.lang))}</text>')
    for i, (key, text) in enumerate(s.legend):
        lx = GAP + (i % LEGEND_COLUMNS) * LEGEND_W
        ly = y + 18 + (i // LEGEND_COLUMNS) * 20
        out.append(_legend_sample(key, lx, ly))
        out.append(f'<text x="{lx + 44}" y="{ly + 4}" font-size="11" fill="#212121">{_esc(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


LABEL_SIZE = 10.0
"""Font size of a line's label (what it carries), in px of the drawing."""
LABEL_SPREAD = 220.0
"""A line's label is left out when the same label is this close (Manhattan px): the lines are bundled."""


def _svg_lines(s: Scene, placed: Mapping[str, _Placed], prefix: str,
               captions: Sequence[tuple[float, float, float, float]],
               bounds: tuple[float, float, float, float]) -> list[str]:
    """The lines, routed around boxes and captions and drawn under the boxes, each labelled with
    what it carries where the label fits (the legend keys the colours everywhere else)."""
    from archcheck.report.drawing.route import label_spot, route  # noqa: PLC0415 - only the SVG needs it

    # the boxes as drawn (whole pixels), so that a line meets the border the reader sees
    rects = {k: (float(round(p.x)), float(round(p.y)), float(round(p.w)), float(round(p.h))) for k, p in placed.items()}
    paths = route(rects, [(ln.source, ln.target, ln.kind) for ln in s.lines], captions, bounds)
    taken: list[tuple[float, float, float, float]] = [*rects.values(), *captions]
    out: list[str] = []
    labels: list[str] = []
    placed_labels: dict[str, list[tuple[float, float]]] = {}
    for ln, pts in zip(s.lines, paths, strict=True):
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        if ln.role is Role.CONNECTION:
            colour = COLOURS.get(ln.kind, GREY) if ln.status is Status.PRESENT else GREY
            extra = "" if ln.status is Status.PRESENT else ' stroke-dasharray="2 3"'
            if ln.unsure and ln.status is Status.PRESENT:
                extra = ' stroke-dasharray="6 4"'
            width_ = 1.6
        else:
            colour, width_ = RED, 2.6
            extra = ' stroke-dasharray="7 5"' if ln.role is Role.MISSING or ln.unsure else ""
        cls = ln.role.value + (" unsure" if ln.unsure else "")
        out.append(f'<path class="line {cls}" data-source="{_esc(ln.source)}" data-target="{_esc(ln.target)}" '
                   f'data-kind="{_esc(ln.kind)}" d="{d}" fill="none" stroke="{colour}" stroke-width="{width_}"{extra} '
                   f'stroke-linejoin="round" marker-end="url(#{prefix}a{colour[1:]})">'
                   f"<title>{_esc(_line_title(s, ln))}</title></path>")
        if ln.role is Role.CONNECTION:
            text, fill, weight = _kind_label(ln.kind, s.lang), colour, ""
        else:
            tag = "✕ " if ln.role is Role.FORBIDDEN else ""
            text = f"{tag}{', '.join(ln.rules)}" if ln.rules else tag.strip()
            fill, weight = RED, ' font-weight="bold"'
        if not text:
            continue
        spot = label_spot(pts, _text_width(text, LABEL_SIZE * 0.62) + 4, LABEL_SIZE + 2, taken)
        if spot is not None:
            x, y, w, h = spot
            near = placed_labels.setdefault(text, [])
            if ln.role is Role.CONNECTION and any(abs(x - a) + abs(y - b) < LABEL_SPREAD for a, b in near):
                continue  # the same word close by already says what this bundle carries
            near.append((x, y))
            labels.append(f'<text class="label" x="{x + w / 2:.1f}" y="{y + h - 3:.1f}" font-size="{LABEL_SIZE:g}"'
                          f'{weight} fill="{fill}" text-anchor="middle" stroke="#ffffff" stroke-width="3" '
                          f'paint-order="stroke">{_esc(text)}</text>')
    return out + labels


def _kind_label(kind: str, lang: str | None) -> str:
    """A line's label: the kind in one language (the legend has both)."""
    return word(kind, "en" if lang == "en" else "vi")


def _line_title(s: Scene, ln: Line) -> str:
    src, dst = s.boxes[ln.source].detail, s.boxes[ln.target].detail
    text = f"{src} → {dst}: {word(ln.kind, s.lang)}"
    if ln.status is not Status.PRESENT and ln.role is Role.CONNECTION:
        text += f" ({line_status(ln.status, s.lang)})"
    if ln.role is Role.MISSING:
        text += f"; {said(msg('drawing.missing-line'), s.lang)}"
    if ln.role is Role.FORBIDDEN:
        text += f"; {said(msg('drawing.forbidden'), s.lang)}"
    if ln.rules:
        text += f" [{', '.join(ln.rules)}]"
    return text


def _svg_box(box: Box, p: _Placed) -> list[str]:
    fill, stroke, width, dash = "#ffffff", "#78909c", 1.2, ""
    if box.status is not Status.PRESENT and not box.missing:
        fill, stroke, dash = "#f5f5f5", GREY, ' stroke-dasharray="3 3"'
    if box.hub:
        fill, stroke, width = "#e3f2fd", "#1f5fbf", 3.5
    if box.mark is Mark.CANNOT_VERIFY:
        fill, stroke, width, dash = "#fff8e1", AMBER, 3.5 if box.hub else 2.2, ' stroke-dasharray="5 3"'
    if box.mark in (Mark.FAILED, Mark.WARNING, Mark.INFO):
        stroke, width = MARK_COLOURS[box.mark.value], 3.5 if box.hub else 3.0 if box.mark is Mark.FAILED else 2.4
    if box.missing:
        # a missing component that only "cannot verify" findings ask for is amber, not a violation's red
        unsure = box.mark is Mark.CANNOT_VERIFY
        fill, stroke, width, dash = ("#fff8e1" if unsure else "#ffebee"), (AMBER if unsure else RED), 2.2, \
            ' stroke-dasharray="7 5"'
    cls = f"box {box.mark.value}" + (" hub" if box.hub else "") + (" missing" if box.missing else "")
    out = [f'<g class="{cls}" data-key="{_esc(box.key)}">',
           f"<title>{_esc(box.title)} ({_esc(box.kind)}; {_esc(box.status.value)})</title>",
           f'<rect x="{p.x:.0f}" y="{p.y:.0f}" width="{p.w:.0f}" height="{p.h:.0f}" rx="6" fill="{fill}" '
           f'stroke="{stroke}" stroke-width="{width}"{dash}/>']
    y = p.y + PAD + 2
    for text, style in _box_lines(box):
        if style == "t":
            attrs = 'font-size="11.5" fill="#212121"'
        elif style == "d":
            attrs = 'font-size="10" fill="#607d8b" font-family="DejaVu Sans Mono, monospace"'
        else:
            colour = MARK_COLOURS.get(box.mark.value, RED)
            attrs = f'font-size="10.5" font-weight="bold" fill="{colour}"'
        out.append(f'<text x="{p.x + p.w / 2:.0f}" y="{y:.0f}" text-anchor="middle" {attrs}>{_esc(text)}</text>')
        y += LINE_H
    out.append("</g>")
    return out


def _legend_sample(key: str, x: float, y: float) -> str:
    if key.startswith("kind:"):
        colour = COLOURS.get(key[5:], GREY)
        return f'<line x1="{x}" y1="{y}" x2="{x + 36}" y2="{y}" stroke="{colour}" stroke-width="2"/>'
    if key in ("missing", "forbidden", "unknown", "unsure"):
        colour = GREY if key in ("unknown", "unsure") else RED
        dash = {"missing": ' stroke-dasharray="7 5"', "unknown": ' stroke-dasharray="2 3"',
                "unsure": ' stroke-dasharray="6 4"'}.get(key, "")
        return f'<line x1="{x}" y1="{y}" x2="{x + 36}" y2="{y}" stroke="{colour}" stroke-width="2.6"{dash}/>'
    style = {"failed": f'fill="#ffffff" stroke="{RED}" stroke-width="3"',
             "cannot-verify": f'fill="#fff8e1" stroke="{AMBER}" stroke-width="2" stroke-dasharray="5 3"',
             "warning": f'fill="#ffffff" stroke="{ORANGE}" stroke-width="2.4"',
             "info": f'fill="#ffffff" stroke="{BLUE}" stroke-width="2.4"',
             "hub": 'fill="#e3f2fd" stroke="#1f5fbf" stroke-width="3"'}[key]
    return f'<rect x="{x}" y="{y - 7}" width="36" height="14" rx="3" {style}/>'

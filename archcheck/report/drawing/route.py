"""Orthogonal routing of a drawing's lines around its boxes and captions (no external program).

:func:`route` draws every line as a chain of horizontal and vertical segments that leaves its source
box from a port on one of its sides and enters its target box on one of its sides, and never passes
through any box (its own ends included: it stops at their borders) nor through an obstacle such as
a layer's caption. It is a shortest-path search (A*, the Manhattan distance as the estimate, weighted
so that the search stays small) over a sparse grid: the lines a few pixels outside every box side
and obstacle, and the ports. A bend costs as much as a stretch of line, so routes are plain; a port
another line already uses costs more, so lines leave a side from different points, and a stretch
another line uses a little more. Lines that end up
on one stretch are then spread side by side (:func:`_nudge`), except lines of one kind leaving one
box, which run together as a bundle; a spread line stays within the margin kept around every box.
Everything is deterministic: the lines are routed in the order given, ties broken by position.

The result is a polyline per line; :func:`label_spot` finds where a line's label fits.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

Rect = tuple[float, float, float, float]
"""x, y, width, height."""
Point = tuple[float, float]

MARGIN = 6.0
"""Distance kept between a line and any box it passes (its ends' ports included)."""
BEND = 24.0
"""Cost of one bend, in pixels of line."""
SHARED = 0.1
"""A grid segment used by n other lines costs (1 + SHARED × n) times its length."""
PORT_USED = 40.0
"""Cost of leaving or entering from a port another line already uses."""
GREED = 2.0
"""Weight of the distance estimate in the search: above 1 the search looks at far fewer routes, and finds
one at most a little longer than the shortest (a drawing, not a circuit board)."""
FRACTIONS = (0.5, 0.3, 0.7, 0.15, 0.85)
"""Where the ports sit along a box's side, in order of preference."""

_DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))  # +x, -x, +y, -y
_R, _L, _D, _U = 0, 1, 2, 3


def _ports(r: Rect) -> list[tuple[Point, Point, int]]:
    """(point on the border, point MARGIN outside it, outward direction) for every port of a box."""
    x, y, w, h = r
    out: list[tuple[Point, Point, int]] = []
    for f in FRACTIONS:
        px, py = _key(x + w * f), _key(y + h * f)
        out.append(((px, y + h), (px, y + h + MARGIN), _D))
        out.append(((px, y), (px, y - MARGIN), _U))
        if f in (0.5, 0.3, 0.7):
            out.append(((x + w, py), (x + w + MARGIN, py), _R))
            out.append(((x, py), (x - MARGIN, py), _L))
    return out


def _key(v: float) -> float:
    return round(v * 2) / 2


class _Grid:
    """The sparse grid: coordinates, blocked nodes and segments, and how often each segment is used."""

    def __init__(self, boxes: Mapping[str, Rect], obstacles: Sequence[Rect], bounds: Rect):
        bx, by, bw, bh = bounds
        xs: set[float] = {_key(bx), _key(bx + bw)}
        ys: set[float] = {_key(by), _key(by + bh)}
        inflated: list[Rect] = []
        for r in boxes.values():
            x, y, w, h = r
            inflated.append((x - MARGIN, y - MARGIN, w + 2 * MARGIN, h + 2 * MARGIN))
            xs.update((_key(x - MARGIN), _key(x + w + MARGIN)))
            ys.update((_key(y - MARGIN), _key(y + h + MARGIN)))
            for _, (sx, sy), _d in _ports(r):
                xs.add(_key(sx))
                ys.add(_key(sy))
        for x, y, w, h in obstacles:
            inflated.append((x - MARGIN, y - MARGIN, w + 2 * MARGIN, h + 2 * MARGIN))
            xs.update((_key(x - MARGIN), _key(x + w + MARGIN)))
            ys.update((_key(y - MARGIN), _key(y + h + MARGIN)))
        self.xs = sorted(v for v in xs if bx <= v <= bx + bw)
        self.ys = sorted(v for v in ys if by <= v <= by + bh)
        nx, ny = len(self.xs), len(self.ys)
        self.nx, self.ny = nx, ny
        self.node_free = bytearray(b"\x01") * (nx * ny)
        self.h_free = bytearray(b"\x01") * (nx * ny)  # segment (i, j) → (i + 1, j)
        self.v_free = bytearray(b"\x01") * (nx * ny)  # segment (i, j) → (i, j + 1)
        for i in range(nx * ny):
            if i % nx == nx - 1:
                self.h_free[i] = 0
            if i // nx == ny - 1:
                self.v_free[i] = 0
        for x, y, w, h in inflated:
            x0, x1, y0, y1 = _key(x), _key(x + w), _key(y), _key(y + h)
            ix_in = range(bisect_right(self.xs, x0), bisect_left(self.xs, x1))  # strictly inside
            iy_in = range(bisect_right(self.ys, y0), bisect_left(self.ys, y1))
            ix_span = range(bisect_left(self.xs, x0), bisect_left(self.xs, x1))  # segments within
            iy_span = range(bisect_left(self.ys, y0), bisect_left(self.ys, y1))
            for j in iy_in:
                row = j * nx
                for i in ix_in:
                    self.node_free[row + i] = 0
                for i in ix_span:
                    self.h_free[row + i] = 0
            for i in ix_in:
                for j in iy_span:
                    self.v_free[j * nx + i] = 0
        self.h_use = [0] * (nx * ny)  # how many routed lines use each segment
        self.v_use = [0] * (nx * ny)

    def index(self, p: Point) -> int | None:
        i = bisect_left(self.xs, _key(p[0]))
        j = bisect_left(self.ys, _key(p[1]))
        if i < self.nx and j < self.ny and self.xs[i] == _key(p[0]) and self.ys[j] == _key(p[1]):
            n = j * self.nx + i
            return n if self.node_free[n] else None
        return None


def route(boxes: Mapping[str, Rect], lines: Sequence[tuple[str, str, str]], obstacles: Sequence[Rect],
          bounds: Rect) -> list[list[Point]]:
    """The polyline of each line ``(source box, target box, bundle tag)`` around the boxes and obstacles.

    Args:
        boxes: box key → its rectangle; every box is an obstacle to every line.
        lines: the lines in drawing order; lines with the same source (or target) and tag may share
            their first (last) stretch.
        obstacles: other rectangles no line may cross (captions).
        bounds: the area the lines may use.

    Returns:
        For each line, its points from the source box's border to the target box's border. A line
        the grid cannot route (its ends walled in) is drawn straight between the two boxes' centres'
        nearest sides, so that nothing is ever left out of the drawing.

    >>> route({"a": (0, 0, 40, 20), "b": (0, 100, 40, 20), "c": (0, 50, 40, 20)}, [("a", "b", "k")],
    ...       [], (-40, -20, 140, 160))[0][0]
    (20.0, 20.0)
    """
    grid = _Grid(boxes, obstacles, bounds)
    port_use: dict[Point, int] = {}
    out: list[list[Point]] = []
    for source, target, _tag in lines:
        path = _Search(grid, port_use).run(boxes[source], boxes[target])
        if path is None:
            path = _straight(boxes[source], boxes[target])
        else:
            port_use[path[0]] = port_use.get(path[0], 0) + 1
            port_use[path[-1]] = port_use.get(path[-1], 0) + 1
        out.append(_simplify(path))
    return _nudge(out, [(source, tag) for source, _, tag in lines])


def _straight(a: Rect, b: Rect) -> list[Point]:
    ax, ay = a[0] + a[2] / 2, a[1] + a[3] / 2
    bx, by = b[0] + b[2] / 2, b[1] + b[3] / 2
    return [(ax, a[1] + a[3] if by > ay else a[1]), (bx, b[1] if by > ay else b[1] + b[3])]


class _Search:
    """One line's route on the grid: A* over grid nodes, each remembering the direction it was reached
    in (so that a bend costs), with a weighted distance estimate."""

    def __init__(self, grid: _Grid, port_use: Mapping[Point, int]):
        self.grid, self.port_use = grid, port_use
        size = grid.nx * grid.ny
        self.best = [float("inf")] * size
        self.came = [-1] * size
        self.dir = [0] * size
        self.start_border: dict[int, Point] = {}

    def run(self, src: Rect, dst: Rect) -> list[Point] | None:
        """The cheapest route from a port of src to a port of dst, or None if there is none."""
        grid = self.grid
        goals: dict[int, list[tuple[int, float, Point]]] = {}
        for border, stub, d in _ports(dst):
            n = grid.index(stub)
            if n is not None:
                goals.setdefault(n, []).append((d ^ 1, PORT_USED * self.port_use.get(border, 0), border))
        starts: list[tuple[float, int, int]] = []
        for border, stub, d in _ports(src):
            n = grid.index(stub)
            if n is not None and n not in self.start_border:
                self.start_border[n] = border
                starts.append((PORT_USED * self.port_use.get(border, 0), n, d))
        if not goals or not starts:
            return None
        finish = self.walk(goals, starts)
        return None if finish is None else self.path(*finish)

    def walk(self, goals: Mapping[int, list[tuple[int, float, Point]]],
             starts: Sequence[tuple[float, int, int]]) -> tuple[int, Point] | None:
        """Expand nodes until no cheaper route to a goal can remain; the best (node, border) reached."""
        grid, best, came, dirs = self.grid, self.best, self.came, self.dir
        xs, ys, nx = grid.xs, grid.ys, grid.nx
        h_free, v_free, node_free, h_use, v_use = grid.h_free, grid.v_free, grid.node_free, grid.h_use, grid.v_use
        gx = [xs[n % nx] for n in goals]
        gy = [ys[n // nx] for n in goals]
        lo_x, hi_x, lo_y, hi_y = min(gx), max(gx), min(gy), max(gy)
        heap: list[tuple[float, float, int]] = []  # (cost + estimate, -cost, node)
        for cost, n, d in starts:
            if cost < best[n]:
                best[n], dirs[n] = cost, d
                heapq.heappush(heap, (cost, -cost, n))
        finish: tuple[float, int, Point] | None = None
        while heap:
            f, neg, n = heapq.heappop(heap)
            cost = -neg
            if finish is not None and f >= finish[0]:
                break
            if cost > best[n]:
                continue
            d = dirs[n]
            for inward, penalty, border in goals.get(n, ()):
                total = cost + penalty + (0.0 if d == inward else BEND)
                if finish is None or total < finish[0]:
                    finish = (total, n, border)
            i, j = n % nx, n // nx
            for nd, (dx, dy) in enumerate(_DIRS):
                if nd == d ^ 1:
                    continue  # no turning back
                if dx:
                    seg = n if dx > 0 else n - 1
                    if not h_free[seg]:  # also False past the grid's last column (see _Grid)
                        continue
                    m, length, used = n + dx, abs(xs[i + dx] - xs[i]), h_use[seg]
                else:
                    seg = n if dy > 0 else n - nx
                    if seg < 0 or not v_free[seg]:
                        continue
                    m, length, used = n + dy * nx, abs(ys[j + dy] - ys[j]), v_use[seg]
                if not node_free[m]:
                    continue
                new = cost + length * (1 + SHARED * used) + (BEND if nd != d else 0.0)
                if new < best[m]:  # this loop is where a drawing's time goes: kept flat
                    best[m], came[m], dirs[m] = new, n, nd
                    x, y = xs[m % nx], ys[m // nx]
                    ox = lo_x - x if x < lo_x else x - hi_x if x > hi_x else 0.0
                    oy = lo_y - y if y < lo_y else y - hi_y if y > hi_y else 0.0
                    rest = ox + oy + BEND if ox and oy else ox + oy  # off both ways: one more bend at least
                    heapq.heappush(heap, (new + GREED * rest, -new, m))
        return None if finish is None else (finish[1], finish[2])

    def path(self, node: int, end_border: Point) -> list[Point]:
        """The route's points, from the source's border to the target's; its grid segments counted as used."""
        grid = self.grid
        nodes: list[int] = []
        cur = first = node
        while cur != -1:
            nodes.append(cur)
            first = cur
            cur = self.came[cur]
        nodes.reverse()
        for a, b in itertools.pairwise(nodes):
            if a // grid.nx == b // grid.nx:  # one row: a horizontal segment
                grid.h_use[min(a, b)] += 1
            else:
                grid.v_use[min(a, b)] += 1
        return [self.start_border[first], *((grid.xs[n % grid.nx], grid.ys[n // grid.nx]) for n in nodes),
                end_border]


NUDGE = 3.0
"""Distance between lines that run along the same stretch (less where many share it: never more than
MARGIN - 1 from the middle, so a nudged line stays clear of every box)."""


def _nudge(paths: list[list[Point]], bundles: Sequence[tuple[str, str]]) -> list[list[Point]]:
    """Spread lines that run on top of each other along one stretch side by side (a line's bundle, its
    source and tag, keeps one track: lines of one kind from one box run together)."""
    offsets = [[0.0] * max(len(p) - 1, 0) for p in paths]
    for horizontal in (True, False):
        groups: dict[float, list[tuple[float, float, int, int]]] = {}
        for li, pts in enumerate(paths):
            for si, (a, b) in enumerate(itertools.pairwise(pts)):
                if (a[1] == b[1]) == horizontal and a != b:
                    at, lo, hi = (a[1], min(a[0], b[0]), max(a[0], b[0])) if horizontal else \
                        (a[0], min(a[1], b[1]), max(a[1], b[1]))
                    groups.setdefault(at, []).append((lo, hi, li, si))
        for segs in groups.values():
            segs.sort()
            cluster: list[tuple[float, float, int, int]] = []
            end = -float("inf")
            for seg in [*segs, (float("inf"), float("inf"), -1, -1)]:
                if seg[0] >= end and cluster:
                    _spread(cluster, bundles, offsets)
                    cluster = []
                cluster.append(seg)
                end = max(end, seg[1]) if len(cluster) > 1 else seg[1]
    out = []
    for pts, offs in zip(paths, offsets, strict=True):
        moved = []
        for k, (px, py) in enumerate(pts):
            x, y = px, py
            for si in (k - 1, k):
                if 0 <= si < len(offs) and offs[si]:
                    a, b = pts[si], pts[si + 1]
                    if a[1] == b[1]:
                        y = py + offs[si]
                    else:
                        x = px + offs[si]
            moved.append((x, y))
        out.append(moved)
    return out


def _spread(cluster: Sequence[tuple[float, float, int, int]], bundles: Sequence[tuple[str, str]],
            offsets: list[list[float]]) -> None:
    tracks: dict[tuple[str, str], int] = {}
    for _, _, li, _ in sorted(cluster, key=lambda s: s[2]):
        tracks.setdefault(bundles[li], len(tracks))
    k = len(tracks)
    if k < 2:
        return
    gap = min(NUDGE, 2 * (MARGIN - 1) / (k - 1))
    for _, _, li, si in cluster:
        offsets[li][si] = (tracks[bundles[li]] - (k - 1) / 2) * gap


def _simplify(path: Sequence[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points on one straight line."""
    out: list[Point] = []
    for p in path:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def label_spot(path: Sequence[Point], width: float, height: float, taken: list[Rect]) -> Rect | None:
    """Where a label ``width`` × ``height`` fits along the path's longest horizontal stretches, clear of
    ``taken`` (boxes, captions, labels already placed); None if nowhere. A found spot is added to ``taken``.
    """
    segments = sorted(((abs(b[0] - a[0]), a, b) for a, b in itertools.pairwise(path) if a[1] == b[1]),
                      key=lambda s: (-s[0], s[1]))
    for length, a, b in segments:
        if length < width + 8:
            break
        left = min(a[0], b[0])
        for k in (0.5, 0.3, 0.7):
            x = left + (length - width) * k
            for r in ((x, a[1] - height - 1.5, width, height), (x, a[1] + 1.5, width, height)):
                if not any(_overlap(r, t) for t in taken):
                    taken.append(r)
                    return r
    return None


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def crosses(path: Sequence[Point], r: Rect) -> bool:
    """Whether a polyline of horizontal and vertical segments passes through the inside of a rectangle.

    >>> crosses([(0, 5), (20, 5)], (5, 0, 5, 10)), crosses([(0, 0), (20, 0)], (5, 0, 5, 10))
    (True, False)
    """
    x, y, w, h = r
    for (x1, y1), (x2, y2) in itertools.pairwise(path):
        lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        if lo_x < x + w and hi_x > x and lo_y < y + h and hi_y > y:
            return True
        if lo_x == hi_x and lo_y == hi_y and x < lo_x < x + w and y < lo_y < y + h:
            return True
    return False

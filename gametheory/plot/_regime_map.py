"""Drawing helpers of plot_regime_map: regime styles, hatched areas, separating boundary segments, region labels.

Examples
--------
>>> regime_style(0) != regime_style(10), regime_style(10)[1]
(True, '//')
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from gametheory.sensitivity.regime_map import RegimeMap

__all__ = [
    "HATCHES",
    "MIN_DEPTH",
    "SIDE_OFFSET",
    "boundary_polylines",
    "cell_edges",
    "draw_hatches",
    "place_region_label",
    "regime_at_points",
    "regime_style",
    "separating",
]

#: Hatches combined with the ten qualitative colours: regime ``i`` gets colour ``i % 10`` and hatch ``i // 10``.
HATCHES = ("", "//", "\\\\", "..", "xx", "oo", "++", "--", "||", "**")
#: Regions whose largest part is less deep than this (in grid cells) get no label in place.
MIN_DEPTH = 2.0
#: How far (in grid cells) to each side of a boundary point the regimes are compared, where no grid point near it
#: lies off the boundaries (the fallback of :func:`boundary_polylines`).
SIDE_OFFSET = 1.5
_TAB10 = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def regime_style(code: int) -> tuple[tuple[float, float, float], str]:
    """The face colour (tab10, lightened so black text reads on it) and hatch of regime ``code``.

    The first 100 codes get distinct (colour, hatch) pairs.

    Examples
    --------
    >>> len({regime_style(i) for i in range(100)})
    100
    """
    hex_colour = _TAB10[code % len(_TAB10)]
    rgb = tuple(int(hex_colour[k : k + 2], 16) / 255 for k in (1, 3, 5))
    light = tuple(round(0.55 * c + 0.45, 4) for c in rgb)
    return (light[0], light[1], light[2]), HATCHES[(code // len(_TAB10)) % len(HATCHES)]


def cell_edges(values: np.ndarray) -> np.ndarray:
    """The edges of the cells centred on ``values`` (as pcolormesh's ``shading="nearest"``).

    Examples
    --------
    >>> cell_edges(np.array([0.0, 1.0, 3.0])).tolist()
    [-0.5, 0.5, 2.0, 4.0]
    """
    values = np.asarray(values, dtype=np.float64)
    if values.size == 1:
        return np.array([values[0] - 0.5, values[0] + 0.5])
    middle = (values[:-1] + values[1:]) / 2
    return np.concatenate([[2 * values[0] - middle[0]], middle, [2 * values[-1] - middle[-1]]])


def draw_hatches(ax: Axes, regime_map: RegimeMap, code: int, hatch: str) -> None:
    """Hatch the cells of regime ``code`` with one path of row runs (no seams between cells)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    x_edges, y_edges = cell_edges(regime_map.x_values), cell_edges(regime_map.y_values)
    vertices: list[tuple[float, float]] = []
    codes: list[Any] = []
    for j, row in enumerate(np.asarray(regime_map.regime) == code):
        steps = np.diff(np.r_[0, row.astype(np.int8), 0])
        for start, end in zip(np.flatnonzero(steps == 1), np.flatnonzero(steps == -1), strict=True):
            x0, x1, y0, y1 = x_edges[start], x_edges[end], y_edges[j], y_edges[j + 1]
            vertices += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    if vertices:
        patch = PathPatch(Path(vertices, codes), facecolor="none", edgecolor="0.3", linewidth=0, hatch=hatch)
        patch.set_gid(f"regime-hatch-{code}")
        ax.add_patch(patch)


def regime_at_points(regime_map: RegimeMap, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The regime code at the grid point nearest each ``(x, y)`` (as ``RegimeMap.regime_at``); -1 at NaN."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    finite = np.isfinite(x) & np.isfinite(y)
    i = np.argmin(np.abs(regime_map.x_values[None, :] - np.where(finite, x, 0)[:, None]), axis=1)
    j = np.argmin(np.abs(regime_map.y_values[None, :] - np.where(finite, y, 0)[:, None]), axis=1)
    return np.where(finite, np.asarray(regime_map.regime)[j, i], -1)


def _spans(regime_map: RegimeMap) -> tuple[float, float, float]:
    x, y = regime_map.x_values, regime_map.y_values
    span_x, span_y = max(float(np.ptp(x)), 1e-12), max(float(np.ptp(y)), 1e-12)
    cell = max(span_x / max(len(x) - 1, 1) / span_x, span_y / max(len(y) - 1, 1) / span_y)
    return span_x, span_y, SIDE_OFFSET * cell


def separating(regime_map: RegimeMap, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Whether each point of the polyline ``(x, y)`` separates two regimes.

    The regimes :data:`SIDE_OFFSET` grid cells to either side, along the
    polyline's normal (in axes-scaled coordinates), must differ.
    """
    span_x, span_y, offset = _spans(regime_map)
    u, v = np.asarray(x) / span_x, np.asarray(y) / span_y
    if u.size < 2:
        return np.zeros(u.size, dtype=bool)
    du, dv = np.gradient(u), np.gradient(v)
    with np.errstate(all="ignore"):
        length = np.hypot(du, dv)
        nu, nv = -dv / length * offset, du / length * offset
    left = regime_at_points(regime_map, (u + nu) * span_x, (v + nv) * span_y)
    right = regime_at_points(regime_map, (u - nu) * span_x, (v - nv) * span_y)
    return (left >= 0) & (right >= 0) & (left != right)


def boundary_polylines(regime_map: RegimeMap, samples: int = 1500) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Each boundary's curves as ``(label, x, y)``, NaN wherever the curve separates no regimes.

    Regimes change only across boundary curves, so each curve is cut where
    another boundary crosses it (at the exact crossing, up to the dense
    sampling) and every piece between two crossings is kept or dropped as a
    whole: kept when, at most of its samples, the nearest grid points on its
    two sides are in different regimes. A piece therefore ends where the
    regimes stop differing, however coarse the grid.
    """
    x, y = regime_map.x_values, regime_map.y_values
    xs, ys = sympy.Symbol(regime_map.x), sympy.Symbol(regime_map.y)
    dense_x = np.linspace(x.min(), x.max(), samples)
    dense_y = np.linspace(y.min(), y.max(), samples)
    functions = [
        sympy.lambdify((xs, ys), _by_name(b.expression, regime_map.x, regime_map.y, xs, ys), "numpy")
        for b in regime_map.boundaries
    ]
    grid_x, grid_y = np.meshgrid(x, y)
    grid_signs = [_signs(f, grid_x, grid_y) for f in functions]
    # Grid points on a boundary are ties, in the regimes of both sides: they tell no side apart.
    on_a_boundary = np.any([signs == 0 for signs in grid_signs], axis=0) if grid_signs else np.zeros(x.shape, bool)
    out = []
    for k, boundary in enumerate(regime_map.boundaries):
        corner_signs = np.where(on_a_boundary, 0.0, grid_signs[k])
        others = [f for m, f in enumerate(functions) if m != k]
        for label, px, py in _curve_pieces(boundary, regime_map, functions[k], xs, ys, dense_x, dense_y):
            inside = (px >= x.min()) & (px <= x.max()) & (py >= y.min()) & (py <= y.max())
            finite = np.isfinite(px) & np.isfinite(py) & inside
            px, py = np.where(finite, px, np.nan), np.where(finite, py, np.nan)
            votes, decisive = _cell_votes(regime_map, corner_signs, px, py)
            keep = np.zeros(px.size, dtype=bool)
            for start, stop in _runs(finite, [_signs(f, px, py) for f in others]):
                chosen = slice(start, stop)
                if decisive[chosen].any():
                    keep[chosen] = votes[chosen].sum() * 2 > decisive[chosen].sum()
                else:  # no grid point nearby off the boundaries: compare the regimes to either side
                    keep[chosen] = separating(regime_map, px[chosen], py[chosen]).mean() > 0.5
            if keep.any():
                out.append((label, np.where(keep, px, np.nan), np.where(keep, py, np.nan)))
    return out


def _curve_pieces(
    boundary: Any,
    regime_map: RegimeMap,
    function: Any,
    xs: sympy.Symbol,
    ys: sympy.Symbol,
    dense_x: np.ndarray,
    dense_y: np.ndarray,
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """The boundary's curves sampled densely: solved for y (or x), else traced as a contour."""
    from contourpy import contour_generator

    curves = [_by_name(c, regime_map.x, regime_map.y, xs, ys) for c in boundary.curves]
    pieces: list[tuple[str, np.ndarray, np.ndarray]] = []
    if not curves:
        grid_x, grid_y = np.meshgrid(dense_x[::5], dense_y[::5])
        with np.errstate(all="ignore"):
            z = np.broadcast_to(np.asarray(function(grid_x, grid_y), dtype=np.float64), grid_x.shape)
        for line in contour_generator(grid_x, grid_y, z).lines(0.0):
            points = np.asarray(line, dtype=np.float64)
            pieces.append((f"{boundary.expression} = 0", points[:, 0].copy(), points[:, 1].copy()))
    for curve in curves:
        f = sympy.lambdify((xs, ys), curve.rhs, modules=[np])  # not "numpy": that star-imports numpy
        with np.errstate(all="ignore"):
            if curve.lhs == ys:
                px, py = dense_x.copy(), np.array(np.broadcast_to(f(dense_x, 0.0), dense_x.shape), dtype=float)
            else:
                px, py = np.array(np.broadcast_to(f(0.0, dense_y), dense_y.shape), dtype=float), dense_y.copy()
        pieces.append((f"{curve.lhs} = {curve.rhs}", px, py))
    return pieces


def _signs(function: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(function(x, y), dtype=np.float64), np.broadcast_shapes(x.shape, y.shape))
    return np.sign(np.nan_to_num(values, nan=0.0))


def _runs(finite: np.ndarray, crossings: list[np.ndarray]) -> list[tuple[int, int]]:
    """Index ranges of the polyline between gaps and between crossings of the other boundaries."""
    cut = ~finite[1:] | ~finite[:-1]
    for signs in crossings:
        cut |= signs[1:] != signs[:-1]
    edges = np.flatnonzero(cut) + 1
    bounds = np.r_[0, edges, finite.size]
    return [(int(a), int(b)) for a, b in itertools.pairwise(bounds) if b > a and finite[a:b].any()]


def _cell_votes(
    regime_map: RegimeMap, corner_signs: np.ndarray, px: np.ndarray, py: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per sample: whether grid points lie on both sides of the curve nearby, and whether the nearest differ.

    Among the 4 x 4 grid points around a sample, the nearest one strictly on
    each side of the curve (grid points on any boundary, at a tie, have sign
    0 in ``corner_signs`` and are skipped) are compared: ``decisive`` when
    both exist, ``votes`` when their regimes differ.
    """
    x, y = regime_map.x_values, regime_map.y_values
    regime = np.asarray(regime_map.regime)
    finite = np.isfinite(px) & np.isfinite(py)
    i = np.searchsorted(x, np.where(finite, px, x[0]), side="right") - 1
    j = np.searchsorted(y, np.where(finite, py, y[0]), side="right") - 1
    cell_x = max(float(np.ptp(x)) / max(len(x) - 1, 1), 1e-300)
    cell_y = max(float(np.ptp(y)) / max(len(y) - 1, 1), 1e-300)
    best = {1: (np.full(px.size, np.inf), np.full(px.size, -1)), -1: (np.full(px.size, np.inf), np.full(px.size, -1))}
    for dj in (-1, 0, 1, 2):
        for di in (-1, 0, 1, 2):
            b, a = j + dj, i + di
            valid = finite & (a >= 0) & (a < len(x)) & (b >= 0) & (b < len(y))
            a, b = np.clip(a, 0, len(x) - 1), np.clip(b, 0, len(y) - 1)
            with np.errstate(invalid="ignore"):
                distance = np.hypot((x[a] - px) / cell_x, (y[b] - py) / cell_y)
            side, code = corner_signs[b, a], regime[b, a]
            for sign, (nearest, codes) in best.items():
                closer = valid & (side == sign) & (distance < nearest)
                nearest[closer] = distance[closer]
                codes[closer] = code[closer]
    decisive = (best[1][1] >= 0) & (best[-1][1] >= 0)
    return decisive & (best[1][1] != best[-1][1]), decisive


def _by_name(expr: Any, x: str, y: str, xs: sympy.Symbol, ys: sympy.Symbol) -> Any:
    # The game's symbols may carry assumptions; plot with plain symbols of the same names.
    mapping = {s: xs if s.name == x else ys for s in expr.free_symbols if s.name in (x, y)}
    return expr.xreplace(mapping)


def place_region_label(ax: Axes, regime_map: RegimeMap, code: int, texts: tuple[tuple[str, str], ...]) -> Any:
    """Label regime ``code`` inside its largest connected part, away from its boundary.

    Tries each ``(text, fontsize)`` of ``texts`` in turn at the point
    farthest from the part's edge, then at other deep points, and keeps the first whose box
    (with a margin of one cell) covers only this regime's cells inside the
    axes; the last text is placed at the deepest point regardless.
    Returns the Text artist, or None (no label) when the part is a sliver
    less than :data:`MIN_DEPTH` cells deep.
    """
    from scipy import ndimage

    mask = np.asarray(regime_map.regime) == code
    parts, count = ndimage.label(mask)
    if count > 1:
        sizes = ndimage.sum_labels(mask, parts, index=np.arange(1, count + 1))
        mask_part = parts == 1 + int(np.argmax(sizes))
    else:
        mask_part = mask
    if ndimage.distance_transform_edt(np.pad(mask_part, 1)).max() < MIN_DEPTH:
        return None  # a sliver, such as a boundary regime: named in the legend only
    box = ax.get_window_extent()
    ny, nx = mask.shape
    cell_w, cell_h = box.width / max(nx, 1), box.height / max(ny, 1)
    depth = ndimage.distance_transform_edt(np.pad(mask_part, 1), sampling=(cell_h, cell_w))[1:-1, 1:-1]
    # Deepest first; among equally deep points, those nearest the part's centroid.
    rows, cols = np.indices(mask.shape)
    centre_j, centre_i = rows[mask_part].mean(), cols[mask_part].mean()
    off_centre = np.hypot((rows - centre_j) * cell_h, (cols - centre_i) * cell_w)
    score = np.where(mask_part, np.round(depth, 1) - 1e-3 * off_centre, -np.inf)
    order = np.argsort(-score, axis=None, kind="stable")[: int(mask_part.sum())]
    candidates = order[:: max(1, order.size // 60)][:60]
    x_edges, y_edges = cell_edges(regime_map.x_values), cell_edges(regime_map.y_values)
    to_data = ax.transData.inverted()
    style: dict[str, Any] = {"ha": "center", "va": "center"}
    style["bbox"] = {"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"}
    for text, size in texts:
        # The box's size does not depend on where the text goes: measure once, then test candidates.
        probe = ax.text(regime_map.x_values[0], regime_map.y_values[0], text, fontsize=size, **style)
        extent = probe.get_window_extent()
        probe.remove()
        half_w, half_h = extent.width / 2 + 1 + cell_w, extent.height / 2 + 1 + cell_h
        for flat in candidates:
            j, i = np.unravel_index(flat, mask.shape)
            cx, cy = ax.transData.transform((regime_map.x_values[i], regime_map.y_values[j]))
            inside = box.x0 <= cx - half_w + cell_w and cx + half_w - cell_w <= box.x1
            if not (inside and box.y0 <= cy - half_h + cell_h and cy + half_h - cell_h <= box.y1):
                continue
            (x0, y0), (x1, y1) = to_data.transform([(cx - half_w, cy - half_h), (cx + half_w, cy + half_h)])
            cols = (x_edges[1:] > min(x0, x1)) & (x_edges[:-1] < max(x0, x1))
            rows = (y_edges[1:] > min(y0, y1)) & (y_edges[:-1] < max(y0, y1))
            if mask[np.ix_(rows, cols)].all():
                return ax.text(
                    float(regime_map.x_values[i]), float(regime_map.y_values[j]), text, fontsize=size, **style
                )
    j, i = np.unravel_index(int(order[0]), mask.shape)
    x, y = float(regime_map.x_values[i]), float(regime_map.y_values[j])
    return ax.text(x, y, texts[-1][0], fontsize=texts[-1][1], **style)

"""The report's inline style sheet and script (no file or network is loaded when the page is viewed).

The script reads the page's JSON data (labels, parameter names: user text,
only ever written with ``textContent``) and the compiled formula functions,
and on every slider move decides each regime's conditions with ``rel``:
float64 with the tolerance given in the data, two sides counting as equal
when they differ by at most ``tolerance * max(1, |lhs|, |rhs|)``.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """
:root { --ink: #1d2733; --muted: #5b6776; --line: #d9dee5; --accent: #1f63a8; --good: #e8f3e8;
        --good-line: #3c8d40; --card: #ffffff; --page: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: #1d2733; color: #fff; padding: 22px 40px 18px; }
header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
header p { margin: 0; color: #c5cfdb; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 8px 40px 40px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 22px;
          margin: 18px 0; }
h2 { font-size: 18px; margin: 0 0 10px; font-weight: 600; }
h3 { font-size: 15px; margin: 0 0 6px; font-weight: 600; }
p.note, .muted { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 6px 0; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.formula, span.formula, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
.regimes { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 12px; }
.regime { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fbfcfd; }
.regime.active { border: 2px solid var(--good-line); background: var(--good); }
.regime .when { margin-top: 6px; font-size: 13px; }
.badge { display: none; float: right; background: var(--good-line); color: #fff; border-radius: 10px;
         padding: 0 8px; font-size: 12px; }
.regime.active .badge { display: inline-block; }
.sliders { display: grid; grid-template-columns: 90px 1fr 120px 150px; gap: 6px 14px; align-items: center; }
.sliders label { font-weight: 600; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.sliders input[type=range] { width: 100%; accent-color: var(--accent); }
.sliders input[type=number] { width: 110px; padding: 2px 6px; font-size: 14px; }
.sliders .range { color: var(--muted); font-size: 12px; }
.status { margin-top: 14px; padding: 10px 14px; border-left: 4px solid var(--accent); background: #eef4fb; }
.status p { margin: 2px 0; }
.status ul { margin: 2px 0 2px 18px; padding: 0; }
figure { margin: 8px 0; }
figure img { max-width: 100%; max-height: 640px; width: auto; height: auto; border: 1px solid var(--line);
             border-radius: 4px; }
figcaption { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 30px; }
"""

SCRIPT = r"""
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const F = window.gametheoryFormulas;
  const n = data.parameters.length;

  // Float64 relation: a tie when the sides differ by no more than rounding could make them
  // (size: both sides with every term made positive). The exact formulas are printed in the page.
  window.rel = function (op, a, b, size) {
    const d = a - b;
    const zero = Math.abs(d) <= data.tolerance * size;
    switch (op) {
      case "eq": return zero;
      case "ne": return !zero && !Number.isNaN(d);
      case "lt": return !zero && d < 0;
      case "le": return zero || d < 0;
      case "gt": return !zero && d > 0;
      case "ge": return zero || d > 0;
    }
    return false;
  };

  const AMBIGUOUS = /^(?:\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(\/\d+)?\s*|.*[,;()=].*|\s*)$/;

  function fmt(x) {
    if (!Number.isFinite(x)) return "undefined";
    const s = Number(x.toPrecision(6)).toString();
    return s === "-0" ? "0" : s;
  }

  function values() {
    const out = [];
    for (let k = 0; k < n; k++) {
      // An empty or unreadable box is not 0 (Number("") is): it leaves the values undecided.
      const text = document.getElementById("value-" + k).value.trim();
      out.push(text === "" ? NaN : Number(text));
    }
    return out;
  }

  function describe(i, v) {
    const regime = data.regimes[i];
    const payoffs = F.payoffs[i].apply(null, v).map(fmt).join(", ");
    if (F.profiles[i] === null) return regime.label + "; payoffs " + payoffs;
    const profile = F.profiles[i].apply(null, v);
    const parts = data.players.map(function (player, j) {
      const used = [];
      profile[j].forEach(function (p, s) {
        if (Math.abs(p) > data.tolerance) used.push([data.strategies[j][s], p]);
      });
      if (used.length === 1) return player + ": " + used[0][0];
      // As the library prints mixes: "label (p=value)" when a label could be read as a number or a separator.
      const plain = !used.some(function (u) { return AMBIGUOUS.test(u[0]); });
      return player + ": " + used.map(function (u) {
        return plain ? u[0] + " " + fmt(u[1]) : u[0] + " (p=" + fmt(u[1]) + ")";
      }).join(", ");
    });
    return parts.join("; ") + "; payoffs " + payoffs;
  }

  function update() {
    const v = values();
    const finite = v.every(Number.isFinite);
    const holding = [];
    data.regimes.forEach(function (regime, i) {
      let holds = false;
      try { holds = finite && F.conditions[i].apply(null, v) === true; } catch (e) { holds = false; }
      if (holds) holding.push(i);
      document.getElementById("regime-" + i).classList.toggle("active", holds);
    });
    const regime = document.getElementById("regime");
    regime.textContent = holding.length ? holding.map(function (i) { return data.regimes[i].label; }).join(" | ")
                                        : "no equilibrium";
    const list = document.getElementById("equilibrium");
    list.replaceChildren();
    holding.forEach(function (i) {
      const item = document.createElement("li");
      item.textContent = describe(i, v);
      list.appendChild(item);
    });
    if (!holding.length) {
      const item = document.createElement("li");
      item.textContent = finite ? "none of the branches holds here" : "enter a number for every parameter";
      list.appendChild(item);
    }
  }

  function set(k, value) {
    document.getElementById("value-" + k).value = String(value);
    document.getElementById("range-" + k).value = String(value);
  }

  // "report.html#R=3&c=1/2" opens the page at those values.
  function fromHash() {
    let text = "";
    try { text = decodeURIComponent(window.location.hash.replace(/^#/, "")); } catch (e) { return; }
    text.split(/[&;,]/).forEach(function (pair) {
      const at = pair.indexOf("=");
      if (at < 0) return;
      const name = pair.slice(0, at).trim();
      const raw = pair.slice(at + 1).trim();
      const ratio = raw.split("/");
      const value = ratio.length === 2 ? Number(ratio[0]) / Number(ratio[1]) : Number(raw);
      const k = data.parameters.findIndex(function (p) { return p.name === name; });
      if (k >= 0 && raw !== "" && Number.isFinite(value)) set(k, value);
    });
  }

  for (let k = 0; k < n; k++) {
    const range = document.getElementById("range-" + k);
    const box = document.getElementById("value-" + k);
    range.addEventListener("input", function () { box.value = range.value; update(); });
    box.addEventListener("input", function () {
      if (box.value !== "" && Number.isFinite(Number(box.value))) range.value = box.value;
      update();
    });
  }
  const reset = document.getElementById("reset");
  if (reset) reset.addEventListener("click", function () {
    data.parameters.forEach(function (p, k) { set(k, p.base); });
    update();
  });
  window.addEventListener("hashchange", function () { fromHash(); update(); });
  window.gametheoryUpdate = update;
  fromHash();
  update();
})();
"""

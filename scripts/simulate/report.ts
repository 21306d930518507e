/**
 * Writes a run's outputs: per preset `<preset>.series.csv` and `.json`, `summary.json`, and a self-contained
 * `report.html` whose charts are Apache ECharts line charts rendered to SVG on the server (no browser needed).
 */
import fs from "node:fs";
import path from "node:path";
import * as echarts from "echarts";
import { Resvg } from "@resvg/resvg-js";
import type { CheckResult, Row } from "./checks";
import { toCsv } from "../../sdk/kit/core/csv";

export interface ChartSpec {
  readonly title: string;
  /** Series columns plotted against the day. */
  readonly columns: readonly string[];
}

export interface PresetRun {
  readonly preset: string;
  readonly scenario: string;
  readonly series: readonly Row[];
  readonly charts: readonly ChartSpec[];
  readonly checks: readonly CheckResult[];
  readonly txs: number;
  readonly wallSeconds: number;
  readonly notes: readonly string[];
  /** Reverted agent transactions by reason. */
  readonly failures: Readonly<Record<string, number>>;
}

function failureTable(failures: Readonly<Record<string, number>>): string {
  const rows = Object.entries(failures);
  if (rows.length === 0) return "<p>No agent transaction reverted.</p>";
  return `<table><tr><th>reverted agent transactions: reason</th><th>count</th></tr>${rows
    .map(([k, v]) => `<tr><td>${escHtml(k)}</td><td>${v}</td></tr>`)
    .join("")}</table>`;
}

/** One line chart as an SVG string (ECharts SSR). */
export function renderChart(rows: readonly Row[], spec: ChartSpec, width = 640, height = 300): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    title: { text: spec.title, left: "center", textStyle: { fontSize: 13 } },
    legend: { bottom: 0, type: "scroll" },
    grid: { left: 70, right: 20, top: 35, bottom: 45 },
    xAxis: { type: "category", name: "day", data: rows.map((r) => String(r.day)) },
    yAxis: { type: "value", scale: true },
    series: spec.columns.map((c) => ({
      name: c,
      type: "line",
      showSymbol: false,
      data: rows.map((r) => Number(r[c])),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** A PNG of a chart (for the README; the report inlines the SVGs). */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { background: "white", font: { loadSystemFonts: true } }).render().asPng();
}

const escHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function writeOutputs(outDir: string, runs: readonly PresetRun[], summary: Record<string, unknown>): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string | Buffer) => {
    const f = path.join(outDir, name);
    fs.writeFileSync(f, text);
    written.push(f);
  };
  const sections: string[] = [];
  for (const r of runs) {
    put(`${r.preset}.series.csv`, toCsv(r.series));
    put(`${r.preset}.series.json`, JSON.stringify(r.series, null, 1) + "\n");
    const rendered = r.charts.map((c) => renderChart(r.series, c));
    fs.mkdirSync(path.join(outDir, "charts"), { recursive: true });
    rendered.forEach((svg, i) => put(path.join("charts", `${r.preset}-${i + 1}.png`), svgToPng(svg)));
    const svgs = rendered.map((svg) => `<div class="chart">${svg}</div>`).join("\n");
    const rows = r.checks
      .map(
        (c) =>
          `<tr class="${c.pass ? "pass" : "fail"}"><td>${escHtml(c.name)}</td><td>${c.pass ? "pass" : "FAIL"}</td><td>${c.firstFailureDay ?? "-"}</td><td>${escHtml(c.detail)}</td></tr>`,
      )
      .join("\n");
    sections.push(`<h2>${escHtml(r.preset)} (scenario ${escHtml(r.scenario)})</h2>
<p>${r.series.length} days, ${r.txs} transactions, ${r.wallSeconds.toFixed(1)} s wall clock.</p>
<table><tr><th>check</th><th>result</th><th>first failure day</th><th>what</th></tr>${rows}</table>
${r.notes.length ? `<ul>${r.notes.map((n) => `<li>${escHtml(n)}</li>`).join("")}</ul>` : ""}
${failureTable(r.failures)}
<div class="charts">${svgs}</div>`);
  }
  put("summary.json", JSON.stringify(summary, null, 2) + "\n");
  put(
    "report.html",
    `<!doctype html><html><head><meta charset="utf-8"><title>Economic simulation</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}
tr.fail td{background:#fdd}tr.pass td:nth-child(2){color:#070}.charts{display:flex;flex-wrap:wrap}.chart{margin:6px}pre{background:#f6f6f6;padding:8px}</style>
</head><body><h1>Economic simulation</h1>
<h3>Parameters</h3><pre>${escHtml(JSON.stringify(summary.parameters ?? {}, null, 2))}</pre>
${sections.join("\n")}
</body></html>\n`,
  );
  return written;
}

import { Html, html } from '../html';

// Charts as SVG drawn on the server: no script, no style attribute (the pages' CSP allows only the
// stylesheet; fill and stroke are presentation attributes). Every label passes through `html`, so
// a name from the registry reaches the markup escaped. Each chart is an image with a title and a
// description (role="img", aria-labelledby); the page puts the same figures in a table beside it,
// the accessible equivalent (WCAG 1.1.1).

/** Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by more than hue in the legend's order. */
export const PALETTE = ['#0b3d66', '#b35c00', '#2e7d32', '#6a1b9a', '#5d4037', '#00695c'] as const;

export interface ChartText {
  /** A unique id within the page, for aria-labelledby. */
  id: string;
  title: string;
  desc: string;
}

export interface StageBar {
  label: string;
  /** The measured value (median days), or null without a stay. */
  value: number | null;
  /** The limit in the same unit, or null without a dated limit. */
  limit: number | null;
  /** The value as the reader reads it, e.g. "35 days". */
  valueText: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

function frame(text: ChartText, width: number, height: number, body: Html): Html {
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="${text.id}-title ${text.id}-desc"><title id="${text.id}-title">${text.title}</title><desc id="${text.id}-desc">${text.desc}</desc>${body}</svg>`;
}

/**
 * Horizontal bars, one per stage: the measured time as a bar, the limit as a dark tick across the
 * row; a bar past its tick overran. The scale runs to the largest value or limit.
 */
export function stageTimeChart(text: ChartText, bars: readonly StageBar[], legend: { value: string; limit: string }): Html {
  const labelWidth = 260;
  const plot = 360;
  const row = 24;
  const top = 30;
  const width = labelWidth + plot + 90;
  const height = top + row * bars.length + 10;
  const max = Math.max(1, ...bars.flatMap((b) => [b.value ?? 0, b.limit ?? 0]));
  const x = (v: number) => round(labelWidth + (v / max) * plot);
  const body = html`<g font-size="12" font-family="sans-serif" fill="#1b1b1b">
    <rect x="${labelWidth}" y="6" width="12" height="12" fill="${PALETTE[0]}" /><text x="${labelWidth + 18}" y="16">${legend.value}</text>
    <rect x="${labelWidth + 170}" y="4" width="3" height="16" fill="#1b1b1b" /><text x="${labelWidth + 180}" y="16">${legend.limit}</text>
    ${bars.map((b, i) => {
      const y = top + i * row;
      return html`<g>
        <text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${b.label}</text>
        ${b.value !== null ? html`<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(1, x(b.value) - labelWidth)}" height="14" fill="${PALETTE[0]}" />` : null}
        ${b.limit !== null ? html`<rect x="${x(b.limit) - 1}" y="${y + 1}" width="3" height="20" fill="#1b1b1b" />` : null}
        <text x="${(b.value !== null ? Math.max(x(b.value), b.limit !== null ? x(b.limit) : 0) : labelWidth) + 6}" y="${y + 15}">${b.valueText}</text>
      </g>`;
    })}
  </g>`;
  return frame(text, width, height, body);
}

export interface StackedColumn {
  label: string;
  /** One value per series, in the series' order. */
  values: readonly number[];
}

/** Stacked columns (disputes per year, by phase): one column per label, one colour per series, with a legend. */
export function stackedColumnChart(text: ChartText, series: readonly string[], columns: readonly StackedColumn[]): Html {
  const left = 40;
  const column = 44;
  const gap = 16;
  const plotHeight = 220;
  const legendHeight = 20 * series.length + 10;
  const width = Math.max(360, left + columns.length * (column + gap) + 20);
  const height = plotHeight + 40 + legendHeight;
  const max = Math.max(1, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0)));
  const scale = (v: number) => round((v / max) * plotHeight);
  const body = html`<g font-size="12" font-family="sans-serif" fill="#1b1b1b">
    <line x1="${left}" y1="${plotHeight + 10}" x2="${width - 10}" y2="${plotHeight + 10}" stroke="#4a4a4a" />
    <text x="${left - 6}" y="${plotHeight + 14}" text-anchor="end">0</text>
    <text x="${left - 6}" y="${14}" text-anchor="end">${max}</text>
    ${columns.map((c, i) => {
      const x = left + gap / 2 + i * (column + gap);
      let base = plotHeight + 10;
      const total = c.values.reduce((a, b) => a + b, 0);
      return html`<g>
        ${c.values.map((v, s) => {
          if (!v) return null;
          const h = scale(v);
          base = round(base - h);
          return html`<rect x="${x}" y="${base}" width="${column}" height="${h}" fill="${PALETTE[s % PALETTE.length]}" />`;
        })}
        <text x="${x + column / 2}" y="${round(base - 4)}" text-anchor="middle">${total}</text>
        <text x="${x + column / 2}" y="${plotHeight + 26}" text-anchor="middle">${c.label}</text>
      </g>`;
    })}
    ${series.map(
      (name, s) =>
        html`<rect x="${left}" y="${plotHeight + 36 + s * 20}" width="12" height="12" fill="${PALETTE[s % PALETTE.length]}" /><text x="${left + 18}" y="${plotHeight + 46 + s * 20}">${name}</text>`,
    )}
  </g>`;
  return frame(text, width, height, body);
}

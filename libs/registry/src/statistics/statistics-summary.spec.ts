import { kth, percentileCont } from './statistics-summary';

// A small deterministic generator: the cases are random but the same on every run.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** percentile_cont as PostgreSQL computes it, over one sorted array. */
function reference(p: number, values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const position = p * (sorted.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  if (first === second) return sorted[first];
  return sorted[first] + (sorted[second] - sorted[first]) * (position - first);
}

describe('the statistics summary: percentiles over two sorted sequences', () => {
  it('finds every rank of the merged order, with ties and empty sides', () => {
    const next = random(7);
    for (let round = 0; round < 300; round += 1) {
      const a = Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 8)).sort((x, y) => x - y);
      const b = Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 8)).sort((x, y) => x - y);
      const merged = [...a, ...b].sort((x, y) => x - y);
      for (let k = 0; k < merged.length; k += 1) expect(kth(a, (i) => b[i], b.length, k)).toBe(merged[k]);
    }
  });

  it('gives exactly the interpolated median and 90th percentile of the union', () => {
    const next = random(11);
    for (let round = 0; round < 300; round += 1) {
      const a = Array.from({ length: Math.floor(next() * 40) }, () => next() * 400).sort((x, y) => x - y);
      const b = Array.from({ length: Math.floor(next() * 40) }, () => next() * 400).sort((x, y) => x - y);
      for (const p of [0.5, 0.9]) expect(percentileCont(p, a, (i) => b[i], b.length)).toBe(reference(p, [...a, ...b]));
    }
    expect(percentileCont(0.5, [], () => 0, 0)).toBeNull();
  });
});

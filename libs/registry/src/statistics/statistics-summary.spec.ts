import { DueMemo, buildSummary, dueOf, evaluateSummary, float8s, kth, percentileCont, type SummaryRows } from './statistics-summary';

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

describe('the statistics summary: its rows', () => {
  it('reads the doubles PostgreSQL packs with float8send, in order, NaN included', () => {
    const values = [0, -1.5, 1 / 3, 1e300, Number.NaN, 86_400.000_001];
    const bytes = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => bytes.writeDoubleBE(v, i * 8));
    // At an offset inside a larger buffer, as a bytea parsed from a result often is.
    const inside = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    expect([...float8s(inside)]).toEqual(values);
  });

  it('keeps the stays\u2019 due days from one summary to the next only under the same closed days', () => {
    const day = (iso: string) => Date.parse(`${iso}T02:00:00Z`);
    const rows = (): SummaryRows => ({
      current: [],
      perYear: [],
      ended: new Map(),
      running: new Map(),
      // Consultations requested: consultations begin within 30 days (DSU 4.3). One stay ended on
      // its 30th day, one runs from the same day.
      stays: [
        {
          stage: 'CONSULTATIONS_REQUESTED',
          urgent: false,
          stays: Float64Array.from([day('2026-01-05'), day('2026-02-04'), day('2026-01-05'), Number.NaN]),
        },
      ],
    });
    const asOf = new Date('2026-02-05T12:00:00Z');
    const figures = (summary: ReturnType<typeof buildSummary>) =>
      evaluateSummary(summary, asOf).stages.find((s) => s.stage === 'CONSULTATIONS_REQUESTED')!;
    const memo = new DueMemo();
    const build = (closed: string[]) => {
      const summary = buildSummary(rows(), memo.begin({ dates: closed }));
      memo.end();
      return figures(summary);
    };
    const fresh = (closed: string[]) => figures(buildSummary(rows(), dueOf({ dates: closed })));
    const open = build([]);
    expect(open.overran).toBe(1); // the running stay is past its due day; the ended one was in time
    expect(open).toEqual(fresh([]));
    // A closed due day moves it on (the next day the body is open): neither overran any longer.
    const closed = ['2026-02-04', '2026-02-05'];
    expect(build(closed)).toEqual(fresh(closed));
    expect(build(closed).overran).toBe(0);
    expect(build([])).toEqual(open);
  });
});

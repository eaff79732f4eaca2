import { STAGES, type ClosedDays, type Stage } from '@app/procedure';
import type { StagePeriod } from '../statistics/stage-limits';
import { buildPeriodStays, periodStageFigures, periodStageFiguresOf } from './period-stays';

// A small deterministic generator: the cases are random but the same on every run.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 86_400_000;
const BASE = Date.parse('2024-01-01T00:00:00Z');
const CLOSED: ClosedDays = { weekdays: ['SATURDAY', 'SUNDAY'], dates: ['2024-12-25', '2025-01-01', '2025-05-01'] };

/** The stays of the period as the report's old statement read them: ended within it, or running at its end. */
function ofPeriod(stays: StagePeriod[], start: Date, asOf: Date): StagePeriod[] {
  const from = start.getTime();
  const to = asOf.getTime();
  return stays.filter((s) => {
    const left = s.leftAt?.getTime() ?? null;
    return (left !== null && left >= from && left < to) || (s.enteredAt.getTime() < to && (left === null || left >= to));
  });
}

describe('the periodic report from the stays kept per change', () => {
  it('gives, for any period, exactly the figures computed from that period’s stays with a due date per stay', () => {
    const next = random(17);
    // Instants on the hour and at any millisecond, about midnight where the body sits, so that
    // stays end on their due day, the day after, and just before and after a period's bounds.
    const instant = () =>
      BASE + Math.floor(next() * 900) * DAY + (next() < 0.5 ? Math.floor(next() * 24) * 3_600_000 : Math.floor(next() * DAY));
    const stays: StagePeriod[] = Array.from({ length: 3000 }, () => {
      const entered = instant();
      const length = Math.floor(next() * 400 * DAY);
      const running = next() < 0.3;
      return {
        stage: STAGES[Math.floor(next() * STAGES.length)] as Stage,
        urgent: next() < 0.2,
        enteredAt: new Date(entered),
        leftAt: running ? null : new Date(entered + length),
      };
    });
    const summary = buildPeriodStays(stays, CLOSED);
    let compared = 0;
    for (let round = 0; round < 60; round += 1) {
      const a = instant();
      const b = round % 10 === 0 ? a : a + Math.floor(next() * 500 * DAY);
      const start = new Date(a);
      const asOf = new Date(b);
      const fast = periodStageFigures(summary, start, asOf);
      expect(fast).toEqual(periodStageFiguresOf(ofPeriod(stays, start, asOf), asOf, CLOSED));
      compared += fast.reduce((n, f) => n + f.ended + f.counted, 0);
    }
    // The cases exercise the figures: stays ended, late and on time.
    expect(compared).toBeGreaterThan(10_000);
    expect(
      periodStageFigures(summary, new Date(BASE), new Date(BASE + 500 * DAY)).some((f) => f.overran > 0 && f.overran < f.counted),
    ).toBe(true);
  });

  it('counts a running stay late from the midnight after its due day, where the body sits', () => {
    // 30 days to enter consultations (DSU 4.3) from 2 January 2025: due 1 February, a Saturday
    // with weekends closed, so Monday 3 February; late from the midnight after it.
    const stay: StagePeriod = {
      stage: 'CONSULTATIONS_REQUESTED',
      urgent: false,
      enteredAt: new Date('2025-01-02T10:00:00Z'),
      leftAt: null,
    };
    const summary = buildPeriodStays([stay], CLOSED);
    const figure = (asOf: Date) => periodStageFigures(summary, new Date('2025-01-01T00:00:00Z'), asOf).find((f) => f.stage === stay.stage);
    for (const asOf of [new Date('2025-02-03T12:00:00Z'), new Date('2025-02-05T12:00:00Z'), new Date('2025-03-01T00:00:00Z')]) {
      expect(figure(asOf)).toEqual(periodStageFiguresOf([stay], asOf, CLOSED).find((f) => f.stage === stay.stage));
    }
    expect(figure(new Date('2025-02-03T12:00:00Z'))).toMatchObject({ ended: 0, overran: 0, counted: 0 });
    expect(figure(new Date('2025-02-05T12:00:00Z'))).toMatchObject({ ended: 0, overran: 1, counted: 1 });
  });
});

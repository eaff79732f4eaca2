import fc from 'fast-check';
import { addDays, deadlineDates, setBodyTimeZone, startOfDay, toIsoDate, type ClosedDays } from './dates';
import { DEADLINE_RULES } from './deadline-rules';
import { dueAutomaticActions, openDispute } from './engine';
import { Case, FILED_AT, PATHS, reach } from './procedure.testing';
import {
  hasRunOut,
  isPaused,
  RUN_OUT_AT_START_OF_DUE_DAY,
  runOutCutoff,
  runsOutAt,
  runsOutOn,
  sweepDeadlines,
  type DeadlineRow,
  type DisputeSnapshot,
} from './snapshot';
import { STAGES } from './stages';

// Zones either side of UTC, with and without changes of clocks; Santiago changes its clocks at
// midnight, so some of its days have no 00:00.
const ZONES = ['UTC', 'Asia/Shanghai', 'Europe/Zurich', 'America/Santiago', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'] as const;

const MS = 1;

afterEach(() => setBodyTimeZone('UTC'));

/** What the worker's sweep does at `now` by the engine's own decision: limits run out and automatic steps. */
function engineWork(snapshot: DisputeSnapshot, now: Date, closed: ClosedDays = {}): string[] {
  return [...dueAutomaticActions(snapshot, now, closed), ...sweepDeadlines(snapshot, now).map((expiry) => expiry.rule)];
}

function running(snapshot: DisputeSnapshot): DeadlineRow[] {
  return snapshot.deadlines.filter((row) => row.status === 'OPEN' && !isPaused(row));
}

describe('when a limit runs out (the worker selects rows by it)', () => {
  it('a deadline runs to the end of its due day, a waiting period is over at its start', () => {
    expect(runsOutOn({ rule: 'REPLY_TO_REQUEST', dueDate: '2026-03-12' })).toBe('2026-03-13');
    expect(runsOutOn({ rule: 'THIRD_PARTY_CONSULTATIONS', dueDate: '2026-03-12' })).toBe('2026-03-13');
    expect(runsOutOn({ rule: 'EARLIEST_PANEL_REQUEST', dueDate: '2026-05-01' })).toBe('2026-05-01');
    expect(runsOutOn({ rule: 'ADOPTION_EARLIEST', dueDate: '2026-05-01' })).toBe('2026-05-01');
    // A suspension stops the clock (DSU 12.12): a paused row never runs out.
    expect(runsOutOn({ rule: 'REPLY_TO_REQUEST', dueDate: '2026-03-12', pausedRemainingDays: 4 })).toBeNull();
    expect(runsOutAt({ rule: 'REPLY_TO_REQUEST', dueDate: '2026-03-12', pausedRemainingDays: 0 })).toBeNull();
  });

  it('lists exactly the waiting periods as running out at the start of their due day', () => {
    const waiting = Object.values(DEADLINE_RULES).filter((rule) => rule.kind === 'WAITING_PERIOD');
    expect([...RUN_OUT_AT_START_OF_DUE_DAY].sort()).toEqual(waiting.map((rule) => rule.code).sort());
    expect(RUN_OUT_AT_START_OF_DUE_DAY).toContain('EARLIEST_PANEL_REQUEST');
  });

  it('is midnight where the body sits, not in UTC', () => {
    setBodyTimeZone('Asia/Shanghai');
    // Due on 12 March: runs to the end of 12 March in Shanghai, 16:00 UTC.
    expect(runsOutAt({ rule: 'REPLY_TO_REQUEST', dueDate: '2026-03-12' })).toEqual(new Date('2026-03-12T16:00:00Z'));
    setBodyTimeZone('America/New_York');
    expect(runsOutAt({ rule: 'REPLY_TO_REQUEST', dueDate: '2026-03-12' })).toEqual(new Date('2026-03-13T04:00:00Z'));
    expect(runsOutAt({ rule: 'EARLIEST_PANEL_REQUEST', dueDate: '2026-03-05' })).toEqual(new Date('2026-03-05T05:00:00Z'));
    // Santiago moved its clocks from 24:00 to 01:00 on 7 September 2025: that day began at 01:00.
    setBodyTimeZone('America/Santiago');
    expect(runsOutAt({ rule: 'REPLY_TO_REQUEST', dueDate: '2025-09-06' })).toEqual(new Date('2025-09-07T04:00:00Z'));
    expect(runOutCutoff(new Date('2025-09-07T03:59:59.999Z'))).toBe('2025-09-06');
    expect(runOutCutoff(new Date('2025-09-07T04:00:00Z'))).toBe('2025-09-07');
  });

  it('follows the closed days: a limit due on a closed day runs to the end of the next working day', () => {
    // Filed Monday 3 March 2025: the reply is due on day 10, Thursday 13 March; with that Thursday
    // and Friday closed and weekends closed, it is due on Monday 17 March and runs out at its end.
    const closed: ClosedDays = { weekdays: ['SATURDAY', 'SUNDAY'], dates: ['2025-03-13', '2025-03-14'] };
    const snapshot = openDispute({ filedAt: FILED_AT, urgent: false }, closed);
    const reply = snapshot.deadlines.find((row) => row.rule === 'REPLY_TO_REQUEST')!;
    expect(reply).toMatchObject({ baseDate: '2025-03-13', dueDate: '2025-03-17' });
    expect(runsOutAt(reply)).toEqual(new Date('2025-03-18T00:00:00Z'));
    expect(sweepDeadlines(snapshot, new Date('2025-03-17T23:59:59.999Z')).map((e) => e.rule)).not.toContain('REPLY_TO_REQUEST');
    expect(sweepDeadlines(snapshot, new Date('2025-03-18T00:00:00Z')).map((e) => e.rule)).toContain('REPLY_TO_REQUEST');
    // The 60 days before a panel may be requested end on Friday 2 May 2025 (closed): the request is
    // allowed from Monday 5 May, its first instant.
    const closedMay: ClosedDays = { ...closed, dates: [...(closed.dates ?? []), '2025-05-02'] };
    const wait = {
      rule: 'EARLIEST_PANEL_REQUEST' as const,
      ...deadlineDates(FILED_AT, DEADLINE_RULES.EARLIEST_PANEL_REQUEST, { closed: closedMay }),
    };
    expect(wait.dueDate).toBe('2025-05-05');
    expect(runsOutAt(wait)).toEqual(new Date('2025-05-05T00:00:00Z'));
  });

  it('agrees with the engine at every row of every stage, in every zone, to the millisecond', () => {
    for (const zone of ZONES) {
      setBodyTimeZone(zone);
      for (const stage of STAGES) {
        const { snapshot } = reach(stage);
        for (const row of snapshot.deadlines.filter((r) => r.status === 'OPEN')) {
          const at = runsOutAt(row);
          if (at === null) {
            expect(hasRunOut(row, new Date('2999-01-01T00:00:00Z'))).toBe(false);
            continue;
          }
          const before = new Date(at.getTime() - MS);
          const rules = (now: Date) => sweepDeadlines(snapshot, now).map((expiry) => expiry.rule);
          expect([stage, row.rule, rules(before).includes(row.rule)]).toEqual([stage, row.rule, false]);
          expect([stage, row.rule, rules(at).includes(row.rule)]).toEqual([stage, row.rule, true]);
          expect(runsOutOn(row)! <= runOutCutoff(before)).toBe(false);
          expect(runsOutOn(row)! <= runOutCutoff(at)).toBe(true);
        }
      }
    }
  });

  it('nothing is due before the first running row runs out, and something is at that instant (every stage, every zone)', () => {
    // The sweep selects disputes by their running rows' run-out instants only: every automatic step
    // (an adoption without a meeting, DSU 16.4; the lapse of a suspended panel, DSU 12.12) must
    // become due exactly when a running row runs out, never in between.
    for (const zone of ZONES) {
      setBodyTimeZone(zone);
      for (const stage of STAGES) {
        const { snapshot } = reach(stage);
        const instants = running(snapshot)
          .map((row) => runsOutAt(row)!.getTime())
          .sort((a, b) => a - b);
        if (instants.length === 0) {
          expect([stage, engineWork(snapshot, new Date('2999-01-01T00:00:00Z'))]).toEqual([stage, []]);
          continue;
        }
        expect([stage, engineWork(snapshot, new Date(instants[0] - MS))]).toEqual([stage, []]);
        expect(engineWork(snapshot, new Date(instants[0])).length).toBeGreaterThan(0);
      }
    }
  });

  it('at any instant: the engine has work for a dispute exactly when one of its running rows is on or before the cutoff', () => {
    const stages = STAGES.filter((stage) => PATHS[stage]);
    fc.assert(
      fc.property(
        fc.constantFrom(...stages),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 2_000 * 86_400_000 }),
        (stage, zone, offset) => {
          setBodyTimeZone(zone);
          const { snapshot } = reach(stage);
          const now = new Date(FILED_AT.getTime() + offset);
          const cutoff = runOutCutoff(now);
          const selected = running(snapshot).some((row) => runsOutOn(row)! <= cutoff);
          expect(engineWork(snapshot, now).length > 0).toBe(selected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the cutoff is the last day that has begun, in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 40 * 365 * 86_400_000 }), (zone, offset) => {
        setBodyTimeZone(zone);
        const now = new Date(Date.UTC(2000, 0, 1) + offset);
        const cutoff = runOutCutoff(now);
        expect(startOfDay(cutoff).getTime()).toBeLessThanOrEqual(now.getTime());
        expect(startOfDay(addDays(cutoff, 1)).getTime()).toBeGreaterThan(now.getTime());
        expect(cutoff).toBe(toIsoDate(now));
      }),
      { numRuns: 500 },
    );
  });

  it('with closed days, rows opened by the engine run out when the engine says they do', () => {
    const closed: ClosedDays = { weekdays: ['FRIDAY', 'SATURDAY', 'SUNDAY'], dates: ['2025-03-13', '2025-05-02', '2025-05-05'] };
    const filed = Case.filed({ closed });
    for (const row of running(filed.snapshot)) {
      const at = runsOutAt(row)!;
      expect(filed.snapshot.deadlines.length).toBeGreaterThan(0);
      expect(sweepDeadlines(filed.snapshot, new Date(at.getTime() - MS)).map((e) => e.rule)).not.toContain(row.rule);
      expect(sweepDeadlines(filed.snapshot, at).map((e) => e.rule)).toContain(row.rule);
    }
  });
});

import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysBetween,
  isClosed,
  isOverdue,
  nextWorkingDay,
  resumeDeadline,
  startOfDay,
  suspendDeadline,
  WEEKDAYS,
  type ClosedDays,
  type IsoDate,
} from './dates';
import { appliesAt } from './effects';
import { allowedActions, applyDecision, decide } from './engine';
import { dateOn, meetingOn, on, reach } from './procedure.testing';
import { ACTOR_ROLES } from './actors';
import { STAGES, isTerminalStage } from './stages';
import { hasRunOut, type ActionParams, type DisputeSnapshot } from './snapshot';

// Up to three days either side of a boundary, in milliseconds.
const offsetMs = fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 });

// Dates from 2000 to 2099.
const isoDate = fc.integer({ min: 0, max: 36_500 }).map((offset): IsoDate => addDays('2000-01-01', offset));

// A calendar: some closed weekdays (never all seven) and a few closed dates, often in runs.
const closedDays: fc.Arbitrary<ClosedDays> = fc.record({
  weekdays: fc.subarray([...WEEKDAYS], { maxLength: 6 }),
  dates: fc
    .array(fc.tuple(isoDate, fc.integer({ min: 1, max: 10 })), { maxLength: 8 })
    .map((runs) => runs.flatMap(([start, length]) => Array.from({ length }, (_, i) => addDays(start, i)))),
});

describe('calendar properties', () => {
  it('nextWorkingDay returns no closed day, never goes back, and skips only closed days', () => {
    fc.assert(
      fc.property(isoDate, closedDays, (date, closed) => {
        const next = nextWorkingDay(date, closed);
        expect(isClosed(next, closed)).toBe(false);
        expect(daysBetween(date, next)).toBeGreaterThanOrEqual(0);
        for (let day = date; day < next; day = addDays(day, 1)) {
          expect(isClosed(day, closed)).toBe(true);
        }
      }),
    );
  });

  it('suspending and resuming preserves the days left of a period', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 800 }),
        closedDays,
        (trigger, length, elapsed, pause, closed) => {
          fc.pre(elapsed <= length);
          const baseDate = addDays(trigger, length);
          const suspendedOn = addDays(trigger, elapsed);
          const remaining = suspendDeadline(baseDate, suspendedOn);
          const resumedOn = addDays(suspendedOn, pause);
          const resumed = resumeDeadline(remaining, resumedOn, closed);
          // Days used before + days left after = the whole period; the shift comes on top.
          expect(elapsed + daysBetween(resumedOn, resumed.baseDate)).toBe(length);
          expect(resumed.baseDate).toBe(addDays(baseDate, pause));
          expect(resumed.dueDate).toBe(nextWorkingDay(resumed.baseDate, closed));
        },
      ),
    );
  });

  it("addMonths lands in the right month, on the same day or the month's last", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -24, max: 24 }), (date, months) => {
        const result = addMonths(date, months);
        const [y, m, d] = date.split('-').map(Number);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
        const lastOfMonth = Number(addDays(addMonths(`${result.slice(0, 7)}-01`, 1), -1).slice(8));
        expect(rd).toBe(Math.min(d, lastOfMonth));
      }),
    );
  });

  it('a deadline is overdue exactly from the start of the next day', () => {
    fc.assert(
      fc.property(isoDate, offsetMs, (due, offset) => {
        const boundary = startOfDay(addDays(due, 1)).getTime();
        expect(isOverdue(due, new Date(boundary + offset))).toBe(offset >= 0);
      }),
    );
  });
});

describe('engine properties', () => {
  const consulting = reach('IN_CONSULTATIONS');

  it('allows the panel request from day 60 exactly, and says so before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 200 }), (day) => {
        const decision = consulting.try(['COMPLAINANT'], 'requestPanel', day);
        if (day >= 60) expect(decision.allowed).toBe(true);
        else expect(decision).toMatchObject({ code: 'NOT_YET_ALLOWED', allowedFrom: dateOn(60) });
      }),
    );
  });

  it('a suspension of any length moves every paused limit by exactly that length', () => {
    const proceedings = reach('PANEL_PROCEEDINGS'); // day 95
    const suspensionDay = fc.integer({ min: 96, max: 260 });
    const suspensionLength = fc.integer({ min: 0, max: 365 });
    fc.assert(
      fc.property(suspensionDay, suspensionLength, (day, length) => {
        const suspended = proceedings.run([
          [['COMPLAINANT'], 'requestSuspension', day],
          [['PANEL'], 'suspend', day],
        ]);
        const resumed = suspended.take(['PANEL'], 'resume', day + length);
        const { deadlines } = suspended.snapshot;
        const paused = deadlines.filter((row) => row.pausedRemainingDays != null);
        for (const row of paused) {
          const before = proceedings.open(row.rule);
          expect(resumed.open(row.rule).baseDate).toBe(addDays(before.baseDate, length));
        }
      }),
      { numRuns: 50 },
    );
  });

  // From any stage, any sequence of allowed steps: no open row ever outlives the stage it belongs
  // to, so the sweep never flags against a party a limit the case has moved past; and no row is
  // MISSED unless it had run out when the step closed it.
  it('never leaves a moot limit open, and never records MISSED a limit that had not run out', () => {
    const params = (day: number): ActionParams => ({
      rptEndsOn: dateOn(day + 200),
      reasons: 'Reasons given.',
      meeting: meetingOn(dateOn(day)),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...STAGES.filter((stage) => !isTerminalStage(stage))),
        fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 12 }),
        (start, moves) => {
          let snapshot: DisputeSnapshot = reach(start).snapshot;
          let day = reach(start).day;
          for (const [pick, wait] of moves) {
            day += wait;
            const now = on(day);
            const options = ACTOR_ROLES.flatMap((role) =>
              allowedActions(snapshot, [role], now, {}).now.map((action) => [role, action] as const),
            );
            if (options.length === 0) break;
            const [role, action] = options[pick % options.length];
            const decision = decide(snapshot, [role], action, now, {}, params(day));
            if (!decision.allowed) continue;
            for (const rule of decision.miss) {
              const row = snapshot.deadlines.find((r) => r.rule === rule && r.status === 'OPEN');
              expect([action, rule, row ? hasRunOut(row, decision.effectiveAt) : true]).toEqual([action, rule, true]);
            }
            snapshot = applyDecision(snapshot, decision);
            for (const row of snapshot.deadlines.filter((r) => r.status === 'OPEN')) {
              expect([action, snapshot.stage, row.rule, appliesAt(row.rule, snapshot.stage, snapshot.stageBeforeSuspension)]).toEqual([
                action,
                snapshot.stage,
                row.rule,
                true,
              ]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

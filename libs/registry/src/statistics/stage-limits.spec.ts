import { DEADLINE_RULES, NO_CLOSED_DAYS, STAGES, TERMINAL_STAGES, setBodyTimeZone, type Stage } from '@app/procedure';
import { STAGE_LIMITS, hasCalendarLimit, overrun, stageDueDate, stageLimit, tallyOverruns, type StagePeriod } from './stage-limits';

const at = (iso: string) => new Date(iso);
const stay = (stage: Stage, enteredAt: string, leftAt: string | null, urgent = false): StagePeriod => ({
  stage,
  urgent,
  enteredAt: at(enteredAt),
  leftAt: leftAt ? at(leftAt) : null,
});

describe('stage limits', () => {
  it('names a rule of the catalogue, or none, for every stage', () => {
    expect(Object.keys(STAGE_LIMITS).sort()).toEqual([...STAGES].sort());
    for (const code of Object.values(STAGE_LIMITS)) if (code) expect(DEADLINE_RULES[code]).toBeDefined();
    for (const stage of TERMINAL_STAGES) expect(STAGE_LIMITS[stage]).toBeNull();
  });

  it('bounds the stages by the limits of their step', () => {
    expect(STAGE_LIMITS).toMatchObject({
      CONSULTATIONS_REQUESTED: 'ENTER_CONSULTATIONS',
      IN_CONSULTATIONS: null,
      PANEL_REQUESTED: 'PANEL_ESTABLISHMENT',
      PANEL_ESTABLISHED: 'PANEL_COMPOSITION',
      PANEL_PROCEEDINGS: 'PANEL_REPORT',
      SUSPENDED: 'SUSPENSION_LIMIT',
      REPORT_CIRCULATED: 'PANEL_REPORT_ADOPTION',
      UNDER_APPEAL: 'APPELLATE_REPORT',
      COMPLIANCE_REVIEW: 'COMPLIANCE_REPORT',
    });
  });

  it('publishes the length by unit, with the shorter urgent length (DSU 4.8, 12.8)', () => {
    expect(stageLimit('CONSULTATIONS_REQUESTED')).toMatchObject({ days: 30, months: null, urgentDays: 10, urgentMonths: null });
    expect(stageLimit('PANEL_PROCEEDINGS')).toMatchObject({ days: null, months: 6, urgentDays: null, urgentMonths: 3 });
    expect(stageLimit('UNDER_APPEAL')).toMatchObject({ days: 60, urgentDays: null });
    expect(stageLimit('UNDER_APPEAL')?.rule.article).toBe('DSU 17.5');
    // Establishment counts body meetings (DSU 6.1): a rule, but no date.
    expect(stageLimit('PANEL_REQUESTED')).toMatchObject({ days: null, months: null });
    expect(stageLimit('PANEL_REQUESTED')?.rule.article).toBe('DSU 6.1');
    expect(hasCalendarLimit('PANEL_REQUESTED')).toBe(false);
    expect(stageLimit('IN_CONSULTATIONS')).toBeNull();
  });
});

describe('stageDueDate', () => {
  it('counts days from the day of entry as day 0, whatever the hour', () => {
    expect(stageDueDate(stay('CONSULTATIONS_REQUESTED', '2026-03-02T23:59:00Z', null), NO_CLOSED_DAYS)).toBe('2026-04-01');
    expect(stageDueDate(stay('CONSULTATIONS_REQUESTED', '2026-03-02T00:00:00Z', null, true), NO_CLOSED_DAYS)).toBe('2026-03-12');
  });

  it('counts months on the calendar, clamped to the end of a shorter month', () => {
    expect(stageDueDate(stay('PANEL_PROCEEDINGS', '2025-08-31T10:00:00Z', null), NO_CLOSED_DAYS)).toBe('2026-02-28');
    expect(stageDueDate(stay('PANEL_PROCEEDINGS', '2027-08-31T10:00:00Z', null), NO_CLOSED_DAYS)).toBe('2028-02-29');
    expect(stageDueDate(stay('PANEL_PROCEEDINGS', '2025-08-31T10:00:00Z', null, true), NO_CLOSED_DAYS)).toBe('2025-11-30');
    expect(stageDueDate(stay('SUSPENDED', '2026-01-15T10:00:00Z', null), NO_CLOSED_DAYS)).toBe('2027-01-15');
  });

  it('moves an end on a closed day to the next working day', () => {
    const closed = { dates: ['2026-04-01', '2026-04-02'] };
    expect(stageDueDate(stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', null), closed)).toBe('2026-04-03');
  });

  it('has no date for a stage without a dated limit', () => {
    expect(stageDueDate(stay('IN_CONSULTATIONS', '2026-03-02T09:00:00Z', null), NO_CLOSED_DAYS)).toBeNull();
    expect(stageDueDate(stay('PANEL_REQUESTED', '2026-03-02T09:00:00Z', null), NO_CLOSED_DAYS)).toBeNull();
  });
});

describe('overrun', () => {
  const now = at('2026-06-01T12:00:00Z');

  it("is on time up to the end of the due day, and late from the next midnight (the body's zone, UTC here)", () => {
    expect(overrun(stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', '2026-04-01T23:59:59Z'), now, NO_CLOSED_DAYS)).toBe('ON_TIME');
    expect(overrun(stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', '2026-04-02T00:00:00Z'), now, NO_CLOSED_DAYS)).toBe('LATE');
  });

  it('applies the urgent length to an urgent dispute only', () => {
    const left = '2026-03-14T09:00:00Z';
    expect(overrun(stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', left, true), now, NO_CLOSED_DAYS)).toBe('LATE');
    expect(overrun(stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', left, false), now, NO_CLOSED_DAYS)).toBe('ON_TIME');
  });

  it('gives a closed last day to the stage', () => {
    const left = stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', '2026-04-02T09:00:00Z');
    expect(overrun(left, now, { dates: ['2026-04-01'] })).toBe('ON_TIME');
  });

  it('measures a running stay against now', () => {
    expect(overrun(stay('UNDER_APPEAL', '2026-05-01T09:00:00Z', null), now, NO_CLOSED_DAYS)).toBe('RUNNING');
    expect(overrun(stay('UNDER_APPEAL', '2026-03-01T09:00:00Z', null), now, NO_CLOSED_DAYS)).toBe('LATE');
  });

  it('has no answer for a stage without a dated limit', () => {
    expect(overrun(stay('PANEL_REQUESTED', '2020-01-01T09:00:00Z', null), now, NO_CLOSED_DAYS)).toBeNull();
  });
});

describe('tallyOverruns', () => {
  const now = at('2026-06-01T12:00:00Z');

  it('counts ended stays and running stays past the limit, and leaves out those still within it', () => {
    const tally = tallyOverruns(
      [
        stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', '2026-03-20T09:00:00Z'), // on time
        stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', '2026-04-20T09:00:00Z'), // late
        stay('CONSULTATIONS_REQUESTED', '2026-03-02T09:00:00Z', null), // running, past
        stay('CONSULTATIONS_REQUESTED', '2026-05-30T09:00:00Z', null), // running, within: left out
        stay('IN_CONSULTATIONS', '2026-03-20T09:00:00Z', null), // no limit
      ],
      now,
      NO_CLOSED_DAYS,
    );
    expect(tally.get('CONSULTATIONS_REQUESTED')).toEqual({ overran: 2, counted: 3, share: 2 / 3 });
    expect(tally.has('IN_CONSULTATIONS')).toBe(false);
  });

  it('has nothing for a stage whose every stay still runs within its limit', () => {
    const tally = tallyOverruns([stay('UNDER_APPEAL', '2026-05-30T09:00:00Z', null)], now, NO_CLOSED_DAYS);
    expect(tally.size).toBe(0);
  });
});

// The statistics count a stay's days where the body sits, as the engine counts every limit
// (BODY_TIME_ZONE, README "Time"): the day of entry and the end of the due day are the body's, not UTC's.
describe("overrun in the body's time zone", () => {
  beforeEach(() => setBodyTimeZone('Asia/Shanghai')); // UTC+8, no summer time
  afterEach(() => setBodyTimeZone('UTC'));

  // 20:00 UTC on 1 March is 04:00 on 2 March in Shanghai: day 0 is 2 March, so the 30 days end on 1 April.
  const entered = '2026-03-01T20:00:00Z';

  it("takes day 0 from the day of entry in the body's zone", () => {
    expect(stageDueDate(stay('CONSULTATIONS_REQUESTED', entered, null), NO_CLOSED_DAYS)).toBe('2026-04-01');
  });

  it("is late from midnight after the due day in the body's zone, not UTC's", () => {
    const now = at('2026-06-01T12:00:00Z');
    // 23:59:59 on 1 April in Shanghai.
    expect(overrun(stay('CONSULTATIONS_REQUESTED', entered, '2026-04-01T15:59:59Z'), now, NO_CLOSED_DAYS)).toBe('ON_TIME');
    // Midnight of 2 April in Shanghai, still 1 April in UTC.
    expect(overrun(stay('CONSULTATIONS_REQUESTED', entered, '2026-04-01T16:00:00Z'), now, NO_CLOSED_DAYS)).toBe('LATE');
    expect(overrun(stay('CONSULTATIONS_REQUESTED', entered, null), at('2026-04-01T15:59:59Z'), NO_CLOSED_DAYS)).toBe('RUNNING');
    expect(overrun(stay('CONSULTATIONS_REQUESTED', entered, null), at('2026-04-01T16:00:00Z'), NO_CLOSED_DAYS)).toBe('LATE');
  });

  it('counts the share with those days', () => {
    const tally = tallyOverruns(
      [stay('CONSULTATIONS_REQUESTED', entered, '2026-04-01T15:59:59Z'), stay('CONSULTATIONS_REQUESTED', entered, '2026-04-01T16:00:00Z')],
      at('2026-06-01T12:00:00Z'),
      NO_CLOSED_DAYS,
    );
    expect(tally.get('CONSULTATIONS_REQUESTED')).toEqual({ overran: 1, counted: 2, share: 0.5 });
  });
});

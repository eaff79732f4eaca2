import { setBodyTimeZone } from '@app/procedure';
import {
  countsAgainst,
  defaultPeriod,
  median,
  meetingOf,
  periodAsOf,
  periodProblem,
  reportPeriod,
  statusReportStanding,
} from './reputation';

describe('the public record rules', () => {
  afterEach(() => setBodyTimeZone('UTC'));

  it('accepts a period of one day to ten years and refuses one that ends first or runs longer', () => {
    expect(periodProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(periodProblem('2026-01-01', '2035-12-31')).toBeNull();
    expect(periodProblem('2026-01-02', '2026-01-01')).toMatch(/ends .* before it begins/);
    expect(periodProblem('2000-01-01', '2026-01-01')).toMatch(/at most ten years/);
  });

  it("bounds a period by the body's midnights, and measures it to now while it runs", () => {
    setBodyTimeZone('Asia/Shanghai');
    const period = reportPeriod('2026-01-01', '2026-12-31');
    expect(period.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const now = new Date('2026-06-01T00:00:00Z');
    expect(periodAsOf(period, now)).toBe(now);
    expect(periodAsOf(period, new Date('2027-06-01T00:00:00Z'))).toBe(period.end);
    expect(defaultPeriod(new Date('2026-12-31T17:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-12-31' });
  });

  it("counts a deadline binding the member's side, never a window, nor a third party's", () => {
    expect(countsAgainst('RPT_INTENTIONS', 'RESPONDENT')).toBe(true);
    expect(countsAgainst('RPT_INTENTIONS', 'COMPLAINANT')).toBe(false);
    expect(countsAgainst('RPT_AGREEMENT', 'RESPONDENT')).toBe(false); // a window
    expect(countsAgainst('RPT_INTENTIONS', 'THIRD_PARTY')).toBe(false);
    expect(countsAgainst('COMPLIANCE_REPORT', 'RESPONDENT')).toBe(false); // the panel's
  });

  it('tells a status report on time, late (by the meeting), missing or due (DSU 21.6)', () => {
    const row = { dueDate: '2026-03-02', baseDate: '2026-03-02', closedAt: null };
    expect(meetingOf(row)).toBe('2026-03-12');
    const met = new Date('2026-03-01T10:00:00Z');
    expect(statusReportStanding({ ...row, status: 'MET', closedAt: met }, [])).toEqual({ standing: 'ON_TIME', filedAt: met });
    const late = new Date('2026-03-12T23:00:00Z');
    expect(statusReportStanding({ ...row, status: 'MISSED' }, [new Date('2026-03-02T23:00:00Z'), late])).toEqual({
      standing: 'LATE',
      filedAt: late,
    });
    expect(statusReportStanding({ ...row, status: 'MISSED' }, [new Date('2026-03-13T00:00:00Z')])).toEqual({
      standing: 'MISSING',
      filedAt: null,
    });
    expect(statusReportStanding({ ...row, status: 'OPEN' }, [])).toEqual({ standing: 'DUE', filedAt: null });
    expect(statusReportStanding({ ...row, status: 'SUPERSEDED' }, [])).toBeNull();
  });

  it('takes the median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

// The panel keeps its timetable (DSU 12.3, Appendix 3 ¶12): the steps of the panel proceedings and
// the interim review, on the dates the panel fixed.
import { TIMETABLE_STEP_KINDS } from '@app/hearings';
import { isPaused, startOfDay, type DeadlineRuleCode, type DisputeSnapshot } from '@app/procedure';
import type { Rng } from './random';
import { DAY, HOUR } from './clock';
import type { Dispute } from './disputes';
import type { Step } from './step';

// What the panel does for each step of its timetable (Appendix 3 ¶12), in its order: the engine's
// act that meets it, and how to tell it is done; the other steps are the parties' (their
// submissions, comments and review requests), which the secretariat records as done.
const TIMETABLE_ACTS: Partial<Record<DeadlineRuleCode, { action: string; done: (s: DisputeSnapshot) => boolean }>> = {
  TIMETABLE_FIRST_SUBSTANTIVE_MEETING: {
    action: 'holdFirstMeeting',
    done: (s) => Boolean(s.events.FIRST_MEETING_HELD || s.events.FIRST_MEETING_DISPENSED),
  },
  TIMETABLE_SECOND_SUBSTANTIVE_MEETING: {
    action: 'holdSecondMeeting',
    done: (s) => Boolean(s.events.SECOND_MEETING_HELD || s.events.SECOND_MEETING_DISPENSED),
  },
  TIMETABLE_DESCRIPTIVE_PART: { action: 'issueDescriptivePart', done: (s) => Boolean(s.events.DESCRIPTIVE_PART_ISSUED) },
  TIMETABLE_INTERIM_REPORT: { action: 'issueInterimReport', done: (s) => s.stage !== 'PANEL_PROCEEDINGS' },
  TIMETABLE_INTERIM_REVIEW: { action: 'issueFinalReport', done: (s) => Boolean(s.events.FINAL_REPORT_ISSUED) },
  TIMETABLE_FINAL_REPORT_TO_PARTIES: { action: 'issueFinalReport', done: (s) => Boolean(s.events.FINAL_REPORT_ISSUED) },
  TIMETABLE_CIRCULATION: { action: 'circulateReport', done: (s) => s.stage !== 'INTERIM_REVIEW' },
};
const TIMETABLE_RULES = TIMETABLE_STEP_KINDS.map((kind) => `TIMETABLE_${kind}` as DeadlineRuleCode);

/**
 * The panel keeps its timetable: the first step still to take, on its day or a few days before
 * (late, now and then): the panel's act, or a step of the parties recorded as done. A step of the
 * parties already recorded missed is passed over; the panel's acts are all taken, late or not.
 */
export function timetableStep(d: Dispute, rng: Rng, now: Date): Step | null {
  const s = d.snapshot;
  for (const rule of TIMETABLE_RULES) {
    const act = TIMETABLE_ACTS[rule];
    const row = [...s.deadlines].reverse().find((r) => r.rule === rule);
    if (act ? act.done(s) : row?.status !== 'OPEN') continue;
    if (!act && row && isPaused(row)) return null;
    const due = row ? startOfDay(row.dueDate).getTime() : now.getTime();
    const day = rng.chance(0.9) ? due - rng.int(0, 3) * DAY : due + rng.int(1, 15) * DAY;
    const at = new Date(Math.max(day + 8 * HOUR + rng.int(0, 8 * 3600) * 1000, now.getTime() + rng.int(60, 3600) * 1000));
    if (act) return { side: act.action === 'circulateReport' ? 'SEC' : 'PANEL', action: act.action, at, key: `${act.action}@${rule}` };
    return { side: 'SEC', action: 'completeTimetableStep', at, key: rule, completes: rule };
  }
  return null;
}

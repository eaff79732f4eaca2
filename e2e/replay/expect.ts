import type { ReplayCase, ReplayStep, ReplayStepKind } from './timeline';
import { addDays, addMonths, type DeadlineRecord, type ReplayResult } from './runner';

/**
 * What the engine must have computed from the real dates, worked out here with date arithmetic of
 * its own (not the engine's dates.ts): the due date of each limit counted from the real step that
 * opened it, and whether the real step that closed it came in time. Each finding names the case,
 * the rule and what was expected.
 */
export function check(whole: ReplayCase, result: ReplayResult): string[] {
  const until = whole.replayUntil?.on;
  const c: ReplayCase = { ...whole, steps: whole.steps.filter((s) => !until || s.on <= until) };
  const problems: string[] = [];
  const on = (kind: ReplayStepKind, after = '') => c.steps.find((s) => s.step === kind && s.on >= after);
  const rows = (rule: string) => result.deadlines.filter((r) => r.rule === rule);
  const first = (rule: string) => rows(rule)[0];
  const dueIs = (rule: string, expected: string, why: string) => {
    const row = first(rule);
    if (!row) problems.push(`${rule}: no row (${why})`);
    else if (row.base !== expected) problems.push(`${rule}: ends ${row.base}, expected ${expected} (${why})`);
  };
  // The status of a limit as it ended: its latest row (an extension replaces the first).
  const statusIs = (rule: string, expected: string, why: string) => {
    const row = rows(rule).at(-1);
    if (row && row.status !== expected) problems.push(`${rule}: ${row.status}, expected ${expected} (${why})`);
  };

  const request = on('requestConsultations');
  if (request) {
    const urgent = Boolean(request.urgent);
    dueIs('REPLY_TO_REQUEST', addDays(request.on, 10), 'DSU 4.3: 10 days from the request');
    dueIs('ENTER_CONSULTATIONS', addDays(request.on, urgent ? 10 : 30), 'DSU 4.3, 4.8');
    dueIs('EARLIEST_PANEL_REQUEST', addDays(request.on, urgent ? 20 : 60), 'DSU 4.7, 4.8');
    dueIs('THIRD_PARTY_CONSULTATIONS', addDays(request.on, 10), 'DSU 4.11');
  }

  const established = on('establishPanel');
  if (established) {
    const e = established.on;
    dueIs('FIVE_PANELISTS', addDays(e, 10), 'DSU 8.5');
    // The window ran out without an agreement: three panelists, never five.
    statusIs('FIVE_PANELISTS', 'LAPSED', 'DSU 8.5: the expiry of the window is not an agreement');
    dueIs('THIRD_PARTY_PANEL', addDays(e, 10), 'DSU 10.2');
    dueIs('PANEL_COMPOSITION', addDays(e, 20), 'DSU 8.7');
    dueIs('CANDIDATE_CHALLENGES', addDays(e, 15), "the body's 15 days (DSU 8.6)");
    dueIs('PANEL_CIRCULATION', addMonths(e, 9), 'DSU 12.9');
    dueIs('ADOPTION_GUIDELINE', addMonths(e, 9), 'DSU 20');
    const composed = result.log.find((l) => l.step === 'composePanel');
    const dg = on('requestDgAppointment', e);
    if (composed) {
      if (dg && (!on('circulateReport') || dg.on < on('circulateReport')!.on)) {
        statusIs('PANEL_COMPOSITION', 'MISSED', 'DSU 8.7: no agreement in 20 days, the Director-General was asked');
        dueIs('DG_APPOINTMENT', addDays(dg.on, 10), 'DSU 8.7: 10 days from the request');
        statusIs('DG_APPOINTMENT', composed.on <= addDays(dg.on, 10) ? 'MET' : 'MISSED', 'DSU 8.7');
      } else {
        statusIs('PANEL_COMPOSITION', composed.on <= addDays(e, 20) ? 'MET' : 'MISSED', 'DSU 8.7: 20 days to compose the panel');
      }
      const suspended = on('suspend', composed.on);
      if (!suspended) dueIs('PANEL_REPORT', addMonths(composed.on, 6), 'DSU 12.8: 6 months from composition');
    }
  }

  const suspension = on('suspend');
  if (suspension) {
    dueIs('SUSPENSION_LIMIT', addMonths(suspension.on, 12), 'DSU 12.12: 12 months');
    if (on('lapse') && result.stage !== 'LAPSED') problems.push(`stage ${result.stage}, expected LAPSED (DSU 12.12)`);
    if (on('lapse') && on('lapse')!.on !== addDays(addMonths(suspension.on, 12), 1)) {
      problems.push(`the record lapses the panel on ${on('lapse')!.on}, the engine from ${addDays(addMonths(suspension.on, 12), 1)}`);
    }
  }

  const circulated = on('circulateReport');
  if (circulated) {
    dueIs('ADOPTION_EARLIEST', addDays(circulated.on, 20), 'DSU 16.1');
    dueIs('PANEL_REPORT_ADOPTION', addDays(circulated.on, 60), 'DSU 16.4');
    statusIs('PANEL_CIRCULATION', circulated.on <= addMonths(established?.on ?? circulated.on, 9) ? 'MET' : 'MISSED', 'DSU 12.9: 9 months');
    const appealed = on('appeal', circulated.on);
    if (appealed) {
      statusIs('PANEL_REPORT_ADOPTION', 'SUPERSEDED', 'DSU 16.4: appealed');
    } else if (!on('notAdopted')) {
      statusIs('PANEL_REPORT_ADOPTION', 'MET', 'DSU 16.4: adopted within 60 days, at a meeting or as of day 60');
    }
  }

  // Each appeal (of the panel report, then of each compliance report) and its report.
  const appeals = c.steps.filter((s) => s.step === 'appeal' || s.step === 'appealComplianceReport');
  const abRows = rows('APPELLATE_REPORT');
  appeals.forEach((appeal, i) => {
    const report = c.steps.find(
      (s) => (s.step === 'circulateAppellateReport' || s.step === 'circulateComplianceAppellateReport') && s.on >= appeal.on,
    );
    const row = abRows[i];
    if (!row) return problems.push(`APPELLATE_REPORT of the appeal of ${appeal.on}: no row`) as unknown as void;
    if (row.base !== addDays(appeal.on, 60))
      problems.push(`APPELLATE_REPORT of the appeal of ${appeal.on}: ends ${row.base}, expected ${addDays(appeal.on, 60)} (DSU 17.5)`);
    if (report) {
      const expected = report.on <= addDays(appeal.on, 60) ? 'MET' : 'MISSED';
      if (row.status !== expected)
        problems.push(
          `APPELLATE_REPORT of the appeal of ${appeal.on}: ${row.status}, expected ${expected}: the report came on ${report.on} (DSU 17.5)`,
        );
    }
  });

  const adopted = on('adopt');
  if (adopted) {
    const intentions = on('stateIntentions', adopted.on);
    dueIs('RPT_INTENTIONS', addDays(adopted.on, 30), 'DSU 21.3: 30 days from adoption');
    if (intentions) statusIs('RPT_INTENTIONS', intentions.on <= addDays(adopted.on, 30) ? 'MET' : 'MISSED', 'DSU 21.3');
    dueIs('RPT_AGREEMENT', addDays(adopted.on, 45), 'DSU 21.3(b): 45 days from adoption');
    if (on('requestRptArbitration', adopted.on)) dueIs('RPT_ARBITRATION', addDays(adopted.on, 90), 'DSU 21.3(c): 90 days from adoption');
  }

  const rpt = on('rptAward') ?? on('agreeRpt');
  if (rpt?.rptEndsOn) dueIs('IMPLEMENTATION_PERIOD', rpt.rptEndsOn, 'DSU 21.3: the last day of the reasonable period');

  const referrals = c.steps.filter((s) => s.step === 'referComplianceReview');
  const complianceRows = rows('COMPLIANCE_REPORT');
  referrals.forEach((referral, i) => {
    const row = complianceRows[i];
    if (!row) return problems.push(`COMPLIANCE_REPORT of the referral of ${referral.on}: no row`) as unknown as void;
    if (row.base !== addDays(referral.on, 90))
      problems.push(
        `COMPLIANCE_REPORT of the referral of ${referral.on}: ends ${row.base}, expected ${addDays(referral.on, 90)} (DSU 21.5)`,
      );
    const report = c.steps.find((s) => s.step === 'circulateComplianceReport' && s.on >= referral.on);
    if (report) {
      const expected = report.on <= addDays(referral.on, 90) ? 'MET' : 'MISSED';
      if (row.status !== expected)
        problems.push(`COMPLIANCE_REPORT of ${referral.on}: ${row.status}, expected ${expected} (report ${report.on}, DSU 21.5)`);
    }
  });

  // Never MISSED before it ran out; nothing left open once the case has ended.
  for (const row of result.deadlines) {
    if (row.status === 'MISSED' && row.closed && dayOfInstant(row.closed) <= row.due) {
      problems.push(`${row.rule}: recorded MISSED on ${dayOfInstant(row.closed)}, before it ran out (due ${row.due})`);
    }
  }
  const last = c.steps[c.steps.length - 1];
  const terminal: Partial<Record<ReplayStepKind, string>> = {
    mutuallyAgreedSolution: 'SETTLED_MAS',
    withdraw: 'WITHDRAWN',
    lapse: 'LAPSED',
    notAdopted: 'NOT_ADOPTED',
    declareCompliance: 'COMPLIED',
  };
  if (terminal[last.step]) {
    if (result.stage !== terminal[last.step]) problems.push(`stage ${result.stage}, expected ${terminal[last.step]} after ${last.step}`);
    const open = result.deadlines.filter((r) => r.status === 'OPEN');
    if (open.length) problems.push(`the case ended but ${open.map((r) => r.rule).join(', ')} stayed open`);
  }
  return problems;
}

function dayOfInstant(value: string | Date): string {
  // The body sits in Geneva: the day a row was closed, there.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(new Date(value));
}

export type { DeadlineRecord, ReplayStep };

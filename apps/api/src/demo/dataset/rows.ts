// The simulated disputes as the rows of their tables: disputes, parties, stage periods, timetable
// steps, deadlines and the docket (numbered in order of time).
import { parseLegacyDocketText } from '@app/migrations';
import type { Rng } from './random';
import type { Dispute } from './disputes';

export interface DisputeTables {
  disputeRows: Record<string, unknown>[];
  partyRows: Record<string, unknown>[];
  periodRows: Record<string, unknown>[];
  deadlineRows: Record<string, unknown>[];
  docketRows: Record<string, unknown>[];
  timetableRows: Record<string, unknown>[];
}

/** The rows of `disputes`; the ids still missing (timetable steps, docket entries) are drawn from `rng`. */
export function disputeTables(rng: Rng, disputes: Dispute[]): DisputeTables {
  const out: DisputeTables = { disputeRows: [], partyRows: [], periodRows: [], deadlineRows: [], docketRows: [], timetableRows: [] };
  for (const d of disputes) {
    const s = d.snapshot;
    out.disputeRows.push({
      id: d.id,
      title: d.title,
      summary: d.summary,
      measures: d.measures,
      legal_basis: d.legalBasis,
      urgent: d.urgent,
      stage: s.stage,
      stage_entered_at: d.periods[d.periods.length - 1].enteredAt,
      stage_before_suspension: s.stageBeforeSuspension,
      suspended_at: s.suspendedAt,
      good_offices: s.goodOffices,
      good_offices_since: s.goodOfficesSince,
      body_meetings_since_panel_request: s.bodyMeetingsSincePanelRequest,
      agreements: s.agreements,
      events: s.events,
      rpt_ends_on: s.rptEndsOn,
      compliance_round: s.complianceRound,
      filed_at: d.filedAt,
      version: d.version,
      created_at: d.filedAt,
    });
    // The simulated third parties take part throughout (they file third-party submissions): in the
    // consultations, accepted (DSU 4.11), and in the panel proceedings (DSU 10.2), as the migration
    // recorded rows written before the two capacities were told apart.
    for (const p of d.parties) {
      const third = p.kind === 'THIRD_PARTY';
      out.partyRows.push({
        dispute_id: d.id,
        member_id: p.memberId,
        kind: p.kind,
        joined_at: p.joinedAt,
        consultations_status: third ? 'ACCEPTED' : null,
        panel_joined_at: third ? p.joinedAt : null,
      });
    }
    for (const p of d.periods)
      out.periodRows.push({ id: p.id, dispute_id: d.id, stage: p.stage, entered_at: p.enteredAt, left_at: p.leftAt });
    // The panel's timetable as adopted (TimetableService): one row per step, in order.
    const timetable = d.timetable;
    timetable?.steps.forEach((step, position) => {
      out.timetableRows.push({
        id: rng.uuid(),
        dispute_id: d.id,
        kind: step.rule.replace(/^TIMETABLE_/, ''),
        position,
        due_date: step.date,
        created_at: timetable.at,
      });
    });
    s.deadlines.forEach((row, i) => {
      out.deadlineRows.push({
        id: d.rows[i].id,
        dispute_id: d.id,
        rule: row.rule,
        base_date: row.baseDate,
        due_date: row.dueDate,
        status: row.status,
        paused_remaining_days: row.pausedRemainingDays ?? null,
        opened_at: d.rows[i].openedAt,
        closed_at: d.rows[i].closedAt,
      });
    });
    d.events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    d.events.forEach((e, i) => {
      e.id ??= rng.uuid();
      e.seq = i + 1;
    });
    for (const e of d.events) {
      // The simulation writes the engine's English sentences: read back as message and parameters
      // the way the migration read the entries written before them, so the demo reads in each language.
      const { message, params } = parseLegacyDocketText(e.text);
      out.docketRows.push({
        id: e.id,
        dispute_id: d.id,
        seq: e.seq,
        occurred_at: e.at,
        actor_id: e.actorId,
        actor_role: e.actorRole,
        kind: e.kind,
        text: e.text,
        message,
        params,
        document_ids: e.documentIds,
        corrects_id: e.correctsId ?? null,
      });
    }
  }
  return out;
}

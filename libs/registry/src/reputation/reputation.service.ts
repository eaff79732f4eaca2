import { Injectable } from '@nestjs/common';
import { Clock, CommandRunner, MembersService, badInput, toMember } from '@app/core';
import { DEADLINE_RULES, TERMINAL_STAGES, type DeadlineRuleCode, type DeadlineStatus, type Stage } from '@app/procedure';
import { THIRD_PARTY_SQL, type PartyKind } from '../disputes/dispute-party.entity';
import { stageLimit } from '../statistics/stage-limits';
import { StatisticsService } from '../statistics/statistics.service';
import { periodStageFigures } from './period-stays';
import {
  countsAgainst,
  meetingOf,
  periodAsOf,
  periodProblem,
  reportPeriod,
  statusReportStanding,
  type StatusReportStanding,
} from './reputation';
import type { ComplianceRecord, MemberLimit, MemberRecord, PeriodStage, PeriodicReport, StatusReportRecord } from './reputation.type';

const MAX_DISPUTES = 500;
const MAX_MISSED = 100;
const MAX_STATUS_REPORTS = 200;

interface PlaceRow {
  id: string;
  number: number;
  title: string;
  language: string;
  stage: Stage;
  filed_at: Date;
  stage_entered_at: Date;
  rpt_ends_on: string | null;
  kind: PartyKind;
}

interface LimitRow {
  dispute_id: string;
  rule: DeadlineRuleCode;
  due_date: string;
  base_date: string;
  status: DeadlineStatus;
  closed_at: Date | null;
}

// The member's places: a third party only once it is one (its request accepted, or notified to
// the panel, DSU 4.11, 10.2); a pending or refused request is not a place in the dispute.
const PLACES_SQL = `
  SELECT d.id, d.number, d.title, d.language, d.stage, d.filed_at, d.stage_entered_at, to_char(d.rpt_ends_on, 'YYYY-MM-DD') AS rpt_ends_on, p.kind
  FROM dispute_parties p JOIN disputes d ON d.id = p.dispute_id
  WHERE p.member_id = $1 AND (p.kind <> 'THIRD_PARTY' OR ${THIRD_PARTY_SQL('p')})
  ORDER BY d.filed_at DESC, d.number DESC`;

// The engine's limits of the disputes where the member is a party (a row naming a subject is a
// document's, settled by the documents module: not the engine's record of the parties).
const LIMITS_SQL = `
  SELECT dispute_id, rule, to_char(due_date, 'YYYY-MM-DD') AS due_date, to_char(base_date, 'YYYY-MM-DD') AS base_date, status, closed_at
  FROM deadlines
  WHERE dispute_id = ANY($1::uuid[]) AND subject_id IS NULL AND status IN ('OPEN', 'MET', 'MISSED')`;

const FILINGS_SQL = `SELECT dispute_id, occurred_at FROM docket_entries WHERE dispute_id = ANY($1::uuid[]) AND kind = 'fileStatusReport'`;

const FIRST_ENTRIES_SQL = `
  SELECT dispute_id, stage, min(entered_at) AS entered_at FROM dispute_stage_periods
  WHERE dispute_id = ANY($1::uuid[]) AND stage IN ('ADOPTED', 'COMPLIED') GROUP BY dispute_id, stage`;

// Entries into the stages the report counts, within the period (the docket's dated steps).
const ENTRIES_SQL = `
  SELECT stage, count(*)::int AS n FROM dispute_stage_periods
  WHERE entered_at >= $1 AND entered_at < $2 AND stage IN ('SETTLED_MAS', 'WITHDRAWN', 'ADOPTED', 'COMPLIED')
  GROUP BY stage`;

const FILED_SQL = `SELECT count(*)::int AS n FROM disputes WHERE filed_at >= $1 AND filed_at < $2`;

// Rulings adopted by the end of the period whose dispute was, at its end, in a stage that is not
// final: the stay running then names the stage.
const OUTSTANDING_SQL = `
  WITH adopted AS (
    SELECT dispute_id, min(entered_at) AS adopted_at FROM dispute_stage_periods
    WHERE stage = 'ADOPTED' AND entered_at < $1 GROUP BY dispute_id
  )
  SELECT d.id, d.number, d.title, d.language, a.adopted_at, p.stage
  FROM adopted a
  JOIN disputes d ON d.id = a.dispute_id
  JOIN dispute_stage_periods p ON p.dispute_id = a.dispute_id AND p.entered_at < $1 AND (p.left_at IS NULL OR p.left_at >= $1)
  WHERE NOT (p.stage = ANY($2::text[]))
  ORDER BY a.adopted_at, d.number`;

const RESPONDENTS_SQL = `SELECT dispute_id, member_id FROM dispute_parties WHERE dispute_id = ANY($1::uuid[]) AND kind = 'RESPONDENT'`;

const byDue = (a: { dueDate: string }, b: { dueDate: string }) => (a.dueDate < b.dueDate ? 1 : a.dueDate > b.dueDate ? -1 : 0);

/**
 * The body's public account of itself and of its members (README, Public pages): a member's
 * record and the periodic report. Both read only facts the public may read through the API (the
 * disputes, their parties, their time limits, their stages and the docket's steps), never a
 * document, a ballot or a deliberation.
 */
@Injectable()
export class ReputationService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly members: MembersService,
    private readonly statistics: StatisticsService,
    private readonly clock: Clock,
  ) {}

  async memberRecord(code: string): Promise<MemberRecord> {
    const member = await this.members.get({ code });
    const asOf = this.clock.now();
    return this.commands.read(async (em) => {
      const places: PlaceRow[] = await em.query(PLACES_SQL, [member.id]);
      const count = (kind: PartyKind) => places.filter((p) => p.kind === kind).length;
      const parties = places.filter((p) => p.kind !== 'THIRD_PARTY');
      const respondentIds = parties.filter((p) => p.kind === 'RESPONDENT').map((p) => p.id);
      const partyIds = parties.map((p) => p.id);
      // One statement after another: a transaction's statements share its one connection.
      const limits: LimitRow[] = partyIds.length ? await em.query(LIMITS_SQL, [partyIds]) : [];
      const filings: { dispute_id: string; occurred_at: Date }[] = respondentIds.length ? await em.query(FILINGS_SQL, [respondentIds]) : [];
      const entries: { dispute_id: string; stage: Stage; entered_at: Date }[] = respondentIds.length
        ? await em.query(FIRST_ENTRIES_SQL, [respondentIds])
        : [];
      const byId = new Map(places.map((p) => [p.id, p]));
      const docket = (id: string) => `DS${byId.get(id)!.number}`;

      let limitsMet = 0;
      const missed: MemberLimit[] = [];
      const reports: StatusReportRecord[] = [];
      const filedIn = new Map<string, Date[]>();
      for (const f of filings) filedIn.set(f.dispute_id, [...(filedIn.get(f.dispute_id) ?? []), f.occurred_at]);
      for (const row of limits) {
        const place = byId.get(row.dispute_id)!;
        if (row.rule === 'STATUS_REPORT_NOTICE') {
          if (place.kind !== 'RESPONDENT') continue;
          const standing = statusReportStanding(
            { dueDate: row.due_date, baseDate: row.base_date, status: row.status, closedAt: row.closed_at },
            filedIn.get(row.dispute_id) ?? [],
          );
          if (standing)
            reports.push({
              docketNumber: docket(row.dispute_id),
              dueDate: row.due_date,
              meetingOn: meetingOf({ baseDate: row.base_date }),
              standing: standing.standing,
              filedAt: standing.filedAt,
            });
          continue;
        }
        if (row.status === 'OPEN' || !countsAgainst(row.rule, place.kind)) continue;
        if (row.status === 'MET') limitsMet += 1;
        else
          missed.push({
            docketNumber: docket(row.dispute_id),
            rule: row.rule,
            article: DEADLINE_RULES[row.rule].article,
            dueDate: row.due_date,
            status: row.status,
            closedAt: row.closed_at,
          });
      }
      const tally = (standing: StatusReportStanding) => reports.filter((r) => r.standing === standing).length;

      const adoptedAt = new Map<string, Date>();
      const compliedAt = new Map<string, Date>();
      for (const e of entries) (e.stage === 'ADOPTED' ? adoptedAt : compliedAt).set(e.dispute_id, e.entered_at);
      const compliance: ComplianceRecord[] = respondentIds
        .filter((id) => adoptedAt.has(id))
        .map((id) => {
          const d = byId.get(id)!;
          return {
            docketNumber: docket(id),
            disputeId: id,
            title: d.title,
            language: d.language,
            stage: d.stage,
            stageSince: d.stage_entered_at,
            adoptedAt: adoptedAt.get(id)!,
            rptEndsOn: d.rpt_ends_on,
            compliedAt: compliedAt.get(id) ?? null,
          };
        });

      return {
        member: toMember(member),
        asOf,
        asComplainant: count('COMPLAINANT'),
        asRespondent: count('RESPONDENT'),
        asThirdParty: count('THIRD_PARTY'),
        disputes: places.slice(0, MAX_DISPUTES).map((p) => ({
          docketNumber: `DS${p.number}`,
          disputeId: p.id,
          title: p.title,
          language: p.language,
          role: p.kind,
          stage: p.stage,
          filedAt: p.filed_at,
        })),
        limitsMet,
        limitsMissed: missed.length,
        missedLimits: missed.sort(byDue).slice(0, MAX_MISSED),
        statusReports: reports.sort(byDue).slice(0, MAX_STATUS_REPORTS),
        statusReportsOnTime: tally('ON_TIME'),
        statusReportsLate: tally('LATE'),
        statusReportsMissing: tally('MISSING'),
        compliance,
      };
    });
  }

  /** The periodic report of `from` to `to` (days of the body, both included): see PeriodicReport. */
  async periodicReport(from: string, to: string): Promise<PeriodicReport> {
    const problem = periodProblem(from, to);
    if (problem) throw badInput('to', problem, 'PERIOD_INVALID');
    const period = reportPeriod(from, to);
    const asOf = periodAsOf(period, this.clock.now());
    // Nothing after asOf counts: a period still running is measured to now, and a closed period
    // to its end, whatever happened since.
    const start = period.start.getTime() < asOf.getTime() ? period.start : asOf;
    // The time per stage from every stay kept per change of the stays (with the statistics): the
    // stays ended within the period and those running at its end, each against its due day.
    const figures = periodStageFigures(await this.statistics.periodStays(), start, asOf);
    return this.commands.read(async (em) => {
      const [filed]: { n: number }[] = await em.query(FILED_SQL, [start, asOf]);
      const entries: { stage: Stage; n: number }[] = await em.query(ENTRIES_SQL, [start, asOf]);
      const outstanding: { id: string; number: number; title: string; language: string; adopted_at: Date; stage: Stage }[] = await em.query(
        OUTSTANDING_SQL,
        [asOf, TERMINAL_STAGES],
      );
      const respondents: { dispute_id: string; member_id: string }[] = outstanding.length
        ? await em.query(RESPONDENTS_SQL, [outstanding.map((o) => o.id)])
        : [];
      const names = new Map((await this.members.byIds(em, [...new Set(respondents.map((r) => r.member_id))])).map((m) => [m.id, m.name]));

      const entered = (stage: Stage) => entries.find((e) => e.stage === stage)?.n ?? 0;
      const stages: PeriodStage[] = figures.map((f) => {
        const limit = stageLimit(f.stage);
        const dated = limit !== null && (limit.days !== null || limit.months !== null);
        return {
          stage: f.stage,
          ended: f.ended,
          medianDays: f.medianDays,
          limitArticle: limit?.rule.article ?? null,
          limitDays: limit?.days ?? null,
          limitMonths: limit?.months ?? null,
          overran: dated ? f.overran : null,
          counted: dated ? f.counted : null,
        };
      });
      return {
        from,
        to,
        asOf,
        filed: filed.n,
        settled: entered('SETTLED_MAS'),
        withdrawn: entered('WITHDRAWN'),
        decided: entered('ADOPTED'),
        complied: entered('COMPLIED'),
        stages,
        outstandingCompliance: outstanding.map((o) => ({
          docketNumber: `DS${o.number}`,
          disputeId: o.id,
          title: o.title,
          language: o.language,
          respondents: respondents
            .filter((r) => r.dispute_id === o.id)
            .map((r) => names.get(r.member_id) ?? '')
            .sort(),
          adoptedAt: o.adopted_at,
          stage: o.stage,
        })),
      };
    });
  }
}

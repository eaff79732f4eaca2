import { Injectable } from '@nestjs/common';
import { CommandContext, EntityRows, MembersService, Page, RequestLoaders, groupedInKeyOrder, inKeyOrder, keysetPage } from '@app/core';
import {
  DEADLINE_RULES,
  FILING,
  dayOf,
  recountFromService,
  type Addressee,
  type DeadlineEffects,
  type DeadlineRow,
  type DeadlineRuleCode,
  type OpenedDeadline,
} from '@app/procedure';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { docketNumber } from '../disputes/dispute.entity';
import { moveItem } from '../docket/docket-text';
import { DocketService } from '../docket/docket.service';
import { DeadlineEntity } from './deadline.entity';
import { DeadlinesArgs } from './dto/deadlines.args';

/** Where the latest row of a rule stands. */
export interface LatestDeadline {
  status: DeadlineEntity['status'];
  dueDate: string;
}

/** A limit with whom it binds, for reminders (libs/notices, README "Notices by e-mail"). */
export interface DeadlineToRemind {
  id: string;
  disputeId: string;
  docketNumber: string;
  disputeTitle: string;
  rule: DeadlineRuleCode;
  dueDate: string;
  status: DeadlineEntity['status'];
  openedAt: Date;
  closedAt: Date | null;
  binds: Addressee;
  /** The members whose act is awaited: the party the rule binds (the filer of the submission for a summary). */
  boundMemberIds: string[];
}

type Settled = 'MET' | 'MISSED' | 'LAPSED' | 'SUPERSEDED' | 'EXTENDED';

/** The first service of a docket entry on a member (the first of its delegates' notices the mail server accepted). */
export interface EntryServed {
  disputeId: string;
  docketEntryId: string;
  memberId: string;
  servedAt: Date;
}

/** A limit counted again from service, for the audit record of the command that recorded the service. */
export interface RecountedDeadline {
  id: string;
  disputeId: string;
  rule: DeadlineRuleCode;
  from: string;
  to: string;
}

// The rules the filing opens that run from the respondent's receipt of the request (DSU 4.3, 4.7):
// the engine's data says which (`countedFromService`), the registry only applies it.
const COUNTED_FROM_SERVICE: readonly DeadlineRuleCode[] = FILING.opens.filter((rule) => DEADLINE_RULES[rule].countedFromService);

/**
 * Deadline rows: written from the engine's effects, read across all cases. Rows of one subject
 * (a document whose summary is due, DSU 18.2) are opened and settled by their module, by id: the
 * engine keeps at most one OPEN row per rule and settles by rule, so it never sees them.
 */
@Injectable()
export class DeadlinesService {
  private readonly deadlineRows: EntityRows<DeadlineEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MembersService,
    private readonly docket: DocketService,
    private readonly closedDays: ClosedDaysService,
  ) {
    this.deadlineRows = new EntityRows(dataSource, DeadlineEntity);
  }

  /** The engine's rows of a dispute: every row but those of a subject. */
  rowsOf(em: EntityManager, disputeId: string): Promise<DeadlineEntity[]> {
    // Opening order (the engine reads the latest row of a rule last), then a stable order.
    return em
      .getRepository(DeadlineEntity)
      .find({ where: { disputeId, subjectId: IsNull() }, order: { openedAt: 'ASC', dueDate: 'ASC', rule: 'ASC' } });
  }

  /**
   * Every row of a dispute, those of a subject too, in `rowsOf`'s order (one statement): the sweep
   * reads the engine's rows and the run-out requests for summaries from it (`isEngineRow`,
   * `SummaryRequestsService.runOutAmong`) instead of reading the dispute's limits twice.
   */
  allRowsOf(em: EntityManager, disputeId: string): Promise<DeadlineEntity[]> {
    return em.getRepository(DeadlineEntity).find({ where: { disputeId }, order: { openedAt: 'ASC', dueDate: 'ASC', rule: 'ASC' } });
  }

  /** Opens a row about one subject, outside the engine (its module settles it by id). */
  async openForSubject(ctx: CommandContext, disputeId: string, subjectId: string, row: OpenedDeadline): Promise<DeadlineEntity> {
    const repo = ctx.em.getRepository(DeadlineEntity);
    return repo.save(
      repo.create({
        disputeId,
        rule: row.rule,
        baseDate: row.baseDate,
        dueDate: row.dueDate,
        status: 'OPEN',
        pausedRemainingDays: null,
        openedAt: ctx.now,
        closedAt: null,
        subjectId,
      }),
    );
  }

  /** Settles one OPEN row by id; false when it is no longer OPEN. */
  async settleById(ctx: CommandContext, id: string, status: Settled): Promise<boolean> {
    const result = await ctx.em.getRepository(DeadlineEntity).update({ id, status: 'OPEN' }, { status, closedAt: ctx.now });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Applies what a transition does to the rows, in the order the engine prescribes: status
   * changes first, then the new rows (an extension's new row has the rule of the one it replaces).
   */
  async apply(ctx: CommandContext, disputeId: string, effects: DeadlineEffects): Promise<void> {
    const repo = ctx.em.getRepository(DeadlineEntity);
    const settle = async (rules: readonly string[], status: Settled) => {
      if (rules.length === 0) return;
      await repo
        .createQueryBuilder()
        .update()
        .set({ status, closedAt: ctx.now })
        .where("dispute_id = :disputeId AND status = 'OPEN' AND rule IN (:...rules) AND subject_id IS NULL", { disputeId, rules })
        .execute();
    };
    await settle(effects.meet, 'MET');
    await settle(effects.miss, 'MISSED');
    await settle(effects.lapse, 'LAPSED');
    await settle(effects.supersede, 'SUPERSEDED');
    // An extension also replaces a limit already recorded as missed (the parties may agree late).
    if (effects.extend.length) {
      await repo
        .createQueryBuilder()
        .update()
        .set({ status: 'EXTENDED', closedAt: ctx.now })
        .where(
          `id IN (SELECT DISTINCT ON (rule) id FROM deadlines WHERE dispute_id = :disputeId AND rule IN (:...rules)
           AND status IN ('OPEN', 'MISSED') AND subject_id IS NULL ORDER BY rule, opened_at DESC, id DESC)`,
          { disputeId, rules: effects.extend },
        )
        .execute();
    }
    for (const pause of effects.pause) {
      await repo.update({ disputeId, rule: pause.rule, status: 'OPEN', subjectId: IsNull() }, { pausedRemainingDays: pause.remainingDays });
    }
    for (const resumed of effects.resume) {
      await repo.update(
        { disputeId, rule: resumed.rule, status: 'OPEN', subjectId: IsNull() },
        { baseDate: resumed.baseDate, dueDate: resumed.dueDate, pausedRemainingDays: null },
      );
    }
    if (effects.open.length) await this.open(ctx, disputeId, effects.open);
  }

  async open(ctx: CommandContext, disputeId: string, rows: readonly OpenedDeadline[]): Promise<void> {
    await ctx.em.getRepository(DeadlineEntity).insert(
      rows.map((row) => ({
        disputeId,
        rule: row.rule,
        baseDate: row.baseDate,
        dueDate: row.dueDate,
        status: 'OPEN' as const,
        pausedRemainingDays: null,
        openedAt: ctx.now,
        closedAt: null,
      })),
    );
  }

  /**
   * Counts the limits that run from receipt of the request for consultations again from the day it
   * was first served on the respondent (README, "Notices and service"), in the caller's command (the
   * one that records the service, so the move and the service commit together). `services` are
   * first services of docket entries on members (any entries, any members: only the filing's entry
   * served on a respondent counts). A limit is recounted when it is still the one the filing opened
   * (running, not paused, opened with the filing), the service fell on a later day in the body's
   * zone, and the recount ends later (`recountFromService`, the engine's arithmetic with the closed
   * days): moved later only, never earlier, and once (the recount from the same first service ends where the
   * limit already does). Each dispute whose limits moved
   * gets a `deadlineMoved` docket entry, under its row lock, as a change of the calendar does.
   */
  async recountFromService(ctx: CommandContext, services: readonly EntryServed[]): Promise<RecountedDeadline[]> {
    if (!services.length || !COUNTED_FROM_SERVICE.length) return [];
    // Which services count: the filing's entry, on one of the dispute's respondents. One statement.
    const filings: { entry_id: string; dispute_id: string; occurred_at: Date; member_id: string }[] = await ctx.em.query(
      `SELECT e.id AS entry_id, e.dispute_id, e.occurred_at, p.member_id
         FROM docket_entries e JOIN dispute_parties p ON p.dispute_id = e.dispute_id AND p.kind = 'RESPONDENT'
        WHERE e.id = ANY($1::uuid[]) AND e.kind = $2`,
      [[...new Set(services.map((s) => s.docketEntryId))], FILING.action],
    );
    // Per dispute: the filing's instant and the latest first service on a respondent (each
    // respondent receives the request; the limits run against them all).
    const served = new Map<string, { filedAt: Date; servedAt: Date; memberId: string }>();
    for (const f of filings) {
      const service = services.find((s) => s.docketEntryId === f.entry_id && s.memberId === f.member_id);
      if (!service) continue;
      const known = served.get(f.dispute_id);
      if (!known || known.servedAt < service.servedAt)
        served.set(f.dispute_id, { filedAt: f.occurred_at, servedAt: service.servedAt, memberId: f.member_id });
    }
    const later = [...served.entries()].filter(([, s]) => dayOf(s.servedAt) > dayOf(s.filedAt));
    if (!later.length) return [];
    // The closed days before the disputes (the order every command takes these locks in), then the
    // disputes in id order: the docket numbers entries MAX(seq) + 1 under the dispute's lock.
    const closed = await this.closedDays.forCommand(ctx);
    const disputeIds = later.map(([id]) => id).sort();
    const disputes: { id: string; urgent: boolean }[] = await ctx.em.query(
      'SELECT id, urgent FROM disputes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [disputeIds],
    );
    const rows = await ctx.em.getRepository(DeadlineEntity).find({
      where: {
        disputeId: In(disputeIds),
        rule: In([...COUNTED_FROM_SERVICE]),
        status: 'OPEN',
        subjectId: IsNull(),
        pausedRemainingDays: IsNull(),
      },
      order: { disputeId: 'ASC', dueDate: 'ASC', rule: 'ASC' },
    });
    const codes = new Map(
      (
        await this.members.byIds(
          ctx.em,
          later.map(([, s]) => s.memberId),
        )
      ).map((m) => [m.id, m.code]),
    );
    const moved: RecountedDeadline[] = [];
    for (const dispute of disputes) {
      const service = served.get(dispute.id)!;
      const lines: string[] = [];
      // Only the rows the filing opened (same command, same instant): a limit opened later (an
      // agreed extension) does not count from the request's receipt.
      for (const row of rows.filter((r) => r.disputeId === dispute.id && r.openedAt.getTime() === service.filedAt.getTime())) {
        const rule = DEADLINE_RULES[row.rule];
        const dates = recountFromService(rule, row, service.filedAt, service.servedAt, { urgent: dispute.urgent, closed });
        if (!dates) continue;
        await ctx.em.getRepository(DeadlineEntity).update({ id: row.id }, { baseDate: dates.baseDate, dueDate: dates.dueDate });
        moved.push({ id: row.id, disputeId: dispute.id, rule: row.rule, from: row.dueDate, to: dates.dueDate });
        lines.push(moveItem(row.rule, rule.article, dates.dueDate, row.dueDate));
      }
      if (!lines.length) continue;
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: 'SYSTEM',
        kind: 'deadlineMoved',
        message: 'docket.deadlinesMoved.service',
        params: { member: codes.get(service.memberId) ?? service.memberId, servedDay: dayOf(service.servedAt), moves: lines },
      });
    }
    return moved;
  }

  /**
   * Records a dated step met (a timetable step done): the OPEN row of the rule becomes MET.
   * Returns false when no such row runs (never opened, already met, missed or waived).
   */
  async meet(ctx: CommandContext, disputeId: string, rule: DeadlineRuleCode): Promise<boolean> {
    const result = await ctx.em
      .getRepository(DeadlineEntity)
      .update({ disputeId, rule, status: 'OPEN', subjectId: IsNull() }, { status: 'MET', closedAt: ctx.now });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The latest row of each (dispute, rule) for these disputes and rules, keyed `disputeId|rule`:
   * one query for a batch, for a module that shows where its own steps stand (a panel timetable
   * adjusted by the panel, DSU 12.3).
   */
  async latestByRule(em: EntityManager, disputeIds: readonly string[], rules: readonly string[]): Promise<Map<string, LatestDeadline>> {
    if (!disputeIds.length || !rules.length) return new Map();
    const rows: { dispute_id: string; rule: string; status: DeadlineEntity['status']; due_date: string }[] = await em.query(
      `SELECT DISTINCT ON (dispute_id, rule) dispute_id, rule, status, to_char(due_date, 'YYYY-MM-DD') AS due_date
         FROM deadlines
        WHERE dispute_id = ANY($1::uuid[]) AND rule = ANY($2::text[])
        ORDER BY dispute_id, rule, opened_at DESC, id DESC`,
      [[...new Set(disputeIds)], [...new Set(rules)]],
    );
    return new Map(rows.map((r) => [`${r.dispute_id}|${r.rule}`, { status: r.status, dueDate: r.due_date }]));
  }

  /**
   * A page of limits for reminders, by id: the running ones due on or before `dueBy` (not those
   * paused by a suspension, DSU 12.12), or those recorded MISSED since `missedSince`; each with the
   * members it binds. One statement a page, at most `limit` rows.
   */
  async toRemind(
    em: EntityManager,
    query: { dueBy: string } | { missedSince: Date },
    page: { afterId?: string | null; limit: number },
  ): Promise<DeadlineToRemind[]> {
    const where =
      'dueBy' in query
        ? `d.status = 'OPEN' AND d.paused_remaining_days IS NULL AND d.due_date <= $1::date`
        : `d.status = 'MISSED' AND d.closed_at >= $1`;
    const rows: {
      id: string;
      dispute_id: string;
      rule: DeadlineRuleCode;
      due_date: string;
      status: DeadlineEntity['status'];
      opened_at: Date;
      closed_at: Date | null;
      subject_id: string | null;
      number: number;
      title: string;
      complainants: string[];
      respondents: string[];
      filer: string | null;
    }[] = await em.query(
      `SELECT d.id, d.dispute_id, d.rule, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.status, d.opened_at, d.closed_at,
              d.subject_id, s.number, s.title, doc.filed_for_member_id AS filer,
              ARRAY(SELECT p.member_id FROM dispute_parties p WHERE p.dispute_id = d.dispute_id AND p.kind = 'COMPLAINANT' ORDER BY p.member_id) AS complainants,
              ARRAY(SELECT p.member_id FROM dispute_parties p WHERE p.dispute_id = d.dispute_id AND p.kind = 'RESPONDENT' ORDER BY p.member_id) AS respondents
         FROM deadlines d
         JOIN disputes s ON s.id = d.dispute_id
         LEFT JOIN documents doc ON doc.id = d.subject_id
        WHERE ${where} AND ($2::uuid IS NULL OR d.id > $2::uuid)
        ORDER BY d.id
        LIMIT $3`,
      ['dueBy' in query ? query.dueBy : query.missedSince, page.afterId ?? null, Math.min(Math.max(page.limit, 1), 500)],
    );
    return rows.map((row) => {
      const binds = DEADLINE_RULES[row.rule].binds;
      let boundMemberIds: string[] = [];
      if (binds === 'COMPLAINANT') boundMemberIds = row.complainants;
      else if (binds === 'RESPONDENT') boundMemberIds = row.respondents;
      // A summary binds the party that filed the submission (DSU 18.2), not both.
      else if (binds === 'PARTIES')
        boundMemberIds = row.subject_id ? (row.filer ? [row.filer] : []) : [...row.complainants, ...row.respondents];
      return {
        id: row.id,
        disputeId: row.dispute_id,
        docketNumber: docketNumber(row),
        disputeTitle: row.title,
        rule: row.rule,
        dueDate: row.due_date,
        status: row.status,
        openedAt: row.opened_at,
        closedAt: row.closed_at,
        binds,
        boundMemberIds,
      };
    });
  }

  /** Everything due across all cases, soonest first: the secretariat's "due this week". */
  async list(args: DeadlinesArgs): Promise<Page<DeadlineEntity>> {
    const qb = this.dataSource.getRepository(DeadlineEntity).createQueryBuilder('d');
    const f = args.filter ?? {};
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.dueBefore) qb.andWhere('d.due_date < :dueBefore', { dueBefore: f.dueBefore });
    if (f.dueFrom) qb.andWhere('d.due_date >= :dueFrom', { dueFrom: f.dueFrom });
    if (f.disputeId) qb.andWhere('d.dispute_id = :disputeId', { disputeId: f.disputeId });
    if (f.rule) qb.andWhere('d.rule = :rule', { rule: f.rule });
    if (f.member) {
      // Core owns the members: the code is resolved there, once; an unknown code matches nothing.
      const ids = await this.members.idsByCodes(this.dataSource.manager, [f.member]);
      qb.andWhere(`d.dispute_id IN (SELECT p.dispute_id FROM dispute_parties p WHERE p.member_id = :memberId)`, {
        memberId: ids.get(f.member) ?? null,
      });
    }
    return keysetPage(qb, args, { sortExpression: 'd.due_date', alias: 'd', sortValue: (d) => d.dueDate }, (d) => d);
  }

  /** All rows of each dispute (a dispute has a few dozen at most over its whole life). */
  byDispute(loaders: RequestLoaders): DataLoader<string, DeadlineEntity[]> {
    return loaders.get(
      'deadlines.byDispute',
      () =>
        new DataLoader<string, DeadlineEntity[]>(async (ids) => {
          const rows = await this.dataSource.getRepository(DeadlineEntity).find({
            where: { disputeId: In([...ids]) },
            order: { openedAt: 'ASC', dueDate: 'ASC', rule: 'ASC' },
          });
          return groupedInKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }

  /**
   * The earliest running deadline of each dispute, in one statement for a whole page of disputes
   * (hand-written, as the docket list's other reads: see DisputesService.list).
   */
  nextByDispute(loaders: RequestLoaders): DataLoader<string, DeadlineEntity | null> {
    return loaders.get(
      'deadlines.nextByDispute',
      () =>
        new DataLoader<string, DeadlineEntity | null>(async (ids) => {
          const rows = await this.deadlineRows.read(
            `SELECT DISTINCT ON (d.dispute_id) ${this.deadlineRows.select('d')}
             FROM deadlines d
            WHERE d.dispute_id = ANY($1::uuid[]) AND d.status = 'OPEN' AND d.paused_remaining_days IS NULL
            ORDER BY d.dispute_id, d.due_date, d.id`,
            [ids],
          );
          return inKeyOrder(ids, rows, (row) => row.disputeId);
        }),
    );
  }
}

export function toDeadlineRow(entity: DeadlineEntity): DeadlineRow {
  return {
    rule: entity.rule,
    baseDate: entity.baseDate,
    dueDate: entity.dueDate,
    status: entity.status,
    pausedRemainingDays: entity.pausedRemainingDays,
  };
}

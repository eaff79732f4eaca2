import { Injectable, Logger } from '@nestjs/common';
import { Clock, CommandRunner } from '@app/core';
import {
  DEADLINE_RULES,
  applyDecision,
  decide,
  dueAutomaticActions,
  sweepDeadlines,
  toIsoDate,
  type ActionName,
  type ClosedDays,
  type Approval,
  type DisputeSnapshot,
  type Expiry,
} from '@app/procedure';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ClosedDaysService } from '../closed-days/closed-days.service';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DeadlinesService, toDeadlineRow } from '../deadlines/deadlines.service';
import { DisputeEntity } from '../disputes/dispute.entity';
import { toSnapshot } from '../disputes/dispute.snapshot';
import { DisputesService } from '../disputes/disputes.service';
import { DocketService } from '../docket/docket.service';
import { SummaryRequestsService } from '../documents/summary-requests.service';

export interface SweepResult {
  disputes: number;
  expired: number;
  automatic: number;
}

interface DueWork {
  expiries: Expiry[];
  actions: ActionName[];
}

/** Thrown inside a command that found nothing left to do, so that it writes nothing at all. */
class NothingToDo extends Error {}

// Disputes that may have work: a running limit past its due date (an automatic adoption follows
// the end of its 60 or 30 days), or a suspended panel whose authority may lapse (DSU 12.12).
const CANDIDATES = `
  SELECT DISTINCT dispute_id AS id FROM deadlines
   WHERE status = 'OPEN' AND paused_remaining_days IS NULL AND due_date <= $1
  UNION
  SELECT id FROM disputes WHERE stage = 'SUSPENDED'
  LIMIT $2`;

/**
 * The worker's periodic job: records the time limits that ran out (MISSED for a deadline, LAPSED
 * for a window or waiting period), dockets them, and takes the transitions the rules make automatic.
 * Idempotent and safe with several workers: each dispute is handled under its row lock, taken
 * with SKIP LOCKED, and what is due is worked out again under that lock.
 */
@Injectable()
export class ProcedureSweeper {
  private readonly logger = new Logger(ProcedureSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly closedDays: ClosedDaysService,
    private readonly deadlines: DeadlinesService,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly summaries: SummaryRequestsService,
  ) {}

  async sweep(batch = 500): Promise<SweepResult> {
    const now = this.clock.now();
    const result: SweepResult = { disputes: 0, expired: 0, automatic: 0 };
    const closed = await this.closedDays.all(this.dataSource.manager);
    // A limit due on D runs out at the end of D: the candidates are those due today or earlier,
    // and the engine decides which have run out.
    const ids: { id: string }[] = await this.dataSource.query(CANDIDATES, [toIsoDate(now), batch]);
    for (const { id } of ids) {
      const snapshot = await this.snapshotOf(this.dataSource.manager, id);
      if (!snapshot) continue;
      const summaries = await this.summaries.runOut({ em: this.dataSource.manager }, id, now);
      if (isEmpty(dueWork(snapshot, now, closed)) && summaries.length === 0) continue;
      try {
        const done = await this.handle(id);
        result.disputes += 1;
        result.expired += done.expiries.length + done.summaries;
        result.automatic += done.actions.length;
      } catch (error) {
        if (error instanceof NothingToDo) continue;
        // One dispute's failure must not stop the sweep of the others; the next run retries it.
        this.logger.error(`Sweep of dispute ${id} failed`, (error as Error).stack);
      }
    }
    return result;
  }

  private handle(disputeId: string): Promise<DueWork & { summaries: number }> {
    return this.commands.run({ actor: null, operation: 'sweepDeadlines' }, async (ctx) => {
      // The closed days before the dispute: the order a change of them takes its locks in too.
      const closed = await this.closedDays.forCommand(ctx);
      const [locked] = await ctx.em.query('SELECT id FROM disputes WHERE id = $1 FOR UPDATE SKIP LOCKED', [disputeId]);
      if (!locked) throw new NothingToDo();
      const snapshot = await this.snapshotOf(ctx.em, disputeId);
      if (!snapshot) throw new NothingToDo();
      const work = dueWork(snapshot, ctx.now, closed);
      // The requests for summaries (DSU 18.2) whose period ran out: rows of their own, by id.
      const summaries = await this.summaries.runOut(ctx, disputeId, ctx.now);
      if (isEmpty(work) && summaries.length === 0) throw new NothingToDo();
      for (const action of work.actions) await this.disputes.perform(ctx, disputeId, action);
      for (const expiry of work.expiries) {
        await ctx.em
          .getRepository(DeadlineEntity)
          .update({ disputeId, rule: expiry.rule, status: 'OPEN', subjectId: IsNull() }, { status: expiry.status, closedAt: ctx.now });
        const rule = DEADLINE_RULES[expiry.rule];
        await this.docket.append(ctx, {
          disputeId,
          actorRole: 'SYSTEM',
          kind: expiry.status === 'MISSED' ? 'deadlineMissed' : 'periodEnded',
          // The limit's description as the rules word it (English until the limits have a catalogue).
          ...(expiry.status === 'MISSED'
            ? { message: 'docket.deadlineMissed', params: { rule: expiry.rule, article: rule.article, description: rule.description } }
            : {
                message: 'docket.periodEnded',
                params: { rule: expiry.rule, article: rule.article, description: `${rule.description} ${rule.onExpiry}` },
              }),
        });
      }
      const expiredSummaries = await this.summaries.expire(ctx, summaries);
      ctx.target('Dispute', disputeId, {
        expired: [...work.expiries.map((e) => `${e.rule}:${e.status}`), ...summaries.map((row) => `${row.rule}:${row.id}:MISSED`)],
        automatic: work.actions,
      });
      return { ...work, summaries: expiredSummaries };
    });
  }

  private async snapshotOf(em: EntityManager, disputeId: string): Promise<DisputeSnapshot | null> {
    const dispute = await em.getRepository(DisputeEntity).findOneBy({ id: disputeId });
    if (!dispute) return null;
    const rows = await this.deadlines.rowsOf(em, disputeId);
    return toSnapshot(dispute, rows.map(toDeadlineRow));
  }
}

/**
 * What is due now: the automatic transitions first (a lapse consumes the running suspension
 * limit, DSU 12.12, which a sweep would otherwise close), then the limits that ran out.
 */
function dueWork(snapshot: DisputeSnapshot, now: Date, closed: ClosedDays): DueWork {
  const actions: ActionName[] = [];
  let current = snapshot;
  for (const action of dueAutomaticActions(snapshot, now, closed)) {
    const decision = decide(current, ['SYSTEM'], action, now, closed);
    if (!decision.allowed) continue;
    actions.push(action);
    current = applyDecision(current, decision as Approval);
  }
  return { actions, expiries: sweepDeadlines(current, now) };
}

function isEmpty(work: DueWork): boolean {
  return work.expiries.length === 0 && work.actions.length === 0;
}

import { Injectable, Logger } from '@nestjs/common';
import { Clock, CommandRunner } from '@app/core';
import {
  DEADLINE_RULES,
  applyDecision,
  decide,
  dueAutomaticActions,
  RUN_OUT_AT_START_OF_DUE_DAY,
  runOutCutoff,
  sweepDeadlines,
  type ActionName,
  type ClosedDays,
  type Approval,
  type DisputeSnapshot,
  type Expiry,
} from '@app/procedure';
import { DataSource, IsNull } from 'typeorm';
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

// The disputes whose running limits have run out, by the day each ran out (at its first instant
// where the body sits, `runsOutOn` of @app/procedure: the day after the due date, or the due date
// itself for a waiting period), earliest first, from the keyset (day, dispute) of the last batch.
// Every automatic step becomes due exactly when a running limit runs out (an adoption without a
// meeting, DSU 16.4, 17.14; the lapse of a suspended panel, DSU 12.12, whose SUSPENSION_LIMIT runs
// while the others are stopped), so these rows find every dispute with work and none without:
// nothing due today is selected before its day is over, nothing paused at all.
//
// Computed from the due date rather than stored as an instant: the due date is what the closed
// days move (ClosedDaysService reschedules the running rows when a day is closed or opened) and
// what resumption and extensions rewrite, and the instant also depends on the body's time zone, a
// setting of the deployment; a stored `runs_out_at` would have to be recomputed on each of those
// and would be wrong after any write that forgot it. The day is two cheap expressions of the
// columns; the index ix_deadlines_running (migration RunningDeadlines) holds the running rows only.
// The lower bound on due_date (the day before the keyset's day) keeps each batch's range scan to
// what is left; rows of one dispute and one day come together and are handled together.
const RUN_OUT = `
  SELECT dispute_id AS id, to_char(day, 'YYYY-MM-DD') AS day FROM (
    SELECT dispute_id, CASE WHEN rule = ANY($2::text[]) THEN due_date ELSE due_date + 1 END AS day
      FROM deadlines
     WHERE status = 'OPEN' AND paused_remaining_days IS NULL
       AND due_date <= $1::date AND due_date >= $3::date - 1
  ) running
  WHERE day <= $1::date AND (day, dispute_id) > ($3::date, $4::uuid)
  ORDER BY day, dispute_id
  LIMIT $5`;

// Before the first batch: before any day a limit can run out on.
const START = { day: '0001-01-01', id: '00000000-0000-0000-0000-000000000000' };

/**
 * The worker's periodic job: records the time limits that ran out (MISSED for a deadline, LAPSED
 * for a window or waiting period), dockets them, and takes the transitions the rules make automatic.
 * It works through everything that has run out, in the order it ran out, in batches of rows, each
 * dispute in a transaction of its own. Idempotent and safe with several workers: each dispute is
 * handled under its row lock, taken with SKIP LOCKED, and what is due is worked out again under
 * that lock, by the engine, at the command's own instant (so nothing is acted on early).
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

  /**
   * One sweep: every dispute with a limit run out at the clock's instant, earliest first, `batch`
   * rows a query, until none is left. A dispute handled (or skipped: locked by another worker,
   * failed) is not taken again in the same sweep; its next run retries a failure.
   */
  async sweep(batch = 500): Promise<SweepResult> {
    const now = this.clock.now();
    const cutoff = runOutCutoff(now);
    const result: SweepResult = { disputes: 0, expired: 0, automatic: 0 };
    const visited = new Set<string>();
    let after = START;
    for (;;) {
      const rows: { id: string; day: string }[] = await this.dataSource.query(RUN_OUT, [
        cutoff,
        RUN_OUT_AT_START_OF_DUE_DAY,
        after.day,
        after.id,
        batch,
      ]);
      for (const { id } of rows) {
        // A dispute with limits run out on several days comes once a day in this order.
        if (visited.has(id)) continue;
        visited.add(id);
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
      if (rows.length < batch) return result;
      after = rows[rows.length - 1];
    }
  }

  private handle(disputeId: string): Promise<DueWork & { summaries: number }> {
    return this.commands.run({ actor: null, operation: 'sweepDeadlines' }, async (ctx) => {
      // The closed days before the dispute: the order a change of them takes its locks in too.
      const closed = await this.closedDays.forCommand(ctx);
      // The dispute locked and read in one statement; one another sweep holds is left to it.
      const dispute = await ctx.em
        .getRepository(DisputeEntity)
        .findOne({ where: { id: disputeId }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
      if (!dispute) throw new NothingToDo();
      // Every limit of the dispute in one read: the engine's rows, and the requests for summaries
      // (DSU 18.2) whose period ran out (rows of their own, by id).
      const rows = await this.deadlines.allRowsOf(ctx.em, disputeId);
      const snapshot = toSnapshot(dispute, rows.filter((row) => row.subjectId === null).map(toDeadlineRow));
      const work = dueWork(snapshot, ctx.now, closed);
      const summaries = this.summaries.runOutAmong(rows, ctx.now);
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

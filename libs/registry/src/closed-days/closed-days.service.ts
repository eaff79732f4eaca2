import { Injectable } from '@nestjs/common';
import { Actor, AppConfig, CommandContext, CommandRunner, RequestLoaders, notFound, requireRole } from '@app/core';
import { DEADLINE_RULES, bodyTimeZone, nextWorkingDay, setBodyTimeZone, type ClosedDays, type IsoDate } from '@app/procedure';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { DocketService } from '../docket/docket.service';
import { moveItem, type DocketMessage } from '../docket/docket-text';
import { ClosedDayEntity } from './closed-day.entity';

/** A change of the closed days, and how many running time limits it moved. */
export interface ClosedDayChange {
  readonly closedDay: ClosedDayEntity;
  readonly movedDeadlines: number;
}

interface DueDateMove {
  readonly row: DeadlineEntity;
  readonly to: IsoDate;
}

// Running (open, not paused) limits whose legal end is on or before the day and whose due date is on
// or after it: the ones a change of that day can move.
const RUNNING_ACROSS_DAY = "d.status = 'OPEN' AND d.paused_remaining_days IS NULL AND d.base_date <= :day AND d.due_date >= :day";

/** The days the body is closed, kept by the secretariat; due dates move past them. */
@Injectable()
export class ClosedDaysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly docket: DocketService,
    config: AppConfig,
  ) {
    // The engine's dates (libs/procedure/src/dates.ts) count days where the body sits (BODY_TIME_ZONE).
    setBodyTimeZone(config.BODY_TIME_ZONE);
  }

  /** The body's time zone: every date of the procedure is a day there. */
  timeZone(): string {
    return bodyTimeZone();
  }

  list(from: string, to: string): Promise<ClosedDayEntity[]> {
    return this.dataSource
      .getRepository(ClosedDayEntity)
      .createQueryBuilder('c')
      .where('c.day BETWEEN :from AND :to', { from, to })
      .orderBy('c.day')
      .limit(400)
      .getMany();
  }

  /**
   * The closed days the procedure engine computes with: every one (a few dozen a year; a
   * resumed suspension may reach back). Weekends are working days unless closed.
   */
  async all(em: EntityManager): Promise<ClosedDays> {
    const rows: { day: string }[] = await em.query("SELECT to_char(day, 'YYYY-MM-DD') AS day FROM closed_days ORDER BY day");
    return { dates: rows.map((r) => r.day) };
  }

  /**
   * The closed days for a command that computes due dates: SHARE mode lets any number of such
   * commands read at once, but a change of them (SHARE ROW EXCLUSIVE) waits for them and
   * they wait for it, so no new limit is computed against closed days being changed.
   */
  async forCommand(ctx: CommandContext): Promise<ClosedDays> {
    await ctx.em.query('LOCK TABLE closed_days IN SHARE MODE');
    return this.all(ctx.em);
  }

  /** The same closed days, read once per request however many disputes ask for it. */
  forRequest(loaders: RequestLoaders): Promise<ClosedDays> {
    return loaders
      .get(
        'closedDays.all',
        () =>
          new DataLoader<'all', ClosedDays>(async (keys) => {
            const closed = await this.all(this.dataSource.manager);
            return keys.map(() => closed);
          }),
      )
      .load('all');
  }

  /** Closes a day; running time limits that now end on it move to the next working day. */
  add(actor: Actor | null, day: string, reason: string): Promise<ClosedDayChange> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'addClosedDay' }, async (ctx) => {
      await this.serialiseClosedDayChanges(ctx);
      const saved = await ctx.em.getRepository(ClosedDayEntity).save({ day, reason });
      const moved = await this.moveDueDates(ctx, { message: 'docket.deadlinesMoved.closed', params: { closedDay: day, reason } });
      ctx.target('ClosedDay', day, { reason, movedDeadlines: moved });
      return { closedDay: saved, movedDeadlines: moved };
    });
  }

  /** Reopens a day; running time limits moved past it come back to the day they now end on. */
  remove(actor: Actor | null, day: string): Promise<ClosedDayChange> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'removeClosedDay' }, async (ctx) => {
      await this.serialiseClosedDayChanges(ctx);
      const repo = ctx.em.getRepository(ClosedDayEntity);
      const existing = await repo.findOneBy({ day });
      if (!existing) throw notFound('Closed day', day, 'CLOSED_DAY_NOT_FOUND');
      await repo.delete({ day });
      const moved = await this.moveDueDates(ctx, {
        message: 'docket.deadlinesMoved.reopened',
        params: { closedDay: day, reason: existing.reason },
      });
      ctx.target('ClosedDay', day, { movedDeadlines: moved });
      return { closedDay: existing, movedDeadlines: moved };
    });
  }

  // Two changes of the closed days at once would each recompute due dates without the other's
  // day. This mode conflicts with itself and with writers, not with readers: the engine keeps
  // reading the closed days meanwhile.
  private async serialiseClosedDayChanges(ctx: CommandContext): Promise<void> {
    await ctx.em.query('LOCK TABLE closed_days IN SHARE ROW EXCLUSIVE MODE');
  }

  /**
   * A period that ends on a closed day ends on the next working day (procedure README, "Time"), so
   * a change of the closed days moves the running limits whose legal end lies at or before `day` and
   * whose due date at or after it: their due date is recomputed from the legal end (`baseDate`)
   * against the new closed days. Paused limits (DSU 12.12) are left alone: the shift is applied afresh
   * when the clock restarts. Each dispute whose limits moved gets one docket entry, written under
   * its row lock because the docket numbers entries MAX(seq) + 1.
   */
  private async moveDueDates(ctx: CommandContext, why: DocketMessage & { params: { closedDay: IsoDate } }): Promise<number> {
    const day = why.params.closedDay;
    const deadlines = ctx.em.getRepository(DeadlineEntity);
    const candidates = await deadlines
      .createQueryBuilder('d')
      .select('DISTINCT d.dispute_id', 'disputeId')
      .where(RUNNING_ACROSS_DAY, { day })
      .getRawMany<{ disputeId: string }>();
    if (candidates.length === 0) return 0;
    // Locked in id order, so two commands locking several disputes cannot deadlock each other; a
    // step being taken on one of them is waited for, and the rows are read again after it.
    const disputeIds = candidates.map((c) => c.disputeId);
    await ctx.em.query('SELECT id FROM disputes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [disputeIds]);
    const rows = await deadlines
      .createQueryBuilder('d')
      .where(RUNNING_ACROSS_DAY, { day })
      .andWhere('d.dispute_id IN (:...disputeIds)', { disputeIds })
      .orderBy('d.dispute_id')
      .addOrderBy('d.due_date')
      .addOrderBy('d.rule')
      .getMany();
    const closed = await this.all(ctx.em);
    const moves: DueDateMove[] = rows
      .map((row) => ({ row, to: nextWorkingDay(row.baseDate, closed) }))
      .filter((move) => move.to !== move.row.dueDate);

    const byDispute = new Map<string, DueDateMove[]>();
    for (const move of moves) byDispute.set(move.row.disputeId, [...(byDispute.get(move.row.disputeId) ?? []), move]);
    for (const [disputeId, disputeMoves] of byDispute) {
      for (const { row, to } of disputeMoves) {
        await deadlines.update({ id: row.id }, { dueDate: to });
      }
      const moves = disputeMoves.map(({ row, to }) => moveItem(row.rule, DEADLINE_RULES[row.rule].article, to, row.dueDate));
      await this.docket.append(ctx, {
        disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'deadlineMoved',
        message: why.message,
        params: { ...why.params, moves },
      });
    }
    return moves.length;
  }
}

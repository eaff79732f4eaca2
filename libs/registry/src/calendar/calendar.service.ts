import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, RequestLoaders, notFound, requireRole } from '@app/core';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import type { ClosedDays } from '../procedure';
import { ClosedDayEntity } from './closed-day.entity';

/** The days the body is closed, kept by the secretariat; due dates move past them. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
  ) {}

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
   * The calendar the procedure engine computes with: every closed day (a few dozen a year; a
   * resumed suspension may reach back). Weekends are working days unless closed.
   */
  async closedDays(em: EntityManager): Promise<ClosedDays> {
    const rows: { day: string }[] = await em.query(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day FROM closed_days ORDER BY day",
    );
    return { dates: rows.map((r) => r.day) };
  }

  /** The same calendar, read once per request however many disputes ask for it. */
  closedDaysForRequest(loaders: RequestLoaders): Promise<ClosedDays> {
    return loaders
      .get('calendar.closedDays', () => new DataLoader<'all', ClosedDays>(async (keys) => {
        const closed = await this.closedDays(this.dataSource.manager);
        return keys.map(() => closed);
      }))
      .load('all');
  }

  add(actor: Actor | null, day: string, reason: string): Promise<ClosedDayEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'addClosedDay' }, async (ctx) => {
      const saved = await ctx.em.getRepository(ClosedDayEntity).save({ day, reason });
      ctx.target('ClosedDay', day, { reason });
      return saved;
    });
  }

  remove(actor: Actor | null, day: string): Promise<boolean> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'removeClosedDay' }, async (ctx) => {
      const result = await ctx.em.getRepository(ClosedDayEntity).delete({ day });
      if (!result.affected) throw notFound('Closed day', day);
      ctx.target('ClosedDay', day);
      return true;
    });
  }
}

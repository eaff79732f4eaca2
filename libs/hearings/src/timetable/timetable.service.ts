import { Injectable } from '@nestjs/common';
import { Actor, Clock, CommandRunner, DomainError, RequestLoaders, badInput, forbidden, notFound, requireRole } from '@app/core';
import { CalendarService, DisputesService, PanelSeatsService, nextWorkingDay, toIsoDate } from '@app/registry';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { ProposedStep, proposeTimetable } from './appendix3';
import { AdoptTimetableInput } from './timetable.input';
import { TimetableStepEntity } from './timetable-step.entity';

/** The panel's timetable (DSU 12.3, Appendix 3 ¶12): proposed, adopted, and its steps watched. */
@Injectable()
export class TimetableService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly disputes: DisputesService,
    private readonly calendar: CalendarService,
    private readonly seats: PanelSeatsService,
  ) {}

  /** The default proposal from a start date (today when left out), off closed days. */
  async propose(disputeId: string, start?: string): Promise<ProposedStep[]> {
    if (!isUUID(disputeId)) throw notFound('Dispute', disputeId);
    const closed = await this.calendar.closedDays(this.dataSource.manager);
    return proposeTimetable(start ?? toIsoDate(this.clock.now()), (d) => nextWorkingDay(d, closed));
  }

  /**
   * The panel adopts its timetable, the proposal with any dates it changed, and so takes the
   * procedure step `fixTimetable` (PANEL_COMPOSED to PANEL_PROCEEDINGS): only a seated panelist,
   * since the engine gives that step to the panel alone.
   */
  adopt(actor: Actor | null, input: AdoptTimetableInput): Promise<TimetableStepEntity[]> {
    const panelist = requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'adoptTimetable' }, async (ctx) => {
      const seat = await this.seats.seatOf(ctx.em, input.disputeId, panelist.userId);
      if (!seat) throw forbidden('Only a member of this dispute’s panel adopts its timetable', 'NOT_ON_PANEL');
      const closed = await this.calendar.closedDaysForCommand(ctx);
      const start = input.startDate ?? toIsoDate(ctx.now);
      const steps = proposeTimetable(start, (d) => nextWorkingDay(d, closed));
      for (const change of input.steps) {
        const step = steps.find((s) => s.kind === change.kind);
        if (step) step.dueDate = change.dueDate;
      }
      for (let i = 1; i < steps.length; i += 1) {
        if (steps[i].dueDate < steps[i - 1].dueDate) {
          throw badInput('input.steps', `${steps[i].kind} (${steps[i].dueDate}) comes before ${steps[i - 1].kind} (${steps[i - 1].dueDate})`, 'STEPS_OUT_OF_ORDER');
        }
      }
      if (steps[0].dueDate <= toIsoDate(ctx.now)) throw badInput('input.steps', 'The first step must lie in the future', 'STEP_IN_THE_PAST');
      // The engine step first: it locks the dispute and refuses a timetable fixed twice.
      const note = `Timetable (Appendix 3 ¶12): ${steps.map((s) => `${s.kind} ${s.dueDate}`).join('; ')}.`;
      await this.disputes.perform(ctx, input.disputeId, 'fixTimetable', {}, note);
      const rows = await ctx.em.getRepository(TimetableStepEntity).save(
        steps.map((s, position) => ctx.em.create(TimetableStepEntity, { disputeId: input.disputeId, kind: s.kind, position, dueDate: s.dueDate, status: 'OPEN', statusAt: null })),
      );
      ctx.target('Dispute', input.disputeId, { timetable: steps });
      return rows;
    });
  }

  /** The panel or the secretariat records a step as done. */
  complete(actor: Actor | null, stepId: string): Promise<TimetableStepEntity> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'completeTimetableStep' }, async (ctx) => {
      const step = isUUID(stepId) ? await ctx.em.getRepository(TimetableStepEntity).findOneBy({ id: stepId }) : null;
      if (!step) throw notFound('Timetable step', stepId);
      if (actor!.role === 'PANELIST' && !(await this.seats.seatOf(ctx.em, step.disputeId, actor!.userId))) {
        throw forbidden('Only this dispute’s panel or the secretariat records its timetable', 'NOT_ON_PANEL');
      }
      if (step.status !== 'OPEN') throw new DomainError('INVALID_TRANSITION', 'STEP_CLOSED', `The step is already ${step.status}`);
      Object.assign(step, { status: 'MET', statusAt: ctx.now });
      const saved = await ctx.em.getRepository(TimetableStepEntity).save(step);
      ctx.target('TimetableStep', step.id, { disputeId: step.disputeId, kind: step.kind });
      return saved;
    });
  }

  /**
   * The worker's sweep: an open step whose due date has passed is MISSED (counted like the
   * engine's limits, to the end of the due day in UTC). Idempotent.
   */
  async flagMissed(): Promise<number> {
    // Most minutes nothing ran out: look first, so the audit trail records only real sweeps.
    const [due] = await this.dataSource.query(`SELECT 1 FROM timetable_steps WHERE status = 'OPEN' AND due_date < $1::date LIMIT 1`, [toIsoDate(this.clock.now())]);
    if (!due) return 0;
    return this.commands.run({ actor: null, operation: 'flagMissedTimetableSteps' }, async (ctx) => {
      const rows: unknown[] = await ctx.em.query(
        `UPDATE timetable_steps SET status = 'MISSED', status_at = $1 WHERE status = 'OPEN' AND due_date < $2::date RETURNING id`,
        [ctx.now, toIsoDate(ctx.now)],
      );
      const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
      ctx.target('TimetableStep', 'sweep', { missed: updated.length });
      return updated.length;
    });
  }

  /** Steps across cases, by due date (the timetable's own deadline list). */
  list(filter: { status?: string; disputeId?: string }): Promise<TimetableStepEntity[]> {
    const where: Record<string, string> = {};
    if (filter.status) where.status = filter.status;
    if (filter.disputeId) where.disputeId = filter.disputeId;
    return this.dataSource.getRepository(TimetableStepEntity).find({ where, order: { dueDate: 'ASC', position: 'ASC' }, take: 100 });
  }

  byDispute(loaders: RequestLoaders): DataLoader<string, TimetableStepEntity[]> {
    return loaders.get('timetable.byDispute', () =>
      new DataLoader<string, TimetableStepEntity[]>(async (ids) => {
        const rows = await this.dataSource.getRepository(TimetableStepEntity).find({ where: { disputeId: In([...ids]) }, order: { position: 'ASC' } });
        return ids.map((id) => rows.filter((r) => r.disputeId === id));
      }),
    );
  }
}


import { Injectable } from '@nestjs/common';
import {
  Actor,
  Clock,
  CommandRunner,
  DomainError,
  RequestLoaders,
  groupedInKeyOrder,
  badInput,
  forbidden,
  notFound,
  requireRole,
} from '@app/core';
import { nextWorkingDay, toIsoDate, type ActionName, type DeadlineRuleCode } from '@app/procedure';
import { ClosedDaysService, DeadlinesService, DisputesService, DocketService, PanelSeatsService } from '@app/registry';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { ProposedStep, TimetableStepKind, proposeTimetable } from './appendix3';
import { AdoptTimetableInput } from './timetable.input';
import { TimetableStepEntity, type TimetableStepStatus } from './timetable-step.entity';

/** The panel's timetable (DSU 12.3, Appendix 3 ¶12): proposed, adopted, and its steps watched. */
@Injectable()
export class TimetableService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
    private readonly disputes: DisputesService,
    private readonly closedDays: ClosedDaysService,
    private readonly seats: PanelSeatsService,
    private readonly deadlines: DeadlinesService,
    private readonly docket: DocketService,
  ) {}

  /** The default proposal from a start date (today when left out), off closed days. */
  async propose(disputeId: string, start?: string): Promise<ProposedStep[]> {
    if (!isUUID(disputeId)) throw notFound('Dispute', disputeId, 'DISPUTE_NOT_FOUND');
    const closed = await this.closedDays.all(this.dataSource.manager);
    return proposeTimetable(start ?? toIsoDate(this.clock.now()), (d) => nextWorkingDay(d, closed));
  }

  /**
   * The panel adopts its timetable, the proposal with any dates it changed, and so takes the
   * procedure step `fixTimetable` (PANEL_COMPOSED to PANEL_PROCEEDINGS): only a seated panelist,
   * since the engine gives that step to the panel alone.
   */
  adopt(actor: Actor | null, input: AdoptTimetableInput): Promise<StepWithStatus[]> {
    const panelist = requireRole(actor, 'PANELIST');
    return this.commands.run({ actor, operation: 'adoptTimetable' }, async (ctx) => {
      const seat = await this.seats.seatOf(ctx.em, input.disputeId, panelist.userId);
      if (!seat) throw forbidden('Only a member of this dispute’s panel adopts its timetable', 'NOT_ON_PANEL');
      const closed = await this.closedDays.forCommand(ctx);
      const start = input.startDate ?? toIsoDate(ctx.now);
      const steps = proposeTimetable(start, (d) => nextWorkingDay(d, closed));
      for (const change of input.steps) {
        const step = steps.find((s) => s.kind === change.kind);
        if (step) step.dueDate = change.dueDate;
      }
      for (let i = 1; i < steps.length; i += 1) {
        if (steps[i].dueDate < steps[i - 1].dueDate) {
          throw badInput(
            'input.steps',
            `${steps[i].kind} (${steps[i].dueDate}) comes before ${steps[i - 1].kind} (${steps[i - 1].dueDate})`,
            'STEPS_OUT_OF_ORDER',
          );
        }
      }
      if (steps[0].dueDate <= toIsoDate(ctx.now))
        throw badInput('input.steps', 'The first step must lie in the future', 'STEP_IN_THE_PAST');
      // The engine step: it locks the dispute, refuses a timetable fixed twice, and opens each step
      // as a dated limit of the procedure (in the cross-case list, flagged when missed, moot once
      // the report is out).
      const note = `Timetable (Appendix 3 ¶12): ${steps.map((s) => `${s.kind} ${s.dueDate}`).join('; ')}.`;
      const timetable = steps.map((s) => ({ rule: ruleOf(s.kind), date: s.dueDate }));
      await this.disputes.perform(ctx, input.disputeId, 'fixTimetable', { timetable }, note);
      const rows = await ctx.em
        .getRepository(TimetableStepEntity)
        .save(
          steps.map((s, position) =>
            ctx.em.create(TimetableStepEntity, { disputeId: input.disputeId, kind: s.kind, position, dueDate: s.dueDate }),
          ),
        );
      ctx.target('Dispute', input.disputeId, { timetable: steps });
      return rows.map((row) => ({ ...row, status: 'OPEN' as const }));
    });
  }

  /** The panel or the secretariat records a step as done: its deadline is met. */
  complete(actor: Actor | null, stepId: string): Promise<StepWithStatus> {
    requireRole(actor, 'SECRETARIAT', 'PANELIST');
    return this.commands.run({ actor, operation: 'completeTimetableStep' }, async (ctx) => {
      const step = isUUID(stepId) ? await ctx.em.getRepository(TimetableStepEntity).findOneBy({ id: stepId }) : null;
      if (!step) throw notFound('Timetable step', stepId, 'TIMETABLE_STEP_NOT_FOUND');
      if (actor!.role === 'PANELIST' && !(await this.seats.seatOf(ctx.em, step.disputeId, actor!.userId))) {
        throw forbidden('Only this dispute’s panel or the secretariat records its timetable', 'NOT_ON_PANEL');
      }
      await this.disputes.lockForUpdate(ctx, step.disputeId, true);
      const held = ENGINE_STEPS[step.kind];
      if (held) {
        // A meeting is a step of the procedure itself: the engine records it (and the interim
        // report waits for it), late or not.
        await this.disputes.perform(ctx, step.disputeId, held);
      } else {
        if (!(await this.deadlines.meet(ctx, step.disputeId, ruleOf(step.kind)))) {
          throw new DomainError('INVALID_TRANSITION', 'STEP_CLOSED', `The step ${step.kind} is no longer open`);
        }
        await this.docket.append(ctx, {
          disputeId: step.disputeId,
          actorRole: actor!.role === 'PANELIST' ? 'PANEL' : 'SECRETARIAT',
          kind: 'completeTimetableStep',
          message: 'docket.completeTimetableStep',
          params: { step: step.kind, dueDay: step.dueDate },
        });
      }
      ctx.target('TimetableStep', step.id, { disputeId: step.disputeId, kind: step.kind });
      return { ...step, status: 'MET' as const };
    });
  }

  /**
   * Steps across cases, by due date, with the status of their deadline rows (the first 100). The
   * registry owns the deadlines, so a status filter is applied to the steps read in chunks, each
   * chunk's rows asked of the registry in one query, until a hundred match or the steps run out.
   */
  async list(filter: { status?: string; disputeId?: string }): Promise<StepWithStatus[]> {
    const LIMIT = 100;
    const chunk = filter.status ? 500 : LIMIT;
    const found: StepWithStatus[] = [];
    for (let offset = 0; found.length < LIMIT; offset += chunk) {
      const steps = await this.dataSource.getRepository(TimetableStepEntity).find({
        where: filter.disputeId ? { disputeId: filter.disputeId } : {},
        order: { dueDate: 'ASC', position: 'ASC', id: 'ASC' },
        skip: offset,
        take: chunk,
      });
      const withStatus = await this.withStatus(steps);
      found.push(...(filter.status ? withStatus.filter((s) => s.status === filter.status) : withStatus));
      if (steps.length < chunk) break;
    }
    return found.slice(0, LIMIT);
  }

  /** The steps of each dispute, in order, for a page of disputes. */
  byDispute(loaders: RequestLoaders): DataLoader<string, StepWithStatus[]> {
    return loaders.get(
      'timetable.byDispute',
      () =>
        new DataLoader<string, StepWithStatus[]>(async (ids) => {
          const steps = await this.dataSource
            .getRepository(TimetableStepEntity)
            .find({ where: { disputeId: In([...ids]) }, order: { position: 'ASC' } });
          return groupedInKeyOrder(ids, await this.withStatus(steps), (r) => r.disputeId);
        }),
    );
  }

  // Each step with the status and date of the latest deadline row of its rule (TIMETABLE_<kind>):
  // the view follows the panel's adjustments (adjustTimetable) and the review period kept whole.
  private async withStatus(steps: readonly TimetableStepEntity[]): Promise<StepWithStatus[]> {
    const latest = await this.deadlines.latestByRule(
      this.dataSource.manager,
      steps.map((s) => s.disputeId),
      steps.map((s) => ruleOf(s.kind)),
    );
    return steps.map((step) => {
      const row = latest.get(`${step.disputeId}|${ruleOf(step.kind)}`);
      return Object.assign(step, { dueDate: row?.dueDate ?? step.dueDate, status: row?.status ?? ('OPEN' as const) });
    });
  }
}

// Steps the engine takes itself when recorded done: the substantive meetings.
const ENGINE_STEPS: Partial<Record<TimetableStepKind, ActionName>> = {
  FIRST_SUBSTANTIVE_MEETING: 'holdFirstMeeting',
  SECOND_SUBSTANTIVE_MEETING: 'holdSecondMeeting',
};

/** A step and the status of its deadline. */
export type StepWithStatus = TimetableStepEntity & { status: TimetableStepStatus };

export function ruleOf(kind: TimetableStepKind): DeadlineRuleCode {
  return `TIMETABLE_${kind}` as DeadlineRuleCode;
}

import { Injectable } from '@nestjs/common';
import {
  DeadlinesService,
  PanelSeatsService,
  StepProviders,
  engineSteps,
  type AvailableStep,
  type AvailableSteps,
  type StepQuery,
} from '@app/registry';
import { HEARING_STAGES } from './hearings/hearings.service';

/** The hearings' steps in a dispute (the timetable, hearings), for `dispute.allowedActions`. */
@Injectable()
export class HearingsSteps {
  constructor(
    private readonly seats: PanelSeatsService,
    private readonly deadlines: DeadlinesService,
    steps: StepProviders,
  ) {
    steps.register((query) => this.stepsOf(query));
  }

  private async stepsOf(query: StepQuery): Promise<AvailableSteps> {
    const { actor, dispute, engine } = query;
    // The panel fixes its timetable by adopting one (DSU 12.3; Appendix 3 ¶12).
    const timetable = engineSteps(engine, { fixTimetable: 'adoptTimetable' });
    const now: AvailableStep[] = [...timetable.now];
    const seated =
      actor.role === 'PANELIST' && (await this.seats.byDispute(query.loaders).load(dispute.id)).some((s) => s.userId === actor.userId);
    if ((seated || actor.role === 'SECRETARIAT') && HEARING_STAGES.includes(dispute.stage)) {
      now.push({ action: 'scheduleHearing', mutation: 'scheduleHearing' });
      const rows = await this.deadlines.byDispute(query.loaders).load(dispute.id);
      if (rows.some((row) => row.rule.startsWith('TIMETABLE_') && row.status === 'OPEN' && row.pausedRemainingDays === null)) {
        now.push({ action: 'completeTimetableStep', mutation: 'completeTimetableStep' });
      }
    }
    return { now, later: timetable.later };
  }
}

import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, badInput, requireRole } from '@app/core';
import { DataSource } from 'typeorm';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocketService } from '../docket/docket.service';
import { DEADLINE_RULES, latestNoticeDate, toIsoDate } from '../procedure';
import { BodyMeetingEntity } from './body-meeting.entity';
import { CalendarService } from './calendar.service';

// The stages in which implementation is under the body's surveillance and a status report is due
// before each meeting (DSU 21.6: from six months after the reasonable period is fixed; DSU 22.8
// keeps it on the agenda after suspension is authorised).
const SURVEILLED_STAGES = [
  'IMPLEMENTATION_SURVEILLANCE',
  'COMPLIANCE_REVIEW',
  'COMPENSATION_NEGOTIATION',
  'RETALIATION_REQUESTED',
  'ARB_22_6',
  'SUSPENSION_AUTHORIZED',
];

export interface ScheduledMeeting {
  meeting: BodyMeetingEntity;
  statusReportsDue: number;
}

/**
 * The body's meetings. Scheduling one puts every case under surveillance on its agenda: the
 * respondent's status report becomes a deadline 10 days before the meeting (DSU 21.6), flagged
 * MISSED by the worker when it is not filed in time.
 */
@Injectable()
export class BodyMeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly calendar: CalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly docket: DocketService,
  ) {}

  list(from: string, to: string): Promise<BodyMeetingEntity[]> {
    return this.dataSource
      .getRepository(BodyMeetingEntity)
      .createQueryBuilder('m')
      .where('m.held_on BETWEEN :from AND :to', { from, to })
      .orderBy('m.held_on')
      .limit(400)
      .getMany();
  }

  schedule(actor: Actor | null, heldOn: string): Promise<ScheduledMeeting> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'scheduleBodyMeeting' }, async (ctx) => {
      if (heldOn <= toIsoDate(ctx.now)) throw badInput('heldOn', 'A meeting is scheduled for a future day', 'MEETING_IN_THE_PAST');
      const closed = await this.calendar.closedDaysForCommand(ctx);
      const meeting = await ctx.em.getRepository(BodyMeetingEntity).save({ heldOn, recordedAt: ctx.now });
      const rule = DEADLINE_RULES.STATUS_REPORT_NOTICE;
      const due = latestNoticeDate(heldOn, rule, closed);
      // On the agenda: under surveillance, and six months since the period was fixed (the
      // SURVEILLANCE_AGENDA waiting period) will have run by the meeting.
      const cases: { id: string }[] = await ctx.em.query(
        `SELECT d.id FROM disputes d
          WHERE d.stage = ANY($1::text[])
            AND EXISTS (SELECT 1 FROM deadlines s WHERE s.dispute_id = d.id AND s.rule = 'SURVEILLANCE_AGENDA' AND s.due_date <= $2)
          ORDER BY d.id FOR UPDATE OF d`,
        [SURVEILLED_STAGES, heldOn],
      );
      for (const { id } of cases) {
        await this.deadlines.open(ctx, id, [{ rule: 'STATUS_REPORT_NOTICE', baseDate: due, dueDate: due }]);
        await this.docket.append(ctx, {
          disputeId: id,
          actorRole: 'SECRETARIAT',
          kind: 'scheduleBodyMeeting',
          text: `The body meets on ${heldOn} with this case on its agenda; the respondent's status report is due by ${due} (STATUS_REPORT_NOTICE, ${rule.article}).`,
        });
      }
      ctx.target('BodyMeeting', meeting.id, { heldOn, statusReportsDue: cases.length });
      return { meeting, statusReportsDue: cases.length };
    });
  }
}

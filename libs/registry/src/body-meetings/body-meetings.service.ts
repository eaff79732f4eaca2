import { Injectable } from '@nestjs/common';
import { Actor, AppConfig, AuditCheckpoints, CommandRunner, DomainError, badInput, notFound, requireRole, MembersService } from '@app/core';
import { DEADLINE_RULES, SURVEILLANCE_STAGES, latestNoticeDate, toIsoDate, type BodyMeeting } from '@app/procedure';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocketService } from '../docket/docket.service';
import { BodyMeetingEntity } from './body-meeting.entity';
import { ClosedDaysService } from '../closed-days/closed-days.service';

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
    private readonly closedDays: ClosedDaysService,
    private readonly deadlines: DeadlinesService,
    private readonly docket: DocketService,
    private readonly config: AppConfig,
    private readonly checkpoints: AuditCheckpoints,
    private readonly members: MembersService,
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
      const closed = await this.closedDays.forCommand(ctx);
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
        [SURVEILLANCE_STAGES, heldOn],
      );
      for (const { id } of cases) {
        await this.deadlines.open(ctx, id, [{ rule: 'STATUS_REPORT_NOTICE', baseDate: due, dueDate: due }]);
        await this.docket.append(ctx, {
          disputeId: id,
          actorRole: 'SECRETARIAT',
          kind: 'scheduleBodyMeeting',
          message: 'docket.scheduleBodyMeeting',
          params: { heldDay: heldOn, dueDay: due, article: rule.article },
        });
      }
      ctx.target('BodyMeeting', meeting.id, { heldOn, statusReportsDue: cases.length });
      return { meeting, statusReportsDue: cases.length };
    });
  }

  /**
   * The secretariat records who attended a meeting, on the day or after: the body decides only
   * with a quorum present, and the record of who was there is part of its decision. Recorded
   * once; a correction is a new record of the whole list.
   *
   * The meeting is also when the body anchors its audit trail: a signed checkpoint of the chain's
   * head (README, "The audit trail: threat model"), published with the meeting (`bodyMeetings`,
   * `auditCheckpoints`) for the members to keep. It names the head before this command's own
   * record, which the next checkpoint covers.
   */
  recordAttendance(actor: Actor | null, meetingId: string, presentCodes: string[]): Promise<BodyMeetingEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'recordMeetingAttendance' }, async (ctx) => {
      const meeting = isUUID(meetingId)
        ? await ctx.em
            .getRepository(BodyMeetingEntity)
            .createQueryBuilder('m')
            .setLock('pessimistic_write')
            .where('m.id = :meetingId', { meetingId })
            .getOne()
        : null;
      if (!meeting) throw notFound('Body meeting', meetingId, 'BODY_MEETING_NOT_FOUND');
      if (toIsoDate(ctx.now) < meeting.heldOn) {
        throw new DomainError(
          'NOT_YET_ALLOWED',
          'MEETING_NOT_HELD',
          `The meeting is held on ${meeting.heldOn}; its attendance is recorded from that day`,
          {
            allowedFrom: meeting.heldOn,
          },
        );
      }
      const codes = [...new Set(presentCodes.map((c) => c.trim().toUpperCase()))].sort();
      const present = await this.members.byCodes(ctx.em, codes);
      const unknown = codes.filter((code) => !present.some((m) => m.code === code));
      if (unknown.length) throw badInput('presentMembers', `No member has the code ${unknown.join(', ')}`, 'UNKNOWN_MEMBER');
      meeting.presentMembers = codes;
      meeting.attendanceRecordedAt = ctx.now;
      const saved = await ctx.em.getRepository(BodyMeetingEntity).save(meeting);
      // After the meeting's row lock, as every command takes its locks: rows, then the chain.
      await this.checkpoints.make(ctx.em, ctx.now, 'MEETING', meeting.id);
      ctx.target('BodyMeeting', meeting.id, { heldOn: meeting.heldOn, present: codes });
      return saved;
    });
  }

  /**
   * What the procedure engine needs to know of a meeting to accept a decision taken there (its
   * notice, its attendance against the members, the body's rules), read in the command's
   * transaction.
   */
  async facts(em: EntityManager, meetingId: string): Promise<{ meeting: BodyMeetingEntity; facts: BodyMeeting }> {
    const meeting = isUUID(meetingId) ? await em.getRepository(BodyMeetingEntity).findOneBy({ id: meetingId }) : null;
    if (!meeting) throw notFound('Body meeting', meetingId, 'BODY_MEETING_NOT_FOUND');
    const active = await this.members.active(em);
    const members = active.length;
    // The quorum is of the body's members: a suspended member's delegate in the room is recorded
    // as present, but does not count towards it.
    const activeCodes = new Set(active.map((m) => m.code));
    return {
      meeting,
      facts: {
        heldOn: meeting.heldOn,
        convenedOn: toIsoDate(meeting.recordedAt),
        present: meeting.presentMembers ? meeting.presentMembers.filter((code) => activeCodes.has(code)).length : null,
        members,
        noticeDays: this.config.BODY_MEETING_NOTICE_DAYS,
        quorumPercent: this.config.BODY_QUORUM_PERCENT,
      },
    };
  }

  byId(id: string): Promise<BodyMeetingEntity | null> {
    return isUUID(id) ? this.dataSource.getRepository(BodyMeetingEntity).findOneBy({ id }) : Promise.resolve(null);
  }
}

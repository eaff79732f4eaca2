import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, DomainError, requireRole, MembersService } from '@app/core';
import { DEADLINE_RULES, latestNoticeDate, toIsoDate, type ActionName } from '@app/procedure';
import { BodyMeetingsService, ClosedDaysService, DisputeEntity, DisputesService, DocketService } from '@app/registry';
import { AdoptionMeetingEntity, AdoptionObjectionEntity, AdoptionRound } from './adoption.entity';

/** The report the body has before it: of which proceeding, the panel's or the appellate one. */
export interface BeforeBody {
  readonly proceeding: number;
  readonly round: AdoptionRound;
  /** What the body does when it adopts, or decides by consensus not to (engine actions). */
  readonly adopt: ActionName;
  readonly reject: ActionName;
}

/**
 * Adoption by negative consensus (DSU 16.4, 17.14, and 21.5 for compliance reports): at a meeting
 * of the body, convened with notice and attended by a quorum, the report is adopted unless every
 * member present objected, in writing, at least 10 days before (DSU 16.2). A decision not to
 * adopt is final: the worker never adopts such a report afterwards.
 */
@Injectable()
export class AdoptionService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly meetings: BodyMeetingsService,
    private readonly closedDays: ClosedDaysService,
    private readonly members: MembersService,
  ) {}

  /** DSU 16.2, 16.4: a member records its objection; one per member and report. */
  object(actor: Actor | null, disputeId: string): Promise<AdoptionObjectionEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'objectToAdoption' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const { proceeding, round } = beforeBody(dispute);
      const member = await this.members.existing(ctx.em, delegate.memberId as string);
      // insert, not save: a second objection of the member must hit the primary key (CONFLICT).
      const row = { disputeId, proceeding, round, memberId: member.id, objectedAt: ctx.now };
      await ctx.em.getRepository(AdoptionObjectionEntity).insert(row);
      const saved = ctx.em.create(AdoptionObjectionEntity, row);
      await this.docket.append(ctx, {
        disputeId,
        actorRole: 'MEMBER',
        kind: 'objectToAdoption',
        message: `docket.objectToAdoption.${round === 'PANEL' ? '' : 'appellate.'}${proceeding === 0 ? 'panel' : 'compliance'}`,
        params: { actor: member.name, ...(proceeding === 0 ? {} : { proceeding }) },
      });
      ctx.target('Dispute', disputeId, { proceeding, round });
      return saved;
    });
  }

  /**
   * The secretariat records the body's decision on the report at one of its meetings: adopted,
   * or, when every member present objected in time, not adopted. The engine checks the meeting
   * (held today, convened with notice, a quorum present) and the time limits (not before day 20,
   * not after day 60: DSU 16.1, 16.4; 30 days for an appellate report, 17.14).
   */
  recordMeeting(actor: Actor | null, disputeId: string, meetingId: string): Promise<AdoptionMeetingEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'recordAdoptionMeeting' }, async (ctx) => {
      const closed = await this.closedDays.forCommand(ctx);
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const before = beforeBody(dispute);
      const { meeting } = await this.meetings.facts(ctx.em, meetingId);
      const present = [...(meeting.presentMembers ?? [])].sort();
      const presentMembers = await this.members.byCodes(ctx.em, present);
      const objections = await ctx.em
        .getRepository(AdoptionObjectionEntity)
        .findBy({ disputeId, proceeding: before.proceeding, round: before.round });
      // DSU 16.2: objections are circulated at least 10 days before the meeting; later ones are
      // not before it.
      const cutoff = latestNoticeDate(meeting.heldOn, DEADLINE_RULES.OBJECTION_NOTICE, closed);
      const inTime = objections.filter((o) => toIsoDate(o.objectedAt) <= cutoff);
      const late = objections.length - inTime.length;
      const objecting = presentMembers
        .filter((m) => inTime.some((o) => o.memberId === m.id))
        .map((m) => m.code)
        .sort();
      const notAdopted = present.length > 0 && objecting.length === present.length;
      // Who was present and who objected in time (DSU 16.2, 16.4): a sentence after the decision.
      const addendum = { present, presentCount: present.length, objecting, objectingCount: objecting.length, late, cutoffDay: cutoff };
      await this.disputes.perform(ctx, disputeId, notAdopted ? before.reject : before.adopt, {}, undefined, { meetingId, addendum });
      const saved = await ctx.em.getRepository(AdoptionMeetingEntity).save(
        ctx.em.create(AdoptionMeetingEntity, {
          disputeId,
          proceeding: before.proceeding,
          round: before.round,
          meetingId,
          heldAt: ctx.now,
          presentMembers: present,
          objectingMembers: objecting,
          outcome: notAdopted ? 'NOT_ADOPTED' : 'ADOPTED',
        }),
      );
      ctx.target('AdoptionMeeting', saved.id, { disputeId, proceeding: before.proceeding, round: before.round, outcome: saved.outcome });
      return saved;
    });
  }
}

/** Which report is before the body, from the dispute's stage; else INVALID_TRANSITION. */
export function beforeBody(dispute: DisputeEntity): BeforeBody {
  const appellateIn = Boolean(dispute.events.APPELLATE_REPORT_CIRCULATED);
  switch (dispute.stage) {
    case 'REPORT_CIRCULATED':
      return { proceeding: 0, round: 'PANEL', adopt: 'adoptReport', reject: 'decideNotToAdopt' };
    case 'COMPLIANCE_REPORT_CIRCULATED':
      return {
        proceeding: dispute.complianceRound,
        round: 'PANEL',
        adopt: 'adoptComplianceReport',
        reject: 'decideNotToAdoptComplianceReport',
      };
    case 'UNDER_APPEAL':
    case 'COMPLIANCE_UNDER_APPEAL':
      if (!appellateIn) {
        throw new DomainError(
          'INVALID_TRANSITION',
          'APPEALED',
          'The report has been appealed: the body considers it with the appellate report, which has not been circulated (DSU 16.4, 17.14)',
        );
      }
      return dispute.stage === 'UNDER_APPEAL'
        ? { proceeding: 0, round: 'APPELLATE', adopt: 'adoptAppellateReport', reject: 'decideNotToAdopt' }
        : {
            proceeding: dispute.complianceRound,
            round: 'APPELLATE',
            adopt: 'adoptComplianceAppellateReport',
            reject: 'decideNotToAdoptComplianceReport',
          };
    default:
      throw new DomainError('INVALID_TRANSITION', 'NO_REPORT_BEFORE_BODY', `No report awaits adoption; the dispute is at ${dispute.stage}`);
  }
}

import { Injectable } from '@nestjs/common';
import { Actor, CommandContext, CommandRunner, DomainError, MemberEntity, badInput, requireRole } from '@app/core';
import { DisputeEntity, DisputesService, DocketService } from '@app/registry';
import { In } from 'typeorm';
import { ReportEntity } from '../reports/report.entity';
import { AdoptionMeetingEntity, AdoptionObjectionEntity, AdoptionRound } from './adoption.entity';

/**
 * Adoption by negative consensus (DSU 16.4, 17.14): the report is adopted at a meeting of the
 * body unless every member present objects; a party's appeal puts the appellate report (and the
 * panel report as modified) before the body instead.
 */
@Injectable()
export class AdoptionService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
  ) {}

  /** DSU 16.2, 16.4: a member records its objection; one per member and report. */
  object(actor: Actor | null, disputeId: string): Promise<AdoptionObjectionEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'objectToAdoption' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const round = await this.roundBeforeBody(ctx, dispute);
      const member = await ctx.em.getRepository(MemberEntity).findOneByOrFail({ id: delegate.memberId as string });
      // insert, not save: a second objection of the member must hit the primary key (CONFLICT).
      const row = { disputeId, round, memberId: member.id, objectedAt: ctx.now };
      await ctx.em.getRepository(AdoptionObjectionEntity).insert(row);
      const saved = ctx.em.create(AdoptionObjectionEntity, row);
      await this.docket.append(ctx, {
        disputeId,
        actorRole: 'MEMBER',
        kind: 'objectToAdoption',
        text: `${member.name} objected to the adoption of the ${round === 'PANEL' ? 'panel' : 'appellate'} report.`,
      });
      ctx.target('Dispute', disputeId, { round });
      return saved;
    });
  }

  /**
   * The secretariat records a meeting of the body with the report on its agenda. Negative
   * consensus: adopted unless every member present objects (DSU 16.4, 17.14).
   */
  recordMeeting(actor: Actor | null, disputeId: string, presentCodes: string[]): Promise<AdoptionMeetingEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'recordAdoptionMeeting' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const round = await this.roundBeforeBody(ctx, dispute);
      const present = await ctx.em.getRepository(MemberEntity).findBy({ code: In(presentCodes) });
      const unknown = presentCodes.filter((code) => !present.some((m) => m.code === code));
      if (unknown.length) throw badInput('presentMembers', `No member has the code ${unknown.join(', ')}`, 'UNKNOWN_MEMBER');
      const objections = await ctx.em.getRepository(AdoptionObjectionEntity).findBy({ disputeId, round });
      const objecting = present.filter((m) => objections.some((o) => o.memberId === m.id)).map((m) => m.code).sort();
      const blocked = objecting.length === present.length;
      const what = round === 'PANEL' ? 'the panel report' : 'the appellate report and the panel report as modified by it';
      const summary = `${present.length} member(s) present (${present.map((m) => m.code).sort().join(', ')}); ${objecting.length} objected${objecting.length ? ` (${objecting.join(', ')})` : ''}.`;
      if (blocked) {
        // A consensus against adoption: the only way the body rejects a report (DSU 16.4, 17.14).
        await this.docket.append(ctx, {
          disputeId,
          actorRole: 'BODY',
          kind: 'adoptionBlocked',
          text: `The body met with ${what} on its agenda and decided by consensus not to adopt it: ${summary}`,
        });
      } else {
        await this.disputes.perform(ctx, disputeId, round === 'PANEL' ? 'adoptReport' : 'adoptAppellateReport', {}, `Meeting of the body: ${summary}`);
      }
      const meeting = await ctx.em.getRepository(AdoptionMeetingEntity).save(
        ctx.em.create(AdoptionMeetingEntity, {
          disputeId,
          round,
          heldAt: ctx.now,
          presentMembers: present.map((m) => m.code).sort(),
          objectingMembers: objecting,
          outcome: blocked ? 'BLOCKED' : 'ADOPTED',
        }),
      );
      ctx.target('AdoptionMeeting', meeting.id, { disputeId, round, outcome: meeting.outcome });
      return meeting;
    });
  }

  /** Which report is before the body: the panel report, or after an appeal the appellate report. */
  private async roundBeforeBody(ctx: CommandContext, dispute: DisputeEntity): Promise<AdoptionRound> {
    if (dispute.stage === 'REPORT_CIRCULATED') return 'PANEL';
    if (dispute.stage === 'UNDER_APPEAL') {
      const appellate = await ctx.em.getRepository(ReportEntity).existsBy({ disputeId: dispute.id, version: 'APPELLATE_REPORT' });
      if (!appellate) {
        throw new DomainError('INVALID_TRANSITION', 'APPEALED', 'The report has been appealed: the body considers it with the appellate report, which has not been circulated (DSU 16.4, 17.14)');
      }
      return 'APPELLATE';
    }
    throw new DomainError('INVALID_TRANSITION', 'NO_REPORT_BEFORE_BODY', `No report awaits adoption; the dispute is at ${dispute.stage}`);
  }
}

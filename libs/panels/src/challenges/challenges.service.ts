import { Injectable } from '@nestjs/common';
import {
  Actor,
  CommandContext,
  CommandRunner,
  DomainError,
  MemberEntity,
  badInput,
  conflict,
  forbidden,
  notFound,
  requireRole,
  MembersService,
} from '@app/core';
import { DEADLINE_RULES, hasRunOut, latestRow } from '@app/procedure';
import { DisputesService, DocketService } from '@app/registry';
import { isUUID } from 'class-validator';
import { ElectionClosingService } from '../elections/election-closing.service';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { ChallengeEntity } from './challenge.entity';
import { ChallengeCandidateArgs, DecideChallengeArgs } from './dto/challenge.input';

/**
 * Challenges for cause. DSU 8.6: parties "shall not oppose nominations except for compelling
 * reasons"; the secretariat decides, with reasons, and an upheld challenge excludes the candidate
 * from this dispute's panel.
 */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly panel: ElectionClosingService,
    private readonly members: MembersService,
  ) {}

  challenge(actor: Actor | null, input: ChallengeCandidateArgs): Promise<ChallengeEntity> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'challengeCandidate' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, input.disputeId, true);
      const member = await this.partyMember(ctx, dispute.id, delegate);
      // The period is a limit of the engine (CANDIDATE_CHALLENGES, opened at establishment): on
      // the docket, in the deadlines list, stopped by a suspension like any other.
      const snapshot = await this.disputes.procedureOf(ctx.em, dispute.id);
      const window = latestRow(snapshot, 'CANDIDATE_CHALLENGES');
      if (!window) {
        throw new DomainError('INVALID_TRANSITION', 'PANEL_NOT_ESTABLISHED', 'Candidates can be challenged once the panel is established');
      }
      if (window.status !== 'OPEN' || hasRunOut(window, ctx.now)) {
        const { length, article } = DEADLINE_RULES.CANDIDATE_CHALLENGES;
        throw new DomainError(
          'DEADLINE_PASSED',
          'CHALLENGE_WINDOW_CLOSED',
          `Challenges had to be filed within ${length.value} days of the panel's establishment, by ${window.dueDate} (CANDIDATE_CHALLENGES, ${article})`,
          { dueDate: window.dueDate },
        );
      }
      const person = isUUID(input.personId) ? await ctx.em.getRepository(RosterPersonEntity).findOneBy({ id: input.personId }) : null;
      if (!person || person.status !== 'APPROVED') {
        throw badInput('personId', 'Only a person on the approved roster is a candidate to challenge', 'NOT_A_CANDIDATE');
      }
      const repo = ctx.em.getRepository(ChallengeEntity);
      if (await repo.existsBy({ disputeId: dispute.id, personId: person.id, byMemberId: member.id, status: 'PENDING' })) {
        throw conflict('Your member already has a pending challenge against this candidate in this dispute', 'DUPLICATE', {
          field: 'personId',
        });
      }
      const saved = await repo.save(
        ctx.em.create(ChallengeEntity, {
          disputeId: dispute.id,
          personId: person.id,
          byMemberId: member.id,
          grounds: input.grounds,
          status: 'PENDING',
          filedAt: ctx.now,
          decidedAt: null,
          reasons: null,
        }),
      );
      // The grounds may be personal: the public docket records the challenge, not its grounds.
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: member.kind,
        kind: 'challengeCandidate',
        message: 'docket.challengeCandidate',
        params: { actor: member.name },
      });
      ctx.target('Challenge', saved.id, { disputeId: dispute.id, personId: person.id, by: member.code });
      return saved;
    });
  }

  decide(actor: Actor | null, args: DecideChallengeArgs): Promise<ChallengeEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'decideChallenge' }, async (ctx) => {
      const repo = ctx.em.getRepository(ChallengeEntity);
      const found = isUUID(args.id) ? await repo.findOneBy({ id: args.id }) : null;
      if (!found) throw notFound('Challenge', args.id, 'CHALLENGE_NOT_FOUND');
      await this.disputes.lockForUpdate(ctx, found.disputeId, true);
      const challenge = await repo.findOneOrFail({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (challenge.status !== 'PENDING') {
        throw new DomainError('INVALID_TRANSITION', 'CHALLENGE_ALREADY_DECIDED', `The challenge was already decided: ${challenge.status}`, {
          status: challenge.status,
        });
      }
      challenge.status = args.upheld ? 'UPHELD' : 'DISMISSED';
      challenge.decidedAt = ctx.now;
      challenge.reasons = args.reasons;
      const saved = await repo.save(challenge);
      const by = await this.members.existing(ctx.em, challenge.byMemberId);
      await this.docket.append(ctx, {
        disputeId: challenge.disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'decideChallenge',
        // The secretariat's reasons in its own words: not translated.
        message: args.upheld ? 'docket.decideChallenge.upheld' : 'docket.decideChallenge.dismissed',
        params: { member: by.name, reasons: args.reasons },
      });
      // The upheld challenge excludes the person from this panel: if already seated (the election
      // closed before the decision), the seat falls vacant now, not at a later separate step.
      const vacated = args.upheld
        ? await this.panel.vacateSeat(ctx, challenge.disputeId, challenge.personId, `the challenge by ${by.name} was upheld (DSU 8.6)`, {
            message: 'docket.vacatePanelSeat.challenge',
            params: { member: by.name },
          })
        : null;
      ctx.target('Challenge', saved.id, {
        disputeId: saved.disputeId,
        status: saved.status,
        ...(vacated ? { vacatedSeat: vacated.id } : {}),
      });
      return saved;
    });
  }

  /** The actor's member, when it is the complainant or a respondent of the dispute. */
  private async partyMember(
    ctx: CommandContext,
    disputeId: string,
    delegate: Actor,
  ): Promise<MemberEntity & { kind: 'COMPLAINANT' | 'RESPONDENT' }> {
    const place = (await this.disputes.partiesOf(ctx.em, disputeId)).find((p) => p.memberId === delegate.memberId) ?? null;
    if (!place || place.kind === 'THIRD_PARTY') {
      throw forbidden('Only the complainant and the respondents may challenge a candidate', 'NOT_A_PARTY');
    }
    const member = await this.members.existing(ctx.em, place.memberId);
    return Object.assign(member, { kind: place.kind });
  }
}

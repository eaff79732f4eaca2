import { CommandContext, DomainError, badInput, conflict, MembersService } from '@app/core';
import type { AllowedActions } from '@app/procedure';
import { DisputePartyEntity } from './dispute-party.entity';
import type { DocketMessage } from '../docket/docket-text';

/**
 * The steps by which a member becomes a third party, and the respondent's answer to a request to
 * join the consultations. The engine checks stage, actor and time; this records in which capacity
 * the member takes part, since the two capacities are distinct: joining the consultations (DSU
 * 4.11) does not make a member a third party in the panel proceedings (DSU 10.2), nor the reverse.
 */
export const THIRD_PARTY_STEPS = ['joinAsThirdParty', 'joinPanelAsThirdParty', 'acceptJoinRequest', 'rejectJoinRequest'] as const;
type ThirdPartyStep = (typeof THIRD_PARTY_STEPS)[number];

export const isThirdPartyStep = (action: string): action is ThirdPartyStep => (THIRD_PARTY_STEPS as readonly string[]).includes(action);

/**
 * A second join in a capacity the member already holds (or asked for) is a CONFLICT, whatever
 * the stage: the answer that helps is that the member is already there. Checked before the engine,
 * which would otherwise refuse an accepted third party as FORBIDDEN (it acts as THIRD_PARTY then).
 */
export function refuseSecondJoin(action: string, place: DisputePartyEntity | undefined, memberName: string): void {
  if (!place || place.kind !== 'THIRD_PARTY') return;
  if (action === 'joinAsThirdParty' && place.consultationsStatus) {
    const why = {
      REQUESTED: `${memberName} has already asked to join the consultations; the respondent has yet to answer (DSU 4.11)`,
      ACCEPTED: `${memberName} is already a third party in the consultations (DSU 4.11)`,
      REJECTED:
        `The respondent rejected ${memberName}'s request to join the consultations; ` +
        'it may request consultations of its own (DSU 4.11)',
    }[place.consultationsStatus];
    throw conflict(why, 'ALREADY_THIRD_PARTY', { consultationsStatus: place.consultationsStatus });
  }
  if (action === 'joinPanelAsThirdParty' && place.panelJoinedAt) {
    throw conflict(
      `${memberName} is already a third party in the panel proceedings, since ${place.panelJoinedAt.toISOString().slice(0, 10)} (DSU 10.2)`,
      'ALREADY_THIRD_PARTY',
      { panelJoinedAt: place.panelJoinedAt.toISOString() },
    );
  }
}

/**
 * Records what an approved third-party step changes and returns the docket message naming the
 * members. `memberCode` names the member whose request the respondent answers.
 */
export async function recordThirdPartyStep(
  ctx: CommandContext,
  disputeId: string,
  action: ThirdPartyStep,
  parties: readonly DisputePartyEntity[],
  memberCode: string | undefined,
  members: MembersService,
): Promise<{ docket: DocketMessage; target: Record<string, unknown> }> {
  const actorMemberId = ctx.actor?.memberId;
  if (!actorMemberId) throw new Error(`${action} is taken by a member's delegate`);
  const repo = ctx.em.getRepository(DisputePartyEntity);
  const actorMember = await members.existing(ctx.em, actorMemberId);
  const place = parties.find((p) => p.memberId === actorMemberId);

  switch (action) {
    case 'joinAsThirdParty':
      // DSU 4.11: a request; the member joins once the respondent accepts it.
      if (place) await repo.update({ disputeId, memberId: actorMemberId }, { consultationsStatus: 'REQUESTED' });
      else
        await repo.insert({
          disputeId,
          memberId: actorMemberId,
          kind: 'THIRD_PARTY',
          joinedAt: ctx.now,
          consultationsStatus: 'REQUESTED',
          panelJoinedAt: null,
        });
      return { docket: { message: 'docket.joinConsultations', params: { actor: actorMember.name } }, target: { member: actorMember.code } };

    case 'joinPanelAsThirdParty':
      // DSU 10.2: notifying its substantial interest makes the member a third party at once.
      if (place) await repo.update({ disputeId, memberId: actorMemberId }, { panelJoinedAt: ctx.now });
      else
        await repo.insert({
          disputeId,
          memberId: actorMemberId,
          kind: 'THIRD_PARTY',
          joinedAt: ctx.now,
          consultationsStatus: null,
          panelJoinedAt: ctx.now,
        });
      return {
        docket: { message: 'docket.joinPanelProceedings', params: { actor: actorMember.name } },
        target: { member: actorMember.code },
      };

    case 'acceptJoinRequest':
    case 'rejectJoinRequest': {
      if (!memberCode) {
        throw badInput('input.memberCode', `Name the member whose request to join the consultations is answered`, 'MEMBER_CODE_REQUIRED');
      }
      const [member] = await members.byCodes(ctx.em, [memberCode]);
      if (!member) throw badInput('input.memberCode', `No member has the code ${memberCode}`, 'UNKNOWN_MEMBER');
      const request = parties.find((p) => p.memberId === member.id && p.kind === 'THIRD_PARTY');
      if (request?.consultationsStatus !== 'REQUESTED') {
        throw new DomainError(
          'INVALID_TRANSITION',
          'NO_JOIN_REQUEST',
          request?.consultationsStatus
            ? `${member.name}'s request to join the consultations was already answered: ${request.consultationsStatus}`
            : `${member.name} has not asked to join the consultations (DSU 4.11)`,
          { memberCode, ...(request?.consultationsStatus ? { consultationsStatus: request.consultationsStatus } : {}) },
        );
      }
      const accepted = action === 'acceptJoinRequest';
      await repo.update({ disputeId, memberId: member.id }, { consultationsStatus: accepted ? 'ACCEPTED' : 'REJECTED' });
      return {
        docket: {
          message: accepted ? 'docket.joinRequestAccepted' : 'docket.joinRequestRejected',
          params: { actor: actorMember.name, member: member.name },
        },
        target: { member: member.code },
      };
    }
  }
}

/**
 * Leaves out of `allowedActions` the third-party steps that would only be refused for reasons the
 * engine does not see: joining again in a capacity the member holds, answering when no request
 * is pending.
 */
export function refineAllowedActions(
  allowed: AllowedActions,
  parties: readonly Pick<DisputePartyEntity, 'memberId' | 'kind' | 'consultationsStatus' | 'panelJoinedAt'>[],
  memberId: string | null,
): AllowedActions {
  const place = memberId ? parties.find((p) => p.memberId === memberId) : undefined;
  const pending = parties.some((p) => p.kind === 'THIRD_PARTY' && p.consultationsStatus === 'REQUESTED');
  const keep = (action: string) => {
    if (action === 'joinAsThirdParty') return !place?.consultationsStatus;
    if (action === 'joinPanelAsThirdParty') return !place?.panelJoinedAt;
    if (action === 'acceptJoinRequest' || action === 'rejectJoinRequest') return pending;
    return true;
  };
  return { now: allowed.now.filter(keep), later: allowed.later.filter((l) => keep(l.action)) };
}

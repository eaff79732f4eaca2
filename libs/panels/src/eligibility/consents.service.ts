import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, MemberEntity, badInput, conflict, forbidden, requireRole, MembersService } from '@app/core';
import { DisputesService, DocketService, isPanelThirdParty } from '@app/registry';
import { isUUID } from 'class-validator';
import { RosterPersonEntity } from '../roster/roster-person.entity';
import { NationalityConsentEntity } from './nationality-consent.entity';

export interface WaiverState {
  person: RosterPersonEntity;
  consented: MemberEntity[];
  pending: MemberEntity[];
}

/**
 * DSU 8.3: nationals of the parties or third parties do not serve "unless the parties to the
 * dispute agree otherwise". Each party (complainant, each respondent) records its agreement; the
 * waiver holds once all of them have.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly disputes: DisputesService,
    private readonly docket: DocketService,
    private readonly members: MembersService,
  ) {}

  consent(actor: Actor | null, disputeId: string, personId: string): Promise<WaiverState> {
    const delegate = requireRole(actor, 'MEMBER_DELEGATE');
    return this.commands.run({ actor, operation: 'consentToNational' }, async (ctx) => {
      const dispute = await this.disputes.lockForUpdate(ctx, disputeId, true);
      const places = await this.disputes.partiesOf(ctx.em, dispute.id);
      const place = places.find((p) => p.memberId === delegate.memberId);
      if (!place || place.kind === 'THIRD_PARTY') {
        throw forbidden('Only the complainant and the respondents agree to a national serving (DSU 8.3)', 'NOT_A_PARTY');
      }
      const person = isUUID(personId) ? await ctx.em.getRepository(RosterPersonEntity).findOneBy({ id: personId }) : null;
      if (!person || person.status !== 'APPROVED') {
        throw badInput('personId', 'Only a person on the approved roster is a candidate', 'NOT_A_CANDIDATE');
      }
      // DSU 8.3 concerns nationals of the parties and of third parties in the panel proceedings (10.2).
      const concerned = places.filter((p) => p.kind !== 'THIRD_PARTY' || isPanelThirdParty(p));
      const members = await this.members.byIds(
        ctx.em,
        concerned.map((p) => p.memberId),
      );
      const nationalOf = members.find((m) => m.code === person.nationality);
      if (!nationalOf) {
        throw badInput(
          'personId',
          `The person is a national of ${person.nationality}, not of a party or third party: no consent is needed`,
          'NOT_A_NATIONAL',
        );
      }
      const repo = ctx.em.getRepository(NationalityConsentEntity);
      if (await repo.existsBy({ disputeId: dispute.id, personId: person.id, memberId: place.memberId })) {
        throw conflict('Your member has already consented to this person in this dispute', 'DUPLICATE', { field: 'personId' });
      }
      await repo.insert({ disputeId: dispute.id, personId: person.id, memberId: place.memberId, consentedAt: ctx.now });

      const consentedIds = new Set((await repo.findBy({ disputeId: dispute.id, personId: person.id })).map((c) => c.memberId));
      const parties = places.filter((p) => p.kind !== 'THIRD_PARTY').map((p) => members.find((m) => m.id === p.memberId) as MemberEntity);
      const state: WaiverState = {
        person,
        consented: parties.filter((m) => consentedIds.has(m.id)),
        pending: parties.filter((m) => !consentedIds.has(m.id)),
      };
      const me = members.find((m) => m.id === place.memberId) as MemberEntity;
      await this.docket.append(ctx, {
        disputeId: dispute.id,
        actorRole: place.kind,
        kind: 'consentToNational',
        message: 'docket.consentToNational',
        params: { actor: me.name, nationality: nationalOf.code, allAgreed: state.pending.length === 0 },
      });
      ctx.target('Dispute', dispute.id, {
        consentToNational: person.id,
        by: me.code,
        waived: state.pending.length === 0,
      });
      return state;
    });
  }
}

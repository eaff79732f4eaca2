import type { Actor } from '@app/core';
import type { ActorRole } from '@app/procedure';
import { isThirdParty, type DisputePartyEntity } from './dispute-party.entity';

/**
 * The capacities in which a user acts in one dispute, as the procedure engine sees them. The
 * worker (no user) acts as SYSTEM; the secretariat records the body's decisions, so it holds
 * BODY as well. A member is a THIRD_PARTY once it takes part in the consultations (its request
 * accepted, DSU 4.11) or the panel proceedings (DSU 10.2); while its request waits for the
 * respondent, or after a refusal, it is a MEMBER like any other.
 */
export function rolesInDispute(
  actor: Actor | null,
  parties: readonly Pick<DisputePartyEntity, 'memberId' | 'kind' | 'consultationsStatus' | 'panelJoinedAt'>[],
  panelSeat: { chair: boolean } | null = null,
): ActorRole[] {
  if (!actor) return ['SYSTEM'];
  switch (actor.role) {
    case 'SECRETARIAT':
      return ['SECRETARIAT', 'BODY'];
    case 'PANELIST':
      if (!panelSeat) return [];
      return panelSeat.chair ? ['PANEL', 'PANEL_CHAIR'] : ['PANEL'];
    case 'MEMBER_DELEGATE': {
      const place = parties.find((p) => p.memberId === actor.memberId);
      if (place?.kind === 'COMPLAINANT' || place?.kind === 'RESPONDENT') return [place.kind];
      return [isThirdParty(place) ? 'THIRD_PARTY' : 'MEMBER'];
    }
  }
}

/** The capacity written on the docket: the first role, or the user's role when they have none here. */
export function docketRole(actor: Actor | null, roles: readonly ActorRole[]): string {
  return roles[0] ?? actor?.role ?? 'SYSTEM';
}

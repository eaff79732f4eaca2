import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '@app/core';
import type { DisputeEntity } from './dispute.entity';

export const PARTY_KINDS = ['COMPLAINANT', 'RESPONDENT', 'THIRD_PARTY'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * A member's request to join the consultations (DSU 4.11): it joins only once the respondent
 * accepts that its claim of substantial interest is well-founded.
 */
export const CONSULTATIONS_STATUSES = ['REQUESTED', 'ACCEPTED', 'REJECTED'] as const;
export type ConsultationsStatus = (typeof CONSULTATIONS_STATUSES)[number];

/**
 * A member's place in a dispute: complainant, respondent or third party (one place each).
 *
 * A THIRD_PARTY row holds two capacities the DSU keeps apart: in the consultations (DSU 4.11,
 * `consultationsStatus`) and in the panel proceedings (DSU 10.2, `panelJoinedAt`). Joining one
 * does not make a member a third party in the other; a row may hold either or both.
 */
@Entity('dispute_parties')
@Index('ix_dispute_parties_member', ['memberId', 'kind'])
@Check('ck_dispute_parties_consultations_status', `"consultations_status" IN ('REQUESTED', 'ACCEPTED', 'REJECTED')`)
@Check('ck_dispute_parties_capacity', `("kind" = 'THIRD_PARTY') = ("consultations_status" IS NOT NULL OR "panel_joined_at" IS NOT NULL)`)
export class DisputePartyEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id' })
  disputeId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  kind: PartyKind;

  /** When the row was made: the filing for the parties, the first request or notification for a third party. */
  @Column('timestamptz', { name: 'joined_at' })
  joinedAt: Date;

  /** DSU 4.11: the member's request to join the consultations and the respondent's answer; null if it never asked. */
  @Column('text', { name: 'consultations_status', nullable: true })
  consultationsStatus: ConsultationsStatus | null;

  /** DSU 10.2: when the member notified its interest and became a third party in the panel proceedings. */
  @Column('timestamptz', { name: 'panel_joined_at', nullable: true })
  panelJoinedAt: Date | null;

  @ManyToOne('DisputeEntity', 'parties', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_dispute_parties_dispute' })
  dispute?: DisputeEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_dispute_parties_member' })
  member?: MemberEntity;
}

type Place = Pick<DisputePartyEntity, 'kind' | 'consultationsStatus' | 'panelJoinedAt'>;

/** A third party in the panel proceedings (DSU 10.2), with the rights of DSU 10.3. */
export function isPanelThirdParty(place: Place | null | undefined): boolean {
  return place?.kind === 'THIRD_PARTY' && place.panelJoinedAt != null;
}

/** A third party in the consultations: its request was accepted by the respondent (DSU 4.11). */
export function isConsultationsThirdParty(place: Place | null | undefined): boolean {
  return place?.kind === 'THIRD_PARTY' && place.consultationsStatus === 'ACCEPTED';
}

/** A third party in either capacity; a member whose request is pending or was refused is not one. */
export function isThirdParty(place: Place | null | undefined): boolean {
  return isPanelThirdParty(place) || isConsultationsThirdParty(place);
}

/** SQL for the same: whether the `dispute_parties` row aliased `alias` is a panel third party. */
export const PANEL_THIRD_PARTY_SQL = (alias: string) => `(${alias}.kind = 'THIRD_PARTY' AND ${alias}.panel_joined_at IS NOT NULL)`;

/** SQL: a third party in either capacity. */
export const THIRD_PARTY_SQL = (alias: string) =>
  `(${alias}.kind = 'THIRD_PARTY' AND (${alias}.panel_joined_at IS NOT NULL OR ${alias}.consultations_status = 'ACCEPTED'))`;

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

registerUniqueConstraint('pk_nationality_consents', {
  field: 'personId',
  message: 'Your member has already consented to this person in this dispute',
});

/**
 * One party's agreement that a national of a party or third party may serve (DSU 8.3). The
 * waiver holds once every party (complainant and each respondent) has agreed.
 */
@Entity('nationality_consents')
export class NationalityConsentEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id', primaryKeyConstraintName: 'pk_nationality_consents' })
  disputeId: string;

  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'pk_nationality_consents' })
  personId: string;

  @PrimaryColumn('uuid', { name: 'member_id', primaryKeyConstraintName: 'pk_nationality_consents' })
  memberId: string;

  @Column('timestamptz', { name: 'consented_at' })
  consentedAt: Date;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_nationality_consents_dispute' })
  dispute?: unknown;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_nationality_consents_person' })
  person?: unknown;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_nationality_consents_member' })
  member?: unknown;
}

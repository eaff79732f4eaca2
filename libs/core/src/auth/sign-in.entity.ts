import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

export const SIGN_IN_SCOPES = ['FULL', 'MFA_ENROLMENT'] as const;
/** What a sign-in may do: everything its role allows, or only enrol the second factor its role requires. */
export type SignInScope = (typeof SIGN_IN_SCOPES)[number];
export type SecondFactorKind = 'TOTP' | 'RECOVERY_CODE';

/**
 * One sign-in (a session): made by `login`, named by the `sid` claim of every access token issued
 * for it and by the family of its refresh tokens. Revoking it (logout, a reused refresh token,
 * deactivation) stops its access tokens at once: each request reads this row with its user.
 */
@Entity('sign_ins')
@Check('ck_sign_ins_scope', `"scope" IN ('FULL', 'MFA_ENROLMENT')`)
@Check('ck_sign_ins_second_factor', `"second_factor" IN ('TOTP', 'RECOVERY_CODE')`)
export class SignInEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_sign_ins_user')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sign_ins_user' })
  user?: UserEntity;

  /**
   * MFA_ENROLMENT: the user's role requires a second factor (MFA_REQUIRED_ROLES) and they had none;
   * the sign-in may only enrol one, and becomes FULL when `confirmTotp` proves it.
   */
  @Column('text', { default: 'FULL' })
  scope: SignInScope;

  /** The second factor the sign-in was made with, if any. */
  @Column('text', { name: 'second_factor', nullable: true })
  secondFactor: SecondFactorKind | null;

  /** The client's address at sign-in (README, Sign-in: it spares the owner the account's ceiling). */
  @Column('text', { nullable: true })
  address: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

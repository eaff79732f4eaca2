import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One sign-in (a session): made by `login`, named by the `sid` claim of every access token issued
 * for it and by the family of its refresh tokens. Revoking it (logout, a reused refresh token,
 * deactivation) stops its access tokens at once: each request reads this row with its user.
 */
@Entity('sign_ins')
export class SignInEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_sign_ins_user')
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sign_ins_user' })
  user?: UserEntity;

  /** The client's address at sign-in (README, Sign-in: it spares the owner the account's ceiling). */
  @Column('text', { nullable: true })
  address: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

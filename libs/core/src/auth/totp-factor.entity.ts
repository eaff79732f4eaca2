import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * A user's TOTP factor: pending from `enrollTotp` until `confirmTotp` proves the app holds it. The
 * secret is kept only sealed (AES-256-GCM under MFA_ENCRYPTION_KEY, bound to the user), never in
 * clear.
 */
@Entity('totp_factors')
export class TotpFactorEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_totp_factors_user' })
  user?: UserEntity;

  @Column('text', { name: 'secret_sealed' })
  secretSealed: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  /** The last time step whose code was accepted: no code of it or before is accepted again. */
  @Column('integer', { name: 'last_used_step', nullable: true })
  lastUsedStep: number | null;
}

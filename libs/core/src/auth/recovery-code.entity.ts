import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TotpFactorEntity } from './totp-factor.entity';

/** A single-use recovery code of a TOTP factor, kept only as its SHA-256; gone with its factor. */
@Entity('totp_recovery_codes')
export class RecoveryCodeEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('char', { name: 'code_hash', length: 64 })
  codeHash: string;

  @ManyToOne(() => TotpFactorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', referencedColumnName: 'userId', foreignKeyConstraintName: 'fk_totp_recovery_codes_factor' })
  factor?: TotpFactorEntity;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}

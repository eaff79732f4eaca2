import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CHECKPOINT_REASONS = ['DAILY', 'MEETING'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/**
 * A signed statement of the audit chain's head at a moment: "the record at `seq` has `hash`".
 * Made by the worker at least daily and at every meeting of the body, published
 * (`auditCheckpoints`, and the meeting's own `auditCheckpoint` in `bodyMeetings`), and checked by
 * `verifyAuditChain` and `npm run verify-audit`. Append-only, like the records.
 */
@Entity('audit_checkpoints')
@Check('ck_audit_checkpoints_reason', `"reason" IN ('DAILY', 'MEETING')`)
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_checkpoints' })
  id: string;

  @Column('bigint')
  seq: string;

  @Column('char', { length: 64 })
  hash: string;

  @Index('ix_audit_checkpoints_made_at')
  @Column('timestamptz', { name: 'made_at' })
  madeAt: Date;

  @Column('text')
  reason: CheckpointReason;

  @Column('uuid', { name: 'meeting_id', nullable: true })
  meetingId: string | null;

  /** The signing key's id (the first 16 hex digits of the SHA-256 of its public key). */
  @Column('text', { name: 'key_id' })
  keyId: string;

  /** Ed25519 signature (base64) of the checkpoint's statement (audit-keys.ts). */
  @Column('text')
  signature: string;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One mutation, chained to the one before it by hash. Rows are only ever inserted; a changed or
 * removed row breaks the chain at that point, which `verifyAuditChain` reports.
 */
@Entity('audit_log')
export class AuditRecordEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Index('uq_audit_log_id', { unique: true })
  @Column('uuid')
  id: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Index('ix_audit_log_actor')
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column('text')
  operation: string;

  @Column('text', { name: 'target_type', nullable: true })
  targetType: string | null;

  @Index('ix_audit_log_target')
  @Column('text', { name: 'target_id', nullable: true })
  targetId: string | null;

  @Column('jsonb')
  details: Record<string, unknown>;

  @Column('char', { name: 'prev_hash', length: 64 })
  prevHash: string;

  @Column('char', { length: 64 })
  hash: string;

  /**
   * The application's Ed25519 signature of `hash` (base64): someone who can write to the table
   * but does not hold the key cannot make a record that passes. Null on the records written
   * before the trail was signed.
   */
  @Column('text', { nullable: true })
  signature: string | null;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** The events an endpoint may subscribe to (the wire name of each, as in the payload's `type`). */
export const WEBHOOK_EVENT_TYPES = ['docket.entry'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An integrator's address (a member's own case system, or the secretariat's) to which the worker
 * POSTs the events of the disputes its owner is entitled to, signed the Standard Webhooks way.
 */
@Entity('webhook_endpoints')
@Index('ix_webhook_endpoints_owner', ['ownerMemberId', 'createdAt'])
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The member whose delegates registered it; null for the secretariat's. */
  @Column('uuid', { name: 'owner_member_id', nullable: true })
  ownerMemberId: string | null;

  @Column('text')
  url: string;

  @Column('text')
  description: string;

  /**
   * The signing secret (`whsec_…`) sealed with AES-256-GCM under MFA_ENCRYPTION_KEY, bound to the
   * endpoint's id (libs/core/src/auth/secret-box.ts): a copy of the database does not let anyone
   * sign events an integrator would believe (README, "Webhooks").
   */
  @Column('text', { name: 'secret_sealed' })
  secretSealed: string;

  @Column('text', { name: 'event_types', array: true })
  eventTypes: WebhookEventType[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'secret_rotated_at', nullable: true })
  secretRotatedAt: Date | null;

  /** Disabled endpoints receive nothing more; their deliveries stay listed. */
  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_member_id', foreignKeyConstraintName: 'fk_webhook_endpoints_member' })
  owner?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_webhook_endpoints_created_by' })
  creator?: unknown;
}

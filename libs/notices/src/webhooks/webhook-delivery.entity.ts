import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { WebhookEventType } from './webhook-endpoint.entity';

/**
 * One event for one endpoint: written in the transaction of the step it reports (the outbox), sent
 * by the worker until the endpoint answers 2xx or the retries run out. Its id is the `webhook-id`
 * header, the same on every attempt and replay, so that the receiver can drop duplicates.
 */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_pending', ['nextAttemptAt'], { where: `"delivered_at" IS NULL AND "failed_at" IS NULL` })
@Index('ix_webhook_deliveries_endpoint', ['endpointId', 'createdAt'])
export class WebhookDeliveryEntity {
  /** `msg_` and a UUID's hex digits. */
  @PrimaryColumn('text')
  id: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Column('text', { name: 'event_type' })
  eventType: WebhookEventType;

  /** The body sent: `{ type, timestamp, data }`. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** When the worker may try next; while an attempt runs, pushed ahead as its lease. */
  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  /** Attempts since it was queued or last replayed (every one is in `webhook_attempts`). */
  @Column('integer', { default: 0 })
  attempts: number;

  @Column('integer', { name: 'last_status', nullable: true })
  lastStatus: number | null;

  /** The first 2 KB of the last answer's body. */
  @Column('text', { name: 'last_response', nullable: true })
  lastResponse: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  /** Given up on after the last retry (or the endpoint was disabled); a replay queues it again. */
  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;

  @ManyToOne('WebhookEndpointEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint' })
  endpoint?: unknown;
}

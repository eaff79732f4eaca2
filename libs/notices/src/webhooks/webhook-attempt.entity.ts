import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP attempt of a delivery, kept so that an integrator sees every answer it gave, not only the last. */
@Entity('webhook_attempts')
@Index('ix_webhook_attempts_delivery', ['deliveryId', 'attemptedAt'])
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'delivery_id' })
  deliveryId: string;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;

  /** The HTTP status; null when no answer came (refused, timed out, a private address). */
  @Column('integer', { nullable: true })
  status: number | null;

  /** The first 2 KB of the answer's body. */
  @Column('text', { nullable: true })
  response: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('integer', { name: 'duration_ms' })
  durationMs: number;

  @ManyToOne('WebhookDeliveryEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_webhook_attempts_delivery' })
  delivery?: unknown;
}

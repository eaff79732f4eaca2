import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What a notice is about, for the recipient's preferences (e-mail per category, or a daily digest)
 * and for the templates. SERVICE notices (a filing, a step of the procedure, a limit set on the
 * recipient) are mandatory: the rules count periods from them, so they cannot be turned off.
 */
export const NOTICE_CATEGORIES = ['FILING', 'PROCEDURE', 'DEADLINE', 'ELECTION', 'HEARING', 'REPORT', 'MEETING', 'REMINDER'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

/**
 * One notice to one user: written in the transaction of the step it announces (the outbox), sent by
 * the worker at least once (the notice id is the mail's idempotency key), and kept as the proof of
 * service (when it was sent, when the mail server accepted it, whether it bounced, when the
 * recipient acknowledged it).
 */
@Entity('notices')
@Index('ix_notices_pending', ['nextAttemptAt'], { where: `"sent_at" IS NULL AND "failed_at" IS NULL` })
@Index('ix_notices_recipient', ['recipientUserId', 'createdAt'])
@Index('ix_notices_docket_entry', ['docketEntryId'], { where: `"docket_entry_id" IS NOT NULL` })
@Index('uq_notices_dedupe', ['dedupeKey'], { unique: true, where: `"dedupe_key" IS NOT NULL` })
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'recipient_user_id' })
  recipientUserId: string;

  /**
   * The member the recipient was served for (a delegate's member), null for the panel and the
   * secretariat: service is on a member (DSU 4.4, 10.2), so the proof of service is read by member.
   */
  @Column('uuid', { name: 'member_id', nullable: true })
  memberId: string | null;

  /** The dispute it concerns, if any (an election or a meeting of the body may concern none). */
  @Column('uuid', { name: 'dispute_id', nullable: true })
  disputeId: string | null;

  /** The docket entry it serves, if it serves one: the entry's proof of service is read from here. */
  @Column('uuid', { name: 'docket_entry_id', nullable: true })
  docketEntryId: string | null;

  @Column('text')
  category: NoticeCategory;

  /** What happened, for the template: the docket entry's kind, `hearingScheduled`, `deadlineReminder`, … */
  @Column('text')
  kind: string;

  /** Service of a step on a party: cannot be turned off by preferences, and can be acknowledged. */
  @Column('boolean')
  mandatory: boolean;

  /**
   * Whether it is mailed at all: false for a non-mandatory notice of a category the recipient turned
   * off (`emailOff`). It is still written, so that the API lists it.
   */
  @Column('boolean', { default: true })
  email: boolean;

  /** Held for the recipient's daily digest (`nextAttemptAt` is the digest's hour) rather than sent alone. */
  @Column('boolean', { default: false })
  digest: boolean;

  /** The facts the templates render (docket number, entry text, the documents this recipient may see, dates). */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** When the worker may next try to send it: now, later after a failure (backoff), or the digest's hour. */
  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** When the mail server accepted it (the date of service); null while pending. */
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The Message-ID the mail went out with. */
  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  /** Given up on: a permanent refusal (bounce) or too many failures; the secretariat serves it another way. */
  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;

  @Column('text', { name: 'failure', nullable: true })
  failure: string | null;

  /** When the recipient acknowledged receipt (`acknowledgeService`). */
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  /** For notices that must exist once only (a reminder of one limit at one offset): unique when set. */
  @Column('text', { name: 'dedupe_key', nullable: true })
  dedupeKey: string | null;

  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_notices_user' })
  recipient?: unknown;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_notices_member' })
  member?: unknown;
}

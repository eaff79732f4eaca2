import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { ConnectionArgs, Page, keysetPage } from '../graphql/pagination';
import { GENESIS_HASH } from './audit-chain';
import { AuditCheckpointEntity, type CheckpointReason } from './audit-checkpoint.entity';
import { AuditKeys, checkpointSigningText } from './audit-keys';
import { AUDIT_CHAIN_LOCK, statementOf } from './audit.service';
import { advancePublicReadVersion } from '../database/public-read-version';

/** The worker makes a checkpoint when the last one is this old (or there is none). */
export const DAILY_CHECKPOINT_MS = 24 * 60 * 60 * 1000;

/**
 * Signed checkpoints of the audit chain's head. A checkpoint is no audit record (it would move
 * the head it names); it is a row of its own, signed with the key the database never sees, and
 * published: `auditCheckpoints`, the worker's log, the body's meetings (`bodyMeetings { auditCheckpoint }`).
 */
@Injectable()
export class AuditCheckpoints {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeys,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs the head of the chain inside the caller's transaction. It takes the chain's lock, so
   * the head it reads is final (no append is between its seq and its commit); a command calls it
   * after taking its other locks (the order every command takes them in: rows, then the chain).
   */
  async make(em: EntityManager, at: Date, reason: CheckpointReason, meetingId: string | null = null): Promise<AuditCheckpointEntity> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    // ORDER BY a.seq, the bigint: a bare `seq` would sort by the text alias ('9' after '10').
    const [head]: { seq: string; hash: string }[] = await em.query(
      'SELECT seq::text AS seq, hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1',
    );
    const checkpoint = em.create(AuditCheckpointEntity, {
      seq: head?.seq ?? '0',
      hash: head?.hash ?? GENESIS_HASH,
      madeAt: at,
      reason,
      meetingId,
      keyId: this.keys.keyId,
      signature: '',
    });
    checkpoint.signature = this.keys.sign(checkpointSigningText(statementOf(checkpoint)));
    return em.save(checkpoint);
  }

  /**
   * The worker's daily checkpoint: made when the last checkpoint is a day old or there is none,
   * once however many workers ask at the same moment.
   */
  makeDailyIfDue(): Promise<AuditCheckpointEntity | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const now = this.clock.now();
      const [last] = await em.getRepository(AuditCheckpointEntity).find({ order: { madeAt: 'DESC' }, take: 1 });
      if (last && now.getTime() - last.madeAt.getTime() < DAILY_CHECKPOINT_MS) return null;
      const checkpoint = await this.make(em, now, 'DAILY');
      // No command (it is not audited: it signs the audit trail's head), yet auditCheckpoints is
      // public: the public data's version moves with it (README, "Public reads from a cache").
      await advancePublicReadVersion(em);
      return checkpoint;
    });
  }

  /** Every checkpoint, newest first: public, for anyone to keep a copy of. */
  list(args: ConnectionArgs): Promise<Page<AuditCheckpointEntity>> {
    const qb = this.dataSource.getRepository(AuditCheckpointEntity).createQueryBuilder('c');
    return keysetPage(qb, args, { sortExpression: 'c.id', alias: 'c', sortValue: (c) => c.id, direction: 'DESC' }, (c) => c);
  }

  /** The checkpoint made at a meeting of the body (the latest, when its attendance was corrected). */
  latestForMeeting(meetingId: string): Promise<AuditCheckpointEntity | null> {
    return this.dataSource.getRepository(AuditCheckpointEntity).findOne({ where: { meetingId }, order: { id: 'DESC' } });
  }

  get publicKeyPem(): string {
    return this.keys.publicKeyPem;
  }

  get keyId(): string {
    return this.keys.keyId;
  }
}

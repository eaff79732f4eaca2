import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { AppConfig } from '../config/app-config';
import { auditTrailPowers } from '../database/database-roles';
import { badInput } from '../errors';
import { ConnectionArgs, Page, decodeCursor, encodeCursor } from '../graphql/pagination';
import { AuditFields, ChainReport, GENESIS_HASH, SignedRecord, hashAuditRecord, walkChain } from './audit-chain';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditKeys, checkpointSigningText, recordSigningText } from './audit-keys';
import { AuditRecordEntity } from './audit-record.entity';
import { AuditRecordView, AuditRedactors } from './audit-redactors';

// A fixed key for pg_advisory_xact_lock: every appender takes it, so the chain has exactly one
// head at any time and never forks, whatever the concurrency. The lock is released at commit.
export const AUDIT_CHAIN_LOCK = 727_001;
const VERIFY_BATCH = 2000;

export interface AuditEntry {
  actor: Actor | null;
  operation: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

export type ChainVerification = Omit<ChainReport<AuditCheckpointEntity>, 'firstInvalid'> & { firstInvalid: AuditRecordEntity | null };

@Injectable()
export class AuditService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeys,
    private readonly redactors: AuditRedactors,
    private readonly config: AppConfig,
  ) {}

  /**
   * Refuses to start in production as a database role that could rewrite the audit trail (a
   * superuser, the tables' owner, or one holding UPDATE, DELETE or TRUNCATE on them); elsewhere
   * says so once. The application role and the owner's are set up as the README says.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { role, powers } = await auditTrailPowers((sql, params) => this.dataSource.query(sql, params));
    if (powers.length === 0) return;
    const message =
      `The database role "${role}" ${powers.join('; ')}: whoever holds this connection could rewrite the audit trail unseen until the next checkpoint. ` +
      'Connect as an application role (DATABASE_URL) and migrate as the owner (DATABASE_OWNER_URL): README, "Running against your own PostgreSQL".';
    if (this.config.isProduction) throw new Error(`Refusing to start in production. ${message}`);
    this.logger.warn(message);
  }

  /**
   * Appends a record inside the caller's transaction. Call it last in a command: the chain lock
   * is held from here to the commit.
   */
  async append(em: EntityManager, entry: AuditEntry): Promise<AuditRecordEntity> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [head] = await em.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const fields: AuditFields = {
      id: randomUUID(),
      occurredAt: entry.at.toISOString(),
      actorId: entry.actor?.userId ?? null,
      actorRole: entry.actor?.role ?? null,
      operation: entry.operation,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const hash = hashAuditRecord(fields);
    const record = em.create(AuditRecordEntity, {
      ...fields,
      occurredAt: entry.at,
      details: fields.details as Record<string, unknown>,
      hash,
      signature: this.keys.sign(recordSigningText(hash)),
    });
    return em.save(record);
  }

  /**
   * The audit trail, newest first, as the reader may see it: every record, with what the modules'
   * rules withhold from this reader cut out (AuditRedactors). Pages by seq alone, so that a
   * cursor never carries a withheld record's id.
   */
  async list(actor: Actor | null, args: ConnectionArgs): Promise<Page<AuditRecordView>> {
    const reader = requireRole(actor, 'SECRETARIAT');
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('a');
    if (args.after) {
      const [seq] = decodeCursor(args.after, 1);
      if (!/^\d{1,19}$/.test(seq)) throw badInput('after', 'The cursor is not one this API issued', 'INVALID_CURSOR');
      qb.where('a.seq < :seq', { seq });
    }
    const rows = await qb
      .orderBy('a.seq', 'DESC')
      .take(args.first + 1)
      .getMany();
    const page = rows.slice(0, args.first);
    const views = await this.redactors.view(page, reader);
    const edges = views.map((node) => ({ cursor: encodeCursor([node.seq]), node }));
    return {
      edges,
      nodes: views,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    };
  }

  /** The verification, with the first bad record shown as this reader may see it. */
  async verifyFor(actor: Actor | null): Promise<ChainVerification & { firstInvalidView: AuditRecordView | null }> {
    const reader = requireRole(actor, 'SECRETARIAT');
    const result = await this.verify();
    const [firstInvalidView] = result.firstInvalid ? await this.redactors.view([result.firstInvalid], reader) : [null];
    return { ...result, firstInvalidView };
  }

  /**
   * Walks the whole chain in order: each record's hash, link and signature, and every stored
   * checkpoint (its signature, the chain's hash at its seq). Names the first record and the first
   * checkpoint that no longer match.
   */
  async verify(): Promise<ChainVerification> {
    const repo = this.dataSource.getRepository(AuditRecordEntity);
    const checkpoints = await this.dataSource.getRepository(AuditCheckpointEntity).find({ order: { seq: 'ASC', id: 'ASC' } });
    const report = await walkChain<AuditCheckpointEntity>({
      read: async (afterSeq) => {
        const batch = await repo.find({ where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: VERIFY_BATCH });
        return batch.map(toSigned);
      },
      recordSignatureValid: (hash, signature) => this.keys.verify(recordSigningText(hash), signature),
      checkpoints,
      checkpointSignatureValid: (c) => c.keyId === this.keys.keyId && this.keys.verify(checkpointSigningText(statementOf(c)), c.signature),
    });
    const firstInvalid = report.firstInvalid ? ((await repo.findOneBy({ seq: report.firstInvalid.seq })) ?? null) : null;
    return { ...report, firstInvalid };
  }
}

export function statementOf(checkpoint: AuditCheckpointEntity) {
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    madeAt: checkpoint.madeAt.toISOString(),
    reason: checkpoint.reason,
    meetingId: checkpoint.meetingId,
    keyId: checkpoint.keyId,
  };
}

function toSigned(row: AuditRecordEntity): SignedRecord {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    operation: row.operation,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
    signature: row.signature,
  };
}

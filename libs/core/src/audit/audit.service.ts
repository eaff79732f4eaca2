import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/policy';
import { ConnectionArgs, Page, keysetPage } from '../graphql/pagination';
import {
  AuditFields,
  ChainCheck,
  GENESIS_HASH,
  StoredAuditRecord,
  checkLink,
  hashAuditRecord,
} from './audit-chain';
import { AuditRecordEntity } from './audit-record.entity';

// A fixed key for pg_advisory_xact_lock: every appender takes it, so the chain has exactly one
// head at any time and never forks, whatever the concurrency. The lock is released at commit.
const AUDIT_CHAIN_LOCK = 727_001;
const VERIFY_BATCH = 2000;

export interface AuditEntry {
  actor: Actor | null;
  operation: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstInvalid: AuditRecordEntity | null;
  reason: 'HASH_MISMATCH' | 'BROKEN_LINK' | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

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
    const record = em.create(AuditRecordEntity, {
      ...fields,
      occurredAt: entry.at,
      details: fields.details as Record<string, unknown>,
      hash: hashAuditRecord(fields),
    });
    return em.save(record);
  }

  list(actor: Actor | null, args: ConnectionArgs): Promise<Page<AuditRecordEntity>> {
    requireRole(actor, 'SECRETARIAT');
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('a');
    return keysetPage(
      qb,
      args,
      { sortExpression: 'a.seq', alias: 'a', sortValue: (a) => a.seq, direction: 'DESC' },
      (a) => a,
    );
  }

  verifyFor(actor: Actor | null): Promise<ChainVerification> {
    requireRole(actor, 'SECRETARIAT');
    return this.verify();
  }

  /** Walks the whole chain in order and names the first record that no longer matches. */
  async verify(): Promise<ChainVerification> {
    const repo = this.dataSource.getRepository(AuditRecordEntity);
    let previousHash = GENESIS_HASH;
    let lastSeq = '0';
    let checked = 0;
    for (;;) {
      const batch = await repo.find({
        where: { seq: MoreThan(lastSeq) },
        order: { seq: 'ASC' },
        take: VERIFY_BATCH,
      });
      if (batch.length === 0) break;
      for (const row of batch) {
        const result: ChainCheck = checkLink(toStored(row), previousHash);
        checked += 1;
        if (!result.valid) {
          return { valid: false, checked, firstInvalid: row, reason: result.reason };
        }
        previousHash = row.hash;
        lastSeq = row.seq;
      }
    }
    return { valid: true, checked, firstInvalid: null, reason: null };
  }
}

function toStored(row: AuditRecordEntity): StoredAuditRecord {
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
  };
}

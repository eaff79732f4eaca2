import { createHash } from 'node:crypto';

/** The hash that the first record of the chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit record that its hash covers, in canonical (JSON) form. */
export interface AuditFields {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  operation: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level, so the same record always serialises to the same
 * bytes (PostgreSQL's jsonb does not keep key order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRecord(fields: AuditFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export interface StoredAuditRecord extends AuditFields {
  seq: string;
  hash: string;
}

export type ChainCheck =
  | { valid: true }
  | { valid: false; seq: string; id: string; reason: 'HASH_MISMATCH' | 'BROKEN_LINK' };

/**
 * Checks one record against the hash of the record before it: its own hash must match its
 * contents, and it must point at its predecessor.
 */
export function checkLink(record: StoredAuditRecord, previousHash: string): ChainCheck {
  const { seq: _seq, hash, ...fields } = record;
  if (hashAuditRecord(fields) !== hash) {
    return { valid: false, seq: record.seq, id: record.id, reason: 'HASH_MISMATCH' };
  }
  if (record.prevHash !== previousHash) {
    return { valid: false, seq: record.seq, id: record.id, reason: 'BROKEN_LINK' };
  }
  return { valid: true };
}

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

export type ChainCheck = { valid: true } | { valid: false; seq: string; id: string; reason: 'HASH_MISMATCH' | 'BROKEN_LINK' };

/**
 * Checks one record against the hash of the record before it: its own hash must match its
 * contents, and it must point at its predecessor.
 */
export function checkLink(record: StoredAuditRecord, previousHash: string): ChainCheck {
  const fields: AuditFields = {
    id: record.id,
    occurredAt: record.occurredAt,
    actorId: record.actorId,
    actorRole: record.actorRole,
    operation: record.operation,
    targetType: record.targetType,
    targetId: record.targetId,
    details: record.details,
    prevHash: record.prevHash,
  };
  if (hashAuditRecord(fields) !== record.hash) {
    return { valid: false, seq: record.seq, id: record.id, reason: 'HASH_MISMATCH' };
  }
  if (record.prevHash !== previousHash) {
    return { valid: false, seq: record.seq, id: record.id, reason: 'BROKEN_LINK' };
  }
  return { valid: true };
}

/** What can be wrong with a record: its contents, its link, its signature. */
export type RecordProblem = 'HASH_MISMATCH' | 'BROKEN_LINK' | 'BAD_SIGNATURE' | 'MISSING_SIGNATURE';

/**
 * What can be wrong with a checkpoint: its signature is not the key's (forged or altered), the
 * chain no longer has its hash at its seq (history rewritten), or the chain ends before its seq
 * (records deleted, the table emptied).
 */
export type CheckpointProblem = 'CHECKPOINT_BAD_SIGNATURE' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_BEYOND_HEAD';

export interface SignedRecord extends StoredAuditRecord {
  signature: string | null;
}

export interface CheckpointLike {
  seq: string;
  hash: string;
}

export interface ChainWalk<C extends CheckpointLike> {
  /** The records after `afterSeq`, in order, a batch at a time; an empty batch ends the walk. */
  read(afterSeq: string): Promise<SignedRecord[]>;
  /** Whether a record's signature is the key's; null to leave signatures unchecked. */
  recordSignatureValid: ((hash: string, signature: string) => boolean) | null;
  /** The checkpoints to hold the chain to, and how to check each one's signature. */
  checkpoints: readonly C[];
  checkpointSignatureValid(checkpoint: C): boolean;
  /** Stop after this seq (a verifier checking the chain up to one checkpoint). */
  upTo?: string;
}

export interface ChainReport<C extends CheckpointLike> {
  /** Neither a record nor a checkpoint problem. */
  valid: boolean;
  /** Records checked, up to and including the first bad one. */
  checked: number;
  firstInvalid: SignedRecord | null;
  reason: RecordProblem | null;
  checkpointsChecked: number;
  failedCheckpoint: C | null;
  checkpointProblem: CheckpointProblem | null;
  /** The last record of the chain as walked (seq 0 and the genesis hash when there is none). */
  head: { seq: string; hash: string };
}

const bySeq = (a: CheckpointLike, b: CheckpointLike) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0);

/**
 * Walks the chain from the genesis: every record's hash, link and signature, and every
 * checkpoint (its signature, and the chain's hash at its seq). Signatures are required from the
 * first signed record on, and after the earliest checkpoint (the trail was signed by then), so a
 * record appended by someone without the key is found even after the last checkpoint.
 */
export async function walkChain<C extends CheckpointLike>(walk: ChainWalk<C>): Promise<ChainReport<C>> {
  const report: ChainReport<C> = {
    valid: true,
    checked: 0,
    firstInvalid: null,
    reason: null,
    checkpointsChecked: 0,
    failedCheckpoint: null,
    checkpointProblem: null,
    head: { seq: '0', hash: GENESIS_HASH },
  };
  const failCheckpoint = (checkpoint: C, problem: CheckpointProblem) => {
    if (!report.failedCheckpoint) {
      report.failedCheckpoint = checkpoint;
      report.checkpointProblem = problem;
    }
  };
  const limit = walk.upTo !== undefined ? BigInt(walk.upTo) : null;
  const pending = [...walk.checkpoints].filter((c) => limit === null || BigInt(c.seq) <= limit).sort(bySeq);
  for (const checkpoint of pending) {
    if (!walk.checkpointSignatureValid(checkpoint)) failCheckpoint(checkpoint, 'CHECKPOINT_BAD_SIGNATURE');
  }
  const signedAfter = pending.length ? BigInt(pending[0].seq) : null;
  let index = 0;
  // Checkpoints of the empty chain (seq 0) hold the genesis hash.
  const settle = (seq: bigint, hash: string) => {
    while (index < pending.length && BigInt(pending[index].seq) <= seq) {
      const checkpoint = pending[index];
      index += 1;
      report.checkpointsChecked += 1;
      if (BigInt(checkpoint.seq) < seq) {
        // No record has this seq: the record it named was removed (seqs are never reused).
        failCheckpoint(checkpoint, 'CHECKPOINT_MISMATCH');
      } else if (checkpoint.hash !== hash) {
        failCheckpoint(checkpoint, 'CHECKPOINT_MISMATCH');
      }
    }
  };
  settle(0n, GENESIS_HASH);
  let previousHash = GENESIS_HASH;
  let lastSeq = '0';
  let seenSigned = false;
  outer: for (;;) {
    const batch = await walk.read(lastSeq);
    if (batch.length === 0) break;
    for (const record of batch) {
      const seq = BigInt(record.seq);
      if (limit !== null && seq > limit) break outer;
      if (!report.firstInvalid) {
        report.checked += 1;
        let problem: RecordProblem | null = null;
        const link = checkLink(record, previousHash);
        if (!link.valid) problem = link.reason;
        else if (walk.recordSignatureValid) {
          if (record.signature) {
            if (!walk.recordSignatureValid(record.hash, record.signature)) problem = 'BAD_SIGNATURE';
          } else if (seenSigned || (signedAfter !== null && seq > signedAfter)) {
            problem = 'MISSING_SIGNATURE';
          }
        }
        if (problem) {
          report.firstInvalid = record;
          report.reason = problem;
        }
      }
      if (record.signature) seenSigned = true;
      settle(seq, record.hash);
      previousHash = record.hash;
      lastSeq = record.seq;
      report.head = { seq: record.seq, hash: record.hash };
    }
  }
  for (; index < pending.length; index += 1) {
    report.checkpointsChecked += 1;
    failCheckpoint(pending[index], 'CHECKPOINT_BEYOND_HEAD');
  }
  report.valid = !report.firstInvalid && !report.failedCheckpoint;
  return report;
}

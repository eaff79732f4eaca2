import type { KeyObject } from 'node:crypto';
import { ChainReport, SignedRecord, walkChain } from './audit-chain';
import { CheckpointStatement, checkpointSigningText, keyIdOf, recordSigningText, verifyText } from './audit-keys';
import type { SqlQuery } from '../database/database-roles';

/**
 * Checking the audit trail from outside the application: with the public key and checkpoints
 * kept elsewhere (a copy of `auditCheckpoints`, the worker's log line, a meeting's checkpoint),
 * against the database as it is now. This is what `npm run verify-audit` runs; it trusts nothing
 * the database says about itself, not even its own checkpoints table, which whoever rewrote the
 * trail could have rewritten too.
 */

/** A checkpoint as published: the signed statement and its signature. */
export interface PublishedCheckpoint extends CheckpointStatement {
  signature: string;
}

/** A row of audit_log as verifyAgainstCheckpoints selects it, in PostgreSQL's column names. */
interface AuditLogRow {
  seq: SignedRecord['seq'];
  id: SignedRecord['id'];
  occurred_at: SignedRecord['occurredAt'];
  actor_id: SignedRecord['actorId'];
  actor_role: SignedRecord['actorRole'];
  operation: SignedRecord['operation'];
  target_type: SignedRecord['targetType'];
  target_id: SignedRecord['targetId'];
  details: SignedRecord['details'];
  prev_hash: SignedRecord['prevHash'];
  hash: SignedRecord['hash'];
  signature: SignedRecord['signature'];
}

const BATCH = 2000;

/**
 * The checkpoints in a file as anyone may have kept them: one checkpoint (JSON), a list of them,
 * a GraphQL answer of `auditCheckpoints` (`{ data: { auditCheckpoints: { nodes } } }`) or of
 * `bodyMeetings { auditCheckpoint }`, or lines of the worker's log (`Audit checkpoint {…}`).
 */
export function parseCheckpoints(text: string): PublishedCheckpoint[] {
  const found: PublishedCheckpoint[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (!value || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (typeof v.signature === 'string' && typeof v.hash === 'string' && v.seq !== undefined && typeof v.madeAt === 'string') {
      found.push({
        seq: String(v.seq),
        hash: String(v.hash),
        madeAt: new Date(v.madeAt).toISOString(),
        reason: String(v.reason),
        meetingId: typeof v.meetingId === 'string' ? v.meetingId : null,
        keyId: String(v.keyId),
        signature: v.signature,
      });
      return;
    }
    Object.values(v).forEach(collect);
  };
  const trimmed = text.trim();
  try {
    collect(JSON.parse(trimmed));
  } catch {
    // Not one JSON document: log lines.
  }
  if (found.length === 0) {
    // Log lines, each with a checkpoint's JSON after "Audit checkpoint": as plain text, or in the
    // `msg` of the JSON lines the worker writes (README, "Operations").
    for (const line of trimmed.split('\n').map(logMessage)) {
      const at = line.indexOf('Audit checkpoint {');
      if (at < 0) continue;
      const json = line.slice(line.indexOf('{', at));
      try {
        collect(JSON.parse(json.slice(0, json.lastIndexOf('}') + 1)));
      } catch {
        throw new Error(`A log line holds no checkpoint JSON: ${line.slice(0, 120)}`);
      }
    }
  }
  if (found.length === 0) throw new Error('The file holds no checkpoint (seq, hash, madeAt, reason, meetingId, keyId, signature)');
  return found;
}

/** A JSON log line's message (`msg`), or the line as it is. */
function logMessage(line: string): string {
  if (!line.trimStart().startsWith('{')) return line;
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? parsed.msg : line;
  } catch {
    return line;
  }
}

/** Whether the checkpoint is signed by `publicKey` (and names that key). */
export function checkpointSignedBy(checkpoint: PublishedCheckpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  return verifyText(publicKey, checkpointSigningText(checkpoint), checkpoint.signature);
}

/**
 * Walks the database's audit chain from the genesis, against the given checkpoints and key:
 * every record's hash, link and signature, and each checkpoint's signature and place in the
 * chain. A deleted tail or an emptied table leaves a checkpoint beyond the head; a rewritten and
 * rehashed history a checkpoint whose hash is no longer there and records whose signatures fail;
 * a record appended without the key a missing or bad signature.
 */
export function verifyAgainstCheckpoints(
  query: SqlQuery,
  checkpoints: readonly PublishedCheckpoint[],
  publicKey: KeyObject,
): Promise<ChainReport<PublishedCheckpoint>> {
  return walkChain<PublishedCheckpoint>({
    read: async (afterSeq) => {
      const rows = await query<AuditLogRow>(
        `SELECT seq::text AS seq, id, occurred_at, actor_id, actor_role, operation, target_type, target_id, details, prev_hash, hash, signature
           FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT ${BATCH}`,
        [afterSeq],
      );
      return rows.map((r): SignedRecord => ({
        seq: r.seq,
        id: r.id,
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        operation: r.operation,
        targetType: r.target_type,
        targetId: r.target_id,
        details: r.details,
        prevHash: r.prev_hash,
        hash: r.hash,
        signature: r.signature,
      }));
    },
    recordSignatureValid: (hash, signature) => verifyText(publicKey, recordSigningText(hash), signature),
    checkpoints,
    checkpointSignatureValid: (checkpoint) => checkpointSignedBy(checkpoint, publicKey),
  });
}

/** The report in a few lines, for a terminal. */
export function describeReport(report: ChainReport<PublishedCheckpoint>): string {
  const lines = [
    `Records checked: ${report.checked}; head: seq ${report.head.seq}, hash ${report.head.hash}`,
    `Checkpoints checked: ${report.checkpointsChecked}`,
  ];
  if (report.firstInvalid) lines.push(`First bad record: seq ${report.firstInvalid.seq} (${report.firstInvalid.id}): ${report.reason}`);
  if (report.failedCheckpoint) {
    const c = report.failedCheckpoint;
    lines.push(`First failed checkpoint: seq ${c.seq} made ${c.madeAt} (${c.reason}): ${report.checkpointProblem}`);
  }
  lines.push(
    report.valid ? 'VALID: the trail agrees with every checkpoint' : 'INVALID: the trail was changed, or the checkpoint is not the key’s',
  );
  return lines.join('\n');
}

import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { AuditRecordEntity } from './audit-record.entity';

/**
 * What a reader of the audit log is not shown of one record. The stored record stays complete
 * (the chain covers every field); only what `auditLog` shows is cut.
 */
export interface AuditRedaction {
  /** The actor is not named; the reader is told this instead ("a seated panelist"). */
  actorShownAs?: string;
  /** Only the operation and the time are shown: not the actor, the target or the details. */
  withholdDetails?: boolean;
  /** Why, in a sentence for the reader. */
  reason: string;
}

/**
 * A module's rules on what a reader may see of the records of its operations: given a page of
 * records and the reader, the redactions of the records it has rules for (by record id). Modules
 * register theirs on start (registry: the document policy; rulings: the anonymity of separate
 * opinions and votes), as `StageObservers` and `StepProviders` do; the core knows no domain.
 */
export type AuditRedactor = (
  records: readonly AuditRecordEntity[],
  reader: Actor,
) => Promise<ReadonlyMap<string, AuditRedaction>> | ReadonlyMap<string, AuditRedaction>;

/** A record as one reader is shown it: null where something is withheld. */
export interface AuditRecordView {
  seq: string;
  /**
   * Withheld with the actor or the details: with the record's id (its random part) and its hash,
   * a reader could try each seated panelist as the actor until the hash matched.
   */
  id: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  actorShownAs: string | null;
  operation: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  detailsWithheld: boolean;
  withheldBecause: string[];
  prevHash: string;
  hash: string;
  signature: string | null;
}

@Injectable()
export class AuditRedactors {
  private readonly redactors: AuditRedactor[] = [];

  register(redactor: AuditRedactor): void {
    this.redactors.push(redactor);
  }

  /** The records as `reader` is shown them; every registered rule applies, the strictest wins. */
  async view(records: readonly AuditRecordEntity[], reader: Actor): Promise<AuditRecordView[]> {
    // A redactor answers with a map or a promise of one; the async arrow makes both a promise.
    const found = await Promise.all(this.redactors.map(async (redactor) => redactor(records, reader)));
    return records.map((record) => {
      const redactions = found.map((map) => map.get(record.id)).filter((r): r is AuditRedaction => r !== undefined);
      return applyRedactions(record, redactions);
    });
  }
}

export function applyRedactions(record: AuditRecordEntity, redactions: readonly AuditRedaction[]): AuditRecordView {
  const withhold = redactions.some((r) => r.withholdDetails);
  const shownAs = redactions.find((r) => r.actorShownAs)?.actorShownAs ?? null;
  const hideActor = withhold || shownAs !== null;
  return {
    seq: record.seq,
    id: redactions.length ? null : record.id,
    occurredAt: record.occurredAt,
    actorId: hideActor ? null : record.actorId,
    actorRole: hideActor ? null : record.actorRole,
    actorShownAs: shownAs,
    operation: record.operation,
    targetType: withhold ? null : record.targetType,
    targetId: withhold ? null : record.targetId,
    details: withhold ? null : record.details,
    detailsWithheld: withhold,
    withheldBecause: [...new Set(redactions.map((r) => r.reason))],
    prevHash: record.prevHash,
    hash: record.hash,
    signature: record.signature,
  };
}

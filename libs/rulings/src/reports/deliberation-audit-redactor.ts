import { Injectable } from '@nestjs/common';
import { AuditRecordEntity, AuditRedaction, AuditRedactors } from '@app/core';

/**
 * DSU 14.3: "Opinions expressed in the panel report by individual panelists shall be anonymous";
 * the panel's deliberations are confidential (14.1). The audit trail keeps who submitted a
 * separate opinion or voted on a draft (the chain covers it), but its reader is never told who:
 * the record says "a seated panelist".
 */
export const ANONYMOUS_OPERATIONS: ReadonlySet<string> = new Set(['submitSeparateOpinion', 'voteOnReport']);

const ANONYMOUS: AuditRedaction = {
  actorShownAs: 'a seated panelist',
  reason: 'Separate opinions and the votes of a panel are anonymous (DSU 14.1, 14.3): the panelist is not named',
};

@Injectable()
export class DeliberationAuditRedactor {
  constructor(redactors: AuditRedactors) {
    redactors.register((records) => redact(records));
  }
}

export function redact(records: readonly Pick<AuditRecordEntity, 'id' | 'operation'>[]): Map<string, AuditRedaction> {
  return new Map(records.filter((r) => ANONYMOUS_OPERATIONS.has(r.operation)).map((r) => [r.id, ANONYMOUS]));
}

import { Injectable } from '@nestjs/common';
import { Actor, AuditRecordEntity, AuditRedaction, AuditRedactors } from '@app/core';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { PanelSeatsService } from '../panel-seats/panel-seats.service';
import { documentVisibilitySql } from './document-policy';
import { DocumentEntity } from './document.entity';

const WITHHELD: AuditRedaction = {
  withholdDetails: true,
  reason: 'The record is about a document you may not see: only its operation and time are shown',
};

/**
 * The documents an audit record is about: its target when that is a document (fileDocument,
 * derestrictDocument, publishOwnSubmission) and any `documentId` or `documentIds` in its details
 * (requestNonConfidentialSummary names its deadline as target and the submission there).
 */
export function documentIdsOf(record: Pick<AuditRecordEntity, 'targetType' | 'targetId' | 'details'>): string[] {
  const ids: unknown[] = [];
  if (record.targetType === 'Document') ids.push(record.targetId);
  const details = record.details ?? {};
  ids.push(details.documentId);
  if (Array.isArray(details.documentIds)) ids.push(...details.documentIds);
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' || id === null).map(String))];
}

/**
 * The document policy applied to the audit log (the records hold a confidential document's hash
 * and classification): a record about a document the reader may not see shows only its
 * operation and time. The same policy as every read of documents, in its SQL form.
 */
@Injectable()
export class DocumentAuditRedactor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly seats: PanelSeatsService,
    redactors: AuditRedactors,
  ) {
    redactors.register((records, reader) => this.redact(records, reader));
  }

  async redact(records: readonly AuditRecordEntity[], reader: Actor): Promise<Map<string, AuditRedaction>> {
    const about = new Map<string, string[]>();
    for (const record of records) {
      const ids = documentIdsOf(record);
      if (ids.length) about.set(record.id, ids);
    }
    const redactions = new Map<string, AuditRedaction>();
    if (about.size === 0) return redactions;
    const wanted = [...new Set([...about.values()].flat().filter((id) => isUUID(id)))];
    const visible = new Set<string>();
    if (wanted.length) {
      const panel = reader.role === 'PANELIST' ? await this.seats.disputesOf(reader.userId) : [];
      const policy = documentVisibilitySql({ userId: reader.userId, role: reader.role, memberId: reader.memberId }, 'doc', panel);
      const rows = await this.dataSource
        .getRepository(DocumentEntity)
        .createQueryBuilder('doc')
        .select('doc.id', 'id')
        .where('doc.id IN (:...wanted)', { wanted })
        .andWhere(policy.sql, policy.params)
        .getRawMany<{ id: string }>();
      for (const row of rows) visible.add(row.id);
    }
    // A document that is not there, or not a document id at all, is not shown either.
    for (const [recordId, ids] of about) {
      if (ids.some((id) => !visible.has(id))) redactions.set(recordId, WITHHELD);
    }
    return redactions;
  }
}

import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A hearing's record (minutes or transcript): a document of the dispute, linked to the hearing. */
@Entity('hearing_records')
export class HearingRecordEntity {
  @PrimaryColumn('uuid', { name: 'hearing_id', primaryKeyConstraintName: 'pk_hearing_records' })
  hearingId: string;

  @PrimaryColumn('uuid', { name: 'document_id', primaryKeyConstraintName: 'pk_hearing_records' })
  documentId: string;

  @ManyToOne('HearingEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'fk_hearing_records_hearing' })
  hearing?: unknown;

  @ManyToOne('DocumentEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_hearing_records_document' })
  document?: unknown;
}

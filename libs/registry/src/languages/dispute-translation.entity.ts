import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Language } from '@app/i18n';

/**
 * The title and summary of a dispute in a working language other than the one it was filed in
 * (`disputes.language`): one row per dispute and language, filed by the complainant or the
 * secretariat. The filing language's text stays on the dispute; a translation never replaces it.
 */
@Entity('dispute_translations')
@Check('ck_dispute_translations_language', `"language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar')`)
export class DisputeTranslationEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id', primaryKeyConstraintName: 'pk_dispute_translations' })
  disputeId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_dispute_translations' })
  language: Language;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt: Date;

  /** Who filed it (null for one written by a bulk load, such as the demo's). */
  @Column('uuid', { name: 'added_by_id', nullable: true })
  addedById: string | null;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_dispute_translations_dispute' })
  dispute?: unknown;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'added_by_id', foreignKeyConstraintName: 'fk_dispute_translations_added_by' })
  addedBy?: unknown;
}

import type { Agreements, ProcedureEvents, Stage } from '@app/procedure';
import type { Language } from '@app/i18n';
import { Check, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';
import { DisputePartyEntity } from './dispute-party.entity';

/**
 * A dispute between members: its docket number, what it is about, and where it stands in the
 * procedure. Stage and the procedural facts change only through the procedure engine.
 */
@Entity('disputes')
@Unique('uq_disputes_number', ['number'])
@Index('ix_disputes_stage_filed', ['stage', 'filedAt'])
@Index('ix_disputes_filed', ['filedAt', 'id'])
// A GIN index on DISPUTE_SEARCH_VECTOR, created by the migration (TypeORM cannot express it).
@Index('ix_disputes_search', { synchronize: false })
@Check('ck_disputes_language', `"language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar')`)
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** From the sequence `dispute_number_seq`: filing order, never reused (a rolled-back filing leaves a gap). */
  @Column('integer', { default: () => "nextval('dispute_number_seq')" })
  number: number;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  /**
   * The working language the request was filed in: `title` and `summary` are in it. Their texts in
   * other languages are rows of `dispute_translations`.
   */
  @Column('text', { default: 'en' })
  language: Language;

  /** The measures at issue. */
  @Column('text', { array: true })
  measures: string[];

  /** The provisions relied on. */
  @Column('text', { name: 'legal_basis', array: true })
  legalBasis: string[];

  @Column('boolean')
  urgent: boolean;

  @Column('text')
  stage: Stage;

  @Column('timestamptz', { name: 'stage_entered_at' })
  stageEnteredAt: Date;

  @Column('text', { name: 'stage_before_suspension', nullable: true })
  stageBeforeSuspension: Stage | null;

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('boolean', { name: 'good_offices', default: false })
  goodOffices: boolean;

  @Column('timestamptz', { name: 'good_offices_since', nullable: true })
  goodOfficesSince: Date | null;

  @Column('integer', { name: 'body_meetings_since_panel_request', default: 0 })
  bodyMeetingsSincePanelRequest: number;

  @Column('jsonb', { default: () => "'{}'" })
  agreements: Agreements;

  @Column('jsonb', { default: () => "'{}'" })
  events: ProcedureEvents;

  @Column('date', { name: 'rpt_ends_on', nullable: true })
  rptEndsOn: string | null;

  /** Compliance proceedings so far (DSU 21.5): each numbers its report, appeal and adoption. */
  @Column('integer', { name: 'compliance_round', default: 0 })
  complianceRound: number;

  @Column('timestamptz', { name: 'filed_at' })
  filedAt: Date;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => DisputePartyEntity, (p) => p.dispute)
  parties?: DisputePartyEntity[];
}

/** The text the `text` filter searches; the index ix_disputes_search is built on this expression. */
export const DISPUTE_SEARCH_VECTOR = (alias: string) => `dispute_search_vector(${alias}.title, ${alias}.summary, ${alias}.measures)`;

export function docketNumber(dispute: Pick<DisputeEntity, 'number'>): string {
  return `DS${dispute.number}`;
}

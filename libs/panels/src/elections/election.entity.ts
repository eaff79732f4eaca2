import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';
import type { CountingRules } from '../count';

export const ELECTION_STATUSES = ['OPEN', 'CLOSED', 'FAILED'] as const;
/** OPEN until counted; CLOSED with a result; FAILED when turnout missed the quorum (rerun). */
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];
export const ELECTION_KINDS = ['PANEL', 'VACANCY'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

registerUniqueConstraint('uq_elections_one_open', {
  field: 'disputeId',
  message: 'An election for this panel is already open',
});
registerUniqueConstraint('pk_election_votes', {
  field: 'electionId',
  message: 'Your member has already voted in this election; a cast ballot is final',
});

/**
 * The election of a dispute's panel (or of one vacant seat) by the members (libs/panels/README.md). The seed
 * that breaks ties by lot is fixed at opening; only its SHA-256 is published until the close.
 */
@Entity('elections')
@Index('uq_elections_one_open', ['disputeId'], { unique: true, where: `"status" = 'OPEN'` })
@Index('ix_elections_dispute', ['disputeId', 'createdAt'])
@Index('ix_elections_closing', ['status', 'closesAt'])
export class ElectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  kind: ElectionKind;

  @Column('integer')
  seats: number;

  @Column('text')
  status: ElectionStatus;

  @Column('text')
  rules: CountingRules;

  /** Share of the electorate that must vote for the result to stand, in percent. */
  @Column('integer', { name: 'quorum_percent' })
  quorumPercent: number;

  @Column('timestamptz', { name: 'opens_at' })
  opensAt: Date;

  @Column('timestamptz', { name: 'closes_at' })
  closesAt: Date;

  @Column('char', { name: 'seed_hash', length: 64 })
  seedHash: string;

  /** Revealed through the API only once the election is closed. */
  @Column('text')
  seed: string;

  @Column('integer', { name: 'electorate_size' })
  electorateSize: number;

  @Column('integer', { nullable: true })
  turnout: number | null;

  /** The count, stage by stage (CountResult of the count module). */
  @Column('jsonb', { nullable: true })
  result: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_elections_dispute' })
  dispute?: unknown;
}

/** The candidates, fixed at opening in ballot order. */
@Entity('election_candidates')
export class ElectionCandidateEntity {
  @PrimaryColumn('uuid', { name: 'election_id' })
  electionId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('integer')
  position: number;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_election_candidates_election' })
  election?: ElectionEntity;

  @ManyToOne('RosterPersonEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_election_candidates_person' })
  person?: unknown;
}

/** The electorate, fixed at opening: active members that are not parties to the dispute. */
@Entity('election_electors')
export class ElectionElectorEntity {
  @PrimaryColumn('uuid', { name: 'election_id' })
  electionId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_election_electors_election' })
  election?: ElectionEntity;
}

/**
 * That a member voted, and nothing else: no time, no ballot. The primary key is the one-ballot-
 * per-member rule, enforced by the database whatever the concurrency.
 */
@Entity('election_votes')
export class ElectionVoteEntity {
  @PrimaryColumn('uuid', { name: 'election_id', primaryKeyConstraintName: 'pk_election_votes' })
  electionId: string;

  @PrimaryColumn('uuid', { name: 'member_id', primaryKeyConstraintName: 'pk_election_votes' })
  memberId: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_election_votes_election' })
  election?: ElectionEntity;
}

/**
 * A ranking and its receipt code, with no link to the voter: no member, no user, no time. Random
 * ids, so neither the key nor the receipt orders ballots by casting.
 */
@Entity('ballots')
@Index('uq_ballots_receipt', ['electionId', 'receipt'], { unique: true })
export class BallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'election_id' })
  electionId: string;

  @Column('text')
  receipt: string;

  /** Roster person ids, most preferred first. */
  @Column('uuid', { array: true })
  ranking: string[];

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_ballots_election' })
  election?: ElectionEntity;
}

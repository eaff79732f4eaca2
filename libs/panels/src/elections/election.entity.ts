import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { registerUniqueConstraint } from '@app/core';
import type { CountingRules } from '@app/stv';

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
@Index('ix_elections_closed', ['closedAt'])
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

  /**
   * The X25519 public key the ballots are sealed to (libs/panels/README.md, Ballot secrecy); its
   * private key is derived from BALLOT_SECRET and never stored. Null for an election opened before
   * ballots were sealed.
   */
  @Column('bytea', { name: 'ballot_key', nullable: true })
  ballotKey: Buffer | null;

  /**
   * Whether the individual ballots (and the stages of the count) are published: decided at the
   * close, once and for all, true only for a counted election with at least BALLOT_PUBLICATION_MIN
   * ballots.
   */
  @Column('boolean', { name: 'ballots_published', default: false })
  ballotsPublished: boolean;

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
 * A ballot as cast: its receipt and ranking sealed to the election's key (ballot-seal.ts), opened
 * only by the close, which deletes the row. Written in the cast's transaction beside the vote, so
 * the database ties it to the voter; the blob, of one length for the whole election, is opaque
 * to anyone without the ballot secret. No time, a random id.
 */
@Entity('sealed_ballots')
@Index('ix_sealed_ballots_election', ['electionId'])
export class SealedBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'election_id' })
  electionId: string;

  @Column('bytea')
  sealed: Buffer;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id', foreignKeyConstraintName: 'fk_sealed_ballots_election' })
  election?: ElectionEntity;
}

/**
 * A counted ballot: a ranking and its receipt code, with no link to the voter: no member, no
 * user, no time. Written only by the close, all of an election's ballots in one statement in a
 * random order, with random ids: their system columns (xmin, cmin, commit time) are the same for
 * every ballot and their physical order is a shuffle.
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

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

export const HEARING_KINDS = [
  'ORGANISATIONAL_MEETING',
  'FIRST_SUBSTANTIVE_MEETING',
  'THIRD_PARTY_SESSION',
  'SECOND_SUBSTANTIVE_MEETING',
  'EXPERT_CONSULTATION',
  'INTERIM_REVIEW_MEETING',
] as const;
export type HearingKind = (typeof HEARING_KINDS)[number];
export const HEARING_STATUSES = ['SCHEDULED', 'CANCELLED'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];
/** PANELIST: a roster person; PARTY / THIRD_PARTY: a member; STAFF: a secretariat user. */
export const PARTICIPANT_KINDS = ['PANELIST', 'PARTY', 'THIRD_PARTY', 'STAFF'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
/** What a booking holds: a room, a panelist (person), a member (its delegation), a staff user. */
export const RESOURCE_KINDS = ['ROOM', 'PANELIST', 'MEMBER', 'STAFF'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

registerUniqueConstraint('uq_hearing_rooms_name', { field: 'name', message: 'A room with this name already exists' });
registerUniqueConstraint('uq_member_unavailability_day', { field: 'day', message: 'Your member already declared this day unavailable' });

/** The rooms the secretariat keeps for hearings. */
@Entity('hearing_rooms')
@Index('uq_hearing_rooms_name', ['name'], { unique: true })
export class HearingRoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A hearing of a composed panel (DSU 12, Appendix 3). Instants in UTC, shown in `timeZone`. */
@Entity('hearings')
@Index('ix_hearings_dispute', ['disputeId', 'startsAt'])
@Index('ix_hearings_starts', ['startsAt'])
@Check('ck_hearings_times', `"ends_at" > "starts_at"`)
@Check('ck_hearings_venue', `"room_id" IS NOT NULL OR "virtual_link" IS NOT NULL`)
export class HearingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId: string;

  @Column('text')
  kind: HearingKind;

  @Column('text')
  status: HearingStatus;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** The IANA zone the hearing is shown in (where it is held, or the chair's choice). */
  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('uuid', { name: 'room_id', nullable: true })
  roomId: string | null;

  @Column('text', { name: 'virtual_link', nullable: true })
  virtualLink: string | null;

  /** Open to public observation: only while every party consents (docs/procedure.md §3). */
  @Column('boolean', { name: 'public_observation', default: false })
  publicObservation: boolean;

  /** RFC 5545 SEQUENCE: raised on every reschedule and on cancellation. */
  @Column('integer', { default: 0 })
  sequence: number;

  /** The reason of the last reschedule or of the cancellation. */
  @Column('text', { nullable: true })
  reason: string | null;

  /** When the current times were set (scheduled or last moved), by the command's clock: the reminders skip a day begun before it. */
  @Column('timestamptz', { name: 'set_at', nullable: true })
  setAt: Date | null;

  @Column('uuid', { name: 'scheduled_by_id' })
  scheduledById: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne('DisputeEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'fk_hearings_dispute' })
  dispute?: unknown;

  @ManyToOne(() => HearingRoomEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_hearings_room' })
  room?: HearingRoomEntity;
}

/** Who takes part, fixed when the hearing is scheduled. */
@Entity('hearing_participants')
export class HearingParticipantEntity {
  @PrimaryColumn('uuid', { name: 'hearing_id' })
  hearingId: string;

  @PrimaryColumn('text')
  kind: ParticipantKind;

  /** The roster person, member or user, by kind. */
  @PrimaryColumn('uuid', { name: 'ref_id' })
  refId: string;

  /** Set once attendance is recorded: whether they attended. */
  @Column('boolean', { nullable: true })
  attended: boolean | null;

  @ManyToOne(() => HearingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'fk_hearing_participants_hearing' })
  hearing?: HearingEntity;
}

/** A day a member's delegation declared it cannot attend hearings, in the zone it named. */
@Entity('member_unavailability')
@Index('uq_member_unavailability_day', ['memberId', 'day'], { unique: true })
export class MemberUnavailabilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('date')
  day: string;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('text')
  reason: string;

  @Column('uuid', { name: 'declared_by_id' })
  declaredById: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne('MemberEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_member_unavailability_member' })
  member?: unknown;
}

/**
 * The time a resource is held, by a hearing or by a declared unavailability. The exclusion
 * constraint is the no-clash rule itself: PostgreSQL refuses two rows holding one resource over
 * overlapping times, whatever the concurrency (btree_gist for the equality parts).
 */
@Entity('hearing_bookings')
@Index('ix_hearing_bookings_hearing', ['hearingId'])
@Index('ix_hearing_bookings_unavailability', ['unavailabilityId'])
@Exclusion('xc_hearing_bookings_overlap', `USING gist ("resource_kind" WITH =, "resource_id" WITH =, "during" WITH &&)`)
@Check('ck_hearing_bookings_holder', `("hearing_id" IS NULL) <> ("unavailability_id" IS NULL)`)
export class HearingBookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hearing_id', nullable: true })
  hearingId: string | null;

  @Column('uuid', { name: 'unavailability_id', nullable: true })
  unavailabilityId: string | null;

  @Column('text', { name: 'resource_kind' })
  resourceKind: ResourceKind;

  @Column('uuid', { name: 'resource_id' })
  resourceId: string;

  /** Half-open [start, end). */
  @Column('tstzrange')
  during: string;

  @ManyToOne(() => HearingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'fk_hearing_bookings_hearing' })
  hearing?: HearingEntity;

  @ManyToOne(() => MemberUnavailabilityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unavailability_id', foreignKeyConstraintName: 'fk_hearing_bookings_unavailability' })
  unavailability?: MemberUnavailabilityEntity;
}

/** A party's consent (or refusal) to public observation of one hearing; the latest answer counts. */
@Entity('hearing_consents')
export class HearingConsentEntity {
  @PrimaryColumn('uuid', { name: 'hearing_id' })
  hearingId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('boolean')
  consent: boolean;

  @Column('uuid', { name: 'recorded_by_id' })
  recordedById: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @ManyToOne(() => HearingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'fk_hearing_consents_hearing' })
  hearing?: HearingEntity;
}

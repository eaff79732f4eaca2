import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { registerUniqueConstraint } from '@app/core';

registerUniqueConstraint('uq_body_meetings_day', {
  field: 'heldOn',
  message: 'A meeting of the body is already scheduled that day',
});

/** A meeting of the dispute body, kept by the secretariat: the agenda the deadlines count to. */
@Entity('body_meetings')
@Unique('uq_body_meetings_day', ['heldOn'])
export class BodyMeetingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_body_meetings' })
  id: string;

  @Column('date', { name: 'held_on' })
  heldOn: string;

  /** When the secretariat convened it: the notice runs from this day. */
  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  /** The members present (codes), once the secretariat recorded the attendance; null before. */
  @Column('text', { name: 'present_members', array: true, nullable: true })
  presentMembers: string[] | null;

  @Column('timestamptz', { name: 'attendance_recorded_at', nullable: true })
  attendanceRecordedAt: Date | null;
}

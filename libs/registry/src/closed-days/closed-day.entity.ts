import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day the body is closed: a deadline falling on it moves to the next working day. */
@Entity('closed_days')
export class ClosedDayEntity {
  @PrimaryColumn('date')
  day: string;

  @Column('text')
  reason: string;
}

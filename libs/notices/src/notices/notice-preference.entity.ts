import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { NoticeCategory } from './notice.entity';

/**
 * How one user wants to be told: no row means every category by e-mail at once, in English, dates
 * in the body's time zone. Mandatory service notices ignore `emailOff` and `digest`.
 */
@Entity('notice_preferences')
export class NoticePreferenceEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  /** Categories the user receives no e-mail for (their notices are still listed in the API). */
  @Column('text', { name: 'email_off', array: true, default: () => "'{}'" })
  emailOff: NoticeCategory[];

  /** Non-mandatory notices gathered in one mail a day, at `digestHour` in the user's time zone. */
  @Column('boolean', { default: false })
  digest: boolean;

  /** Hour of the day (0 to 23, in `timeZone`) at which the digest goes out. */
  @Column('smallint', { name: 'digest_hour', default: 7 })
  digestHour: number;

  /** IANA time zone for dates in notices and for reminders; null: the body's time zone. */
  @Column('text', { name: 'time_zone', nullable: true })
  timeZone: string | null;

  /** The language of the user's notices, their words and dates (en, fr, es, zh, ru, ar); null: English. */
  @Column('text', { nullable: true })
  locale: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @OneToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notice_preferences_user' })
  user?: unknown;
}

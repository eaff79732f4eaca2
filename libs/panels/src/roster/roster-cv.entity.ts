import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/** A nominee's CV, kept apart so that listing the roster never reads the bytes. */
@Entity('roster_cvs')
export class RosterCvEntity {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'media_type' })
  mediaType: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('bytea')
  content: Buffer;

  @OneToOne('RosterPersonEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_roster_cvs_person' })
  person?: unknown;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import { registerUniqueConstraint } from '../database/unique-constraints';

export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

registerUniqueConstraint('uq_members_code', {
  field: 'code',
  message: 'A member with this code already exists',
});

/** A member state of the organisation, identified by its ISO 3166-1 alpha-3 code. */
@Entity('members')
@Unique('uq_members_code', ['code'])
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('char', { length: 3 })
  code: string;

  @Column('text')
  name: string;

  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  @Column('text', { default: 'ACTIVE' })
  status: MemberStatus;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

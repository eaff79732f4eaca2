import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import type { Role } from '../auth/actor';
import { registerUniqueConstraint } from '../database/unique-constraints';
import { MemberEntity } from '../members/member.entity';

registerUniqueConstraint('uq_users_email', {
  field: 'email',
  message: 'A user with this email already exists',
});

/**
 * A person who signs in. Emails are stored lower-cased, so uniqueness is case-insensitive. A
 * delegate acts for exactly one member; no other role acts for a member.
 */
@Entity('users')
@Unique('uq_users_email', ['email'])
@Check('ck_users_member_role', `("role" = 'MEMBER_DELEGATE') = ("member_id" IS NOT NULL)`)
@Check('ck_users_language', `"language" IN ('en', 'zh', 'fr', 'es', 'ru', 'ar')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  role: Role;

  @Index('ix_users_member')
  @Column('uuid', { name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_users_member' })
  member?: MemberEntity | null;

  @Column('boolean', { default: true })
  active: boolean;

  /**
   * The working language the user reads the API in when a request names none (`?lang=`); null:
   * none chosen, the browser's Accept-Language then English (README, "Working languages").
   */
  @Column('text', { nullable: true })
  language: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

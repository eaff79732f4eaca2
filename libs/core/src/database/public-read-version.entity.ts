import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The version of the public data (README, "Public reads from a cache"): one row, advanced by every
 * command that may change what an anonymous reader sees, in the command's own transaction, so a
 * reader sees the new version exactly when it sees the new data. Versions are bigint: read as text.
 */
@Entity('public_read_version')
@Check('ck_public_read_version_one_row', '"id" = 1')
export class PublicReadVersionEntity {
  @PrimaryColumn('smallint')
  id: number;

  @Column('bigint')
  version: string;
}

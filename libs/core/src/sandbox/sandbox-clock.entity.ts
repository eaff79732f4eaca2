import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The training sandbox's clock (README, "Training sandbox"): one row, kept in PostgreSQL so that
 * every API process and the worker read the same time. The sandbox instant is `instant` plus the
 * real time elapsed since `realAt`, unless `frozen` (while advanceClock catches up, time stands
 * still at each instant the worker would have swept at). No row: the sandbox has not moved yet.
 */
@Entity('sandbox_clock')
@Check('ck_sandbox_clock_one_row', '"id" = 1')
export class SandboxClockEntity {
  @PrimaryColumn('smallint')
  id: number;

  /** The sandbox instant when the row was written. */
  @Column('timestamptz')
  instant: Date;

  /** The real instant (the process's base clock) when it was written. */
  @Column('timestamptz', { name: 'real_at' })
  realAt: Date;

  @Column('boolean', { default: false })
  frozen: boolean;
}

/**
 * The worker's timed work, as the training sandbox replays it when its clock moves (README,
 * "Training sandbox"). The core knows neither the procedure's days nor the libs' sweeps (it
 * imports no other lib), so the application that assembles them provides this (apps/api); without
 * one, advanceClock only moves the clock.
 */
export abstract class SandboxCatchUp {
  /**
   * The instants strictly between `from` and `to` at which the worker's timed work would have
   * found something new to do in real time (the start of each of the body's days, each election's
   * closing time, ...), in any order: the sandbox sorts them and removes repeats.
   */
  abstract instantsBetween(from: Date, to: Date): Promise<Date[]>;

  /** One round of the worker's timed work at the clock's current instant (the sweep, in its order). */
  abstract runRound(): Promise<void>;
}

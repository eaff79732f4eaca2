// What the data set is made of (its sizes, its day, its seed) and what loading it reports.
import { MEMBERS } from './names';

export interface DatasetOptions {
  disputes?: number;
  /**
   * The docket's size; reached exactly unless the simulated procedure with the fewest third
   * parties (MIN_THIRD_PARTIES_PER_DISPUTE) exceeds it.
   */
  docketEntries?: number;
  documents?: number;
  members?: number;
  rosterPersons?: number;
  elections?: number;
  /** "Today" of the data set; filings spread over `years` years before it. Default: today 00:00 UTC. */
  asOf?: Date;
  years?: number;
  seed?: number;
  /**
   * Whose registry: the bench's (accounts @bench.dsb, fates drawn at random) or the demo's
   * (accounts @demo.dsb as README lists them, and at least one dispute in every stage of the
   * engine: cover.ts).
   */
  flavour?: 'bench' | 'demo';
  /** Truncate even a database that is not a bench data set. */
  force?: boolean;
}

export interface DatasetSummary {
  seconds: { simulate: number; insert: number; analyze: number; total: number };
  /** Row counts read back from the database. */
  counts: Record<string, number>;
  stages: Record<string, number>;
  asOf: string;
  /** Steps of the simulated procedures that the engine refused (and were skipped). */
  refusedSteps: number;
  /** A secretariat account of the data set (for signing benchmark tokens). */
  secretariatUserId: string;
  /** The dispute with the longest docket (for the dispute page). */
  largestDisputeId: string;
}

export type ResolvedOptions = Required<Omit<DatasetOptions, 'force'>>;

export const BENCH_MARKER_EMAIL = 'registrar@bench.dsb';
export const BENCH_PASSWORD = 'bench-password-2026';

/**
 * Third parties in consultations, at the least, per dispute: about the share the data set had when
 * they only filled the docket up to its size.
 */
export const MIN_THIRD_PARTIES_PER_DISPUTE = 0.3;

export function defaults(options: DatasetOptions): ResolvedOptions {
  const today = new Date();
  return {
    disputes: options.disputes ?? 10_000,
    docketEntries: options.docketEntries ?? 100_000,
    documents: options.documents ?? 20_000,
    members: Math.min(options.members ?? 50, MEMBERS.length),
    rosterPersons: options.rosterPersons ?? 300,
    elections: options.elections ?? 200,
    asOf: options.asOf ?? new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())),
    years: options.years ?? 10,
    seed: options.seed ?? 20_260_601,
    flavour: options.flavour ?? 'bench',
  };
}

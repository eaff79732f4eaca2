// The figures of the cache of public answers (README, "Public reads from a cache") in bench/run.ts.
import { P99_TARGET_MS, table } from './report';

/** Anonymous public reads: at least this many times the raw endpoint's requests a second. */
export const PUBLIC_RATIO_TARGET = 1.5;

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PublicReadFigures {
  roundSeconds: number;
  reads: {
    label: string;
    /** Statements of a cache miss (the version read included), and of them the ones the raw endpoint replays. */
    missStatements: number;
    replayedStatements: number;
    apiRps: number;
    rawRps: number;
    fixedRate: number;
    fixedSeconds: number;
    api: Latency;
    raw: Latency;
  }[];
  /** Reads on one process at once after a write on the other. */
  stale: { rounds: number; stale: number; hit: { p50: number; p99: number }; afterWrite: { p50: number; p99: number } } | null;
}

const f1 = (n: number) => n.toFixed(1);

export function renderPublicReads(f: PublicReadFigures): string {
  const lines = [
    '### Public reads from the cache (anonymous)',
    '',
    `Each read the same anonymous request (so, after the first, a hit: the answer kept, checked against the database's version of the public data), ` +
      `against the raw endpoint's \`/replay\`: the statements of a cache miss all at once, then the API's body as captured ` +
      `(no mapping, no serialisation). Interleaved rounds of ${f.roundSeconds} s, 10 connections; latency at a fixed rate of half the raw maximum (open loop).`,
    '',
    table(
      [
        'read',
        'statements (miss / replayed)',
        'API req/s',
        'raw req/s',
        `API / raw (≥ ${PUBLIC_RATIO_TARGET})`,
        'rate',
        `API p50 / p99 ms (p99 ≤ ${P99_TARGET_MS})`,
        'raw p50 / p99 ms',
      ],
      f.reads.map((r) => [
        r.label,
        `${r.missStatements} / ${r.replayedStatements}`,
        r.apiRps.toFixed(0),
        r.rawRps.toFixed(0),
        (r.apiRps / r.rawRps).toFixed(2),
        `${r.fixedRate} req/s, ${r.fixedSeconds} s`,
        `${f1(r.api.p50)} / ${f1(r.api.p99)}`,
        `${f1(r.raw.p50)} / ${f1(r.raw.p99)}`,
      ]),
    ),
  ];
  if (f.stale) {
    lines.push(
      '',
      `Stale-answer check across two API processes (the shipped API answers the public members list; the API of the harness renames a member; ` +
        `the shipped one is asked again at once), ${f.stale.rounds} rounds: **${f.stale.stale} stale**. ` +
        `A hit one request at a time: p50 ${f1(f.stale.hit.p50)} ms, p99 ${f1(f.stale.hit.p99)} ms; the read right after a write (a miss): p50 ${f1(f.stale.afterWrite.p50)} ms, p99 ${f1(f.stale.afterWrite.p99)} ms.`,
    );
  }
  return lines.join('\n');
}

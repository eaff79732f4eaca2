import type { LoadResult } from '../load-client';
import { table } from './report';

/**
 * The whole machine (issue 16, item 3): the API with WEB_CONCURRENCY=N (N API processes on one
 * port, node's cluster) against N raw endpoints on one port (bench/raw-cluster.ts), the docket
 * list at full load in interleaved rounds, beside the one-process figures of the same run.
 */
export interface WholeMachineFigures {
  processes: number;
  connections: number;
  roundSeconds: number;
  rounds: { round: number; api: LoadResult; raw: LoadResult }[];
  apiRps: number;
  rawRps: number;
  /** The same run's one-process figures (the docket list against the practical limit). */
  single: { apiRps: number; rawRps: number };
}

export function renderWholeMachine(w: WholeMachineFigures | { error: string }): string {
  const head = '### The whole machine: N API processes against N raw processes';
  if ('error' in w) return `${head}\n\nnot measured: ${w.error}`;
  const f0 = (n: number) => n.toFixed(0);
  const f2 = (n: number) => n.toFixed(2);
  return [
    head,
    `The secretariat's docket list at full load (${w.connections} connections, interleaved rounds of ${w.roundSeconds} s): ` +
      `\`node dist/apps/api/src/main.js\` with WEB_CONCURRENCY=${w.processes} against ${w.processes} raw endpoints sharing one port ` +
      `(bench/raw-cluster.ts), the load generator on the same machine; beside them the one-process figures of this run.`,
    table(
      ['processes', 'API req/s', 'raw req/s', 'API / raw'],
      [
        [1, f0(w.single.apiRps), f0(w.single.rawRps), f2(w.single.apiRps / w.single.rawRps)],
        [w.processes, f0(w.apiRps), f0(w.rawRps), f2(w.apiRps / w.rawRps)],
        [`${w.processes} / 1`, `× ${f2(w.apiRps / w.single.apiRps)}`, `× ${f2(w.rawRps / w.single.rawRps)}`, ''],
      ],
    ),
    'Rounds (req/s, API / raw): ' + w.rounds.map((r) => `${f0(r.api.rps)} / ${f0(r.raw.rps)}`).join('; '),
  ].join('\n\n');
}

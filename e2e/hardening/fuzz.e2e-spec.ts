import { Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { mutationFields } from './fuzz/arbitraries';
import { Tally, Target, fuzz, startTarget } from './fuzz/runner';

// Issue #7, hardening item 8: fast-check sends 10 000 malformed or hostile requests, spread over
// every mutation of the live schema (a new mutation is fuzzed without touching this file), from
// every kind of caller: anonymous, a forged token, a deactivated user, the secretariat, the
// delegates of several members (parties, third parties, electors, a suspended member) and
// panelists (seated or not). Each answer must be a client error or a success, never an internal
// error, and every error has a code and a message; a refused mutation must leave the database as
// it was, and a successful one must have appended exactly one audit record. One case in five
// varies a request the seed made successfully (dates moved, another caller, one hostile value),
// which reaches rules and successes that random arguments seldom do. The arbitraries are in
// fuzz/arbitraries.ts, the seeded registry in fuzz/world.ts, the checks in fuzz/runner.ts.
//
// FUZZ_SEED=<n> replays another seed; FUZZ_RUNS=<n> changes the number of runs (10 000 by
// default); FUZZ_COLLECT=1 keeps going after a failure and lists every distinct one at the end.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_302);

describe('fuzzing every mutation with hostile input', () => {
  let target: Target;

  beforeAll(async () => {
    target = await startTarget('fuzz');
  }, 180_000);
  afterAll(async () => {
    await target?.close();
  });

  it('answers 10 000 hostile mutations with client errors or clean successes, and no partial writes', async () => {
    const started = Date.now();
    const mutations = mutationFields(target.t.app.get(GraphQLSchemaHost).schema);
    expect(mutations.length).toBeGreaterThan(0);
    const tally: Tally = {
      collect: process.env.FUZZ_COLLECT === '1',
      perMutation: new Map(mutations.map((m) => [m.name, { runs: 0, ok: 0, noop: 0 }])),
      perAction: new Map(),
      codes: new Map(),
      failures: new Map(),
      admitted: new Map(),
      internal: { last: '' },
      runs: 0,
      refusals: 0,
      fingerprints: 0,
    };
    // The application logs every error it masks, with its stack (the test app's logger is off).
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      tally.internal.last = String(message).slice(0, 1500);
    });
    // Jest keeps 100 frames of every stack and maps each through the source maps: thousands of
    // domain errors would pay milliseconds each. Node's default depth names a cause as well.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 10;
    let failed: unknown = null;
    try {
      await fuzz(target, mutations, tally, SEED, RUNS);
    } catch (error) {
      // fast-check's report: the case as it was drawn, the seed and the path that replay it.
      failed = error;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
      logged.mockRestore();
    }

    const seconds = (Date.now() - started) / 1000;
    const table = [...tally.perMutation.entries()].map(
      ([name, s]) =>
        `  ${name.padEnd(26)} ${String(s.runs).padStart(4)} runs ${String(s.ok).padStart(4)} done${s.noop ? ` (${s.noop} changing nothing)` : ''}`,
    );
    const actions = [...tally.perAction.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, s]) => `  ${name.padEnd(30)} ${String(s.runs).padStart(4)} runs ${String(s.ok).padStart(4)} done`);
    const distribution = [...tally.codes.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `  ${code.padEnd(50)} ${String(n).padStart(5)}`);
    process.stdout.write(
      `\nfuzz: ${tally.runs} runs over ${mutations.length} mutations in ${seconds.toFixed(1)} s (seed ${SEED}), ` +
        `${tally.fingerprints} fingerprints\n${table.join('\n')}\n\ntakeAction by action:\n${actions.join('\n')}\n\n` +
        `the first error code of each answer:\n${distribution.join('\n')}\n`,
    );

    if (failed) throw failed;
    if (tally.failures.size) {
      throw new Error(
        `${tally.failures.size} distinct failures:\n${[...tally.failures.entries()].map(([key, f]) => `${key} (×${f.count})\n${f.example}`).join('\n\n')}`,
      );
    }
    expect(tally.runs).toBe(RUNS);
    // Every mutation got a fair share of the runs: at least half of an even split.
    const short = [...tally.perMutation.entries()].filter(([, s]) => s.runs < (RUNS / mutations.length) * 0.5).map(([name]) => name);
    expect(short).toEqual([]);
    // The refusals come from the rules, not from the throttle.
    const limited = [...tally.codes.entries()].filter(([code]) => code.startsWith('RATE_LIMITED')).reduce((n, [, k]) => n + k, 0);
    expect(limited).toBeLessThan(tally.refusals * 0.05);
  }, 900_000);
});

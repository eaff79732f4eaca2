import { createHash } from 'node:crypto';
import fc from 'fast-check';

import { count, parseFixed, type CountInput, type CountResult } from './index';

const b = (weight: number, ...ranking: string[]) => ({ weight, ranking });
const meek = (input: Omit<CountInput, 'rules' | 'seed'> & { seed?: string }): CountResult =>
  count({ seed: '', ...input, rules: 'meek-stv' });

// A deliberately naive transcription of the PRF Meek reference rule: one ballot at a time, no
// grouping, no shortcuts. It returns every round's votes so the optimised count (which groups
// ballots by prefix) can be compared digit for digit. Ties here are left to the lowest index;
// the inputs used below are checked to contain none.
function referenceMeek(
  candidates: string[],
  seats: number,
  ballots: { weight: number; ranking: string[] }[],
): { elected: string[]; rounds: bigint[][]; tied: boolean } {
  const U = 1_000_000_000n;
  const ceil = (a: bigint, d: bigint): bigint => (a + d - 1n) / d;
  const n = candidates.length;
  const state = candidates.map(() => 'hopeful');
  const kf = candidates.map(() => U);
  const elected: string[] = [];
  const rounds: bigint[][] = [];
  let tied = false;
  const papers = ballots.flatMap((x) => Array.from({ length: x.weight }, () => x.ranking.map((id) => candidates.indexOf(id))));
  const num = (s: string): number => state.filter((x) => x === s).length;
  while (num('elected') < seats && num('elected') + num('hopeful') > seats) {
    let previous: bigint | undefined;
    for (;;) {
      const v = candidates.map(() => 0n);
      for (const paper of papers) {
        let w = U;
        for (const c of paper) {
          const keep = ceil(w * kf[c], U);
          v[c] += keep;
          w -= keep;
          if (w === 0n) break;
        }
      }
      const q = v.reduce((a, x) => a + x, 0n) / BigInt(seats + 1) + 1n;
      const winners = [...Array(n).keys()].filter((c) => state[c] === 'hopeful' && v[c] >= q);
      winners.sort((x, y) => (v[x] > v[y] ? -1 : v[x] < v[y] ? 1 : x - y));
      winners.forEach((c) => ((state[c] = 'elected'), elected.push(candidates[c])));
      let s = 0n;
      state.forEach((st, c) => (s += st === 'elected' ? v[c] - q : 0n));
      if (s < 0n) s = 0n;
      if (winners.length > 0) {
        rounds.push(v);
        break;
      }
      if (s < 1000n || (previous !== undefined && s >= previous)) {
        rounds.push(v);
        const hopeful = [...Array(n).keys()].filter((c) => state[c] === 'hopeful');
        const low = hopeful.reduce((x, c) => (v[c] < v[x] ? c : x));
        tied ||= hopeful.filter((c) => v[c] <= v[low] + s).length > 1;
        state[low] = 'defeated';
        kf[low] = 0n;
        break;
      }
      previous = s;
      state.forEach((st, c) => {
        if (st === 'elected') kf[c] = ceil(ceil(kf[c] * q, U) * U, v[c]);
      });
    }
  }
  if (num('elected') < seats) {
    // C.1, in the same order as the count reports it: by votes of the last round, then index.
    const last = rounds[rounds.length - 1] ?? candidates.map(() => 0n);
    const rest = [...Array(n).keys()].filter((c) => state[c] === 'hopeful');
    rest.sort((x, y) => (last[x] > last[y] ? -1 : last[x] < last[y] ? 1 : x - y));
    rest.forEach((c) => elected.push(candidates[c]));
  }
  return { elected, rounds, tied };
}

describe('Meek STV (PRF reference rule)', () => {
  // Worked by hand, 9 decimal places. 8 ballots, 2 seats: 4 A B | 1 B | 2 C | 1 D C.
  // Round 1, iteration 1: all keep factors 1, so A 4, B 1, C 2, D 1.
  //   B.2.b quota = 8 / 3 = 2.666666666 (truncated) + 0.000000001 = 2.666666667.
  //   B.2.c A (4 >= q) is elected -> stage 1 ('iteration'); s = 4 - 2.666666667 = 1.333333333.
  // Round 2, iteration 1: same votes, no winner; s = 1.333333333 >= omega, so B.2.f:
  //   kf(A) = 1 x 2.666666667 (rounded up: 2.666666667) / 4 = 0.66666666675 -> up 0.666666667.
  // Round 2, iteration 2: each A B ballot keeps 1 x 0.666666667 for A (rounded up) and passes
  //   w = 0.333333333 on to B. A = 4 x 0.666666667 = 2.666666668; B = 1 + 4 x 0.333333333 =
  //   2.333333332; C 2; D 1; total still 8, quota 2.666666667, no winner,
  //   s = 2.666666668 - 2.666666667 = 0.000000001 < omega = 0.000001 -> B.3: D (1, alone within
  //   1 + s) is defeated -> stage 2 ('exclusion', 2 iterations).
  // Round 3, iteration 1: D's ballot now goes to C: C = 3 >= 2.666666667 -> C elected (stage 3).
  // Seats filled: B is defeated by C.2 (no stage). Elected: A, C.
  it('matches the hand-worked example', () => {
    const result = meek({
      candidates: ['A', 'B', 'C', 'D'],
      seats: 2,
      ballots: [b(4, 'A', 'B'), b(1, 'B'), b(2, 'C'), b(1, 'D', 'C')],
    });
    expect(result.decimals).toBe(9);
    expect(result.elected).toEqual(['A', 'C']);
    expect(result.excluded).toEqual(['D']);
    expect(result.quota).toBe('2.666666667');
    expect(result.stages).toHaveLength(3);
    const [s1, s2, s3] = result.stages;
    expect(s1).toMatchObject({
      action: 'iteration',
      votes: { A: '4.000000000', B: '1.000000000', C: '2.000000000', D: '1.000000000' },
      quota: '2.666666667',
      surplus: '1.333333333',
      elected: ['A'],
      iterations: 1,
    });
    expect(s2).toMatchObject({
      action: 'exclusion',
      subject: 'D',
      votes: { A: '2.666666668', B: '2.333333332', C: '2.000000000', D: '1.000000000' },
      keepFactors: { A: '0.666666667' },
      surplus: '0.000000001',
      exhausted: '0.000000000',
      excluded: ['D'],
      iterations: 2,
    });
    expect(s2.tieBreak).toBeUndefined();
    expect(s3).toMatchObject({
      action: 'iteration',
      votes: { A: '2.666666668', B: '2.333333332', C: '3.000000000', D: '0.000000000' },
      elected: ['C'],
    });
  });

  // 7 ballots, 1 seat: 3 A | 2 B A | 2 C. Quota = 7 / 2 + 0.000000001 = 3.500000001; nobody
  // elected and no surplus (s = 0 < omega), so B.3 defeats the lowest: B and C are tied (2 <= 2 +
  // 0), and procedure T is our seeded lot: lowest SHA-256("<seed>:1:<id>") is defeated.
  it('breaks a tie for defeat by the seeded lot', () => {
    const ballots = [b(3, 'A'), b(2, 'B', 'A'), b(2, 'C')];
    const input = { candidates: ['A', 'B', 'C'], seats: 1, ballots };
    const digest = (seed: string, id: string): string => createHash('sha256').update(`${seed}:1:${id}`).digest('hex');
    const chosen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const seed = `s${i}`;
      const result = meek({ ...input, seed });
      const loser = digest(seed, 'B') < digest(seed, 'C') ? 'B' : 'C';
      expect(result.stages[0].tieBreak).toMatchObject({
        purpose: 'exclusion',
        among: ['B', 'C'],
        method: 'lot',
        chosen: loser,
      });
      expect(result.excluded[0]).toBe(loser);
      expect(meek({ ...input, seed })).toEqual(result);
      chosen.add(loser);
    }
    expect([...chosen].sort()).toEqual(['B', 'C']);
  });

  // 9 ballots, 2 seats: 2 A D | 3 D B | 1 C | 3 D E.
  // Round 1: A 2, C 1, D 6; quota 9 / 3 + 0.000000001 = 3.000000001; D elected (stage 1).
  // Round 2: s = 2.999999999, kf(D) = 3.000000001 / 6 = 0.5000000001.. -> up 0.500000001.
  //   Iteration 2: D keeps 6 x 0.500000001 = 3.000000006 and passes 0.499999999 per ballot:
  //   B = E = 3 x 0.499999999 = 1.499999997. s = 0.000000005 < omega: C (1) is defeated.
  // Round 3: C's ballot is now excess, total 8, quota 2.666666667, s = 0.333333339:
  //   kf(D) = 0.500000001 x 2.666666667 = 1.3333333361.. -> up 1.333333337, / 3.000000006 ->
  //   up 0.444444445. Iteration 2: D 6 x 0.444444445 = 2.666666670, B = E = 3 x 0.555555555 =
  //   1.666666665, s = 0.000000003 < omega. B and E are exactly tied: lot (stage 3).
  // Round 4 (E defeated, with the lot of seed ''): D's keep factor tends to 1/3, converging by a
  //   factor of 6 per iteration; after 9 iterations A 2.000000000, B 1.999999800 and
  //   s = 0.000000333 < omega. B is lowest, but A is within B + s, so B.3 counts A and B as tied
  //   and the lot decides between them, even though A has more votes.
  it('counts candidates within the total surplus of the lowest as tied (B.3)', () => {
    const ballots = [b(2, 'A', 'D'), b(3, 'D', 'B'), b(1, 'C'), b(3, 'D', 'E')];
    const result = meek({ candidates: ['A', 'B', 'C', 'D', 'E'], seats: 2, ballots });
    const [s1, s2, s3, s4] = result.stages;
    expect([s1.quota, s1.elected]).toEqual(['3.000000001', ['D']]);
    expect(s2).toMatchObject({
      subject: 'C',
      surplus: '0.000000005',
      keepFactors: { D: '0.500000001' },
      votes: { B: '1.499999997', D: '3.000000006', E: '1.499999997' },
    });
    expect(s3).toMatchObject({
      quota: '2.666666667',
      surplus: '0.000000003',
      keepFactors: { D: '0.444444445' },
      votes: { B: '1.666666665', D: '2.666666670', E: '1.666666665' },
      tieBreak: { among: ['B', 'E'], method: 'lot', chosen: 'E' },
    });
    expect(s4).toMatchObject({
      votes: { A: '2.000000000', B: '1.999999800' },
      surplus: '0.000000333',
      iterations: 9,
      tieBreak: { purpose: 'exclusion', among: ['A', 'B'], method: 'lot' },
    });
    const digest = (id: string): string => createHash('sha256').update(`:4:${id}`).digest('hex');
    const loser = digest('A') < digest('B') ? 'A' : 'B';
    expect(s4.subject).toBe(loser);
    expect(result.elected).toEqual(['D', loser === 'A' ? 'B' : 'A']);
  });

  it('gives the same figures as a naive ballot-by-ballot transcription of the rule', () => {
    const ids = ['A', 'B', 'C', 'D', 'E'];
    const ballot = fc.record({
      weight: fc.integer({ min: 1, max: 4 }),
      ranking: fc.shuffledSubarray(ids, { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 3 }), (ballots, seats) => {
        const expected = referenceMeek(ids, seats, ballots);
        fc.pre(!expected.tied);
        const result = meek({ candidates: ids, seats, ballots });
        expect(result.elected).toEqual(expected.elected);
        const rounds = result.stages.filter((s) => s.action !== 'elect-remaining');
        expect(rounds.map((s) => ids.map((id) => parseFixed(s.votes[id], 9)))).toEqual(expected.rounds);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('converges over several iterations when elected candidates pass votes to each other', () => {
    // A and B pass part of their ballots to each other, so after E's defeat the keep factors
    // need many iterations (B.2.f) before the total surplus falls below omega.
    const candidates = ['A', 'B', 'C', 'D', 'E'];
    const ballots = [b(12, 'A', 'B', 'C'), b(3, 'A', 'D'), b(10, 'B', 'A', 'D'), b(5, 'C')];
    ballots.push(b(6, 'D'), b(4, 'E', 'C'));
    const result = meek({ candidates, seats: 3, ballots });
    const expected = referenceMeek(candidates, 3, ballots);
    expect(expected.tied).toBe(false);
    expect(result.elected).toEqual(['A', 'B', 'C']);
    expect(result.elected).toEqual(expected.elected);
    const exclusion = result.stages.find((s) => s.action === 'exclusion');
    expect(exclusion?.subject).toBe('E');
    expect(exclusion?.iterations).toBeGreaterThan(10);
    expect(parseFixed(exclusion?.surplus ?? '1', 9)).toBeLessThan(1000n);
    const figures = result.stages.map((s) => candidates.map((id) => parseFixed(s.votes[id], 9)));
    expect(figures).toEqual(expected.rounds);
  });
});

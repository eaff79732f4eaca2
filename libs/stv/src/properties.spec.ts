import fc from 'fast-check';

import { count, parseFixed, type CountInput, type CountingRules } from './index';

const RULES: CountingRules[] = ['scottish-stv', 'meek-stv'];
const RUNS = { numRuns: 150 };

// Small elections: 2-6 candidates, 1-3 seats, up to 30 ballot lines of weight 1-3 with any
// ranking (including empty ones), a random subset withdrawn and a random seed.
const election = (rules: CountingRules): fc.Arbitrary<CountInput> =>
  fc.integer({ min: 2, max: 6 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `cand-${i}`);
    return fc.record({
      candidates: fc.constant(ids),
      seats: fc.integer({ min: 1, max: 3 }),
      ballots: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 3 }), ranking: fc.shuffledSubarray(ids) }), { maxLength: 30 }),
      withdrawn: fc.subarray(ids, { maxLength: 2 }),
      seed: fc.string({ maxLength: 8 }),
      rules: fc.constant(rules),
    });
  });

describe.each(RULES)('count properties (%s)', (rules) => {
  // Precondition: at least `seats` candidates are not withdrawn. Then exactly `seats` are
  // elected: a candidate is only ever excluded while the continuing candidates outnumber the
  // vacancies, and rule 52 / C.1 fills the rest, even with candidates who have no votes at all.
  // With fewer non-withdrawn candidates than seats, every one of them is elected.
  it('elects exactly min(seats, non-withdrawn candidates), all distinct', () => {
    fc.assert(
      fc.property(election(rules), (input) => {
        const result = count(input);
        const standing = input.candidates.length - (input.withdrawn?.length ?? 0);
        expect(result.elected).toHaveLength(Math.min(input.seats, standing));
        expect(new Set(result.elected).size).toBe(result.elected.length);
        for (const id of result.elected) {
          expect(result.excluded).not.toContain(id);
          expect(result.withdrawn).not.toContain(id);
        }
      }),
      RUNS,
    );
  });

  // Droop quota floor(V / (seats + 1)) + 1 of first preferences among V valid ballots: Scottish
  // elects such a candidate at stage 1 (rules 46-47); for Meek it exceeds the first iteration's
  // quota V / (seats + 1) + 0.000000001, so B.2.c elects it in the first iteration.
  it('elects a candidate holding a quota of first preferences', () => {
    fc.assert(
      fc.property(election(rules), (input) => {
        const result = count(input);
        const quota = Math.floor(result.validBallots / (input.seats + 1)) + 1;
        const withdrawn = new Set(input.withdrawn);
        const first = new Map<string, number>();
        for (const ballot of input.ballots) {
          const top = ballot.ranking.find((id) => !withdrawn.has(id));
          if (top !== undefined) first.set(top, (first.get(top) ?? 0) + (ballot.weight ?? 1));
        }
        for (const [id, votes] of first) {
          if (votes >= quota) expect(result.elected).toContain(id);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the ballots', () => {
    fc.assert(
      fc.property(
        election(rules).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.ballots, {
              minLength: input.ballots.length,
            }),
          ),
        ),
        ([input, shuffled]) => {
          expect(count({ ...input, ballots: shuffled })).toEqual(count(input));
        },
      ),
      RUNS,
    );
  });

  it('gives the same result for the same seed and does not modify its input', () => {
    fc.assert(
      fc.property(election(rules), (input) => {
        const before = JSON.stringify(input);
        const result = count(input);
        expect(JSON.stringify(input)).toBe(before);
        expect(count(JSON.parse(before) as CountInput)).toEqual(result);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      RUNS,
    );
  });

  // Auditability: at every stage the figures add up to the valid ballots exactly.
  it('accounts for every valid ballot at every stage', () => {
    fc.assert(
      fc.property(election(rules), (input) => {
        const result = count(input);
        const d = result.decimals;
        for (const stage of result.stages) {
          const votes = Object.values(stage.votes).reduce((a, v) => a + parseFixed(v, d), 0n);
          const accounted = votes + parseFixed(stage.exhausted, d) + parseFixed(stage.lost, d);
          expect(accounted).toBe(BigInt(result.validBallots) * 10n ** BigInt(d));
          expect(stage.number).toBe(result.stages.indexOf(stage) + 1);
        }
      }),
      RUNS,
    );
  });
});

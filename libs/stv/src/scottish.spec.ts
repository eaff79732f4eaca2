import { createHash } from 'node:crypto';

import { count, parseFixed, type CountInput, type CountResult } from './index';

const b = (weight: number, ...ranking: string[]) => ({ weight, ranking });

const scottish = (input: Omit<CountInput, 'rules' | 'seed'> & { seed?: string }): CountResult =>
  count({ seed: '', ...input, rules: 'scottish-stv' });

// Every stage must account for every valid ballot exactly: votes + exhausted + lost.
function expectConservation(result: CountResult): void {
  for (const stage of result.stages) {
    const votes = Object.values(stage.votes).reduce((a, v) => a + parseFixed(v, 5), 0n);
    const total = votes + parseFixed(stage.exhausted, 5) + parseFixed(stage.lost, 5);
    expect(total).toBe(BigInt(result.validBallots) * 100000n);
  }
}

describe('Scottish STV (SSI 2007/42 rules 45-52), hand-checked counts', () => {
  // 22 valid ballots, 2 seats: quota (rule 46) = floor(22 / 3) + 1 = 8.
  //   7 A B C | 2 A | 3 A C B | 4 B | 3 C D | 2 D | 1 E D
  // Stage 1 (rule 45): A 12, B 4, C 3, D 2, E 1; A >= 8 is elected (rule 47).
  // Stage 2 (rule 48): A's surplus 4 over a total of 12; every paper has value 1, so
  //   transfer value = 4 x 1 / 12 = 0.333333.. -> 0.33333 (five places, remainder ignored).
  //   7 papers to B = 2.33331, 3 papers to C = 0.99999, 2 papers non-transferable = 0.66666;
  //   lost to truncation = 4 - 2.33331 - 0.99999 - 0.66666 = 0.00004. A keeps the quota, 8.
  //   B 6.33331, C 3.99999, D 2, E 1.
  // Stage 3 (rule 50): E (1) is lowest and excluded; its paper goes to D: D 3.
  // Stage 4: D (3) excluded; D's 3 papers (2 "D", 1 "E D") have no continuing preference left:
  //   exhausted = 0.66666 + 3 = 3.66666.
  // Stage 5: C (3.99999) excluded. Two parcels by value (rule 50(4)): value 1 (3 "C D", D gone)
  //   is non-transferable = 3; value 0.33333 (3 "A C B") goes to B = 0.99999 -> B 7.33330;
  //   exhausted = 6.66666.
  // Stage 6 (rule 52): B is the only continuing candidate for the one vacancy: elected.
  // Check: 8 + 7.33330 + 6.66666 + 0.00004 = 22.
  const first = {
    candidates: ['A', 'B', 'C', 'D', 'E'],
    seats: 2,
    ballots: [b(7, 'A', 'B', 'C'), b(2, 'A'), b(3, 'A', 'C', 'B'), b(4, 'B'), b(3, 'C', 'D'), b(2, 'D'), b(1, 'E', 'D')],
  };

  it('transfers a truncated surplus, exhausts papers and excludes the lowest', () => {
    const result = scottish(first);
    expect(result.quota).toBe('8.00000');
    expect(result.validBallots).toBe(22);
    expect(result.elected).toEqual(['A', 'B']);
    expect(result.excluded).toEqual(['E', 'D', 'C']);
    expect(result.stages.map((s) => [s.action, s.subject ?? null])).toEqual([
      ['first', null],
      ['surplus', 'A'],
      ['exclusion', 'E'],
      ['exclusion', 'D'],
      ['exclusion', 'C'],
      ['elect-remaining', null],
    ]);
    const [s1, s2, s3, s4, s5, s6] = result.stages;
    expect(s1.votes).toEqual({
      A: '12.00000',
      B: '4.00000',
      C: '3.00000',
      D: '2.00000',
      E: '1.00000',
    });
    expect(s1.elected).toEqual(['A']);
    expect(s2.votes).toEqual({
      A: '8.00000',
      B: '6.33331',
      C: '3.99999',
      D: '2.00000',
      E: '1.00000',
    });
    expect(s2.transfers).toEqual({
      from: 'A',
      surplus: '4.00000',
      fromTotal: '12.00000',
      lost: '0.00004',
      parcels: [
        {
          valueReceived: '1.00000',
          transferValue: '0.33333',
          papers: 12,
          to: { B: { papers: 7, votes: '2.33331' }, C: { papers: 3, votes: '0.99999' } },
          nonTransferable: { papers: 2, votes: '0.66666' },
        },
      ],
    });
    expect([s2.exhausted, s2.lost]).toEqual(['0.66666', '0.00004']);
    expect(s3.votes.D).toBe('3.00000');
    expect(s4.exhausted).toBe('3.66666');
    expect(s5.votes.B).toBe('7.33330');
    expect(s5.exhausted).toBe('6.66666');
    expect(s5.transfers?.parcels.map((p) => [p.valueReceived, p.to, p.nonTransferable])).toEqual([
      ['1.00000', {}, { papers: 3, votes: '3.00000' }],
      ['0.33333', { B: { papers: 3, votes: '0.99999' } }, { papers: 0, votes: '0.00000' }],
    ]);
    expect(s6.elected).toEqual(['B']);
    expect(s6.note).toMatch(/rule 52/);
    expectConservation(result);
  });

  // 17 ballots, 1 seat: quota = floor(17 / 2) + 1 = 9.
  //   6 A | 5 B | 3 C | 2 D B | 1 E D A
  // Stage 1: A 6, B 5, C 3, D 2, E 1. Stage 2: E excluded -> D 3.
  // Stage 3: C and D tie on 3. Rule 51(2)(a): at stage 2 they were still equal (3, 3); at
  //   stage 1 C had 3 and D 2, so D (lower) is excluded: 2 "D B" -> B 7, 1 "E D A" -> A 7.
  // Stage 4: C (3) excluded, its 3 papers exhausted.
  // Stage 5: A and B tie on 7; equal at stages 4 and 3, at stage 2 A 6 > B 5: B is excluded.
  // Stage 6 (rule 52): A is elected.
  it('breaks exclusion ties by looking back to the last stage where the votes differed', () => {
    const result = scottish({
      candidates: ['A', 'B', 'C', 'D', 'E'],
      seats: 1,
      ballots: [b(6, 'A'), b(5, 'B'), b(3, 'C'), b(2, 'D', 'B'), b(1, 'E', 'D', 'A')],
    });
    expect(result.quota).toBe('9.00000');
    expect(result.excluded).toEqual(['E', 'D', 'C', 'B']);
    expect(result.elected).toEqual(['A']);
    const [, , s3, , s5, s6] = result.stages;
    expect(s3.tieBreak).toEqual({
      purpose: 'exclusion',
      among: ['C', 'D'],
      method: 'look-back',
      chosen: 'D',
      decidedAtStage: 1,
    });
    expect([s3.votes.A, s3.votes.B, s3.votes.C]).toEqual(['7.00000', '7.00000', '3.00000']);
    expect(s5.tieBreak).toMatchObject({ method: 'look-back', chosen: 'B', decidedAtStage: 2 });
    expect(s6.action).toBe('elect-remaining');
    expectConservation(result);
  });

  // 35 ballots, 4 seats: quota = floor(35 / 5) + 1 = 8.
  //   6 A B | 10 A C | 6 B D | 4 C E | 5 D | 4 E
  // Stage 1: A 16 (elected), B 6, C 4, D 5, E 4.
  // Stage 2: A's surplus 8 / 16 = transfer value 0.5: B 6 + 3 = 9, C 4 + 5 = 9, both elected.
  // Stage 3: B and C have equal surpluses (1). Rule 49(2): at stage 1 B had 6 and C 4, so B's
  //   surplus goes first. B holds 6 papers of value 1 and 6 of value 0.5 (weighted inclusive
  //   Gregory, rule 48(4)): value 1 -> 1 x 1 / 9 = 0.11111, 6 "B D" to D = 0.66666;
  //   value 0.5 -> 1 x 0.5 / 9 = 0.05555, 6 "A B" non-transferable = 0.33330;
  //   lost 1 - 0.66666 - 0.33330 = 0.00004. D 5.66666.
  // Stage 4: C's surplus: 4 "C E" at 0.11111 -> E 4.44444; 10 "A C" at 0.05555
  //   non-transferable = 0.55550; lost 0.00006 (0.00010 in all); exhausted 0.88880.
  // Stage 5: E (4.44444) excluded: its 8 papers exhaust 4 + 0.44444 -> exhausted 5.33324.
  // Stage 6: rule 52 elects D. Check: 8 + 8 + 8 + 5.66666 + 5.33324 (exhausted) + 0.00010 = 35.
  it('orders equal surpluses by look-back and transfers papers of different values', () => {
    const result = scottish({
      candidates: ['A', 'B', 'C', 'D', 'E'],
      seats: 4,
      ballots: [b(6, 'A', 'B'), b(10, 'A', 'C'), b(6, 'B', 'D'), b(4, 'C', 'E'), b(5, 'D'), b(4, 'E')],
    });
    expect(result.quota).toBe('8.00000');
    expect(result.elected).toEqual(['A', 'B', 'C', 'D']);
    const [, s2, s3, s4, s5, s6] = result.stages;
    expect(s2.elected).toEqual(['B', 'C']);
    expect([s2.votes.B, s2.votes.C]).toEqual(['9.00000', '9.00000']);
    expect(s3.subject).toBe('B');
    expect(s3.tieBreak).toEqual({
      purpose: 'surplus-order',
      among: ['B', 'C'],
      method: 'look-back',
      chosen: 'B',
      decidedAtStage: 1,
    });
    expect(s3.transfers?.parcels).toEqual([
      {
        valueReceived: '1.00000',
        transferValue: '0.11111',
        papers: 6,
        to: { D: { papers: 6, votes: '0.66666' } },
        nonTransferable: { papers: 0, votes: '0.00000' },
      },
      {
        valueReceived: '0.50000',
        transferValue: '0.05555',
        papers: 6,
        to: {},
        nonTransferable: { papers: 6, votes: '0.33330' },
      },
    ]);
    expect([s3.votes.D, s3.transfers?.lost]).toEqual(['5.66666', '0.00004']);
    expect([s4.subject, s4.votes.E, s4.lost, s4.exhausted]).toEqual(['C', '4.44444', '0.00010', '0.88880']);
    expect([s5.action, s5.subject, s5.exhausted]).toEqual(['exclusion', 'E', '5.33324']);
    expect([s6.action, s6.elected]).toEqual(['elect-remaining', ['D']]);
    expectConservation(result);
  });

  // Two candidates on 2 votes each for 1 seat: equal at every stage, so rule 51(2)(b) decides by
  // lot. The lot for stage 2 excludes the candidate whose SHA-256("<seed>:2:<id>") is lowest.
  it('breaks a tie that look-back cannot resolve by a lot drawn from the seed', () => {
    const input = { candidates: ['B', 'C'], seats: 1, ballots: [b(2, 'B'), b(2, 'C')] };
    const digest = (seed: string, id: string): string => createHash('sha256').update(`${seed}:2:${id}`).digest('hex');
    const winners = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const seed = `seed-${i}`;
      const result = scottish({ ...input, seed });
      const loser = digest(seed, 'B') < digest(seed, 'C') ? 'B' : 'C';
      expect(result.stages[1].tieBreak).toMatchObject({ method: 'lot', chosen: loser });
      expect(result.stages[1].tieBreak?.lots?.[0]).toEqual({
        candidate: loser,
        digest: digest(seed, loser),
      });
      expect(result.elected).toEqual([loser === 'B' ? 'C' : 'B']);
      // Same seed, same result, whatever the ballot order.
      const again = scottish({ ...input, seed, ballots: [...input.ballots].reverse() });
      expect(again).toEqual(result);
      winners.add(result.elected[0]);
    }
    // Different seeds do give different draws.
    expect([...winners].sort()).toEqual(['B', 'C']);
  });

  // 13 valid ballots, 2 seats, C withdrawn: quota = floor(13 / 3) + 1 = 5. A (10) is elected at
  // stage 1; B is then the only continuing candidate for the last vacancy, so rule 52 elects B
  // and A's surplus is never transferred (52(2): no further transfer).
  it('fills the last vacancy without transferring a pending surplus (rule 52)', () => {
    const result = scottish({
      candidates: ['A', 'B', 'C'],
      seats: 2,
      withdrawn: ['C'],
      ballots: [b(10, 'A', 'B'), b(2, 'B'), b(1, 'C', 'B'), b(4, 'C'), { ranking: [] }],
    });
    expect(result.validBallots).toBe(13);
    expect(result.invalidBallots).toBe(5);
    expect(result.withdrawn).toEqual(['C']);
    expect(result.quota).toBe('5.00000');
    expect(result.stages).toHaveLength(2);
    expect(result.stages[1]).toMatchObject({
      action: 'elect-remaining',
      votes: { A: '10.00000', B: '3.00000' },
      elected: ['B'],
    });
    expect(result.stages[1].transfers).toBeUndefined();
    expect(result.elected).toEqual(['A', 'B']);
  });

  it('elects every continuing candidate when there are fewer than the seats', () => {
    const result = scottish({ candidates: ['A', 'B'], seats: 3, ballots: [b(1, 'B', 'A')] });
    expect(result.quota).toBe('1.00000');
    expect(result.elected).toEqual(['B', 'A']);
  });
});

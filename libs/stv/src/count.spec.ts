import { createHash } from 'node:crypto';

import { ceilDiv, formatFixed, parseFixed } from './fixed';
import { count, CountInputError, drawLots, type CountInput } from './index';
import { lookBack } from './tiebreak';

const base: CountInput = {
  candidates: ['A', 'B', 'C'],
  seats: 1,
  ballots: [{ ranking: ['A', 'B'] }],
  seed: '',
  rules: 'scottish-stv',
};

describe('count input validation', () => {
  const cases: [string, Partial<CountInput>, RegExp][] = [
    ['seats below 1', { seats: 0 }, /seats must be an integer of at least 1/],
    ['fractional seats', { seats: 1.5 }, /seats must be an integer/],
    ['duplicate candidate ids', { candidates: ['A', 'B', 'A'] }, /duplicate candidate id "A"/],
    ['an unknown candidate in a ballot', { ballots: [{ ranking: ['A'] }, { ranking: ['B', 'Z'] }] }, /ballot 2: unknown candidate "Z"/],
    [
      'a candidate repeated within one ranking',
      { ballots: [{ ranking: ['A', 'B', 'A'] }] },
      /ballot 1: candidate "A" is ranked more than once/,
    ],
    ['a zero weight', { ballots: [{ weight: 0, ranking: ['A'] }] }, /weight must be a positive/],
    ['an unknown withdrawn id', { withdrawn: ['Q'] }, /withdrawn candidate "Q" is not a/],
  ];

  it.each(cases)('rejects %s', (_, change, message) => {
    for (const rules of ['scottish-stv', 'meek-stv'] as const) {
      const run = (): unknown => count({ ...base, ...change, rules });
      expect(run).toThrow(CountInputError);
      expect(run).toThrow(message);
    }
  });

  it('rejects unknown rules', () => {
    const input = { ...base, rules: 'borda' } as unknown as CountInput;
    expect(() => count(input)).toThrow(/unknown counting rules "borda"/);
  });

  it('counts empty rankings as invalid ballots, not towards the quota', () => {
    const result = count({
      ...base,
      ballots: [{ ranking: [] }, { weight: 3, ranking: [] }, { weight: 2, ranking: ['B'] }],
    });
    expect([result.validBallots, result.invalidBallots]).toEqual([2, 4]);
    expect(result.quota).toBe('2.00000');
    expect(result.elected).toEqual(['B']);
  });
});

describe('lots and look-back', () => {
  it('orders tied candidates by SHA-256 of seed:stage:id, independent of their order', () => {
    const digest = (id: string): string => createHash('sha256').update(`panel-7:4:${id}`).digest('hex');
    const draw = drawLots('panel-7', 4, ['x', 'y', 'z']);
    expect(draw.map((d) => d.digest)).toEqual(['x', 'y', 'z'].map(digest).sort());
    expect(drawLots('panel-7', 4, ['z', 'x', 'y'])).toEqual(draw);
    expect(drawLots('panel-7', 5, ['x', 'y', 'z'])).not.toEqual(draw);
  });

  it('looks back to the most recent stage with unequal votes', () => {
    // Candidates 0, 1, 2; stage 1: 5 5 4, stage 2: 6 7 6, stage 3: 8 8 8 (the tie).
    const history = [
      [5n, 5n, 4n],
      [6n, 7n, 6n],
      [8n, 8n, 8n],
    ];
    expect(lookBack([0, 1, 2], history, 3, 'highest')).toEqual({
      decided: true,
      chosen: 1,
      stage: 2,
    });
    // Lowest at stage 2 is shared by 0 and 2; stage 1 separates them (2 has 4).
    expect(lookBack([0, 1, 2], history, 3, 'lowest')).toEqual({
      decided: true,
      chosen: 2,
      stage: 1,
    });
    expect(
      lookBack(
        [0, 1],
        [
          [5n, 5n],
          [9n, 9n],
        ],
        2,
        'lowest',
      ),
    ).toEqual({
      decided: false,
      remaining: [0, 1],
    });
  });
});

describe('fixed point', () => {
  it('formats and parses exact decimals', () => {
    expect(formatFixed(123456n, 5)).toBe('1.23456');
    expect(formatFixed(5n, 9)).toBe('0.000000005');
    expect(formatFixed(-42n, 2)).toBe('-0.42');
    expect(parseFixed('7.33330', 5)).toBe(733330n);
    expect(parseFixed('3', 5)).toBe(300000n);
    expect(() => parseFixed('1.234567', 5)).toThrow(RangeError);
  });

  it('rounds up only when there is a remainder', () => {
    expect(ceilDiv(10n, 5n)).toBe(2n);
    expect(ceilDiv(11n, 5n)).toBe(3n);
    expect(ceilDiv(0n, 5n)).toBe(0n);
  });
});

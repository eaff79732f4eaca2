import { createHash } from 'node:crypto';
import { drawDivision, drawKey } from './draw';

describe('appellate division draw', () => {
  const ids = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];

  it('is reproducible from the seed and independent of the roster order', () => {
    const one = drawDivision('seed-1', ids);
    expect(one).toHaveLength(3);
    expect(drawDivision('seed-1', [...ids].reverse())).toEqual(one);
  });

  it('takes the three lowest SHA-256(seed:id)', () => {
    const expected = [...ids].sort((a, b) => drawKey('s', a).localeCompare(drawKey('s', b))).slice(0, 3);
    expect(drawDivision('s', ids)).toEqual(expected);
    expect(drawKey('s', 'a1')).toBe(createHash('sha256').update('s:a1').digest('hex'));
  });

  it('draws differently for different seeds (some seed among a few)', () => {
    const draws = new Set(['x', 'y', 'z', 'w'].map((s) => drawDivision(s, ids).join()));
    expect(draws.size).toBeGreaterThan(1);
  });
});

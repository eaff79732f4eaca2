import { randomBytes } from 'node:crypto';
import { isBase64Text } from './base64';

describe('isBase64Text', () => {
  it('accepts what Buffer encodes, with each amount of padding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 6, 100, 1001]) {
      expect(isBase64Text(randomBytes(n).toString('base64'))).toBe(true);
    }
    expect(isBase64Text('QQ==')).toBe(true);
    expect(isBase64Text('QUI=')).toBe(true);
    expect(isBase64Text('QUJD')).toBe(true);
  });

  it('refuses a wrong length, foreign characters, misplaced or excess padding', () => {
    for (const bad of [
      'Q',
      'QU',
      'QUJ',
      'QUJDR',
      'QU JD',
      'QUJ\n',
      'QUJ-',
      'QUJ_',
      'QUJé',
      'Q===',
      '====',
      '=QUJ',
      'QU=D',
      'QUJD====',
      'QQ==QUJD',
    ]) {
      expect({ bad, ok: isBase64Text(bad) }).toEqual({ bad, ok: false });
    }
  });

  it('checks a file of 30 MB without a stack overflow', () => {
    const text = randomBytes(30 * 1024 * 1024).toString('base64');
    expect(isBase64Text(text)).toBe(true);
    expect(isBase64Text(`${text.slice(0, -4)}QU*D`)).toBe(false);
  });
});

import { createSecretKey } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const key = createSecretKey(Buffer.from('a secret of the tests, long enough for HS256'));
  const options = { algorithms: ['HS256' as const], issuer: 'dispute-body', audience: 'dispute-body-api', ignoreExpiration: true };
  const tokenOf = (claims: object, secret: string | Buffer = key.export()) =>
    sign(claims, secret, { algorithm: 'HS256', issuer: 'dispute-body', audience: 'dispute-body-api' });
  const counted = () => {
    let calls = 0;
    const tokens = new VerifiedTokens(3, (token) => {
      calls += 1;
      return verify(token, key, options) as { sub: string };
    });
    return { tokens, calls: () => calls };
  };

  it('checks a token once and hands back the same claims after', () => {
    const { tokens, calls } = counted();
    const token = tokenOf({ sub: 'u1' });
    const first = tokens.claimsOf(token);
    expect(first.sub).toBe('u1');
    expect(tokens.claimsOf(token)).toBe(first);
    expect(calls()).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('keeps no token that fails the check, and checks it again each time', () => {
    const { tokens, calls } = counted();
    const forged = tokenOf({ sub: 'u1' }, 'another secret');
    expect(() => tokens.claimsOf(forged)).toThrow('invalid signature');
    expect(() => tokens.claimsOf(forged)).toThrow('invalid signature');
    expect(calls()).toBe(2);
    expect(tokens.size).toBe(0);
  });

  it('keys by the exact text: a kept token with one character changed is checked, and refused', () => {
    const { tokens } = counted();
    const token = tokenOf({ sub: 'u1' });
    tokens.claimsOf(token);
    const [header, payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'u2' })).toString(
      'base64url',
    );
    expect(() => tokens.claimsOf(`${header}.${other}.${signature}`)).toThrow('invalid signature');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(() => tokens.claimsOf(`${header}.${payload}.${flipped}`)).toThrow('invalid signature');
  });

  it('holds at most its capacity, forgetting the oldest first', () => {
    const { tokens, calls } = counted();
    const list = ['a', 'b', 'c', 'd'].map((sub) => tokenOf({ sub }));
    for (const token of list) tokens.claimsOf(token);
    expect(tokens.size).toBe(3);
    expect(calls()).toBe(4);
    tokens.claimsOf(list[3]);
    expect(calls()).toBe(4);
    // The first was forgotten: checked again.
    expect(tokens.claimsOf(list[0]).sub).toBe('a');
    expect(calls()).toBe(5);
  });

  it('refuses a capacity that is no positive integer', () => {
    expect(() => new VerifiedTokens(0, () => ({}))).toThrow(RangeError);
  });
});

import { randomBytes } from 'node:crypto';
import { openSecret as open, sealSecret as seal } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);
  const secret = Buffer.from('12345678901234567890');

  it('opens what it sealed, and the sealed text holds no trace of the secret', () => {
    const sealed = seal(key, secret, 'user-1');
    expect(open(key, sealed, 'user-1')).toEqual(secret);
    expect(sealed).not.toContain(secret.toString('base64url'));
    expect(seal(key, secret, 'user-1')).not.toBe(sealed);
  });

  it('refuses another key, another context (a row copied to another user) or a tampered text', () => {
    const sealed = seal(key, secret, 'user-1');
    expect(() => open(randomBytes(32), sealed, 'user-1')).toThrow();
    expect(() => open(key, sealed, 'user-2')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => open(key, [...parts.slice(0, 3), body.toString('base64url')].join('.'), 'user-1')).toThrow();
  });
});

import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  hotp,
  matchTotp,
  newRecoveryCode,
  normalizeRecoveryCode,
  otpauthUri,
  totpCode,
  totpStep,
} from './totp';

// RFC 6238 Appendix B, SHA-1: the seed "12345678901234567890", 8 digits.
const RFC_SECRET = Buffer.from('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('gives the RFC 6238 code at %i s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code.slice(2));
  });

  it('gives the RFC 4226 HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts one step of drift either way, never a step already used', () => {
    const at = new Date(1_800_000_000_000);
    const step = totpStep(at);
    for (const drift of [-1, 0, 1]) {
      const code = hotp(RFC_SECRET, step + drift);
      expect(matchTotp(RFC_SECRET, code, at, null)).toBe(step + drift);
      expect(matchTotp(RFC_SECRET, code, at, step + drift)).toBeNull();
      expect(matchTotp(RFC_SECRET, code, at, step + drift - 1)).toBe(step + drift);
    }
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step - 2), at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step + 2), at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, '12345', at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, 'abcdef', at, null)).toBeNull();
  });

  it('writes secrets in base32 (RFC 4648) and reads them back', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('makes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri(RFC_SECRET, 'registrar@demo.dsb', 'Dispute body')).toBe(
      'otpauth://totp/Dispute%20body:registrar%40demo.dsb?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Dispute%20body&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('makes recovery codes of 80 random bits, read however they are typed', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const normalized = normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))!;
    expect(normalized).toBe(code.replace(/-/g, ''));
    expect(hashRecoveryCode(normalized)).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeRecoveryCode('123456')).toBeNull();
    expect(normalizeRecoveryCode('ABCD-EFGH-IJKL-MNO1')).toBeNull();
  });
});

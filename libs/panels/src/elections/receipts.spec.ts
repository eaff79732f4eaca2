import { newReceipt, newSeed, normaliseReceipt, sha256 } from './receipts';

describe('receipts and seeds', () => {
  it('writes 80 bits as 16 base32 characters in groups of four', () => {
    expect(newReceipt(Buffer.alloc(10, 0))).toBe('0000-0000-0000-0000');
    expect(newReceipt(Buffer.alloc(10, 0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(newReceipt()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(newReceipt()).not.toBe(newReceipt());
  });

  it('reads a receipt typed in any case, with or without dashes', () => {
    expect(normaliseReceipt('7k3q9xmb 2rtd-h4vw')).toBe('7K3Q-9XMB-2RTD-H4VW');
  });

  it('publishes the hash of the seed, which the seed revealed later must match', () => {
    const { seed, seedHash } = newSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(seed)).toBe(seedHash);
  });
});

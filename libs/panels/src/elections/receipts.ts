import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read out and copy by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt code like `7K3Q-9XMB-2RTD-H4VW`: 80 random bits, unguessable, unlinked to the voter. */
export function newReceipt(bytes: Buffer = randomBytes(10)): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{1,4}/g)!.join('-');
}

/** Receipts as voters type them: any case, with or without dashes. */
export function normaliseReceipt(text: string): string {
  const plain = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

/** A fresh tie-break seed and its SHA-256, published at opening (libs/panels/README.md). */
export function newSeed(): { seed: string; seedHash: string } {
  const seed = randomBytes(32).toString('hex');
  return { seed, seedHash: sha256(seed) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

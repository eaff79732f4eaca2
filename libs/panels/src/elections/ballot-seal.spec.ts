import { randomUUID } from 'node:crypto';
import { SealedBallotError, electionKeyPair, openBallot, paddedLength, sealBallot, shuffle } from './ballot-seal';
import { newReceipt } from './receipts';

describe('sealed ballots', () => {
  const secret = 's'.repeat(40);
  const electionId = randomUUID();
  const candidates = Array.from({ length: 5 }, () => randomUUID());
  const keys = electionKeyPair(secret, electionId);

  it('derives one key pair per election from the secret, the same after a restart', () => {
    expect(keys.publicKey).toHaveLength(32);
    expect(electionKeyPair(secret, electionId).publicKey.equals(keys.publicKey)).toBe(true);
    expect(electionKeyPair(secret, randomUUID()).publicKey.equals(keys.publicKey)).toBe(false);
    expect(electionKeyPair('t'.repeat(40), electionId).publicKey.equals(keys.publicKey)).toBe(false);
  });

  it('opens what it sealed, with the election’s private key only', () => {
    const ballot = { receipt: newReceipt(), ranking: [candidates[2], candidates[0]] };
    const sealed = sealBallot(keys.publicKey, electionId, ballot, candidates.length);
    expect(openBallot(keys, electionId, sealed)).toEqual(ballot);
    expect(() => openBallot(electionKeyPair('t'.repeat(40), electionId), electionId, sealed)).toThrow(SealedBallotError);
    // Copied to another election, it does not open there even with that election's key.
    const other = randomUUID();
    expect(() => openBallot(electionKeyPair(secret, other), other, sealed)).toThrow(SealedBallotError);
    expect(() => openBallot(keys, other, sealed)).toThrow(SealedBallotError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 20] ^= 1;
    expect(() => openBallot(keys, electionId, tampered)).toThrow(SealedBallotError);
    expect(() => openBallot(keys, electionId, Buffer.from('not a ballot'))).toThrow(SealedBallotError);
  });

  it('gives every sealed ballot of an election the same length, and shows nothing of the ballot', () => {
    const sealed = [[], [candidates[0]], candidates, [candidates[4], candidates[1], candidates[3]]].map((ranking) => {
      const receipt = newReceipt();
      const blob = sealBallot(keys.publicKey, electionId, { receipt, ranking }, candidates.length);
      for (const text of [receipt, receipt.replace(/-/g, ''), ...ranking, ...ranking.map((id) => id.replace(/-/g, ''))]) {
        expect(blob.includes(Buffer.from(text))).toBe(false);
        expect(blob.toString('hex')).not.toContain(text.replace(/-/g, '').toLowerCase());
      }
      return blob;
    });
    expect(new Set(sealed.map((b) => b.length)).size).toBe(1);
    expect(sealed[0].length).toBe(1 + 32 + 12 + paddedLength(candidates.length) + 16);
    // The same ballot sealed twice gives two unrelated blobs (a fresh key pair each time).
    const ballot = { receipt: newReceipt(), ranking: [candidates[1]] };
    expect(sealBallot(keys.publicKey, electionId, ballot, 5).equals(sealBallot(keys.publicKey, electionId, ballot, 5))).toBe(false);
    expect(() => sealBallot(keys.publicKey, electionId, { receipt: newReceipt(), ranking: candidates }, 4)).toThrow();
  });

  it('shuffles uniformly: each of the 6 orders of 3 ballots about equally often', () => {
    const counts = new Map<string, number>();
    const runs = 12_000;
    for (let i = 0; i < runs; i += 1) {
      const order = shuffle(['a', 'b', 'c']).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 2000 each; a deviation of 250 is over 6 standard deviations.
    for (const n of counts.values()) expect(Math.abs(n - runs / 6)).toBeLessThan(250);
    expect(shuffle([])).toEqual([]);
  });
});

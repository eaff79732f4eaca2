import { createHash, randomBytes } from 'node:crypto';

/** DSU 17.1: three members of the appellate roster serve on one case. */
export const DIVISION_SIZE = 3;

export const drawKey = (seed: string, memberId: string): string => createHash('sha256').update(`${seed}:${memberId}`).digest('hex');

/**
 * The reproducible lot: members ordered by SHA-256(seed + ':' + memberId), the first three
 * drawn. Anyone holding the published seed and the roster's ids recomputes it.
 */
export function drawDivision(seed: string, memberIds: readonly string[], size = DIVISION_SIZE): string[] {
  return [...memberIds]
    .map((id) => ({ id, key: drawKey(seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, size)
    .map((m) => m.id);
}

export const newDrawSeed = (): string => randomBytes(32).toString('hex');

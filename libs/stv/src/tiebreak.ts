import { createHash } from 'node:crypto';

import type { LotDraw } from './types';

// Drawing lots (Scottish rules 49(3) and 51(2)(b); Meek reference rule, procedure T).
//
// The lot must be reproducible from the seed revealed at close and must not depend on the order
// of the ballots or of the candidate list. For a draw made while deciding stage `stage` (the
// number the new stage will carry), each tied candidate gets the digest
//   hex(SHA-256(UTF-8(`${seed}:${stage}:${candidateId}`)))
// and the candidates are ranked by ascending digest (ties between digests are impossible in
// practice; they fall back to comparing the ids). The first in that order is the one chosen: the
// candidate excluded, or the candidate whose surplus is transferred first. Including the stage
// number means two draws between the same candidates at different stages are independent.
export function drawLots(seed: string, stage: number, candidateIds: readonly string[]): LotDraw[] {
  return candidateIds
    .map((candidate) => ({
      candidate,
      digest: createHash('sha256').update(`${seed}:${stage}:${candidate}`, 'utf8').digest('hex'),
    }))
    .sort((a, b) =>
      a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0,
    );
}

export type LookBackOutcome = { decided: true; chosen: number; stage: number } | { decided: false; remaining: number[] };

// Look-back (Scottish rules 49(2) and 51(2)(a)): walk back from the most recent preceding stage
// to the first, and at the first stage where the tied candidates had unequal votes keep those
// with the highest (surplus order) or lowest (exclusion) figure. The order does not say what to
// do when, at that stage, several of three or more candidates share that figure; we keep only
// those and continue looking further back (as Droop's implementation of the order does), and
// leave any still tied at stage 1 to the lot.
//
// `history[k]` holds every candidate's votes at the end of stage k + 1; `beforeStage` is the
// number of the stage at whose end the tie arose (only stages before it are examined).
export function lookBack(
  tied: readonly number[],
  history: readonly (readonly bigint[])[],
  beforeStage: number,
  pick: 'highest' | 'lowest',
): LookBackOutcome {
  let remaining = [...tied];
  for (let stage = beforeStage - 1; stage >= 1; stage--) {
    const votes = history[stage - 1];
    let best = votes[remaining[0]];
    for (const c of remaining) {
      if (pick === 'highest' ? votes[c] > best : votes[c] < best) best = votes[c];
    }
    const kept = remaining.filter((c) => votes[c] === best);
    if (kept.length === 1) return { decided: true, chosen: kept[0], stage };
    remaining = kept;
  }
  return { decided: false, remaining };
}

import { CountInputError, type CountInput } from './types';

// The validated input in a compact form shared by both counting rules: candidates become integer
// indices, withdrawn candidates are removed from every ranking, and identical rankings are merged
// into one entry with a multiplicity. Merging is what makes 100 000 ballots cheap to count, and
// since every later computation only sums per-entry figures, the result cannot depend on the
// order in which ballots were supplied.
export interface PreparedCount {
  candidates: string[];
  seats: number;
  withdrawn: boolean[];
  // Distinct rankings, flattened: entry e ranks prefs[start[e]] .. prefs[end[e] - 1].
  prefs: Int32Array;
  start: Int32Array;
  end: Int32Array;
  mult: number[];
  validBallots: number;
  invalidBallots: number;
}

export function prepare(input: CountInput): PreparedCount {
  const { candidates, seats } = input;
  if (!Array.isArray(candidates)) throw new CountInputError('candidates must be an array');
  if (!Number.isInteger(seats) || seats < 1) {
    throw new CountInputError(`seats must be an integer of at least 1 (got ${String(seats)})`);
  }
  if (typeof input.seed !== 'string') throw new CountInputError('seed must be a string');
  const index = new Map<string, number>();
  candidates.forEach((id, i) => {
    if (typeof id !== 'string') throw new CountInputError(`candidate ${i + 1} is not a string id`);
    if (index.has(id)) throw new CountInputError(`duplicate candidate id "${id}"`);
    index.set(id, i);
  });

  const withdrawn = candidates.map(() => false);
  for (const id of input.withdrawn ?? []) {
    const i = index.get(id);
    if (i === undefined) {
      throw new CountInputError(`withdrawn candidate "${id}" is not a candidate`);
    }
    if (withdrawn[i]) throw new CountInputError(`candidate "${id}" is withdrawn twice`);
    withdrawn[i] = true;
  }

  // Identical rankings are found through a string key with one UTF-16 code unit per candidate
  // (or comma-separated numbers beyond 65 535 candidates): cheap to build and to hash.
  const narrow = candidates.length <= 0xffff;
  const entryOf = new Map<string, number>();
  const rankings: number[][] = [];
  const mult: number[] = [];
  const seenAt = new Int32Array(candidates.length).fill(-1);
  const ranking: number[] = [];
  let validBallots = 0;
  let invalidBallots = 0;
  input.ballots.forEach((ballot, b) => {
    const weight = ballot.weight ?? 1;
    if (!Number.isSafeInteger(weight) || weight < 1) {
      throw new CountInputError(`ballot ${b + 1}: weight must be a positive integer`);
    }
    ranking.length = 0;
    let key = '';
    for (const id of ballot.ranking) {
      const c = index.get(id);
      if (c === undefined) throw new CountInputError(`ballot ${b + 1}: unknown candidate "${id}"`);
      if (seenAt[c] === b) {
        throw new CountInputError(`ballot ${b + 1}: candidate "${id}" is ranked more than once`);
      }
      seenAt[c] = b;
      if (withdrawn[c]) continue;
      ranking.push(c);
      key += narrow ? String.fromCharCode(c) : `${c},`;
    }
    // An empty ranking (or one naming only withdrawn candidates) gives no valid first preference,
    // so the paper is invalid and is not part of the "total number of valid ballot papers" (46).
    if (ranking.length === 0) {
      invalidBallots += weight;
      return;
    }
    validBallots += weight;
    if (!Number.isSafeInteger(validBallots)) throw new CountInputError('too many ballots');
    const entry = entryOf.get(key);
    if (entry === undefined) {
      entryOf.set(key, rankings.length);
      rankings.push([...ranking]);
      mult.push(weight);
    } else {
      mult[entry] += weight;
    }
  });

  const total = rankings.reduce((sum, r) => sum + r.length, 0);
  const prefs = new Int32Array(total);
  const start = new Int32Array(rankings.length);
  const end = new Int32Array(rankings.length);
  let at = 0;
  rankings.forEach((ranking, e) => {
    start[e] = at;
    prefs.set(ranking, at);
    at += ranking.length;
    end[e] = at;
  });
  return {
    candidates: [...candidates],
    seats,
    withdrawn,
    prefs,
    start,
    end,
    mult,
    validBallots,
    invalidBallots,
  };
}

// Order for candidates that become elected at the same stage: more votes first, then the order of
// the candidate list (it only orders the `elected` list; it never decides who is elected).
export function byVotesDescending(votes: readonly bigint[]): (a: number, b: number) => number {
  return (a, b) => (votes[a] > votes[b] ? -1 : votes[a] < votes[b] ? 1 : a - b);
}

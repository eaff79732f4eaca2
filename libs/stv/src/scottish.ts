import { formatFixed, unitFor } from './fixed';
import { byVotesDescending, type PreparedCount } from './prepare';
import { drawLots, lookBack } from './tiebreak';
import type { CountResult, CountStage, StageAction, StageTransfers, TieBreak, TransferParcel } from './types';

// Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1,
// rules 45-52. All figures are fixed point with five decimals, as rule 48(3) fixes for transfer
// values; since a paper's value always has five decimals and ballot counts are integers, every
// credited vote is exact at five decimals and nothing else needs rounding.
const DECIMALS = 5;
const UNIT = unitFor(DECIMALS);

const CONTINUING = 0;
const ELECTED = 1;
const EXCLUDED = 2;
const WITHDRAWN = 3;

interface ParcelTally {
  newValue: number;
  papers: number;
  to: number[];
  nonTransferable: number;
}

export function countScottish(p: PreparedCount, seed: string): CountResult {
  const n = p.candidates.length;
  const names = p.candidates;
  const nEntries = p.mult.length;
  const state: number[] = p.withdrawn.map((w) => (w ? WITHDRAWN : CONTINUING));
  const votes: bigint[] = new Array<bigint>(n).fill(0n);
  const surplusTransferred: boolean[] = new Array<boolean>(n).fill(false);
  // Each distinct ranking is one "paper" (with multiplicity mult[e]); pos[e] indexes the
  // preference it currently sits at, valueId[e] its value in the `values` table.
  const pos = Int32Array.from(p.start);
  const valueId = new Int32Array(nEntries);
  const values: bigint[] = [UNIT];
  const valueIndex = new Map<bigint, number>([[UNIT, 0]]);
  const papersOf: number[][] = names.map(() => []);
  const history: bigint[][] = [];
  const stages: CountStage[] = [];
  const elected: string[] = [];
  const excluded: string[] = [];
  let exhausted = 0n;
  let lost = 0n;

  const fmt = (v: bigint): string => formatFixed(v, DECIMALS);
  const internValue = (v: bigint): number => {
    let id = valueIndex.get(v);
    if (id === undefined) {
      id = values.length;
      values.push(v);
      valueIndex.set(v, id);
    }
    return id;
  };
  const continuing = (): number[] => state.flatMap((s, c) => (s === CONTINUING ? [c] : []));

  // Rule 47(1): a candidate whose votes equal or exceed the quota is deemed to be elected.
  const electQuotaReached = (quota: bigint): number[] => {
    const reached = continuing().filter((c) => votes[c] >= quota);
    reached.sort(byVotesDescending(votes));
    for (const c of reached) {
      state[c] = ELECTED;
      elected.push(names[c]);
    }
    return reached;
  };

  const record = (action: StageAction, newlyElected: number[], extra: Partial<CountStage> = {}): void => {
    const shown: Record<string, string> = {};
    names.forEach((name, c) => {
      if (state[c] !== WITHDRAWN) shown[name] = fmt(votes[c]);
    });
    history.push([...votes]);
    stages.push({
      number: stages.length + 1,
      action,
      ...(extra.subject !== undefined ? { subject: extra.subject } : {}),
      votes: shown,
      exhausted: fmt(exhausted),
      lost: fmt(lost),
      elected: newlyElected.map((c) => names[c]),
      excluded: extra.excluded ?? [],
      ...(extra.transfers ? { transfers: extra.transfers } : {}),
      ...(extra.tieBreak ? { tieBreak: extra.tieBreak } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    });
  };

  // Moves every paper held by `from` to its next available preference for a continuing
  // candidate (rules 48(1)-(2) and 50(2)-(3)), each parcel of equal received value carrying
  // `transferValue(received)` onward. Papers with no further continuing preference form the
  // parcel of non-transferable papers.
  const movePapers = (from: number, transferValue: (received: bigint) => bigint): { parcels: TransferParcel[]; moved: bigint } => {
    const tallies = new Map<number, ParcelTally>();
    for (const e of papersOf[from]) {
      let tally = tallies.get(valueId[e]);
      if (tally === undefined) {
        const newValue = internValue(transferValue(values[valueId[e]]));
        tally = { newValue, papers: 0, to: new Array<number>(n).fill(0), nonTransferable: 0 };
        tallies.set(valueId[e], tally);
      }
      tally.papers += p.mult[e];
      let i = pos[e] + 1;
      while (i < p.end[e] && state[p.prefs[i]] !== CONTINUING) i++;
      pos[e] = i;
      if (i >= p.end[e]) {
        tally.nonTransferable += p.mult[e];
      } else {
        const to = p.prefs[i];
        tally.to[to] += p.mult[e];
        papersOf[to].push(e);
        valueId[e] = tally.newValue;
      }
    }
    papersOf[from] = [];

    let moved = 0n;
    const parcels: TransferParcel[] = [];
    const received = [...tallies.keys()].sort((a, b) => (values[a] > values[b] ? -1 : 1));
    for (const r of received) {
      const tally = tallies.get(r) as ParcelTally;
      const value = values[tally.newValue];
      const to: TransferParcel['to'] = {};
      tally.to.forEach((papers, c) => {
        if (papers === 0) return;
        const credit = BigInt(papers) * value;
        votes[c] += credit;
        moved += credit;
        to[names[c]] = { papers, votes: fmt(credit) };
      });
      const nonTransferable = BigInt(tally.nonTransferable) * value;
      exhausted += nonTransferable;
      moved += nonTransferable;
      parcels.push({
        valueReceived: fmt(values[r]),
        transferValue: fmt(value),
        papers: tally.papers,
        to,
        nonTransferable: { papers: tally.nonTransferable, votes: fmt(nonTransferable) },
      });
    }
    return { parcels, moved };
  };

  // Ties for surplus order (rule 49(2)-(3)) and for exclusion (rule 51): look back, then lot.
  const breakTie = (tied: number[], purpose: TieBreak['purpose']): { chosen: number; tieBreak?: TieBreak } => {
    if (tied.length === 1) return { chosen: tied[0] };
    const among = tied.map((c) => names[c]);
    const pick = purpose === 'surplus-order' ? 'highest' : 'lowest';
    const back = lookBack(tied, history, stages.length, pick);
    if (back.decided) {
      const tieBreak: TieBreak = {
        purpose,
        among,
        method: 'look-back',
        chosen: names[back.chosen],
        decidedAtStage: back.stage,
      };
      return { chosen: back.chosen, tieBreak };
    }
    const lots = drawLots(
      seed,
      stages.length + 1,
      back.remaining.map((c) => names[c]),
    );
    const chosen = names.indexOf(lots[0].candidate);
    return { chosen, tieBreak: { purpose, among, method: 'lot', chosen: names[chosen], lots } };
  };

  // Rule 45: first stage. Rule 46: quota = floor(valid papers / (seats + 1)) + 1, fixed here.
  const firstCount = new Array<number>(n).fill(0);
  for (let e = 0; e < nEntries; e++) {
    const c = p.prefs[p.start[e]];
    papersOf[c].push(e);
    firstCount[c] += p.mult[e];
  }
  firstCount.forEach((count, c) => (votes[c] = BigInt(count) * UNIT));
  const quota = (BigInt(p.validBallots) / BigInt(p.seats + 1) + 1n) * UNIT;
  record('first', electQuotaReached(quota));

  for (;;) {
    if (elected.length >= p.seats) break;
    // Rule 52: when the continuing candidates are no more than the vacancies they are all
    // deemed elected and no further transfer is made (also when there are fewer of them than
    // vacancies, which the order does not foresee: they are all elected and seats stay empty).
    const remaining = continuing();
    if (remaining.length <= p.seats - elected.length) {
      if (remaining.length > 0) {
        remaining.sort(byVotesDescending(votes));
        for (const c of remaining) {
          state[c] = ELECTED;
          elected.push(names[c]);
        }
        record('elect-remaining', remaining, {
          note: 'rule 52: continuing candidates equal the vacancies remaining unfilled',
        });
      }
      break;
    }

    // Rule 48(1) / 49(1): surpluses are always transferred before any exclusion (the order has
    // no deferral of surpluses), the highest surplus first.
    const withSurplus = state.flatMap((s, c) => (s === ELECTED && !surplusTransferred[c] && votes[c] > quota ? [c] : []));
    if (withSurplus.length > 0) {
      const highest = withSurplus.reduce((a, c) => (votes[c] > votes[a] ? c : a));
      const tied = withSurplus.filter((c) => votes[c] === votes[highest]);
      const { chosen: from, tieBreak } = breakTie(tied, 'surplus-order');
      const total = votes[from];
      const surplus = total - quota;
      // Rule 48(3)-(4): transfer value = surplus × value of the paper when received / total
      // votes of the candidate, to five decimals, remainder ignored. Every paper the candidate
      // holds is examined (weighted inclusive Gregory), not only the last parcel received.
      const { parcels, moved } = movePapers(from, (v) => (surplus * v) / total);
      votes[from] = quota;
      surplusTransferred[from] = true;
      const stageLost = surplus - moved;
      lost += stageLost;
      const transfers: StageTransfers = {
        from: names[from],
        surplus: fmt(surplus),
        fromTotal: fmt(total),
        parcels,
        lost: fmt(stageLost),
      };
      record('surplus', electQuotaReached(quota), { subject: names[from], transfers, tieBreak });
      continue;
    }

    // Rule 50(1): with no surplus to transfer, exclude the candidate with the fewest votes.
    const lowest = remaining.reduce((a, c) => (votes[c] < votes[a] ? c : a));
    const tied = remaining.filter((c) => votes[c] === votes[lowest]);
    const { chosen: out, tieBreak } = breakTie(tied, 'exclusion');
    state[out] = EXCLUDED;
    excluded.push(names[out]);
    // Rule 50(2)-(4): all of the excluded candidate's papers are transferred in this one stage,
    // each at the value it had when received (1 for first preferences). Unlike the Northern
    // Ireland and Irish rules, the Scottish order does not split an exclusion into sub-stages
    // by transfer value, so neither do we; the parcels are still reported value by value.
    const { parcels, moved } = movePapers(out, (v) => v);
    if (moved !== votes[out]) throw new Error('internal: exclusion did not move every vote');
    votes[out] = 0n;
    const transfers: StageTransfers = { from: names[out], parcels, lost: fmt(0n) };
    record('exclusion', electQuotaReached(quota), {
      subject: names[out],
      excluded: [names[out]],
      transfers,
      tieBreak,
    });
  }

  return {
    rules: 'scottish-stv',
    seats: p.seats,
    quota: fmt(quota),
    decimals: DECIMALS,
    elected,
    excluded,
    withdrawn: names.filter((_, c) => p.withdrawn[c]),
    validBallots: p.validBallots,
    invalidBallots: p.invalidBallots,
    stages,
  };
}

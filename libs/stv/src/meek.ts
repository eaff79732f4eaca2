import { ceilDiv, formatFixed, unitFor } from './fixed';
import { BallotGroups, DEFEATED, ELECTED, HOPEFUL, WITHDRAWN, type ActiveGroups } from './meek-groups';
import { byVotesDescending, type PreparedCount } from './prepare';
import { drawLots } from './tiebreak';
import type { CountResult, CountStage, StageAction, TieBreak } from './types';

// Meek STV as in the Proportional Representation Foundation's "Reference Rule: Meek's Method"
// (prfound.org/resources/reference/reference-meek-rule/). Step labels below (A, B.1, B.2.a ...,
// B.3, C.1, C.2, T) are that rule's. Fixed point with 9 decimals; results are truncated unless
// the rule says "rounded up"; omega = 0.000001. The rule defeats one candidate at a time (it has
// no batch defeat), so neither do we.
const DECIMALS = 9;
const UNIT = unitFor(DECIMALS);
const OMEGA = UNIT / 1_000_000n;

export function countMeek(p: PreparedCount, seed: string): CountResult {
  const n = p.candidates.length;
  const names = p.candidates;
  const fmt = (v: bigint): string => formatFixed(v, DECIMALS);
  const total = BigInt(p.validBallots) * UNIT;

  // A. Hopeful candidates get keep factor 1, withdrawn candidates 0.
  const state: number[] = p.withdrawn.map((w) => (w ? WITHDRAWN : HOPEFUL));
  const kf = state.map((s) => (s === HOPEFUL ? UNIT : 0n));
  let votes: bigint[] = new Array<bigint>(n).fill(0n);
  let excess = 0n;
  let quota = 0n;
  const stages: CountStage[] = [];
  const elected: string[] = [];
  const excluded: string[] = [];
  const count = (s: number): number => state.filter((x) => x === s).length;
  const hopeful = (): number[] => state.flatMap((s, c) => (s === HOPEFUL ? [c] : []));

  // B.2.a. For each ballot: w = 1; for each ranked candidate in order, add w × kf (to 9 places,
  // rounded up) to the candidate's vote and reduce w by the same amount, until w is 0 or the
  // ballot has no more candidates. What is left of w is the excess (shown as "exhausted").
  const distribute = (groups: ActiveGroups): void => {
    votes = new Array<bigint>(n).fill(0n);
    excess = 0n;
    groups.seq.forEach((prefix, g) => {
      const m = groups.mult[g];
      let w = UNIT;
      for (const c of prefix) {
        const keep = ceilDiv(w * kf[c], UNIT);
        votes[c] += keep * m;
        w -= keep;
        if (w === 0n) break;
      }
      excess += w * m;
    });
  };

  const record = (action: StageAction, extra: Partial<CountStage>, surplus: bigint): void => {
    const shown: Record<string, string> = {};
    const keepFactors: Record<string, string> = {};
    names.forEach((name, c) => {
      if (state[c] === WITHDRAWN) return;
      shown[name] = fmt(votes[c]);
      if (state[c] === ELECTED) keepFactors[name] = fmt(kf[c]);
    });
    stages.push({
      number: stages.length + 1,
      action,
      ...(extra.subject !== undefined ? { subject: extra.subject } : {}),
      votes: shown,
      exhausted: fmt(excess),
      // Each ballot's kept amounts and remaining weight add up to exactly 1, so nothing is lost.
      lost: fmt(0n),
      elected: extra.elected ?? [],
      excluded: extra.excluded ?? [],
      ...(extra.tieBreak ? { tieBreak: extra.tieBreak } : {}),
      quota: fmt(quota),
      surplus: fmt(surplus),
      keepFactors,
      ...(extra.iterations !== undefined ? { iterations: extra.iterations } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    });
  };

  // B.1. Rounds continue while seats are unfilled and elected + hopeful exceed the seats.
  const ballotGroups = new BallotGroups(p, state);
  while (count(ELECTED) < p.seats && count(ELECTED) + count(HOPEFUL) > p.seats) {
    const groups = ballotGroups.active();
    let previousSurplus: bigint | undefined;
    let iterations = 0;
    for (;;) {
      iterations++;
      distribute(groups);
      // B.2.b. quota = (sum of all votes) / (seats + 1), truncated to 9 places, + 0.000000001.
      const sum = votes.reduce((a, v) => a + v, 0n);
      if (sum + excess !== total) throw new Error('internal: Meek distribution lost value');
      quota = sum / BigInt(p.seats + 1) + 1n;
      // B.2.c. Elect every hopeful candidate with v >= q. The quota is above a (seats + 1)th of
      // the votes, so no more than the vacancies can reach it; the cap below only guards against
      // rounding pathologies and is not part of the reference rule.
      const winners = hopeful()
        .filter((c) => votes[c] >= quota)
        .sort(byVotesDescending(votes))
        .slice(0, p.seats - count(ELECTED));
      for (const c of winners) {
        state[c] = ELECTED;
        elected.push(names[c]);
        ballotGroups.changed(c);
      }
      // B.2.d. Total surplus s = sum over elected candidates of (v - q), but not less than 0.
      const raw = state.reduce((a, s, c) => (s === ELECTED ? a + votes[c] - quota : a), 0n);
      const surplus = raw > 0n ? raw : 0n;
      if (winners.length > 0) {
        // B.2.e: a candidate was elected, so continue at B.1 (a new round).
        record('iteration', { elected: winners.map((c) => names[c]), iterations }, surplus);
        break;
      }
      // B.2.e. Iteration is finished when s < omega or, after the first iteration, when s did
      // not decrease; then B.3 defeats the lowest candidate.
      const converged = surplus < OMEGA;
      if (converged || (previousSurplus !== undefined && surplus >= previousSurplus)) {
        defeatLowest(surplus, iterations, converged);
        break;
      }
      previousSurplus = surplus;
      // B.2.f. kf = kf × q (to 9 places, rounded up) / v (to 9 places, rounded up).
      // (An elected candidate always holds some votes; the guard only avoids dividing by 0.)
      state.forEach((s, c) => {
        if (s !== ELECTED || votes[c] === 0n) return;
        kf[c] = ceilDiv(ceilDiv(kf[c] * quota, UNIT) * UNIT, votes[c]);
      });
    }
  }

  // B.3. Defeat the hopeful candidate with the lowest vote v; every hopeful c' with v' <= v + s
  // counts as tied with it (the candidates the surplus could still reorder), and the tie is
  // broken by procedure T, which for us is the seeded lot of tiebreak.ts. Then kf = 0.
  function defeatLowest(surplus: bigint, iterations: number, converged: boolean): void {
    const candidatesLeft = hopeful();
    const low = candidatesLeft.reduce((a, c) => (votes[c] < votes[a] ? c : a));
    const tied = candidatesLeft.filter((c) => votes[c] <= votes[low] + surplus);
    let out = low;
    let tieBreak: TieBreak | undefined;
    if (tied.length > 1) {
      const lots = drawLots(
        seed,
        stages.length + 1,
        tied.map((c) => names[c]),
      );
      out = names.indexOf(lots[0].candidate);
      tieBreak = {
        purpose: 'exclusion',
        among: tied.map((c) => names[c]),
        method: 'lot',
        chosen: names[out],
        lots,
      };
    }
    state[out] = DEFEATED;
    kf[out] = 0n;
    ballotGroups.changed(out);
    excluded.push(names[out]);
    const note = converged
      ? 'B.2.e: total surplus below omega; B.3: lowest candidate defeated'
      : 'B.2.e: total surplus stopped decreasing; B.3: lowest candidate defeated';
    const detail = { subject: names[out], excluded: [names[out]], tieBreak, iterations, note };
    record('exclusion', detail, surplus);
  }

  // C.1. If seats are unfilled, elect every remaining hopeful candidate (C.2: otherwise they are
  // defeated, which needs no stage of its own).
  if (stages.length === 0) {
    // No round was needed (no more candidates than seats): distribute once so that the stage
    // still shows each candidate's votes and the quota.
    distribute(ballotGroups.active());
    quota = (total - excess) / BigInt(p.seats + 1) + 1n;
  }
  const rest = hopeful().sort(byVotesDescending(votes));
  if (count(ELECTED) < p.seats && rest.length > 0) {
    for (const c of rest) {
      state[c] = ELECTED;
      elected.push(names[c]);
    }
    const note = 'C.1: elected plus hopeful candidates no more than the seats (votes of the last iteration)';
    record('elect-remaining', { elected: rest.map((c) => names[c]), note }, 0n);
  }

  return {
    rules: 'meek-stv',
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

// Public shapes of the panel count. Everything here is plain data so that a CountResult can be
// stored as JSON and re-checked by anyone: every vote figure is a decimal string produced from
// exact bigint fixed-point arithmetic, never a floating-point number.

export type CountingRules = 'scottish-stv' | 'meek-stv';

export interface BallotInput {
  // BLT multiplicity: how many identical ballot papers this entry stands for (positive integer).
  weight?: number;
  // Candidate ids, most preferred first.
  ranking: string[];
}

export interface CountInput {
  candidates: string[];
  seats: number;
  ballots: BallotInput[];
  // Tie-break seed text, revealed at close; see tiebreak.ts for exactly how lots are drawn.
  seed: string;
  withdrawn?: string[];
  rules: CountingRules;
}

// 'first'           Scottish rule 45: first preferences.
// 'surplus'         Scottish rules 48-49: transfer of one candidate's surplus.
// 'exclusion'       Scottish rules 50-51: exclusion of one candidate and transfer of their papers.
//                   Meek B.3: a round that ended by defeating one candidate; the votes shown are
//                   those of the round's last iteration (the defeat takes effect next round).
// 'iteration'       Meek B.2: a round that ended because one or more candidates reached the quota.
// 'elect-remaining' Scottish rule 52 / Meek C.1: continuing candidates fill the last vacancies.
export type StageAction = 'first' | 'surplus' | 'exclusion' | 'iteration' | 'elect-remaining';

export interface TransferTarget {
  papers: number;
  votes: string;
}

// One parcel of papers that had the same value when received by the transferring candidate
// (Scottish rule 48(4)(b) / 50(4)): each paper moves on with `transferValue`.
export interface TransferParcel {
  valueReceived: string;
  transferValue: string;
  papers: number;
  to: Record<string, TransferTarget>;
  nonTransferable: TransferTarget;
}

export interface StageTransfers {
  from: string;
  // Surplus stages: the surplus (A's first factor in rule 48(3)) and the candidate's total (B).
  surplus?: string;
  fromTotal?: string;
  parcels: TransferParcel[];
  // Value lost in this stage because transfer values are truncated to five decimals.
  lost: string;
}

export interface LotDraw {
  candidate: string;
  // hex SHA-256 of `${seed}:${stage}:${candidate}`; the lowest digest is chosen.
  digest: string;
}

export interface TieBreak {
  purpose: 'surplus-order' | 'exclusion';
  among: string[];
  method: 'look-back' | 'lot';
  chosen: string;
  // look-back: the preceding stage whose figures separated the candidates.
  decidedAtStage?: number;
  // lot: every tied candidate's digest, in ascending order.
  lots?: LotDraw[];
}

export interface CountStage {
  number: number;
  action: StageAction;
  subject?: string;
  // Candidate id -> votes at the end of the stage (withdrawn candidates are not listed).
  votes: Record<string, string>;
  // Cumulative value of non-transferable papers (Meek: the excess not kept by anyone).
  exhausted: string;
  // Cumulative value lost to truncation; votes + exhausted + lost = valid ballots, exactly.
  lost: string;
  elected: string[];
  excluded: string[];
  transfers?: StageTransfers;
  tieBreak?: TieBreak;
  // Meek only: the quota, total surplus, keep factors and iteration count of this round.
  quota?: string;
  surplus?: string;
  keepFactors?: Record<string, string>;
  iterations?: number;
  note?: string;
}

export interface CountResult {
  rules: CountingRules;
  seats: number;
  // Scottish: the fixed quota of rule 46. Meek: the quota of the last iteration.
  quota: string;
  // Number of decimal places of every figure (5 Scottish, 9 Meek).
  decimals: number;
  elected: string[];
  excluded: string[];
  withdrawn: string[];
  validBallots: number;
  // Ballots with no preference for any candidate that is not withdrawn (not counted).
  invalidBallots: number;
  stages: CountStage[];
}

export class CountInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountInputError';
  }
}

import type { PreparedCount } from './prepare';

export const HOPEFUL = 0;
export const ELECTED = 1;
export const DEFEATED = 2;
export const WITHDRAWN = 3;

export interface ActiveGroups {
  // Candidates that take part of each group's ballots, in ranking order.
  seq: number[][];
  // Number of ballots in each group.
  mult: bigint[];
}

// Ballots grouped for step B.2.a of the Meek reference rule.
//
// In B.2.a a ballot's weight is shared, in ranking order, among elected candidates (keep factor
// below 1) until it reaches a hopeful candidate, whose keep factor of 1 takes all that is left;
// defeated and withdrawn candidates (keep factor 0) take nothing. So a ballot's contribution
// depends only on its "prefix": the elected candidates before its first hopeful candidate, then
// that hopeful candidate. Ballots with equal prefixes get identical amounts, and a group can apply
// the rule's per-ballot arithmetic once and multiply by the number of ballots without changing a
// single digit. Prefixes change only when the candidate that ends them is elected (the ballot now
// continues past it) or defeated (it drops out), so only those ballots are re-examined; this keeps
// a 100 000-ballot count from re-reading every ballot in every round.
export class BallotGroups {
  private readonly children = new Map<number, number>();
  private readonly parent: number[] = [-1];
  private readonly label: number[] = [-1];
  private readonly groupOfNode = new Map<number, number>();
  private readonly groupSeq: number[][] = [];
  private readonly groupMult: number[] = [];
  private readonly entryNode: Int32Array;
  private readonly entryPos: Int32Array;
  private readonly endingAt: number[][];

  constructor(
    private readonly p: PreparedCount,
    private readonly state: readonly number[],
  ) {
    const entries = p.mult.length;
    this.entryNode = new Int32Array(entries);
    this.entryPos = new Int32Array(entries);
    this.endingAt = p.candidates.map(() => []);
    for (let e = 0; e < entries; e++) {
      this.entryPos[e] = p.start[e] - 1;
      this.advance(e);
    }
  }

  // Call after candidate `c`, which was hopeful, has been elected or defeated.
  changed(c: number): void {
    const affected = this.endingAt[c];
    this.endingAt[c] = [];
    for (const e of affected) {
      this.groupMult[this.groupFor(this.entryNode[e])] -= this.p.mult[e];
      // A defeated candidate leaves the prefix; an elected one stays in it.
      if (this.state[c] !== ELECTED) this.entryNode[e] = this.parent[this.entryNode[e]];
      this.advance(e);
    }
  }

  active(): ActiveGroups {
    const seq: number[][] = [];
    const mult: bigint[] = [];
    this.groupMult.forEach((m, g) => {
      if (m === 0) return;
      seq.push(this.groupSeq[g]);
      mult.push(BigInt(m));
    });
    return { seq, mult };
  }

  private advance(e: number): void {
    const { prefs, end } = this.p;
    let node = this.entryNode[e];
    let i = this.entryPos[e] + 1;
    for (; i < end[e]; i++) {
      const s = this.state[prefs[i]];
      if (s === ELECTED || s === HOPEFUL) node = this.step(node, prefs[i]);
      if (s === HOPEFUL) break;
    }
    this.entryNode[e] = node;
    this.entryPos[e] = i;
    if (i < end[e]) this.endingAt[prefs[i]].push(e);
    this.groupMult[this.groupFor(node)] += this.p.mult[e];
  }

  private step(node: number, candidate: number): number {
    const key = node * this.p.candidates.length + candidate;
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.parent.length;
      this.parent.push(node);
      this.label.push(candidate);
      this.children.set(key, child);
    }
    return child;
  }

  private groupFor(node: number): number {
    let g = this.groupOfNode.get(node);
    if (g === undefined) {
      g = this.groupSeq.length;
      const seq: number[] = [];
      for (let at = node; at !== 0; at = this.parent[at]) seq.unshift(this.label[at]);
      this.groupOfNode.set(node, g);
      this.groupSeq.push(seq);
      this.groupMult.push(0);
    }
    return g;
  }
}
